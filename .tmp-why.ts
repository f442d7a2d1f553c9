import { readFileSync } from 'node:fs';
import { parseYamlStream } from '/work/main/src/loaders/yaml.js';
import { scanYamlStream } from '/work/main/src/loaders/yaml-scan.js';
for (const f of process.argv.slice(2)) {
  const text = readFileSync(f, 'utf8').replace(/^\ufeff/, '');
  let reason = '';
  const r = parseYamlStream(text, { onSlowPath: (x) => (reason = x) });
  console.log(f.replace('/work/shared/corpora/real-world/', ''), '|', reason, '| problems:', r.problems.length, JSON.stringify(r.problems).slice(0, 200));
}
