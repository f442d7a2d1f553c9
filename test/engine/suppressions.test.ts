import { describe, expect, it } from 'vitest';
import { annotationSuppressions, commentSuppressions, isExpired, parseEntry } from '../../src/engine/suppressions.js';
import { loadFile } from '../../src/loaders/index.js';
import { RULE_IDS } from '../../src/rules/index.js';
import runAsNonRoot from '../../src/rules/k8s/run-as-non-root.js';
import { deployment, runOn, summarize } from './helpers.js';

const RULE = 'k8s/run-as-non-root';

describe('suppression entries', () => {
  it.each([
    ['k8s/run-as-non-root: vendor image', { ruleId: RULE, reason: 'vendor image' }],
    ['  k8s/run-as-non-root until=2027-01-31: nginx cache, OPS-123 ', { ruleId: RULE, until: '2027-01-31', reason: 'nginx cache, OPS-123' }],
    ['k8s/run-as-non-root until=2027-01-31:reason: with colons', { ruleId: RULE, until: '2027-01-31', reason: 'reason: with colons' }],
    ['k8s/run-as-non-root:x', { ruleId: RULE, reason: 'x' }],
    ['k8s/run-as-non-root: see docs/rules/k8s/run-as-non-root.md and foo/bar: baz', { ruleId: RULE }],
  ])('parses %j', (raw, expected) => {
    const entry = parseEntry(raw, RULE_IDS);
    expect(entry.problem).toBeUndefined();
    expect(entry).toMatchObject(expected);
  });

  it.each([
    ['', 'no rule id'],
    [': some reason', 'no rule id'],
    ['k8s/run-as-non-root', 'no reason given'],
    ['k8s/run-as-non-root:   ', 'no reason given'],
    ['k8s/run-as-non-root until=2027-01-31', 'no reason given'],
    ['k8s/run-as-non-root because we said so', 'expected ":" before the reason'],
    ['k8s/no-such-rule: reason', 'unknown rule "k8s/no-such-rule"'],
    ['RunAsNonRoot: reason', '"RunAsNonRoot" is not a rule id'],
    ['k8s/run-as-non-root until=2027-02-30: reason', 'expiry "2027-02-30" is not a date'],
    ['k8s/run-as-non-root until=tomorrow: reason', 'expiry "tomorrow" is not a date'],
    ['k8s/run-as-non-root until=: reason', 'expiry "" is not a date'],
    ['k8s/run-as-non-root: vendor core/invalid-suppression: folded', 'several entries on one line'],
    ['k8s/run-as-non-root: vendor core/invalid-suppression until=2027-01-01: folded', 'several entries on one line'],
  ])('rejects %j', (raw, problem) => {
    expect(parseEntry(raw, RULE_IDS).problem).toContain(problem);
  });

  it('expires after the until date (inclusive)', () => {
    expect(isExpired({ until: '2026-06-01' }, '2026-06-01')).toBe(false);
    expect(isExpired({ until: '2026-05-31' }, '2026-06-01')).toBe(true);
    expect(isExpired({}, '2099-01-01')).toBe(false);
  });

  it('reads one entry per line of an annotation, per-container keys included', () => {
    const code = deployment(
      'web',
      [
        '  annotations:',
        '    seaworthy.dev/suppress: |',
        '      k8s/run-as-non-root: one',
        '',
        '      core/invalid-suppression until=2027-01-01: two',
        '    seaworthy.dev/suppress.sidecar: "k8s/run-as-non-root: three"',
        '    other.example.com/annotation: k8s/run-as-non-root',
      ].join('\n'),
    );
    const [resource] = loadFile({ path: 'case.yaml', text: code }, { explicit: true }).resources;
    if (!resource) throw new Error('no resource');
    expect(annotationSuppressions(resource, RULE_IDS).map(({ ruleId, reason, container, annotation }) => ({ ruleId, reason, container, annotation }))).toEqual([
      { ruleId: RULE, reason: 'one', container: undefined, annotation: 'seaworthy.dev/suppress' },
      { ruleId: 'core/invalid-suppression', reason: 'two', container: undefined, annotation: 'seaworthy.dev/suppress' },
      { ruleId: RULE, reason: 'three', container: 'sidecar', annotation: 'seaworthy.dev/suppress.sidecar' },
    ]);
  });

  it('a folded annotation (entries joined on one line) suppresses nothing and says why', () => {
    const code = deployment('web', '  annotations:\n    seaworthy.dev/suppress: >\n      k8s/run-as-non-root: vendor image\n      core/invalid-suppression: noise');
    const result = runOn(code);
    expect(summarize(result.findings)).toEqual(['core/invalid-suppression:6', `${RULE}:13 web`, `${RULE}:15 sidecar`]);
    expect(result.findings[0]?.message).toContain('several entries on one line');
  });

  it('finds comments anywhere on a line, and bare ones too', () => {
    const text = [
      'a: "#1" # seaworthy-ignore k8s/run-as-non-root: trailing',
      '#seaworthy-ignore k8s/run-as-non-root: no space',
      '# seaworthy-ignore',
      '# seaworthy-ignored is another word',
      'b: 1',
    ].join('\r\n');
    const entries = commentSuppressions({ path: 'x.yaml', text }, RULE_IDS);
    expect(entries.map(({ line, ruleId, reason, problem }) => ({ line, ruleId, reason, problem: problem !== undefined }))).toEqual([
      { line: 1, ruleId: RULE, reason: 'trailing', problem: false },
      { line: 2, ruleId: RULE, reason: 'no space', problem: false },
      { line: 3, ruleId: '', reason: '', problem: true },
    ]);
  });

  it('HCL files also take // and block comments; YAML files do not', () => {
    const text = [
      '// seaworthy-ignore k8s/run-as-non-root: slashes',
      'a = 1 /* seaworthy-ignore k8s/run-as-non-root: block */',
      '# seaworthy-ignore k8s/run-as-non-root: hash',
      '// another comment',
      'b = 2',
      '  /* seaworthy-ignore k8s/run-as-non-root: before code */ c = 3',
    ].join('\n');
    const hcl = commentSuppressions({ path: 'main.tf', text }, RULE_IDS);
    expect(hcl.map(({ line, target, reason }) => ({ line, target, reason }))).toEqual([
      { line: 1, target: 2, reason: 'slashes' },
      { line: 2, target: 2, reason: 'block' },
      { line: 3, target: 5, reason: 'hash' },
      { line: 6, target: 6, reason: 'before code' },
    ]);
    expect(commentSuppressions({ path: 'x.yaml', text }, RULE_IDS).map(({ line }) => line)).toEqual([3]);
  });
});

