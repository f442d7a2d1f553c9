/**
 * Throughput, memory and start-up benchmark (not a test: it always exits 0 once it has measured).
 *
 *   npm run bench -- [real-world-dir] [--runs 3] [--objects 20000] [--seed 1] [--profile [file]] [--keep]
 *                    [--no-generated] [--no-cdk-nag]
 *
 * Measures the compiled code in dist/ (`npm run bench` builds first), on these corpora:
 *   - real-world: ../shared/corpora/real-world relative to the repository unless a directory is given
 *     (skipped with a note when absent), as a whole;
 *   - cloudformation: the CloudFormation templates found in it (scripts/bench-aws.ts decides which files are);
 *   - terraform: its terraform-aws-ecs, terraform-aws-eks and terraform-aws-ecs-blueprints folders;
 *   - generated: `--objects` Kubernetes objects (default 20,000) from scripts/generate-bench-corpus.ts, written
 *     under os.tmpdir() and removed afterwards (`--keep` keeps it; `--no-generated` skips it).
 * Then seaworthy and cdk-nag side by side on the CloudFormation templates (scripts/bench-aws.ts; `--no-cdk-nag`
 * leaves cdk-nag out): speed, memory and the seed-point findings each reports.
 *
 * Every measurement runs in a fresh child process (plain node, no TypeScript loader), so peaks do not mix and
 * each figure includes what a real run pays (JIT warm-up, GC). For each corpus, `--runs` times, interleaved:
 *   - parse-only: discovery + read + loadSources for every file, as scan() does it (YAML read in a worker
 *     thread when scan() would), resources kept;
 *   - scan: the full scan() with every registered rule (no configuration file).
 * Times are wall-clock medians; peak RSS is process.resourceUsage().maxRSS of the scan child (the largest over
 * the runs). The cold single-file figure is the median wall time of 5 runs of
 * `node dist/cli/main.js scan <file> -f json` on the median-sized generated file (after one unmeasured run).
 *
 * `--profile` adds one scan of the generated corpus under `node --cpu-prof` and prints the hotspots: self time
 * per function, inclusive time of the project's own functions, and inclusive time per rule file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compareWithCdkNag, findCloudFormationTemplates, TERRAFORM_FOLDERS, terraformFolders } from './bench-aws.js';
import { median, runJsonChild, table } from './bench-shared.js';
import { generateBenchCorpus, type CorpusSummary } from './generate-bench-corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const CLI = path.join(DIST, 'cli', 'main.js');

const TARGETS = {
  objectsPerSecond: 5_000,
  scanOverParse: 1.5,
  peakRssMb: 300,
  coldSeconds: 0.5,
} as const;

// ---------------------------------------------------------------------------------------------------------
// Child process: one measurement, printed as one JSON line. Plain JavaScript so the child loads no
// TypeScript tooling (which would inflate its RSS and start-up); it imports the compiled modules from dist/.
// ---------------------------------------------------------------------------------------------------------

const CHILD_SOURCE = `
const [mode, pathsJson, cwd, distUrl] = process.argv.slice(1);
const paths = JSON.parse(pathsJson);
const load = (relative) => import(new URL(relative, distUrl).href);
const out = { mode };
if (mode === 'scan') {
  const { scan } = await load('scan.js');
  const { ALL_RULES } = await load('rules/index.js');
  out.rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
  const start = performance.now();
  const report = await scan(paths, { cwd, noConfig: true, today: '2026-01-01' });
  out.ms = performance.now() - start;
  const s = report.summary;
  out.files = s.filesScanned + s.filesSkipped;
  out.filesScanned = s.filesScanned;
  out.documents = s.documents;
  out.objects = s.resources;
  out.findings = s.findings;
  out.errors = s.errors;
  out.rules = ALL_RULES.length;
} else {
  // scan()'s loading steps without the engine: discovery, kustomize patch files, readInputs (several files at
  // a time, the YAML worker thread started as scan() starts it), loadSources (YAML and JSON file by file,
  // Terraform module by module).
  const { discoverFiles } = await load('loaders/discover.js');
  const { loadSources } = await load('loaders/sources.js');
  const { readInputs } = await load('loaders/inputs.js');
  const { readKustomizations } = await load('loaders/kustomize.js');
  const { DEFAULT_MAX_FILE_BYTES } = await load('loaders/read.js');
  const { isTerraformNonResource } = await load('loaders/terraform/variable-files.js');
  out.rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
  const start = performance.now();
  const { files } = await discoverFiles(paths, { cwd });
  const { patchFiles } = await readKustomizations(files);
  const toRead = files.filter((file) => !patchFiles.has(file.absolutePath));
  let filesSkipped = files.length - toRead.length;
  const { inputs, errors: readErrors, worker } = await readInputs(toRead, { maxBytes: DEFAULT_MAX_FILE_BYTES, readStdin: async () => Buffer.alloc(0) });
  let errors = readErrors.length;
  const bytes = inputs.reduce((sum, input) => sum + input.text.length, 0);
  const loaded = await loadSources(inputs, worker ? { preRead: worker.preRead } : {});
  worker?.close();
  errors += loaded.errors.length;
  const failed = new Set(loaded.errors.map((error) => error.path));
  for (const input of inputs) if (!loaded.recognized.has(input.path) && !failed.has(input.path)) filesSkipped++;
  const filesScanned = loaded.recognized.size;
  const documents = loaded.documents.length;
  const resources = loaded.resources;
  out.ms = performance.now() - start;
  out.files = filesScanned + filesSkipped;
  out.filesScanned = filesScanned;
  out.documents = documents;
  // As scan()'s summary counts them: Terraform inputs (variable files, variable defaults) and settings (provider, backend blocks) are checked but are no objects.
  out.objects = resources.filter((resource) => !isTerraformNonResource(resource)).length;
  out.errors = errors;
  out.bytes = bytes;
}
const usage = process.resourceUsage();
out.maxRssKb = usage.maxRSS;
out.cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stdout.write(JSON.stringify(out) + '\\n');
`;

interface ChildResult {
  mode: 'scan' | 'parse';
  ms: number;
  files: number;
  filesScanned: number;
  documents: number;
  objects: number;
  findings?: number;
  errors: number;
  rules?: number;
  /** Characters of text read (parse-only runs). */
  bytes?: number;
  rssBeforeKb: number;
  maxRssKb: number;
  cpuMs: number;
}

