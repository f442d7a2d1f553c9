import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Baseline } from './engine/baseline.js';
import { ConfigError, findConfigFile, resolveConfig, type SeaworthyConfig } from './engine/config.js';
import { compareFindings, Engine } from './engine/engine.js';
import { discoverFiles, displayPathFor, type DiscoveredFile } from './loaders/discover.js';
import { loadSources, type LoadSourcesOptions, type SourcesLoadResult } from './loaders/sources.js';
import { groupHelmTemplateErrors } from './loaders/helm-charts.js';
import { readKustomizations } from './loaders/kustomize.js';
import { DEFAULT_MAX_FILE_BYTES } from './loaders/read.js';
import { readInputs } from './loaders/inputs.js';
import { SEVERITIES, type Finding, type Resource, type ScanError, type Severity, type SourceRange, type SuppressedFinding } from './model/types.js';
import type { TerraformResource } from './loaders/terraform/index.js';
import { ALL_RULES, RULE_IDS } from './rules/index.js';
import type { Rule } from './rules/rule.js';
import { appendAll } from './util/collections.js';
import { repositoryRoot } from './util/fs.js';
import { createTerraformAddressLocator, isTerraformPlan } from './loaders/terraform/plan.js';
import { isTerraformNonResource } from './loaders/terraform/variable-files.js';

export interface ScanOptions {
  /** Working directory for relative paths and displayed paths (default: process.cwd()). */
  cwd?: string;
  /** gitignore-style patterns to leave out of directory walks. */
  exclude?: readonly string[];
  /**
   * Terraform variable files applied to every root module after `terraform.tfvars` and `*.auto.tfvars`, in order,
   * as `terraform plan -var-file=...` does (relative to `cwd`; scanned too). Other `.tfvars` files are not applied.
   */
  varFiles?: readonly string[];
  /** Configuration file; when absent, `seaworthy.config.yaml` is looked for upward from the first path. */
  configPath?: string;
  /** In-memory configuration (takes precedence over any file). */
  config?: SeaworthyConfig;
  /** Do not look for a configuration file. */
  noConfig?: boolean;
  /** Baseline file: findings whose fingerprints it lists are left out. */
  baselinePath?: string;
  maxFileBytes?: number;
  /** YYYY-MM-DD used to expire suppressions (default: today, UTC). */
  today?: string;
  /** Reads standard input for the path `-`; may stop once more than `maxBytes` bytes have come. */
  readStdin?: (maxBytes: number) => Promise<Buffer>;
  /** Rules to run (default: all). */
  rules?: readonly Rule[];
  /**
   * Read YAML in a worker thread while this one checks the files already read. Default: when the scan has
   * a few megabytes of YAML and the machine more than one core. Results are identical either way.
   */
  parseWorker?: boolean;
  /** List the findings that suppressions accept in `suppressedFindings`, each with its suppression. */
  showSuppressed?: boolean;
}

export interface ScanSummary {
  filesScanned: number;
  /** Files read and parsed without error that hold nothing of a known type (files with errors are in `errors`). */
  filesSkipped: number;
  documents: number;
  resources: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  suppressed: number;
  baselined: number;
  errors: number;
  /** Entries of `errors` marked `notice`. */
  notices: number;
  rules: number;
}

export interface ScanReport {
  findings: Finding[];
  /** With `showSuppressed`: the findings suppressions accept (not counted in `findings`, never failing a run). */
  suppressedFindings?: SuppressedFinding[];
  errors: ScanError[];
  summary: ScanSummary;
}

/** The report plus what the text reporter needs: file texts for code frames and where secrets are. */
export interface DetailedScan {
  report: ScanReport;
  /** Findings left out because the baseline lists them (a rewritten baseline keeps them). */
  baselined: readonly Finding[];
  sources: ReadonlyMap<string, string>;
  /** Per file: ranges holding secret values, which code frames must mask. */
  redactions: ReadonlyMap<string, readonly SourceRange[]>;
  configSource?: string;
  /** Files read that hold nothing of a known type (displayed paths, in scan order); Kustomize patch files are not listed. */
  skippedFiles: readonly string[];
}

/** Scans files and directories and returns the report the CLI prints as JSON. */
export async function scan(paths: readonly string[], options: ScanOptions = {}): Promise<ScanReport> {
  return (await scanDetailed(paths, options)).report;
}

