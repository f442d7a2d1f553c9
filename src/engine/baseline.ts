import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Finding } from '../model/types.js';
import { writeFileAtomic } from '../util/fs.js';

/** A baseline lists fingerprints of accepted findings; `--baseline` hides them, new ones still show. */
const baselineSchema = z.object({
  version: z.literal(1),
  findings: z.array(z.object({ fingerprint: z.string(), ruleId: z.string(), path: z.string() })),
});

export type BaselineFile = z.infer<typeof baselineSchema>;

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
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BaselineError(`${file}: cannot read baseline: ${(error as Error).message}`);
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) throw new BaselineError(`${file}: not a seaworthy baseline (expected {"version": 1, "findings": [...]})`);
  return new Baseline(parsed.data);
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
