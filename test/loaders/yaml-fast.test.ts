import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareYamlText, formatStats, newStats, type CompareStats } from '../../scripts/compare-yaml-paths.js';
import { parseYamlStream } from '../../src/loaders/yaml.js';
import { TextSourceMap } from '../../src/loaders/yaml-text-map.js';
import { aliasBomb } from '../bad-input/inputs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/i.test(name)) out.push(full);
  }
  return out;
}

/** Compares the fast path with the `yaml`-library path on `text`; returns the statistics (mismatches included). */
function compare(text: string, options: { cloudformation?: boolean } = {}): CompareStats {
  const stats = newStats();
  compareYamlText('case.yaml', text, stats, options);
  return stats;
}

function slowReason(text: string, options: { cloudformation?: boolean } = {}): string | undefined {
  let reason: string | undefined;
  parseYamlStream(text, { ...options, onSlowPath: (why) => (reason = why) });
  return reason;
}

describe('fast YAML path: same documents, data, problems and locations as the yaml library', () => {
  it.each([
    ['as loadFile parses YAML (CloudFormation tags on)', true],
    ['with the default options', false],
  ])('on the repository fixtures and examples (every node, and missing paths), %s', (_label, cloudformation) => {
    const stats = newStats();
    const files = [...yamlFilesUnder(path.join(ROOT, 'test/fixtures')), ...yamlFilesUnder(path.join(ROOT, 'examples'))];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) compareYamlText(path.relative(ROOT, file), readFileSync(file, 'utf8'), stats, { cloudformation });
    expect(stats.mismatches, formatStats(stats)).toEqual([]);
    // The comparison means something only if the fast path and its text walker did the work.
    expect(stats.fastFiles).toBeGreaterThan(stats.files * 0.75);
    expect(stats.walkerPaths).toBeGreaterThan(stats.paths * 0.7);
  });

  const walkable: Array<[string, string]> = [
    ['comments everywhere, at every indentation', 'a:\n  b: 1 # c\n    # deeper\n  # same\n# outer\n  c:\n    - x\n      # under x\n    - y\n  # after y\n\n# end\nd: 2\n'],
    ['a nested map ending in comments at its own indentation', 'x:\n  a:\n    b: 1\n    # at4\n  # at2\n# at0\n'],
    ['comments less indented than the nested map', 'x:\n  a:\n    b: 1\n  # at2\n  d: 2\n'],
    ['blank lines with spaces before a dedent', 'x:\n  a:\n    b: 1\n    \n  \n    # c\n  d: 2\n'],
    ['zero-indent sequences under keys', 'spec:\n  containers:\n  - name: a\n    image: x\n  - name: b\n    args:\n    - one\n    - two\n  volumes: []\n'],
    ['compact nested sequences and maps', '- - a\n  - b\n- - c\n-\n  k: v\n- k: v\n  l:\n  - m\n'],
    ['empty values and items', 'a:\nb:   \nc:\n- \n-\n- x\nd:\n'],
    ['plain multi-line scalars', 'a: one\n  two\n\n  three\nb: x # c\n  \nc:\n  long\n  value\n'],
    ['quoted scalars over several lines', 'a: "one\n  two \\"q\\" \\\n  three"\nb: \'it\'\'s\n\n  done\'\nc: "x" # c\n'],
    ['block scalars: clip, strip, keep, folded, trailing blank lines', 'a: |\n  x\n  y\n\nb: |-\n  x\n\n\nc: |+\n  x\n\n\nd: >\n  folded\n  text\n\n   more\ne: |\n  x\n     \n  \nf: 1\n'],
    ['a block scalar as the last value of nested maps', 'a:\n  b:\n    script: |\n      echo hi\n\n      echo bye\n\n# c\nz: 1\n'],
    ['quoted and special keys', '"a b": 1\n\'c\'\'d\': 2\n"e\\"f": 3\nyes: 4\n0644: 5\n1.50: 6\n-x: 7\nurl:port: 8\n'],
    ['flow collections as leaves', 'a: [1, 2]\nb: {c: d}\ne:\n  - [x, "y, z"]  # c\n  - {f: [g]}\nh: [\n  1,\n  2\n  ]\n'],
    ['flow collections walked into', 'a: {b: [1, "2", \'x y\' ], "c": {d: e}, 0644: on}\nf: [ a b\n  c , [d], {e: f} , ]\ng: {"h":1, \'i\' : 2}  # c\nj: [a, # comment\n  b]\n'],
    ['several documents with markers and comments', '# head\n---\na: 1\n...\n# between\n---\nb: [x]\n--- # c\nc: 3\n---\n---\n'],
    ['CRLF line endings', 'a:\r\n  b: 1\r\n  # c\r\n  d: |\r\n    x\r\n\r\n  e: "p\r\n    q"\r\nf: [1]\r\n'],
    ['a document without a trailing line break', 'a:\n  b:\n  - 1\n  # c'],
    ['trailing spaces everywhere', 'a:   \n  b: 1   \n  c:    \n    - x   \n  # c   \n  \nd: 2'],
    ['deeper comments after an empty value', 'a:\n  b:\n    # c\n  d: 1\n'],
  ];
  it.each(walkable)('%s', (_label, text) => {
    const stats = compare(text);
    expect(stats.mismatches, formatStats(stats)).toEqual([]);
    expect(stats.fastFiles).toBe(1);
  });

  it('walks most paths of those without the fallback', () => {
    const stats = newStats();
    for (const [, text] of walkable) compareYamlText('case.yaml', text, stats);
    expect(stats.walkerPaths).toBeGreaterThan(stats.paths * 0.8);
  });

  const slow: Array<[string, string, RegExp]> = [
    ['anchors and aliases', 'a: &x {b: 1}\nc: *x\n', /anchor/],
    ['merge keys', 'a:\n  <<: {b: 1}\n  c: 2\n', /"<<"/],
    ['null keys (js-yaml says "null", the yaml library "")', '~: 1\nnull: 2\n', /"~"/],
    ['an empty key', ': 1\n', /empty mapping key/],
    ['tags', 'a: !!str 0644\nb: !Ref x\n', /tag/],
    ['directives', '%YAML 1.1\n---\na: 1\n', /directive/],
    ['complex keys', '? a\n: b\n', /complex/],
    ['unquoted templates: mappings as keys', 'name: {{ .Values.name }}\n', /as a mapping key/],
    ['a flow collection as a key', '[a, b]: c\n', /as a mapping key/],
    ['an unindented flow continuation', '- a: [b,\n  c]\n', /flow collection continued/],
    ['a comment stuck to a quote', 'a: "b"#c\n', /comment right after/],
    ['`---a` (a plain scalar; js-yaml reads a marker)', '---a\n', /content on a document marker/],
    ['an empty sequence item before a less indented one (a js-yaml bug)', 'a:\n - -\n - x\n', /after an empty, deeper one/],
    ['`... x`', 'a\n... x\n', /content on a document marker/],
    ['tabs in indentation', 'a:\n\tb: 1\n', /tab/],
    ['a BOM inside the stream', 'a: 1\n---\n\ufeffb: 2\n', /BOM/],
    ['duplicate keys (an error on both paths)', 'a: 1\na: 2\n', /duplicated mapping key/],
    ['a syntax error in one document', 'a: 1\n---\nb: [\n---\nc: 3\n', /document marker inside/],
    ['a syntax error js-yaml finds', 'a: 1\n---\nb: c: d\n', /js-yaml/],
    ['an alias bomb', aliasBomb(), /anchor/],
  ];
  it.each(slow)('takes the yaml-library path for %s, with the same results', (_label, text, reason) => {
    expect(slowReason(text)).toMatch(reason);
    const stats = compare(text);
    expect(stats.mismatches, formatStats(stats)).toEqual([]);
  });

  it('keeps the good documents and reports the bad one exactly as before', () => {
    const { documents, problems } = parseYamlStream('a: 1\n---\nb: [\n---\nc: 3\n');
    expect(documents.map((doc) => [doc.index, doc.data])).toEqual([
      [0, { a: 1 }],
      [2, { c: 3 }],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(4);
  });

  it('reads CloudFormation short forms identically on both paths, in long JSON form', () => {
    const text = [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Resources:',
      '  Bucket:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      BucketName: !Sub "${AWS::StackName}-logs"',
      '      Arn: !GetAtt Role.Arn',
      '      Zones: !GetAZs',
      '      Joined: !Join ["", [!Ref Prefix, "-x"]]',
      '      Cond: !If',
      '        - IsProd',
      '        - !Ref AWS::NoValue',
      '        - {Key: !Ref Tag}',
      '      Map: !Base64',
      '        Fn::Sub: x',
      '',
    ].join('\n');
    expect(slowReason(text, { cloudformation: true })).toBeUndefined();
    const stats = compare(text, { cloudformation: true });
    expect(stats.mismatches, formatStats(stats)).toEqual([]);
    // Tagged nodes are located by the text walker too (paths through `Fn::...` keys stop at them, as in the tree).
    expect(stats.walkerPaths).toBe(stats.paths);
    const { documents } = parseYamlStream(text, { cloudformation: true });
    expect((documents[0]?.data as { Resources: { Bucket: { Properties: unknown } } }).Resources.Bucket.Properties).toEqual({
      BucketName: { 'Fn::Sub': '${AWS::StackName}-logs' },
      Arn: { 'Fn::GetAtt': ['Role', 'Arn'] },
      Zones: { 'Fn::GetAZs': '' },
      Joined: { 'Fn::Join': ['', [{ Ref: 'Prefix' }, '-x']] },
      Cond: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, { Key: { Ref: 'Tag' } }] },
      Map: { 'Fn::Base64': { 'Fn::Sub': 'x' } },
    });
    // Without the option, tags send the file to the yaml-library path, which reads them as plain values.
    expect(slowReason(text)).toMatch(/tag/);
  });

  it('walks into flow collections, and falls back to the yaml library (parsed once) where it cannot', () => {
    const text = 'a:\n  b: [1, {c: 2, "d e": [x]}]\n  f: [g: h]\n  i: 3\n';
    const doc = parseYamlStream(text).documents[0];
    const map = doc?.sourceMap;
    expect(map).toBeInstanceOf(TextSourceMap);
    if (!(map instanceof TextSourceMap)) return;
    expect(map.locate(['a', 'b', 1, 'c'])).toEqual({ startLine: 2, startColumn: 11, endLine: 2, endColumn: 15 });
    expect(map.locate(['a', 'b', 1, 'd e', 0])).toEqual({ startLine: 2, startColumn: 25, endLine: 2, endColumn: 26 });
    expect(map.lastAnswer).toEqual({ by: 'walker' });
    expect(map.usedFallback).toBe(false);
    // A mapping inside a flow sequence (`[g: h]`) is left to the yaml library.
    expect(map.locate(['a', 'f', 0, 'g'])).toEqual({ startLine: 3, startColumn: 7, endLine: 3, endColumn: 11 });
    expect(map.lastAnswer).toMatchObject({ by: 'fallback', reason: 'a mapping inside a flow sequence' });
    expect(map.usedFallback).toBe(true);
    // Other paths are still walked in the text.
    expect(map.locate(['a', 'i'])).toEqual({ startLine: 4, startColumn: 3, endLine: 4, endColumn: 7 });
    expect(map.lastAnswer).toEqual({ by: 'walker' });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Generated block-style documents
// ---------------------------------------------------------------------------------------------------------

type Scalar =
  | { kind: 'plain'; lines: string[] }
  | { kind: 'single' | 'double'; lines: string[] }
  | { kind: 'block'; header: string; lines: string[]; trailingBlank: string[] }
  | { kind: 'flow'; text: string }
  | { kind: 'cfn'; text: string }
  | { kind: 'empty' };
type Node = { kind: 'map'; entries: Array<{ key: string; value: Node }> } | { kind: 'seq'; items: Node[]; zeroIndent: boolean } | { kind: 'scalar'; scalar: Scalar };

interface Decor {
  /** Comment and blank lines before an entry or item: [indent, comment?] pairs. */
  before: Array<[number, boolean]>;
  trailingComment: boolean;
  trailingSpaces: boolean;
  /** A CloudFormation tag on a collection value (`key: !If` above its items). */
  tag: boolean;
}

const PLAIN_WORDS = ['a', 'web', 'yes', 'No', 'on', 'OFF', 'y', '0644', '0o17', '0x1F', '0b101', '1_000', '08', '1e3', '1.5', '.5', '-.inf', '.NaN', '~', 'null', '1:20', '2024-01-31', 'hello world', 'a-b', 'http://x:80/y', 'a#b', '-x', 'true', '.', '123456789012345678901234', '0xFFFFFFFFFFFFFFFFFFFF', 'é', 'x:y'];
const KEYS = ['name', 'image', 'spec', 'a', 'b-c', 'on', '0644', '"quoted key"', "'single ''q'''", 'x.y/z', '1.50', 'port', 'k8s.io/name', '"esc \\" \\\\ key"'];
const TEXT_WORDS = ['a', 'b c', "it's", 'say "hi"', 'tab\there', 'x # not a comment', 'üñí', '', 'end  '];

const scalarArb: fc.Arbitrary<Scalar> = fc.oneof(
  fc.constantFrom(...PLAIN_WORDS).map((word): Scalar => ({ kind: 'plain', lines: [word] })),
  fc.array(fc.constantFrom('one', 'two words', 'x:y', 'a#b', '0644', 'é'), { minLength: 2, maxLength: 3 }).map((lines): Scalar => ({ kind: 'plain', lines })),
  fc.record({ kind: fc.constantFrom('single' as const, 'double' as const), lines: fc.array(fc.constantFrom(...TEXT_WORDS), { minLength: 1, maxLength: 3 }) }),
  fc.record({
    kind: fc.constant('block' as const),
    header: fc.constantFrom('|', '|-', '|+', '>', '>-', '>+', '| # c', '>- # c'),
    lines: fc.array(fc.constantFrom('line', '  more indented', '# not a comment', 'x: y', '', '- dash'), { minLength: 1, maxLength: 4 }).filter((lines) => (lines[0] ?? '') !== '' && !(lines[0] ?? '').startsWith(' ')),
    trailingBlank: fc.array(fc.constantFrom('', ' ', '      '), { maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('flow' as const), text: fc.constantFrom('[]', '{}', '[a, b]', '{a: 1, b: [c]}', '["x, y", \'z\']', '[ a b , {c: [d]} ,]', '{"e":1, \'f\' : [g]}') }),
  fc.record({ kind: fc.constant('cfn' as const), text: fc.constantFrom('!Ref web', '!Sub "x-${A}"', '!GetAZs', '!GetAtt A.B', '!Not [!Equals [a, !Ref b]]', '!Join [",", [!Ref a, b]]', '!Base64 |\n  text') }),
  fc.constant({ kind: 'empty' as const }),
);

const nodeArb: fc.Arbitrary<Node> = fc.letrec<{ node: Node; scalar: Node; map: Node; seq: Node }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('scalar'), tie('map'), tie('seq')) as fc.Arbitrary<Node>,
  scalar: scalarArb.map((scalar): Node => ({ kind: 'scalar', scalar })),
  map: fc
    .uniqueArray(fc.record({ key: fc.constantFrom(...KEYS), value: tie('node') as fc.Arbitrary<Node> }), { minLength: 1, maxLength: 4, selector: (entry) => entry.key })
    .map((entries): Node => ({ kind: 'map', entries })),
  seq: fc.record({ items: fc.array(tie('node') as fc.Arbitrary<Node>, { minLength: 1, maxLength: 3 }), zeroIndent: fc.boolean() }).map((seq): Node => ({ kind: 'seq', ...seq })),
})).node;

const decorArb: fc.Arbitrary<Decor> = fc.record({
  before: fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.boolean()), { maxLength: 2 }),
  trailingComment: fc.boolean(),
  trailingSpaces: fc.boolean(),
  tag: fc.boolean(),
});

