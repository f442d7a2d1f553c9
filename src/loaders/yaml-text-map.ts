import type { NodePath, PathSegment, SourceMap, SourceRange } from '../model/types.js';
import type { LineIndex } from './line-index.js';
import { CFN_FUNCTION_BY_TAG } from './cloudformation-tags.js';

/** What the text walker falls back to: the `yaml`-library source map of the same document. */
export type FallbackSourceMap = SourceMap;

/** What the source maps of one stream share (one per file, so that each document's map stays small). */
export interface TextMapContext {
  text: string;
  lineIndex: () => LineIndex;
  /** The `yaml`-library source map of the document `text.slice(start, end)`, parsed alone. */
  fallbackSourceMap: (start: number, end: number) => FallbackSourceMap | undefined;
  /** The string a plain mapping key stands for (`yes` -> "true"), as both parsers make it. */
  keyText: (plain: string) => string;
  /** Start offsets of lines that continue a quoted scalar under-indented (see yaml-scan.ts): not structure. */
  underIndentedLines?: ReadonlySet<number>;
}

const WALKER_ANSWER = { by: 'walker' } as const;

/**
 * A source map for a document parsed by js-yaml, which keeps no syntax tree: `locate` reads the document's
 * text again, following the path through block mappings and sequences (and flow collections), and returns
 * exactly the ranges the `yaml`-library source map (YamlSourceMap in yaml.ts) returns for the same path. Those
 * ranges follow the `yaml` library's rules, reproduced here:
 *   - a mapping entry runs from its key to the end of its value, a sequence item is its value alone;
 *   - a scalar ends after its last character; a block scalar after its last kept line, line break included
 *     (trimmed by the caller);
 *   - a block collection ends where its last value's "node end" is: the end of that value's line, plus the
 *     comment lines indented deeper than the innermost collection that follow it (the `yaml` parser attaches
 *     them to the scalar); and when a nested collection ending at the same point keeps a trailing group of
 *     comment lines (it does when one of those comments is indented at least as deep as it, and it is not at
 *     column 0), the end of that group, up to the first character of the next content line.
 * Whenever the walk meets something the walker does not handle (tags, mappings inside flow sequences, flow
 * keys without values, empty values with comments around them, block scalars with indentation indicators,
 * plain scalars continued by indicator characters, ...) it gives up, and the document's own text is parsed
 * with the `yaml` library (once, then cached) to answer from its tree. Anchors, aliases and `?` keys never
 * get here: such streams take the `yaml` path from the start (yaml-scan.ts).
 *
 * The comparison script scripts/compare-yaml-paths.ts and test/loaders/yaml-fast.test.ts check these ranges
 * against the `yaml` library for every node of real and generated documents.
 */
export class TextSourceMap implements SourceMap {
  private fallback: FallbackSourceMap | null | undefined;
  /** Who answered the last locate / locateValue call, and why the walker gave up when it did (statistics, tests). */
  lastAnswer: { readonly by: 'walker' } | { by: 'fallback'; reason: string } = WALKER_ANSWER;

  constructor(
    private readonly context: TextMapContext,
    private readonly start: number,
    private readonly end: number,
  ) {}

  /** True once a path could not be walked and the `yaml`-library map was built for this document. */
  get usedFallback(): boolean {
    return this.fallback !== undefined;
  }

  locate(path: NodePath): SourceRange {
    const walked = this.walk(path);
    if (walked) return this.trimmed(walked.found.keyStart ?? walked.found.node.start, walked.end);
    return this.fallbackMap()?.locate(path) ?? this.trimmed(this.start, this.start);
  }

  locateValue(path: NodePath): SourceRange | undefined {
    const walked = this.walk(path);
    if (walked) return walked.found.exact ? this.trimmed(walked.found.node.start, walked.end) : undefined;
    return this.fallbackMap()?.locateValue(path);
  }

  /**
   * Walks `path` in the text. The walker is tried on every path, even after another path of the document
   * needed the fallback: most paths avoid the construct that stopped it, and a walk costs far less than the
   * `yaml`-library parse (which, once made, is kept).
   */
  private walk(path: NodePath): { found: Found; end: number } | undefined {
    try {
      const walker = this.walker();
      const found = walker.find(path);
      const end = walker.valueEnd(found.node);
      this.lastAnswer = WALKER_ANSWER;
      return { found, end };
    } catch (error) {
      // Unsure: a construct the walker leaves to the `yaml` library. Anything else would be a walker bug: the
      // `yaml` library answers then too, rather than a finding failing to get its location.
      const reason = error instanceof Unsure ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
      this.lastAnswer = { by: 'fallback', reason };
      return undefined;
    }
  }

