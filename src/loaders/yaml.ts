import {
  LineCounter,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Document,
  type Node as YamlNode,
  type ParsedNode,
  type ScalarTag,
  type Tags,
  type YAMLMap,
} from 'yaml';
import type { JsonValue, NodePath, PathSegment, SourceMap, SourceRange } from '../model/types.js';
import { CFN_FUNCTION_BY_TAG, CFN_TAGS } from './cloudformation-tags.js';
import { LineIndex } from './line-index.js';
import { countOpeningBrackets } from '../util/text.js';
import { fastDocuments, readYamlFast, type FastPathContext } from './yaml-fast.js';
import { UNDER_INDENTED_QUOTE, type DocumentSlice } from './yaml-scan.js';

/** Aliases beyond this count in one document are treated as a resource-exhaustion attack ("billion laughs"). */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Deeper nesting than this is refused before parsing. The `yaml` parser recurses once per level and exhausts
 * the default stack at about 800 levels of flow collections; real manifests (CRD schemas included) stay
 * below 100. Well under the limit, so rules walking the result recursively are safe too.
 */
export const MAX_YAML_NESTING_DEPTH = 256;

export interface ParsedYamlDocument {
  index: number;
  data: JsonValue;
  sourceMap: SourceMap;
}

export interface YamlProblem {
  message: string;
  line?: number;
  /** A key repeated in a mapping, the document read anyway (duplicateKeys: 'last'). */
  duplicateKey?: true;
}

export interface YamlParseOptions {
  /** Kubernetes reads YAML 1.1 (`yes`, `on`, octal `0644`); GitHub Actions reads 1.2. */
  version?: '1.1' | '1.2';
  /** CloudFormation's short-form intrinsics (`!Ref X` -> `{ "Ref": "X" }`), on both parsing paths. */
  cloudformation?: boolean;
  /** Extra tags for the `yaml` library. Any makes the whole stream take the `yaml` path. */
  customTags?: Tags;
  /**
   * Try the fast path (js-yaml, see yaml-fast.ts) first. Default true; it applies to YAML 1.1 without
   * `customTags`. False parses with the `yaml` library only (the reference, for tests and comparisons).
   */
  fast?: boolean;
  /** Told why the fast path was not taken for this stream (statistics and tests). */
  onSlowPath?: (reason: string) => void;
  /**
   * A key repeated in a mapping is a problem either way. `last` (the default) still reads the document, the last
   * value winning, as go-yaml and the tools that accept such a document read it; `refuse` drops the document.
   */
  duplicateKeys?: 'last' | 'refuse';
}

const INT_TAG = 'tag:yaml.org,2002:int';
const FLOAT_TAG = 'tag:yaml.org,2002:float';

/** A RegExp whose `test` is an arbitrary predicate: the `yaml` library selects scalar tags with `tag.test.test()`. */
class ScalarTest extends RegExp {
  constructor(private readonly accept: (value: string) => boolean) {
    super('(?!)');
  }

  override test(value: string): boolean {
    return this.accept(value);
  }
}