/** A corpus: what to scan (directories or files) and the directory paths are shown relative to. */
interface CorpusInput {
  paths: readonly string[];
  cwd: string;
}

async function runChild(mode: 'scan' | 'parse', corpus: CorpusInput, nodeFlags: readonly string[] = []): Promise<ChildResult> {
  const args = [...nodeFlags, '--input-type=module', '-e', CHILD_SOURCE, mode, JSON.stringify(corpus.paths), corpus.cwd, `${pathToFileURL(DIST).href}/`];
  const { result } = await runJsonChild<ChildResult>(args, ROOT, (output, code) => `${mode} child exited with ${String(code)}: ${output}`);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Measurements
// ---------------------------------------------------------------------------------------------------------

interface CorpusFigures {
  label: string;
  files: number;
  objects: number;
  findings: number;
  errors: number;
  rules: number;
  bytes: number;
  scanMs: number;
  parseMs: number;
  scanCpuMs: number;
  parseCpuMs: number;
  peakRssMb: number;
  baseRssMb: number;
  scanRuns: number[];
  parseRuns: number[];
}

const kbToMb = (kb: number): number => (kb * 1024) / 1e6;

async function measureCorpus(label: string, corpus: CorpusInput, runs: number): Promise<CorpusFigures> {
  const scans: ChildResult[] = [];
  const parses: ChildResult[] = [];
  for (let run = 0; run < runs; run++) {
    // Interleaved so that load from other processes hits both alike.
    parses.push(await runChild('parse', corpus));
    scans.push(await runChild('scan', corpus));
    process.stderr.write('.');
  }
  const last = scans[scans.length - 1];
  if (!last) throw new Error('no run');
  const parsed = parses[parses.length - 1]?.objects;
  if (parsed !== last.objects) {
    // The parse-only child repeats scan()'s loading loop; a difference means scan.ts changed and this must follow.
    process.stderr.write(`\nwarning: parse-only counted ${String(parsed)} objects, scan ${last.objects}: update the parse-only loop in scripts/bench.ts\n`);
  }
  return {
    label,
    files: last.files,
    objects: last.objects,
    findings: last.findings ?? 0,
    errors: last.errors,
    rules: last.rules ?? 0,
    bytes: parses[parses.length - 1]?.bytes ?? 0,
    scanMs: median(scans.map((r) => r.ms)),
    parseMs: median(parses.map((r) => r.ms)),
    scanCpuMs: median(scans.map((r) => r.cpuMs)),
    parseCpuMs: median(parses.map((r) => r.cpuMs)),
    peakRssMb: kbToMb(Math.max(...scans.map((r) => r.maxRssKb))),
    baseRssMb: kbToMb(median(scans.map((r) => r.rssBeforeKb))),
    scanRuns: scans.map((r) => r.ms),
    parseRuns: parses.map((r) => r.ms),
  };
}

interface ColdFigures {
  file: string;
  bytes: number;
  objects: number;
  runs: number[];
  medianMs: number;
  problem?: string;
}

function measureCold(file: string, objects: number): ColdFigures {
  const runs: number[] = [];
  let problem: string | undefined;
  for (let run = 0; run <= 5; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [CLI, 'scan', file, '-f', 'json'], { cwd: path.dirname(file), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0 && result.status !== 1) problem = `exit ${String(result.status)}: ${(result.stderr || '').trim().split('\n')[0] ?? ''}`;
    else {
      try {
        JSON.parse(result.stdout);
      } catch {
        problem = 'output is not JSON';
      }
    }
    if (run > 0) runs.push(ms); // the first run only warms the disk cache
  }
  const figures: ColdFigures = { file, bytes: statSync(file).size, objects, runs, medianMs: median(runs) };
  if (problem !== undefined) figures.problem = problem;
  return figures;
}

// ---------------------------------------------------------------------------------------------------------
// CPU profile summary
// ---------------------------------------------------------------------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function shortUrl(url: string): string {
  if (url === '') return '';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  const nm = file.lastIndexOf('node_modules/');
  if (nm !== -1) return file.slice(nm + 'node_modules/'.length);
  return path.relative(ROOT, file) || file;
}

