import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runScanCommand } from '../../src/cli/scan-command.js';
import { CONFIG_FILE_NAMES, ConfigError, findConfigFile, resolveConfig } from '../../src/engine/config.js';
import { loadConfigFile, parseConfig } from '../../src/engine/config-file.js';
import { DEFAULT_ALLOWED_REGISTRIES, DEFAULT_SETTINGS } from '../../src/engine/settings.js';
import { RULE_IDS } from '../../src/rules/index.js';
import { createRule } from '../../src/rules/rule.js';
import { scan, type ScanOptions } from '../../src/scan.js';
import { deployment, tempDir, TEST_RULES, TODAY, writeFiles } from './helpers.js';

const RULE = 'k8s/run-as-non-root';
const base: ScanOptions = { rules: TEST_RULES, today: TODAY };

/** Reports the settings it received, so tests can see what the configuration resolved to. */
const settingsProbe = createRule({
  meta: {
    id: 'test/settings-probe',
    title: 'Settings probe',
    severity: 'info',
    seedPoints: [],
    artifacts: ['kubernetes'],
    description: 'test only',
    rationale: 'test only',
    remediation: 'test only',
    references: { peers: [], frameworks: [] },
  },
  appliesTo: (resource) => resource.type === 'Deployment',
  check: ({ settings, report }) => report({ path: [], message: JSON.stringify(settings) }),
});

describe('finding the configuration file', () => {
  const dir = tempDir();
  writeFiles(dir, {
    'repo/seaworthy.config.yaml': `rules:\n  ${RULE}: off\n`,
    'repo/k8s/apps/web.yaml': deployment(),
    'repo/other.yaml': deployment(),
    'elsewhere/app.yaml': deployment(),
    'conf/strict.yaml': `rules:\n  ${RULE}: critical\n`,
    'yml/seaworthy.config.yml': `rules:\n  ${RULE}: low\n`,
    'yml/app.yaml': deployment(),
  });

  it('looks upward from the scanned file', async () => {
    const report = await scan(['repo/k8s/apps/web.yaml'], { ...base, cwd: dir });
    expect(report.findings).toEqual([]);
    expect(report.summary.rules).toBe(2);
  });

  it('looks upward from the scanned directory, wherever the working directory is', async () => {
    const report = await scan([path.join(dir, 'repo/k8s')], { ...base, cwd: path.join(dir, 'elsewhere') });
    expect(report.findings).toEqual([]);
    expect(findConfigFile(path.join(dir, 'repo/k8s/apps'))).toBe(path.join(dir, 'repo/seaworthy.config.yaml'));
  });

  it('accepts the .yml spelling', async () => {
    expect(CONFIG_FILE_NAMES).toContain('seaworthy.config.yml');
    const report = await scan(['yml'], { ...base, cwd: dir });
    expect(report.findings.map((finding) => finding.severity)).toEqual(['low', 'low']);
  });

  it('uses no file when there is none above the scanned path', async () => {
    const report = await scan(['elsewhere/app.yaml'], { ...base, cwd: dir });
    expect(report.findings.map((finding) => finding.ruleId)).toEqual([RULE, RULE]);
  });

  it('--no-config ignores the file', async () => {
    const report = await scan(['repo/other.yaml'], { ...base, cwd: dir, noConfig: true });
    expect(report.findings).toHaveLength(2);
  });

  it('--config takes that file instead of the one found upward', async () => {
    const report = await scan(['repo/other.yaml'], { ...base, cwd: dir, configPath: 'conf/strict.yaml' });
    expect(report.findings.map((finding) => finding.severity)).toEqual(['critical', 'critical']);
    expect(report.summary.bySeverity.critical).toBe(2);
  });

  it('--config naming a missing file is an error', async () => {
    await expect(scan(['repo/other.yaml'], { ...base, cwd: dir, configPath: 'conf/missing.yaml' })).rejects.toThrow(
      /^conf\/missing\.yaml: cannot read configuration/,
    );
  });
});

