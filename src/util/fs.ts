import { chmodSync, closeSync, existsSync, fsyncSync, lstatSync, openSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';

export class OutputExistsError extends Error {
  constructor(
    readonly file: string,
    reason = 'already exists (use --force to overwrite)',
  ) {
    super(`${file} ${reason}`);
  }
}

/**
 * Refuses a target that must not be replaced: anything there without `overwrite`, and, even with it, what is not
 * a regular file, or a symbolic link to one (a directory, a FIFO, a device such as /dev/null or /dev/stdout:
 * renaming over it would replace it with a regular file). Returns what is there (a link's target: the file
 * written keeps its mode).
 */
export function checkOutputTarget(file: string, overwrite: boolean): Stats | undefined {
  const stats = lstatSync(file, { throwIfNoEntry: false });
  if (!stats) return undefined;
  // A link is judged by what it points to (`/dev/stdout` is a link to a descriptor); a dangling one is replaced.
  const target = stats.isSymbolicLink() ? (statSync(file, { throwIfNoEntry: false }) ?? stats) : stats;
  if (!target.isFile() && !target.isSymbolicLink()) throw new OutputExistsError(file, 'exists and is not a regular file: give the path of a file');
  if (!overwrite) throw new OutputExistsError(file);
  return target;
}

/** Writes through a temporary file in the same directory and renames it into place; a replaced file keeps its mode. */
export function writeFileAtomic(file: string, content: string, options: { overwrite: boolean }): void {
  const previous = checkOutputTarget(file, options.overwrite);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temporary, 'wx', 0o644);
  try {
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (previous?.isFile()) chmodSync(temporary, previous.mode & 0o777);
    renameSync(temporary, file);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
}

/** The nearest directory at or above `dir` that holds `.git` (a repository or worktree root), or undefined. */
export function repositoryRoot(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** What a file system error means, for messages (`no such file or directory`, `permission denied: ...`). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied: cannot be read';
    case 'ELOOP':
      return 'symbolic link loop (too many levels of symbolic links)';
    case 'ENOTDIR':
      return 'not a directory (a path component is a file)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
