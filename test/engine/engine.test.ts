import { describe, expect, it } from 'vitest';
import { Engine, runEngine } from '../../src/engine/engine.js';
import { DEFAULT_SETTINGS } from '../../src/engine/settings.js';
import { forEachContainer, isWorkload } from '../../src/graph/kubernetes.js';
import { loadFile } from '../../src/loaders/index.js';
import { createRule, type Rule } from '../../src/rules/rule.js';
import { ALL_RULES, RULE_IDS } from '../../src/rules/index.js';
import runAsNonRoot from '../../src/rules/k8s/run-as-non-root.js';
import { yaml } from '../helpers/rule-tester.js';
import { tempDir, TEST_RULE_META, writeFiles } from './helpers.js';

const meta = TEST_RULE_META;

function run(rules: Rule[], code: string) {
  const { resources } = loadFile({ path: 'case.yaml', text: code }, { explicit: true });
  const knownRuleIds = new Set([...rules.map((rule) => rule.meta.id)]);
  return runEngine(resources, { rules, settings: { ...DEFAULT_SETTINGS, today: '2026-06-01' }, knownRuleIds });
}

const twoContainers = (first: string, second: string): string => yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: p }
  spec:
    containers:
      - name: ${first}
        image: app
      - name: ${second}
        image: app