/** Renders a generated tree as block-style YAML; `decor` supplies comments and blank lines, cycling. */
function render(root: Node, decors: Decor[], step: number): string {
  let d = 0;
  const decor = (): Decor => decors[d++ % decors.length] ?? { before: [], trailingComment: false, trailingSpaces: false, tag: false };
  const out: string[] = [];
  const pad = (n: number): string => ' '.repeat(n);
  const suffix = (dec: Decor): string => (dec.trailingSpaces ? '  ' : '') + (dec.trailingComment ? ' # note' : '');
  const beforeLines = (dec: Decor): void => {
    for (const [indent, comment] of dec.before) out.push(comment ? `${pad(indent)}# comment` : pad(indent % 3));
  };
  /** Writes `value` after `head` (a key with its colon, or a dash) on a line at `indent`; children at `inner`. */
  const value = (head: string, node: Node, indent: number, inner: number, dec: Decor): void => {
    if (node.kind === 'scalar') {
      const s = node.scalar;
      switch (s.kind) {
        case 'empty':
          out.push(`${head}${dec.trailingSpaces ? '  ' : ''}`);
          return;
        case 'plain':
          out.push(`${head} ${s.lines[0]}${s.lines.length === 1 ? suffix(dec) : ''}`);
          s.lines.slice(1).forEach((line, i) => out.push(`${pad(inner)}${line}${i === s.lines.length - 2 ? suffix(dec) : ''}`));
          return;
        case 'single':
        case 'double': {
          const quote = s.kind === 'single' ? "'" : '"';
          const escape = (line: string): string => (s.kind === 'single' ? line.replace(/'/g, "''") : line.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t'));
          const lines = s.lines.map(escape);
          if (lines.length === 1) out.push(`${head} ${quote}${lines[0]}${quote}${suffix(dec)}`);
          else {
            out.push(`${head} ${quote}${lines[0]}`);
            lines.slice(1, -1).forEach((line) => out.push(`${pad(inner)}${line}`));
            out.push(`${pad(inner)}${lines[lines.length - 1]}${quote}${suffix(dec)}`);
          }
          return;
        }
        case 'block':
          out.push(`${head} ${s.header}`);
          for (const line of s.lines) out.push(line === '' ? '' : `${pad(inner)}${line}`);
          for (const blank of s.trailingBlank) out.push(blank);
          return;
        case 'flow':
          out.push(`${head} ${s.text}${suffix(dec)}`);
          return;
        case 'cfn': {
          const [first, ...rest] = s.text.split('\n');
          out.push(`${head} ${first}${rest.length === 0 ? suffix(dec) : ''}`);
          for (const line of rest) out.push(`${pad(inner)}${line.trim()}`);
          return;
        }
      }
    }
    const tagged = dec.tag ? `${head} !If` : head;
    if (node.kind === 'seq' && node.zeroIndent && head.endsWith(':')) {
      out.push(`${tagged}${suffix(dec)}`);
      collection(node, indent);
      return;
    }
    out.push(`${tagged}${suffix(dec)}`);
    collection(node, inner);
  };
  const collection = (node: Node, indent: number): void => {
    if (node.kind === 'map') {
      for (const { key, value: child } of node.entries) {
        const dec = decor();
        beforeLines(dec);
        value(`${pad(indent)}${key}:`, child, indent, indent + step, dec);
      }
    } else if (node.kind === 'seq') {
      for (const item of node.items) {
        const dec = decor();
        beforeLines(dec);
        if (item.kind === 'map' && dec.trailingComment) {
          // A compact mapping: its first entry on the dash line.
          const [first, ...rest] = item.entries;
          if (first) value(`${pad(indent)}- ${first.key}:`, first.value, indent + 2, indent + 2 + step, decor());
          collection({ kind: 'map', entries: rest }, indent + 2);
        } else {
          value(`${pad(indent)}-`, item, indent, indent + step, dec);
        }
      }
    } else {
      value(`${pad(indent)}-`, node, indent, indent + step, decor());
    }
  };
  if (root.kind === 'scalar') collection({ kind: 'map', entries: [{ key: 'root', value: root }] }, 0);
  else collection(root, 0);
  const end = decor();
  beforeLines(end);
  return `${out.join('\n')}\n`;
}

