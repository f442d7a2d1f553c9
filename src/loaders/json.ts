import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { JsonValue, NodePath, SourceMap, SourceRange } from '../model/types.js';
import { LineIndex } from './line-index.js';

export interface ParsedJson {
  data: JsonValue;
  sourceMap: SourceMap;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/** Deeper nesting than this is refused before parsing: the recursive parsers would exhaust the stack. */
export const MAX_NESTING_DEPTH = 1000;

/** Parses one JSON text with offsets for every node. Throws JsonSyntaxError with a line. */
export function parseJson(text: string): ParsedJson {
  const lines = new LineIndex(text);
  const deepAt = findExcessiveNesting(text, MAX_NESTING_DEPTH);
  if (deepAt !== -1) {
    throw new JsonSyntaxError(`JSON nested deeper than ${MAX_NESTING_DEPTH} levels`, lines.position(deepAt).line);
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false });
  const first = errors[0];
  if (first || !tree) {
    const line = first ? lines.position(first.offset).line : 1;
    const what = first ? printParseErrorCode(first.error) : 'empty document';
    throw new JsonSyntaxError(`JSON syntax error: ${what}`, line);
  }
  return { data: getNodeValue(tree) as JsonValue, sourceMap: new JsonSourceMap(tree, lines) };
}

/** Offset where bracket nesting first exceeds `limit` (strings skipped), or -1. */
export function findExcessiveNesting(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92 /* \ */) i++;
      else if (code === 34 /* " */) inString = false;
      continue;
    }
    if (code === 34) inString = true;
    else if (code === 123 || code === 91) {
      if (++depth > limit) return i;
    } else if (code === 125 || code === 93) depth--;
  }
  return -1;
}

class JsonSourceMap implements SourceMap {
  constructor(
    private readonly tree: Node,
    private readonly lines: LineIndex,
  ) {}

  locate(path: NodePath): SourceRange {
    for (let length = path.length; length >= 0; length--) {
      const node = findNodeAtLocation(this.tree, [...path.slice(0, length)]);
      if (!node) continue;
      // A property value: cover `"key": value`.
      const span = node.parent?.type === 'property' ? node.parent : node;
      return this.lines.range(span.offset, span.offset + span.length);
    }
    return this.lines.range(this.tree.offset, this.tree.offset + this.tree.length);
  }

  locateValue(path: NodePath): SourceRange | undefined {
    const node = findNodeAtLocation(this.tree, [...path]);
    return node ? this.lines.range(node.offset, node.offset + node.length) : undefined;
  }
}
