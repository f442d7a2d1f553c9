import { readFileSync } from 'node:fs';
import type { Finding } from '../model/types.js';
import { writeFileAtomic } from '../util/fs.js';
import { describeFsError } from '../util/fs.js';

/** A baseline lists fingerprints of accepted findings; `--baseline` hides them, new ones still show. */
export interface BaselineFile {
  version: 1;
  findings: Array<{ fingerprint: string; ruleId: string; path: string }>;
}

/** Checked by hand rather than with zod: three fields do not justify loading zod on every `--baseline` run. */
function isBaselineFile(data: unknown): data is BaselineFile {
  const file = data as Partial<BaselineFile> | null;
  return (
    typeof file === 'object' &&
    file !== null &&
    file.version === 1 &&
    Array.isArray(file.findings) &&
    file.findings.every((entry: unknown) => {
      const item = entry as Record<string, unknown> | null;
      return typeof item === 'object' && item !== null && typeof item.fingerprint === 'string' && typeof item.ruleId === 'string' && typeof item.path === 'string';
    })
  );
}

export class Baseline {
  private readonly fingerprints: Set<string>;
  constructor(file: BaselineFile) {
    this.fingerprints = new Set(file.findings.map((entry) => entry.fingerprint));
  }
  has(fingerprint: string): boolean {
    return this.fingerprints.has(fingerprint);
  }
}

export class BaselineError extends Error {}

export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BaselineError(`${file}: cannot read baseline: ${describeFsError(error)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BaselineError(`${file}: not a seaworthy baseline: not valid JSON (write one with --write-baseline)`);
  }
  if (!isBaselineFile(data)) throw new BaselineError(`${file}: not a seaworthy baseline (expected {"version": 1, "findings": [...]})`);
  return new Baseline(data);
}

export function baselineFor(findings: readonly Finding[]): BaselineFile {
  const entries = findings.map((finding) => ({ fingerprint: finding.fingerprint, ruleId: finding.ruleId, path: finding.location.path }));
  entries.sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  const unique = entries.filter((entry, index) => index === 0 || entries[index - 1]?.fingerprint !== entry.fingerprint);
  return { version: 1, findings: unique };
}

export function writeBaseline(file: string, findings: readonly Finding[], force: boolean): void {
  writeFileAtomic(file, `${JSON.stringify(baselineFor(findings), null, 2)}\n`, { overwrite: force });
}
