/**
 * AWS part of `npm run bench`: seaworthy and cdk-nag side by side on the CloudFormation templates of the
 * real-world corpus.
 *
 *   - cdk-nag (scripts/bench-cdk-nag.ts): one fresh process, one CDK App, every template as its own Stack through
 *     CfnInclude, AwsSolutionsChecks on the app, one `app.synth()`.
 *   - seaworthy, cold: `node dist/cli/main.js scan <every template> -f json` in a fresh process (median wall time
 *     of 3 runs after one unmeasured run; peak RSS via a `--import` hook that prints maxRSS on exit).
 *   - seaworthy, in process: one fresh process imports dist/scan.js, scans every template once (warm-up), then
 *     scans each template on its own `repeats` times (median per template).
 *   - findings: each cdk-nag finding (template, logical id, rule) whose rule maps to a seed point (through the
 *     `cdk-nag` peers in seaworthy's rule metadata) must have a seaworthy finding of that seed point on the same
 *     template and the same resource or a resource it references or is referenced by (one hop of Ref / GetAtt /
 *     Sub). The reverse direction lists seaworthy findings of rules that name a cdk-nag peer with no cdk-nag
 *     finding of that peer nearby.
 *
 * Run on its own (no build, no generated corpus): `npx tsx scripts/bench-aws.ts [real-world-dir]`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, runJsonChild, table } from './bench-shared.js';
import { runCdkNag, runCdkNagUntilSynthesized, type CdkNagFinding, type CdkNagResult, type CdkNagRun } from './bench-cdk-nag.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const CLI = path.join(DIST, 'cli', 'main.js');

export const AWS_TARGETS = {
  /** cdk-nag per-template synth+validate time / seaworthy per-template in-process analysis time. */
  perTemplateSpeedup: 50,
  /** cdk-nag whole-process wall time / seaworthy whole-process (CLI) wall time. */
  wholeProcessSpeedup: 10,
} as const;

/** Folders of the real-world corpus that make up the Terraform corpus. */
export const TERRAFORM_FOLDERS = ['terraform-aws-ecs', 'terraform-aws-eks', 'terraform-aws-ecs-blueprints'] as const;

// ---------------------------------------------------------------------------------------------------------
// Corpus selection
// ---------------------------------------------------------------------------------------------------------

/**
 * Every CloudFormation template under `root`: YAML / JSON files that have `AWSTemplateFormatVersion`, or a
 * top-level `Resources` key with an `AWS::` type. Sorted absolute paths.
 */
