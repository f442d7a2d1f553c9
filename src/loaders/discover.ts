import { existsSync, promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScanError } from '../model/types.js';
import { describeFsError } from '../util/fs.js';

export interface DiscoveredFile {
  /** Absolute path on disk, or `-` for standard input. */
  absolutePath: string;
  /** Path as reports show it. */
  displayPath: string;
  /** Named on the command line (always sniffed) rather than found in a directory walk. */
  explicit: boolean;
  /** A Terraform file whose directory has other `.tf` files that `--exclude` or .gitignore left out of the walk. */
  incompleteDirectory?: true;
}

export interface DiscoverOptions {
  /** gitignore-style patterns, relative to each scanned directory. */
  exclude?: readonly string[];
  cwd?: string;
}

/** Directories never worth descending into. */
const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules', '.terraform']);

/**
 * Files a directory walk looks at; their content still decides the artifact type. Terraform template files
 * (`.tftpl`, `.tpl`) are read for the `templatefile()` calls of the scan.
 */
export function isCandidateName(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return (
    /\.(ya?ml|json|template|tf|tfvars|hcl|dockerfile|containerfile|tftpl|tpl)$/.test(lower) ||
    /^(docker|container)file([._-].*)?$/.test(lower)
  );
}

export function displayPathFor(absolutePath: string, cwd: string): string {
  const relative = path.relative(cwd, absolutePath);
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolutePath;
  return shown.split(path.sep).join('/');
}

/**
 * Expands the paths given by the user into files. Walks directories itself (rather than through a glob
 * library) so it can report symlink loops and unreadable directories as errors and go on.
 */
export async function discoverFiles(
  inputs: readonly string[],
  options: DiscoverOptions = {},
): Promise<{ files: DiscoveredFile[]; errors: ScanError[]; omittedDirs: string[] }> {
  const cwd = options.cwd ?? process.cwd();
  const files: DiscoveredFile[] = [];
  const errors: ScanError[] = [];
  const seen = new Set<string>();
  const omittedDirs = new Set<string>();

  for (const input of inputs) {
    if (input === '-') {
      if (!seen.has('-')) files.push({ absolutePath: '-', displayPath: '-', explicit: true });
      seen.add('-');
      continue;
    }
    const absolute = path.resolve(cwd, input);
    const display = displayPathFor(absolute, cwd);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      if (!seen.has(absolute)) errors.push({ path: display, message: await describeStatError(absolute, error) });
      seen.add(absolute);
      continue;
    }
    if (stat.isDirectory()) {
      const walker: Walker = { cwd, files, errors, seen, excluded: compileIgnore(options.exclude ?? []), omittedTerraformDirs: new Set(), omittedDirs };
      await walk(walker, absolute, absolute, await ancestorGitignores(absolute, walker), new Set());
      markIncompleteDirectories(files, walker.omittedTerraformDirs);
    } else if (!seen.has(absolute)) {
      // Not-regular files (FIFOs, devices) are refused when read, with a message.
      seen.add(absolute);
      files.push({ absolutePath: absolute, displayPath: display, explicit: true });
    }
  }
  return { files, errors, omittedDirs: [...omittedDirs].map((dir) => displayPathFor(dir, cwd)).sort() };
}

interface IgnoreScope {
  /** Directory holding the .gitignore file: its patterns are relative to it. */
  base: string;
  rules: Ignore;
}

interface Walker {
  cwd: string;
  files: DiscoveredFile[];
  errors: ScanError[];
  seen: Set<string>;
  /** `--exclude` patterns, relative to the directory named on the command line; no .gitignore can undo them. */
  excluded: Ignore | undefined;
  /** Directories in which an excluded or ignored `.tf` file was left out. */
  omittedTerraformDirs: Set<string>;
  /** Directories `--exclude` or .gitignore left out of the walk. */
  omittedDirs: Set<string>;
}

const TERRAFORM_FILE = /\.tf(\.json)?$/i;
const OVERRIDE_FILE = /(^|_)override\.tf(\.json)?$/i;

