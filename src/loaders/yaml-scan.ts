/**
 * One linear pass over a YAML stream that (1) splits it into documents exactly as the `yaml` library does, and
 * (2) decides whether js-yaml may be trusted with it: js-yaml and the `yaml` library read well-formed block-style
 * YAML identically (with the schema in yaml-fast.ts), but they part ways on a handful of constructs. Whenever one
 * of those appears, the stream is marked unsafe and the caller parses it with the `yaml` library, which stays the
 * reference (its errors, per-document recovery and alias-bomb guard).
 *
 * Constructs that make a stream unsafe (each found by a differential test, or not worth the risk):
 *   - anchors and aliases (the `yaml` path has the alias-expansion limit), tags other than the CloudFormation
 *     short forms when those are requested, `%` directives, `?` complex keys, collections used as keys;
 *   - keys that js-yaml turns into other strings: `~`, `null` (the `yaml` library gives ""), an empty key, and the
 *     `<<` merge key;
 *   - what js-yaml accepts and the `yaml` library refuses: multi-line quoted scalars and flow collections whose
 *     continuation lines are not indented past their parent, `#` right after a closing quote or bracket, `---a`
 *     and `... x` lines, multi-line implicit keys, implicit keys over 1024 characters;
 *   - tabs in indentation, lone CR line breaks, U+0085 / U+2028 / U+2029 (line breaks in YAML 1.1 only), BOMs.
 * False alarms only cost speed: the file is parsed by the reference path.
 */

/** A document of the stream: `text.slice(start, end)` parses on its own to that document and nothing else. */
export interface DocumentSlice {
  start: number;
  end: number;
}

export interface StreamScan {
  documents: DocumentSlice[];
  /** Why js-yaml must not be used on this stream; undefined when it may. */
  unsafe: string | undefined;
  /** With `underIndentedQuotes`: the start offsets of the lines that continue a quoted scalar under-indented. */
  underIndentedLines: number[];
}

export interface ScanOptions {
  /** Tags accepted on the fast path (CloudFormation's `!Ref`, ...); any other tag makes the stream unsafe. */
  allowedTags?: ReadonlySet<string>;
  /**
   * Accept quoted scalars continued on lines indented less than their context, as js-yaml and Kubernetes'
   * go-yaml do (the `yaml` library rejects them). Only for streams the `yaml` library could not read.
   */
  underIndentedQuotes?: boolean;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const COLON = 58;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const QUESTION = 63;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const AMP = 38;
const STAR = 42;
const BANG = 33;
const PIPE = 124;
const GT = 62;
const PERCENT = 37;

/** Characters js-yaml and the `yaml` library treat differently wherever they are. */
const UNSAFE_CHARACTERS = /\r(?!\n)|[\u0085\u2028\u2029\ufeff]/;

/** Plain keys that do not become the same string on both paths (or are merge keys). */
const UNSAFE_PLAIN_KEYS = new Set(['~', 'null', 'Null', 'NULL', '<<']);

/** The `yaml` library refuses implicit keys longer than this (`KEY_OVER_1024_CHARS`); js-yaml does not. */
const MAX_IMPLICIT_KEY = 1000;

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === CR || code === LF || Number.isNaN(code);
}

/** The unsafe reason for a quoted scalar continued without indentation (see ScanOptions.underIndentedQuotes). */
export const UNDER_INDENTED_QUOTE = 'a quoted scalar continued without indentation';

/**
 * Splits `text` into documents and checks it is safe for js-yaml. Document boundaries follow the `yaml`
 * library: a document starts at a `---` line or at the first content after the previous document ended (by
 * `...`); comments and blank lines alone make no document; a `...` with no open document makes an empty one.
 */
export function scanYamlStream(text: string, options: ScanOptions = {}): StreamScan {
  const scanner = new Scanner(text, options.allowedTags ?? new Set(), options.underIndentedQuotes === true);
  const unsafe = UNSAFE_CHARACTERS.test(text) ? 'a BOM, lone CR or Unicode line separator' : scanner.run();
  return { documents: scanner.documents, unsafe, underIndentedLines: scanner.underIndentedLines };
}

class Scanner {
  readonly documents: DocumentSlice[] = [];
  readonly underIndentedLines: number[] = [];
  private docState: 'none' | 'open' | 'closed' = 'none';
  /** Where the next document's slice begins: after the previous slice. */
  private pendingStart = 0;

