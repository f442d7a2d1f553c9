import { promises as fs } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ScanError } from '../model/types.js';

export interface DiscoveredFile {
  /** Absolute path on disk, or `-` for standard input. */
  absolutePath: string;
  /** Path as reports show it. */
  displayPath: string;
  /** Named on the command line (always sniffed) rather than found in a directory walk. */
  explicit: boolean;
}

export interface DiscoverOptions {
  /** gitignore-style patterns, relative to each scanned directory. */
  exclude?: readonly string[];
  cwd?: string;
}

/** Directories never worth descending into. */
const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules', '.terraform']);

/** Files a directory walk looks at; their content still decides the artifact type. */
export function isCandidateName(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return (
    /\.(ya?ml|json|template|tf|tfvars|hcl|dockerfile|containerfile)$/.test(lower) ||
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
): Promise<{ files: DiscoveredFile[]; errors: ScanError[] }> {
  const cwd = options.cwd ?? process.cwd();
  const files: DiscoveredFile[] = [];
  const errors: ScanError[] = [];
  const seen = new Set<string>();

  for (const input of inputs) {
    if (input === '-') {
      files.push({ absolutePath: '-', displayPath: '-', explicit: true });
      continue;
    }
    const absolute = path.resolve(cwd, input);
    const display = displayPathFor(absolute, cwd);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      errors.push({ path: display, message: describeFsError(error) });
      continue;
    }
    if (stat.isDirectory()) {
      const excluded = ignore().add([...(options.exclude ?? [])]);
      await walk(absolute, absolute, [{ base: absolute, rules: excluded }], new Set(), cwd, files, errors, seen);
    } else if (!seen.has(absolute)) {
      seen.add(absolute);
      files.push({ absolutePath: absolute, displayPath: display, explicit: true });
    }
  }
  return { files, errors };
}

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

async function walk(
  root: string,
  dir: string,
  scopes: IgnoreScope[],
  ancestors: Set<string>,
  cwd: string,
  files: DiscoveredFile[],
  errors: ScanError[],
  seen: Set<string>,
): Promise<void> {
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch (error) {
    errors.push({ path: displayPathFor(dir, cwd), message: describeFsError(error) });
    return;
  }
  if (ancestors.has(real)) {
    errors.push({ path: displayPathFor(dir, cwd), message: 'symbolic link loop: directory already being scanned, skipped' });
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
    try {
      const rules = ignore().add(await fs.readFile(path.join(dir, '.gitignore'), 'utf8'));
      localScopes.push({ base: dir, rules });
    } catch (error) {
      errors.push({ path: displayPathFor(path.join(dir, '.gitignore'), cwd), message: describeFsError(error) });
    }
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
        if (isCandidateName(entry.name)) errors.push({ path: displayPathFor(full, cwd), message: describeFsError(error) });
        continue;
      }
    }
    if (isDir && ALWAYS_SKIPPED_DIRS.has(entry.name)) continue;
    if (isIgnored(full, isDir, localScopes)) continue;
    if (isDir) {
      await walk(root, full, localScopes, nextAncestors, cwd, files, errors, seen);
    } else if (isFile && isCandidateName(entry.name) && !seen.has(full)) {
      seen.add(full);
      files.push({ absolutePath: full, displayPath: displayPathFor(full, cwd), explicit: false });
    }
  }
}

function isIgnored(full: string, isDir: boolean, scopes: readonly IgnoreScope[]): boolean {
  for (const scope of scopes) {
    const relative = path.relative(scope.base, full).split(path.sep).join('/');
    if (!relative || relative.startsWith('..')) continue;
    if (scope.rules.ignores(isDir ? `${relative}/` : relative)) return true;
  }
  return false;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: file cannot be read';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