  /**
   * The walker (and its line table) is not kept with the document: with tens of thousands of documents that
   * would cost more memory than rebuilding it costs time (a few microseconds). Only the last one is kept, for
   * the usual run of locate / locateValue calls on one document.
   */
  private walker(): TextWalker {
    if (lastWalker?.map !== this) lastWalker = { map: this, walker: new TextWalker(this.context.text, this.start, this.end, this.context.keyText, this.context.underIndentedLines) };
    return lastWalker.walker;
  }

  private fallbackMap(): FallbackSourceMap | undefined {
    if (this.fallback === undefined) this.fallback = this.context.fallbackSourceMap(this.start, this.end) ?? null;
    return this.fallback ?? undefined;
  }

  /** Ends a range before trailing line breaks, as the `yaml`-library map does. */
  private trimmed(start: number, end: number): SourceRange {
    let trimmedEnd = end;
    while (trimmedEnd > start) {
      const code = this.context.text.charCodeAt(trimmedEnd - 1);
      if (code !== LF && code !== CR) break;
      trimmedEnd--;
    }
    return this.context.lineIndex().range(start, trimmedEnd);
  }
}

let lastWalker: { map: TextSourceMap; walker: TextWalker } | undefined;

function growTable(): void {
  const size = tableStarts.length * 2;
  const starts = new Int32Array(size);
  const firsts = new Int32Array(size);
  const kinds = new Uint8Array(size);
  starts.set(tableStarts);
  firsts.set(tableFirsts);
  kinds.set(tableKinds);
  tableStarts = starts;
  tableFirsts = firsts;
  tableKinds = kinds;
}

/** Thrown (and caught in TextSourceMap) when the walker meets something it does not handle. */
class Unsure extends Error {}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const DOT = 46;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const BANG = 33;

/** Characters that cannot start a plain scalar the walker reads without doubt. */
const UNSURE_NODE_START = new Set([...'&*!?%@`#,[]{}\t|>'].map((char) => char.charCodeAt(0)));

/**
 * A block collection whose entries or items start at column `indent`. `tag`: the CloudFormation tag that marks
 * the node (`!If`), whose function key (`Fn::If`) the data has where the text has the tag.
 */
type CollectionNode = { kind: 'map' | 'seq'; start: number; indent: number; tag?: string };
type LeafNode =
  /** A plain or quoted scalar, a flow collection or a block scalar, ending at `end`. */
  | { kind: 'scalar' | 'flow' | 'block'; start: number; end: number; tag?: string }
  /** No value (`key:` alone, `-` alone): an empty scalar at `start`. */
  | { kind: 'empty'; start: number; tag?: string };
type BlockNode = CollectionNode | LeafNode;

function isCollection(node: BlockNode): node is CollectionNode {
  return node.kind === 'map' || node.kind === 'seq';
}

interface Found {
  node: BlockNode;
  keyStart: number | undefined;
  exact: boolean;
  /** What the walk found under each path segment already asked for (`0` and `"0"` stay apart). */
  children?: Map<PathSegment, Found>;
}

const CONTENT = 0;
const BLANK = 1;
const COMMENT = 2;
const TABBED = 3;

/**
 * The line table of the document being walked: for each line its start, its first non-space character and
 * its kind. Shared by all walkers (only the last one created is used, see TextSourceMap.walker) and grown as
 * needed, so that switching documents allocates nothing.
 */
let tableStarts = new Int32Array(256);
let tableFirsts = new Int32Array(256);
let tableKinds = new Uint8Array(256);

/**
 * Reads one document's block structure from its text: `[docStart, docEnd)` of the whole stream. The table of
 * the document's lines makes skipping over values to the next entry a loop over integers.
 */
class TextWalker {
  private root: BlockNode | undefined;
  private rootFound: Found | undefined;
  private readonly collectionEnds = new Map<CollectionNode, number>();
  private readonly starts: Int32Array;
  private readonly firsts: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly count: number;

  constructor(
    private readonly text: string,
    docStart: number,
    private readonly docEnd: number,
    private readonly keyText: (plain: string) => string,
    underIndentedLines?: ReadonlySet<number>,
  ) {
    let count = 0;
    for (let lineStart = docStart; lineStart < docEnd; count++) {
      if (count === tableStarts.length) growTable();
      let i = lineStart;
      while (i < docEnd && text.charCodeAt(i) === SPACE) i++;
      const code = i < docEnd ? text.charCodeAt(i) : LF;
      tableStarts[count] = lineStart;
      tableFirsts[count] = i;
      tableKinds[count] = code === LF || code === CR || underIndentedLines?.has(lineStart) ? BLANK : code === HASH ? COMMENT : code === TAB ? TABBED : CONTENT;
      const lineEnd = text.indexOf('\n', i);
      lineStart = lineEnd === -1 || lineEnd >= docEnd ? docEnd : lineEnd + 1;
    }
    this.count = count;
    this.starts = tableStarts;
    this.firsts = tableFirsts;
    this.kinds = tableKinds;
  }