`;

describe('engine', () => {
  it('turns a rule that throws into an error entry and keeps the other rules running', () => {
    const broken = createRule({ meta: { ...meta, id: 'test/broken' }, appliesTo: () => true, check: () => { throw new Error('boom'); } });
    const result = run([broken, runAsNonRoot], twoContainers('a', 'b'));
    expect(result.errors).toEqual([{ path: 'case.yaml', line: 1, message: 'rule test/broken failed on Pod "p": boom' }]);
    expect(result.findings.map((finding) => finding.ruleId)).toEqual(['k8s/run-as-non-root', 'k8s/run-as-non-root']);
  });

  it('keeps a container finding\'s fingerprint when containers are reordered', () => {
    const byName = (code: string) =>
      Object.fromEntries(run([runAsNonRoot], code).findings.map((finding) => [/"(\w+)"/.exec(finding.message)?.[1], finding.fingerprint]));
    expect(byName(twoContainers('a', 'b'))).toEqual(byName(twoContainers('b', 'a')));
  });

  it('tells apart two reports at one node by key, and applies a per-report severity', () => {
    const twoDirections = createRule({
      meta: { ...meta, id: 'test/two-directions' },
      appliesTo: isWorkload,
      check({ report }) {
        report({ path: ['metadata'], key: 'ingress', message: 'same message' });
        report({ path: ['metadata'], key: 'egress', message: 'same message', severity: 'critical' });
      },
    });
    const findings = run([twoDirections], twoContainers('a', 'b')).findings;
    expect(findings).toHaveLength(2);
    expect(new Set(findings.map((finding) => finding.fingerprint)).size).toBe(2);
    expect(findings.map((finding) => finding.severity).sort()).toEqual(['critical', 'medium']);
  });

  it('a trailing suppression comment covers its own line only; stacked comments cover the next code line', () => {
    const perContainer = createRule({
      meta: { ...meta, id: 'test/per-container' },
      appliesTo: isWorkload,
      check({ resource, report }) {
        forEachContainer(resource, ({ path, name }) => report({ path: [...path, 'name'], container: name, message: `container ${name}` }));
      },
    });
    const code = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        containers:
          - name: a # seaworthy-ignore test/per-container: accepted for a
          - name: b
          # seaworthy-ignore test/other-rule: unrelated
          # seaworthy-ignore test/per-container: accepted for c
          - name: c
    `;
    const findings = run([perContainer], code).findings;
    expect(findings.map((finding) => finding.message)).toEqual(['container b']);
  });

  it('places a finding in the file its range names (a Terraform override file merged into main.tf)', () => {
    const rule = createRule({
      meta: { ...meta, id: 'test/anywhere', artifacts: ['terraform'] },
      appliesTo: () => true,
      check: ({ report }) => report({ path: ['description'], message: 'overridden' }),
    });
    const file = { path: 'main.tf', text: 'resource "x" "y" {}\n' };
    const document = {
      file,
      artifact: 'terraform' as const,
      index: 0,
      data: {},
      sourceMap: {
        locate: () => ({ startLine: 3, startColumn: 3, endLine: 3, endColumn: 20, file: 'override.tf' }),
        locateValue: () => undefined,
      },
    };
    const resource = { artifact: 'terraform' as const, type: 'x', name: 'x.y', body: {}, document, basePath: ['resource', 'x', 'y'] };
    const result = runEngine([resource], { rules: [rule], settings: { ...DEFAULT_SETTINGS, today: '2026-06-01' }, knownRuleIds: new Set(['test/anywhere']) });
    expect(result.findings.map((finding) => finding.location)).toEqual([{ path: 'override.tf', startLine: 3, startColumn: 3, endLine: 3, endColumn: 20 }]);
  });

  it("reports a rule that declares scope 'resource' but reads the graph, and runs it with the files as they come", () => {
    const misdeclared = createRule({
      meta: { ...meta, id: 'test/misdeclared' },
      scope: 'resource',
      appliesTo: isWorkload,
      check: ({ graph }) => void graph.resources,
    });
    expect(run([misdeclared], twoContainers('a', 'b')).errors).toEqual([
      { path: 'case.yaml', line: 1, message: "rule test/misdeclared failed on Pod \"p\": declares scope 'resource' but read the scan graph" },
    ]);
  });

  it('gives the same findings whether resources come file by file or all at once', () => {
    const files = [
      { path: 'a.yaml', text: twoContainers('a', 'b') },
      { path: 'b.yaml', text: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: app, namespace: shop }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: shop }
        spec:
          template:
            metadata: { labels: { app: web } }
            spec:
              serviceAccountName: app
              containers: [{ name: web, image: "nginx:latest" }]
      ` },
    ];
    const loaded = files.map((file) => loadFile(file, { explicit: true }).resources);
    const options = { rules: ALL_RULES, settings: { ...DEFAULT_SETTINGS, today: '2026-06-01' }, knownRuleIds: RULE_IDS };
    const streamed = new Engine(options);
    for (const resources of loaded) streamed.add(resources);
    const once = runEngine(loaded.flat(), options);
    expect(once.findings.length).toBeGreaterThan(5);
    expect(streamed.finish()).toEqual(once);
  });
});

describe('findings on resources that may not exist', () => {
  it('say so when the Terraform count is unknown; known instances do not', async () => {
    const { scan } = await import('../../src/scan.js');
    const dir = tempDir();
    writeFiles(dir, {
      'main.tf': [
        'variable "enabled" {',
        '  type = bool',
        '}',
        'resource "aws_cloudwatch_log_group" "maybe" {',
        '  count             = var.enabled ? 1 : 0',
        '  retention_in_days = 7',
        '}',
        'resource "aws_cloudwatch_log_group" "sure" {',
        '  retention_in_days = 7',
        '}',
        '',
      ].join('\n'),
    });
    const report = await scan(['.'], { cwd: dir, noConfig: true });
    const retention = report.findings.filter((finding) => finding.ruleId === 'audit/log-group-retention');
    expect(retention.map((finding) => [finding.resource.name, finding.message.endsWith('(if the resource is created: its count or for_each is not known from the files).')])).toEqual([
      ['aws_cloudwatch_log_group.maybe[0]', true],
      ['aws_cloudwatch_log_group.sure', false],
    ]);
  });

  it('name a resource that surely exists when one that may not reaches the same variable default', async () => {
    const { scan } = await import('../../src/scan.js');
    const dir = tempDir();
    writeFiles(dir, {
      'main.tf': [
        'variable "enabled" {',
        '  type = bool',
        '}',
        'variable "ssh_cidrs" {',
        '  default = ["0.0.0.0/0"]',
        '}',
        'resource "aws_security_group_rule" "maybe" {',
        '  count             = var.enabled ? length(var.ssh_cidrs) : 0',
        '  type              = "ingress"',
        '  from_port         = 22',
        '  to_port           = 22',
        '  protocol          = "tcp"',
        '  cidr_blocks       = [var.ssh_cidrs[count.index]]',
        '  security_group_id = "sg-1"',
        '}',
        'resource "aws_security_group_rule" "sure" {',
        '  type              = "ingress"',
        '  from_port         = 22',
        '  to_port           = 22',
        '  protocol          = "tcp"',
        '  cidr_blocks       = var.ssh_cidrs',
        '  security_group_id = "sg-1"',
        '}',
        '',
      ].join('\n'),
    });
    const report = await scan(['.'], { cwd: dir, noConfig: true });
    const ssh = report.findings.filter((finding) => finding.ruleId === 'net/no-public-ingress');
    expect(ssh.map((finding) => [finding.resource.name, finding.location.startLine])).toEqual([['aws_security_group_rule.sure', 5]]);
  });
});
