import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Parser as TreeSitterParser } from 'web-tree-sitter';
import { LineIndex } from '../line-index.js';
import { findExcessiveNesting, MAX_NESTING_DEPTH } from '../json.js';
import type { Attribute, Block, Body, Expr, ObjectItem, Span, TemplatePart } from './ast.js';
import { parseHcl, type ParseOutcome } from './parser.js';

/**
 * Terraform's JSON syntax (`*.tf.json`), read into the same syntax tree as native `.tf` files, with offsets into
 * the JSON text (https://developer.hashicorp.com/terraform/language/syntax/json):
 *
 * - The root object's properties are top-level block types; each label is one more level of object nesting
 *   (`resource` -> type -> name -> body); at every level an array of objects stands for several blocks.
 * - In a block body, a property is an argument or a nested block (an object, or an array of objects). Without the
 *   provider schema the two are told apart by shape: an array of objects or an object whose keys are all
 *   snake_case identifiers is a nested block, except for well-known map arguments (`tags`, `labels`, ...); an
 *   object with other keys (`"Name"`, `"app.kubernetes.io/name"`) is a map argument. Either way the evaluated body
 *   looks the same to rules for arrays of objects (`ingress: [{...}]`).
 * - Values are expressions: strings are string templates (`"${var.x}"` alone gives the value itself, not a
 *   string), numbers / booleans / null literals, arrays tuples, objects objects. Exceptions as in Terraform:
 *   `variable` `type` is a type expression and `default` / `description` literal; `depends_on`, `provider`,
 *   `lifecycle.ignore_changes` are references written as strings; `module` `source` / `version`, `provider`
 *   `alias` / `version`, `output` `description` / `sensitive`, `connection` `type` and the whole `terraform` block
 *   are literal.
 * - Properties named `"//"` in block bodies (and at the root) are comments.
 *
 * Templates are parsed by the HCL parser (the decoded string as a heredoc, where backslashes are not escapes,
 * as JSON has already decoded them), and every offset is mapped back to the JSON text.
 */

const LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  ephemeral: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  check: 1,
};

/** Object-valued arguments of common resources that are maps, not nested blocks. */
const MAP_ARGUMENTS = new Set([
  'tags',
  'tags_all',
  'labels',
  'annotations',
  'variables',
  'environment_variables',
  'parameters',
  'triggers',
  'dimensions',
  'node_selector',
  'node_labels',
  'selector',
  'context',
  'providers',
]);

const SNAKE_CASE = /^[a-z_][a-z0-9_]*$/;
const HEREDOC_MARK = 'SEAWORTHY_TF_JSON_TEMPLATE_END';

type Mode = 'expression' | 'literal' | 'reference' | 'type';

/** How the arguments of a body are read. */
interface BodyKind {
  /** Mode of an argument (default: expression). */
  mode?(name: string): Mode | undefined;
  /** Nested block kinds by type; `labels` for labelled nested blocks. */
  blocks?: Record<string, { labels: number; kind: BodyKind }>;
  /** Unknown object-valued properties are nested blocks when shaped like ones (resource bodies). */
  guessBlocks?: boolean;
}

const CONNECTION: BodyKind = { mode: (name) => (name === 'type' ? 'literal' : undefined) };
const LIFECYCLE: BodyKind = {
  mode: (name) => (name === 'ignore_changes' || name === 'replace_triggered_by' ? 'reference' : undefined),
  blocks: { precondition: { labels: 0, kind: {} }, postcondition: { labels: 0, kind: {} } },
};
const RESOURCE_BODY: BodyKind = {
  mode: (name) => (name === 'provider' || name === 'depends_on' ? 'reference' : undefined),
  blocks: {
    lifecycle: { labels: 0, kind: LIFECYCLE },
    connection: { labels: 0, kind: CONNECTION },
    provisioner: { labels: 1, kind: { blocks: { connection: { labels: 0, kind: CONNECTION } }, guessBlocks: true } },
  },
  guessBlocks: true,
};
/** `dynamic "x" { for_each, iterator, content { ... } }`: its content is read like the body it is in. */
function withDynamic(kind: BodyKind): BodyKind {
  const result: BodyKind = { ...kind, blocks: { ...kind.blocks } };
  const dynamic: BodyKind = { mode: (name) => (name === 'iterator' ? 'literal' : undefined), blocks: { content: { labels: 0, kind: result } } };
  result.blocks = { ...result.blocks, dynamic: { labels: 1, kind: dynamic } };
  return result;
}
const RESOURCE = withDynamic(RESOURCE_BODY);

