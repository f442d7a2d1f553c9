import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AjvDraft04Module from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { generateDocs } from '../../src/docs/generate.js';
import type { Finding } from '../../src/model/types.js';
import { formatSarif, toUri } from '../../src/reporters/sarif.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { docsUrl, DOCS_BASE_URL } from '../../src/rules/rule.js';
import { scan, type ScanReport } from '../../src/scan.js';
import { deployment, tempDir, TEST_RULES, TODAY, writeFiles } from '../engine/helpers.js';

const root = path.resolve(import.meta.dirname, '../..');
const sarifSchema = JSON.parse(readFileSync(path.join(import.meta.dirname, '../fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object;

const ajv = new AjvDraft04Module.default({ allErrors: true, strict: false });
ajv.addFormat('uri', (value: string) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(value));
ajv.addFormat('uri-reference', (value: string) => !/\s/.test(value) && canParse(value));
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const validate = ajv.compile(sarifSchema);

function canParse(reference: string): boolean {
  try {
    new URL(reference, 'file:///base/');
    return true;
  } catch {
    return false;
  }
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } };
    logicalLocations: Array<{ name: string; fullyQualifiedName: string }>;
  }>;
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; shortDescription: { text: string }; helpUri: string; help: { text: string }; properties: { tags: string[] } }> } };
    columnKind: string;
    results: SarifResult[];
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number } } }> }> }>;
  }>;
}