  /** The node at `path`, or the nearest existing ancestor. */
  find(path: NodePath): Found {
    let found: Found = (this.rootFound ??= { node: this.rootNode(), keyStart: undefined, exact: true });
    for (const segment of path) {
      // Findings of one document share long prefixes (spec/template/spec/containers/0/...): walk each once.
      const known = found.children?.get(segment);
      if (known) {
        found = known;
        continue;
      }
      const node = found.node;
      let next: Found | undefined;
      if (node.tag !== undefined) {
        // A CloudFormation function, `{ "Fn::Sub": <the node without its tag> }` in the data.
        if (CFN_FUNCTION_BY_TAG[node.tag] === segment) next = { node: { ...node, tag: undefined }, keyStart: undefined, exact: true };
      } else if (node.kind === 'map') {
        const wanted = String(segment);
        const entry = this.mapEntries(node, (candidate) => candidate.key === wanted);
        if (entry.key === wanted) next = { node: this.entryValue(entry, node.indent), keyStart: entry.keyStart, exact: true };
      } else if (node.kind === 'seq') {
        if (typeof segment === 'number' && Number.isInteger(segment) && segment >= 0) {
          let index = 0;
          const dash = this.seqItems(node, () => index++ === segment);
          if (index - 1 === segment) next = { node: this.seqItem(dash, node.indent), keyStart: undefined, exact: true };
        }
      } else if (node.kind === 'flow') {
        next = this.flowChild(node, segment);
      }
      if (!next) return { ...found, exact: false };
      (found.children ??= new Map()).set(segment, next);
      found = next;
    }
    return found;
  }