const TOP_LEVEL: Record<string, BodyKind> = {
  resource: RESOURCE,
  data: RESOURCE,
  ephemeral: RESOURCE,
  module: { mode: (name) => (name === 'source' || name === 'version' || name === 'providers' ? 'literal' : name === 'depends_on' ? 'reference' : undefined) },
  variable: {
    mode: (name) => (name === 'type' ? 'type' : name === 'default' || name === 'description' || name === 'sensitive' || name === 'nullable' || name === 'ephemeral' ? 'literal' : undefined),
    blocks: { validation: { labels: 0, kind: {} } },
  },
  output: {
    mode: (name) => (name === 'description' || name === 'sensitive' || name === 'ephemeral' ? 'literal' : name === 'depends_on' ? 'reference' : undefined),
    blocks: { precondition: { labels: 0, kind: {} } },
  },
  provider: { mode: (name) => (name === 'alias' || name === 'version' ? 'literal' : undefined), guessBlocks: true },
  // Every value literal; `backend` and `cloud` are blocks (their arguments are read for committed credentials).
  terraform: { mode: () => 'literal', blocks: { backend: { labels: 1, kind: { mode: () => 'literal' } }, cloud: { labels: 0, kind: { mode: () => 'literal' } } } },
  moved: { mode: () => 'reference' },
  import: { mode: (name) => (name === 'to' || name === 'provider' ? 'reference' : undefined) },
  removed: { mode: (name) => (name === 'from' ? 'reference' : undefined), blocks: { lifecycle: { labels: 0, kind: {} }, provisioner: { labels: 1, kind: {} } } },
  check: { blocks: { assert: { labels: 0, kind: {} }, data: { labels: 2, kind: RESOURCE } }, guessBlocks: false },
};

/** Parses a `.tf.json` file; the first problem (JSON syntax, structure, a template) fails the file, with its line. */
export function parseTerraformJson(parser: TreeSitterParser, text: string): ParseOutcome {
  const lines = new LineIndex(text);
  const fail = (offset: number, message: string): ParseOutcome => {
    const at = lines.position(offset);
    return { ok: false, error: { message: `${message} (line ${at.line}, column ${at.column})`, line: at.line, column: at.column } };
  };
  if (findExcessiveNesting(text, MAX_NESTING_DEPTH) !== -1) return fail(0, `JSON nested deeper than ${MAX_NESTING_DEPTH} levels: not parsed`);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false });
  const first = errors[0];
  if (first) return fail(first.offset, `JSON syntax error: ${printParseErrorCode(first.error)}`);
  if (!root || root.type !== 'object') return fail(root?.offset ?? 0, 'a Terraform JSON file must hold one object');
  try {
    const converter = new JsonConverter(parser, text);
    const body = converter.root(root);
    converter.parsePending();
    return { ok: true, body };
  } catch (error) {
    if (error instanceof StructureError) return fail(error.offset, error.message);
    throw error;
  }
}

class StructureError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function span(node: Node): Span {
  return { start: node.offset, end: node.offset + node.length };
}

function properties(node: Node): Array<{ name: string; key: Node; value: Node; property: Node }> {
  const out: Array<{ name: string; key: Node; value: Node; property: Node }> = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (!key || !value || typeof key.value !== 'string') continue;
    out.push({ name: key.value, key, value, property });
  }
  return out;
}

interface PendingParse {
  node: Node;
  value: string;
  as: 'template' | 'expression';
  /** Placeholder in the tree, replaced in place once parsed. */
  placeholder: Expr;
}

class JsonConverter {
  /** Strings to parse as templates / expressions: all at once (one parse per file, not per string). */
  private readonly pending: PendingParse[] = [];

  constructor(
    private readonly parser: TreeSitterParser,
    private readonly text: string,
  ) {}

  root(node: Node): Body {
    const items: Array<Attribute | Block> = [];
    for (const { name, key, value } of properties(node)) {
      if (name === '//') continue;
      if (name === 'locals') {
        for (const element of value.type === 'array' ? (value.children ?? []) : [value]) {
          if (element.type !== 'object') throw new StructureError('"locals" must be an object of local values', element.offset);
          items.push({ kind: 'block', type: 'locals', labels: [], body: this.body(element, {}), start: value === element ? key.offset : element.offset, end: element.offset + element.length });
        }
        continue;
      }
      const kind = TOP_LEVEL[name] ?? { guessBlocks: true };
      this.blocks(name, value, LABELS[name] ?? 0, [], key.offset, kind, items);
    }
    return { items };
  }

