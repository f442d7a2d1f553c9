import { closeSync, existsSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export class OutputExistsError extends Error {
  constructor(readonly file: string) {
    super(`${file} already exists (use --force to overwrite)`);
  }
}

/** Writes through a temporary file in the same directory and renames it into place. */
export function writeFileAtomic(file: string, content: string, options: { overwrite: boolean }): void {
  if (!options.overwrite && existsSync(file)) throw new OutputExistsError(file);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temporary, 'wx', 0o644);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, file);
}
