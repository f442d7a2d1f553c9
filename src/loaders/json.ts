import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { JsonValue, NodePath, SourceMap, SourceRange } from '../model/types.js';
import { JsonTextLocator, jsonStringEnd } from './json-locate.js';
import { LineIndex } from './line-index.js';
import { countOpeningBrackets } from '../util/text.js';

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
  const { documents, error } = parseJsonDocuments(text);
  if (error) throw error;
  const first = documents[0];
  if (!first) throw new JsonSyntaxError('JSON syntax error: empty document', 1);
  return first;
}

/**
 * Parses a JSON text that holds one value, or several one after another (a JSON stream such as
 * `jq '.items[]'` prints; kubectl reads those too). Comments and trailing commas are tolerated.
 * Never throws: the values before a syntax error are returned along with the error.
 */
export function parseJsonDocuments(text: string): { documents: ParsedJson[]; error?: JsonSyntaxError } {
  const lines = new LineIndex(text);
  const documents: ParsedJson[] = [];
  const deepAt = findExcessiveNesting(text, MAX_NESTING_DEPTH);
  if (deepAt !== -1) {
    return { documents, error: new JsonSyntaxError(`JSON nested deeper than ${MAX_NESTING_DEPTH} levels: not parsed (resource-exhaustion guard)`, lines.position(deepAt).line) };
  }
  // The common case, one strict JSON value: JSON.parse is several times faster than building a tree, and
  // the tree is only built if a finding needs a location.
  try {
    const data = JSON.parse(text) as JsonValue;
    return { documents: [{ data, sourceMap: new StrictJsonSourceMap(text, lines) }] };
  } catch {
    // Comments, trailing commas, several values or a syntax error: the tolerant parser below says which.
  }
  let base = 0;
  for (;;) {
    const rest = base === 0 ? text : text.slice(base);
    const errors: ParseError[] = [];
    let tree: Node | undefined;
    try {
      tree = parseTree(rest, errors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false });
    } catch (error) {
      return { documents, error: new JsonSyntaxError(`JSON could not be parsed: ${error instanceof Error ? error.message : String(error)}`, lines.position(base).line) };
    }
    const first = errors[0];
    // Another value follows this one: a JSON stream.
    const next = first !== undefined && printParseErrorCode(first.error) === 'EndOfFileExpected' && tree && /^[[{]/.test(rest.slice(first.offset, first.offset + 1)) ? first.offset : -1;
    if (first && next === -1) {
      const at = lines.position(base + first.offset);
      return { documents, error: new JsonSyntaxError(`JSON syntax error: ${describeJsonError(printParseErrorCode(first.error))} (column ${at.column})`, at.line) };
    }
    if (!tree) {
      if (documents.length === 0) return { documents, error: new JsonSyntaxError('JSON syntax error: empty document', 1) };
      return { documents };
    }
    const parsed = tree;
    documents.push({ data: getNodeValue(parsed) as JsonValue, sourceMap: new JsonSourceMap(() => parsed, lines, base) });
    if (next === -1) return { documents };
    base += next;
  }
}

const JSON_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: "':' expected",
  CommaExpected: "',' expected",
  CloseBraceExpected: "'}' expected",
  CloseBracketExpected: "']' expected",
  EndOfFileExpected: 'end of input expected',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string',
};

function describeJsonError(code: string): string {
  return JSON_ERROR_TEXT[code] ?? code;
}

/** Offset where bracket nesting first exceeds `limit` (strings skipped), or -1. */
export function findExcessiveNesting(text: string, limit: number): number {
  // No more brackets than the limit: no need to walk (the usual file, found with native indexOf alone).
  return countOpeningBrackets(text, limit) <= limit ? -1 : walkJsonNesting(text, limit);
}

/** findExcessiveNesting's walk, without the shortcut (exported for the test that checks the shortcut). */
export function walkJsonNesting(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34 /* " */) i = jsonStringEnd(text, i) - 1;
    else if (code === 123 || code === 91) {
      if (++depth > limit) return i;
    } else if (code === 125 || code === 93) depth--;
  }
  return -1;
}

/**
 * Locations in a strict JSON text, read from the text on demand (json-locate.ts). The locator remembers what
 * it read; only the last document's is kept, as findings are located one document after another.
 */
class StrictJsonSourceMap implements SourceMap {
  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
  ) {}

  private get locator(): JsonTextLocator {
    if (lastLocator?.owner !== this) lastLocator = { owner: this, locator: new JsonTextLocator(this.text) };
    return lastLocator.locator;
  }

  locate(path: NodePath): SourceRange {
    const { span } = this.locator.find(path);
    return this.lines.range(span.keyStart ?? span.start, span.end);
  }

  locateValue(path: NodePath): SourceRange | undefined {
    const { span, exact } = this.locator.find(path);
    return exact ? this.lines.range(span.start, span.end) : undefined;
  }
}

let lastLocator: { owner: StrictJsonSourceMap; locator: JsonTextLocator } | undefined;

/** Locations in a tolerant JSON text (comments, trailing commas, streams), from jsonc-parser's tree. */
class JsonSourceMap implements SourceMap {
  /** `base`: offset of this value in the file (non-zero for the later values of a JSON stream). */
  constructor(
    private readonly treeOf: () => Node,
    private readonly lines: LineIndex,
    private readonly base = 0,
  ) {}

  private get tree(): Node {
    return this.treeOf();
  }

  locate(path: NodePath): SourceRange {
    for (let length = path.length; length >= 0; length--) {
      const node = nodeAt(this.tree, path.slice(0, length));
      if (!node) continue;
      // A property value: cover `"key": value`.
      const span = node.parent?.type === 'property' ? node.parent : node;
      return this.range(span);
    }
    return this.range(this.tree);
  }

  locateValue(path: NodePath): SourceRange | undefined {
    const node = nodeAt(this.tree, path);
    return node ? this.range(node) : undefined;
  }

  private range(node: Node): SourceRange {
    return this.lines.range(this.base + node.offset, this.base + node.offset + node.length);
  }
}

/**
 * jsonc-parser's findNodeAtLocation, except that of a key repeated in an object the last member is found: its
 * value is the one JSON.parse and jsonc-parser's parse keep.
 */
function nodeAt(root: Node, path: NodePath): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of path) {
    if (!node?.children) return undefined;
    if (typeof segment === 'string') {
      if (node.type !== 'object') return undefined;
      let member: Node | undefined;
      for (let index = node.children.length - 1; index >= 0 && !member; index--) {
        const property = node.children[index];
        if (property?.children?.[0]?.value === segment) member = property.children[1];
      }
      node = member;
    } else {
      node = node.type === 'array' ? node.children[segment] : undefined;
    }
  }
  return node;
}
