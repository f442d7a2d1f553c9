import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFile, type FileLoadResult } from '../../src/loaders/index.js';
import { findExcessiveNesting, walkJsonNesting } from '../../src/loaders/json.js';
import { decodeText } from '../../src/loaders/read.js';
import { findExcessiveYamlNesting, walkYamlNesting } from '../../src/loaders/yaml.js';

const FILE_NAMES = ['case.yaml', 'case.json', 'case.txt', '-', 'Dockerfile'];

/** YAML and JSON building blocks, so that generated texts reach deep into both parsers. */
const TOKENS = [
  'apiVersion: v1\n', 'kind: Pod\n', 'kind: List\nitems:\n', 'metadata:\n', '  name: p\n', 'spec:\n', '  containers:\n', '  - name: c\n',
  '---\n', '--- ', '...\n', '# Source: x\n', '\ufeff', '\r\n', '\n', ' ', '  ', '\t', '- ', '? ', ': ', ':', ',', '[', ']', '{', '}', '"', "'", '\\',
  '|', '|-\n', '>', '&a ', '*a', '&b [*a, *a]\n', '<<: *a\n', '!!binary ', '!!set ', '!Ref ', '%YAML 1.1\n', '0644', '0x1F', 'yes', '1:20', '.inf', '~',
  '"apiVersion": "v1"', '"kind": "Pod"', '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"}}', '\u0000', '\u2028', '\ud800', 'é', '😀',
];

const yamlish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(''));

function checkResult(result: FileLoadResult, fileName: string, text: string): void {
  expect(Array.isArray(result.errors)).toBe(true);
  const lines = text.split('\n').length + 1;
  for (const error of result.errors) {
    expect(error.path).toBe(fileName);
    expect(typeof error.message).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
    if (error.line !== undefined) {
      expect(Number.isInteger(error.line)).toBe(true);
      expect(error.line).toBeGreaterThanOrEqual(1);
      expect(error.line).toBeLessThanOrEqual(lines);
    }
  }
  expect(result.recognized).toBe(result.documents.length > 0);
  for (const resource of result.resources) {
    for (const path of [[], ['spec'], ['spec', 'containers', 0, 'securityContext'], [...resource.basePath, 'metadata', 'name'], ['items', 99, 'x']]) {
      const range = resource.document.sourceMap.locate(path);
      expect(range.startLine).toBeGreaterThanOrEqual(1);
      expect(range.endLine).toBeGreaterThanOrEqual(range.startLine);
      resource.document.sourceMap.locateValue(path);
    }
  }
}

describe('loadFile never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...FILE_NAMES), fc.boolean(), (text, fileName, explicit) => {
        checkResult(loadFile({ path: fileName, text }, { explicit }), fileName, text);
      }),
      { numRuns: 300 },
    );
  });

  it('on YAML- and JSON-like token soup', () => {
    fc.assert(
      fc.property(yamlish, fc.constantFrom(...FILE_NAMES), fc.boolean(), (text, fileName, explicit) => {
        checkResult(loadFile({ path: fileName, text }, { explicit }), fileName, text);
      }),
      { numRuns: 400 },
    );
  });

  it('on arbitrary bytes, decoded as the scanner decodes files', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom(...FILE_NAMES), (bytes, fileName) => {
        const decoded = decodeText(bytes);
        if (!decoded.ok) {
          expect(decoded.message.length).toBeGreaterThan(0);
          return;
        }
        checkResult(loadFile({ path: fileName, text: decoded.text }, { explicit: true }), fileName, decoded.text);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary bytes that are valid UTF-8 (so the parsers, not the decoder, see them)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const decoded = decodeText(Buffer.from(text, 'utf8'));
        if (text.includes('\u0000')) return;
        expect(decoded).toEqual({ ok: true, text: text.replace(/^\ufeff/, '') });
      }),
      { numRuns: 200 },
    );
  });
});

describe('the nesting guards’ shortcut (a bound from bracket counts and leading indicator runs)', () => {
  // Pieces that nest: indentation, compact indicators, flow brackets; with small limits the bound is often close.
  const NESTING_TOKENS = ['\n', ' ', '  ', '    ', '- ', '? ', ': ', 'a: ', 'a:\n', '[', ']', '{', '}', ',', '"', "'", '# ', '|\n', '--- ', 'x', '\r'];
  // Block nesting alone: without brackets the bound is the leading runs, so the shortcut decides most of these.
  const BLOCK_TOKENS = ['\n', ' ', '  ', '- ', '? ', ': ', 'a: ', 'a:\n', ' a:\n', '  a:\n', '- a:\n', '# ', '|\n', 'x', '\r'];
  const nestingText = fc
    .oneof(fc.array(fc.constantFrom(...NESTING_TOKENS), { maxLength: 80 }), fc.array(fc.constantFrom(...BLOCK_TOKENS), { maxLength: 80 }))
    .map((parts) => parts.join(''));

  it('the same answer as the full walks on nesting just within and just over the limit', () => {
    const verdicts = { within: 0, over: 0 };
    const count = (at: number): void => void (at === -1 ? verdicts.within++ : verdicts.over++);
    for (let limit = 1; limit <= 12; limit++) {
      for (let depth = limit - 1; depth <= limit + 2; depth++) {
        const indented = Array.from({ length: depth }, (_, level) => `${' '.repeat(level)}a:\n`).join('');
        const compact = `${'- '.repeat(depth)}a\n`;
        for (const text of [indented, compact]) {
          const walked = walkYamlNesting(text, limit);
          expect(findExcessiveYamlNesting(text, limit)).toBe(walked);
          count(walked);
        }
        const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
        const walked = walkJsonNesting(arrays, limit);
        expect(findExcessiveNesting(arrays, limit)).toBe(walked);
        count(walked);
      }
    }
    // Both sides of the limit are exercised, so a guard that always answers one way fails.
    expect(verdicts.within).toBeGreaterThan(20);
    expect(verdicts.over).toBeGreaterThan(20);
  });

  it('YAML: the same answer as the full walk, whatever the text and limit', () => {
    fc.assert(
      fc.property(nestingText, fc.integer({ min: 1, max: 24 }), (text, limit) => {
        expect(findExcessiveYamlNesting(text, limit)).toBe(walkYamlNesting(text, limit));
      }),
      { numRuns: 3000 },
    );
  });

  it('JSON: the same answer as the full walk, whatever the text and limit', () => {
    fc.assert(
      fc.property(nestingText, fc.integer({ min: 1, max: 24 }), (text, limit) => {
        expect(findExcessiveNesting(text, limit)).toBe(walkJsonNesting(text, limit));
      }),
      { numRuns: 3000 },
    );
  });
});
