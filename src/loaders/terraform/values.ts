import type { HclFile, Span } from './ast.js';

/**
 * Values of the Terraform evaluator. Each remembers where it was written (`origin`: a span of one file), so
 * that a path inside a resource body can be located even when the value went through locals, `merge`,
 * conditionals, `for` expressions or `jsonencode`.
 */

export interface Origin {
  file: HclFile;
  start: number;
  end: number;
}

/** A reference to something outside the configuration's static values: a resource, data source or module. */
export interface Reference {
  /** Full address of the referenced object, module path included: `module.app.aws_iam_role.task`, `data.aws_region.current`. */
  address: string;
  /** The attribute read (`arn`), when one is. */
  attribute?: string;
  /**
   * Only some, unknown, elements of the referenced collection are used: a `for` expression with an `if` filter
   * over it, or a key looked up in a value built from it (`local.groups["app"]`). Not which instances.
   */
  subset?: true;
}

/** The same references, marked as reaching only some elements of what they name. */
export function subsetOf(refs: readonly Reference[]): Reference[] {
  return refs.map((ref) => (ref.subset ? ref : { ...ref, subset: true }));
}

interface Base {
  origin?: Origin;
  /** Decoded from the text of a scanned file (`jsondecode(file("policy.json"))`): that file's path. */
  heldFrom?: string;
}

export interface NullValue extends Base {
  t: 'null';
}
export interface StringValue extends Base {
  t: 'string';
  value: string;
  /** The scanned file whose whole text this is (`file("policy.json")`): findings inside it are located there. */
  readFrom?: string;
  /** With `readFrom`, when this is a rendering of the file (`templatefile()`): the file's text as written. */
  writtenText?: string;
}
export interface NumberValue extends Base {
  t: 'number';
  value: number;
}
export interface BoolValue extends Base {
  t: 'bool';
  value: boolean;
}
export interface ListValue extends Base {
  t: 'list';
  items: Value[];
  /** A set (`toset`, `set(...)` variables): iterating gives each element as its own key. */
  set?: true;
}
export interface ObjectValue extends Base {
  t: 'object';
  entries: Map<string, Value>;
  /** Where each entry (key and value) is written, when it is. */
  entryOrigins?: Map<string, Origin>;
}
/** `jsonencode(x)`: a string whose content is `x`. Kept as `x` so that paths inside it can be located. */
export interface JsonValue extends Base {
  t: 'json';
  inner: Value;
}
export interface UnknownValue extends Base {
  t: 'unknown';
  /** The expression as written where the value could not be computed. */
  text: string;
  refs: readonly Reference[];
  /** An element of a `for` result whose condition is unknown: it may not exist at all. */
  maybeAbsent?: true;
}

export type Value = NullValue | StringValue | NumberValue | BoolValue | ListValue | ObjectValue | JsonValue | UnknownValue;

export const NULL: NullValue = { t: 'null' };

export function str(value: string, origin?: Origin): StringValue {
  return origin ? { t: 'string', value, origin } : { t: 'string', value };
}
export function num(value: number, origin?: Origin): NumberValue {
  return origin ? { t: 'number', value, origin } : { t: 'number', value };
}
export function bool(value: boolean, origin?: Origin): BoolValue {
  return origin ? { t: 'bool', value, origin } : { t: 'bool', value };
}
export function list(items: Value[], origin?: Origin): ListValue {
  return origin ? { t: 'list', items, origin } : { t: 'list', items };
}
export function object(entries: Map<string, Value>, origin?: Origin, entryOrigins?: Map<string, Origin>): ObjectValue {
  const value: ObjectValue = { t: 'object', entries };
  if (origin) value.origin = origin;
  if (entryOrigins && entryOrigins.size > 0) value.entryOrigins = entryOrigins;
  return value;
}
export function set(items: Value[], origin?: Origin): ListValue {
  return { ...list(items, origin), set: true };
}
export function unknown(text: string, refs: readonly Reference[] = [], origin?: Origin): UnknownValue {
  return origin ? { t: 'unknown', text, refs, origin } : { t: 'unknown', text, refs };
}

export function originOf(file: HclFile, span: Span): Origin {
  return { file, start: span.start, end: span.end };
}

/** The same value seen from another place (a new origin), without copying its content. */
export function withOrigin(value: Value, origin: Origin | undefined): Value {
  if (!origin || value.origin === origin) return value;
  return { ...value, origin };
}

/** Error of the configuration itself (wrong index, missing attribute, type mismatch): `try` and `can` catch these. */
export class EvalError extends Error {}

/** An expression `terraform plan` itself rejects (a duplicate key in a `for`): an error of the scan, not a warning. */
export class TerraformError extends EvalError {}