export async function scanDetailed(paths: readonly string[], options: ScanOptions = {}): Promise<DetailedScan> {
  const cwd = options.cwd ?? process.cwd();
  const rules = options.rules ?? ALL_RULES;
  const { config, source } = await resolveConfigSource(paths, options, cwd);
  const resolved = resolveConfig(config, source);
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  // zod-backed readers load only when a baseline or configuration file is used: faster cold starts.
  const baseline: Baseline | undefined = options.baselinePath
    ? (await import('./engine/baseline.js')).loadBaseline(path.resolve(cwd, options.baselinePath))
    : undefined;

  const discoverOptions: { cwd: string; exclude?: readonly string[] } = { cwd };
  if (options.exclude) discoverOptions.exclude = options.exclude;
  const { varFiles, refused } = checkVarFiles(options.varFiles ?? [], cwd);
  const { files, errors, omittedDirs } = await discoverFiles([...paths, ...varFiles], discoverOptions);
  appendAll(errors, refused);
  const sources = new Map<string, string>();
  let filesSkipped = 0;
  const skippedFiles: string[] = [];
  const readStdin = options.readStdin ?? readProcessStdin;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;

  const { patchFiles, notices } = await readKustomizations(files);
  appendAll(errors, notices);

  const engine = new Engine({
    rules,
    ruleSettings: resolved.ruleSettings,
    settings: { ...resolved.settings, today },
    knownRuleIds: RULE_IDS,
    fingerprintPath: fingerprintPaths(files, repositoryRoot(cwd) ?? cwd),
    keepSuppressed: options.showSuppressed === true,
  });
  const toRead = files.filter((file) => !patchFiles.has(file.absolutePath));
  filesSkipped += files.length - toRead.length;
  // A worker thread reads the YAML (when there is enough of it) while this one checks the files already read.
  const { inputs, errors: readErrors, worker } = await readInputs(toRead, { maxBytes, readStdin, parseWorker: options.parseWorker });
  appendAll(errors, readErrors);
  let loaded: SourcesLoadResult;
  const planResources: Resource[] = [];
  try {
    const loadOptions: LoadSourcesOptions = {
      cwd,
      omittedDirs,
      varFiles: varFiles.map((file) => displayPathFor(path.resolve(cwd, file), cwd)),
      onResources: (loadedResources) => {
        const now: Resource[] = [];
        for (const resource of loadedResources) (isPlanResource(resource) ? planResources : now).push(resource);
        engine.add(now);
      },
    };
    if (worker) loadOptions.preRead = worker.preRead;
    loaded = await loadSources(inputs, loadOptions);
    // A plan's resources wait for the `.tf` sources of the scan: one whose address is declared there is checked at
    // those lines, so a finding on both the plan and the source is one finding.
    if (planResources.length > 0) {
      const locator = createTerraformAddressLocator(loaded.resources.filter((resource): resource is TerraformResource => resource.artifact === 'terraform' && !isPlanResource(resource) && !isTerraformNonResource(resource)));
      engine.add(planResources.map((resource) => locator.relocate(resource)));
    }
  } finally {
    worker?.close();
  }
  appendAll(errors, groupHelmTemplateErrors(loaded.errors, toRead, inputs, cwd));
  const failed = new Set(loaded.errors.map((error) => error.path));
  for (const input of inputs) {
    if (loaded.recognized.has(input.path)) sources.set(input.path, input.text);
    // A file that could not be parsed is an error, not a file of no known type.
    else if (!failed.has(input.path)) {
      filesSkipped++;
      skippedFiles.push(input.path);
    }
  }
  const filesScanned = loaded.recognized.size;
  const documents = loaded.documents.length;
  const resources = loaded.resources;

  const checked = engine.finish();

  appendAll(errors, checked.errors);
  const absolutePaths = new Map(files.filter((file) => file.absolutePath !== '-').map((file) => [file.displayPath, file.absolutePath]));
  const suppressedByConfig = config?.suppressions
    ? (await import('./engine/config-suppressions.js')).configSuppressor(config.suppressions, source === undefined ? cwd : path.dirname(source), (shown) => absolutePaths.get(shown), today)
    : undefined;
  const findings: Finding[] = [];
  const baselinedFindings: Finding[] = [];
  let suppressed = checked.suppressed;
  const suppressedByFile: SuppressedFinding[] = [];
  for (const finding of checked.findings) {
    const suppression = suppressedByConfig?.(finding);
    if (suppression) {
      suppressed++;
      if (options.showSuppressed) suppressedByFile.push({ ...finding, suppression });
    } else if (baseline?.has(finding.fingerprint)) baselinedFindings.push(finding);
    else findings.push(finding);
  }
  const suppressedFindings = checked.suppressedFindings && [...checked.suppressedFindings, ...suppressedByFile].sort(compareFindings);
  const baselined = baselinedFindings.length;
  errors.sort(compareErrors);

  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) bySeverity[finding.severity]++;
  const report: ScanReport = {
    findings,
    ...(suppressedFindings ? { suppressedFindings } : {}),
    errors,
    summary: {
      filesScanned,
      filesSkipped,
      documents,
      // Terraform inputs (variable files, variable defaults) and settings (provider, backend blocks) are checked like resources but are none.
      resources: resources.filter((resource) => !isTerraformNonResource(resource)).length,
      findings: findings.length,
      bySeverity,
      suppressed,
      baselined,
      errors: errors.length,
      notices: errors.filter((error) => error.notice === true).length,
      rules: checked.rulesRun,
    },
  };
  const detailed: DetailedScan = { report, sources, redactions: checked.redactions, baselined: baselinedFindings, skippedFiles };
  if (source !== undefined) detailed.configSource = displayPathFor(source, cwd);
  return detailed;
}