  // Lexical state carried across lines.
  private quote = 0;
  /** Continuation lines of an open multi-line quoted scalar or flow collection need at least this indentation. */
  private continuationIndent = 0;
  private flow = 0;
  /** For each open flow collection: true for a mapping. */
  private readonly flowIsMap: boolean[] = [];
  /** In a flow mapping, where a key (not a value) would start: after `{` or `,`. */
  private flowKeyPosition = false;
  /** Lines indented more than this column (and blank lines) are block-scalar content; -1 when not in one. */
  private blockScalarParent = -1;
  /** True where a new node may start (after `- `, `: `, `[`, `,`, at a line start). */
  private nodeStart = true;
  /** Start of the current scalar token (plain or quoted), for key checks; -1 when none. */
  private tokenStart = -1;
  private tokenQuoted = false;
  private tokenMultiLine = false;
  /** The current node carries a (CloudFormation) tag. */
  private tagged = false;
  /** Column of the innermost `- ` indicator or mapping key on this line, to place block-scalar content. */
  private lineParentColumn = -1;
  private lineStart = 0;
  /** Column of the `-` of an empty sequence item ending the current line, or -1. */
  private emptyDash = -1;
  /** Column of the `-` of an empty sequence item that ended the previous content line, or -1. */
  private pendingEmptyDash = -1;

  constructor(
    private readonly text: string,
    private readonly allowedTags: ReadonlySet<string>,
    private readonly underIndentedQuotes: boolean,
  ) {}

  run(): string | undefined {
    const { text } = this;
    const length = text.length;
    let lineStart = 0;
    while (lineStart < length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = length;
      const problem = this.line(lineStart, lineEnd);
      if (problem !== undefined) return problem;
      lineStart = lineEnd + 1;
    }
    if (this.quote !== 0 || this.flow !== 0) return 'unterminated quoted scalar or flow collection';
    this.closeOpenDocument(length);
    return undefined;
  }

  private closeOpenDocument(at: number): void {
    if (this.docState !== 'open') return;
    const last = this.documents[this.documents.length - 1];
    if (last) last.end = at;
    this.pendingStart = at;
  }

  private openDocument(): void {
    this.documents.push({ start: this.pendingStart, end: this.text.length });
    this.docState = 'open';
  }

  /** Processes one line; returns why the stream is unsafe, if it is. */
  private line(lineStart: number, lineEnd: number): string | undefined {
    const { text } = this;
    this.lineStart = lineStart;
    let i = lineStart;
    while (i < lineEnd && text.charCodeAt(i) === SPACE) i++;
    const indent = i - lineStart;
    const first = i < lineEnd ? text.charCodeAt(i) : LF;
    const blank = first === LF || first === CR;
    if (first === TAB) {
      // Tabs in indentation: the two parsers disagree on several such cases (block scalars included).
      return 'a tab in indentation';
    }

    if (this.blockScalarParent >= 0) {
      if (blank || indent > this.blockScalarParent) return undefined;
      this.blockScalarParent = -1;
    }

    if (indent === 0 && (first === DASH || first === DOT)) {
      const marker = text.slice(lineStart, lineStart + 3);
      if (marker === '---' || marker === '...') {
        // `---a` is a plain scalar to the `yaml` library, a marker and `a` to js-yaml.
        if (!this.isMarkerLine(lineStart, lineEnd)) return 'content on a document marker line';
        if (this.quote !== 0 || this.flow !== 0) return 'a document marker inside a quoted scalar or flow collection';
        this.pendingEmptyDash = -1;
        return this.marker(lineStart, lineEnd, first === DASH);
      }
    }

    if (this.quote !== 0) {
      if (!blank && indent < this.continuationIndent) {
        if (!this.underIndentedQuotes) return UNDER_INDENTED_QUOTE;
        this.underIndentedLines.push(lineStart);
      }
      this.tokenMultiLine = true;
      return this.tokens(i, lineEnd);
    }
    if (blank) return undefined;
    if (first === HASH) return undefined;
    if (this.flow !== 0) {
      if (indent < this.continuationIndent) return 'a flow collection continued without indentation';
      return this.tokens(i, lineEnd);
    }
    if (indent === 0 && first === PERCENT) return 'a directive';
    if (this.docState !== 'open') this.openDocument();
    // js-yaml puts a `- ` item into the sequence of an empty `-` item on the line before when it is less
    // indented but deeper than that sequence's parent: `- -` then `  - x` (fixed in no js-yaml 4 release).
    if (this.pendingEmptyDash >= 0 && first === DASH && isBlank(i + 1 < lineEnd ? text.charCodeAt(i + 1) : LF) && indent < this.pendingEmptyDash) {
      return 'a sequence item after an empty, deeper one';
    }
    this.pendingEmptyDash = -1;
    this.nodeStart = true;
    this.tagged = false;
    this.tokenStart = -1;
    this.lineParentColumn = -1;
    this.emptyDash = -1;
    const problem = this.tokens(i, lineEnd);
    if (problem === undefined && this.nodeStart && this.flow === 0 && this.quote === 0 && this.blockScalarParent < 0) this.pendingEmptyDash = this.emptyDash;
    return problem;
  }