describe('rule settings', () => {
  const dir = tempDir();
  writeFiles(dir, { 'app.yaml': deployment() });
  const run = async (config: string): Promise<Array<{ ruleId: string; severity: string }>> => {
    writeFiles(dir, { 'config.yaml': config });
    const report = await scan(['app.yaml'], { ...base, cwd: dir, configPath: 'config.yaml' });
    return report.findings.map(({ ruleId, severity }) => ({ ruleId, severity }));
  };

  it.each([
    [`rules:\n  ${RULE}: off\n`, []],
    [`rules:\n  ${RULE}: { enabled: false }\n`, []],
    [`rules:\n  ${RULE}: { enabled: false, severity: low }\n`, []],
    [`rules:\n  ${RULE}: on\n`, ['high', 'high']],
    [`rules:\n  ${RULE}: medium\n`, ['medium', 'medium']],
    [`rules:\n  ${RULE}: { severity: info }\n`, ['info', 'info']],
    [`rules:\n  core/invalid-suppression: off\n`, ['high', 'high']],
    ['# nothing configured\n', ['high', 'high']],
    ['', ['high', 'high']],
  ])('%j', async (config, severities) => {
    const findings = await run(config);
    expect(findings.map((finding) => finding.severity)).toEqual(severities);
    expect(findings.every((finding) => finding.ruleId === RULE)).toBe(true);
  });

  it('a rule turned off is not counted as run', async () => {
    writeFiles(dir, { 'config.yaml': `rules:\n  ${RULE}: off\n  core/expired-suppression: off\n` });
    const report = await scan(['app.yaml'], { ...base, cwd: dir, configPath: 'config.yaml' });
    expect(report.summary.rules).toBe(1);
  });
});

describe('settings for rules', () => {
  it('registries: allowed entries are added to the ECR defaults', () => {
    const { settings } = resolveConfig(parseConfig('registries:\n  allowed: [ghcr.io/acme/, "*.example.com"]\n', RULE_IDS, 'c.yaml'));
    expect(settings.allowedRegistries).toEqual([...DEFAULT_ALLOWED_REGISTRIES, 'ghcr.io/acme/', '*.example.com']);
  });

  it('registries: includeDefaults false keeps only the configured ones', () => {
    const { settings } = resolveConfig(parseConfig('registries:\n  allowed: [ghcr.io/acme/]\n  includeDefaults: false\n', RULE_IDS, 'c.yaml'));
    expect(settings.allowedRegistries).toEqual(['ghcr.io/acme/']);
  });

  it('defaults without a configuration', () => {
    const { settings, ruleSettings } = resolveConfig(undefined);
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(ruleSettings.size).toBe(0);
  });

  it('every setting reaches the rules through a scan', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'app.yaml': deployment(),
      'seaworthy.config.yaml': [
        'registries:',
        '  allowed: [registry.example.com]',
        '  includeDefaults: false',
        'trustedCidrs: [10.0.0.0/8, "fd00::/8"]',
        'sensitiveWorkloads:',
        '  labels: { data-classification: pci }',
        '  namespaces: [payments]',
        '  taintKey: pci-only',
        'secrets:',
        '  allow: [SPRING_DATASOURCE_USERNAME, "/^FEATURE_/"]',
        '',
      ].join('\n'),
    });
    const report = await scan(['app.yaml'], { cwd: dir, rules: [settingsProbe], today: TODAY });
    expect(JSON.parse(report.findings[0]?.message ?? '{}')).toEqual({
      allowedRegistries: ['registry.example.com'],
      trustedCidrs: ['10.0.0.0/8', 'fd00::/8'],
      sensitiveWorkloads: { labels: { 'data-classification': 'pci' }, namespaces: ['payments'], taintKey: 'pci-only' },
      secretAllowList: ['SPRING_DATASOURCE_USERNAME', '/^FEATURE_/'],
      today: TODAY,
    });
  });
});

