import { TextSourceMap } from './src/loaders/yaml-text-map.js';
import { scan } from './src/scan.js';
import { parseYamlStream } from './src/loaders/yaml.js';
import { readFileSync } from 'node:fs';
import { discoverFiles } from './src/loaders/discover.js';
const dir = process.argv[2]!;
const used = new Set<TextSourceMap>(); const fellBack = new Set<TextSourceMap>(); const reasons = new Map<string, number>();
let calls = 0, walkerCalls = 0;
for (const name of ['locate', 'locateValue'] as const) {
  const original = TextSourceMap.prototype[name];
  (TextSourceMap.prototype as any)[name] = function (this: TextSourceMap, path: any) {
    const result = (original as any).call(this, path);
    used.add(this); calls++;
    if (this.lastAnswer.by === 'fallback') { if (!fellBack.has(this)) reasons.set(this.lastAnswer.reason, (reasons.get(this.lastAnswer.reason) ?? 0) + 1); fellBack.add(this); } else walkerCalls++;
    return result;
  };
}
// Which files take which path (YAML files as the loader sees them)
const { files } = await discoverFiles([dir], { cwd: dir });
let yamlFiles = 0, slowFiles = 0, fastDocs = 0, slowDocs = 0; const slowReasons = new Map<string, number>();
for (const f of files) {
  if (!/\.ya?ml$/i.test(f.absolutePath)) continue;
  let text: string; try { text = readFileSync(f.absolutePath, 'utf8').replace(/^\ufeff/, ''); } catch { continue; }
  yamlFiles++;
  let reason: string | undefined;
  const r = parseYamlStream(text, { onSlowPath: (x) => (reason = x) });
  if (reason !== undefined) { slowFiles++; slowDocs += r.documents.length; const k = reason.replace(/\(.*\)$|: .*$/, '').trim(); slowReasons.set(k, (slowReasons.get(k) ?? 0) + 1); } else fastDocs += r.documents.length;
}
console.log({ yamlFiles, slowFiles, fastDocs, slowDocs, slowReasons });
const report = await scan([dir], { cwd: dir, noConfig: true, today: '2026-01-01' });
console.log({ findings: report.summary.findings, documentsLocated: used.size, documentsWithFallback: fellBack.size, locateCalls: calls, walkerCalls, reasons });
for (const m of fellBack) { const t = (m as any).text as string; const s = (m as any).start as number; const e = (m as any).end as number; const doc = t.slice(s, e); const i = doc.search(/(^|[\s:\-\[{,])![^\s=]/m); console.log(JSON.stringify(doc.slice(Math.max(0, i - 80), i + 60))); }
