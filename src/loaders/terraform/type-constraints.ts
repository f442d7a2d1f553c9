import type { Expr } from './ast.js';
import { formatNumber } from './values.js';
import { list, NULL, num, object, str, bool, type Origin, type Value } from './values.js';

/**
 * Variable type constraints (`type = map(object({ port = number, public = optional(bool, false) }))`).
 * Terraform converts every input value to its variable's type: object types keep only their declared
 * attributes and fill absent or null optional ones with their defaults. Modules such as the
 * terraform-aws-modules ones rely on this for their secure (or insecure) defaults, so it is emulated.
 */

export type TypeSpec =
  | { k: 'any' }
  | { k: 'string' }
  | { k: 'number' }
  | { k: 'bool' }
  | { k: 'list' | 'set' | 'map'; elem: TypeSpec }
  | { k: 'tuple'; elems: TypeSpec[] }
  | { k: 'object'; attrs: Map<string, ObjectAttribute> };

export interface ObjectAttribute {
  type: TypeSpec;
  optional: boolean;
  /** The default of `optional(type, default)`, already evaluated (it is a constant). */
  default?: Value;
}

const ANY: TypeSpec = { k: 'any' };

/** Parses a type expression; `evaluateConstant` computes `optional()` defaults. Unknown forms are `any`. */
export function parseType(expr: Expr, evaluateConstant: (expr: Expr) => Value): TypeSpec {
  switch (expr.k) {
    case 'variable':
      return primitive(expr.name) ?? (expr.name === 'list' || expr.name === 'set' || expr.name === 'map' ? { k: expr.name, elem: ANY } : ANY);
    case 'literal':
      return typeof expr.value === 'string' ? (primitive(expr.value) ?? ANY) : ANY;
    case 'call': {
      const [first] = expr.args;
      switch (expr.name) {
        case 'list':
        case 'set':
        case 'map':
          return { k: expr.name, elem: first ? parseType(first, evaluateConstant) : ANY };
        case 'tuple':
          return first?.k === 'tuple' ? { k: 'tuple', elems: first.items.map((item) => parseType(item, evaluateConstant)) } : ANY;
        case 'object': {
          if (first?.k !== 'object') return ANY;
          const attrs = new Map<string, ObjectAttribute>();
          for (const item of first.items) {
            if (item.key.k !== 'literal' || typeof item.key.value !== 'string') continue;
            attrs.set(item.key.value, parseAttribute(item.value, evaluateConstant));
          }
          return { k: 'object', attrs };
        }
        default:
          return ANY;
      }
    }
    default:
      return ANY;
  }
}

function parseAttribute(expr: Expr, evaluateConstant: (expr: Expr) => Value): ObjectAttribute {
  if (expr.k === 'call' && expr.name === 'optional') {
    const [typeExpr, defaultExpr] = expr.args;
    const attribute: ObjectAttribute = { type: typeExpr ? parseType(typeExpr, evaluateConstant) : ANY, optional: true };
    if (defaultExpr) attribute.default = evaluateConstant(defaultExpr);
    return attribute;
  }
  return { type: parseType(expr, evaluateConstant), optional: false };
}

function primitive(name: string): TypeSpec | undefined {
  if (name === 'string' || name === 'number' || name === 'bool' || name === 'any') return { k: name };
  return undefined;
}

/**
 * Converts a value to a type as Terraform does for variables. Values that do not fit are kept as they are
 * (Terraform would refuse the configuration; a scanner reports what is written). Unknown stays unknown.
 */
export function convert(value: Value, type: TypeSpec): Value {
  if (value.t === 'unknown' || value.t === 'null' || type.k === 'any') return value;
  switch (type.k) {
    case 'string':
      if (value.t === 'number') return str(formatNumber(value.value), value.origin);
      if (value.t === 'bool') return str(value.value ? 'true' : 'false', value.origin);
      return value;
    case 'number':
      if (value.t === 'string' && value.value.trim() !== '' && !Number.isNaN(Number(value.value))) return num(Number(value.value), value.origin);
      return value;
    case 'bool':
      if (value.t === 'string' && (value.value === 'true' || value.value === 'false')) return bool(value.value === 'true', value.origin);
      return value;
    case 'list':
    case 'set': {
      if (value.t !== 'list') return value;
      const items = value.items.map((item) => convert(item, type.elem));
      return type.k === 'set' ? { ...list(items, value.origin), set: true } : list(items, value.origin);
    }
    case 'tuple': {
      if (value.t !== 'list') return value;
      return list(
        value.items.map((item, index) => convert(item, type.elems[index] ?? ANY)),
        value.origin,
      );
    }
    case 'map': {
      if (value.t !== 'object') return value;
      const entries = new Map<string, Value>();
      for (const [key, item] of value.entries) entries.set(key, convert(item, type.elem));
      return object(entries, value.origin, value.entryOrigins);
    }
    case 'object': {
      if (value.t !== 'object') return value;
      const entries = new Map<string, Value>();
      const origins = new Map<string, Origin>();
      for (const [key, attribute] of type.attrs) {
        const given = value.entries.get(key);
        const origin = value.entryOrigins?.get(key);
        if (origin) origins.set(key, origin);
        if (given && given.t !== 'null') entries.set(key, convert(given, attribute.type));
        else if (attribute.optional && attribute.default) entries.set(key, convert(attribute.default, attribute.type));
        else entries.set(key, given ?? NULL);
      }
      return object(entries, value.origin, origins);
    }
  }
}