export function findCloudFormationTemplates(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') walk(full);
        continue;
      }
      if (!/\.(ya?ml|json|template)$/i.test(entry.name)) continue;
      const text = readFileSync(full, 'utf8');
      if (/AWSTemplateFormatVersion/.test(text) || (/^["']?Resources["']?\s*:/m.test(text) && /AWS::[A-Za-z0-9]+::/.test(text))) found.push(full);
      else if (/^\s*\{/.test(text) && /"Resources"\s*:/.test(text)) {
        try {
          const parsed = JSON.parse(text) as { Resources?: unknown };
          if (parsed.Resources !== null && typeof parsed.Resources === 'object' && /"Type"\s*:\s*"AWS::/.test(text)) found.push(full);
        } catch {
          // not JSON: not a template
        }
      }
    }
  };
  walk(root);
  return found.sort();
}

/** The Terraform folders of the corpus that exist (absolute paths). */
export function terraformFolders(root: string): string[] {
  return TERRAFORM_FOLDERS.map((folder) => path.join(root, folder)).filter((dir) => existsSync(dir) && statSync(dir).isDirectory());
}

// ---------------------------------------------------------------------------------------------------------
// seaworthy, in process (fresh child, plain node)
// ---------------------------------------------------------------------------------------------------------

const SEAWORTHY_CHILD_SOURCE = `
const [templatesJson, cwd, distUrl, repeatsText] = process.argv.slice(1);
const templates = JSON.parse(templatesJson);
const repeats = Number(repeatsText);
const { readFileSync } = await import('node:fs');
const load = (relative) => import(new URL(relative, distUrl).href);
const { scan } = await load('scan.js');
const options = { cwd, noConfig: true, today: '2026-01-01' };
// Analysis only: the text already in memory, loadSources + runEngine as scan() calls them (no discovery, no file
// system, no configuration lookup). Internal modules: when they change shape, only this figure is lost.
let analyse;
try {
  const { loadSources } = await load('loaders/sources.js');
  const { runEngine } = await load('engine/engine.js');
  const { resolveConfig } = await load('engine/config.js');
  const { ALL_RULES, RULE_IDS } = await load('rules/index.js');
  const resolved = resolveConfig(undefined);
  const engineOptions = { rules: ALL_RULES, ruleSettings: resolved.ruleSettings, settings: { ...resolved.settings, today: options.today }, knownRuleIds: RULE_IDS };
  analyse = async (path, text) => {
    const loaded = await loadSources([{ path, text, explicit: true }]);
    return runEngine(loaded.resources, engineOptions).findings.length;
  };
} catch (error) {
  analyse = undefined;
}
const texts = templates.map((template) => readFileSync(template, 'utf8'));
const warmStart = performance.now();
for (const [index, template] of templates.entries()) {
  await scan([template], options);
  if (analyse) await analyse(template, texts[index]);
}
const warmUpMs = performance.now() - warmStart;
const medianOf = (runs) => runs.sort((a, b) => a - b)[runs.length >> 1];
const perTemplate = [];
for (const [index, template] of templates.entries()) {
  const runs = [];
  const analysisRuns = [];
  let report;
  let analysed;
  for (let run = 0; run < repeats; run++) {
    let start = performance.now();
    report = await scan([template], options);
    runs.push(performance.now() - start);
    if (!analyse) continue;
    start = performance.now();
    analysed = await analyse(template, texts[index]);
    analysisRuns.push(performance.now() - start);
  }
  const entry = { template, ms: medianOf(runs), resources: report.summary.resources, findings: report.summary.findings, errors: report.summary.errors };
  if (analyse) entry.analysisMs = medianOf(analysisRuns);
  if (analyse && analysed !== report.summary.findings) entry.analysisMismatch = analysed;
  perTemplate.push(entry);
}
const allStart = performance.now();
const all = await scan(templates, options);
const allMs = performance.now() - allStart;
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({ warmUpMs, perTemplate, allMs, allResources: all.summary.resources, maxRssKb: usage.maxRSS }) + '\\n');
`;

export interface SeaworthyInProcess {
  warmUpMs: number;
  /**
   * Per template: `ms` is a whole `scan([template])` (discovery, read, parse, rules); `analysisMs` parse + rules
   * on the text already in memory (absent when the internal modules could not be used).
   */
  perTemplate: Array<{ template: string; ms: number; analysisMs?: number; analysisMismatch?: number; resources: number; findings: number; errors: number }>;
  /** One warm scan of every template together. */
  allMs: number;
  allResources: number;
  maxRssKb: number;
}

async function runSeaworthyInProcess(templates: readonly string[], cwd: string, repeats: number): Promise<SeaworthyInProcess> {
  const args = ['--input-type=module', '-e', SEAWORTHY_CHILD_SOURCE, JSON.stringify(templates), cwd, `${pathToFileURL(DIST).href}/`, String(repeats)];
  const { result } = await runJsonChild<SeaworthyInProcess>(args, cwd, (output, code) => `seaworthy child exited with ${String(code)}: ${output.split('\n')[0] ?? ''}`);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// seaworthy, cold CLI process
// ---------------------------------------------------------------------------------------------------------

interface CliFinding {
  ruleId: string;
  seedPoints: string[];
  message: string;
  location: { path: string; startLine?: number };
  resource: { type: string; name: string };
}

export interface SeaworthyCold {
  runs: number[];
  medianMs: number;
  /** Median user + system CPU time of the measured runs. */
  cpuMs: number;
  maxRssKb: number;
  findings: CliFinding[];
  errors: Array<{ path: string; message: string }>;
  resources: number;
  problem?: string;
}

/** Prints the process's peak RSS on standard error when it exits (loaded with `--import`, costs nothing measurable). */
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nBENCH_MAX_RSS_KB='+u.maxRSS+' BENCH_CPU_US='+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

/**
 * `runs` measured cold CLI runs after one unmeasured run (disk cache); `between(run)` is awaited after each
 * measured run, so other measurements can be interleaved with these (load from other processes then hits both).
 */
async function runSeaworthyCli(templates: readonly string[], cwd: string, runs: number, between?: (run: number) => Promise<void>): Promise<SeaworthyCold> {
  const relative = templates.map((template) => path.relative(cwd, template));
  const times: number[] = [];
  const cpu: number[] = [];
  let maxRssKb = 0;
  let stdout = '';
  let problem: string | undefined;
  for (let run = 0; run <= runs; run++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', RSS_HOOK, CLI, 'scan', ...relative, '-f', 'json'], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0 && result.status !== 1) problem = `exit ${String(result.status)}: ${(result.stderr || '').trim().split('\n')[0] ?? ''}`;
    const rss = /BENCH_MAX_RSS_KB=(\d+) BENCH_CPU_US=(\d+)/.exec(result.stderr ?? '');
    if (rss?.[1]) maxRssKb = Math.max(maxRssKb, Number(rss[1]));
    if (rss?.[2] && run > 0) cpu.push(Number(rss[2]) / 1000);
    stdout = result.stdout;
    if (run > 0) {
      times.push(ms); // the first run warms the disk cache
      await between?.(run);
    }
  }
  let findings: CliFinding[] = [];
  let errors: Array<{ path: string; message: string }> = [];
  let resources = 0;
  try {
    // Tolerate stray output before the report (e.g. debugging lines left in a development build).
    let start = 0;
    try {
      JSON.parse(stdout);
    } catch {
      start = stdout.indexOf('\n{\n') + 1;
      if (start > 0) problem ??= `the CLI printed ${start} characters before the JSON report`;
    }
    const report = JSON.parse(stdout.slice(start)) as { findings: CliFinding[]; errors: Array<{ path: string; message: string }>; summary: { resources: number } };
    findings = report.findings;
    errors = report.errors;
    resources = report.summary.resources;
  } catch {
    problem ??= 'output is not JSON';
  }
  const cold: SeaworthyCold = { runs: times, medianMs: median(times), cpuMs: median(cpu), maxRssKb, findings, errors, resources };
  if (problem !== undefined) cold.problem = problem;
  return cold;
}

// ---------------------------------------------------------------------------------------------------------
// Finding comparison
// ---------------------------------------------------------------------------------------------------------

interface RuleLike {
  meta: { id: string; seedPoints: readonly string[]; references: { peers: ReadonlyArray<{ tool: string; id: string }> } };
}

export interface PeerMapping {
  /** cdk-nag rule id -> seed points of the seaworthy rules that name it. */
  seedsByCdkNag: Map<string, Set<string>>;
  /** cdk-nag rule id -> seaworthy rule ids that name it. */
  rulesByCdkNag: Map<string, Set<string>>;
  /** seaworthy rule id -> cdk-nag rule ids it names. */
  cdkNagByRule: Map<string, Set<string>>;
}

export function peerMapping(rules: readonly RuleLike[]): PeerMapping {
  const mapping: PeerMapping = { seedsByCdkNag: new Map(), rulesByCdkNag: new Map(), cdkNagByRule: new Map() };
  const add = <K, V>(map: Map<K, Set<V>>, key: K, value: V): void => {
    const set = map.get(key) ?? new Set<V>();
    set.add(value);
    map.set(key, set);
  };
  for (const rule of rules) {
    for (const peer of rule.meta.references.peers) {
      if (peer.tool !== 'cdk-nag') continue;
      add(mapping.rulesByCdkNag, peer.id, rule.meta.id);
      add(mapping.cdkNagByRule, rule.meta.id, peer.id);
      for (const point of rule.meta.seedPoints) add(mapping.seedsByCdkNag, peer.id, point);
    }
  }
  return mapping;
}

type JsonLike = null | boolean | number | string | JsonLike[] | { [key: string]: JsonLike };

/** Logical ids a CloudFormation value references through Ref, Fn::GetAtt and Fn::Sub. */
function collectReferences(value: JsonLike, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') into.add(inner);
    else if (key === 'Fn::GetAtt') {
      if (typeof inner === 'string') into.add(inner.split('.')[0] ?? inner);
      else if (Array.isArray(inner) && typeof inner[0] === 'string') into.add(inner[0]);
    } else if (key === 'Fn::Sub') {
      const text = typeof inner === 'string' ? inner : Array.isArray(inner) && typeof inner[0] === 'string' ? inner[0] : '';
      for (const match of text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g)) if (match[1]) into.add(match[1]);
    }
    collectReferences(inner, into);
  }
}

/**
 * Per template (absolute path): logical id -> logical ids it references or that reference it (one hop), read
 * from the template's `Resources` with seaworthy's own loader (YAML short forms become the long forms).
 */
async function neighbourMaps(templates: readonly string[]): Promise<Map<string, Map<string, Set<string>>>> {
  const { loadFile } = (await import(pathToFileURL(path.join(DIST, 'loaders', 'index.js')).href)) as {
    loadFile: (input: { path: string; text: string }, options: { explicit: boolean }) => { resources: Array<{ artifact: string; name: string; body: JsonLike }> };
  };
  const maps = new Map<string, Map<string, Set<string>>>();
  for (const template of templates) {
    const loaded = loadFile({ path: template, text: readFileSync(template, 'utf8') }, { explicit: true });
    const neighbours = new Map<string, Set<string>>();
    const resources = loaded.resources.filter((resource) => resource.artifact === 'cloudformation');
    const ids = new Set(resources.map((resource) => resource.name));
    const link = (a: string, b: string): void => {
      const set = neighbours.get(a) ?? new Set<string>();
      set.add(b);
      neighbours.set(a, set);
    };
    for (const resource of resources) {
      const refs = new Set<string>();
      collectReferences(resource.body, refs);
      for (const ref of refs) {
        if (!ids.has(ref) || ref === resource.name) continue;
        link(resource.name, ref);
        link(ref, resource.name);
      }
    }
    maps.set(template, neighbours);
  }
  return maps;
}

export interface Comparison {
  /** cdk-nag findings on templates seaworthy scanned, one per (template, logical id, rule). */
  cdkNagFindings: Array<CdkNagFinding & { details: string[] }>;
  inScope: Array<CdkNagFinding & { details: string[]; seeds: string[]; matched: boolean; strict: boolean }>;
  outOfScope: Map<string, { count: number; info: string }>;
  seaworthyPeerFindings: Array<CliFinding & { template: string; matched: boolean; peers: string[] }>;
}

export async function compareFindings(
  root: string,
  templates: readonly string[],
  cdkNag: readonly CdkNagFinding[],
  seaworthy: readonly CliFinding[],
  mapping: PeerMapping,
): Promise<Comparison> {
  const neighbours = await neighbourMaps(templates);
  const near = (template: string, logicalId: string): Set<string> => new Set([logicalId, ...(neighbours.get(template)?.get(logicalId) ?? [])]);
  const byTemplate = new Map<string, CliFinding[]>();
  for (const finding of seaworthy) {
    const template = path.resolve(root, finding.location.path);
    const list = byTemplate.get(template) ?? [];
    list.push(finding);
    byTemplate.set(template, list);
  }
  // One entry per (template, logical id, rule): cdk-nag's granular finding ids (one per action) are one issue here.
  const unique = new Map<string, CdkNagFinding & { details: string[] }>();
  for (const finding of cdkNag) {
    const key = `${finding.template}\0${finding.logicalId}\0${finding.ruleId}`;
    const entry = unique.get(key) ?? { ...finding, details: [] };
    // Granular finding ids (`Action::s3:*`, `Resource::*`) say what exactly was flagged.
    if (finding.findingId && finding.findingId !== finding.ruleId && !entry.details.includes(finding.findingId)) entry.details.push(finding.findingId);
    unique.set(key, entry);
  }
  const cdkNagFindings = [...unique.values()];

  const inScope: Comparison['inScope'] = [];
  const outOfScope = new Map<string, { count: number; info: string }>();
  for (const finding of cdkNagFindings) {
    const seeds = mapping.seedsByCdkNag.get(finding.ruleId);
    if (!seeds || seeds.size === 0) {
      const entry = outOfScope.get(finding.ruleId) ?? { count: 0, info: finding.info };
      entry.count++;
      outOfScope.set(finding.ruleId, entry);
      continue;
    }
    const around = near(finding.template, finding.logicalId);
    const candidates = (byTemplate.get(finding.template) ?? []).filter((f) => around.has(f.resource.name));
    const matched = candidates.some((f) => f.seedPoints.some((point) => seeds.has(point)));
    const strictRules = mapping.rulesByCdkNag.get(finding.ruleId) ?? new Set<string>();
    const strict = candidates.some((f) => strictRules.has(f.ruleId));
    inScope.push({ ...finding, seeds: [...seeds].sort(), matched, strict });
  }

  const cdkNagNear = new Map<string, CdkNagFinding[]>();
  for (const finding of cdkNagFindings) {
    const list = cdkNagNear.get(finding.template) ?? [];
    list.push(finding);
    cdkNagNear.set(finding.template, list);
  }
  const compared = new Set(templates);
  const seaworthyPeerFindings: Comparison['seaworthyPeerFindings'] = [];
  for (const [template, findings] of byTemplate) {
    if (!compared.has(template)) continue;
    for (const finding of findings) {
      const peers = mapping.cdkNagByRule.get(finding.ruleId);
      if (!peers) continue;
      const around = near(template, finding.resource.name);
      const matched = (cdkNagNear.get(template) ?? []).some((f) => peers.has(f.ruleId) && around.has(f.logicalId));
      seaworthyPeerFindings.push({ ...finding, template, matched, peers: [...peers].sort() });
    }
  }
  return { cdkNagFindings, inScope, outOfScope, seaworthyPeerFindings };
}

// ---------------------------------------------------------------------------------------------------------
// Whole AWS comparison
// ---------------------------------------------------------------------------------------------------------

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const mb = (kb: number): string => `${((kb * 1024) / 1e6).toFixed(0)} MB`;
const ms = (value: number): string => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`);

export interface AwsComparisonOptions {
  /** Repetitions per template of the in-process seaworthy scan (median). */
  repeats?: number;
  /** Cold CLI runs (median; one more unmeasured run first). */
  cliRuns?: number;
  /** Leave cdk-nag out. */
  skipCdkNag?: boolean;
  /** Lines of the cdk-nag-only list to print (default: all). */
  listLimit?: number;
}

/** Runs the comparison and returns the report lines and the missed targets. Never throws for cdk-nag problems. */
export async function compareWithCdkNag(root: string, options: AwsComparisonOptions = {}): Promise<{ lines: string[]; misses: string[] }> {
  const lines: string[] = [];
  const misses: string[] = [];
  const log = (line = ''): void => void lines.push(line);
  const rel = (file: string): string => path.relative(root, file);
  const templates = findCloudFormationTemplates(root);
  if (templates.length === 0) return { lines: [`CloudFormation vs cdk-nag: skipped, no template under ${root}`], misses };
  log(`CloudFormation vs cdk-nag: ${templates.length} templates found under ${root}`);

  const loadBefore = os.loadavg()[0] ?? 0;
  const runs = options.cliRuns ?? 3;
  let cdk: (CdkNagRun & { runs?: number; walls?: number[] }) | undefined;
  let firstFindings: CdkNagFinding[] = [];
  let cdkProblem: string | undefined;
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-bench-cdk-'));
  let cold: SeaworthyCold;
  const inProcessRuns: SeaworthyInProcess[] = [];
  try {
    const cdkRuns: CdkNagResult[] = [];
    if (options.skipCdkNag) cdkProblem = 'skipped (--no-cdk-nag)';
    else {
      try {
        process.stderr.write('cdk-nag: one app, one stack per template, one synth\n');
        // Keep the findings of every template CfnInclude loaded: a template whose synthesis fails afterwards was
        // checked by the aspects all the same (the run is repeated without it for the timings only).
        cdk = await runCdkNagUntilSynthesized(templates, ROOT, outdir, (findings) => (firstFindings = findings));
        cdkRuns.push(cdk);
      } catch (error) {
        cdkProblem = `failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    // Cold seaworthy CLI runs interleaved with further cdk-nag runs (same templates as its first run's last attempt)
    // and with seaworthy's in-process per-template runs: this VM's speed drifts from minute to minute, so the
    // figures compared with cdk-nag's are taken in turn with its runs, and medians of both are compared.
    process.stderr.write(
      `seaworthy: ${runs} cold CLI runs and ${runs} in-process per-template runs over the templates${cdk ? `, interleaved with ${runs - 1} more cdk-nag runs` : ''}\n`,
    );
    const first = cdk;
    cold = await runSeaworthyCli(templates, root, runs, async (run) => {
      inProcessRuns.push(await runSeaworthyInProcess(templates, root, options.repeats ?? 5));
      if (!first || run >= runs) return;
      try {
        cdkRuns.push(await runCdkNag(first.templates, ROOT, outdir));
      } catch {
        // a later run failing leaves the medians to the runs that completed
      }
    });
    if (cdk) cdk = medianRun(cdk, cdkRuns);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  const inProcess = medianInProcess(inProcessRuns);
  log(`load average ${loadBefore.toFixed(2)} before these runs, ${(os.loadavg()[0] ?? 0).toFixed(2)} after (2 CPUs here: wall times above ~2 are inflated)`);

  // ---- seaworthy figures
  const swPer = new Map(inProcess.perTemplate.map((entry) => [entry.template, entry]));
  const swTotal = sum(inProcess.perTemplate.map((entry) => entry.ms));
  const hasAnalysis = inProcess.perTemplate.every((entry) => entry.analysisMs !== undefined);
  const analysisTotal = sum(inProcess.perTemplate.map((entry) => entry.analysisMs ?? 0));
  const mismatches = inProcess.perTemplate.filter((entry) => entry.analysisMismatch !== undefined);
  log('');
  log(
    `seaworthy, cold CLI (\`seaworthy scan <${templates.length} templates> -f json\`): wall ${ms(cold.medianMs)} median of ${cold.runs.length} ` +
      `(${cold.runs.map((run) => (run / 1000).toFixed(2)).join(', ')} s), CPU ${ms(cold.cpuMs)}, peak RSS ${mb(cold.maxRssKb)}, ${cold.resources} resources, ` +
      `${cold.findings.length} findings, ${cold.errors.length} errors${cold.problem ? `, PROBLEM: ${cold.problem}` : ''}`,
  );
  log(
    `seaworthy, in process (warm, each template alone, median of ${options.repeats ?? 5} in each of ${inProcess.analysisMeans.length} processes, then median of those): total ${ms(swTotal)}, mean ${ms(swTotal / templates.length)} ` +
      `per template, median ${ms(median(inProcess.perTemplate.map((entry) => entry.ms)))}, max ${ms(Math.max(...inProcess.perTemplate.map((entry) => entry.ms)))}; ` +
      `all templates in one warm scan ${ms(inProcess.allMs)}; peak RSS ${mb(inProcess.maxRssKb)}`,
  );
  if (hasAnalysis) {
    log(
      `seaworthy, in process, analysis only (text in memory: parse + graph + rules, median of ${options.repeats ?? 5}): total ${ms(analysisTotal)}, ` +
        `mean ${ms(analysisTotal / templates.length)} per template, median ${ms(median(inProcess.perTemplate.map((entry) => entry.analysisMs ?? 0)))}; ` +
        `mean per template in each of the ${inProcess.analysisMeans.length} runs: ${inProcess.analysisMeans.map(ms).join(', ')}`,
    );
  } else {
    log('seaworthy, in process, analysis only: unavailable (dist/ internals changed: update SEAWORTHY_CHILD_SOURCE in scripts/bench-aws.ts)');
  }
  for (const entry of mismatches) log(`  warning: analysis-only found ${entry.analysisMismatch} findings in ${rel(entry.template)}, scan() ${entry.findings}: update the analysis-only path`);
  for (const error of cold.errors) log(`  seaworthy error: ${error.path}: ${error.message}`);

  if (!cdk) {
    log(`cdk-nag: ${cdkProblem ?? 'not run'}`);
    log('(install the dev dependencies cdk-nag, aws-cdk-lib and constructs with `npm ci` to compare)');
    return { lines, misses };
  }

  // ---- cdk-nag figures
  const n = cdk.templates.length;
  const cdkTotal = sum(cdk.constructMs) + cdk.synthMs;
  log(
    `cdk-nag ${readVersion('cdk-nag')} (aws-cdk-lib ${readVersion('aws-cdk-lib')}), median of ${cdk.runs ?? 1} runs: wall ${ms(cdk.wallMs)} ` +
      `(${(cdk.walls ?? [cdk.wallMs]).map((wall) => (wall / 1000).toFixed(2)).join(', ')} s; imports ${ms(cdk.importMs)}, ` +
      `${n} stacks constructed ${ms(sum(cdk.constructMs))}, app.synth() ${ms(cdk.synthMs)} of which AwsSolutionsChecks visits ${ms(sum(cdk.aspectMs))}), ` +
      `peak RSS ${mb(cdk.maxRssKb)}, CPU ${ms(cdk.cpuMs)}${cdk.attempts > 1 ? `; the first run took ${cdk.attempts} attempts to get a synthesis through` : ''}`,
  );
  log(`cdk-nag could not take ${cdk.excluded.length} of ${templates.length} templates:`);
  for (const entry of cdk.excluded) log(`  - ${rel(entry.template)}: ${entry.reason.length > 220 ? `${entry.reason.slice(0, 217)}...` : entry.reason}`);
  if (cdk.ruleErrors.length > 0) {
    const byRule = new Map<string, number>();
    for (const error of cdk.ruleErrors) byRule.set(error.ruleId, (byRule.get(error.ruleId) ?? 0) + 1);
    log(
      `cdk-nag rule errors (rule could not evaluate a resource, e.g. a parameter it cannot resolve): ` +
        [...byRule].map(([rule, count]) => `${rule} x${count}`).join(', '),
    );
  }

  // ---- speed targets (over the templates cdk-nag synthesized)
  const compared = cdk.templates;
  // The target compares analysis times: seaworthy's parse + rules (analysis only) when available, else scan().
  const swTime = (template: string): number => {
    const entry = swPer.get(template);
    return (hasAnalysis ? entry?.analysisMs : entry?.ms) ?? 0;
  };
  const swCompared = sum(compared.map(swTime));
  const swScanCompared = sum(compared.map((template) => swPer.get(template)?.ms ?? 0));
  const perTemplateRatio = cdkTotal / Math.max(swCompared, 1e-6);
  const perStack = compared.map((template, index) => {
    const original = cdk.constructMs[index] ?? 0;
    const aspect = cdk.aspectMs[index] ?? 0;
    return { template, cdkMs: original + aspect, swMs: swTime(template) };
  });
  const stackRatios = perStack.map((entry) => entry.cdkMs / Math.max(entry.swMs, 1e-6));
  const meeting = stackRatios.filter((ratio) => ratio >= AWS_TARGETS.perTemplateSpeedup).length;
  const wholeRatio = cdk.wallMs / Math.max(cold.medianMs, 1e-6);
  log('');
  const verdict = (ok: boolean, what: string, value: string): string => {
    if (!ok) misses.push(`${what}: ${value}`);
    return ok ? 'ok' : '✗ MISS';
  };
  const perValue = `${perTemplateRatio.toFixed(0)}x (cdk-nag ${ms(cdkTotal / n)} vs seaworthy ${ms(swCompared / n)} per template)`;
  const swWhat = hasAnalysis ? 'in-process analysis' : 'in-process scan()';
  log(`per-template time, cdk-nag (construct + synth incl. checks) / seaworthy (${swWhat}), mean over ${n} templates: ${perValue}  target >= ${AWS_TARGETS.perTemplateSpeedup}x  ${verdict(perTemplateRatio >= AWS_TARGETS.perTemplateSpeedup, 'per-template speed-up over cdk-nag', perValue)}`);
  if (hasAnalysis) log(`  with seaworthy's whole scan() per template (discovery + async file reads + analysis): ${(cdkTotal / Math.max(swScanCompared, 1e-6)).toFixed(0)}x (${ms(swScanCompared / n)} per template)`);
  log(
    `  per stack, cdk-nag construct + its own check visits only (a lower bound: leaves out synthesis) / seaworthy: median ${median(stackRatios).toFixed(0)}x, ` +
      `min ${Math.min(...stackRatios).toFixed(0)}x; ${meeting} of ${n} templates >= ${AWS_TARGETS.perTemplateSpeedup}x`,
  );
  const wholeValue = `${wholeRatio.toFixed(1)}x (cdk-nag ${ms(cdk.wallMs)} vs seaworthy ${ms(cold.medianMs)})`;
  log(`whole-process wall time, cdk-nag / seaworthy CLI: ${wholeValue}  target >= ${AWS_TARGETS.wholeProcessSpeedup}x  ${verdict(wholeRatio >= AWS_TARGETS.wholeProcessSpeedup, 'whole-process speed-up over cdk-nag', wholeValue)}`);
  log(`  by CPU time (user + system, less sensitive to other processes): ${(cdk.cpuMs / Math.max(cold.cpuMs, 1e-6)).toFixed(1)}x (cdk-nag ${ms(cdk.cpuMs)} vs seaworthy ${ms(cold.cpuMs)}; info)`);
  log(`peak RSS, cdk-nag / seaworthy CLI: ${mb(cdk.maxRssKb)} / ${mb(cold.maxRssKb)} (info)`);

  // ---- findings
  const findings = firstFindings.length > 0 ? firstFindings : cdk.findings;
  const checkedTemplates = templates.filter((template) => !cdk?.excluded.some((entry) => entry.template === template && entry.reason.startsWith('CfnInclude')));
  const { ALL_RULES } = (await import(pathToFileURL(path.join(DIST, 'rules', 'index.js')).href)) as { ALL_RULES: readonly RuleLike[] };
  const mapping = peerMapping(ALL_RULES);
  const comparison = await compareFindings(root, checkedTemplates, findings, cold.findings, mapping);
  const missing = comparison.inScope.filter((entry) => !entry.matched);
  const reviews = readReviews();
  const reviewOf = (entry: (typeof missing)[number]): Review | undefined =>
    reviews.find(
      (review) =>
        review.rule === entry.ruleId &&
        review.logicalId === entry.logicalId &&
        path.resolve(root, review.template) === entry.template &&
        [...review.details].sort().join('\n') === [...entry.details].sort().join('\n'),
    );
  const unreviewed = missing.filter((entry) => !reviewOf(entry));
  log('');
  log(
    `findings: cdk-nag ${comparison.cdkNagFindings.length} (template, resource, rule) over ${checkedTemplates.length} templates ` +
      `(${findings.length} with cdk-nag's per-action granularity); ${comparison.inScope.length} map to a seed point, ` +
      `${comparison.cdkNagFindings.length - comparison.inScope.length} do not`,
  );
  const coverValue =
    `${comparison.inScope.length - missing.length} of ${comparison.inScope.length} cdk-nag seed-point findings also reported; ` +
    `${missing.length} cdk-nag-only, of which ${missing.length - unreviewed.length} reviewed as cdk-nag false positives or outside the seed (${path.relative(ROOT, REVIEWS)}) and ${unreviewed.length} unreviewed`;
  log(`seaworthy reports every seed-point issue cdk-nag reports: ${coverValue}  ${verdict(unreviewed.length === 0, 'unreviewed cdk-nag seed-point findings seaworthy misses', String(unreviewed.length))}`);
  log(`  of the matched, ${comparison.inScope.filter((entry) => entry.strict).length} by a seaworthy rule that names the same cdk-nag rule as peer (the rest by another rule of the same seed point)`);

  const rows: string[][] = [['cdk-nag rule', 'seed points', 'cdk-nag', 'matched', 'cdk-nag-only']];
  const perRule = new Map<string, { seeds: string; total: number; matched: number }>();
  for (const entry of comparison.inScope) {
    const row = perRule.get(entry.ruleId) ?? { seeds: entry.seeds.join(' '), total: 0, matched: 0 };
    row.total++;
    if (entry.matched) row.matched++;
    perRule.set(entry.ruleId, row);
  }
  for (const [rule, row] of [...perRule].sort()) rows.push([rule, row.seeds, String(row.total), String(row.matched), String(row.total - row.matched)]);
  log('');
  for (const line of table(rows)) log(`  ${line}`);

  const swRows: string[][] = [['seaworthy rule', 'cdk-nag peers', 'seaworthy', 'matched', 'seaworthy-only']];
  const perSw = new Map<string, { peers: string; total: number; matched: number }>();
  for (const entry of comparison.seaworthyPeerFindings) {
    const row = perSw.get(entry.ruleId) ?? { peers: entry.peers.join(' '), total: 0, matched: 0 };
    row.total++;
    if (entry.matched) row.matched++;
    perSw.set(entry.ruleId, row);
  }
  for (const [rule, row] of [...perSw].sort()) swRows.push([rule, row.peers, String(row.total), String(row.matched), String(row.total - row.matched)]);
  log('');
  for (const line of table(swRows)) log(`  ${line}`);

  log('');
  log(`cdk-nag-only seed-point findings (${missing.length}):`);
  const limit = options.listLimit ?? missing.length;
  for (const entry of missing.slice(0, limit)) {
    const details = entry.details.length > 0 ? ` [${entry.details.join(', ')}]` : '';
    const review = reviewOf(entry);
    log(`  - ${entry.ruleId} [${entry.seeds.join(' ')}] ${rel(entry.template)} ${entry.logicalId} (${entry.type}): ${entry.info}${details}`);
    log(review ? `      reviewed, ${review.verdict}: ${review.reason}` : '      UNREVIEWED: a seed-point issue seaworthy may miss');
  }
  if (missing.length > limit) log(`  ... ${missing.length - limit} more`);
  const stale = reviews.filter((review) => !missing.some((entry) => reviewOf(entry) === review));
  for (const review of stale) log(`  stale review (no cdk-nag-only finding matches it any more): ${review.rule} ${review.template} ${review.logicalId}`);
  const swOnly = comparison.seaworthyPeerFindings.filter((entry) => !entry.matched);
  log('');
  log(`seaworthy-only findings of rules that name a cdk-nag peer (${swOnly.length}):`);
  for (const entry of swOnly.slice(0, limit)) {
    log(`  - ${entry.ruleId} (${entry.peers.join(' ')}) ${entry.location.path}:${entry.location.startLine ?? '?'} ${entry.resource.name}: ${entry.message}`);
  }
  if (swOnly.length > limit) log(`  ... ${swOnly.length - limit} more`);
  log('');
  log('cdk-nag rules that map to no seed point (out of scope; finding count):');
  for (const [rule, entry] of [...comparison.outOfScope].sort()) log(`  - ${rule} x${entry.count}: ${entry.info}`);
  return { lines, misses };
}