  /** One or more blocks of `type` from `value` (objects per label level, arrays for several blocks). */
  private blocks(type: string, value: Node, labelsLeft: number, labels: string[], start: number, kind: BodyKind, out: Array<Attribute | Block>): void {
    if (value.type === 'array') {
      for (const element of value.children ?? []) this.blocks(type, element, labelsLeft, labels, element.offset, kind, out);
      return;
    }
    if (value.type !== 'object') throw new StructureError(`"${type}" must be given as an object${labelsLeft > 0 ? ' (one level per label)' : ''}`, value.offset);
    if (labelsLeft > 0) {
      for (const { name, key, value: inner } of properties(value)) {
        if (name === '//') continue;
        this.blocks(type, inner, labelsLeft - 1, [...labels, name], key.offset, kind, out);
      }
      return;
    }
    out.push({ kind: 'block', type, labels, body: this.body(value, kind), start, end: value.offset + value.length });
  }

  private body(node: Node, kind: BodyKind): Body {
    const items: Array<Attribute | Block> = [];
    for (const { name, key, value, property } of properties(node)) {
      if (name === '//') continue;
      const nested = kind.blocks?.[name];
      if (nested) {
        this.blocks(name, value, nested.labels, [], key.offset, nested.kind, items);
        continue;
      }
      if (kind.guessBlocks && this.looksLikeBlocks(name, value)) {
        this.blocks(name, value, 0, [], key.offset, withDynamic({ guessBlocks: true }), items);
        continue;
      }
      const mode: Mode = kind.mode?.(name) ?? 'expression';
      items.push({ kind: 'attribute', name, expr: this.expression(value, mode), start: key.offset, end: property.offset + property.length });
    }
    return { items };
  }

  private looksLikeBlocks(name: string, value: Node): boolean {
    if (MAP_ARGUMENTS.has(name)) return false;
    if (value.type === 'array') {
      const children = value.children ?? [];
      return children.length > 0 && children.every((child) => child.type === 'object' && this.snakeCaseKeys(child));
    }
    return value.type === 'object' && (value.children ?? []).length > 0 && this.snakeCaseKeys(value);
  }

  private snakeCaseKeys(node: Node): boolean {
    return properties(node).every(({ name }) => SNAKE_CASE.test(name) || name === '//');
  }

  expression(node: Node, mode: Mode): Expr {
    const at = span(node);
    switch (node.type) {
      case 'string': {
        const value = typeof node.value === 'string' ? node.value : '';
        if (mode === 'literal') return { k: 'literal', value, ...at };
        if (mode === 'reference' || mode === 'type') return this.parsed(node, value, 'expression');
        if (!value.includes('${') && !value.includes('%{')) return { k: 'literal', value, ...at };
        return this.parsed(node, value, 'template');
      }
      case 'number':
        return { k: 'literal', value: typeof node.value === 'number' ? node.value : Number(node.value), ...at };
      case 'boolean':
        return { k: 'literal', value: node.value === true, ...at };
      case 'null':
        return { k: 'literal', value: null, ...at };
      case 'array':
        return { k: 'tuple', items: (node.children ?? []).map((child) => this.expression(child, mode === 'type' ? 'expression' : mode)), ...at };
      case 'object': {
        const items: ObjectItem[] = properties(node).map(({ name, key, value, property }) => ({
          key: mode === 'expression' && (name.includes('${') || name.includes('%{')) ? this.parsed(key, name, 'template') : { k: 'literal', value: name, ...span(key) },
          value: this.expression(value, mode === 'type' ? 'expression' : mode),
          start: property.offset,
          end: property.offset + property.length,
        }));
        return { k: 'object', items, ...at };
      }
      default:
        return { k: 'invalid', ...at };
    }
  }

  /** A JSON string read as an HCL template or expression: a placeholder until `parsePending`. */
  private parsed(node: Node, value: string, as: 'template' | 'expression'): Expr {
    if (as === 'template' && value.split('\n').includes(HEREDOC_MARK)) throw new StructureError('unsupported template text', node.offset);
    const placeholder: Expr = { k: 'invalid', ...span(node) };
    this.pending.push({ node, value, as, placeholder });
    return placeholder;
  }