describe('fast YAML path on generated block-style documents', () => {
  it('gives the data and every location the yaml library gives', () => {
    const totals = newStats();
    fc.assert(
      fc.property(nodeArb, fc.array(decorArb, { minLength: 1, maxLength: 6 }), fc.constantFrom(1, 2, 4), fc.boolean(), fc.boolean(), (node, decors, step, crlf, cloudformation) => {
        const yaml = render(node, decors, step);
        const text = crlf ? yaml.replace(/\n/g, '\r\n') : yaml;
        const stats = newStats();
        compareYamlText('generated.yaml', text, stats, { cloudformation });
        totals.files += stats.files;
        totals.fastFiles += stats.fastFiles;
        totals.paths += stats.paths;
        totals.walkerPaths += stats.walkerPaths;
        totals.fastDocuments += stats.fastDocuments;
        totals.walkerFallbackDocuments += stats.walkerFallbackDocuments;
        for (const [reason, count] of stats.slowReasons) totals.slowReasons.set(reason, (totals.slowReasons.get(reason) ?? 0) + count);
        for (const [reason, count] of stats.walkerFallbackReasons) totals.walkerFallbackReasons.set(reason, (totals.walkerFallbackReasons.get(reason) ?? 0) + count);
        expect(stats.mismatches, text).toEqual([]);
      }),
      { numRuns: Number(process.env.YAML_FAST_RUNS ?? 400) },
    );
    if (process.env.YAML_FAST_RUNS) console.log(formatStats(totals));
    // Most generated documents are valid and walkable: the property tests the walker, not the fallback.
    expect(totals.fastFiles).toBeGreaterThan(totals.files * 0.5);
    expect(totals.walkerPaths).toBeGreaterThan(totals.paths * 0.5);
  });
});

