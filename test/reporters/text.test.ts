import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runScanCommand } from '../../src/cli/scan-command.js';
import { runEngine } from '../../src/engine/engine.js';
import { DEFAULT_SETTINGS } from '../../src/engine/settings.js';
import { forEachContainer } from '../../src/graph/kubernetes.js';
import { loadFile } from '../../src/loaders/index.js';
import { SEVERITIES, type Resource, type Severity } from '../../src/model/types.js';
import { formatText, maskLine } from '../../src/reporters/text.js';
import { RULE_IDS } from '../../src/rules/index.js';
import runAsNonRoot from '../../src/rules/k8s/run-as-non-root.js';
import { createRule, type Rule } from '../../src/rules/rule.js';
import type { DetailedScan } from '../../src/scan.js';
type TextInput = Pick<DetailedScan, 'report' | 'sources' | 'redactions'>;
import { asArray, asObject, asString } from '../../src/util/json.js';
import { deployment, tempDir, TODAY, writeFiles } from '../engine/helpers.js';

const meta = {
  severity: 'medium' as Severity,
  seedPoints: ['RUN-4'],
  artifacts: ['kubernetes' as const],
  description: 'test only',
  rationale: 'test only',
  remediation: 'Reference a Secret instead.',
  references: { peers: [], frameworks: [] },
};

/** Stand-in for a secret detector: reports literal `value`s of env vars named like PASSWORD, marked secret. */
const secretEnv = createRule({
  meta: { ...meta, id: 'test/secret-env', title: 'No literal passwords' },
  appliesTo: () => true,
  check({ resource, report }) {
    forEachContainer(resource, ({ container, path: containerPath, name }) => {
      asArray(container.env).forEach((item, index) => {
        const env = asObject(item);
        if (asString(env?.name)?.includes('PASSWORD') && typeof env?.value === 'string') {
          report({ path: [...containerPath, 'env', index, 'value'], container: name, secret: true, message: `Env var ${String(env.name)} holds a literal secret.` });
        }
      });
    });
  },
});

/** Reports every container node, so its code frame covers the container's lines (the secret's included). */
const everyContainer = createRule({
  meta: { ...meta, id: 'test/every-container', title: 'Containers are reported', severity: 'low', seedPoints: [] },
  appliesTo: () => true,
  check({ resource, report }) {
    forEachContainer(resource, ({ path: containerPath, name }) => report({ path: containerPath, container: name, message: `Container "${name}".` }));
  },
});

const TEST_IDS = new Set([...RULE_IDS, secretEnv.meta.id, everyContainer.meta.id]);

/** What scanDetailed builds, for in-memory files and test rules. */
function detailed(files: Record<string, string>, rules: readonly Rule[], extra: Partial<DetailedScan['report']['summary']> = {}): TextInput {
  const resources: Resource[] = [];
  const sources = new Map<string, string>();
  for (const [name, text] of Object.entries(files)) {
    resources.push(...loadFile({ path: name, text }, { explicit: true }).resources);
    sources.set(name, text);
  }
  const engine = runEngine(resources, { rules, settings: { ...DEFAULT_SETTINGS, today: TODAY }, knownRuleIds: TEST_IDS });
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, engine.findings.filter((finding) => finding.severity === severity).length])) as Record<Severity, number>;
  return {
    report: {
      findings: engine.findings,
      errors: [],
      summary: {
        filesScanned: sources.size,
        filesSkipped: 0,
        documents: resources.length,
        resources: resources.length,
        findings: engine.findings.length,
        bySeverity,
        suppressed: engine.suppressed,
        baselined: 0,
        errors: 0,
        notices: 0,
        rules: engine.rulesRun,
        ...extra,
      },
    },
    sources,
    redactions: engine.redactions,
  };
}

const SECRET = 'hunter2-correct-horse';
const withSecret = (annotations = ''): string =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: api',
    ...(annotations ? [annotations] : []),
    'spec:',
    '  containers:',
    '    - name: api',
    '      env:',
    '        - name: DB_PASSWORD',
    `          value: ${SECRET}`,
    '        - name: SECOND_PASSWORD',
    `          value: "${SECRET}-2"`,
    '      image: api',
    '',
  ].join('\n');