function frameLabel(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = shortUrl(url);
  return `${functionName || '(anonymous)'}${where ? ` ${where}:${lineNumber + 1}` : ''}`;
}

function area(node: ProfileNode): string {
  const url = shortUrl(node.callFrame.url);
  const name = node.callFrame.functionName;
  if (url === '') return name.startsWith('(') ? name : '(native)';
  if (url.startsWith('yaml/')) return 'yaml (parser, toJS)';
  if (url.startsWith('jsonc-parser/')) return 'jsonc-parser';
  if (url.startsWith('ignore/') || url.startsWith('tinyglobby/')) return 'discovery libraries';
  if (url.startsWith('node:')) return 'node internals';
  const rule = /^dist\/rules\/([^/]+)\/([^/.]+)\.js$/.exec(url);
  if (rule) return `rules (${rule[1] ?? ''})`;
  const own = /^dist\/([^/]+)\//.exec(url);
  if (own) return `dist/${own[1] ?? ''}`;
  return url;
}

function summarizeProfile(file: string, top: number): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const ruleInclusive = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = (profile.timeDeltas[index] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    total += delta;
    self.set(frameLabel(node), (self.get(frameLabel(node)) ?? 0) + delta);
    areas.set(area(node), (areas.get(area(node)) ?? 0) + delta);
    const onStack = new Set<string>();
    const rulesOnStack = new Set<string>();
    for (let current: ProfileNode | undefined = node; current; current = byId.get(parent.get(current.id) ?? -1)) {
      const url = shortUrl(current.callFrame.url);
      if (url.startsWith('dist/')) onStack.add(frameLabel(current));
      const rule = /^dist\/rules\/(.+)\.js$/.exec(url);
      if (rule?.[1]) rulesOnStack.add(rule[1]);
    }
    for (const label of onStack) inclusive.set(label, (inclusive.get(label) ?? 0) + delta);
    for (const rule of rulesOnStack) ruleInclusive.set(rule, (ruleInclusive.get(rule) ?? 0) + delta);
  });
  const lines: string[] = [];
  const pct = (ms: number): string => `${((100 * ms) / total).toFixed(1).padStart(5)}%`;
  const list = (title: string, map: Map<string, number>, count: number): void => {
    lines.push('', title);
    for (const [label, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, count)) {
      lines.push(`  ${pct(ms)} ${ms.toFixed(0).padStart(7)} ms  ${label}`);
    }
  };
  lines.push(`profile: ${file} (${total.toFixed(0)} ms sampled)`);
  list('self time by area', areas, 12);
  list(`self time, top ${top} functions`, self, top);
  list(`inclusive time, top ${top} project functions (dist/)`, inclusive, top);
  if (ruleInclusive.size > 0) list('inclusive time per rule file (top 15)', ruleInclusive, 15);
  return lines;
}