/**
 * The Terraform files of a directory form one module: with some of them left out, names the module declares there
 * are missing, and the loader must read references to them as unknown rather than as errors.
 */
function markIncompleteDirectories(files: DiscoveredFile[], dirs: ReadonlySet<string>): void {
  if (dirs.size === 0) return;
  for (const file of files) if (TERRAFORM_FILE.test(file.absolutePath) && dirs.has(path.dirname(file.absolutePath))) file.incompleteDirectory = true;
}

function compileIgnore(patterns: readonly string[]): Ignore | undefined {
  return patterns.length > 0 ? ignore().add([...patterns]) : undefined;
}

/**
 * The .gitignore files above a scanned directory, from the repository root down, as git applies them.
 * Only inside a git work tree (a `.git` above): never a stray .gitignore in a home directory.
 */
async function ancestorGitignores(dir: string, walker: Walker): Promise<IgnoreScope[]> {
  const chain: string[] = [];
  let current = path.dirname(dir);
  let root: string | undefined;
  if (existsSync(path.join(dir, '.git'))) return [];
  for (;;) {
    chain.unshift(current);
    if (existsSync(path.join(current, '.git'))) {
      root = current;
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (root === undefined) return [];
  const scopes: IgnoreScope[] = [];
  for (const base of chain) {
    const scope = await readGitignore(base, walker);
    if (scope) scopes.push(scope);
  }
  // A directory named on the command line is scanned even when git ignores it (`helm template -o rendered/`
  // with rendered/ in .gitignore): then the rules above it, which would ignore everything in it, are not used.
  return gitignored(dir, true, scopes) ? [] : scopes;
}

async function readGitignore(dir: string, walker: Walker): Promise<IgnoreScope | undefined> {
  const file = path.join(dir, '.gitignore');
  let text: string;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return undefined;
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') walker.errors.push({ path: displayPathFor(file, walker.cwd), message: describeFsError(error) });
    return undefined;
  }
  return { base: dir, rules: ignore().add(text) };
}

async function walk(walker: Walker, root: string, dir: string, scopes: readonly IgnoreScope[], ancestors: ReadonlySet<string>): Promise<void> {
  const { cwd, files, errors, seen } = walker;
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch (error) {
    errors.push({ path: displayPathFor(dir, cwd), message: describeFsError(error) });
    return;
  }
  if (ancestors.has(real)) {
    errors.push({ path: displayPathFor(dir, cwd), message: 'symbolic link loop: this directory is already being scanned, skipped' });
    return;
  }
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    errors.push({ path: displayPathFor(dir, cwd), message: describeFsError(error) });
    return;
  }
  const localScopes = [...scopes];
  if (entries.some((entry) => entry.name === '.gitignore' && entry.isFile())) {
    const scope = await readGitignore(dir, walker);
    if (scope) localScopes.push(scope);
  }
  const nextAncestors = new Set(ancestors).add(real);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await fs.stat(full);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        if (isCandidateName(entry.name) && !seen.has(full) && !isIgnored(walker, root, full, false, localScopes)) {
          seen.add(full);
          errors.push({ path: displayPathFor(full, cwd), message: await describeStatError(full, error) });
        }
        continue;
      }
    }
    if (isDir && entry.name === '.terraform') await addInstalledModules(walker, full);
    if (isDir && ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
    if (isIgnored(walker, root, full, isDir, localScopes)) {
      // An override file declares nothing (Terraform's own .gitignore template ignores them): leaving one out loses no name.
      if (isDir) walker.omittedDirs.add(full);
      else if (TERRAFORM_FILE.test(entry.name) && !OVERRIDE_FILE.test(entry.name)) walker.omittedTerraformDirs.add(dir);
      continue;
    }
    if (isDir) {
      await walk(walker, root, full, localScopes, nextAncestors);
    } else if (!isCandidateName(entry.name) || seen.has(full)) {
      continue;
    } else if (isFile) {
      seen.add(full);
      files.push({ absolutePath: full, displayPath: displayPathFor(full, cwd), explicit: false });
    } else {
      // A FIFO, socket or device named like a manifest: never opened (a FIFO would block the scan).
      seen.add(full);
      errors.push({ path: displayPathFor(full, cwd), message: `not a regular file (${await describeFileType(full)}), skipped` });
    }
  }
}

