import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/report/schema.js';
import { formatSarif } from '../../src/reporters/sarif.js';
import { formatText } from '../../src/reporters/text.js';
import { scan, scanDetailed } from '../../src/scan.js';
import { deployment, tempDir, TEST_RULES, TODAY, writeFiles } from './helpers.js';

const RULE = 'k8s/run-as-non-root';

const dir = tempDir();
writeFiles(dir, {
  '.git/HEAD': 'ref: refs/heads/main\n',
  'seaworthy.config.yaml': ['suppressions:', `  - rule: ${RULE}`, '    resource: legacy', '    reason: vendor image, SEC-1', '    until: 2026-12-31', ''].join('\n'),
  // Annotation on the object (both containers), a comment for one container, the configuration for a third object.
  'annotated.yaml': deployment('annotated', `  annotations:\n    seaworthy.dev/suppress: "${RULE} until=2027-01-31: read-only vendor image"`),
  'commented.yaml': deployment('commented').replace('        - name: sidecar', `        # seaworthy-ignore ${RULE}: envoy runs as its own user\n        - name: sidecar`),
  'legacy.yaml': deployment('legacy'),
});
const options = { cwd: dir, today: TODAY, rules: TEST_RULES };

describe('--show-suppressed', () => {
  it('lists what each kind of suppression accepts, with its reason and expiry; the findings stay as they were', async () => {
    const plain = await scan(['.'], options);
    const shown = await scan(['.'], { ...options, showSuppressed: true });
    expect(plain.suppressedFindings).toBeUndefined();
    expect(shown.findings).toEqual(plain.findings);
    expect(shown.summary).toEqual(plain.summary);
    expect(shown.suppressedFindings?.map((finding) => `${finding.location.path}:${finding.location.startLine} ${finding.suppression.kind} ${finding.suppression.reason} ${finding.suppression.until ?? '-'}`)).toEqual([
      'annotated.yaml:11 inSource read-only vendor image 2027-01-31',
      'annotated.yaml:13 inSource read-only vendor image 2027-01-31',
      'commented.yaml:12 inSource envoy runs as its own user -',
      'legacy.yaml:9 external vendor image, SEC-1 2026-12-31',
      'legacy.yaml:11 external vendor image, SEC-1 2026-12-31',
    ]);
    expect(shown.summary.suppressed).toBe(shown.suppressedFindings?.length);
    expect(reportSchema.safeParse(shown).success).toBe(true);
  });

  it('SARIF: suppressed results carry their suppression and validate; the other results keep their fingerprints', async () => {
    const plain = JSON.parse(formatSarif(await scan(['.'], options), { version: '0.0.0' })) as SarifLog;
    const shown = JSON.parse(formatSarif(await scan(['.'], { ...options, showSuppressed: true }), { version: '0.0.0' })) as SarifLog;
    const sarifSchema = JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;
    const ajv = new AjvDraft04Module.default({ allErrors: true, strict: false, validateFormats: false });
    expect(ajv.validate(sarifSchema, shown), JSON.stringify(ajv.errors)).toBe(true);
    const [plainResults, shownResults] = [plain.runs[0]?.results ?? [], shown.runs[0]?.results ?? []];
    expect(shownResults.slice(0, plainResults.length)).toEqual(plainResults);
    expect(shownResults.slice(plainResults.length).map((result) => result.suppressions)).toEqual([
      [{ kind: 'inSource', status: 'accepted', justification: 'read-only vendor image', properties: { until: '2027-01-31' } }],
      [{ kind: 'inSource', status: 'accepted', justification: 'read-only vendor image', properties: { until: '2027-01-31' } }],
      [{ kind: 'inSource', status: 'accepted', justification: 'envoy runs as its own user' }],
      [{ kind: 'external', status: 'accepted', justification: 'vendor image, SEC-1', properties: { until: '2026-12-31' } }],
      [{ kind: 'external', status: 'accepted', justification: 'vendor image, SEC-1', properties: { until: '2026-12-31' } }],
    ]);
  });

  it('text: one line each after the findings', async () => {
    const text = formatText(await scanDetailed(['.'], { ...options, showSuppressed: true }), { color: false });
    expect(text).toContain(
      [
        'Suppressed',
        `  annotated.yaml:11  HIGH      ${RULE}  (in file until 2027-01-31) read-only vendor image`,
        `  annotated.yaml:13  HIGH      ${RULE}  (in file until 2027-01-31) read-only vendor image`,
        `  commented.yaml:12  HIGH      ${RULE}  (in file) envoy runs as its own user`,
        `  legacy.yaml:9  HIGH      ${RULE}  (configuration until 2026-12-31) vendor image, SEC-1`,
        `  legacy.yaml:11  HIGH      ${RULE}  (configuration until 2026-12-31) vendor image, SEC-1`,
      ].join('\n'),
    );
  });
});

interface SarifLog {
  runs: Array<{ results: Array<{ suppressions?: unknown[] }> }>;
}
