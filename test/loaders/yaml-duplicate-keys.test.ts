import { describe, expect, it } from 'vitest';
import { parseYamlStream } from '../../src/loaders/yaml.js';

const MANIFEST = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: false
  containers:
    - name: web
      image: web
  hostNetwork: true
---
kind: ConfigMap
metadata: { name: fine }
`;

describe('YAML keys repeated in a mapping', () => {
  it('the document is still read, the last value winning as go-yaml reads it, and the repetition is reported at its line', () => {
    const { documents, problems } = parseYamlStream(MANIFEST);
    expect(problems).toEqual([
      {
        line: 10,
        message: 'YAML: key "hostNetwork" repeated in this mapping (column 3): strict readers (kubectl by default, cfn-lint) refuse the document; it is checked with the last value, as the tools that accept it read it',
        duplicateKey: true,
      },
    ]);
    expect(documents.map((document) => document.data)).toEqual([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { hostNetwork: true, containers: [{ name: 'web', image: 'web' }] } },
      { kind: 'ConfigMap', metadata: { name: 'fine' } },
    ]);
    // Locations follow the value that is read: the last key.
    expect(documents[0]?.sourceMap.locate(['spec', 'hostNetwork']).startLine).toBe(10);
  });

  it('every repeated key is reported, not only the first (CloudFormation: one in each of two resources)', () => {
    const text = 'Resources:\n  A:\n    Type: X\n    Type: Y\n  B:\n    Name: a\n    Name: b\n';
    expect(parseYamlStream(text).problems.map((problem) => [problem.line, problem.message.replace(/ repeated in this mapping.*/, '')])).toEqual([
      [4, 'YAML: key "Type"'],
      [7, 'YAML: key "Name"'],
    ]);
  });

  it('the key is named from the syntax tree (quoted, in flow mappings), never from the text around it', () => {
    const messages = (text: string): string[] => parseYamlStream(text).problems.map((problem) => problem.message.replace(/ repeated in this mapping.*/, ''));
    expect(messages('"a:b": 1\n"a:b": 2\n')).toEqual(['YAML: key "a:b"']);
    expect(messages('m: {a, a, password123: x}\n')).toEqual(['YAML: key "a"']);
    expect(messages('C#: 1\nC#: 2\n')).toEqual(['YAML: key "C#"']);
    expect(messages('yes: 1\nyes: 2\n')).toEqual(['YAML: key "yes"']); // as written, not as resolved ("true")
  });

  it('another error in the same document wins: the document is dropped and that error reported', () => {
    const { documents, problems } = parseYamlStream('a: 1\na: 2\nb: [1, 2\n');
    expect(documents).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/^YAML syntax error: /);
    expect(problems[0]?.message).not.toMatch(/unique/);
  });

  it('with duplicateKeys: refuse (configuration files) the document is dropped with a syntax error', () => {
    const { documents, problems } = parseYamlStream(MANIFEST, { duplicateKeys: 'refuse' });
    expect(documents.map((document) => document.index)).toEqual([1]);
    expect(problems).toEqual([{ line: 10, message: 'YAML syntax error: Map keys must be unique (column 3)' }]);
  });

  it('a `__proto__` key stays a key, also from a YAML map type the yaml library reads as a Map', () => {
    const { documents } = parseYamlStream('a: !!omap\n  - __proto__: { Ref: Bucket }\n  - b: 1\n');
    const a = (documents[0]?.data as Record<string, unknown>).a as Record<string, unknown>;
    expect(Object.keys(a)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
  });
});