/** YAML and JSON building blocks (as in property.test.ts), so that generated texts reach odd corners. */
const TOKENS = [
  'apiVersion: v1\n', 'kind: Pod\n', 'metadata:\n', '  name: p\n', 'spec:\n', '  containers:\n', '  - name: c\n', '- ', '- - ', '? ', ': ', ':', ',', '[', ']', '{', '}', '"', "'", '\\',
  '---\n', '--- ', '...\n', '# c\n', ' # c', '\r\n', '\n', '\n', ' ', '  ', '    ', '\t', '|', '|-\n', '>+\n', '|2\n', '&a ', '*a', '!Ref ', '!!str ', '%YAML 1.1\n', '<<: ', '~: ', 'null: ',
  '0644', '0x1F', 'yes', '1:20', '.inf', '~', 'a', 'b c', 'key: value\n', '"q": 1\n', "'s': 2\n", '{{ x }}', '\ufeff', '\u2028', '#', 'é',
];

describe('fast YAML path on token soup', () => {
  it('never disagrees with the yaml library (data, problems, locations)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join('')), fc.boolean(), (text, cloudformation) => {
        const stats = newStats();
        compareYamlText('soup.yaml', text, stats, { cloudformation });
        expect(stats.mismatches, JSON.stringify(text)).toEqual([]);
      }),
      { numRuns: Number(process.env.YAML_FAST_RUNS ?? 1500) },
    );
  });
});