/**
 * The `--var-file` files the Terraform loader can apply: `.tfvars` / `.tfvars.json` files (Terraform takes any name;
 * seaworthy reads variable files by that extension). Others are errors of the report, not applied.
 */
function checkVarFiles(given: readonly string[], cwd: string): { varFiles: string[]; refused: ScanError[] } {
  const varFiles: string[] = [];
  const refused: ScanError[] = [];
  for (const file of given) {
    let directory = false;
    try {
      directory = file !== '-' && statSync(path.resolve(cwd, file)).isDirectory();
    } catch {
      // A missing file is said by discovery, as for any path.
    }
    if (file === '-' || directory || !/\.tfvars(\.json)?$/i.test(file)) {
      refused.push({ path: file, message: '--var-file: not applied: give a Terraform variable file named *.tfvars or *.tfvars.json (not a directory or standard input)' });
    } else varFiles.push(file);
  }
  return { varFiles, refused };
}

/**
 * Fingerprints name a file by its path from the repository root (the working directory outside a repository):
 * a baseline written by a scan at the root still matches a scan run in a subdirectory, and the other way round.
 * A file outside that root is named from the root of its own repository, when it is in one; standard input and
 * other files keep their displayed path.
 */
function fingerprintPaths(files: readonly DiscoveredFile[], root: string): (displayPath: string) => string {
  const below = (from: string, to: string): string | undefined => {
    const relative = path.relative(from, to);
    const outside = relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
    return outside ? undefined : relative.split(path.sep).join('/');
  };
  let realRoot: string | undefined;
  const byDisplay = new Map<string, string>();
  for (const file of files) {
    if (file.absolutePath === '-') continue;
    let relative = below(root, file.absolutePath);
    // Through a symbolic link (macOS's /tmp, a linked checkout), the real paths may still be below the root.
    if (relative === undefined) {
      try {
        relative = below((realRoot ??= realpathSync(root)), realpathSync(file.absolutePath));
      } catch {
        relative = undefined;
      }
    }
    if (relative === undefined) {
      const own = repositoryRoot(path.dirname(file.absolutePath));
      if (own !== undefined) relative = below(own, file.absolutePath);
    }
    if (relative !== undefined) byDisplay.set(file.displayPath, relative);
  }
  return (displayPath) => byDisplay.get(displayPath) ?? displayPath;
}

async function resolveConfigSource(
  paths: readonly string[],
  options: ScanOptions,
  cwd: string,
): Promise<{ config: SeaworthyConfig | undefined; source?: string }> {
  const load = async (file: string): Promise<SeaworthyConfig> =>
    (await import('./engine/config-file.js')).loadConfigFile(file, RULE_IDS, displayPathFor(file, cwd));
  if (options.config) return { config: options.config };
  if (options.configPath) {
    const file = path.resolve(cwd, options.configPath);
    return { config: await load(file), source: file };
  }
  if (options.noConfig) return { config: undefined };
  const first = paths.find((p) => p !== '-');
  const start = first ? path.resolve(cwd, first) : cwd;
  const startDir = isDirectory(start) ? start : path.dirname(start);
  const found = findConfigFile(startDir);
  if (!found) return { config: undefined };
  return { config: await load(found), source: found };
}

function isDirectory(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}


/** Errors in a fixed order (path, line, message) so that reports are byte-identical from run to run. */
function compareErrors(a: ScanError, b: ScanError): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if ((a.line ?? 0) !== (b.line ?? 0)) return (a.line ?? 0) - (b.line ?? 0);
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Reads standard input, stopping as soon as it exceeds `maxBytes` (the caller reports the size error). */
async function readProcessStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.from(chunk as Buffer);
    chunks.push(buffer);
    total += buffer.length;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks);
}

export { ConfigError };

/** A resource of a `terraform show -json` plan or state file. */
function isPlanResource(resource: Resource): boolean {
  return resource.artifact === 'terraform' && isTerraformPlan(resource.document.data);
}