describe('text report', () => {
  it('groups findings by file, each with location, severity, rule, resource, seed points, code frame and fix', () => {
    const scan = detailed({ 'b.yaml': deployment('b'), 'a.yaml': deployment('a') }, [runAsNonRoot]);
    const text = formatText(scan, { color: false });
    expect(text.match(/^a\.yaml$/gm)).toHaveLength(1);
    expect(text.match(/^b\.yaml$/gm)).toHaveLength(1);
    expect(text.indexOf('a.yaml')).toBeLessThan(text.indexOf('b.yaml'));
    const [aPart, bPart] = text.split(/^b\.yaml$/m);
    expect(aPart?.match(/Deployment\/a/g)).toHaveLength(2);
    expect(bPart?.match(/Deployment\/b/g)).toHaveLength(2);
    expect(aPart).toContain(
      [
        '  9:11  HIGH      Container "web" may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set (pod or container level).',
        '    k8s/run-as-non-root · Deployment/a RUN-1',
        '     9 |         - name: web',
        '    10 |           image: nginx',
        `    fix: ${runAsNonRoot.meta.remediation}`,
      ].join('\n'),
    );
  });

  it('code frames show at most four lines of a long node, then an ellipsis', () => {
    const code = ['apiVersion: v1', 'kind: Pod', 'metadata: { name: p }', 'spec:', '  containers:', '    - name: c', '      image: i', '      args:', '        - a', '        - b', '        - c', ''].join('\n');
    const text = formatText(detailed({ 'p.yaml': code }, [runAsNonRoot]), { color: false });
    expect(text).toContain(['    6 |     - name: c', '    7 |       image: i', '    8 |       args:', '    9 |         - a', '      | ...'].join('\n'));
    expect(text).not.toContain('- b');
  });

  it('masks a secret in every frame of its file: its own finding and a finding whose frame covers the line', () => {
    const scan = detailed({ 'pod.yaml': withSecret() }, [secretEnv, everyContainer]);
    expect(scan.report.findings.map((finding) => `${finding.ruleId}:${finding.location.startLine}`)).toEqual([
      'test/every-container:7',
      'test/secret-env:10',
      'test/secret-env:12',
    ]);
    const text = formatText(scan, { color: false });
    expect(text).not.toContain('hunter2');
    // The container's frame (lines 7-10) covers the first secret; each secret finding's frame is its value.
    expect(text).toContain(['     7 |     - name: api', '     8 |       env:', '     9 |         - name: DB_PASSWORD', '    10 |           value: ********', '       | ...'].join('\n'));
    expect(text).toContain('\n    10 |           value: ********\n');
    expect(text).toContain('\n    12 |           value: ********\n');
  });

  it('masks secrets whose own finding is suppressed', () => {
    const scan = detailed({ 'pod.yaml': withSecret('  annotations:\n    seaworthy.dev/suppress: "test/secret-env: rotated in the test"') }, [secretEnv, everyContainer]);
    expect(scan.report.findings.map((finding) => finding.ruleId)).toEqual(['test/every-container']);
    expect(scan.report.summary.suppressed).toBe(2);
    const text = formatText(scan, { color: false });
    expect(text).not.toContain('hunter2');
    expect(text).toContain('    12 |           value: ********');
  });

  it('masks secrets in JSON files', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', env: [{ name: 'PASSWORD', value: SECRET }] }] } }, null, 2);
    const text = formatText(detailed({ 'pod.json': json }, [secretEnv, everyContainer]), { color: false });
    expect(text).not.toContain('hunter2');
    expect(text).toMatch(/"value": \*{8}/);
  });

  it('masks secret-looking values no rule reported, and clips a long line around the finding\'s column', () => {
    const padding = Array.from({ length: 60 }, (_, index) => `"label${index}":"value-${index}"`).join(',');
    const pod = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{${padding}}},"spec":{"containers":[{"name":"web","image":"web","env":[{"name":"API_TOKEN","value":"tok-9f8e7d6c5b4a"}]}]}}`;
    const text = formatText(detailed({ 'pod.json': pod }, [everyContainer]), { color: false });
    const frame = text.split('\n').find((line) => line.startsWith('    1 |')) ?? '';
    expect(frame).toContain('"name":"web"');
    expect(frame.length).toBeLessThan(180);
    expect(frame.startsWith('    1 | …')).toBe(true);
    expect(text).not.toContain('tok-9f8e7d6c5b4a');
  });

  it('without colour there is no escape code at all; with colour there are', () => {
    const scan = detailed({ 'pod.yaml': withSecret() }, [secretEnv, everyContainer, runAsNonRoot], { suppressed: 1, baselined: 2 });
    scan.report.errors.push({ path: 'bad.yaml', message: 'YAML syntax error: x', line: 3 });
    scan.report.summary.errors = 1;
    expect(formatText(scan, { color: false })).not.toMatch(/\u001b/);
    expect(formatText(scan, { color: true })).toMatch(/\u001b\[/);
  });

  it('control characters from scanned files are shown escaped, never sent to the terminal', () => {
    const code = deployment('web').replace('        - name: web\n', '        - name: web # \u001b[2J\u0007 bell\n');
    const text = formatText(detailed({ 'w\u001b.yaml': code }, [runAsNonRoot]), { color: false });
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('- name: web # \\u001b[2J\\u0007 bell');
    expect(text.startsWith('w\\u001b.yaml\n')).toBe(true);
  });

  it.each([
    [{ findings: 0 }, 'no findings in 2 files (3 resources, 1 skipped)'],
    [{ findings: 1, high: 1 }, '1 finding (1 high) in 2 files (3 resources, 1 skipped)'],
    [{ findings: 3, critical: 1, low: 2, suppressed: 4, baselined: 5, errors: 1 }, '3 findings (1 critical, 2 low) in 2 files (3 resources, 1 skipped); 4 suppressed, 5 in baseline, 1 error'],
    [{ findings: 0, errors: 3, notices: 2 }, 'no findings in 2 files (3 resources, 1 skipped); 1 error, 2 notices'],
  ])('summary line %j', (counts, line) => {
    const { findings, suppressed = 0, baselined = 0, errors = 0, notices = 0, ...severities } = counts as Record<string, number>;
    const scan: TextInput = {
      report: {
        findings: [],
        errors: [],
        summary: {
          filesScanned: 2,
          filesSkipped: 1,
          documents: 3,
          resources: 3,
          findings: findings ?? 0,
          bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0, ...severities },
          suppressed,
          baselined,
          errors,
          notices,
          rules: 1,
        },
      },
      sources: new Map(),
      redactions: new Map(),
    };
    expect(formatText(scan, { color: false }).trimEnd().split('\n').pop()).toBe(line);
  });

  it('lists errors with file and line before the summary', () => {
    const scan = detailed({}, []);
    scan.report.errors.push({ path: 'k8s/bad.yaml', message: 'YAML syntax error: unexpected end', line: 7 }, { path: 'big.yaml', message: 'file larger than 16 MiB' });
    scan.report.summary.errors = 2;
    expect(formatText(scan, { color: false })).toBe(
      ['Errors', '  error  k8s/bad.yaml:7  YAML syntax error: unexpected end', '  error  big.yaml  file larger than 16 MiB', '', 'no findings in 0 files (0 resources, 0 skipped); 2 errors', ''].join('\n'),
    );
  });
});

describe('maskLine', () => {
  const range = (startLine: number, startColumn: number, endLine: number, endColumn: number) => ({ startLine, startColumn, endLine, endColumn });

  it('masks several secrets on one line at their own columns', () => {
    const line = '{ "a": "first-secret-value", "b": "second-secret-value" }';
    const first = line.indexOf('"first');
    const second = line.indexOf('"second');
    const masked = maskLine(line, 1, [range(1, first + 1, 1, first + 21), range(1, second + 1, 1, second + 22)]);
    expect(masked).toBe('{ "a": ********, "b": ******** }');
  });

  it('merges overlapping ranges; every mask has the same length', () => {
    expect(maskLine('key: abcdefghijkl', 1, [range(1, 6, 1, 12), range(1, 9, 1, 18)])).toBe('key: ********');
    expect(maskLine('pin: 1234', 1, [range(1, 6, 1, 10)])).toBe('pin: ********');
  });

  it('masks every line of a multi-line value from its indentation', () => {
    const redactions = [range(1, 7, 3, 11)];
    expect(maskLine('cert: |', 1, redactions)).toBe('cert: ********');
    expect(maskLine('  MIIBIjANBgkqhkiG9w0BAQEFAAOC', 2, redactions)).toBe('  ********');
    expect(maskLine('  AQ8AMIIB', 3, redactions)).toBe('  ********');
    expect(maskLine('next: 1', 4, redactions)).toBe('next: 1');
  });
});

describe('colour in the CLI', () => {
  const dir = tempDir();
  writeFiles(dir, { 'app.yaml': deployment() });
  const original = { isTTY: process.stdout.isTTY, noColor: process.env.NO_COLOR };
  afterEach(() => {
    vi.restoreAllMocks();
    process.stdout.isTTY = original.isTTY;
    if (original.noColor === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = original.noColor;
  });

  const render = async (env: string | undefined, color: boolean): Promise<string> => {
    if (env === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = env;
    process.stdout.isTTY = true;
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await runScanCommand([path.join(dir, 'app.yaml')], { format: 'text', force: false, failOn: 'none', exclude: [], color, config: false });
    return stdout.mock.calls.map((call) => String(call[0])).join('');
  };

  it('NO_COLOR turns colours off on a terminal', async () => {
    expect(await render('1', true)).not.toMatch(/\u001b/);
  });

  it('--no-color turns colours off on a terminal', async () => {
    expect(await render(undefined, false)).not.toMatch(/\u001b/);
  });

  it('a terminal gets colours otherwise (an empty NO_COLOR does not count)', async () => {
    expect(await render('', true)).toMatch(/\u001b\[/);
  });
});
