import type { NodePath, PathSegment } from '../model/types.js';

/** Offsets of a value in the text; `keyStart` when it is an object member's value (ranges then cover the key). */
export interface JsonSpan {
  start: number;
  end: number;
  keyStart?: number;
}

interface JsonNode extends JsonSpan {
  /** Members or items read so far, by key (the last member with the key, whose value JSON.parse keeps) or index. */
  children?: Map<PathSegment, JsonNode>;
  /** Where reading the members / items stopped; -1 once the closing bracket was reached. */
  resumeAt?: number;
  /** Items read so far (arrays). */
  count?: number;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * Locates paths in a strict JSON text (one that JSON.parse accepted) by reading the text again, without
 * building a syntax tree: a tree of a CloudFormation template or a Kubernetes List costs ten times the text
 * in memory and most of a small scan's time, and findings need a handful of paths. Members and items are
 * read lazily and remembered, so a run of paths in one document reads each part of the text about once.
 * Answers agree with the jsonc-parser tree path of json.ts, which also takes the last member of a repeated key
 * (test/loaders/json-locate.test.ts compares every path).
 */
export class JsonTextLocator {
  private root: JsonNode | undefined;
  private brackets: BracketIndex | undefined;

  constructor(private readonly text: string) {}

  /** The value at `path`, or the nearest existing ancestor; `exact` tells which. */
  find(path: NodePath): { span: JsonSpan; exact: boolean } {
    let node = (this.root ??= this.rootNode());
    for (const segment of path) {
      const next = this.child(node, segment);
      if (!next) return { span: node, exact: false };
      node = next;
    }
    return { span: node, exact: true };
  }

  private child(node: JsonNode, segment: PathSegment): JsonNode | undefined {
    const known = node.children?.get(segment);
    if (known) return known;
    const open = this.text.charCodeAt(node.start);
    if (node.resumeAt === -1) return undefined;
    if (open === OPEN_BRACE && typeof segment === 'string') return this.readMembers(node, segment);
    if (open === OPEN_BRACKET && typeof segment === 'number') return this.readItems(node, segment);
    return undefined;
  }

  /**
   * Reads the members of an object (once: what was read is remembered). To the end, since a key may be repeated
   * and the last member is the one whose value JSON.parse keeps.
   */
  private readMembers(node: JsonNode, wanted: string): JsonNode | undefined {
    const children = (node.children ??= new Map());
    let at = this.skipSpace(node.resumeAt ?? node.start + 1);
    while (this.text.charCodeAt(at) === QUOTE) {
      const keyEnd = this.stringEnd(at);
      const raw = this.text.slice(at + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(this.text.slice(at, keyEnd)) as string) : raw;
      const valueStart = this.skipSpace(this.skipSpace(keyEnd) + 1); // past the colon
      const value = this.valueAt(valueStart);
      value.keyStart = at;
      children.set(key, value);
      at = this.afterSeparator(value.end);
    }
    node.resumeAt = -1;
    return children.get(wanted);
  }

  /** Reads items of an array up to `index`. */
  private readItems(node: JsonNode, index: number): JsonNode | undefined {
    const children = (node.children ??= new Map());
    let at = this.skipSpace(node.resumeAt ?? node.start + 1);
    let count = node.count ?? 0;
    while (at < node.end - 1 && this.text.charCodeAt(at) !== CLOSE_BRACKET) {
      const value = this.valueAt(at);
      children.set(count++, value);
      at = this.afterSeparator(value.end);
      node.resumeAt = at;
      node.count = count;
      if (count - 1 === index) return value;
    }
    node.resumeAt = -1;
    return undefined;
  }

  /** The text is one JSON value between white space (JSON.parse accepted it): no need to read it to its end. */
  private rootNode(): JsonNode {
    let end = this.text.length;
    while (end > 0 && isSpace(this.text.charCodeAt(end - 1))) end--;
    return { start: this.skipSpace(0), end };
  }

  private valueAt(start: number): JsonNode {
    return { start, end: this.valueEnd(start) };
  }

  /** Past the comma after a value (and the spaces around it), or at the closing bracket. */
  private afterSeparator(valueEnd: number): number {
    const at = this.skipSpace(valueEnd);
    return this.text.charCodeAt(at) === COMMA ? this.skipSpace(at + 1) : at;
  }

  private valueEnd(start: number): number {
    const code = this.text.charCodeAt(start);
    if (code === QUOTE) return this.stringEnd(start);
    if (code === OPEN_BRACE || code === OPEN_BRACKET) return this.containerEnd(start);
    let at = start;
    for (; at < this.text.length; at++) {
      const inner = this.text.charCodeAt(at);
      if (inner === COMMA || inner === CLOSE_BRACE || inner === CLOSE_BRACKET || inner === COLON || isSpace(inner)) break;
    }
    return at;
  }

  /**
   * End of the object or array opening at `start`. Scanning each value to its end at every level of a path
   * reads the text once per level (CloudFormation resources, List items); one pass matching every bracket
   * reads it once.
   */
  private containerEnd(start: number): number {
    const { opens, ends, count } = (this.brackets ??= this.indexBrackets());
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const open = opens[middle] ?? 0;
      if (open === start) return ends[middle] ?? this.text.length;
      if (open < start) low = middle + 1;
      else high = middle - 1;
    }
    return this.text.length;
  }

  private indexBrackets(): BracketIndex {
    let opens = new Int32Array(1024);
    let ends = new Int32Array(1024);
    let count = 0;
    const open: number[] = [];
    const text = this.text;
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) at = this.stringEnd(at) - 1;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        if (count === opens.length) {
          opens = grow(opens);
          ends = grow(ends);
        }
        opens[count] = at;
        ends[count] = text.length; // unclosed: cannot happen in text JSON.parse accepted
        open.push(count++);
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        const index = open.pop();
        if (index !== undefined) ends[index] = at + 1;
      }
    }
    return { opens, ends, count };
  }

  private stringEnd(start: number): number {
    return jsonStringEnd(this.text, start);
  }

  private skipSpace(from: number): number {
    let at = from;
    while (at < this.text.length && isSpace(this.text.charCodeAt(at))) at++;
    return at;
  }
}

/**
 * Index after the closing quote of the JSON string starting at `start`: the next quote not escaped by an odd
 * run of backslashes (the end of the text when there is none).
 */
export function jsonStringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** Every object and array of the text, in the order they open: where each opens and ends. */
interface BracketIndex {
  opens: Int32Array;
  ends: Int32Array;
  count: number;
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function isSpace(code: number): boolean {
  return code === SPACE || code === LF || code === CR || code === TAB;
}