  /** `---` or `...` at column 0, as the `yaml` library's lexer recognizes them (`---a` is a plain scalar). */
  private isMarkerLine(lineStart: number, lineEnd: number): boolean {
    const { text } = this;
    const marker = text.slice(lineStart, lineStart + 3);
    if (marker !== '---' && marker !== '...') return false;
    return lineStart + 3 >= lineEnd || isBlank(text.charCodeAt(lineStart + 3));
  }

  private marker(lineStart: number, lineEnd: number, start: boolean): string | undefined {
    const { text } = this;
    // Only a comment may follow the marker here: content after `---` (`--- |`) and `... x` are read differently.
    let i = lineStart + 3;
    while (i < lineEnd && isBlank(text.charCodeAt(i))) i++;
    if (i < lineEnd && text.charCodeAt(i) !== HASH) return 'content on a document marker line';
    this.blockScalarParent = -1;
    if (start) {
      if (this.docState === 'open') this.closeOpenDocument(lineStart);
      this.openDocument();
      return undefined;
    }
    const after = Math.min(lineEnd + 1, text.length);
    if (this.docState !== 'open') this.openDocument(); // `...` with no open document: an empty one
    this.closeOpenDocument(after);
    this.docState = 'closed';
    return undefined;
  }

  /** Scans the tokens of a line from `from` (inside a quoted scalar or flow collection when those are open). */
  private tokens(from: number, lineEnd: number): string | undefined {
    const { text } = this;
    let i = from;
    for (; i < lineEnd; i++) {
      const code = text.charCodeAt(i);
      if (this.quote !== 0) {
        if (this.quote === DQUOTE && code === 92 /* \ */) {
          i++;
          continue;
        }
        if (code !== this.quote) continue;
        if (this.quote === SQUOTE && text.charCodeAt(i + 1) === SQUOTE) {
          i++;
          continue;
        }
        this.quote = 0;
        if (text.charCodeAt(i + 1) === HASH) return 'a comment right after a quoted scalar';
        continue;
      }
      if (code === SPACE || code === TAB || code === CR) continue;
      if (code === HASH && (i === this.lineStart || isBlank(text.charCodeAt(i - 1)))) break;

      if (this.nodeStart) {
        const problem = this.nodeStartToken(i, lineEnd, code);
        if (problem !== undefined) return problem;
        if (this.blockScalarParent >= 0) return undefined; // the rest of the line is the block-scalar header
        i = this.skipTo;
        continue;
      }

      if (code === COLON && this.isValueIndicator(i, lineEnd)) {
        const problem = this.keyEnd(i);
        if (problem !== undefined) return problem;
        continue;
      }
      if (this.flow > 0) {
        if (code === COMMA) {
          this.nodeStart = true;
          this.tagged = false;
          this.tokenStart = -1;
          this.flowKeyPosition = this.flowIsMap[this.flowIsMap.length - 1] === true;
        } else if (code === RBRACKET || code === RBRACE) {
          const problem = this.closeFlow(i, lineEnd);
          if (problem !== undefined) return problem;
        }
      }
    }
    return undefined;
  }

  /** Set by nodeStartToken: the index of the last character it consumed. */
  private skipTo = 0;