/** Go's `strconv.ParseInt(s, 0, 64)` syntax (base prefixes 0x, 0o, 0b, and a leading 0 for octal). */
const GO_INT = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml v2's `yamlStyleFloat`. */
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
/** What Go's `strconv.ParseFloat` accepts for a scalar starting with `.` (no underscores there). */
const GO_DOT_FLOAT = /^\.[0-9]+(?:[eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * go-yaml v2's integer resolution, which Kubernetes (sigs.k8s.io/yaml) uses: underscores are dropped, then
 * `ParseInt`/`ParseUint` with base 0. So `0644` and `0o644` are 420, `0x1F` is 31; base-60 (`1:20`) is a string.
 */
export function goYamlInt(raw: string): number | undefined {
  if (!/^[-+0-9]/.test(raw)) return undefined;
  const match = GO_INT.exec(raw.replace(/_/g, ''));
  if (!match) return undefined;
  const sign = match[1] ?? '';
  const body = match[2] ?? '';
  const prefix = body.slice(0, 2).toLowerCase();
  let magnitude: bigint;
  if (prefix === '0x' || prefix === '0o' || prefix === '0b') magnitude = BigInt(`${prefix}${body.slice(2)}`);
  else if (body.length > 1 && body.startsWith('0')) magnitude = BigInt(`0o${body.slice(1)}`);
  else magnitude = BigInt(body);
  const value = sign === '-' ? -magnitude : magnitude;
  const max = sign === '' ? UINT64_MAX : INT64_MAX;
  if (value < INT64_MIN || value > max) return undefined; // Go falls back to the float syntax
  return Number(value);
}

/** go-yaml v2's float resolution (after its integer resolution failed). `1e3` and `1.` are floats; `1:20.5` is not. */
export function goYamlFloat(raw: string): number | undefined {
  if (goYamlInt(raw) !== undefined) return undefined;
  let text: string;
  if (raw.startsWith('.')) {
    if (!GO_DOT_FLOAT.test(raw)) return undefined;
    text = raw;
  } else {
    if (!/^[-+0-9]/.test(raw)) return undefined;
    text = raw.replace(/_/g, '');
    if (!GO_FLOAT.test(text)) return undefined;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

const goIntTag: ScalarTag = {
  tag: INT_TAG,
  default: true,
  identify: (value) => typeof value === 'number' && Number.isInteger(value),
  test: new ScalarTest((value) => goYamlInt(value) !== undefined),
  resolve: (value) => goYamlInt(value) ?? value,
};

const goFloatTag: ScalarTag = {
  tag: FLOAT_TAG,
  default: true,
  identify: (value) => typeof value === 'number',
  test: new ScalarTest((value) => goYamlFloat(value) !== undefined),
  resolve: (value) => goYamlFloat(value) ?? value,
};

/**
 * The YAML 1.1 schema as Kubernetes reads it (go-yaml v2 through sigs.k8s.io/yaml): the 1.1 booleans
 * (`yes`, `on`, `y`, ...), nulls and `.inf`/`.nan` as they are; integers and floats by Go's rules; no base-60
 * numbers; unquoted dates stay strings.
 */
function kubernetesYaml11(tags: Tags): Tags {
  const out: Tags = [];
  let numbersAdded = false;
  for (const tag of tags) {
    if (typeof tag !== 'object') {
      out.push(tag);
      continue;
    }
    if (tag.tag === 'tag:yaml.org,2002:timestamp') continue;
    const isNumber = tag.tag === INT_TAG || tag.tag === FLOAT_TAG;
    const isInfOrNaN = tag.tag === FLOAT_TAG && tag.test instanceof RegExp && tag.test.test('.nan');
    if (isNumber && !isInfOrNaN) {
      if (!numbersAdded) out.push(goIntTag, goFloatTag);
      numbersAdded = true;
      continue;
    }
    out.push(tag);
  }
  if (!numbersAdded) out.push(goIntTag, goFloatTag);
  return out;
}

/**
 * The first, data-only step of parseYamlStream: the nesting guard and the fast path's read. Its result is
 * plain data, so a worker thread can compute it (see yaml-worker.ts) and parseYamlStream finish the job.
 */
export type YamlPreRead =
  | { kind: 'too-deep'; offset: number }
  | { kind: 'fast'; values: JsonValue[]; slices: DocumentSlice[] }
  | { kind: 'slow'; reason: string };

const FAST_PATH: FastPathContext = {
  goYamlInt,
  goYamlFloat,
  // js-yaml counts nesting its own way; the `yaml` path's guard (findExcessiveYamlNesting) already ran.
  maxDepth: MAX_YAML_NESTING_DEPTH + 16,
};

export function preReadYamlStream(text: string, options: YamlParseOptions = {}): YamlPreRead {
  const deepAt = findExcessiveYamlNesting(text, MAX_YAML_NESTING_DEPTH);
  if (deepAt !== -1) return { kind: 'too-deep', offset: deepAt };
  if (options.fast === false) return { kind: 'slow', reason: 'fast path disabled' };
  if ((options.version ?? '1.1') !== '1.1' || options.customTags !== undefined) return { kind: 'slow', reason: 'YAML 1.2 or custom tags' };
  try {
    const read = readYamlFast(text, { cloudformation: options.cloudformation === true }, FAST_PATH);
    return read.ok ? { kind: 'fast', values: read.values, slices: read.slices } : { kind: 'slow', reason: read.reason };
  } catch (error) {
    return { kind: 'slow', reason: `internal error: ${error instanceof Error ? error.message : String(error)}` }; // a fast-path bug costs speed only
  }
}

/**
 * Parses a multi-document YAML stream into plain values with lazy source maps.
 * Documents with syntax errors are reported and left out; the others are kept. Never throws.
 *
 * Two paths give identical results. The fast one (yaml-fast.ts) reads the stream with js-yaml and locates
 * paths by reading the text again (yaml-text-map.ts); it is used when the stream holds nothing on which
 * js-yaml and the `yaml` library could disagree (yaml-scan.ts) and js-yaml reads it without error. Otherwise
 * the `yaml` library reads it: the reference, with per-document errors, the alias-expansion limit, and a
 * document tree kept for locations. `preRead` is preReadYamlStream(text, options), when it was done elsewhere.
 */
export function parseYamlStream(
  text: string,
  options: YamlParseOptions = {},
  preRead: YamlPreRead = preReadYamlStream(text, options),
): { documents: ParsedYamlDocument[]; problems: YamlProblem[] } {
  let lines: LineIndex | undefined;
  const lineIndex = (): LineIndex => (lines ??= new LineIndex(text));
  if (preRead.kind === 'too-deep') {
    return { documents: [], problems: [{ message: tooDeepMessage(), line: lineIndex().position(preRead.offset).line }] };
  }
  const tags = [...(options.cloudformation ? CFN_TAGS : []), ...(options.customTags ?? [])];
  const fastContext = () => ({ ...FAST_PATH, lineIndex, fallbackSourceMap: (start: number, end: number) => documentSourceMap(text, start, end, tags, lineIndex) });
  if (preRead.kind === 'fast') return { documents: fastDocuments(text, preRead, fastContext()), problems: [] };
  options.onSlowPath?.(preRead.reason);
  const parsed = parseWithYamlLibrary(text, options.version ?? '1.1', tags, lineIndex, options.duplicateKeys ?? 'last');
  if (parsed.problems.length > 0 && preRead.reason === UNDER_INDENTED_QUOTE) {
    // Kubernetes (go-yaml) and js-yaml read quoted strings continued at a smaller indentation, as in the
    // Kubernetes docs' Kafka StatefulSet; the `yaml` library rejects them. Read such a stream as they do.
    const lenient = readYamlFast(text, { cloudformation: options.cloudformation === true, underIndentedQuotes: true }, FAST_PATH);
    if (lenient.ok) return { documents: fastDocuments(text, lenient, fastContext()), problems: [] };
  }
  return parsed;
}

function parseOptions(version: '1.1' | '1.2', extra: Tags, lineCounter?: LineCounter): Parameters<typeof parseAllDocuments>[1] {
  return {
    version,
    ...(lineCounter ? { lineCounter } : {}),
    prettyErrors: false,
    uniqueKeys: true,
    // Warnings (collection keys stringified, unknown tags) would go to process.emitWarning, i.e. stderr.
    logLevel: 'error',
    customTags: (tags: Tags) => [...(version === '1.1' ? kubernetesYaml11(tags) : tags), ...extra],
  };
}

/**
 * The `yaml`-library source map of the document `text.slice(start, end)` (a fast-path document the text
 * walker could not follow), its ranges shifted to the whole text. Undefined if that slice is not exactly one
 * clean document (not expected: the slices come from the stream split the fast path checked).
 */
function documentSourceMap(text: string, start: number, end: number, tags: Tags, lineIndex: () => LineIndex): SourceMap | undefined {
  try {
    const parsed = withPlainEnv(() => parseAllDocuments(text.slice(start, end), parseOptions('1.1', tags)));
    const docs = Array.isArray(parsed) ? parsed : [];
    const doc = docs[0];
    if (docs.length !== 1 || !doc || doc.errors.length > 0) return undefined;
    return new YamlSourceMap(doc, text, lineIndex, start);
  } catch {
    return undefined;
  }
}

/** The reference path: the `yaml` library's parseAllDocuments, per-document errors, document trees kept. */
function parseWithYamlLibrary(
  text: string,
  version: '1.1' | '1.2',
  extra: Tags,
  lineIndex: () => LineIndex,
  duplicateKeys: 'last' | 'refuse',
): { documents: ParsedYamlDocument[]; problems: YamlProblem[] } {
  const problems: YamlProblem[] = [];
  const documents: ParsedYamlDocument[] = [];
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    const parsed = withPlainEnv(() => parseAllDocuments(text, parseOptions(version, extra, lineCounter)));
    docs = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    problems.push({ message: describeCrash(error) });
    return { documents, problems };
  }

  docs.forEach((doc, index) => {
    const keepDuplicates = duplicateKeys === 'last';
    const firstError = keepDuplicates ? (doc.errors.find((error) => error.code !== 'DUPLICATE_KEY') ?? doc.errors[0]) : doc.errors[0];
    if (firstError?.code === 'DUPLICATE_KEY' && keepDuplicates) {
      // Only duplicate keys: each is reported, the document read with the last value of each.
      for (const error of doc.errors) {
        const offset = Math.min(error.pos[0], text.length);
        const { line, column } = lineIndex().position(offset);
        problems.push({ message: duplicateKeyMessage(doc, offset, column), line, duplicateKey: true });
      }
    } else if (firstError) {
      let offset = Math.min(firstError.pos[0], text.length);
      let what = firstLine(firstError.message);
      const quote = firstError.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(what)?.[1] : undefined;
      if (quote) {
        // The parser stops at the end of the input; the useful place is where the string was opened.
        const opening = findOpeningQuote(text, offset, quote);
        if (opening !== -1) {
          offset = opening;
          what = `this ${quote === '"' ? 'double' : 'single'}-quoted string is never closed (missing closing ${quote})`;
        }
      }
      // An indentation error is placed at the start of the line's indentation: the column is that of the item.
      while (text[offset] === ' ' || text[offset] === '\t') offset++;
      const { line, column } = lineIndex().position(offset);
      const message = isStackOverflow(firstError.message) ? tooDeepMessage() : `YAML syntax error: ${what} (column ${column})`;
      problems.push({ message, line });
      return;
    }
    if (doc.contents === null) return; // empty document (`---` with nothing after it, comments only)
    let data: JsonValue;
    try {
      data = normalize(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
    } catch (error) {
      // For an alias bomb, the first alias is where the expansion starts.
      let at = doc.contents.range[0];
      visit(doc, {
        Alias(_key, node) {
          if (node.range) at = node.range[0];
          return visit.BREAK;
        },
      });
      problems.push({ message: describeToJsError(error), line: lineIndex().position(at).line });
      return;
    }
    documents.push({ index, data, sourceMap: new YamlSourceMap(doc, text, lineIndex) });
  });
  return { documents, problems };
}

function duplicateKeyMessage(doc: Document.Parsed, offset: number, column: number): string {
  let key: string | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
      // As written (`yes`, `0x1`), not as resolved.
      key = pair.key.source ?? String(pair.key.value);
      return visit.BREAK;
    },
  });
  const shown = key !== undefined && key.length <= 80 ? `"${key}" ` : '';
  return `YAML: key ${shown}repeated in this mapping (column ${column}): strict readers (kubectl by default, cfn-lint) refuse the document; it is checked with the last value, as the tools that accept it read it`;
}

/** Offset of the quote opening the unterminated quoted scalar that runs to `end`, or -1. */
function findOpeningQuote(text: string, end: number, quote: string): number {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === '"' && text[i - 1] === '\\') continue;
    // Opening quotes start a node: after `key: `, `- `, a flow indicator, or at the start of a line.
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    if (j < 0 || text[j] === '\n' || text[j] === '[' || text[j] === '{' || text[j] === ',' || ((text[j] === ':' || text[j] === '-' || text[j] === '?') && j < i - 1)) {
      return i;
    }
  }
  return -1;
}

