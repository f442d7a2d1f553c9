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
        message: 'YAML: key "hostNetwork" repeated in this mapping (column 3): strict readers (kubectl by default) refuse the document; it is checked with the last value, as the tools that accept it read it',
      },
    ]);
    expect(documents.map((document) => document.data)).toEqual([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { hostNetwork: true, containers: [{ name: 'web', image: 'web' }] } },
      { kind: 'ConfigMap', metadata: { name: 'fine' } },
    ]);
    // Locations follow the value that is read: the last key.
    expect(documents[0]?.sourceMap.locate(['spec', 'hostNetwork']).startLine).toBe(10);
  });

  it('with duplicateKeys: refuse (configuration files) the document is dropped with a syntax error', () => {
    const { documents, problems } = parseYamlStream(MANIFEST, { duplicateKeys: 'refuse' });
    expect(documents.map((document) => document.index)).toEqual([1]);
    expect(problems).toEqual([{ line: 10, message: 'YAML syntax error: Map keys must be unique (column 3)' }]);
  });
});