/** Unknown anywhere inside (jsonencode of a partly unknown value, for instance, is unknown as a string). */
export function firstUnknown(value: Value): UnknownValue | undefined {
  switch (value.t) {
    case 'unknown':
      return value;
    case 'list':
      for (const item of value.items) {
        const found = firstUnknown(item);
        if (found) return found;
      }
      return undefined;
    case 'object':
      for (const item of value.entries.values()) {
        const found = firstUnknown(item);
        if (found) return found;
      }
      return undefined;
    case 'json':
      return firstUnknown(value.inner);
    default:
      return undefined;
  }
}

export function collectRefs(values: readonly Value[]): Reference[] {
  const out: Reference[] = [];
  const seen = new Set<string>();
  const visit = (value: Value): void => {
    switch (value.t) {
      case 'unknown':
        for (const ref of value.refs) {
          const key = `${ref.address}\u0000${ref.attribute ?? ''}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push(ref);
        }
        return;
      case 'list':
        value.items.forEach(visit);
        return;
      case 'object':
        for (const item of value.entries.values()) visit(item);
        return;
      case 'json':
        visit(value.inner);
        return;
      default:
        return;
    }
  };
  values.forEach(visit);
  return out;
}

/** Terraform's string form of a primitive (numbers without a trailing `.0`). */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toFixed(0).replace(/^-0$/, '0');
  return String(value);
}

/** JSON text of a fully known value, as `jsonencode` prints it (object keys sorted, like Terraform). */
export function toJsonText(value: Value): string {
  switch (value.t) {
    case 'null':
      return 'null';
    case 'string':
      return JSON.stringify(value.value);
    case 'number':
      return formatNumber(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'list':
      return `[${value.items.map(toJsonText).join(',')}]`;
    case 'object': {
      const keys = [...value.entries.keys()].sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${toJsonText(value.entries.get(key) ?? NULL)}`).join(',')}}`;
    }
    case 'json':
      return JSON.stringify(toJsonText(value.inner));
    case 'unknown':
      throw new EvalError('unknown value in jsonencode');
  }
}

/** Converts plain JSON (jsondecode, plan files, tfvars.json) to values, with one origin for all of it. */
export function fromJson(data: unknown, origin?: Origin): Value {
  if (data === null || data === undefined) return origin ? { t: 'null', origin } : NULL;
  if (typeof data === 'string') return str(data, origin);
  if (typeof data === 'number') return num(data, origin);
  if (typeof data === 'boolean') return bool(data, origin);
  if (Array.isArray(data)) return list(data.map((item) => fromJson(item, origin)), origin);
  if (typeof data === 'object') {
    const entries = new Map<string, Value>();
    for (const [key, item] of Object.entries(data as Record<string, unknown>)) entries.set(key, fromJson(item, origin));
    return object(entries, origin);
  }
  return NULL;
}

/** Strict equality of known values; undefined when either side has unknown parts. */
export function valuesEqual(a: Value, b: Value): boolean | undefined {
  if (a.t === 'unknown' || b.t === 'unknown') return undefined;
  if (a.t === 'json' || b.t === 'json') {
    const left = asStringValue(a);
    const right = asStringValue(b);
    if (left === undefined || right === undefined) return a.t === b.t ? valuesEqual(innerOf(a), innerOf(b)) : false;
    return left === right;
  }
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'null':
      return true;
    case 'string':
    case 'number':
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'list': {
      const other = b as ListValue;
      if (a.items.length !== other.items.length) return false;
      let result: boolean | undefined = true;
      for (let i = 0; i < a.items.length; i++) {
        const equal = valuesEqual(a.items[i] ?? NULL, other.items[i] ?? NULL);
        if (equal === false) return false;
        if (equal === undefined) result = undefined;
      }
      return result;
    }
    case 'object': {
      const other = b as ObjectValue;
      if (a.entries.size !== other.entries.size) return false;
      let result: boolean | undefined = true;
      for (const [key, item] of a.entries) {
        const counterpart = other.entries.get(key);
        if (!counterpart) return false;
        const equal = valuesEqual(item, counterpart);
        if (equal === false) return false;
        if (equal === undefined) result = undefined;
      }
      return result;
    }
  }
  return false;
}

function innerOf(value: Value): Value {
  return value.t === 'json' ? value.inner : value;
}

/** String content of a string or a fully known jsonencode result. */
export function asStringValue(value: Value): string | undefined {
  if (value.t === 'string') return value.value;
  if (value.t === 'json') {
    if (firstUnknown(value.inner)) return undefined;
    return toJsonText(value.inner);
  }
  return undefined;
}