/**
 * Runs `parse` with `process.env` replaced by a plain copy. The `yaml` parser reads `process.env.LOG_TOKENS`
 * once per token (`Parser#next`), and Node's `process.env` calls into C++ on every read (about 250 ns on the
 * CI machine): a fifth of all YAML parsing time, 4.7 s of CPU on the 20,000-object benchmark corpus. Reads
 * of the copy are free. `parse` is synchronous and the real object is put back in `finally`, so nothing
 * outside the parse sees the copy. Drop this once `yaml` reads the flag once.
 */
function withPlainEnv<T>(parse: () => T): T {
  const env = process.env;
  try {
    process.env = { ...env };
  } catch {
    return parse(); // not assignable in this runtime: parse as is
  }
  try {
    return parse();
  } finally {
    process.env = env;
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function isStackOverflow(message: string): boolean {
  return /maximum call stack size exceeded/i.test(message);
}

function tooDeepMessage(): string {
  return `YAML nested deeper than ${MAX_YAML_NESTING_DEPTH} levels: not parsed (resource-exhaustion guard)`;
}

function describeCrash(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError || isStackOverflow(message)) return tooDeepMessage();
  return `YAML could not be read: ${message}`;
}

function describeToJsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/excessive alias count/i.test(message)) {
    return `YAML alias expansion refused: the aliases would expand to more than ${MAX_ALIAS_COUNT} nodes ("billion laughs" resource-exhaustion guard)`;
  }
  return describeCrash(error);
}