/** Hand-reviewed cdk-nag-only findings (see the file's $comment). */
const REVIEWS = path.join(ROOT, 'scripts', 'cdk-nag-reviewed.json');

interface Review {
  rule: string;
  template: string;
  logicalId: string;
  details: string[];
  verdict: 'cdk-nag false positive' | 'outside the seed';
  reason: string;
}

function readReviews(): Review[] {
  return (JSON.parse(readFileSync(REVIEWS, 'utf8')) as { reviews: Review[] }).reviews;
}

/** The first run (template set, failures, findings) with the median timings of all runs. */
function medianRun(first: CdkNagRun, all: readonly CdkNagResult[]): CdkNagRun & { runs: number; walls: number[] } {
  const same = all.filter((run) => run.constructMs.length === first.constructMs.length);
  const at = (pick: (run: CdkNagResult) => number[], index: number): number => median(same.map((run) => pick(run)[index] ?? 0));
  return {
    ...first,
    runs: same.length,
    walls: same.map((run) => run.wallMs),
    wallMs: median(same.map((run) => run.wallMs)),
    importMs: median(same.map((run) => run.importMs)),
    synthMs: median(same.map((run) => run.synthMs)),
    cpuMs: median(same.map((run) => run.cpuMs)),
    maxRssKb: Math.max(...same.map((run) => run.maxRssKb)),
    constructMs: first.constructMs.map((_, index) => at((run) => run.constructMs, index)),
    aspectMs: first.aspectMs.map((_, index) => at((run) => run.aspectMs, index)),
  };
}

