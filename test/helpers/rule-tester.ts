import { describe, expect, it } from 'vitest';
import { runEngine } from '../../src/engine/engine.js';
import { DEFAULT_SETTINGS, type ScanSettings } from '../../src/engine/settings.js';
import { loadSources } from '../../src/loaders/sources.js';
import type { Finding, Severity } from '../../src/model/types.js';
import { RULE_IDS } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/rule.js';

export interface RuleCase {
  name: string;
  /** File content; multi-document YAML or JSON. Written with `yaml` below to strip indentation. */
  code: string;
  /** File name (its extension matters for JSON vs YAML). */
  filename?: string;
  settings?: Partial<ScanSettings>;
  /** The scan's date (YYYY-MM-DD), for rules that depend on it; runRule's default otherwise. */
  today?: string;
  /** Shown on the rule's documentation page (scripts/rule-examples.ts); the case runs as any other. */
  example?: boolean;
  /** Extra files scanned with this one (cross-resource rules). */
  others?: Array<{ filename: string; code: string }>;
}

export interface ExpectedFinding {
  line: number;
  column?: number;
  endLine?: number;
  message?: string | RegExp;
  /** Severity of the finding, when the rule reports some problems above or below its default. */
  severity?: Severity;
  /** Text the finding's fix must contain, when the fix depends on the case. */
  fix?: string;
  /** File of the finding when not the case's own. */
  path?: string;
}

export interface InvalidRuleCase extends RuleCase {
  errors: ExpectedFinding[];
}

/** Runs one rule over in-memory files exactly as a scan would (loaders, graph, engine, locations). */
export async function runRule(rule: Rule, testCase: RuleCase, today = testCase.today ?? '2026-06-01'): Promise<Finding[]> {
  const files = [{ filename: testCase.filename ?? 'case.yaml', code: testCase.code }, ...(testCase.others ?? [])];
  const loaded = await loadSources(files.map(({ filename, code }) => ({ path: filename, text: code, explicit: true })));
  // A fixture that does not load at all is a broken test; problems inside loaded files (a reference to a
  // resource the snippet leaves out) are not.
  const broken = loaded.errors.filter((error) => !loaded.recognized.has(error.path));
  if (broken.length > 0) throw new Error(`fixtures do not load: ${JSON.stringify(broken)}`);
  const resources = loaded.resources;
  const result = runEngine(resources, {
    rules: [rule],
    settings: { ...DEFAULT_SETTINGS, ...testCase.settings, today },
    knownRuleIds: RULE_IDS,
  });
  // A rule that throws (one declared resource-scoped that reads the graph, say) is a bug, not a quiet miss.
  if (result.errors.length > 0) throw new Error(`rule failed: ${JSON.stringify(result.errors)}`);
  return result.findings;
}

/** ESLint RuleTester style: valid cases report nothing, invalid cases report exactly the expected lines. */
export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: InvalidRuleCase[] }): void {
  describe(rule.meta.id, () => {
    it('has valid and invalid cases', () => {
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });
    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, async () => {
        const findings = await runRule(rule, testCase);
        expect(findings.map(describeFinding)).toEqual([]);
      });
    }
    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, async () => {
        const findings = await runRule(rule, testCase);
        const declared = [rule.meta.severity, ...(rule.meta.otherSeverities ?? [])];
        for (const finding of findings) expect(declared, `severity ${finding.severity} is not in the rule's metadata (severity, otherSeverities)`).toContain(finding.severity);
        const ownPath = testCase.filename ?? 'case.yaml';
        expect(findings.map((finding) => `${finding.location.path}:${finding.location.startLine}`)).toEqual(
          testCase.errors.map((error) => `${error.path ?? ownPath}:${error.line}`),
        );
        testCase.errors.forEach((error, index) => {
          const finding = findings[index];
          if (!finding) return;
          expect(finding.ruleId).toBe(rule.meta.id);
          if (error.column !== undefined) expect(finding.location.startColumn).toBe(error.column);
          if (error.endLine !== undefined) expect(finding.location.endLine).toBe(error.endLine);
          if (error.severity !== undefined) expect(finding.severity).toBe(error.severity);
          if (error.fix !== undefined) expect(finding.fix).toContain(error.fix);
          if (typeof error.message === 'string') expect(finding.message).toContain(error.message);
          else if (error.message) expect(finding.message).toMatch(error.message);
        });
      });
    }
  });
}

function describeFinding(finding: Finding): string {
  return `${finding.location.path}:${finding.location.startLine} ${finding.message}`;
}

/** Strips the common indentation of a template literal so fixtures can be indented in test files. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((text, part, index) => text + part + (index < values.length ? String(values[index]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n\s*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(indent)).join('\n');
}