/**
 * Offset where the nesting of collections first exceeds `limit`, or -1: block collections by indentation
 * (and compact `- - x` forms), flow collections by brackets, plus both mixed. Quoted scalars, comments and
 * block scalars are skipped, and brackets inside plain scalars do not count, so real files are never
 * refused; the count may be slightly high for multi-line plain scalars, never far off. Linear time.
 */
export function findExcessiveYamlNesting(text: string, limit: number): number {
  return withinNestingBound(text, limit) ? -1 : walkYamlNesting(text, limit);
}

/** findExcessiveYamlNesting's walk, without the shortcut (exported for the test that checks the shortcut). */
export function walkYamlNesting(text: string, limit: number): number {
  const length = text.length;
  const blocks: number[] = []; // columns of the open block collections
  let flow = 0;
  let quote = 0; // 34 ("), 39 (') while inside a quoted scalar, which may span lines
  let blockScalarParent = -1; // lines indented more than this column are block-scalar content
  let nodeStart = true;
  let lineStart = 0;
  while (lineStart < length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = length;
    let i = lineStart;
    if (quote === 0 && flow === 0) {
      while (i < lineEnd && text.charCodeAt(i) === 32) i++;
      const indent = i - lineStart;
      const first = i < lineEnd ? text.charCodeAt(i) : 10;
      const blank = first === 10 || first === 13;
      if (blockScalarParent >= 0) {
        if (blank || indent > blockScalarParent) {
          lineStart = lineEnd + 1;
          continue;
        }
        blockScalarParent = -1;
      }
      if (blank || first === 35 /* # */ || (indent === 0 && first === 37) /* %directive */) {
        lineStart = lineEnd + 1;
        continue;
      }
      if (indent === 0 && isDocumentMarker(text, i, lineEnd)) {
        blocks.length = 0;
        i += 3;
      } else {
        while (blocks.length > 0 && (blocks[blocks.length - 1] ?? 0) >= indent) blocks.pop();
        blocks.push(indent);
        // Compact nested collections on one line: `- - x`, `- key: v`, `? - x`.
        for (;;) {
          const code = text.charCodeAt(i);
          const next = i + 1 < lineEnd ? text.charCodeAt(i + 1) : 32;
          if (!((code === 45 || code === 63 || code === 58) && (next === 32 || next === 13))) break;
          i++;
          while (i < lineEnd && text.charCodeAt(i) === 32) i++;
          if (i >= lineEnd || text.charCodeAt(i) === 35 || text.charCodeAt(i) === 13) break;
          blocks.push(i - lineStart);
          if (blocks.length + flow > limit) return i;
        }
      }
      if (blocks.length + flow > limit) return i;
      nodeStart = true;
    }
    for (; i < lineEnd; i++) {
      const code = text.charCodeAt(i);
      if (quote !== 0) {
        if (quote === 34 && code === 92 /* \ */) i++;
        else if (code === quote) {
          if (quote === 39 && text.charCodeAt(i + 1) === 39) i++;
          else quote = 0;
        }
        continue;
      }
      if (code === 32 || code === 9 || code === 13) continue;
      if (code === 35 /* # */ && (i === lineStart || isSpace(text.charCodeAt(i - 1)))) break;
      if (code === 91 || code === 123) {
        if (flow > 0 || nodeStart) {
          flow++;
          if (blocks.length + flow > limit) return i;
          nodeStart = true;
        } else nodeStart = false;
        continue;
      }
      if (flow > 0) {
        if (code === 93 || code === 125) {
          flow--;
          nodeStart = false;
        } else if (code === 44 /* , */ || code === 58 /* : */ || code === 63 /* ? */) nodeStart = true;
        else if ((code === 34 || code === 39) && nodeStart) quote = code;
        else if (code === 38 /* & */ || code === 33 /* ! */) i = skipToken(text, i, lineEnd);
        else nodeStart = false;
        continue;
      }
      if ((code === 34 || code === 39) && nodeStart) {
        quote = code;
        nodeStart = false;
      } else if ((code === 124 || code === 62) /* | > */ && nodeStart) {
        // Content must be indented more than the collection holding the scalar: for `- |` that is the dash.
        const top = blocks[blocks.length - 1] ?? 0;
        blockScalarParent = i - lineStart === top && blocks.length > 1 ? (blocks[blocks.length - 2] ?? 0) : top;
        break;
      } else if (code === 58 /* : */ && isSpaceOrEnd(text, i + 1, lineEnd)) {
        nodeStart = true;
      } else if (code === 38 || code === 33) {
        if (nodeStart) i = skipToken(text, i, lineEnd);
        else nodeStart = false;
      } else if (!((code === 45 || code === 63) && nodeStart && isSpaceOrEnd(text, i + 1, lineEnd))) {
        nodeStart = false;
      }
    }
    lineStart = lineEnd + 1;
  }
  return -1;
}