/** Per template, the median over the in-process runs of each run's median times. */
function medianInProcess(all: readonly SeaworthyInProcess[]): SeaworthyInProcess & { analysisMeans: number[] } {
  const [first] = all;
  if (!first) throw new Error('no in-process run');
  // Every run scans the same templates in the same order.
  const medianAt = (index: number, pick: (entry: SeaworthyInProcess['perTemplate'][number]) => number | undefined): number | undefined => {
    const values = all.flatMap((run) => {
      const entry = run.perTemplate[index];
      const value = entry && pick(entry);
      return value === undefined ? [] : [value];
    });
    return values.length === 0 ? undefined : median(values);
  };
  return {
    ...first,
    warmUpMs: median(all.map((run) => run.warmUpMs)),
    allMs: median(all.map((run) => run.allMs)),
    maxRssKb: Math.max(...all.map((run) => run.maxRssKb)),
    perTemplate: first.perTemplate.map((entry, index) => {
      const analysisMs = medianAt(index, (each) => each.analysisMs);
      return { ...entry, ms: medianAt(index, (each) => each.ms) ?? entry.ms, ...(analysisMs === undefined ? {} : { analysisMs }) };
    }),
    analysisMeans: all.map((run) => sum(run.perTemplate.map((entry) => entry.analysisMs ?? 0)) / Math.max(run.perTemplate.length, 1)),
  };
}

function readVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}


// Run on its own: `npx tsx scripts/bench-aws.ts [real-world-dir] [--no-cdk-nag]`.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? path.join(ROOT, '../shared/corpora/real-world'));
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first');
  const skipCdkNag = args.includes('--no-cdk-nag');
  compareWithCdkNag(dir, { skipCdkNag })
    .then(({ lines, misses }) => {
      for (const line of lines) console.log(line);
      // Every AWS target compares with cdk-nag: without it, none was measured.
      if (skipCdkNag) console.log('\nno AWS target measured (cdk-nag skipped)');
      else console.log(misses.length === 0 ? '\nall AWS targets met' : `\n${misses.length} AWS target(s) MISSED: ${misses.join('; ')}`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    });
}
