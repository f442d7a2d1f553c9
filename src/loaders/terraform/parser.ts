import { createRequire } from 'node:module';
import type { Parser as TreeSitterParser, Tree, TreeCursor, Node as TreeSitterNode } from 'web-tree-sitter';
import type { Attribute, BinaryOperator, Block, Body, ConditionalExpr, Expr, ForExpr, ObjectItem, Span, TemplatePart } from './ast.js';
import { SPLAT_ELEMENT } from './ast.js';
import { maskSecretsInLine } from '../../secrets/detectors.js';

/**
 * HCL parsing through tree-sitter (web-tree-sitter + the Terraform dialect of tree-sitter-hcl, both wasm).
 * The wasm runtime and grammar load once, on the first Terraform file of a process: scans without Terraform
 * never pay for them. The tree is copied into plain objects (./ast.ts) in one cursor walk and freed.
 */

let parserPromise: Promise<TreeSitterParser> | undefined;

const GRAMMAR_WASM = '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm';

/** The shared parser, initialised on first use. */
export function hclParser(): Promise<TreeSitterParser> {
  parserPromise ??= (async () => {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const wasmPath = createRequire(import.meta.url).resolve(GRAMMAR_WASM);
    const language = await Language.load(wasmPath);
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })().catch((error: unknown) => {
    parserPromise = undefined;
    throw error;
  });
  return parserPromise;
}

export interface HclSyntaxError {
  message: string;
  /** 1-based. */
  line: number;
  column: number;
}

export type ParseOutcome = { ok: true; body: Body } | { ok: false; error: HclSyntaxError };