/**
 * True when `text` cannot nest deeper than `limit`, by a bound walkYamlNesting's count never exceeds: the open
 * block collections sit at strictly increasing columns, each within the leading run of spaces and `-` `?` `:`
 * indicators of its line (lines split at LF, as the walk splits them), and every open flow collection has its
 * own `[` or `{`. Native indexOf and a scan of each line's first characters, instead of the walk, on all but
 * unusual files.
 */
function withinNestingBound(text: string, limit: number): boolean {
  const longestRun = limit - countOpeningBrackets(text, limit) - 1;
  return longestRun >= 1 && !hasLeadingRun(text, longestRun);
}

/** Does some line of `text` start with at least `length` spaces and `-` `?` `:` indicators? */
function hasLeadingRun(text: string, length: number): boolean {
  // Twice as fast as the equivalent multiline regular expression `^[ ?:-]{length}`.
  for (let lineStart = 0; lineStart < text.length; ) {
    const stop = Math.min(text.length, lineStart + length);
    let i = lineStart;
    for (; i < stop; i++) {
      const code = text.charCodeAt(i);
      if (code !== 32 && code !== 45 && code !== 58 && code !== 63) break;
    }
    if (i === lineStart + length) return true;
    const lineEnd = text.indexOf('\n', i);
    if (lineEnd === -1) return false;
    lineStart = lineEnd + 1;
  }
  return false;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

function isSpaceOrEnd(text: string, at: number, lineEnd: number): boolean {
  if (at >= lineEnd) return true;
  const code = text.charCodeAt(at);
  return code === 32 || code === 9 || code === 13;
}

/** Index of the last character of an anchor or tag token starting at `at`. */
function skipToken(text: string, at: number, lineEnd: number): number {
  let i = at;
  while (i + 1 < lineEnd && !isSpace(text.charCodeAt(i + 1)) && text.charCodeAt(i + 1) !== 13) i++;
  return i;
}

function isDocumentMarker(text: string, at: number, lineEnd: number): boolean {
  const marker = text.slice(at, at + 3);
  return (marker === '---' || marker === '...') && isSpaceOrEnd(text, at + 3, lineEnd);
}

/**
 * Converts YAML-only values (Maps, Sets, binary) into JSON values in place, as Kubernetes' YAML-to-JSON step
 * does. `toJS` output is ours alone, so mutating it is safe. A self-referencing alias becomes null.
 */
function normalize(value: unknown, ancestors: Set<object> = new Set()): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'object') return String(value);
  if (ancestors.has(value)) return null;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.toISOString();
  ancestors.add(value);
  let result: JsonValue;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = normalize(value[i], ancestors);
    result = value as JsonValue[];
  } else if (value instanceof Map || value instanceof Set) {
    const entries = value instanceof Map ? [...value] : [...value].map((item) => [item, null] as const);
    // fromEntries defines a `__proto__` key as an own property; an assignment would set the prototype instead.
    result = Object.fromEntries(entries.map(([key, entry]) => [String(key), normalize(entry, ancestors)]));
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = normalize(record[key], ancestors);
    result = record as JsonValue;
  }
  ancestors.delete(value);
  return result;
}

