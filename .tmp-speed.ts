import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseYamlStream } from './src/loaders/yaml.js';
const files: string[] = [];
const walk = (d: string) => { for (const n of readdirSync(d)) { const p = path.join(d, n); if (statSync(p).isDirectory()) walk(p); else if (/\.ya?ml$/.test(n)) files.push(p); } };
walk(process.argv[2]!);
const texts = files.map((f) => readFileSync(f, 'utf8'));
const bytes = texts.reduce((a, t) => a + t.length, 0);
const reasons = new Map<string, number>();
for (const fast of [true, true, true]) {
  const t0 = performance.now(); let n = 0;
  for (const t of texts) n += parseYamlStream(t, { fast, onSlowPath: (r) => fast && reasons.set(r, (reasons.get(r) ?? 0) + 1) }).documents.length;
  const ms = performance.now() - t0;
  console.log(fast ? 'fast' : 'yaml', n, 'docs', (bytes / 1e6 / (ms / 1000)).toFixed(1), 'MB/s');
}
console.log(reasons);
