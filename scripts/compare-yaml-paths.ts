/**
 * Compares the two YAML paths of parseYamlStream (src/loaders/yaml.ts) on real files:
 *
 *   npx tsx scripts/compare-yaml-paths.ts <dir-or-file>... [--max-paths 3000] [--verbose]
 *
 * For every .yaml / .yml file: the fast path (js-yaml + text walker, falling back to the `yaml` library when
 * unsafe) against the `yaml` library alone: same documents, indexes, data (deep equal, key order too) and
 * problems; then, for every node of every document (plus a few paths that do not exist: a missing key, an
 * index past the end, a path through a scalar), the same locate() and locateValue() ranges. Every file is
 * compared twice: with `cloudformation: true`, as loadFile (src/loaders/index.ts) parses YAML, and with the
 * default options. Prints each mismatch, then for each mode how often each path was taken: files on the fast
 * path, documents whose text walker needed the fallback. Exits 1 when anything differs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { JsonValue, NodePath, SourceRange } from '../src/model/types.js';
import { parseYamlStream, type ParsedYamlDocument } from '../src/loaders/yaml.js';
import { TextSourceMap } from '../src/loaders/yaml-text-map.js';

export interface Mismatch {
  file: string;
  what: string;
}

export interface CompareStats {
  files: number;
  fastFiles: number;
  slowReasons: Map<string, number>;
  documents: number;
  fastDocuments: number;
  /** Fast-path documents for which at least one path was answered by the `yaml`-library fallback. */
  walkerFallbackDocuments: number;
  walkerFallbackReasons: Map<string, number>;
  paths: number;
  walkerPaths: number;
  mismatches: Mismatch[];
}

export function newStats(): CompareStats {
  return { files: 0, fastFiles: 0, slowReasons: new Map(), documents: 0, fastDocuments: 0, walkerFallbackDocuments: 0, walkerFallbackReasons: new Map(), paths: 0, walkerPaths: 0, mismatches: [] };
}

const MISSING_KEY = '\u0000missing';

/** Every path of `value` (each node), plus paths that do not exist below each node. */
export function pathsOf(value: JsonValue, limit = Number.POSITIVE_INFINITY): NodePath[] {
  const out: NodePath[] = [];
  const visit = (node: JsonValue, at: NodePath): void => {
    out.push(at);
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...at, index]));
      out.push([...at, node.length], [...at, 'name']);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) visit(item ?? null, [...at, key]);
      out.push([...at, MISSING_KEY], [...at, MISSING_KEY, 0]);
    } else {
      out.push([...at, 'x']);
    }
  };
  visit(value, []);
  if (out.length <= limit) return out;
  // Sample evenly, keeping the first and last paths.
  const step = out.length / limit;
  return Array.from({ length: limit }, (_, i) => out[Math.min(out.length - 1, Math.floor(i * step))] ?? []);
}

