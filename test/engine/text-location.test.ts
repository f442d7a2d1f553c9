import { describe, expect, it } from 'vitest';
import { locateInValue } from '../../src/engine/text-location.js';
import { createRule } from '../../src/rules/rule.js';
import expiredSuppression from '../../src/rules/core/expired-suppression.js';
import { asObject } from '../../src/util/json.js';
import { yaml } from '../helpers/rule-tester.js';
import { DEFAULT_SETTINGS } from '../../src/engine/settings.js';
import { runEngine } from '../../src/engine/engine.js';
import { loadFile } from '../../src/loaders/index.js';
import { TEST_RULE_META, TODAY } from './helpers.js';

const meta = TEST_RULE_META;

/** Reports every `data` value of a ConfigMap at the offset of "password" in it. */
const passwordInData = createRule({
  meta: { ...meta, id: 'test/password-in-data' },
  appliesTo: (resource) => resource.type === 'ConfigMap',
  check({ resource, report }) {
    for (const [key, value] of Object.entries(asObject(resource.body.data) ?? {})) {
      if (typeof value === 'string' && value.includes('password')) report({ path: ['data', key], message: `password in ${key}`, textOffset: value.indexOf('password') });
    }
  },
});

function run(code: string) {
  const { resources } = loadFile({ path: 'case.yaml', text: code }, { explicit: true });
  const rules = [passwordInData, expiredSuppression];
  return runEngine(resources, { rules, settings: { ...DEFAULT_SETTINGS, today: TODAY }, knownRuleIds: new Set(rules.map((rule) => rule.meta.id)) });
}

const lines = (findings: readonly { location: { startLine: number; startColumn: number; endLine: number } }[]): string[] =>
  findings.map(({ location }) => `${location.startLine}:${location.startColumn}-${location.endLine}`);

describe('locateInValue', () => {
  const file = { path: 'case.yaml', text: 'data:\n  conf: |\n    a=1\n\n    password=x\n  other: 1\n' };
  const block = { startLine: 2, startColumn: 9, endLine: 5, endColumn: 15 };
  const value = 'a=1\n\npassword=x\n';

  it('finds the line of a literal block that holds the offset, from the offset to the end of the line', () => {
    expect(locateInValue(file, block, value, value.indexOf('password'))).toEqual({ startLine: 5, startColumn: 5, endLine: 5, endColumn: 15 });
    expect(locateInValue(file, block, value, value.indexOf('=x'))).toEqual({ startLine: 5, startColumn: 13, endLine: 5, endColumn: 15 });
    expect(locateInValue(file, block, value, 0)).toEqual({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 8 });
    expect(locateInValue(file, block, value, 4)).toEqual({ startLine: 4, startColumn: 1, endLine: 4, endColumn: 1 });
  });

  it('gives up when the value is not written line for line there', () => {
    // One line: the node's range is exact already.
    expect(locateInValue(file, block, 'password=x', 0)).toBeUndefined();
    // Folded, interpolated or escaped: the lines differ from the file's.
    expect(locateInValue(file, block, 'a=1\n\npassword=y\n', 5)).toBeUndefined();
    expect(locateInValue(file, block, 'b=1\n\npassword=x\n', 5)).toBeUndefined();
    // A line added before the target (an interpolated value with a line break) shifts the last line too.
    expect(locateInValue(file, block, 'a=1\n\npassword=x\nextra\n', 5)).toBeUndefined();
    // Past the value's range, or no offset in the value.
    expect(locateInValue(file, { ...block, endLine: 4 }, value, value.indexOf('password'))).toBeUndefined();
    expect(locateInValue(file, block, value, -1)).toBeUndefined();
    expect(locateInValue(file, block, value, value.length + 1)).toBeUndefined();
  });

  it('places an offset at 0 on the first line, also when that line is empty', () => {
    const leading = { path: 'case.yaml', text: 'data:\n  conf: |\n\n    token\n' };
    expect(locateInValue(leading, { startLine: 2, startColumn: 9, endLine: 4, endColumn: 10 }, '\ntoken\n', 0)).toEqual({ startLine: 3, startColumn: 1, endLine: 3, endColumn: 1 });
  });

  it('counts columns in UTF-16 units, as the file\'s other columns are', () => {
    const emoji = { path: 'case.yaml', text: 'k: |\n  a\n  \u{1F600} password=x\n' };
    const text = 'a\n\u{1F600} password=x\n';
    expect(locateInValue(emoji, { startLine: 1, startColumn: 4, endLine: 3, endColumn: 18 }, text, text.indexOf('password'))).toEqual({ startLine: 3, startColumn: 6, endLine: 3, endColumn: 16 });
  });

  it('reads CRLF files and heredocs whose indentation was stripped', () => {
    const crlf = { path: 'main.tf', text: 'user_data = <<-EOT\r\n    #!/bin/bash\r\n    export TOKEN=abc\r\n  EOT\r\n' };
    expect(locateInValue(crlf, { startLine: 1, startColumn: 13, endLine: 4, endColumn: 6 }, '#!/bin/bash\nexport TOKEN=abc\n', 12)).toEqual({ startLine: 3, startColumn: 5, endLine: 3, endColumn: 21 });
  });
});

describe('findings inside strings', () => {
  it('are located at the line of a literal block, and at the node for anything else', () => {
    const code = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: c }
      data:
        block: |
          a=1
          password=x
        folded: >
          a=1
          password=x
        quoted: "a=1\\npassword=x"
        plain: password=x
        kept: |+
          a=1
          password=x

        indented: |2
            a=1
          password=x
    `;
    expect(lines(run(code).findings)).toEqual(['7:5-7', '8:3-10', '11:3-11', '12:3-12', '15:5-15', '19:5-19']);
  });

  it('stay at the node when the string is written at an anchor elsewhere', () => {
    const code = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: a }
      data:
        shared: &script |
          a=1
          password=x
        copied: *script
    `;
    expect(lines(run(code).findings)).toEqual(['7:5-7', '8:3-8']);
  });

  it('stay suppressed by a comment on the string\'s key', () => {
    const code = yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: c }
      data:
        # seaworthy-ignore test/password-in-data: a fixture for the docs
        block: |
          a=1
          password=x
    `;
    const result = run(code);
    expect(result.findings).toEqual([]);
    expect(result.suppressed).toBe(1);
  });
});