async function profileScan(dir: string, out: string): Promise<string[]> {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-prof-'));
  try {
    await runChild('scan', { paths: [dir], cwd: dir }, ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--cpu-prof-name=scan.cpuprofile', '--cpu-prof-interval=250']);
    const written = path.join(profileDir, 'scan.cpuprofile');
    writeFileSync(out, readFileSync(written)); // copy, not rename: `out` may be on another device
    return summarizeProfile(out, 25);
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const fmtS = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

type Verdict = 'ok' | 'MISS' | '';
const mark = (verdict: Verdict): string => (verdict === 'ok' ? 'ok  ' : verdict === 'MISS' ? '✗ MISS' : '');


/** A corpus that was not measured, and why. */
interface Skipped {
  label: string;
  note: string;
}
const isSkipped = (c: CorpusFigures | Skipped): c is Skipped => 'note' in c;
/**
 * Corpora whose figures are shown without a verdict: the throughput targets are stated for Kubernetes manifests,
 * and these small corpora (62 templates, 195 Terraform files) mostly measure a cold process's JIT warm-up.
 */
const INFO_ONLY: ReadonlySet<string> = new Set(['cloudformation', 'terraform']);

function report(corpora: Array<CorpusFigures | Skipped>, cold: ColdFigures | undefined): { lines: string[]; misses: string[] } {
  const misses: string[] = [];
  const cell = (value: string, verdict: Verdict, what: string, corpus: string): string => {
    if (verdict === 'MISS') misses.push(`${what} (${corpus}): ${value}`);
    return verdict ? `${value} ${mark(verdict)}`.trimEnd() : value;
  };
  const header = ['', ...corpora.map((c) => c.label), 'target'];
  const rows: string[][] = [header];
  const each = (name: string, target: string, fn: (c: CorpusFigures) => string): void => {
    rows.push([name, ...corpora.map((c) => (isSkipped(c) ? '(skipped)' : fn(c))), target]);
  };
  each('files', '', (c) => fmtInt(c.files));
  each('objects', '', (c) => fmtInt(c.objects));
  each('findings', '', (c) => fmtInt(c.findings));
  each('scan time (wall, median)', '', (c) => fmtS(c.scanMs));
  each('parse-only time (wall, median)', '', (c) => fmtS(c.parseMs));
  each('text read', '', (c) => `${(c.bytes / 1e6).toFixed(1)} MB`);
  each('files/s', '', (c) => fmtInt((c.files * 1000) / c.scanMs));
  each('MB/s', '', (c) => (c.bytes / 1e3 / c.scanMs).toFixed(2));
  each('objects/s', `>= ${fmtInt(TARGETS.objectsPerSecond)}`, (c) => {
    const rate = (c.objects * 1000) / c.scanMs;
    if (INFO_ONLY.has(c.label)) return fmtInt(rate);
    return cell(fmtInt(rate), rate >= TARGETS.objectsPerSecond ? 'ok' : 'MISS', 'objects/s', c.label);
  });
  each('objects/s by CPU time (info)', '', (c) => fmtInt((c.objects * 1000) / c.scanCpuMs));
  each('scan / parse-only', `<= ${TARGETS.scanOverParse}`, (c) => {
    const ratio = c.scanMs / c.parseMs;
    if (INFO_ONLY.has(c.label)) return ratio.toFixed(2);
    return cell(ratio.toFixed(2), ratio <= TARGETS.scanOverParse ? 'ok' : 'MISS', 'scan/parse', c.label);
  });
  each('peak RSS (scan)', `<= ${TARGETS.peakRssMb} MB for 20,000 objects`, (c) => {
    const value = `${c.peakRssMb.toFixed(0)} MB`;
    // The target is stated for 20,000 objects; scale it for other sizes of the generated corpus only.
    if (!c.label.startsWith('generated')) return value;
    const limit = (TARGETS.peakRssMb * Math.max(c.objects, 20_000)) / 20_000;
    return cell(value, c.peakRssMb <= limit ? 'ok' : 'MISS', 'peak RSS', c.label);
  });
  const coldValue = cold ? (cold.problem ? `failed: ${cold.problem}` : `${(cold.medianMs / 1000).toFixed(3)} s`) : '(skipped)';
  const coldVerdict: Verdict = cold ? (!cold.problem && cold.medianMs <= TARGETS.coldSeconds * 1000 ? 'ok' : 'MISS') : '';
  // Under the generated corpus's column: the file is one of its files.
  rows.push(['cold single-file scan (CLI)', ...corpora.slice(1).map(() => ''), cell(coldValue, coldVerdict, 'cold single-file scan', 'CLI'), `<= ${TARGETS.coldSeconds} s`]);

  const lines = table(rows);
  lines.push('');
  for (const c of corpora) {
    if (isSkipped(c)) {
      lines.push(`${c.label}: ${c.note}`);
      continue;
    }
    lines.push(
      `${c.label}: scan runs ${c.scanRuns.map(fmtS).join(', ')}; parse runs ${c.parseRuns.map(fmtS).join(', ')}; ` +
        `CPU scan ${fmtS(c.scanCpuMs)} / parse ${fmtS(c.parseCpuMs)}; RSS after imports ${c.baseRssMb.toFixed(0)} MB; ` +
        `${fmtInt(c.errors)} scan errors; ${c.rules} rules`,
    );
  }
  if (cold) {
    lines.push(
      `cold single-file scan: ${path.basename(cold.file)} (${fmtInt(cold.objects)} objects, ${(cold.bytes / 1024).toFixed(0)} KiB); ` +
        `runs ${cold.runs.map((ms) => `${(ms / 1000).toFixed(3)}`).join(', ')} s`,
    );
  }
  return { lines, misses };
}

// ---------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------

function parseArgs(argv: readonly string[]): {
  realWorld: string;
  runs: number;
  objects: number;
  seed: number;
  profile?: string;
  keep: boolean;
  generated: boolean;
  cdkNag: boolean;
} {
  const valued = new Set(['--runs', '--objects', '--seed']);
  let realWorld: string | undefined;
  let profile: string | undefined;
  const options = new Map<string, string>();
  let keep = false;
  let generated = true;
  let cdkNag = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (valued.has(arg)) options.set(arg, argv[++i] ?? '');
    else if (arg === '--keep') keep = true;
    else if (arg === '--no-generated') generated = false;
    else if (arg === '--no-cdk-nag') cdkNag = false;
    else if (arg === '--profile') {
      const next = argv[i + 1];
      profile = next !== undefined && next.endsWith('.cpuprofile') ? (i++, path.resolve(next)) : path.join(os.tmpdir(), 'seaworthy-bench.cpuprofile');
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else realWorld = path.resolve(arg);
  }
  const positive = (name: string, fallback: number): number => {
    const value = Number(options.get(name) ?? fallback);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} needs a positive integer`);
    return value;
  };
  const result: ReturnType<typeof parseArgs> = {
    realWorld: realWorld ?? path.resolve(ROOT, '../shared/corpora/real-world'),
    runs: positive('--runs', 3),
    objects: positive('--objects', 20_000),
    seed: positive('--seed', 1),
    keep,
    generated,
    cdkNag,
  };
  if (profile !== undefined) result.profile = profile;
  return result;
}

function medianFile(summary: CorpusSummary): { file: string; objects: number } {
  const yamlFiles = summary.files.filter((file) => file.endsWith('.yaml')).sort((a, b) => statSync(a).size - statSync(b).size || (a < b ? -1 : 1));
  const file = yamlFiles[yamlFiles.length >> 1] ?? summary.files[0];
  if (!file) throw new Error('generated corpus is empty');
  const objects = (readFileSync(file, 'utf8').match(/^kind: /gm) ?? []).length;
  return { file, objects };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${path.relative(ROOT, CLI)} is missing: run \`npm run build\` first (npm run bench does)`);

  const log = (line = ''): void => console.log(line);
  log(
    `seaworthy bench: node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(2) ?? '?'} ` +
      `(other processes skew wall times), median of ${args.runs} fresh-process runs per figure`,
  );

  const corpora: Array<CorpusFigures | Skipped> = [];
  const realWorld = existsSync(args.realWorld) && statSync(args.realWorld).isDirectory();
  if (realWorld) {
    const measure = async (label: string, corpus: CorpusInput): Promise<void> => {
      process.stderr.write(`measuring ${label} corpus `);
      corpora.push(await measureCorpus(label, corpus, args.runs));
      process.stderr.write('\n');
    };
    await measure('real-world', { paths: [args.realWorld], cwd: args.realWorld });
    const templates = findCloudFormationTemplates(args.realWorld);
    if (templates.length > 0) await measure('cloudformation', { paths: templates, cwd: args.realWorld });
    else corpora.push({ label: 'cloudformation', note: `skipped, no CloudFormation template in ${args.realWorld}` });
    const terraform = terraformFolders(args.realWorld);
    if (terraform.length > 0) await measure('terraform', { paths: terraform, cwd: args.realWorld });
    else corpora.push({ label: 'terraform', note: `skipped, none of ${TERRAFORM_FOLDERS.join(', ')} in ${args.realWorld}` });
  } else {
    const note = `skipped, ${args.realWorld} not found (pass a directory as the first argument)`;
    for (const label of ['real-world', 'cloudformation', 'terraform']) corpora.push({ label, note });
  }

  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-bench-'));
  const misses: string[] = [];
  try {
    let generated: CorpusFigures | undefined;
    let summary: CorpusSummary | undefined;
    let cold: ColdFigures | undefined;
    if (args.generated) {
      process.stderr.write(`generating ${fmtInt(args.objects)} objects (seed ${args.seed}) in ${tempDir}\n`);
      summary = generateBenchCorpus(tempDir, { objects: args.objects, seed: args.seed });
      process.stderr.write(`measuring generated corpus (${summary.files.length} files, ${(summary.bytes / 1e6).toFixed(1)} MB) `);
      generated = await measureCorpus(`generated (seed ${args.seed})`, { paths: [tempDir], cwd: tempDir }, args.runs);
      process.stderr.write('\n');
      corpora.push(generated);
      const one = medianFile(summary);
      process.stderr.write(`measuring cold single-file scans of ${one.file}\n`);
      cold = measureCold(one.file, one.objects);
    } else {
      corpora.push({ label: 'generated', note: 'skipped (--no-generated)' });
    }

    log('');
    const table = report(corpora, cold);
    misses.push(...table.misses);
    for (const line of table.lines) log(line);
    if (generated && summary && generated.objects !== summary.objects) {
      log(`note: the generator wrote ${fmtInt(summary.objects)} objects but the scan counted ${fmtInt(generated.objects)}`);
    }

    // seaworthy and cdk-nag side by side on the CloudFormation templates; a failure here never stops the bench.
    log('');
    if (realWorld) {
      try {
        const aws = await compareWithCdkNag(args.realWorld, { skipCdkNag: !args.cdkNag, cliRuns: args.runs });
        for (const line of aws.lines) log(line);
        misses.push(...aws.misses);
      } catch (error) {
        log(`CloudFormation vs cdk-nag: failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    } else {
      log(`CloudFormation vs cdk-nag: skipped, ${args.realWorld} not found`);
    }

    log('');
    // Without the generated corpus and the real-world one nothing was measured against a target.
    if (!args.generated && !realWorld) log('no target measured: the generated corpus was skipped and the real-world corpus is absent');
    else log(misses.length === 0 ? 'all measured targets met' : `${misses.length} target(s) MISSED: ${misses.join('; ')}`);

    if (args.profile && args.generated) {
      process.stderr.write('profiling one scan of the generated corpus\n');
      log('');
      for (const line of await profileScan(tempDir, args.profile)) log(line);
    }
    if (args.keep) log(`\ngenerated corpus kept in ${tempDir}`);
  } finally {
    if (!args.keep) rmSync(tempDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
