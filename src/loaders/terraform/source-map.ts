import type { NodePath, SourceMap, SourceRange } from '../../model/types.js';
import { JsonTextLocator } from '../json-locate.js';
import { LineIndex } from '../line-index.js';
import type { HclFile, Span } from './ast.js';
import type { Origin, Value } from './values.js';

/**
 * Source map of one `.tf` file. The document's data maps each resource instance declared in the file (under
 * a key, usually its address) to its evaluated body; locating `[key, ...path]` walks the evaluated values,
 * which remember where each was written, and returns the deepest one written in this file: the attribute
 * or block itself, an element of a list or object literal, a value inside `jsonencode(...)`, a `locals` or
 * variable default in the same file. A path into a value that came from another file (a variable passed by
 * the calling module, for instance) stops at the attribute that brought it in. Lines are computed on demand.
 *
 * Exceptions, located in another file (the range's `file`): arguments and blocks merged in from an override file
 * of the same module; in a module `terraform init` installed, values the configuration passes it (a module call's
 * argument, a tfvars value), found where the configuration writes them.
 */
export class TerraformSourceMap implements SourceMap {
  private readonly lines = new Map<HclFile, LineIndex>();
  private readonly entries = new Map<string, { span: Span; body: Value; rootDir?: string }>();
  private readonly heredocs = new Map<string, HeredocJson | null>();
  private readonly readFiles = new Map<string, { file: HclFile; locator: JsonTextLocator } | null>();

  private readonly installed: boolean;

  constructor(private readonly file: HclFile) {
    this.installed = isInstalledModuleFile(file);
  }

  /** `rootDir`: the root module a resource instance was evaluated from. */
  add(key: string, span: Span, body: Value, rootDir?: string): void {
    this.entries.set(key, rootDir === undefined ? { span, body } : { span, body, rootDir });
  }

  locate(path: NodePath): SourceRange {
    const found = this.walk(path);
    return this.range(found.best, found.file);
  }

  locateValue(path: NodePath): SourceRange | undefined {
    const found = this.walk(path);
    if (found.inner) return found.complete ? this.range(found.inner, found.file) : undefined;
    const origin = found.value?.origin;
    if (!found.complete || !origin || (origin.file !== this.file && origin.file !== found.file)) return undefined;
    return this.range(origin, origin.file);
  }

  /**
   * The variable whose default the value at `path` is, whole (`password = var.password`, the variable not set by a
   * caller or a `.tfvars` file), and whether the root module the resource was evaluated from declares it.
   */
  variableDefault(path: NodePath): { variable: string; inRootModule: boolean } | undefined {
    const found = this.walk(path);
    const origin = found.complete ? found.value?.origin : undefined;
    const entry = this.entries.get(String(path[0]));
    const block = entry?.span;
    // The variable itself (iam/no-secrets-in-parameter-defaults reports its default) is no value taken from it.
    if (!origin || !block || (origin.file === this.file && block.start <= origin.start && origin.end <= block.end)) return undefined;
    const holder = origin.file.body.items.find((item) => item.start <= origin.start && origin.end <= item.end);
    const variable = holder?.kind === 'block' && holder.type === 'variable' ? holder.labels[0] : undefined;
    return variable === undefined ? undefined : { variable, inRootModule: origin.file.dir === entry?.rootDir };
  }

  /**
   * Origins in this file, or in an override file of the same module (merged into this file's blocks). In this
   * file, only those inside the located block itself or in a `locals` / `variable` block: a value passed to a
   * module and echoed back by its output (`module.net.cidr`) must not place a finding inside the `module` block.
   */
  private accepts(origin: Origin, current: HclFile, block: Span): boolean {
    const { file } = origin;
    if (file === this.file && !(origin.start >= block.start && origin.end <= block.end)) return this.inDeclaration(origin);
    return file === this.file || file === current || (file.override === true && file.dir === this.file.dir) || this.passedIn(origin);
  }

  /**
   * A module `terraform init` installed is not the user's code: a value the configuration passes it (a module call's
   * argument, a tfvars value) is located where the configuration writes it, and suppressed there.
   */
  private passedIn(origin: Origin): boolean {
    return this.installed && !isInstalledModuleFile(origin.file) && origin.file.text !== '';
  }