type AnyNode = YamlNode | ParsedNode;

/** Where a walk went: the node at the path, and the mapping key holding it. */
interface WalkStep {
  node: AnyNode | undefined;
  pairKey: AnyNode | undefined;
}

/**
 * Source map of one YAML document. Aliases and merge keys (`<<: *defaults`) are followed to find values,
 * but a finding is located in the resource's own text: at the alias or the `<<` entry that brought the value
 * in, not at the anchor, which may belong to another container or object. Secret masking (`locateValue`)
 * gets the real value's range wherever it is written.
 */
class YamlSourceMap implements SourceMap {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly lines: () => LineIndex,
    /** Where the parsed text starts in `text` (a single document parsed alone), added to every offset. */
    private readonly base = 0,
  ) {}

  locate(path: NodePath): SourceRange {
    const { step, pin } = this.walk(path);
    const shown = pin ?? step;
    const start = shown.pairKey?.range?.[0] ?? shown.node?.range?.[0] ?? 0;
    const end = shown.node?.range?.[1] ?? shown.pairKey?.range?.[1] ?? start;
    return this.trimmed(start, end);
  }

  locateValue(path: NodePath): SourceRange | undefined {
    const { step, exact } = this.walk(path);
    if (!exact || !step.node?.range) return undefined;
    return this.trimmed(step.node.range[0], step.node.range[1]);
  }

  /** Ends a range before trailing line breaks so a block scalar ends on its last content line. */
  private trimmed(start: number, end: number): SourceRange {
    const from = start + this.base;
    let trimmedEnd = end + this.base;
    while (trimmedEnd > from && /[\r\n]/.test(this.text.charAt(trimmedEnd - 1))) trimmedEnd--;
    return this.lines().range(from, trimmedEnd);
  }

  private walk(path: NodePath): { step: WalkStep; exact: boolean; pin: WalkStep | undefined } {
    let step: WalkStep = { node: (this.doc.contents ?? undefined) as AnyNode | undefined, pairKey: undefined };
    /** The first alias or merge entry the walk went through, in the document's own text. */
    let pin: WalkStep | undefined;
    /** The node whose CloudFormation tag the walk went through: the data has its function key there. */
    let untagged: unknown;
    for (const segment of path) {
      const current = this.resolve(step.node);
      if (current !== step.node) pin ??= step;
      let next: WalkStep | undefined;
      const tag = current !== untagged && isNode(current) ? current.tag : undefined;
      if (tag !== undefined && CFN_FUNCTION_BY_TAG[tag] === segment) {
        next = { node: current as AnyNode, pairKey: undefined };
        untagged = current;
      } else if (isMap(current)) {
        next = findKey(current, segment);
        if (!next) {
          const merged = this.findMerged(current, segment);
          if (merged) {
            pin ??= merged.entry;
            next = merged.step;
          }
        }
      } else if (isSeq(current) && typeof segment === 'number') {
        const item = current.items[segment] as AnyNode | undefined;
        if (item) next = { node: item, pairKey: undefined };
      }
      if (!next) return { step, exact: false, pin };
      step = next;
    }
    return { step, exact: true, pin };
  }

  private resolve(node: unknown): unknown {
    let current = node;
    for (let hops = 0; isAlias(current) && hops < 100; hops++) current = current.resolve(this.doc);
    return current;
  }

  /** A key brought in by `<<: *anchor` or `<<: [*a, *b]` (earlier maps win, as in YAML 1.1). */
  private findMerged(map: YAMLMap, segment: PathSegment): { entry: WalkStep; step: WalkStep } | undefined {
    for (const item of map.items) {
      if (!isPair(item) || !isMergeKey(item.key)) continue;
      const entry: WalkStep = { node: (item.value ?? undefined) as AnyNode | undefined, pairKey: item.key as AnyNode };
      const value = this.resolve(item.value);
      const sources = isSeq(value) ? value.items.map((source) => this.resolve(source)) : [value];
      for (const source of sources) {
        if (!isMap(source)) continue;
        const step = findKey(source, segment) ?? this.findMerged(source, segment)?.step;
        if (step) return { entry, step };
      }
    }
    return undefined;
  }
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

/** The last entry with the key: of a key repeated in a mapping, the last value is the one read. */
function findKey(map: YAMLMap, segment: PathSegment): WalkStep | undefined {
  for (let index = map.items.length - 1; index >= 0; index--) {
    const item = map.items[index];
    if (!isPair(item)) continue;
    const key = item.key;
    if (isMergeKey(key)) continue;
    const keyValue = isScalar(key) ? key.value : key;
    if (String(keyValue) === String(segment)) {
      const pairKey = (key ?? undefined) as AnyNode | undefined;
      const value = item.value as AnyNode | null | undefined;
      // `key:` with no value: point at the key.
      return { node: value ?? pairKey, pairKey };
    }
  }
  return undefined;
}