/**
 * `terraform init` copies registry and remote modules below `.terraform/modules/` and lists them in `modules.json`.
 * The manifest and the `.tf` / `.tf.json` files of the directories it lists (not their examples or tests) are
 * scanned, so the Terraform loader can evaluate them as the module calls of the root module beside `.terraform`
 * (never as root modules of their own). .gitignore does not apply here: `.terraform/` is always ignored by it.
 */
async function addInstalledModules(walker: Walker, terraformDir: string): Promise<void> {
  const manifest = path.join(terraformDir, 'modules', 'modules.json');
  let text: string;
  try {
    text = await fs.readFile(manifest, 'utf8');
  } catch {
    return; // no modules installed
  }
  const add = (file: string): void => {
    if (walker.seen.has(file)) return;
    walker.seen.add(file);
    walker.files.push({ absolutePath: file, displayPath: displayPathFor(file, walker.cwd), explicit: false });
  };
  add(manifest);
  let entries: unknown;
  try {
    entries = (JSON.parse(text) as { Modules?: unknown }).Modules;
  } catch {
    return; // the Terraform loader reports the broken manifest
  }
  const workingDir = path.dirname(terraformDir);
  const dirs = new Set<string>();
  for (const entry of Array.isArray(entries) ? entries : []) {
    const dir = (entry as { Dir?: unknown } | null)?.Dir;
    if (typeof dir !== 'string' || path.isAbsolute(dir)) continue;
    const full = path.resolve(workingDir, dir);
    const relative = path.relative(terraformDir, full);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    dirs.add(full);
  }
  for (const dir of [...dirs].sort()) {
    let names: Dirent[];
    try {
      names = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // listed but not (or no longer) installed: its calls stay unknown
    }
    for (const name of names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (name.isFile() && /\.tf(\.json)?$/i.test(name.name)) add(path.join(dir, name.name));
    }
  }
}

function isIgnored(walker: Walker, root: string, full: string, isDir: boolean, scopes: readonly IgnoreScope[]): boolean {
  if (walker.excluded && testIgnore(walker.excluded, root, full, isDir).ignored) return true;
  return gitignored(full, isDir, scopes);
}

/** gitignore semantics: .gitignore files apply shallowest first and deeper ones (negations too) override. */
function gitignored(full: string, isDir: boolean, scopes: readonly IgnoreScope[]): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const result = testIgnore(scope.rules, scope.base, full, isDir);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

function testIgnore(rules: Ignore, base: string, full: string, isDir: boolean): { ignored: boolean; unignored: boolean } {
  const relative = path.relative(base, full).split(path.sep).join('/');
  if (!relative || relative.startsWith('..')) return { ignored: false, unignored: false };
  try {
    return rules.test(isDir ? `${relative}/` : relative);
  } catch {
    return { ignored: false, unignored: false };
  }
}

async function describeFileType(file: string): Promise<string> {
  try {
    const stat = await fs.stat(file);
    if (stat.isFIFO()) return 'a named pipe';
    if (stat.isSocket()) return 'a socket';
    if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  } catch {
    // fall through
  }
  return 'a special file';
}

/** A stat failure, telling a dangling symbolic link apart from a missing file. */
async function describeStatError(file: string, error: unknown): Promise<string> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') {
    try {
      const link = await fs.lstat(file);
      if (link.isSymbolicLink()) return `broken symbolic link: its target ${JSON.stringify(await fs.readlink(file))} does not exist`;
    } catch {
      // not a link: plain "no such file"
    }
  }
  return describeFsError(error);
}
