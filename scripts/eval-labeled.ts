/**
 * Scores seaworthy against the peer-labeled corpus (../shared/corpora/labeled by default).
 *
 *   npx tsx scripts/eval-labeled.ts [corpus-dir] [--point RUN-3] [--peer AVD-KSV-0017] [--verbose] [--json]
 *
 * Scoring is per facet (labeled/README.md, "Scoring caveat"): an entry is scored only with the rules whose
 * metadata names the entry's peer check in `references.peers`. A `flag` file counts as found when one of those
 * rules reports on it; a `clean` file counts as a false positive when one of them does. Entries whose peer no
 * rule claims are listed as unmapped, per seed point, so gaps stay visible.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../src/scan.js';
import { ALL_RULES } from '../src/rules/index.js';
import type { Rule } from '../src/rules/rule.js';

interface Entry {
  file: string;
  peer: string;
  title: string;
  expect: 'flag' | 'clean';
  point: string | null;
  fit: 'exact' | 'related' | null;
  format: string;
}

interface Outcome {
  entry: Entry;
  absolute: string;
  rules: Rule[];
  flagged: boolean;
  ruleIds: string[];
  errors: string[];
}

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const option = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};
const positional = args.filter((arg, index) => !arg.startsWith('--') && !(index > 0 && ['--point', '--peer'].includes(args[index - 1] ?? '')));
const corpus = path.resolve(positional[0] ?? path.join(import.meta.dirname, '..', '..', 'shared', 'corpora', 'labeled'));
const onlyPoint = option('--point');
const onlyPeer = option('--peer');

const rulesByPeer = new Map<string, Rule[]>();
for (const rule of ALL_RULES) {
  for (const peer of rule.meta.references.peers) rulesByPeer.set(peer.id, [...(rulesByPeer.get(peer.id) ?? []), rule]);
}

async function main(): Promise<void> {
  const outcomes: Outcome[] = [];
  const unmapped: Entry[] = [];
  for (const folder of ['trivy', 'polaris']) {
    const indexFile = path.join(corpus, folder, 'INDEX.json');
    let entries: Entry[];
    try {
      entries = JSON.parse(readFileSync(indexFile, 'utf8')) as Entry[];
    } catch {
      console.error(`no ${indexFile}; skipped`);
      continue;
    }
    for (const entry of entries) {
      if (onlyPoint && entry.point !== onlyPoint) continue;
      if (onlyPeer && entry.peer !== onlyPeer) continue;
      const rules = rulesByPeer.get(entry.peer);
      if (!rules) {
        unmapped.push(entry);
        continue;
      }
      const absolute = path.join(corpus, folder, entry.file);
      const report = await scan([absolute], { rules, noConfig: true, today: '2026-01-01' });
      outcomes.push({
        entry,
        absolute,
        rules,
        flagged: report.findings.length > 0,
        ruleIds: [...new Set(report.findings.map((finding) => finding.ruleId))],
        errors: report.errors.map((error) => `${error.message}${error.line ? ` (line ${error.line})` : ''}`),
      });
    }
  }

  const byPoint = new Map<string, Outcome[]>();
  for (const outcome of outcomes) {
    const key = outcome.entry.point ?? '(none)';
    byPoint.set(key, [...(byPoint.get(key) ?? []), outcome]);
  }
  const rows = [...byPoint].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  const summary = rows.map(([point, list]) => {
    const flags = list.filter((o) => o.entry.expect === 'flag');
    const cleans = list.filter((o) => o.entry.expect === 'clean');
    const found = flags.filter((o) => o.flagged).length;
    const falsePositives = cleans.filter((o) => o.flagged).length;
    return {
      point,
      flag: flags.length,
      found,
      recall: flags.length ? found / flags.length : 1,
      clean: cleans.length,
      falsePositives,
      fpRate: cleans.length ? falsePositives / cleans.length : 0,
    };
  });

  if (flag('--json')) {
    console.log(JSON.stringify({ summary, disagreements: disagreements(outcomes), unmapped: unmapped.length }, null, 2));
    return;
  }
  console.log(`Labeled corpus: ${corpus}`);
  console.log(`Scored ${outcomes.length} entries with the rules that claim their peer check; ${unmapped.length} entries unmapped.\n`);
  console.log('point    flag  found  recall   clean  FP  FP-rate');
  for (const row of summary) {
    console.log(
      `${row.point.padEnd(8)} ${String(row.flag).padStart(4)}  ${String(row.found).padStart(5)}  ${row.recall.toFixed(3).padStart(6)}   ${String(row.clean).padStart(5)}  ${String(row.falsePositives).padStart(2)}  ${row.fpRate.toFixed(3).padStart(7)}`,
    );
  }
  const total = (key: 'flag' | 'found' | 'clean' | 'falsePositives'): number => summary.reduce((sum, row) => sum + row[key], 0);
  console.log(`${'all'.padEnd(8)} ${String(total('flag')).padStart(4)}  ${String(total('found')).padStart(5)}  ${(total('found') / Math.max(1, total('flag'))).toFixed(3).padStart(6)}   ${String(total('clean')).padStart(5)}  ${String(total('falsePositives')).padStart(2)}  ${(total('falsePositives') / Math.max(1, total('clean'))).toFixed(3).padStart(7)}`);

  const wrong = disagreements(outcomes);
  if (wrong.length > 0) {
    console.log('\nDisagreements (peer label vs seaworthy):');
    for (const line of wrong) console.log(`  ${line}`);
  }
  const unmappedByPoint = new Map<string, Set<string>>();
  for (const entry of unmapped) {
    const key = entry.point ?? '(none)';
    unmappedByPoint.set(key, (unmappedByPoint.get(key) ?? new Set()).add(entry.peer));
  }
  if (flag('--verbose') || onlyPoint || onlyPeer) {
    console.log('\nUnmapped peer checks (no rule names them):');
    for (const [point, peers] of [...unmappedByPoint].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
      console.log(`  ${point}: ${[...peers].sort().join(', ')}`);
    }
  } else {
    const withPoint = [...unmappedByPoint].filter(([point]) => point !== '(none)').map(([point]) => point);
    if (withPoint.length > 0) console.log(`\nUnmapped seed points (run with --verbose for peers): ${withPoint.join(', ')}`);
  }
}

function disagreements(outcomes: Outcome[]): string[] {
  return outcomes
    .filter((o) => (o.entry.expect === 'flag') !== o.flagged)
    .map((o) => {
      const verdict = o.entry.expect === 'flag' ? 'MISSED' : `FALSE POSITIVE (${o.ruleIds.join(', ')})`;
      const errors = o.errors.length > 0 ? ` errors: ${o.errors.join('; ')}` : '';
      return `${verdict}  ${o.entry.point ?? '-'}  ${o.entry.peer}  ${path.relative(corpus, o.absolute)}  [${o.entry.fit ?? '-'}]${errors}`;
    });
}

await main();