  /**
   * Parses the pending strings in one HCL text (an attribute each: the template as a heredoc, an expression in
   * parentheses) and puts the results in place, offsets mapped back into the JSON text. When that text does not
   * parse, each string is parsed alone to find the broken one.
   */
  parsePending(): void {
    if (this.pending.length === 0) return;
    const pieces: string[] = [];
    const starts: number[] = [];
    let length = 0;
    this.pending.forEach((job, index) => {
      const [prefix, suffix] = wrapper(job.as, index);
      starts.push(length + prefix.length);
      const piece = prefix + job.value + suffix;
      pieces.push(piece);
      length += piece.length;
    });
    const outcome = parseHcl(this.parser, pieces.join(''));
    const items = outcome.ok ? outcome.body.items : [];
    const together = outcome.ok && items.length === this.pending.length && items.every((item, index) => item.kind === 'attribute' && item.name === `a${index}`);
    this.pending.forEach((job, index) => {
      const item = together ? items[index] : undefined;
      if (item?.kind === 'attribute') this.place(job, item.expr, starts[index] ?? 0);
      else this.parseAlone(job);
    });
    this.pending.length = 0;
  }

  private parseAlone(job: PendingParse): void {
    const [prefix, suffix] = wrapper(job.as, 0);
    const outcome = parseHcl(this.parser, prefix + job.value + suffix);
    const attribute = outcome.ok ? outcome.body.items[0] : undefined;
    if (!outcome.ok || attribute?.kind !== 'attribute' || outcome.body.items.length !== 1) {
      const what = job.as === 'template' ? 'string template' : 'expression';
      const detail = outcome.ok ? '' : `: ${outcome.error.message.replace(/ \(line \d+, column \d+\)$/, '')}`;
      // The value itself is not quoted back: JSON strings hold passwords too.
      throw new StructureError(`invalid ${what}${detail}`, job.node.offset);
    }
    this.place(job, attribute.expr, prefix.length);
  }

  private place(job: PendingParse, parsed: Expr, contentStart: number): void {
    const offsets = this.decodedOffsets(job.node, job.value);
    const map = (position: number): number => {
      const index = Math.min(Math.max(position - contentStart, 0), job.value.length);
      return offsets[index] ?? job.node.offset;
    };
    remapSpans(parsed, map);
    let expr = parsed;
    if (expr.k === 'paren') expr = expr.expr;
    if (expr.k === 'template') trimFinalNewline(expr.parts);
    Object.assign(job.placeholder, expr, span(job.node));
  }

  /** For each index of the decoded string (and its end), the offset of that character in the JSON text. */
  private decodedOffsets(node: Node, value: string): number[] {
    const start = node.offset + 1;
    const end = node.offset + node.length - 1;
    const offsets: number[] = [];
    let i = start;
    while (i < end && offsets.length < value.length) {
      offsets.push(i);
      if (this.text[i] === '\\') i += this.text[i + 1] === 'u' ? 6 : 2;
      else i++;
    }
    while (offsets.length < value.length) offsets.push(end);
    offsets.push(end);
    return offsets;
  }
}

/** Text around a string parsed as attribute `a<index>`: a heredoc template, or an expression in parentheses. */
function wrapper(as: 'template' | 'expression', index: number): [string, string] {
  return as === 'template' ? [`a${index} = <<${HEREDOC_MARK}\n`, `\n${HEREDOC_MARK}\n`] : [`a${index} = (`, ')\n'];
}

/** Maps every `start` / `end` of a syntax subtree (each object once). */
function remapSpans(root: object, map: (position: number) => number): void {
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.start === 'number' && typeof record.end === 'number') {
      record.start = map(record.start);
      record.end = map(record.end);
    }
    for (const [key, item] of Object.entries(record)) if (key !== 'start' && key !== 'end') visit(item);
  };
  visit(root);
}

/** The heredoc wrapper adds a final newline to the template: removed. */
function trimFinalNewline(parts: TemplatePart[]): void {
  const last = parts[parts.length - 1];
  if (last?.k !== 'text' || !last.text.endsWith('\n')) return;
  last.text = last.text.slice(0, -1);
  if (last.text === '') parts.pop();
}