/** Parses HCL text (a `.tf` or `.tfvars` file). Syntax errors come back with the line of the first one. */
export function parseHcl(parser: TreeSitterParser, text: string): ParseOutcome {
  const tree = parser.parse(text);
  if (!tree) return { ok: false, error: { message: 'HCL could not be parsed', line: 1, column: 1 } };
  try {
    const root = copyTree(tree);
    // The grammar accepts quoted strings over several lines; HCL does not (and an unterminated string shows so).
    const multiLine = firstMultiLineString(root, text);
    const syntax = tree.rootNode.hasError ? describeSyntaxError(tree.rootNode, text) : undefined;
    const candidates = [multiLine, syntax].filter((candidate): candidate is HclSyntaxError & { offset: number } => candidate !== undefined);
    candidates.sort((a, b) => a.offset - b.offset);
    const first = candidates[0];
    if (first) return { ok: false, error: { message: first.message, line: first.line, column: first.column } };
    return { ok: true, body: new Converter(text).configFile(root) };
  } finally {
    tree.delete();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Syntax errors

type LocatedError = HclSyntaxError & { offset: number };

function at(text: string, offset: number, message: string): LocatedError {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { message, line, column, offset };
}

function firstMultiLineString(root: LNode, text: string): LocatedError | undefined {
  let found: LNode | undefined;
  const visit = (node: LNode): void => {
    if (found) return;
    if (node.type === 'string_lit' || node.type === 'quoted_template') {
      const literal = node.children.some((child) => child.type === 'template_literal' && text.slice(child.start, child.end).includes('\n'));
      if (literal) {
        found = node;
        return;
      }
    }
    for (const child of node.children) visit(child);
  };
  visit(root);
  return found ? at(text, found.start, 'HCL syntax error: unterminated string (a quoted string cannot span lines; use a heredoc <<EOT)') : undefined;
}

function describeSyntaxError(root: TreeSitterNode, text: string): LocatedError {
  const node = firstError(root) ?? root;
  if (node.isMissing) {
    const opener = node.parent && /_end$/.test(node.parent.type) ? node.parent.parent : node.parent;
    const opened = opener && /^(block|object|tuple)$/.test(opener.type) ? ` (to close the ${opener.type === 'tuple' ? 'list' : opener.type} opened on line ${opener.startPosition.row + 1})` : '';
    return at(text, node.startIndex, `HCL syntax error: missing ${describeToken(node.type)}${opened}`);
  }
  const children = node.children.filter((child): child is TreeSitterNode => child !== null && child.type !== 'comment');
  // A string opened and never closed.
  const lastChild = children[children.length - 1];
  if (lastChild?.type === 'quoted_template_start') return at(text, lastChild.startIndex, 'HCL syntax error: unterminated string');
  // `name =` with nothing after it.
  for (let i = 0; i + 1 < children.length; i++) {
    const name = children[i];
    const equals = children[i + 1];
    const next = children[i + 2];
    if (name?.type === 'identifier' && equals?.type === '=' && (next === undefined || next.startPosition.row > equals.startPosition.row) && next?.type !== 'expression') {
      return at(text, name.startIndex, `HCL syntax error: "${text.slice(name.startIndex, name.endIndex)} =" has no value`);
    }
  }
  const offending = children.find((child) => !['attribute', 'block', 'body', 'identifier', 'block_start', 'string_lit', '='].includes(child.type)) ?? children[0] ?? node;
  const snippet = (text.slice(offending.startIndex, Math.min(offending.endIndex, offending.startIndex + 40)).split('\n')[0] ?? '').trim();
  if (snippet === '') return at(text, offending.startIndex, 'HCL syntax error: unexpected end of input');
  // Errors are printed in every report format: a string (a password in a .tfvars file) is not quoted back.
  const shown = /^["'<]/.test(snippet) ? 'string' : JSON.stringify(maskSecretsInLine(snippet));
  return at(text, offending.startIndex, `HCL syntax error: unexpected ${shown}`);
}

/** Innermost first error (ERROR or MISSING node) in document order. */
function firstError(node: TreeSitterNode): TreeSitterNode | undefined {
  for (const child of node.children) {
    if (!child) continue;
    if (child.isMissing) return child;
    if (!child.hasError) continue;
    const inner = firstError(child);
    if (inner) return inner;
    if (child.isError) return child;
  }
  return node.isError || node.isMissing ? node : undefined;
}

function describeToken(type: string): string {
  const tokens: Record<string, string> = { block_end: "'}'", object_end: "'}'", tuple_end: "']'", quoted_template_end: 'closing quote' };
  return tokens[type] ?? (/^[a-z_]+$/.test(type) ? type.replace(/_/g, ' ') : `'${type}'`);
}

// ---------------------------------------------------------------------------------------------------------
// Tree copy

interface LNode {
  type: string;
  start: number;
  end: number;
  children: LNode[];
}

/** Tokens needed only for their type: their offsets are never read. */
const POSITIONLESS = new Set(['comment', '=', ',', ':', '?', '.', '[', ']', '=>', 'for', 'in', 'if', '"', '{', '}']);

interface Pending extends LNode {
  /** Children seen so far (comments included), and the first start / last end among them (-1: not known). */
  seen: number;
  firstStart: number;
  lastEnd: number;
}

/**
 * One cursor walk, cheaper than Node objects (each property of which crosses into wasm). Offsets are read
 * from the cursor only for leaves; a node with children spans from its first child to its last, so its
 * offsets come from them (the cursor is asked only when such a child is punctuation or a comment).
 */
function copyTree(tree: Tree): LNode {
  const cursor: TreeCursor = tree.walk();
  try {
    const make = (type: string): Pending => ({ type, start: -1, end: -1, children: [], seen: 0, firstStart: -1, lastEnd: -1 });
    const root = make(cursor.nodeType);
    const stack: Pending[] = [root];
    const enter = (): void => {
      const node = make(cursor.nodeType);
      if (node.type !== 'comment') stack[stack.length - 1]?.children.push(node);
      stack.push(node);
    };
    /** The cursor is on `node` when it is finished. */
    const finish = (node: Pending): void => {
      if (node.seen === 0) {
        if (!POSITIONLESS.has(node.type)) {
          node.start = cursor.startIndex;
          node.end = cursor.endIndex;
        }
      } else {
        node.start = node.firstStart >= 0 ? node.firstStart : cursor.startIndex;
        node.end = node.lastEnd >= 0 ? node.lastEnd : cursor.endIndex;
      }
      const parent = stack[stack.length - 1];
      if (parent) {
        if (parent.seen === 0) parent.firstStart = node.start;
        parent.lastEnd = node.end;
        parent.seen++;
      }
    };
    for (;;) {
      if (cursor.gotoFirstChild()) {
        enter();
        continue;
      }
      for (;;) {
        const done = stack.pop();
        if (done) finish(done);
        if (cursor.gotoNextSibling()) {
          enter();
          break;
        }
        if (!cursor.gotoParent()) {
          const last = stack.pop();
          if (last) finish(last);
          return root;
        }
      }
    }
  } finally {
    cursor.delete();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Conversion to the AST

const BINARY_OPERATORS = new Set<string>(['*', '/', '%', '+', '-', '>', '>=', '<', '<=', '==', '!=', '&&', '||']);

interface StripMarkers {
  before?: boolean;
  after?: boolean;
  introRight?: boolean;
  elseLeft?: boolean;
  elseRight?: boolean;
  endLeft?: boolean;
  hasElse?: boolean;
}

class Converter {
  /** Strip markers of interpolations and directives, applied once their template is complete. */
  private readonly strips = new WeakMap<TemplatePart, StripMarkers>();

  constructor(private readonly text: string) {}

  configFile(root: LNode): Body {
    const first = root.children[0];
    if (!first) return { items: [] };
    if (first.type === 'body') return this.body(first);
    if (first.type === 'object') {
      // A JSON-style object at the top (some .tfvars): its entries are attributes.
      const object = this.object(first);
      const items: Attribute[] = [];
      for (const item of object.items) {
        const name = item.key.k === 'literal' && typeof item.key.value === 'string' ? item.key.value : undefined;
        if (name !== undefined) items.push({ kind: 'attribute', name, expr: item.value, start: item.start, end: item.end });
      }
      return { items };
    }
    return { items: [] };
  }

  private slice(node: LNode | Span): string {
    return this.text.slice(node.start, node.end);
  }

  body(node: LNode): Body {
    const items: Array<Attribute | Block> = [];
    for (const child of node.children) {
      if (child.type === 'attribute') items.push(this.attribute(child));
      else if (child.type === 'block') items.push(this.block(child));
    }
    return { items };
  }

  private attribute(node: LNode): Attribute {
    const name = node.children.find((child) => child.type === 'identifier');
    const expression = node.children.find((child) => child.type === 'expression');
    return {
      kind: 'attribute',
      name: name ? this.slice(name) : '',
      expr: expression ? this.expression(expression) : { k: 'invalid', start: node.end, end: node.end },
      start: node.start,
      end: node.end,
    };
  }

  private block(node: LNode): Block {
    let type = '';
    const labels: string[] = [];
    let body: Body = { items: [] };
    for (const child of node.children) {
      if (child.type === 'identifier') {
        if (type === '') type = this.slice(child);
        else labels.push(this.slice(child));
      } else if (child.type === 'string_lit') {
        labels.push(this.stringLiteral(child));
      } else if (child.type === 'body') {
        body = this.body(child);
      }
    }
    return { kind: 'block', type, labels, body, start: node.start, end: node.end };
  }

  private stringLiteral(node: LNode): string {
    const literal = node.children.find((child) => child.type === 'template_literal');
    const open = node.children[0];
    const close = node.children[node.children.length - 1];
    if (!open || !close || open === close) return literal ? unescapeQuoted(this.slice(literal)) : '';
    return unescapeQuoted(this.text.slice(open.end, close.start));
  }

  expression(node: LNode): Expr {
    const children = node.children;
    const only = children[0];
    if (children.length === 1 && only?.type === 'conditional') return this.conditional(only);
    return this.term(children, node);
  }

  private conditional(node: LNode): Expr {
    const parts = node.children.filter((child) => child.type === 'expression');
    const [cond, then, otherwise] = parts;
    if (!cond || !then || !otherwise) return { k: 'invalid', start: node.start, end: node.end };
    return rightAssociated({ k: 'conditional', cond: this.expression(cond), then: this.expression(then), else: this.expression(otherwise), start: node.start, end: node.end });
  }

  /** A primary expression followed by postfix steps (`.attr`, `[i]`, splats), as tree-sitter flattens them. */
  private term(pieces: LNode[], whole: Span): Expr {
    const first = pieces[0];
    if (!first) return { k: 'invalid', start: whole.start, end: whole.end };
    let expr: Expr;
    let index = 1;
    if (first.type === '(') {
      const inner = pieces[1];
      const close = pieces[2];
      expr = inner ? { k: 'paren', expr: this.expression(inner), start: first.start, end: close?.end ?? inner.end } : { k: 'invalid', start: first.start, end: first.end };
      index = 3;
    } else {
      expr = this.primary(first);
    }
    for (; index < pieces.length; index++) {
      const step = pieces[index];
      if (!step) continue;
      expr = this.postfix(expr, step);
    }
    return expr;
  }

  private postfix(target: Expr, step: LNode): Expr {
    const start = target.start;
    switch (step.type) {
      case 'get_attr': {
        const name = step.children.find((child) => child.type === 'identifier');
        return { k: 'getattr', target, name: name ? this.slice(name) : '', start, end: step.end };
      }
      case 'index': {
        const inner = step.children[0];
        if (inner?.type === 'legacy_index') {
          const digits = this.slice(inner).slice(1);
          return { k: 'index', target, index: { k: 'literal', value: Number(digits), start: inner.start + 1, end: inner.end }, start, end: step.end };
        }
        const expression = inner?.children.find((child) => child.type === 'expression');
        return { k: 'index', target, index: expression ? this.expression(expression) : { k: 'invalid', start: step.start, end: step.end }, start, end: step.end };
      }
      case 'splat': {
        const kind = step.children[0];
        let rest: Expr = { k: 'variable', name: SPLAT_ELEMENT, start: step.start, end: step.start };
        for (const inner of kind?.children ?? []) {
          if (inner.type === 'get_attr' || inner.type === 'index') rest = this.postfix(rest, inner);
        }
        return { k: 'splat', target, rest, start, end: step.end };
      }
      default:
        return { k: 'invalid', start, end: step.end };
    }
  }

  private primary(node: LNode): Expr {
    const span = { start: node.start, end: node.end };
    switch (node.type) {
      case 'literal_value':
        return this.literal(node.children[0] ?? node);
      case 'template_expr': {
        const inner = node.children[0];
        if (inner?.type === 'quoted_template') return this.quotedTemplate(inner);
        if (inner?.type === 'heredoc_template') return this.heredoc(inner);
        return { k: 'invalid', ...span };
      }
      case 'collection_value': {
        const inner = node.children[0];
        if (inner?.type === 'tuple') return this.tuple(inner);
        if (inner?.type === 'object') return this.object(inner);
        return { k: 'invalid', ...span };
      }
      case 'variable_expr':
        return { k: 'variable', name: this.slice(node), ...span };
      case 'function_call':
        return this.call(node);
      case 'for_expr':
        return this.forExpression(node.children[0] ?? node);
      case 'operation':
        return this.operation(node.children[0] ?? node);
      default:
        return { k: 'invalid', ...span };
    }
  }

  private literal(node: LNode): Expr {
    const span = { start: node.start, end: node.end };
    switch (node.type) {
      case 'numeric_lit':
        return { k: 'literal', value: Number(this.slice(node)), ...span };
      case 'bool_lit':
        return { k: 'literal', value: this.slice(node) === 'true', ...span };
      case 'null_lit':
        return { k: 'literal', value: null, ...span };
      case 'string_lit':
        return { k: 'literal', value: this.stringLiteral(node), ...span };
      default:
        return { k: 'invalid', ...span };
    }
  }

  private tuple(node: LNode): Expr {
    const items = node.children.filter((child) => child.type === 'expression').map((child) => this.expression(child));
    return { k: 'tuple', items, start: node.start, end: node.end };
  }

  object(node: LNode): Expr & { k: 'object' } {
    const items: ObjectItem[] = [];
    for (const element of node.children) {
      if (element.type !== 'object_elem') continue;
      const [keyNode, valueNode] = element.children.filter((child) => child.type === 'expression');
      if (!keyNode || !valueNode) continue;
      items.push({ key: this.objectKey(keyNode), value: this.expression(valueNode), start: element.start, end: element.end });
    }
    return { k: 'object', items, start: node.start, end: node.end };
  }

  /** A bare identifier key (`name = ...`) is the string "name", not a reference. */
  private objectKey(node: LNode): Expr {
    const only = node.children[0];
    if (node.children.length === 1 && only?.type === 'variable_expr') return { k: 'literal', value: this.slice(only), start: only.start, end: only.end };
    return this.expression(node);
  }

  private call(node: LNode): Expr {
    const name = node.children.find((child) => child.type === 'identifier');
    const argumentsNode = node.children.find((child) => child.type === 'function_arguments');
    const args = argumentsNode ? argumentsNode.children.filter((child) => child.type === 'expression').map((child) => this.expression(child)) : [];
    const expandFinal = argumentsNode ? argumentsNode.children.some((child) => child.type === 'ellipsis') : false;
    return { k: 'call', name: name ? this.slice(name) : '', args, expandFinal, start: node.start, end: node.end };
  }

  private forExpression(node: LNode): Expr {
    const intro = node.children.find((child) => child.type === 'for_intro');
    const names = intro ? intro.children.filter((child) => child.type === 'identifier').map((child) => this.slice(child)) : [];
    const collectionNode = intro?.children.find((child) => child.type === 'expression');
    const expressions = node.children.filter((child) => child.type === 'expression');
    const condNode = node.children.find((child) => child.type === 'for_cond')?.children.find((child) => child.type === 'expression');
    const span = { start: node.start, end: node.end };
    if (!collectionNode || names.length === 0) return { k: 'invalid', ...span };
    const keyVar = names.length > 1 ? names[0] : undefined;
    const valueVar = (names.length > 1 ? names[1] : names[0]) ?? '';
    const collection = this.expression(collectionNode);
    const cond = condNode ? this.expression(condNode) : undefined;
    if (node.type === 'for_object_expr') {
      const [keyNode, valueNode] = expressions;
      if (!keyNode || !valueNode) return { k: 'invalid', ...span };
      const grouping = node.children.some((child) => child.type === 'ellipsis');
      return withOptional({ k: 'for', valueVar, collection, key: this.expression(keyNode), value: this.expression(valueNode), grouping, ...span }, keyVar, cond);
    }
    const [valueNode] = expressions;
    if (!valueNode) return { k: 'invalid', ...span };
    return withOptional({ k: 'for', valueVar, collection, value: this.expression(valueNode), grouping: false, ...span }, keyVar, cond);
  }

  private operation(node: LNode): Expr {
    const span = { start: node.start, end: node.end };
    if (node.type === 'unary_operation') {
      const [operator, ...rest] = node.children;
      const op = operator && this.slice(operator) === '!' ? '!' : '-';
      return { k: 'unary', op, operand: this.term(rest, node), ...span };
    }
    if (node.type === 'binary_operation') {
      const at = node.children.findIndex((child, index) => index > 0 && BINARY_OPERATORS.has(child.type));
      const operator = node.children[at];
      if (at <= 0 || !operator) return { k: 'invalid', ...span };
      const left = node.children.slice(0, at);
      const right = node.children.slice(at + 1);
      const leftSpan = { start: node.start, end: left[left.length - 1]?.end ?? node.start };
      const rightSpan = { start: right[0]?.start ?? node.end, end: node.end };
      return { k: 'binary', op: operator.type as BinaryOperator, left: this.term(left, leftSpan), right: this.term(right, rightSpan), ...span };
    }
    return { k: 'invalid', ...span };
  }

  // --- templates -------------------------------------------------------------------------------------

  private quotedTemplate(node: LNode): Expr {
    const open = node.children[0];
    const close = node.children[node.children.length - 1];
    const contentStart = open?.end ?? node.start;
    const contentEnd = close && close !== open && close.type === 'quoted_template_end' ? close.start : node.end;
    const inner = node.children.slice(1, close?.type === 'quoted_template_end' ? -1 : undefined);
    const parts = this.templateParts(inner, contentStart, contentEnd, unescapeQuoted);
    this.applyStripMarkers(parts);
    return { k: 'template', parts, start: node.start, end: node.end };
  }

  private heredoc(node: LNode): Expr {
    const start = node.children.find((child) => child.type === 'heredoc_start');
    const identifiers = node.children.filter((child) => child.type === 'heredoc_identifier');
    const [opening, closing] = identifiers;
    const span = { start: node.start, end: node.end };
    if (!opening) return { k: 'invalid', ...span };
    const strip = start ? this.slice(start) === '<<-' : false;
    const rawStart = opening.end;
    const rawEnd = closing ? closing.start : node.end;
    const raw = this.text.slice(rawStart, rawEnd);
    // The content starts after the opening line and ends with the newline before the closing marker.
    const firstNewline = raw.indexOf('\n');
    const lastNewline = raw.lastIndexOf('\n');
    const contentStart = firstNewline === -1 ? rawEnd : rawStart + firstNewline + 1;
    const contentEnd = lastNewline === -1 || rawStart + lastNewline + 1 < contentStart ? contentStart : rawStart + lastNewline + 1;
    const inner = node.children.filter((child) => child.type === 'template_interpolation' || child.type === 'template_directive');
    const parts = this.templateParts(inner, contentStart, contentEnd, unescapeHeredoc);
    if (strip) stripIndentation(parts, this.text.slice(contentStart, contentEnd));
    this.applyStripMarkers(parts);
    return { k: 'template', parts, ...span };
  }

  /**
   * Template parts between `from` and `to`: the text between interpolations and directives is taken from the
   * source (tree-sitter leaves whitespace out of heredoc literals), the rest converted.
   */
  private templateParts(nodes: LNode[], from: number, to: number, unescape: (raw: string) => string): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let cursor = from;
    const pushText = (end: number): void => {
      if (end > cursor) parts.push({ k: 'text', text: unescape(this.text.slice(cursor, end)), span: { start: cursor, end } });
    };
    for (const node of nodes) {
      if (node.type !== 'template_interpolation' && node.type !== 'template_directive') continue;
      if (node.start < cursor || node.end > to) continue;
      pushText(node.start);
      if (node.type === 'template_interpolation') parts.push(this.interpolation(node));
      else {
        const directive = this.directive(node, unescape);
        if (directive) parts.push(directive);
      }
      cursor = node.end;
    }
    pushText(to);
    return parts;
  }

  private interpolation(node: LNode): TemplatePart {
    const expression = node.children.find((child) => child.type === 'expression');
    const expr: Expr = expression ? this.expression(expression) : { k: 'literal', value: '', start: node.start, end: node.end };
    const part: TemplatePart = { k: 'interp', expr, span: { start: node.start, end: node.end } };
    const markers = stripMarkers(node, 'expression');
    this.strips.set(part, { before: markers.left, after: markers.right });
    return part;
  }

  /** Strip markers (`${~ x ~}`, `%{ for ~}`): whitespace of the neighbouring text is removed, recursively. */
  private applyStripMarkers(parts: TemplatePart[]): void {
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (!part || part.k === 'text') continue;
      const strips = this.strips.get(part);
      if (strips?.before) trimText(parts, i - 1, 'end');
      if (strips?.after) trimText(parts, i + 1, 'start');
      if (part.k === 'for') {
        if (strips?.introRight) trimText(part.body, 0, 'start');
        if (strips?.endLeft) trimText(part.body, part.body.length - 1, 'end');
        this.applyStripMarkers(part.body);
      } else if (part.k === 'if') {
        if (strips?.introRight) trimText(part.then, 0, 'start');
        if (strips?.elseLeft) trimText(part.then, part.then.length - 1, 'end');
        if (strips?.elseRight) trimText(part.else, 0, 'start');
        if (strips?.endLeft) trimText(strips.hasElse ? part.else : part.then, (strips.hasElse ? part.else : part.then).length - 1, 'end');
        this.applyStripMarkers(part.then);
        this.applyStripMarkers(part.else);
      }
    }
  }

  private directive(node: LNode, unescape: (raw: string) => string): TemplatePart | undefined {
    const inner = node.children[0];
    if (!inner) return undefined;
    const span = { start: node.start, end: node.end };
    if (inner.type === 'template_if') {
      const intro = inner.children.find((child) => child.type === 'template_if_intro');
      const elseIntro = inner.children.find((child) => child.type === 'template_else_intro');
      const end = inner.children.find((child) => child.type === 'template_if_end');
      const condNode = intro?.children.find((child) => child.type === 'expression');
      if (!intro || !end || !condNode) return undefined;
      const body = inner.children.filter((child) => child !== intro && child !== elseIntro && child !== end);
      const thenNodes = body.filter((child) => !elseIntro || child.start < elseIntro.start);
      const elseNodes = elseIntro ? body.filter((child) => child.start >= elseIntro.end) : [];
      const then = this.templateParts(thenNodes, intro.end, elseIntro ? elseIntro.start : end.start, unescape);
      const otherwise = elseIntro ? this.templateParts(elseNodes, elseIntro.end, end.start, unescape) : [];
      const part: TemplatePart = { k: 'if', cond: this.expression(condNode), then, else: otherwise, span };
      const introMarkers = stripMarkers(intro, 'if');
      const elseMarkers = elseIntro ? stripMarkers(elseIntro, 'else') : { left: false, right: false };
      const endMarkers = stripMarkers(end, 'endif');
      this.strips.set(part, {
        before: introMarkers.left,
        introRight: introMarkers.right,
        elseLeft: elseMarkers.left,
        elseRight: elseMarkers.right,
        endLeft: endMarkers.left,
        after: endMarkers.right,
        hasElse: elseIntro !== undefined,
      });
      return part;
    }
    if (inner.type === 'template_for') {
      const intro = inner.children.find((child) => child.type === 'template_for_start');
      const end = inner.children.find((child) => child.type === 'template_for_end');
      if (!intro || !end) return undefined;
      const names = intro.children.filter((child) => child.type === 'identifier').map((child) => this.slice(child));
      const collectionNode = intro.children.find((child) => child.type === 'expression');
      if (!collectionNode || names.length === 0) return undefined;
      const body = inner.children.filter((child) => child !== intro && child !== end);
      const parts = this.templateParts(body, intro.end, end.start, unescape);
      const part: TemplatePart = {
        k: 'for',
        valueVar: (names.length > 1 ? names[1] : names[0]) ?? '',
        collection: this.expression(collectionNode),
        body: parts,
        span,
      };
      if (names.length > 1 && names[0] !== undefined) part.keyVar = names[0];
      const introMarkers = stripMarkers(intro, 'for');
      const endMarkers = stripMarkers(end, 'endfor');
      this.strips.set(part, { before: introMarkers.left, introRight: introMarkers.right, endLeft: endMarkers.left, after: endMarkers.right });
      return part;
    }
    return undefined;
  }
}

function withOptional(value: ForExpr, keyVar: string | undefined, cond: Expr | undefined): ForExpr {
  if (keyVar !== undefined) value.keyVar = keyVar;
  if (cond !== undefined) value.cond = cond;
  return value;
}

/** Escapes of quoted HCL strings: `\n \r \t \" \\ \uNNNN \UNNNNNNNN`, and `$${` / `%%{` for literal `${` / `%{`. */
export function unescapeQuoted(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('$${') && !raw.includes('%%{')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === '\\' && i + 1 < raw.length) {
      const next = raw[i + 1];
      i++;
      switch (next) {
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case 'u':
        case 'U': {
          const length = next === 'u' ? 4 : 8;
          const hex = raw.slice(i + 1, i + 1 + length);
          if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === length) {
            out += String.fromCodePoint(parseInt(hex, 16));
            i += length;
          } else out += `\\${next}`;
          break;
        }
        default:
          out += `\\${next ?? ''}`;
      }
    } else if ((char === '$' || char === '%') && raw[i + 1] === char && raw[i + 2] === '{') {
      out += `${char}{`;
      i += 2;
    } else {
      out += char;
    }
  }
  return out;
}