  private inDeclaration(origin: Origin): boolean {
    const holder = this.file.body.items.find((item) => item.start <= origin.start && origin.end <= item.end);
    return holder?.kind === 'block' && (holder.type === 'locals' || holder.type === 'variable');
  }

  private walk(path: NodePath): { best: Span; file: HclFile; value?: Value; complete: boolean; inner?: Span } {
    const whole = { start: 0, end: this.file.text.length };
    let file = this.file;
    const [head, ...rest] = path;
    if (head === undefined) return { best: whole, file, complete: false };
    const entry = this.entries.get(String(head));
    if (!entry) return { best: whole, file, complete: false };
    let best: Span = entry.span;
    let value: Value = entry.body;
    for (const [index, segment] of rest.entries()) {
      while (value.t === 'json') value = value.inner;
      // A JSON document written as a heredoc (`policy = <<EOF`): the rest of the path is located in its text.
      // A heredoc that interpolates unknown values (`${data.aws_caller_identity.current.account_id}`) is one too.
      if ((value.t === 'string' || value.t === 'unknown') && value.origin?.file === file && this.accepts(value.origin, file, entry.span)) {
        const heredoc = this.heredoc(file, value.origin, value.t === 'string' ? value.value : undefined);
        if (heredoc) {
          const inside = locateInHeredoc(heredoc, rest.slice(index));
          return { best: inside.span, file, complete: inside.exact, inner: inside.value };
        }
      }
      // JSON read with `file()` from a file of the scan (a policy, container definitions): located in that file.
      if (value.t === 'string' && value.readFrom !== undefined && value.origin?.file === file && this.accepts(value.origin, file, entry.span)) {
        const read = this.readFile(value.readFrom, value.value, value.writtenText);
        if (read) {
          const found = read.locator.find(rest.slice(index));
          const span = { start: found.span.keyStart ?? found.span.start, end: found.span.end };
          return { best: span, file: read.file, complete: found.exact, inner: { start: found.span.start, end: found.span.end } };
        }
      }
      let child: Value | undefined;
      let origin: Origin | undefined;
      if (value.t === 'object') {
        const key = String(segment);
        child = value.entries.get(key);
        origin = value.entryOrigins?.get(key) ?? child?.origin;
      } else if (value.t === 'list' && typeof segment === 'number') {
        child = value.items[segment];
        origin = child?.origin;
      }
      // In an installed module, a value the configuration passes in is located where the configuration writes it.
      if (child?.origin && this.passedIn(child.origin)) origin = child.origin;
      if (!child) return { best, file, complete: false };
      if (origin && this.accepts(origin, file, entry.span)) {
        best = origin;
        file = origin.file;
      }
      value = child;
    }
    return { best, file, value, complete: true };
  }

  /**
   * A file read with `file()` as JSON, parsed once; undefined when it is not JSON. A template rendered by
   * `templatefile()` is located in its text as written, interpolations inside strings masked, when that is JSON.
   */
  private readFile(filePath: string, text: string, written?: string): { file: HclFile; locator: JsonTextLocator } | undefined {
    let found = this.readFiles.get(filePath);
    if (found === undefined) {
      const read = (shown: string, located: string) => ({ file: { path: filePath, dir: '', text: shown, body: { items: [] } }, locator: new JsonTextLocator(located) });
      const masked = written === undefined ? undefined : maskInterpolations(written);
      found = written !== undefined && masked !== undefined && isJsonObject(masked) ? read(written, masked) : isJsonObject(text) ? read(text, text) : null;
      this.readFiles.set(filePath, found);
    }
    return found ?? undefined;
  }

  /** A heredoc's JSON, parsed once for all the paths located in it (a policy with many findings). */
  private heredoc(file: HclFile, origin: Span, value: string | undefined): HeredocJson | undefined {
    const key = `${file.path}\u0000${origin.start}`;
    let found = this.heredocs.get(key);
    if (found === undefined) this.heredocs.set(key, (found = heredocJson(file.text, origin, value) ?? null));
    return found ?? undefined;
  }

