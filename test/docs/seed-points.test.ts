import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACT_LABELS, ARTIFACT_TYPES, type ArtifactType } from '../../src/model/types.js';
import { SEED_POINTS } from '../../src/seeds/points.js';

/** SEED-POINTS.md lives next to the repository (../shared); without it this comparison is skipped. */
const seedFile = path.resolve(import.meta.dirname, '../../../shared/SEED-POINTS.md');

interface Row {
  id: string;
  point: string;
  check: string;
  provision: string;
}

/** Table rows whose first cell is a point id; `\|` inside a cell is a literal pipe. */
function parseSeedPoints(markdown: string): Row[] {
  const rows: Row[] = [];
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) continue;
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replace(/\\\|/g, '|'));
    const [id, point, check, provision] = cells;
    if (id === undefined || !/^[A-Z]+-\d+$/.test(id)) continue;
    rows.push({ id, point: point ?? '', check: check ?? '', provision: provision ?? '' });
  }
  return rows;
}

describe.skipIf(!existsSync(seedFile))('src/seeds/points.ts matches SEED-POINTS.md', () => {
  const rows = existsSync(seedFile) ? parseSeedPoints(readFileSync(seedFile, 'utf8')) : [];

  it('has the same ids in the same order', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(SEED_POINTS.map((point) => point.id)).toEqual(rows.map((row) => row.id));
  });

  it.each(rows.map((row) => [row.id, row] as const))('%s: same check column, and artifacts read from it', (id, row) => {
    const point = SEED_POINTS.find((candidate) => candidate.id === id);
    expect(point?.check).toBe(row.check);
    // Every artifact label the check column names (K8s, TD, CFN, ...) and no other.
    const labels = new Set(row.check.match(/\b(K8s|CFN|TF|TD|POL|DF|CI|EKSCTL)\b/g) ?? []);
    const named = ARTIFACT_TYPES.filter((artifact: ArtifactType) => labels.has(ARTIFACT_LABELS[artifact]));
    expect([...(point?.artifacts ?? [])].sort()).toEqual([...named].sort());
  });
});
