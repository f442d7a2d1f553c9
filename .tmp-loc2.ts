import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseYamlStream } from './src/loaders/yaml.js';
const files: string[] = [];
const walk = (d: string) => { for (const n of readdirSync(d)) { const p = path.join(d, n); if (statSync(p).isDirectory()) walk(p); else if (/\.ya?ml$/.test(n)) files.push(p); } };
walk(process.argv[2]!);
const docs = files.flatMap((f) => parseYamlStream(readFileSync(f, 'utf8')).documents);
const paths = [['metadata', 'name'], ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'], ['spec', 'template', 'spec', 'automountServiceAccountToken'], ['spec', 'template', 'spec', 'containers', 0, 'image'], []];
for (let r = 0; r < 6; r++) {
  (globalThis as any).TMP_NO_LRU = r % 2 === 1;
  const c0 = process.cpuUsage(); let n = 0;
  for (const d of docs) for (const p of paths) { d.sourceMap.locate(p); n++; }
  const cu = process.cpuUsage(c0); const ms = (cu.user + cu.system) / 1000;
  console.log(r % 2 ? 'rebuild' : 'lru    ', (1000 * ms / n).toFixed(1), 'us each');
}