function show(range: SourceRange | undefined): string {
  return range ? `${range.startLine}:${range.startColumn}-${range.endLine}:${range.endColumn}` : 'undefined';
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Compares both paths on one text; adds to `stats` (mismatches included). */
export function compareYamlText(file: string, input: string, stats: CompareStats, options: { cloudformation?: boolean; maxPaths?: number } = {}): void {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const mismatch = (what: string): void => {
    stats.mismatches.push({ file, what });
  };
  let slowReason: string | undefined;
  const fast = parseYamlStream(text, { cloudformation: options.cloudformation === true, onSlowPath: (reason) => (slowReason = reason) });
  const slow = parseYamlStream(text, { cloudformation: options.cloudformation === true, fast: false });
  stats.files++;
  if (slowReason === undefined) stats.fastFiles++;
  else bump(stats.slowReasons, slowReason.replace(/\(.*\)$|: .*$/, '').trim());
  stats.documents += slow.documents.length;

  if (!isDeepStrictEqual(fast.problems, slow.problems)) mismatch(`problems: fast ${JSON.stringify(fast.problems)} vs yaml ${JSON.stringify(slow.problems)}`);
  if (fast.documents.length !== slow.documents.length) {
    mismatch(`document count: fast ${fast.documents.length} vs yaml ${slow.documents.length}`);
    return;
  }
  fast.documents.forEach((fastDoc: ParsedYamlDocument, i) => {
    const slowDoc = slow.documents[i];
    if (!slowDoc) return;
    if (fastDoc.index !== slowDoc.index) mismatch(`document ${i}: index fast ${fastDoc.index} vs yaml ${slowDoc.index}`);
    if (!isDeepStrictEqual(fastDoc.data, slowDoc.data)) {
      mismatch(`document ${i}: data differs\n    fast ${JSON.stringify(fastDoc.data).slice(0, 400)}\n    yaml ${JSON.stringify(slowDoc.data).slice(0, 400)}`);
      return;
    }
    if (JSON.stringify(fastDoc.data) !== JSON.stringify(slowDoc.data)) mismatch(`document ${i}: key order differs`);
    const map = fastDoc.sourceMap;
    const walked = map instanceof TextSourceMap;
    if (walked) stats.fastDocuments++;
    let fellBack = false;
    for (const at of pathsOf(slowDoc.data, options.maxPaths)) {
      stats.paths++;
      const expected = slowDoc.sourceMap.locate(at);
      const actual = map.locate(at);
      let byWalker = walked && map.lastAnswer.by === 'walker';
      if (walked && map.lastAnswer.by === 'fallback' && !fellBack) {
        fellBack = true;
        bump(stats.walkerFallbackReasons, map.lastAnswer.reason);
      }
      const expectedValue = slowDoc.sourceMap.locateValue(at);
      const actualValue = map.locateValue(at);
      byWalker &&= walked && map.lastAnswer.by === 'walker';
      if (byWalker) stats.walkerPaths++;
      const label = JSON.stringify(at.map((segment) => (segment === MISSING_KEY ? '<missing>' : segment)));
      if (!isDeepStrictEqual(actual, expected)) mismatch(`document ${i} locate(${label}): fast ${show(actual)} vs yaml ${show(expected)}`);
      if (!isDeepStrictEqual(actualValue, expectedValue)) mismatch(`document ${i} locateValue(${label}): fast ${show(actualValue)} vs yaml ${show(expectedValue)}`);
    }
    if (fellBack) stats.walkerFallbackDocuments++;
  });
}

function* yamlFiles(target: string): Generator<string> {
  const info = statSync(target);
  if (info.isFile()) {
    yield target;
    return;
  }
  for (const name of readdirSync(target).sort()) {
    const full = path.join(target, name);
    const entry = statSync(full, { throwIfNoEntry: false });
    if (!entry) continue;
    if (entry.isDirectory()) {
      if (name !== 'node_modules' && name !== '.git') yield* yamlFiles(full);
    } else if (/\.ya?ml$/i.test(name)) yield full;
  }
}

export function formatStats(stats: CompareStats): string {
  const percent = (part: number, whole: number): string => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);
  const top = (map: Map<string, number>): string =>
    [...map].sort((a, b) => b[1] - a[1]).map(([reason, count]) => `      ${String(count).padStart(6)}  ${reason}`).join('\n');
  return [
    `files compared:       ${stats.files}`,
    `  on the fast path:   ${stats.fastFiles} (${percent(stats.fastFiles, stats.files)}); yaml-library path: ${stats.files - stats.fastFiles} (${percent(stats.files - stats.fastFiles, stats.files)})`,
    stats.slowReasons.size > 0 ? `    why not:\n${top(stats.slowReasons)}` : '',
    `documents:            ${stats.documents}; on the fast path: ${stats.fastDocuments}`,
    `  text walker needed the fallback in ${stats.walkerFallbackDocuments} (${percent(stats.walkerFallbackDocuments, stats.fastDocuments)} of fast-path documents)`,
    stats.walkerFallbackReasons.size > 0 ? `    first reason per document:\n${top(stats.walkerFallbackReasons)}` : '',
    `paths compared:       ${stats.paths}; answered by the text walker: ${stats.walkerPaths} (${percent(stats.walkerPaths, stats.paths)})`,
    `mismatches:           ${stats.mismatches.length}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function main(argv: string[]): number {
  const targets: string[] = [];
  let maxPaths = 3000;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--max-paths') maxPaths = Number(argv[++i]);
    else if (arg === '--verbose') verbose = true;
    else targets.push(arg);
  }
  if (targets.length === 0) {
    process.stderr.write('usage: compare-yaml-paths.ts <dir-or-file>... [--max-paths N] [--verbose]\n');
    return 2;
  }
  const loader = newStats();
  const plain = newStats();
  for (const target of targets) {
    for (const file of yamlFiles(target)) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const found: Mismatch[] = [];
      for (const [stats, cloudformation] of [[loader, true], [plain, false]] as const) {
        const before = stats.mismatches.length;
        compareYamlText(cloudformation ? `${file} (cloudformation)` : file, text, stats, { cloudformation, maxPaths });
        found.push(...stats.mismatches.slice(before));
      }
      for (const { file: name, what } of found.slice(0, verbose ? found.length : 5)) process.stdout.write(`MISMATCH ${name}: ${what}\n`);
      if (!verbose && found.length > 5) process.stdout.write(`MISMATCH ${file}: ... and ${found.length - 5} more\n`);
    }
  }
  process.stdout.write(`== as loadFile parses YAML (cloudformation: true)\n${formatStats(loader)}\n`);
  process.stdout.write(`== default options (CloudFormation tags not accepted on the fast path)\n${formatStats(plain)}\n`);
  return loader.mismatches.length + plain.mismatches.length === 0 ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
