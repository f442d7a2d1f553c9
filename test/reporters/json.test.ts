import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/report/schema.js';
import { formatJson } from '../../src/reporters/json.js';
import { scan } from '../../src/scan.js';
import { deployment, tempDir, writeFiles } from '../engine/helpers.js';

const root = path.resolve(import.meta.dirname, '../..');
const committedSchema = JSON.parse(readFileSync(path.join(root, 'schemas/report.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(committedSchema);

describe('JSON report contract', () => {
  const dir = tempDir();
  writeFiles(dir, {
    'ns/app.yaml': deployment('web').replace('  name: web\n', '  name: web\n  namespace: shop\n'),
    'broken.yaml': 'kind: Pod\nmetadata: {\n',
    'notes.txt': 'not a manifest',
  });

  it('a real scan (every rule, the example app, a broken file) validates against the zod schema and the JSON Schema', async () => {
    const report = await scan([path.join(root, 'examples/eks-app'), dir], { cwd: root, noConfig: true, today: '2026-06-01' });
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.findings.some((finding) => finding.resource.namespace === 'shop')).toBe(true);

    const parsed = reportSchema.safeParse(report);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    const printed = JSON.parse(formatJson(report)) as unknown;
    expect(validate(printed), JSON.stringify(validate.errors)).toBe(true);
    expect(printed).toEqual(report);
  });

  it('rejects what the contract forbids', () => {
    const finding = {
      ruleId: 'k8s/run-as-non-root',
      severity: 'high',
      seedPoints: ['RUN-1'],
      message: 'm',
      fix: 'f',
      location: { path: 'a.yaml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      resource: { type: 'Pod', name: 'p' },
      fingerprint: '0123456789abcdef0123456789abcdef',
    };
    const summary = { filesScanned: 1, filesSkipped: 0, documents: 1, resources: 1, findings: 1, bySeverity: { critical: 0, high: 1, medium: 0, low: 0, info: 0 }, suppressed: 0, baselined: 0, errors: 0, notices: 0, rules: 1 };
    const good = { findings: [finding], errors: [], summary };
    expect(reportSchema.safeParse(good).success).toBe(true);
    expect(validate(good)).toBe(true);
    for (const bad of [
      { ...good, findings: [{ ...finding, severity: 'urgent' }] },
      { ...good, findings: [{ ...finding, location: { ...finding.location, startLine: 0 } }] },
      { ...good, findings: [{ ...finding, extra: true }] },
      { ...good, errors: [{ path: 'a.yaml' }] },
      { findings: [], errors: [] },
    ]) {
      expect(reportSchema.safeParse(bad).success).toBe(false);
      expect(validate(bad)).toBe(false);
    }
  });
});