  private nodeStartToken(i: number, lineEnd: number, code: number): string | undefined {
    const { text } = this;
    this.skipTo = i;
    const next = i + 1 < lineEnd ? text.charCodeAt(i + 1) : LF;
    const indicatorFollows = isBlank(next) || (this.flow > 0 && (next === COMMA || next === RBRACKET || next === RBRACE));
    if (code !== DASH) this.emptyDash = -1; // something follows the last `- ` on this line
    switch (code) {
      case AMP:
        return 'an anchor';
      case STAR:
        return 'an alias';
      case QUESTION:
        if (indicatorFollows) return 'a complex mapping key (`?`)';
        break;
      case BANG: {
        let end = i;
        while (end + 1 < lineEnd && !isBlank(text.charCodeAt(end + 1)) && !(this.flow > 0 && isFlowIndicator(text.charCodeAt(end + 1)))) end++;
        const tag = text.slice(i, end + 1);
        if (!this.allowedTags.has(tag)) return `a tag (${tag})`;
        this.tagged = true;
        this.skipTo = end;
        return undefined; // still at a node start
      }
      case DASH:
        if (isBlank(next) && this.flow === 0) {
          this.emptyDash = i - this.lineStart;
          this.lineParentColumn = i - this.lineStart;
          return undefined; // a block sequence entry: still at a node start
        }
        break;
      case COLON:
        if (indicatorFollows) return 'an empty mapping key';
        break;
      case PIPE:
      case GT:
        if (this.flow === 0) {
          if (this.lineParentColumn < 0) return 'a block scalar not introduced by a key or `- `';
          // `|2`, `>-1`: the parsers place explicitly indented content differently in edge cases.
          if (/^[|>][-+]?\d/.test(text.slice(i, Math.min(lineEnd, i + 3)))) return 'a block scalar with an explicit indentation indicator';
          this.blockScalarParent = this.lineParentColumn;
          return undefined;
        }
        break;
      case LBRACKET:
      case LBRACE:
        // A collection as a key: `{{ x }}` (an unquoted template) is a mapping whose key is a mapping.
        if (this.flowKeyPosition) return 'a flow collection used as a mapping key';
        if (this.flow === 0) this.continuationIndent = this.startColumnLimit(i);
        this.flow++;
        this.flowIsMap.push(code === LBRACE);
        this.flowKeyPosition = code === LBRACE;
        this.tagged = false;
        return undefined; // still at a node start
      case DQUOTE:
      case SQUOTE:
        if (this.flow === 0) this.continuationIndent = this.startColumnLimit(i);
        this.quote = code;
        this.nodeStart = false;
        this.flowKeyPosition = false;
        this.tokenStart = i;
        this.tokenQuoted = true;
        this.tokenMultiLine = false;
        return undefined;
      default:
        break;
    }
    if (this.flow > 0 && (code === RBRACKET || code === RBRACE)) return this.closeFlow(i, lineEnd);
    if (this.flow > 0 && code === COMMA) {
      this.tagged = false;
      this.flowKeyPosition = this.flowIsMap[this.flowIsMap.length - 1] === true;
      return undefined;
    }
    // A plain scalar starts here.
    this.nodeStart = false;
    this.flowKeyPosition = false;
    this.tokenStart = i;
    this.tokenQuoted = false;
    this.tokenMultiLine = false;
    return undefined;
  }

  /**
   * The least indentation the continuation lines of a quoted scalar or flow collection starting at `at` may
   * have and still be read alike by both parsers. The `yaml` library wants them deeper than the parent
   * collection: a node at the start of its line is itself deeper than its parent, so its own column is a safe
   * bound; after `key: ` or `- `, one past the column of that key or `-` is the lexer's own bound.
   */
  private startColumnLimit(at: number): number {
    if (this.lineParentColumn < 0) return at - this.lineStart;
    return this.lineParentColumn + 1;
  }

  private isValueIndicator(i: number, lineEnd: number): boolean {
    const next = i + 1 < lineEnd ? this.text.charCodeAt(i + 1) : LF;
    if (isBlank(next)) return true;
    if (this.flow === 0) return false;
    // In flow collections `,]}` end the value too, and `"a":1` (JSON style) separates after a quoted key.
    return next === COMMA || next === RBRACKET || next === RBRACE || (this.tokenQuoted && this.tokenStart >= 0);
  }

  /** At the `:` ending an implicit key. */
  private keyEnd(colon: number): string | undefined {
    if (this.tokenStart >= 0) {
      if (this.tokenMultiLine) return 'a multi-line implicit key';
      if (colon - this.tokenStart > MAX_IMPLICIT_KEY) return 'an implicit key over 1024 characters';
      if (this.tagged) return 'a tagged mapping key';
      if (!this.tokenQuoted) {
        const key = this.text.slice(this.tokenStart, colon).trimEnd();
        if (UNSAFE_PLAIN_KEYS.has(key)) return `the mapping key "${key}"`;
      }
      this.lineParentColumn = this.tokenStart - this.lineStart;
    }
    this.nodeStart = true;
    this.tagged = false;
    this.tokenStart = -1;
    this.flowKeyPosition = false;
    return undefined;
  }

  private closeFlow(i: number, lineEnd: number): string | undefined {
    const { text } = this;
    this.flow--;
    this.flowIsMap.pop();
    this.flowKeyPosition = false;
    this.nodeStart = false;
    this.tagged = false;
    this.tokenStart = -1;
    let j = i + 1;
    if (j < lineEnd && text.charCodeAt(j) === HASH) return 'a comment right after a flow collection';
    while (j < lineEnd && (text.charCodeAt(j) === SPACE || text.charCodeAt(j) === TAB)) j++;
    if (j < lineEnd && text.charCodeAt(j) === COLON) return 'a flow collection used as a mapping key';
    return undefined;
  }
}

function isFlowIndicator(code: number): boolean {
  return code === COMMA || code === LBRACKET || code === RBRACKET || code === LBRACE || code === RBRACE;
}