  /** The end of `node`'s value as the `yaml` library records it (`range[1]`), before trimming. */
  valueEnd(node: BlockNode): number {
    switch (node.kind) {
      case 'scalar':
      case 'flow':
      case 'block':
        return node.end;
      case 'empty':
        return node.start;
      default: {
        let end = this.collectionEnds.get(node);
        if (end === undefined) this.collectionEnds.set(node, (end = this.collectionEnd(node)));
        return end;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------
  // Document structure
  // ---------------------------------------------------------------------------------------------------

  private rootNode(): BlockNode {
    if (this.root) return this.root;
    // Skip comments, blank lines and the `---` line (the scan made sure nothing but a comment follows it).
    for (let line = 0; line < this.count; line++) {
      if (this.kind(line) !== CONTENT || this.isMarkerLine(line, DASH)) continue;
      if (this.isMarkerLine(line, DOT)) break;
      this.root = this.readNode(this.first(line), -1);
      return this.root;
    }
    throw new Unsure('an empty document');
  }

  /**
   * Visits the entries of a block mapping in order until `stop` returns true; returns that entry, or the last
   * one when none stopped the walk. Values are read only when asked for (entryValue).
   */
  private mapEntries(map: { start: number; indent: number }, stop: (entry: MapEntry) => boolean): MapEntry {
    let keyPos = map.start;
    let line = this.lineOf(keyPos);
    for (;;) {
      const entry = this.parseKey(keyPos);
      if (stop(entry)) return entry;
      const next = this.nextItemLine(line + 1, map.indent, false);
      if (next === -1) return entry;
      line = next;
      keyPos = this.first(line);
    }
  }

  private entryValue(entry: MapEntry, indent: number): BlockNode {
    return this.nodeAfterIndicator(entry.colon + 1, indent, true);
  }

  /** Visits the items (their `-`) of a block sequence until `stop` returns true; returns that one, or the last. */
  private seqItems(seq: { start: number; indent: number }, stop: () => boolean): number {
    let dash = seq.start;
    let line = this.lineOf(dash);
    for (;;) {
      if (stop()) return dash;
      const next = this.nextItemLine(line + 1, seq.indent, true);
      if (next === -1) return dash;
      line = next;
      dash = this.first(line);
    }
  }

  private seqItem(dash: number, indent: number): BlockNode {
    return this.nodeAfterIndicator(dash + 1, indent, false);
  }

  /**
   * The node after a `key:` or `-` indicator ending just before `from`: on the same line, on the lines below
   * (deeper than the collection at column `indent`, or a `- ` sequence at that column under a key), or none
   * (an empty scalar, placed where the `yaml` library places it: after the indicator and the spaces that
   * follow). A tag is kept on the node: on the fast path only CloudFormation's short forms get here, the node
   * is located as the `yaml` library locates it (without its tag), and `find` walks into it through the
   * function's key, which the data has there (`{ "Fn::If": [...] }`) and the text does not.
   */
  private nodeAfterIndicator(from: number, indent: number, mapValue: boolean): BlockNode {
    let at = this.skipSpaces(from);
    let tag: string | undefined;
    if (this.code(at) === BANG) {
      const end = this.tagEnd(at, false);
      tag = this.text.slice(at, end);
      at = this.skipSpaces(end);
    }
    const code = this.code(at);
    if (code === TAB) throw new Unsure('a tab after an indicator');
    let node: BlockNode;
    if (at >= this.docEnd || code === LF || code === CR || code === HASH) {
      const next = this.nextContent(this.lineOf(at) + 1);
      if (next !== -1 && this.column(next) > indent) node = this.readNode(this.first(next), indent);
      else if (mapValue && next !== -1 && this.column(next) === indent && this.isDash(this.first(next))) node = { kind: 'seq', start: this.first(next), indent };
      else node = { kind: 'empty', start: at };
    } else {
      node = this.readNode(at, indent);
      if ((mapValue || tag !== undefined) && isCollection(node)) throw new Unsure('a block collection on the line of its key or tag');
    }
    return tag !== undefined ? { ...node, tag } : node;
  }

  private skipSpaces(from: number): number {
    let at = from;
    while (this.code(at) === SPACE) at++;
    return at;
  }

  /** Index after the tag starting at `pos` (`!Ref`): it runs to a space (or a flow indicator in flow context). */
  private tagEnd(pos: number, inFlow: boolean): number {
    let at = pos + 1;
    for (;;) {
      const code = this.code(at);
      if (code === SPACE || code === TAB || code === LF || code === CR) return at;
      if (inFlow && (code === 44 || code === 91 || code === 93 || code === 123 || code === 125)) return at;
      at++;
    }
  }

  /**
   * The line of the next entry (mapping) or item (sequence) at column `indent`, from line `from`; -1 when
   * the collection ends first. Lines indented deeper belong to the current value (whatever it is: block-scalar
   * content, continuation lines, nested collections), and so do `- ` lines at the mapping's own column (a
   * sequence written without indentation under its key).
   */
  private nextItemLine(from: number, indent: number, seq: boolean): number {
    for (let line = from; line < this.count; line++) {
      const kind = this.kind(line);
      if (kind !== CONTENT) continue;
      const column = this.column(line);
      if (column > indent) continue;
      if (column < indent || (column === 0 && this.isMarkerLine(line, DOT))) return -1;
      const dash = this.isDash(this.first(line));
      if (seq) return dash ? line : -1;
      if (!dash) return line;
    }
    return -1;
  }

  /** Reads the node starting at `pos` (its first character), inside a collection at column `parentIndent`. */
  private readNode(pos: number, parentIndent: number): BlockNode {
    const code = this.code(pos);
    if (code === DASH && this.isBlankOrEnd(pos + 1)) return { kind: 'seq', start: pos, indent: this.column(pos, true) };
    if (code === 91 || code === 123) return { kind: 'flow', start: pos, end: this.flowEnd(pos) }; // [ {
    if (code === 124 || code === 62) return this.blockScalar(pos, parentIndent); // | >
    if (code === DQUOTE || code === SQUOTE) {
      const end = this.quotedEnd(pos);
      let after = end;
      while (this.code(after) === SPACE) after++;
      if (this.code(after) === COLON && this.isBlankOrEnd(after + 1)) return { kind: 'map', start: pos, indent: this.column(pos, true) };
      return { kind: 'scalar', start: pos, end };
    }
    if (UNSURE_NODE_START.has(code) || (code === COLON && this.isBlankOrEnd(pos + 1))) throw new Unsure(`a node starting with ${JSON.stringify(String.fromCharCode(code))}`);
    const line = this.scanPlainLine(pos);
    if (line.colon !== -1) return { kind: 'map', start: pos, indent: this.column(pos, true) };
    return { kind: 'scalar', start: pos, end: this.plainEnd(pos, line, parentIndent) };
  }

  private parseKey(pos: number): MapEntry {
    const code = this.code(pos);
    if (code === DQUOTE || code === SQUOTE) {
      const end = this.quotedEnd(pos);
      const raw = this.text.slice(pos + 1, end - 1);
      if (raw.includes('\n')) throw new Unsure('a multi-line quoted key');
      let colon = end;
      while (this.code(colon) === SPACE) colon++;
      if (this.code(colon) !== COLON || !this.isBlankOrEnd(colon + 1)) throw new Unsure('a quoted scalar where a key was expected');
      return { key: code === SQUOTE ? raw.replace(/''/g, "'") : decodeDoubleQuoted(raw), keyStart: pos, colon };
    }
    if (UNSURE_NODE_START.has(code) || ((code === DASH || code === COLON) && this.isBlankOrEnd(pos + 1))) {
      throw new Unsure(`a key starting with ${JSON.stringify(String.fromCharCode(code))}`);
    }
    const line = this.scanPlainLine(pos);
    if (line.colon === -1) throw new Unsure('a mapping entry without `: `');
    return { key: this.keyText(this.text.slice(pos, line.colon).trimEnd()), keyStart: pos, colon: line.colon };
  }

  // ---------------------------------------------------------------------------------------------------
  // Flow collections
  // ---------------------------------------------------------------------------------------------------

  /**
   * The entry `segment` of a flow collection: the value of a flow-mapping key (ranged from its key, as in
   * block mappings) or a flow-sequence item. Scalars and nested collections only: keys without a value, empty
   * values and single-pair mappings inside sequences (`[a: b]`) are left to the `yaml` library.
   */
  private flowChild(flow: { start: number; end: number }, segment: PathSegment): Found | undefined {
    const isMap = this.text.charCodeAt(flow.start) === 123; // {
    const wanted = String(segment);
    let index = 0;
    let at = this.skipFlowSpace(flow.start + 1);
    while (at < flow.end - 1) {
      const first = this.flowNode(at);
      at = this.skipFlowSpace(first.end);
      const pair = this.code(at) === COLON;
      if (pair !== isMap) throw new Unsure(isMap ? 'a flow-mapping key without a value' : 'a mapping inside a flow sequence');
      let value = first;
      if (pair) {
        at = this.skipFlowSpace(at + 1);
        const code = this.code(at);
        if (code === 44 || code === 93 || code === 125) throw new Unsure('an empty value in a flow mapping');
        value = this.flowNode(at);
        at = this.skipFlowSpace(value.end);
        if (this.flowKey(first) === wanted) return { node: value, keyStart: first.start, exact: true };
      } else if (typeof segment === 'number' && index === segment) {
        return { node: value, keyStart: undefined, exact: true };
      }
      index++;
      const code = this.code(at);
      if (code === 44) at = this.skipFlowSpace(at + 1); // ,
      else if (code !== 93 && code !== 125) throw new Unsure('unexpected text in a flow collection');
    }
    return undefined;
  }

  /** A scalar or nested collection inside a flow collection, starting at `pos`. */
  private flowNode(from: number): { kind: 'scalar' | 'flow'; start: number; end: number; tag?: string } {
    if (this.code(from) === BANG) {
      const pos = this.skipFlowSpace(this.tagEnd(from, true));
      const code = this.code(pos);
      if (code === 44 || code === 93 || code === 125 || code === COLON) throw new Unsure('an empty tagged node in a flow collection');
      return { ...this.flowNode(pos), tag: this.text.slice(from, this.tagEnd(from, true)) };
    }
    const pos = from;
    const code = this.code(pos);
    if (code === 91 || code === 123) return { kind: 'flow', start: pos, end: this.flowEnd(pos) };
    if (code === DQUOTE || code === SQUOTE) return { kind: 'scalar', start: pos, end: this.quotedEnd(pos) };
    if (UNSURE_NODE_START.has(code) || code === COLON || (code === DASH && this.isBlankOrEnd(pos + 1))) {
      throw new Unsure(`a flow node starting with ${JSON.stringify(String.fromCharCode(code))}`);
    }
    // A plain scalar ends at a flow indicator, `: ` (or `:` before an indicator), or a comment; it may span lines.
    const { text } = this;
    let end = pos;
    for (let i = pos; i < this.docEnd; i++) {
      const c = text.charCodeAt(i);
      if (c === 44 || c === 91 || c === 93 || c === 123 || c === 125) break;
      if (c === COLON) {
        const next = this.code(i + 1);
        if (this.isBlankOrEnd(i + 1) || next === 44 || next === 91 || next === 93 || next === 123 || next === 125) break;
      }
      if (c === HASH && isBlankCode(text.charCodeAt(i - 1))) break;
      if (c !== SPACE && c !== TAB && c !== LF && c !== CR) end = i + 1;
    }
    return { kind: 'scalar', start: pos, end };
  }

  /** The key a flow-mapping key node stands for. */
  private flowKey(key: { kind: 'scalar' | 'flow'; start: number; end: number; tag?: string }): string {
    if (key.kind === 'flow' || key.tag !== undefined) throw new Unsure('a collection or tagged node as a key');
    const raw = this.text.slice(key.start, key.end);
    if (raw.includes('\n')) throw new Unsure('a multi-line key');
    const quote = raw.charCodeAt(0);
    if (quote === SQUOTE) return raw.slice(1, -1).replace(/''/g, "'");
    if (quote === DQUOTE) return decodeDoubleQuoted(raw.slice(1, -1));
    return this.keyText(raw);
  }

  /** Past spaces, line breaks and comments inside a flow collection. */
  private skipFlowSpace(pos: number): number {
    const { text } = this;
    let i = pos;
    while (i < this.docEnd) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB || c === LF || c === CR) i++;
      else if (c === HASH && isBlankCode(text.charCodeAt(i - 1))) i = this.lineEnd(i);
      else break;
    }
    return i;
  }

  // ---------------------------------------------------------------------------------------------------
  // Where collections end
  // ---------------------------------------------------------------------------------------------------

  /**
   * `range[1]` of a block collection: the node end of its last value. Follows the last values down to the
   * innermost collection (the chain of collections that all end at the same place), takes the end of that
   * collection's last value, then decides whether a trailing group of comment lines stays in one of the
   * nested collections (and so extends them all), as the `yaml` parser's pop() decides it.
   */
  private collectionEnd(collection: CollectionNode): number {
    const chain: CollectionNode[] = [collection];
    let current = collection;
    let leaf: LeafNode;
    for (;;) {
      let last: BlockNode;
      if (current.kind === 'map') {
        last = this.entryValue(this.mapEntries(current, () => false), current.indent);
      } else {
        last = this.seqItem(this.seqItems(current, () => false), current.indent);
      }
      if (!isCollection(last)) {
        leaf = last;
        break;
      }
      chain.push(last);
      current = last;
    }
    if (leaf.kind === 'empty') {
      // Comments after an empty value become part of it in the `yaml` library, and so do those before the `-`
      // of an empty sequence item: not modelled here.
      if (this.commentsFollow(leaf.start) || (current.kind === 'seq' && this.commentsPrecede(leaf.start))) throw new Unsure('comments around an empty value');
      return leaf.start;
    }
    const base = leaf.kind === 'block' ? leaf.end : this.nodeEnd(leaf.end, current.indent);
    const group = this.trailingGroup(base);
    if (group.deepestComment >= 0) {
      for (let i = chain.length - 1; i >= 1; i--) {
        const nested = chain[i];
        if (nested && nested.indent !== 0 && group.deepestComment >= nested.indent) return group.end;
      }
    }
    return base;
  }

  /**
   * `range[2]` of a flow scalar or flow collection ending at `end`, inside a block collection at column
   * `indent`: the rest of its line (spaces, a comment, the line break), then any comment lines indented deeper
   * than `indent` that follow, possibly after blank lines (the `yaml` parser appends those to the node's end).
   */
  private nodeEnd(end: number, indent: number): number {
    let at = end;
    while (this.code(at) === SPACE || this.code(at) === TAB) at++;
    const code = this.code(at);
    if (at < this.docEnd && code !== LF && code !== CR && code !== HASH) throw new Unsure('content after a node');
    let line = this.lineOf(Math.min(at, this.docEnd - 1));
    let nodeEnd = this.lineAfter(line);
    for (;;) {
      line++;
      while (line < this.count && this.kind(line) === BLANK) line++;
      if (line >= this.count || this.kind(line) !== COMMENT || this.column(line) <= indent) return nodeEnd;
      nodeEnd = this.lineAfter(line);
    }
  }

  /** The blank and comment lines from `from` to the next content: where they end, and the deepest comment. */
  private trailingGroup(from: number): { end: number; deepestComment: number } {
    let deepestComment = -1;
    for (let line = from >= this.docEnd ? this.count : this.lineOf(from); line < this.count; line++) {
      const kind = this.kind(line);
      // The group takes the next content line's indentation too; a `...` marker is at column 0.
      if (kind === CONTENT) return { end: this.first(line), deepestComment };
      if (kind === COMMENT) deepestComment = Math.max(deepestComment, this.column(line));
    }
    return { end: this.docEnd, deepestComment };
  }

  /** Whether a comment follows position `at` (on its line, or on a line before the next content). */
  private commentsFollow(at: number): boolean {
    let pos = at;
    while (this.code(pos) === SPACE || this.code(pos) === TAB) pos++;
    if (this.code(pos) === HASH) return true;
    for (let line = this.lineOf(at) + 1; line < this.count; line++) {
      const kind = this.kind(line);
      if (kind === COMMENT) return true;
      if (kind === CONTENT) return false;
    }
    return false;
  }

  /** Whether comment lines come between the line holding `at` and the content line before it. */
  private commentsPrecede(at: number): boolean {
    for (let line = this.lineOf(at) - 1; line >= 0; line--) {
      const kind = this.kind(line);
      if (kind === COMMENT) return true;
      if (kind === CONTENT) return false;
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------------
  // Scalars
  // ---------------------------------------------------------------------------------------------------

  /** One line of a plain scalar from `pos`: where its text ends, and a `: ` (mapping key) or ` #` on it. */
  private scanPlainLine(pos: number): { end: number; colon: number; comment: boolean } {
    const { text } = this;
    const lineEnd = this.lineEnd(pos);
    let end = pos;
    for (let i = pos; i < lineEnd; i++) {
      const code = text.charCodeAt(i);
      if (code === COLON && this.isBlankOrEnd(i + 1)) return { end, colon: i, comment: false };
      if (code === HASH && i > pos && isSpace(text.charCodeAt(i - 1))) return { end, colon: -1, comment: true };
      if (code !== SPACE && code !== TAB && code !== CR) end = i + 1;
    }
    return { end, colon: -1, comment: false };
  }

  /**
   * The end of a plain scalar whose first line was scanned: continuation lines are the following non-blank
   * lines indented deeper than the collection holding it (blank lines may come between); a comment ends it.
   */
  private plainEnd(pos: number, first: { end: number; comment: boolean }, parentIndent: number): number {
    let end = first.end;
    if (first.comment) return end;
    for (let line = this.lineOf(pos) + 1; ; line++) {
      while (line < this.count && this.kind(line) === BLANK) line++;
      if (line >= this.count || this.kind(line) === COMMENT) return end;
      const column = this.column(line);
      if (column <= parentIndent) return end;
      if (column === 0 && (this.isMarkerLine(line, DOT) || this.isMarkerLine(line, DASH))) return end;
      const first = this.first(line);
      const code = this.code(first);
      if (UNSURE_NODE_START.has(code) || code === DASH || code === COLON || code === DQUOTE || code === SQUOTE) throw new Unsure('a plain scalar continued by an indicator');
      const scanned = this.scanPlainLine(first);
      if (scanned.colon !== -1) throw new Unsure('`: ` in a plain scalar continuation');
      end = scanned.end;
      if (scanned.comment) return end;
    }
  }

  /** Index after the closing quote of the quoted scalar opening at `pos` (which may span lines). */
  private quotedEnd(pos: number): number {
    const { text } = this;
    const quote = text.charCodeAt(pos);
    for (let i = pos + 1; i < this.docEnd; i++) {
      const code = text.charCodeAt(i);
      if (quote === DQUOTE && code === BACKSLASH) {
        i++;
        continue;
      }
      if (code !== quote) continue;
      if (quote === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) {
        i++;
        continue;
      }
      return i + 1;
    }
    throw new Unsure('an unterminated quoted scalar');
  }

  /** Index after the bracket closing the flow collection opening at `pos`. */
  private flowEnd(pos: number): number {
    const { text } = this;
    let depth = 0;
    let nodeStart = true;
    for (let i = pos; i < this.docEnd; i++) {
      const code = text.charCodeAt(i);
      if (code === 91 || code === 123) {
        depth++;
        nodeStart = true;
      } else if (code === 93 || code === 125) {
        depth--;
        if (depth === 0) return i + 1;
        nodeStart = false;
      } else if ((code === DQUOTE || code === SQUOTE) && nodeStart) {
        i = this.quotedEnd(i) - 1;
        nodeStart = false;
      } else if (code === HASH && isSpace(text.charCodeAt(i - 1))) {
        i = this.lineEnd(i) - 1;
      } else if (code === 44 || code === COLON) {
        nodeStart = true; // , :
      } else if (code !== SPACE && code !== TAB && code !== LF && code !== CR) {
        nodeStart = false;
      }
    }
    throw new Unsure('an unterminated flow collection');
  }

  /**
   * A block scalar whose header is at `pos`, as the `yaml` lexer delimits it: content lines are blank or
   * indented at least as deep as the first non-blank one (which must be deeper than the parent collection);
   * trailing blank lines are dropped unless the header says keep (`+`), except those with more spaces than
   * the content indentation. The range runs to the line break ending the last line kept.
   */
  private blockScalar(pos: number, parentIndent: number): BlockNode {
    const { text } = this;
    let at = pos + 1;
    let keep = false;
    const chomp = this.code(at);
    if (chomp === DASH) at++;
    else if (chomp === 43 /* + */) {
      keep = true;
      at++;
    }
    while (this.code(at) === SPACE || this.code(at) === TAB) at++;
    const afterHeader = this.code(at);
    // Explicit indentation indicators and anything else on the header line are left to the `yaml` library.
    if (at < this.docEnd && afterHeader !== LF && afterHeader !== CR && !(afterHeader === HASH && at > pos + 1 && isSpace(text.charCodeAt(at - 1)))) {
      throw new Unsure('a block scalar header with an indentation indicator');
    }
    if (parentIndent < 0) throw new Unsure('a block scalar at the root');
    const contentStart = this.lineAfter(this.lineOf(pos));
    const limit = text.length;
    // The lexer's first loop: skip blank lines to the first content character.
    let nl = contentStart - 1;
    let indent = 0;
    let i = contentStart;
    for (; i < limit; i++) {
      const code = text.charCodeAt(i);
      if (code === SPACE) indent++;
      else if (code === LF) {
        nl = i;
        indent = 0;
      } else if (code === CR && text.charCodeAt(i + 1) === LF) {
        // part of a CRLF line break
      } else break;
    }
    if (i >= limit || indent <= parentIndent) throw new Unsure('an empty block scalar');
    const contentIndent = indent;
    // Continue over lines that are blank or indented at least `contentIndent`.
    for (;;) {
      const cs = this.continueBlock(nl + 1, contentIndent);
      if (cs === -1) break;
      nl = text.indexOf('\n', cs);
      if (nl === -1) break;
    }
    if (nl === -1) nl = limit;
    // Trailing lines of spaces and tabs are refused by the `yaml` library when insufficiently indented.
    let j = nl + 1;
    while (text.charCodeAt(j) === SPACE) j++;
    if (text.charCodeAt(j) === TAB) throw new Unsure('a tab after a block scalar');
    if (!keep) {
      for (;;) {
        let k = nl - 1;
        let code = text.charCodeAt(k);
        if (code === CR) code = text.charCodeAt(--k);
        const lastChar = k;
        while (code === SPACE) code = text.charCodeAt(--k);
        if (code === LF && k >= contentStart && k + 1 + contentIndent > lastChar) nl = k;
        else break;
      }
    }
    const end = Math.min(nl + 1, limit);
    if (end > this.docEnd) throw new Unsure('a block scalar past the document');
    return { kind: 'block', start: pos, end };
  }

  /** The `yaml` lexer's continueScalar for block scalars: where the line at `offset` continues, or -1. */
  private continueBlock(offset: number, contentIndent: number): number {
    const { text } = this;
    let indent = 0;
    let code = text.charCodeAt(offset);
    while (code === SPACE) code = text.charCodeAt(++indent + offset);
    if (code === CR && text.charCodeAt(indent + offset + 1) === LF) return offset + indent + 1;
    return code === LF || indent >= contentIndent ? offset + indent : -1;
  }

  // ---------------------------------------------------------------------------------------------------
  // Lines
  // ---------------------------------------------------------------------------------------------------

  private code(at: number): number {
    return at < this.docEnd ? this.text.charCodeAt(at) : LF;
  }

  private isBlankOrEnd(at: number): boolean {
    const code = this.code(at);
    return code === SPACE || code === TAB || code === LF || code === CR;
  }

  private isDash(at: number): boolean {
    return this.code(at) === DASH && this.isBlankOrEnd(at + 1);
  }

  /** Index of the line break ending the line holding `pos` (or the document's end). */
  private lineEnd(pos: number): number {
    const end = this.text.indexOf('\n', pos);
    return end === -1 || end > this.docEnd ? this.docEnd : end;
  }

  /** The line holding offset `pos` of the document. */
  private lineOf(pos: number): number {
    const { starts } = this;
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= pos) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Just after the line break ending `line` (the next line's start, or the document's end). */
  private lineAfter(line: number): number {
    return line + 1 < this.count ? (this.starts[line + 1] ?? this.docEnd) : this.docEnd;
  }

  private first(line: number): number {
    return this.firsts[line] ?? this.docEnd;
  }

  private column(lineOrPos: number, isPos = false): number {
    const line = isPos ? this.lineOf(lineOrPos) : lineOrPos;
    return (isPos ? lineOrPos : this.first(line)) - (this.starts[line] ?? 0);
  }

  private kind(line: number): number {
    const kind = this.kinds[line] ?? BLANK;
    if (kind === TABBED) throw new Unsure('a tab in indentation');
    return kind;
  }

  /** The first content line from `from` (comments and blank lines skipped), or -1 (also at a `...` marker). */
  private nextContent(from: number): number {
    for (let line = from; line < this.count; line++) {
      if (this.kind(line) !== CONTENT) continue;
      return this.column(line) === 0 && this.isMarkerLine(line, DOT) ? -1 : line;
    }
    return -1;
  }

  /** Whether `line` is `---` (marker DASH) or `...` (DOT) followed by a space, tab or line end. */
  private isMarkerLine(line: number, marker: number): boolean {
    const { text } = this;
    const start = this.starts[line] ?? this.docEnd;
    return (
      start + 3 <= this.docEnd &&
      text.charCodeAt(start) === marker &&
      text.charCodeAt(start + 1) === marker &&
      text.charCodeAt(start + 2) === marker &&
      this.isBlankOrEnd(start + 3)
    );
  }
}

interface MapEntry {
  /** The key as a string, as both parsers make it (`yes` -> "true"). */
  key: string;
  keyStart: number;
  colon: number;
}

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

function isBlankCode(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR;
}

/** YAML's one-character escapes in double-quoted scalars. */
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** A double-quoted key's value (single line): YAML's escapes decoded. */
function decodeDoubleQuoted(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw.charAt(i);
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = raw.charAt(++i);
    const simple = ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const digits = HEX_DIGITS[next];
    const hex = digits === undefined ? '' : raw.slice(i + 1, i + 1 + digits);
    if (digits === undefined || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) throw new Unsure('an escape in a key');
    out += String.fromCodePoint(Number.parseInt(hex, 16));
    i += digits;
  }
  return out;
}
