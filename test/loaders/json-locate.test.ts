import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonDocuments } from '../../src/loaders/json.js';
import type { JsonValue, NodePath, SourceMap } from '../../src/model/types.js';

/**
 * Strict JSON is located by reading the text (json-locate.ts); JSON with a comment goes through jsonc-parser's
 * tree. A trailing comment changes no offset, so both must give the same range for every path.
 */
function bothMaps(text: string): { strict: SourceMap; tree: SourceMap; data: JsonValue } {
  const strict = parseJsonDocuments(text).documents[0];
  const tree = parseJsonDocuments(`${text}\n// tolerant path`).documents[0];
  if (!strict || !tree) throw new Error('not parsed');
  return { strict: strict.sourceMap, tree: tree.sourceMap, data: strict.data };
}

/** Every path of `value`, plus a missing key / index under each container and a path through a scalar. */
function pathsOf(value: JsonValue, prefix: NodePath = []): NodePath[] {
  const out: NodePath[] = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, index) => out.push(...pathsOf(item, [...prefix, index])));
    out.push([...prefix, value.length], [...prefix, 'key']);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) out.push(...pathsOf(item ?? null, [...prefix, key]));
    out.push([...prefix, 'missing-key'], [...prefix, 0]);
  } else {
    out.push([...prefix, 'below-a-scalar']);
  }
  return out;
}

function expectSameLocations(text: string): void {
  const { strict, tree, data } = bothMaps(text);
  for (const at of pathsOf(data)) {
    expect({ at, range: strict.locate(at) }).toEqual({ at, range: tree.locate(at) });
    expect({ at, value: strict.locateValue(at) }).toEqual({ at, value: tree.locateValue(at) });
  }
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return jsonFiles(full);
    return name.endsWith('.json') ? [full] : [];
  });
}

describe('JSON locations read from the text', () => {
  it('agree with the jsonc-parser tree on every path of the JSON fixtures', () => {
    const files = jsonFiles(path.resolve(import.meta.dirname, '../fixtures')).filter((file) => {
      try {
        JSON.parse(readFileSync(file, 'utf8'));
        return true;
      } catch {
        return false;
      }
    });
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) expectSameLocations(readFileSync(file, 'utf8'));
  });

  it('agree on escaped keys, duplicate keys (the last one wins, as in JSON.parse), nested empties and odd spacing', () => {
    expectSameLocations('{"a\\"b": 1, "x": {"y": [ ]}, "x": 2, "e\\u0041": {}, "s": "}]\\\\", "n": -1.5e3}');
    const repeated = '{\n  "hostNetwork": false,\n  "name": "web",\n  "hostNetwork": true\n}\n';
    const { strict, tree, data } = bothMaps(repeated);
    expect(data).toEqual({ hostNetwork: true, name: 'web' });
    expect([strict.locate(['hostNetwork']).startLine, tree.locate(['hostNetwork']).startLine]).toEqual([4, 4]);
    expectSameLocations(' \r\n\t[ 1 ,\n  [ [ ] , { } ] ,"a" , null,true ] \n');
    expectSameLocations('"just a string"');
  });

  it('agree on generated JSON, printed compactly or indented', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        expectSameLocations(JSON.stringify(value, null, indent));
      }),
      { numRuns: 150 },
    );
  });
});