function unescapeHeredoc(raw: string): string {
  return raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** `<<-` heredocs: the smallest indentation of the non-blank lines is removed from every line (in place). */
function stripIndentation(parts: TemplatePart[], content: string): void {
  let indent = Infinity;
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue;
    indent = Math.min(indent, /^[ \t]*/.exec(line)?.[0].length ?? 0);
  }
  if (!Number.isFinite(indent) || indent === 0) return;
  let atLineStart = true;
  const visit = (list: TemplatePart[]): void => {
    for (let i = 0; i < list.length; i++) {
      const part = list[i];
      if (!part) continue;
      if (part.k === 'text') {
        const pieces = part.text.split('\n');
        const stripped = pieces.map((piece, index) => (index > 0 || atLineStart ? stripLeading(piece, indent) : piece));
        list[i] = { ...part, text: stripped.join('\n') };
        atLineStart = part.text.endsWith('\n');
      } else if (part.k === 'interp') {
        atLineStart = false;
      } else if (part.k === 'for') {
        atLineStart = false;
        visit(part.body);
        atLineStart = false;
      } else {
        atLineStart = false;
        visit(part.then);
        atLineStart = false;
        visit(part.else);
        atLineStart = false;
      }
    }
  };
  visit(parts);
}

/** `~` markers of an interpolation or directive node: before or after its keyword (or expression). */
function stripMarkers(node: LNode, keyword: string): { left: boolean; right: boolean } {
  const at = node.children.findIndex((child) => child.type === keyword);
  let left = false;
  let right = false;
  node.children.forEach((child, index) => {
    if (child.type !== 'strip_marker') return;
    if (at === -1 ? index <= 1 : index < at) left = true;
    else right = true;
  });
  return { left, right };
}

function trimText(parts: TemplatePart[], index: number, side: 'start' | 'end'): void {
  const part = parts[index];
  if (part?.k !== 'text') return;
  parts[index] = { ...part, text: side === 'start' ? part.text.replace(/^\s+/, '') : part.text.replace(/\s+$/, '') };
}

function stripLeading(line: string, count: number): string {
  let i = 0;
  while (i < count && i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}

/**
 * The grammar groups `a ? b : c ? d : e` to the left (`(a ? b : c) ? d : e`); HCL, like C, groups it to the
 * right: `a ? b : (c ? d : e)`. A condition that is itself an unparenthesised conditional is rotated.
 */
function rightAssociated(expr: ConditionalExpr): ConditionalExpr {
  const inner = expr.cond;
  if (inner.k !== 'conditional') return expr;
  const tail = rightAssociated({ k: 'conditional', cond: inner.else, then: expr.then, else: expr.else, start: inner.else.start, end: expr.end });
  return { k: 'conditional', cond: inner.cond, then: inner.then, else: tail, start: expr.start, end: expr.end };
}