function sarifOf(report: ScanReport): SarifLog {
  const text = formatSarif(report);
  const log = JSON.parse(text) as unknown;
  const valid = validate(log);
  if (!valid) throw new Error(`SARIF does not validate: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  return log as SarifLog;
}

function run(log: SarifLog): SarifLog['runs'][number] {
  const first = log.runs[0];
  if (!first) throw new Error('no run');
  return first;
}

const emptyReport: ScanReport = {
  findings: [],
  errors: [],
  summary: { filesScanned: 0, filesSkipped: 0, documents: 0, resources: 0, findings: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 }, suppressed: 0, baselined: 0, errors: 0, notices: 0, rules: 0 },
};

describe('SARIF output', () => {
  const dir = tempDir();
  writeFiles(dir, {
    'k8s/app.yaml': deployment(),
    'k8s/broken.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: [\n',
    'odd names/app #1 ü.yaml': deployment('odd'),
  });

  it('validates for an empty report', () => {
    const log = sarifOf(emptyReport);
    expect(log.version).toBe('2.1.0');
    expect(run(log).results).toEqual([]);
    expect(run(log).invocations[0]?.toolExecutionNotifications).toEqual([]);
  });

  it('validates for a report with findings, with regions and rule indexes', async () => {
    const report = await scan(['k8s/app.yaml'], { cwd: dir, rules: TEST_RULES, today: TODAY, noConfig: true });
    expect(report.findings).toHaveLength(2);
    const { results, tool } = run(sarifOf(report));
    expect(results).toHaveLength(2);
    results.forEach((result, index) => {
      const finding = report.findings[index] as Finding;
      expect(result.ruleId).toBe(finding.ruleId);
      expect(tool.driver.rules[result.ruleIndex ?? -1]?.id).toBe(finding.ruleId);
      expect(result.level).toBe('error'); // high
      expect(result.message.text).toBe(`${finding.message} Fix: ${finding.fix}`);
      const location = result.locations[0];
      expect(location?.physicalLocation.artifactLocation).toEqual({ uri: 'k8s/app.yaml', uriBaseId: '%SRCROOT%' });
      const { path: _path, ...region } = finding.location;
      expect(location?.physicalLocation.region).toEqual(region);
      expect(location?.logicalLocations[0]).toMatchObject({ name: 'web', fullyQualifiedName: 'Deployment/web' });
      expect(result.partialFingerprints).toEqual({ 'seaworthy/v1': finding.fingerprint });
    });
    expect(results.map((result) => result.locations[0]?.physicalLocation.region.startLine)).toEqual([9, 11]);
  });

  it('validates for a report with errors, reported as tool notifications', async () => {
    const report = await scan(['k8s'], { cwd: dir, rules: TEST_RULES, today: TODAY, noConfig: true });
    expect(report.errors.length).toBeGreaterThan(0);
    const { invocations } = run(sarifOf(report));
    const notification = invocations[0]?.toolExecutionNotifications[0];
    expect(notification?.level).toBe('error');
    expect(notification?.message.text).toMatch(/YAML syntax error/);
    expect(notification?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('k8s/broken.yaml');
    expect(notification?.locations[0]?.physicalLocation.region?.startLine).toBe(report.errors[0]?.line);
  });

  it('encodes file names into URI references', async () => {
    const report = await scan(['odd names'], { cwd: dir, rules: TEST_RULES, today: TODAY, noConfig: true });
    const { results } = run(sarifOf(report));
    expect(results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('odd%20names/app%20%231%20%C3%BC.yaml');
    expect(toUri('/abs/dir/a b.yaml')).toBe('file:///abs/dir/a%20b.yaml');
    expect(toUri('C:\\work\\app.yaml')).toBe('file:///C:/work/app.yaml');
    expect(toUri('k8s\\app.yaml')).toBe('k8s/app.yaml');
    const absolute = sarifOf({ ...report, findings: report.findings.map((finding) => ({ ...finding, location: { ...finding.location, path: '/abs/app.yaml' } })) });
    expect(run(absolute).results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'file:///abs/app.yaml' });
  });

  it('relative paths start at the repository root when seaworthy runs in a subdirectory (pathPrefix)', async () => {
    const report = await scan(['odd names'], { cwd: dir, rules: TEST_RULES, today: TODAY, noConfig: true });
    const log = JSON.parse(formatSarif(report, { pathPrefix: 'infra/k8s' })) as SarifLog;
    expect(validate(log)).toBe(true);
    expect(run(log).results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({ uri: 'infra/k8s/odd%20names/app%20%231%20%C3%BC.yaml', uriBaseId: '%SRCROOT%' });
    // The earlier signature, formatSarif(report, rules, version), still works.
    const legacy = JSON.parse(formatSarif(report, [], '9.9.9')) as { runs: Array<{ tool: { driver: { semanticVersion: string; rules: unknown[] } } }> };
    expect(legacy.runs[0]?.tool.driver).toMatchObject({ semanticVersion: '9.9.9', rules: [] });
    const outside = JSON.parse(formatSarif({ ...report, findings: report.findings.map((finding) => ({ ...finding, location: { ...finding.location, path: '../shared/app.yaml' } })) }, { pathPrefix: 'infra' })) as SarifLog;
    expect(run(outside).results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('shared/app.yaml');
  });

  it('describes every rule, with help and a helpUri to its generated page', () => {
    const { tool } = run(sarifOf(emptyReport));
    // The page each helpUri names is one `npm run docs` writes (the drift test checks it is committed).
    const generatedPages = new Set(generateDocs(root, ALL_RULES).files.map((file) => file.path));
    expect(tool.driver.name).toBe('seaworthy');
    expect((tool.driver as { semanticVersion?: string }).semanticVersion).toBe((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version);
    expect(tool.driver.rules.map((rule) => rule.id)).toEqual(ALL_RULES.map((rule) => rule.meta.id));
    for (const [index, descriptor] of tool.driver.rules.entries()) {
      const meta = ALL_RULES[index]?.meta;
      expect(descriptor.shortDescription.text).toBe(meta?.title);
      expect(descriptor.help.text).toContain(meta?.remediation);
      expect(descriptor.helpUri).toBe(docsUrl(descriptor.id));
      expect(descriptor.properties.tags).toContain('security');
      expect(generatedPages.has(`docs/rules/${descriptor.helpUri.slice(DOCS_BASE_URL.length + 1)}`)).toBe(true);
    }
  });

  it('partialFingerprints survive lines inserted above; regions move', async () => {
    const shiftDir = tempDir();
    writeFiles(shiftDir, { 'app.yaml': deployment() });
    const before = run(sarifOf(await scan(['app.yaml'], { cwd: shiftDir, rules: TEST_RULES, today: TODAY, noConfig: true })));
    writeFileSync(path.join(shiftDir, 'app.yaml'), `# a comment\n# another\n---\n${deployment()}`);
    const after = run(sarifOf(await scan(['app.yaml'], { cwd: shiftDir, rules: TEST_RULES, today: TODAY, noConfig: true })));
    expect(after.results.map((result) => result.partialFingerprints)).toEqual(before.results.map((result) => result.partialFingerprints));
    expect(after.results.map((result) => result.locations[0]?.physicalLocation.region.startLine)).toEqual(
      before.results.map((result) => (result.locations[0]?.physicalLocation.region.startLine ?? 0) + 3),
    );
  });

  it('columns are UTF-16 code units, as declared', async () => {
    const line = '      containers: [{ name: "😀", image: a }, { name: web, image: b }]';
    const code = ['apiVersion: v1', 'kind: Pod', 'metadata: { name: p }', 'spec:', line, ''].join('\n');
    const columnDir = tempDir();
    writeFiles(columnDir, { 'pod.yaml': code.replace(/^ {6}/m, '  ') });
    const report = await scan(['pod.yaml'], { cwd: columnDir, rules: TEST_RULES, today: TODAY, noConfig: true });
    const log = run(sarifOf(report));
    expect(log.columnKind).toBe('utf16CodeUnits');
    const shifted = line.replace(/^ {6}/, '  ');
    expect(log.results[1]?.locations[0]?.physicalLocation.region.startColumn).toBe(shifted.indexOf('{ name: web') + 1);
  });

  it('gives each result its own fingerprint when a rule reports twice at one node', () => {
    const finding: Finding = {
      ruleId: 'k8s/run-as-non-root',
      severity: 'high',
      seedPoints: ['RUN-1'],
      message: 'one',
      fix: 'fix',
      location: { path: 'a.yaml', startLine: 3, startColumn: 1, endLine: 3, endColumn: 5 },
      resource: { type: 'Pod', name: 'p' },
      fingerprint: '0123456789abcdef0123456789abcdef',
    };
    const { results } = run(sarifOf({ ...emptyReport, findings: [finding, { ...finding, message: 'two' }] }));
    expect(results.map((result) => result.partialFingerprints['seaworthy/v1'])).toEqual([finding.fingerprint, `${finding.fingerprint}:2`]);
  });
});