  private range(span: Span, file: HclFile): SourceRange {
    let lines = this.lines.get(file);
    if (!lines) this.lines.set(file, (lines = new LineIndex(file.text)));
    const range = lines.range(span.start, span.end);
    if (file === this.file) return range;
    return { ...range, file: file.path, fileText: file.text };
  }
}

/** A file of a module `terraform init` installed (`.terraform/modules/<key>/...`). */
function isInstalledModuleFile(file: HclFile): boolean {
  return /(^|\/)\.terraform\/modules\//.test(file.path);
}

const HEREDOC_OPENING = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/;

/** A heredoc's JSON text, read once per source map: its locator and where the text starts in the file. */
interface HeredocJson {
  locator: JsonTextLocator;
  contentStart: number;
}

/**
 * The JSON text of a heredoc (`<<EOF` / `<<-EOF`) written at `origin`. Interpolations inside JSON strings
 * (`"arn:aws:s3:::${var.bucket}/*"`) are masked with as many characters, so offsets stay those of the file; undefined
 * when an interpolation or a `%{...}` directive writes JSON structure (the text is not the document's shape), or
 * the text is not the JSON document `value` is.
 */
function heredocJson(text: string, origin: Span, value: string | undefined): HeredocJson | undefined {
  const written = text.slice(origin.start, origin.end);
  const opening = HEREDOC_OPENING.exec(written);
  if (!opening) return undefined;
  const contentStart = origin.start + opening[0].length;
  // The content ends at the line break before the closing marker's line.
  const marker = opening[2] ?? '';
  const end = text.slice(contentStart, origin.end).trimEnd();
  if (!end.endsWith(marker)) return undefined;
  const closing = text.lastIndexOf('\n', contentStart + end.length - marker.length);
  if (closing < contentStart - 1 || text.slice(closing + 1, contentStart + end.length).trim() !== marker) return undefined;
  const content = text.slice(contentStart, closing + 1);
  if (content.includes('%{')) return undefined;
  const json = content.includes('${') ? maskInterpolations(content) : content;
  // The value is the content (with `<<-`, less its common indentation, which JSON does not see).
  if (opening[1] === '' && json === content && value !== undefined && content !== value) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    return undefined;
  }
  // An interpolation that expands to several items (`"${join("\",\"", var.actions)}"`) changes the document's
  // shape: the written text no longer says where the value's parts are.
  if (json !== content && value !== undefined && !sameShape(document, parsedJson(value))) return undefined;
  return { locator: new JsonTextLocator(json), contentStart };
}

function isJsonObject(text: string): boolean {
  const document = parsedJson(text);
  return typeof document === 'object' && document !== null;
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The same lists and objects (by length, member by member in order: a masked key is not the value's key),
 * recursively; scalars of any kind match.
 */
function sameShape(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameShape(item, b[index]));
  }
  if (isRecord(a) || isRecord(b)) {
    return isRecord(a) && isRecord(b) && sameShape(Object.values(a), Object.values(b));
  }
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `text` with each `${...}` (nested braces and quoted strings inside it followed) replaced by as many `x`. */
function maskInterpolations(text: string): string {
  let out = '';
  let at = 0;
  for (let start = text.indexOf('${'); start !== -1; start = text.indexOf('${', at)) {
    let depth = 0;
    let end = start + 1;
    let quoted = false;
    for (; end < text.length; end++) {
      const char = text[end];
      if (quoted) {
        if (char === '\\') end++;
        else if (char === '"') quoted = false;
      } else if (char === '"') quoted = true;
      else if (char === '{') depth++;
      else if (char === '}' && --depth === 0) break;
    }
    end = Math.min(end + 1, text.length);
    out += text.slice(at, start) + 'x'.repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
}

/** Where `path` lies in a heredoc's JSON: the member (key to end of value) or item, and the value alone. */
function locateInHeredoc(heredoc: HeredocJson, path: NodePath): { span: Span; value: Span; exact: boolean } {
  const { locator, contentStart } = heredoc;
  const found = locator.find(path);
  const start = contentStart + (found.span.keyStart ?? found.span.start);
  return { span: { start, end: contentStart + found.span.end }, value: { start: contentStart + found.span.start, end: contentStart + found.span.end }, exact: found.exact };
}
