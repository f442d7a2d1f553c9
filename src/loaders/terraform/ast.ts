/**
 * The HCL syntax tree the Terraform loader works on: plain objects with UTF-16 offsets into the file text,
 * built once from the tree-sitter tree (which is freed right after). Offsets are what a source map needs;
 * lines are computed only when a finding asks for one.
 */

export interface Span {
  start: number;
  end: number;
}

/** One HCL file of the scan. */
export interface HclFile {
  /** Path as given (shown in reports). */
  path: string;
  /** Directory of `path` (posix separators), the Terraform module it belongs to. */
  dir: string;
  text: string;
  body: Body;
  /** An override file (`override.tf`, `*_override.tf`, and `.tf.json` forms): merged into the blocks it overrides. */
  override?: boolean;
}

export interface Body {
  /** Attributes and blocks in source order. */
  items: Array<Attribute | Block>;
}

export interface Attribute extends Span {
  kind: 'attribute';
  name: string;
  expr: Expr;
  /** Set when written in another file than the block holding it (merged in from an override file). */
  file?: HclFile;
}

export interface Block extends Span {
  kind: 'block';
  type: string;
  labels: string[];
  body: Body;
  /** Set when written in another file than the block holding it (merged in from an override file). */
  file?: HclFile;
}

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | CallExpr
  | ForExpr
  | ConditionalExpr
  | UnaryExpr
  | BinaryExpr
  | ParenExpr
  | InvalidExpr;

export interface LiteralExpr extends Span {
  k: 'literal';
  value: string | number | boolean | null;
}

/** Template parts; strip markers (`~`) and `<<-` indentation are already applied to the text parts. */
export type TemplatePart =
  | { k: 'text'; text: string; span: Span }
  | { k: 'interp'; expr: Expr; span: Span }
  | { k: 'if'; cond: Expr; then: TemplatePart[]; else: TemplatePart[]; span: Span }
  | { k: 'for'; keyVar?: string; valueVar: string; collection: Expr; body: TemplatePart[]; span: Span };

export interface TemplateExpr extends Span {
  k: 'template';
  parts: TemplatePart[];
}

export interface TupleExpr extends Span {
  k: 'tuple';
  items: Expr[];
}

export interface ObjectItem extends Span {
  /** A bare identifier key is a literal string in HCL (`{ name = 1 }`): it comes as a literal expression. */
  key: Expr;
  value: Expr;
}

export interface ObjectExpr extends Span {
  k: 'object';
  items: ObjectItem[];
}

export interface VariableExpr extends Span {
  k: 'variable';
  name: string;
}

export interface GetAttrExpr extends Span {
  k: 'getattr';
  target: Expr;
  name: string;
}

export interface IndexExpr extends Span {
  k: 'index';
  target: Expr;
  index: Expr;
}

/** `target[*].rest...` or `target.*.rest...`: `rest` is applied to each element. */
export interface SplatExpr extends Span {
  k: 'splat';
  target: Expr;
  /** Steps applied to each element: the placeholder `each` stands for the element. */
  rest: Expr;
}

export interface CallExpr extends Span {
  k: 'call';
  name: string;
  args: Expr[];
  /** `f(a, list...)`: the last argument's elements are the final arguments. */
  expandFinal: boolean;
}

export interface ForExpr extends Span {
  k: 'for';
  keyVar?: string;
  valueVar: string;
  collection: Expr;
  /** For a tuple result: the element; for an object result: the value. */
  value: Expr;
  /** Object result only. */
  key?: Expr;
  grouping: boolean;
  cond?: Expr;
}

export interface ConditionalExpr extends Span {
  k: 'conditional';
  cond: Expr;
  then: Expr;
  else: Expr;
}

export interface UnaryExpr extends Span {
  k: 'unary';
  op: '-' | '!';
  operand: Expr;
}

export type BinaryOperator = '*' | '/' | '%' | '+' | '-' | '>' | '>=' | '<' | '<=' | '==' | '!=' | '&&' | '||';

export interface BinaryExpr extends Span {
  k: 'binary';
  op: BinaryOperator;
  left: Expr;
  right: Expr;
}

export interface ParenExpr extends Span {
  k: 'paren';
  expr: Expr;
}

/** A construct the converter did not understand (never in a file that parsed without errors, in principle). */
export interface InvalidExpr extends Span {
  k: 'invalid';
}

/** The placeholder a splat's `rest` starts from. */
export const SPLAT_ELEMENT = '\u0000splat';

export function findAttribute(body: Body, name: string): Attribute | undefined {
  for (const item of body.items) if (item.kind === 'attribute' && item.name === name) return item;
  return undefined;
}

export function findBlocks(body: Body, type: string): Block[] {
  return body.items.filter((item): item is Block => item.kind === 'block' && item.type === type);
}