describe('quoted strings continued at a smaller indentation (the Kubernetes docs Kafka StatefulSet)', () => {
  // go-yaml (Kubernetes) and js-yaml read these; the `yaml` library rejects them as an unclosed string.
  const text = [
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata: { name: kafka }',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: kafka',
    '          command:',
    '            - sh',
    '            - "exec kafka-server-start.sh \\',
    '          --override listeners=PLAINTEXT://:9093 \\',
    '          --override log.dir=/var/lib/kafka"',
    '          image: kafka:1.0',
    '        - name: sidecar',
    '          image: sidecar:1.0',
    '',
  ].join('\n');

  it('reads them as Kubernetes does, with every location from the text', () => {
    const parsed = parseYamlStream(text);
    expect(parsed.problems).toEqual([]);
    const document = parsed.documents[0];
    const containers = (document?.data as { spec: { template: { spec: { containers: Array<{ command: string[]; image: string }> } } } }).spec.template.spec.containers;
    expect(containers[0]?.command[1]).toBe('exec kafka-server-start.sh --override listeners=PLAINTEXT://:9093 --override log.dir=/var/lib/kafka');
    expect(containers[0]?.image).toBe('kafka:1.0');
    const map = document?.sourceMap as TextSourceMap;
    const containersPath = ['spec', 'template', 'spec', 'containers'];
    expect(map.locate([...containersPath, 0])).toMatchObject({ startLine: 8, startColumn: 11, endLine: 14 });
    expect(map.lastAnswer).toEqual({ by: 'walker' });
    expect(map.locate([...containersPath, 0, 'command', 1])).toMatchObject({ startLine: 11, endLine: 13 });
    expect(map.locate([...containersPath, 0, 'image'])).toMatchObject({ startLine: 14, startColumn: 11 });
    expect(map.locate([...containersPath, 1, 'image'])).toMatchObject({ startLine: 16 });
  });

  it('are read as js-yaml reads them only after the yaml library has refused them', () => {
    expect(slowReason('a: "foo\nbar"\n')).toMatch(/quoted scalar continued/);
    expect(parseYamlStream('a: "foo\nbar"\n', { fast: false }).problems[0]?.message).toContain('never closed');
    expect(parseYamlStream('a: "foo\nbar"\n')).toMatchObject({ problems: [], documents: [{ data: { a: 'foo bar' } }] });
  });

  it('still reports a string that is really never closed', () => {
    const parsed = parseYamlStream('a: "open\nb: 1\n');
    expect(parsed.documents).toEqual([]);
    expect(parsed.problems[0]?.message).toContain('never closed');
  });
});
