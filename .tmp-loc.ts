import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseYamlStream } from './src/loaders/yaml.js';
const files: string[] = [];
const walk = (d: string) => { for (const n of readdirSync(d)) { const p = path.join(d, n); if (statSync(p).isDirectory()) walk(p); else if (/\.ya?ml$/.test(n)) files.push(p); } };
walk(process.argv[2]!);
const docs = files.flatMap((f) => parseYamlStream(readFileSync(f, 'utf8')).documents);
const paths = [['metadata', 'name'], ['spec', 'template', 'spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'], ['spec', 'template', 'spec', 'automountServiceAccountToken'], ['spec', 'template', 'spec', 'containers', 0, 'image'], []];
let fallback = 0; const reasons = new Map<string, number>();
for (let r = 0; r < 3; r++) {
  const t0 = performance.now(); let n = 0;
  for (const d of docs) for (const p of paths) { d.sourceMap.locate(p); n++; const a = (d.sourceMap as any).lastAnswer; if (r === 0 && a?.by === 'fallback') { fallback++; reasons.set(a.reason, (reasons.get(a.reason) ?? 0) + 1); } }
  const ms = performance.now() - t0;
  console.log(n, 'locates', (1000 * ms / n).toFixed(1), 'us each');
}
console.log('fallback answers', fallback, reasons);