describe('suppressing findings', () => {
  it('baseline: both containers are reported', () => {
    const result = runOn(deployment());
    expect(summarize(result.findings)).toEqual([`${RULE}:9 web`, `${RULE}:11 sidecar`]);
    expect(result.suppressed).toBe(0);
  });

  it('the object annotation suppresses the rule for the whole object', () => {
    const result = runOn(deployment('web', '  annotations:\n    seaworthy.dev/suppress: "k8s/run-as-non-root: vendor images, SEC-1"'));
    expect(summarize(result.findings)).toEqual([]);
    expect(result.suppressed).toBe(2);
  });

  it('the object annotation only suppresses the rules it names', () => {
    const result = runOn(deployment('web', '  annotations:\n    seaworthy.dev/suppress: "core/expired-suppression: unrelated"'));
    expect(summarize(result.findings)).toEqual([`${RULE}:11 web`, `${RULE}:13 sidecar`]);
  });

  it('the per-container annotation suppresses only that container', () => {
    const result = runOn(deployment('web', '  annotations:\n    seaworthy.dev/suppress.sidecar: "k8s/run-as-non-root: vendor image"'));
    expect(summarize(result.findings)).toEqual([`${RULE}:11 web`]);
    expect(result.suppressed).toBe(1);
  });

  it('a per-container annotation for a container that does not exist suppresses nothing and is reported', () => {
    const result = runOn(deployment('web', '  annotations:\n    seaworthy.dev/suppress.proxy: "k8s/run-as-non-root: vendor image"'));
    expect(summarize(result.findings)).toEqual(['core/invalid-suppression:6', `${RULE}:11 web`, `${RULE}:13 sidecar`]);
    expect(result.findings[0]?.message).toBe('Suppression "k8s/run-as-non-root: vendor image" is ignored: the object has no container "proxy" (its containers: web, sidecar).');
  });

  it('annotations of one object do not suppress findings of another', () => {
    const code = `${deployment('a', '  annotations:\n    seaworthy.dev/suppress: "k8s/run-as-non-root: ok"')}---\n${deployment('b')}`;
    const result = runOn(code);
    expect(summarize(result.findings)).toEqual([`${RULE}:24 web`, `${RULE}:26 sidecar`]);
  });

  it('multi-line annotation values hold several entries; a bad one is reported and the good ones still work', () => {
    const code = deployment(
      'web',
      [
        '  annotations:',
        '    seaworthy.dev/suppress: |-',
        '      k8s/no-such-rule: typo',
        '      k8s/run-as-non-root until=2027-01-31: tracked in SEC-88',
      ].join('\n'),
    );
    const result = runOn(code);
    // Each entry of a block annotation is reported at its own line.
    expect(summarize(result.findings)).toEqual(['core/invalid-suppression:7']);
    expect(result.findings[0]?.message).toBe('Suppression "k8s/no-such-rule: typo" is ignored: unknown rule "k8s/no-such-rule".');
    expect(result.suppressed).toBe(2);
  });

  it('a trailing comment suppresses the finding on its line', () => {
    const code = deployment().replace('        - name: web\n', '        - name: web # seaworthy-ignore k8s/run-as-non-root: legacy image\n');
    const result = runOn(code);
    expect(summarize(result.findings)).toEqual([`${RULE}:11 sidecar`]);
    expect(result.suppressed).toBe(1);
  });

  it('a comment on the line above suppresses the finding below it', () => {
    const code = deployment().replace('        - name: sidecar\n', '        # seaworthy-ignore k8s/run-as-non-root: vendor image\n        - name: sidecar\n');
    const result = runOn(code);
    expect(summarize(result.findings)).toEqual([`${RULE}:9 web`]);
  });

  it('a comment two lines above suppresses nothing', () => {
    const code = deployment().replace('        - name: web\n', '        # seaworthy-ignore k8s/run-as-non-root: too far\n\n        - name: web\n');
    const result = runOn(code);
    expect(summarize(result.findings)).toEqual([`${RULE}:11 web`, `${RULE}:13 sidecar`]);
  });

  it('an expired comment suppresses nothing and is reported', () => {
    const code = deployment().replace('        - name: web\n', '        - name: web # seaworthy-ignore k8s/run-as-non-root until=2026-05-31: legacy image\n');
    const result = runOn(code);
    expect(summarize(result.findings)).toEqual(['core/expired-suppression:9', `${RULE}:9 web`, `${RULE}:11 sidecar`]);
    expect(result.findings[0]?.message).toBe('Suppression of k8s/run-as-non-root expired on 2026-05-31.');
    expect(result.suppressed).toBe(0);
  });

  it('a suppression is still valid on its until date', () => {
    const code = deployment().replace('        - name: web\n', '        - name: web # seaworthy-ignore k8s/run-as-non-root until=2026-06-01: legacy image\n');
    expect(summarize(runOn(code).findings)).toEqual([`${RULE}:11 sidecar`]);
  });

  it('an expired annotation brings the finding back and is reported at the annotation', () => {
    const code = deployment('web', '  annotations:\n    seaworthy.dev/suppress.web: "k8s/run-as-non-root until=2026-01-01: temporary"');
    const result = runOn(code);
    expect(summarize(result.findings)).toEqual(['core/expired-suppression:6', `${RULE}:11 web`, `${RULE}:13 sidecar`]);
  });

  it.each([
    ['no reason', 'k8s/run-as-non-root', 'no reason given'],
    ['an empty reason', 'k8s/run-as-non-root:', 'no reason given'],
    ['an unknown rule', 'k8s/run-as-nonroot: typo', 'unknown rule "k8s/run-as-nonroot"'],
    ['a bad date', 'k8s/run-as-non-root until=2026-13-01: reason', 'expiry "2026-13-01" is not a date'],
    ['a missing colon', 'k8s/run-as-non-root legacy image', 'expected ":"'],
    ['nothing at all', '', 'no rule id'],
  ])('a comment with %s suppresses nothing and is reported', (_name, entry, problem) => {
    const code = deployment().replace('        - name: web\n', `        # seaworthy-ignore ${entry}\n        - name: web\n`);
    const result = runOn(code);
    expect(summarize(result.findings)).toEqual(['core/invalid-suppression:9', `${RULE}:10 web`, `${RULE}:12 sidecar`]);
    expect(result.findings[0]?.message).toContain(problem);
    expect(result.suppressed).toBe(0);
  });

  it.each([
    ['no reason', 'k8s/run-as-non-root'],
    ['an unknown rule', 'k8s/nope: reason'],
    ['a bad date', 'k8s/run-as-non-root until=31/12/2026: reason'],
  ])('an annotation with %s suppresses nothing and is reported', (_name, entry) => {
    const code = deployment('web', `  annotations:\n    seaworthy.dev/suppress: "${entry}"`);
    const result = runOn(code);
    expect(summarize(result.findings)).toEqual(['core/invalid-suppression:6', `${RULE}:11 web`, `${RULE}:13 sidecar`]);
  });

  it('a per-container annotation without a container name is invalid', () => {
    const code = deployment('web', '  annotations:\n    "seaworthy.dev/suppress.": "k8s/run-as-non-root: reason"');
    expect(summarize(runOn(code).findings)).toEqual(['core/invalid-suppression:6', `${RULE}:11 web`, `${RULE}:13 sidecar`]);
  });

  it('suppression findings cannot themselves be suppressed', () => {
    const code = deployment(
      'web',
      '  annotations:\n    seaworthy.dev/suppress: |\n      core/invalid-suppression: hide them all\n      k8s/run-as-non-root',
    );
    expect(summarize(runOn(code).findings)).toEqual(['core/invalid-suppression:8', `${RULE}:13 web`, `${RULE}:15 sidecar`]);
  });

  it('suppressed findings still count as suppressed when only the rule itself runs', () => {
    const code = deployment('web', '  annotations:\n    seaworthy.dev/suppress: "k8s/run-as-non-root: reason"');
    const result = runOn(code, { rules: [runAsNonRoot] });
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toBe(2);
  });
});
