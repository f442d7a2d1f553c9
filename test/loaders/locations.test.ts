import { describe, expect, it } from 'vitest';
import type { NodePath, SourceRange } from '../../src/model/types.js';
import { loadClean, onlyDocument, positionOf } from './helpers.js';

/** Range of the text `from` .. the end of `to` (first occurrences at or after `occurrence` of `from`). */
function rangeOf(text: string, from: string, to = from, occurrence = 1): SourceRange {
  const start = positionOf(text, from, occurrence);
  let startOffset = -1;
  for (let i = 0; i < occurrence; i++) startOffset = text.indexOf(from, startOffset + 1);
  const endOffset = text.indexOf(to, startOffset) + to.length;
  const before = text.slice(0, endOffset);
  return { startLine: start.line, startColumn: start.column, endLine: before.split('\n').length, endColumn: endOffset - before.lastIndexOf('\n') };
}

const yaml = `apiVersion: v1
kind: Pod
metadata: {name: p, labels: {app: web, tier: "front"}}
spec:
  securityContext:
    runAsUser: 1000
  containers: [{name: a, image: x, securityContext: {privileged: true, capabilities: {add: [NET_ADMIN, SYS_TIME]}}}]
  initContainers:
  - name: init
    image: busybox
    command:
    - sh
    - -c
    - |
      echo one
      echo two
    args: >-
      folded
      text
    env:
    - name: EMPTY
      value:
    - name: QUOTED
      value: 'it''s'
`;

const json = `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "p", "labels": {"app": "web"}},
  "spec": {
    "containers": [
      {
        "name": "a",
        "securityContext": {"privileged": true, "capabilities": {"add": ["NET_ADMIN", "SYS_TIME"]}}
      }
    ]
  }
}
`;

describe('YAML locations', () => {
  const { sourceMap } = onlyDocument('pod.yaml', yaml);
  const cases: Array<[string, NodePath, SourceRange]> = [
    ['a top-level key, from key to end of value', ['kind'], rangeOf(yaml, 'kind: Pod')],
    ['a key inside a flow mapping', ['metadata', 'labels', 'app'], rangeOf(yaml, 'app: web')],
    ['a quoted flow value', ['metadata', 'labels', 'tier'], rangeOf(yaml, 'tier: "front"')],
    ['a block mapping value', ['spec', 'securityContext', 'runAsUser'], rangeOf(yaml, 'runAsUser: 1000')],
    ['a key deep inside flow style', ['spec', 'containers', 0, 'securityContext', 'privileged'], rangeOf(yaml, 'privileged: true')],
    ['a flow sequence item', ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add', 1], rangeOf(yaml, 'SYS_TIME')],
    ['a block sequence item that is a mapping', ['spec', 'initContainers', 0], rangeOf(yaml, 'name: init', "value: 'it''s'")],
    ['a literal block scalar, ending on its last content line', ['spec', 'initContainers', 0, 'command', 2], rangeOf(yaml, '|', 'echo two')],
    ['a folded block scalar with its key', ['spec', 'initContainers', 0, 'args'], rangeOf(yaml, 'args: >-', 'text')],
    ['a key without a value: the key and its colon', ['spec', 'initContainers', 0, 'env', 0, 'value'], rangeOf(yaml, 'value:')],
    ['a single-quoted scalar with an escaped quote', ['spec', 'initContainers', 0, 'env', 1, 'value'], rangeOf(yaml, "value: 'it''s'")],
    ['a missing key: the nearest existing parent (flow mapping)', ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], rangeOf(yaml, 'securityContext: {privileged', 'SYS_TIME]}}')],
    ['a missing key below a missing key: the nearest existing parent', ['spec', 'initContainers', 0, 'securityContext', 'runAsUser'], rangeOf(yaml, 'name: init', "value: 'it''s'")],
    ['an index past the end of a sequence: the sequence with its key', ['spec', 'initContainers', 4], rangeOf(yaml, 'initContainers:', "value: 'it''s'")],
    ['a path through a scalar: the scalar', ['kind', 'nested'], rangeOf(yaml, 'kind: Pod')],
    ['the empty path: the whole document', [], rangeOf(yaml, 'apiVersion', "value: 'it''s'")],
  ];
  it.each(cases)('%s', (_label, path, expected) => {
    expect(sourceMap.locate(path)).toEqual(expected);
  });

  it('gives the value alone for locateValue, and nothing for a missing path', () => {
    expect(sourceMap.locateValue(['spec', 'securityContext', 'runAsUser'])).toEqual(rangeOf(yaml, '1000'));
    expect(sourceMap.locateValue(['metadata', 'labels', 'tier'])).toEqual(rangeOf(yaml, '"front"'));
    expect(sourceMap.locateValue(['spec', 'nope'])).toBeUndefined();
  });

  it('maps lines in later documents of a stream, with CRLF line endings', () => {
    const stream = `# Source: chart/templates/a.yaml\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n${yaml}`.replace(/\n/g, '\r\n');
    const { documents } = loadClean('crlf.yaml', stream);
    expect(documents.map((doc) => doc.index)).toEqual([0, 1]);
    expect(documents[0]?.sourceMap.locate(['metadata', 'name'])).toEqual(rangeOf(stream, 'name: a'));
    expect(documents[1]?.sourceMap.locate(['spec', 'securityContext', 'runAsUser'])).toEqual(rangeOf(stream, 'runAsUser: 1000'));
    // A block scalar ends on its last content line, before the CR LF.
    expect(documents[1]?.sourceMap.locate(['spec', 'initContainers', 0, 'command', 2])).toEqual(rangeOf(stream, '|', 'echo two'));
  });
});

describe('JSON locations', () => {
  const { sourceMap } = onlyDocument('pod.json', json);
  const cases: Array<[string, NodePath, SourceRange]> = [
    ['a property, from its name to the end of its value', ['kind'], rangeOf(json, '"kind": "Pod"')],
    ['a property inside an inline object', ['metadata', 'labels', 'app'], rangeOf(json, '"app": "web"')],
    ['a deeply nested property', ['spec', 'containers', 0, 'securityContext', 'privileged'], rangeOf(json, '"privileged": true')],
    ['an array item', ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add', 1], rangeOf(json, '"SYS_TIME"')],
    ['an array item that is an object, over several lines', ['spec', 'containers', 0], rangeOf(json, '{\n        "name": "a"', ']}}\n      }')],
    ['a missing property: the nearest existing parent', ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], rangeOf(json, '"securityContext"', 'SYS_TIME"]}}')],
    ['an index past the end: the array with its property name', ['spec', 'containers', 3, 'image'], rangeOf(json, '"containers"', '    ]')],
  ];
  it.each(cases)('%s', (_label, path, expected) => {
    expect(sourceMap.locate(path)).toEqual(expected);
  });

  it('gives the value alone for locateValue', () => {
    expect(sourceMap.locateValue(['metadata', 'labels', 'app'])).toEqual(rangeOf(json, '"web"'));
    expect(sourceMap.locateValue(['metadata', 'nope'])).toBeUndefined();
  });

  it('maps the same with CRLF line endings', () => {
    const crlf = json.replace(/\n/g, '\r\n');
    const doc = onlyDocument('pod.json', crlf);
    const at = positionOf(crlf, '"privileged"');
    expect(doc.sourceMap.locate(['spec', 'containers', 0, 'securityContext', 'privileged'])).toMatchObject({ startLine: at.line, startColumn: at.column });
  });
});