describe('validation errors name the file and the line', () => {
  const cases: Array<[string, string, number | undefined, RegExp]> = [
    ['a wrong type', 'registries:\n  allowed: ghcr.io/acme\n', 2, /registries\.allowed: expected array, received string/],
    ['a wrong rule setting', `rules:\n  ${RULE}: maybe\n`, 2, /rules\.k8s\/run-as-non-root: expected off, on, a severity/],
    ['an unknown key', '# settings\nregistires:\n  allowed: []\n', 2, /unknown key "registires" \(expected one of: rules, registries, trustedCidrs/],
    ['an unknown nested key', 'registries:\n  allowed: []\n  includeDefault: false\n', 3, /registries\.includeDefault: unknown key "includeDefault" \(expected one of: allowed, includeDefaults\)/],
    ['an unknown key in a rule setting', `rules:\n  ${RULE}:\n    enabled: true\n    level: low\n`, 4, /unknown key "level" \(expected one of: enabled, severity\)/],
    ['an unknown rule id', `rules:\n  k8s/run-as-non-root: off\n  k8s/run-as-nonroot: off\n`, 3, /unknown rule "k8s\/run-as-nonroot" \(did you mean "k8s\/run-as-non-root"\?\)/],
    ['a malformed rule id', 'rules:\n  RunAsNonRoot: off\n', 2, /rules\.RunAsNonRoot: rule ids look like area\/name/],
    ['a bad CIDR', 'trustedCidrs:\n  - 10.0.0.0/8\n  - office\n', 3, /trustedCidrs\.1: expected a CIDR/],
    ['a CIDR out of range', 'trustedCidrs:\n  - 10.0.0.0/33\n', 2, /trustedCidrs\.0: expected a CIDR such as 10\.0\.0\.0\/8 \(octets up to 255/],
    ['an invalid octet', 'trustedCidrs: ["300.1.1.1/8"]\n', 1, /trustedCidrs\.0: expected a CIDR/],
    ['an allow-list pattern that does not compile', 'secrets:\n  allow:\n    - A\n    - "/[unclosed/"\n', 4, /secrets\.allow\.1: invalid regular expression/],
    ['malformed YAML', 'rules:\n  k8s/run-as-non-root: off\n registries: [\n', 3, /YAML syntax error/],
    ['a duplicate key', `rules:\n  ${RULE}: off\n  ${RULE}: on\n`, 3, /YAML syntax error/],
    ['a list instead of a mapping', '- rules\n', 1, /expected object, received array/],
    ['several documents', 'rules: {}\n---\nrules: {}\n', 3, /expected one YAML document/],
    ['a suppression of an unknown rule', `suppressions:\n  - rule: ${RULE}\n    reason: ok\n  - rule: k8s/run-as-nonroot\n    reason: ok\n`, 4, /suppressions\.1\.rule: unknown rule "k8s\/run-as-nonroot" \(did you mean/],
    ['a suppression without a reason', `suppressions:\n  - rule: ${RULE}\n    reason: "  "\n`, 3, /suppressions\.0\.reason: a suppression needs a reason/],
  ];

  it.each(cases)('%s', (_name, text, line, message) => {
    let error: unknown;
    try {
      parseConfig(text, RULE_IDS, 'conf/seaworthy.config.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.path).toBe('conf/seaworthy.config.yaml');
    expect(configError.line).toBe(line);
    expect(configError.message).toMatch(message);
    expect(configError.message.startsWith(`conf/seaworthy.config.yaml:${line}: `)).toBe(true);
  });

  describe('through a scan and the CLI', () => {
    const dir = tempDir();
    writeFiles(dir, { 'bad/seaworthy.config.yaml': 'rules:\n  k8s/nope: off\n', 'bad/app.yaml': deployment() });
    afterEach(() => vi.restoreAllMocks());

    it('scan() rejects with the path relative to the working directory', async () => {
      await expect(scan(['bad'], { ...base, cwd: dir })).rejects.toThrow('bad/seaworthy.config.yaml:2: invalid configuration: rules: unknown rule "k8s/nope"');
    });

    it('loadConfigFile names the file as displayed', () => {
      expect(() => loadConfigFile(path.join(dir, 'bad/seaworthy.config.yaml'), RULE_IDS, 'shown.yaml')).toThrow(/^shown\.yaml:2: /);
    });

    it('the CLI prints the error and exits 2', async () => {
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      const code = await runScanCommand([path.join(dir, 'bad')], { format: 'json', force: false, failOn: 'low', exclude: [], color: false });
      expect(code).toBe(2);
      expect(stdout).not.toHaveBeenCalled();
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^seaworthy: .*bad\/seaworthy\.config\.yaml:2: invalid configuration: rules: unknown rule "k8s\/nope"/);
    });
  });
});

describe('suppressions in the configuration file', () => {
  const dir = tempDir();
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
  writeFiles(dir, {
    'repo/.git/HEAD': 'ref: refs/heads/main\n',
    'repo/seaworthy.config.yaml': [
      'suppressions:',
      '  - rule: iam/no-wildcard-permissions',
      '    paths: [policies/ci-*.json]',
      '    reason: the CI role is limited by an SCP',
      '  - rule: k8s/run-as-non-root',
      '    resource: legacy',
      '    reason: vendor image, tracked in SEC-1',
      '    until: 2026-12-31',
      '  - rule: k8s/run-as-non-root',
      '    resource: old',
      '    reason: expired',
      '    until: 2026-01-01',
      '',
    ].join('\n'),
    'repo/policies/ci-deploy.json': policy,
    'repo/policies/admin.json': policy,
    'repo/k8s/legacy.yaml': deployment('legacy'),
    'repo/k8s/old.yaml': deployment('old'),
  });

  it('suppress by rule, file pattern (from the configuration\'s directory) and resource, until their date', async () => {
    for (const cwd of [dir, path.join(dir, 'repo/k8s')]) {
      const report = await scan([path.join(dir, 'repo')], { today: TODAY, cwd });
      const shown = report.findings
        .filter((finding) => finding.ruleId === 'iam/no-wildcard-permissions' || finding.ruleId === RULE)
        .map((finding) => `${finding.ruleId} ${path.basename(finding.location.path)}`)
        .sort();
      expect(shown).toEqual(['iam/no-wildcard-permissions admin.json', 'k8s/run-as-non-root old.yaml', 'k8s/run-as-non-root old.yaml']);
      expect(report.summary.suppressed).toBe(3);
    }
  });

  it('a Terraform resource is named by its address without instance keys or module path', async () => {
    const repo = tempDir();
    const policy = 'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })';
    writeFiles(repo, {
      '.git/HEAD': 'x\n',
      'seaworthy.config.yaml': 'suppressions:\n  - { rule: iam/no-wildcard-permissions, resource: aws_iam_policy.p, reason: break-glass role }\n',
      'main.tf': `resource "aws_iam_policy" "p" {\n  count  = 2\n  policy = ${policy}\n}\nmodule "m" {\n  source = "./m"\n}\n`,
      'm/main.tf': `resource "aws_iam_policy" "p" {\n  policy = ${policy}\n}\n`,
    });
    const report = await scan(['.'], { cwd: repo, today: TODAY });
    expect(report.findings.filter((finding) => finding.ruleId === 'iam/no-wildcard-permissions')).toEqual([]);
    expect(report.summary.suppressed).toBeGreaterThanOrEqual(2);
  });

  it('a configuration file above the repository is not used', async () => {
    const outer = tempDir();
    writeFiles(outer, { 'seaworthy.config.yaml': `rules:\n  ${RULE}: off\n`, 'repo/.git/HEAD': 'x\n', 'repo/app.yaml': deployment() });
    expect(findConfigFile(path.join(outer, 'repo'))).toBeUndefined();
    expect(findConfigFile(outer)).toBe(path.join(outer, 'seaworthy.config.yaml'));
  });
});

describe('schemas/config.schema.json', () => {
  const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../schemas/config.schema.json'), 'utf8')) as object;
  const validate = new Ajv2020({ strict: true }).compile(schema);

  it.each([
    [`rules:\n  ${RULE}: off\n  core/invalid-suppression: { severity: high }\nregistries: { allowed: [ghcr.io/acme/], includeDefaults: false }\n`, true],
    ['trustedCidrs: [10.0.0.0/8]\nsensitiveWorkloads: { labels: { a: b }, namespaces: [x], taintKey: t }\nsecrets: { allow: [A] }\n', true],
    [`rules:\n  ${RULE}: maybe\n`, false],
    ['rules:\n  k8s/nope: off\n', false],
    ['regitries: {}\n', false],
    ['trustedCidrs: [office]\n', false],
    [`suppressions:\n  - { rule: ${RULE}, paths: [policies/*.json], resource: ci, reason: accepted, until: 2027-01-31 }\n`, true],
    [`rules:\n  ${RULE}: false\n  k8s/cpu-limit: true\n`, true],
    ['suppressions:\n  - { rule: k8s/nope, reason: accepted }\n', false],
    [`suppressions:\n  - { rule: ${RULE} }\n`, false],
    [`suppressions:\n  - { rule: ${RULE}, reason: x, until: soon }\n`, false],
  ])('agrees with the loader on %j', (text, valid) => {
    expect(validate(parseYaml(text))).toBe(valid);
    let loaded = true;
    try {
      parseConfig(text, RULE_IDS, 'c.yaml');
    } catch {
      loaded = false;
    }
    expect(loaded).toBe(valid);
  });
});
