import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Expr, HclFile } from './ast.js';
import {
  asStringValue,
  bool,
  EvalError,
  firstUnknown,
  formatNumber,
  fromJson,
  list,
  NULL,
  num,
  object,
  set,
  str,
  toJsonText,
  valuesEqual,
  type ObjectValue,
  type Origin,
  type Value,
} from './values.js';

/**
 * Terraform built-in functions that can be computed from the configuration alone. A function not listed
 * here, or one that needs an unknown argument, makes the call unknown (never a guess). Errors that Terraform
 * would raise (wrong types, out-of-range indexes) are EvalErrors, which `try` and `can` catch.
 */

/** Thrown when an argument needed to compute the result is unknown: the whole call is unknown. */
export class NeedsUnknown extends Error {
  constructor() {
    super('unknown argument');
  }
}

export interface FunctionContext {
  /** The module's directory (`path.module`). */
  moduleDir: string;
  /** A file of the scan (or from the caller's reader) and its path as the scan spells it, for `file()`. */
  readFile(filePath: string): { path: string; text: string } | undefined;
  /** A file of the scan read as a string template, for `templatefile()`; undefined when absent or not a template. */
  template?(filePath: string): ParsedTemplate | undefined;
}

/** A template file parsed as a heredoc of a file of its own (values it writes are located at the call). */
export interface ParsedTemplate {
  expr: Expr;
  file: HclFile;
  /** The template as a heredoc expression (`<<EOT ... EOT`), the text of the call's value when it is partly unknown. */
  text: string;
  /** The template file's text as written, and where it starts in `file.text` (which wraps it in a heredoc). */
  written: string;
  writtenStart: number;
}

type Impl = (args: Value[], context: FunctionContext) => Value;

function known(value: Value | undefined): Value {
  if (!value) throw new EvalError('missing argument');
  if (value.t === 'unknown') throw new NeedsUnknown();
  return value;
}

function deepKnown(value: Value | undefined): Value {
  const checked = known(value);
  if (firstUnknown(checked)) throw new NeedsUnknown();
  return checked;
}

export function toStr(value: Value | undefined): string {
  const checked = known(value);
  switch (checked.t) {
    case 'string':
      return checked.value;
    case 'number':
      return formatNumber(checked.value);
    case 'bool':
      return checked.value ? 'true' : 'false';
    case 'json': {
      const text = asStringValue(checked);
      if (text === undefined) throw new NeedsUnknown();
      return text;
    }
    case 'null':
      throw new EvalError('null value where a string is required');
    default:
      throw new EvalError(`a ${checked.t} where a string is required`);
  }
}

export function toNum(value: Value | undefined): number {
  const checked = known(value);
  if (checked.t === 'number') return checked.value;
  if (checked.t === 'string' && checked.value.trim() !== '' && !Number.isNaN(Number(checked.value))) return Number(checked.value);
  throw new EvalError(`a ${checked.t} where a number is required`);
}

export function toBool(value: Value | undefined): boolean {
  const checked = known(value);
  if (checked.t === 'bool') return checked.value;
  if (checked.t === 'string' && (checked.value === 'true' || checked.value === 'false')) return checked.value === 'true';
  throw new EvalError(`a ${checked.t} where a bool is required`);
}

/** Elements of a list, or of a map/object (its values, by key order), as Terraform converts them. */
function elements(value: Value | undefined): Value[] {
  const checked = known(value);
  if (checked.t === 'list') return checked.items;
  if (checked.t === 'null') throw new EvalError('null where a collection is required');
  throw new EvalError(`a ${checked.t} where a list is required`);
}

function entriesOf(value: Value | undefined): ObjectValue {
  const checked = known(value);
  if (checked.t === 'object') return checked;
  if (checked.t === 'null') throw new EvalError('null where a map is required');
  throw new EvalError(`a ${checked.t} where a map is required`);
}

function sortedKeys(value: ObjectValue): string[] {
  return [...value.entries.keys()].sort();
}

function unique(items: Value[]): Value[] {
  const out: Value[] = [];
  let sawUnknown = false;
  for (const item of items) {
    if (firstUnknown(item)) {
      sawUnknown = true;
      out.push(item);
      continue;
    }
    if (out.some((existing) => valuesEqual(existing, item) === true)) continue;
    out.push(item);
  }
  if (sawUnknown) throw new NeedsUnknown();
  return out;
}

function stringList(value: Value | undefined): string[] {
  return elements(value).map(toStr);
}

/** `format` verbs that are common in configurations: %s %d %f %q %v %% (width/precision are honoured for %d/%f). */
/** One `format` verb (`%s`, `%05d`, `%%`). */
export const FORMAT_VERB = /%(-?\d*)(?:\.(\d+))?([sdfqvt%])/g;

export function format(spec: string, args: Value[]): string {
  // Explicit argument indexes (`%[2]s`) are not emulated: unknown rather than wrong.
  if (/%\[\d+\]/.test(spec)) throw new NeedsUnknown();
  let next = 0;
  return spec.replace(FORMAT_VERB, (_match, width: string, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    const value = args[next++];
    let text: string;
    switch (verb) {
      case 's':
      case 'v':
        text = value && known(value).t === 'object' ? toJsonText(deepKnown(value)) : toStr(value);
        break;
      case 'q':
        text = JSON.stringify(toStr(value));
        break;
      case 'd':
        text = Math.trunc(toNum(value)).toString();
        break;
      case 'f':
        text = toNum(value).toFixed(precision === undefined ? 6 : Number(precision));
        break;
      case 't':
        text = toBool(value) ? 'true' : 'false';
        break;
      default:
        throw new NeedsUnknown();
    }
    const size = Math.abs(Number(width || '0'));
    if (text.length < size) text = width.startsWith('-') ? text.padEnd(size) : text.padStart(size, width.startsWith('0') && verb !== 's' ? '0' : ' ');
    return text;
  });
}

function ipv4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) throw new NeedsUnknown();
  let value = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d+$/.test(part) || octet > 255) throw new EvalError(`invalid IP address ${text}`);
    value = value * 256 + octet;
  }
  return value;
}

function ipv4Text(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function parseCidr(text: string): { base: number; bits: number } {
  const [address, prefix] = text.split('/');
  if (address === undefined || prefix === undefined || address.includes(':')) throw new NeedsUnknown(); // IPv6: not computed
  const bits = Number(prefix);
  if (!Number.isInteger(bits) || bits < 0 || bits > 32) throw new EvalError(`invalid CIDR ${text}`);
  const size = 2 ** (32 - bits);
  return { base: Math.floor(ipv4(address) / size) * size, bits };
}

const FUNCTIONS: Record<string, Impl> = {
  // --- types
  tostring: ([value]) => (known(value).t === 'null' ? NULL : str(toStr(value))),
  tonumber: ([value]) => (known(value).t === 'null' ? NULL : num(toNum(value))),
  tobool: ([value]) => (known(value).t === 'null' ? NULL : bool(toBool(value))),
  tolist: ([value]) => {
    const checked = known(value);
    if (checked.t === 'null') return NULL;
    if (checked.t === 'object') throw new EvalError('cannot convert an object to a list');
    return list(elements(checked));
  },
  toset: ([value]) => {
    const checked = known(value);
    if (checked.t === 'null') return NULL;
    return set(sortSetItems(unique(elements(checked))));
  },
  tomap: ([value]) => {
    const checked = known(value);
    if (checked.t === 'null') return NULL;
    return entriesOf(checked);
  },
  nonsensitive: ([value]) => known(value),
  sensitive: ([value]) => known(value),
  // --- encoding
  jsonencode: ([value]) => ({ t: 'json', inner: known(value) }),
  // JSON is YAML: the encoded text is read as JSON where a string is needed, the value kept for the rules
  // (a kubectl_manifest's `yaml_body`).
  yamlencode: ([value]) => ({ t: 'json', inner: known(value) }),
  jsondecode: ([value]) => {
    const checked = known(value);
    if (checked.t === 'json') return checked.inner;
    const text = toStr(checked);
    let decoded: Value;
    try {
      decoded = fromJson(JSON.parse(text));
    } catch {
      throw new EvalError('jsondecode: invalid JSON');
    }
    const file = checked.t === 'string' ? checked.readFrom : undefined;
    return file === undefined ? decoded : { ...decoded, heldFrom: file };
  },
  base64encode: ([value]) => str(Buffer.from(toStr(value), 'utf8').toString('base64')),
  base64decode: ([value]) => str(Buffer.from(toStr(value), 'base64').toString('utf8')),
  urlencode: ([value]) => str(encodeURIComponent(toStr(value))),
  md5: ([value]) => str(createHash('md5').update(toStr(value)).digest('hex')),
  sha1: ([value]) => str(createHash('sha1').update(toStr(value)).digest('hex')),
  sha256: ([value]) => str(createHash('sha256').update(toStr(value)).digest('hex')),
  // --- collections
  merge: (args) => {
    const entries = new Map<string, Value>();
    const origins = new Map<string, Origin>();
    for (const arg of args) {
      const checked = known(arg);
      if (checked.t === 'null') continue;
      const map = entriesOf(checked);
      for (const [key, item] of map.entries) {
        entries.delete(key);
        entries.set(key, item);
        const origin = map.entryOrigins?.get(key);
        if (origin) origins.set(key, origin);
        else origins.delete(key);
      }
    }
    return object(entries, undefined, origins);
  },
  concat: (args) => list(args.flatMap((arg) => elements(arg))),
  lookup: ([map, key, fallback]) => {
    const entries = entriesOf(map);
    const found = entries.entries.get(toStr(key));
    if (found) return found;
    if (fallback) return fallback;
    throw new EvalError(`lookup: no key ${toStr(key)}`);
  },
  length: ([value]) => {
    const checked = known(value);
    if (checked.t === 'list') return num(checked.items.length);
    if (checked.t === 'object') return num(checked.entries.size);
    return num([...toStr(checked)].length);
  },
  contains: ([collection, value]) => {
    const items = elements(collection);
    const needle = known(value);
    let unknownSeen = firstUnknown(needle) !== undefined;
    for (const item of items) {
      const equal = valuesEqual(item, needle);
      if (equal === true) return bool(true);
      if (equal === undefined) unknownSeen = true;
    }
    if (unknownSeen) throw new NeedsUnknown();
    return bool(false);
  },
  keys: ([value]) => {
    const map = entriesOf(value);
    return list(sortedKeys(map).map((key) => str(key)));
  },
  values: ([value]) => {
    const map = entriesOf(value);
    return list(sortedKeys(map).map((key) => map.entries.get(key) ?? NULL));
  },
  element: ([collection, index]) => {
    const items = elements(collection);
    if (items.length === 0) throw new EvalError('element: empty list');
    const at = Math.trunc(toNum(index));
    if (at < 0) throw new EvalError('element: negative index');
    return items[at % items.length] ?? NULL;
  },
  flatten: ([value]) => {
    const out: Value[] = [];
    const visit = (item: Value): void => {
      if (item.t === 'unknown') throw new NeedsUnknown();
      if (item.t === 'list') item.items.forEach(visit);
      else out.push(item);
    };
    elements(value).forEach(visit);
    return list(out);
  },
  distinct: ([value]) => list(unique(elements(value))),
  compact: ([value]) => {
    const out: Value[] = [];
    for (const item of elements(value)) {
      const checked = known(item);
      if (checked.t === 'null') continue;
      if (toStr(checked) === '') continue;
      out.push(checked);
    }
    return list(out);
  },
  coalesce: (args) => {
    for (const arg of args) {
      const checked = known(arg);
      if (checked.t === 'null') continue;
      if (checked.t === 'string' && checked.value === '') continue;
      return checked;
    }
    throw new EvalError('coalesce: no non-null, non-empty argument');
  },
  coalescelist: (args) => {
    for (const arg of args) {
      const checked = known(arg);
      if (checked.t === 'null') continue;
      if (elements(checked).length > 0) return checked;
    }
    throw new EvalError('coalescelist: no non-empty list');
  },
  one: ([value]) => {
    const checked = known(value);
    if (checked.t === 'null') return NULL;
    const items = elements(checked);
    if (items.length === 0) return NULL;
    if (items.length === 1) return items[0] ?? NULL;
    throw new EvalError('one: more than one element');
  },
  slice: ([value, from, to]) => {
    const items = elements(value);
    const start = toNum(from);
    const end = toNum(to);
    if (start < 0 || end > items.length || start > end) throw new EvalError('slice: index out of range');
    return list(items.slice(start, end));
  },
  sort: ([value]) => list(stringList(value).sort().map((item) => str(item))),
  reverse: ([value]) => list([...elements(value)].reverse()),
  index: ([value, needle]) => {
    const items = elements(value);
    const target = deepKnown(needle);
    for (let i = 0; i < items.length; i++) {
      const equal = valuesEqual(items[i] ?? NULL, target);
      if (equal === undefined) throw new NeedsUnknown();
      if (equal) return num(i);
    }
    throw new EvalError('index: value not found');
  },
  zipmap: ([keys, values]) => {
    const names = stringList(keys);
    const items = elements(values);
    if (names.length !== items.length) throw new EvalError('zipmap: lists of different lengths');
    return object(new Map(names.map((name, i) => [name, items[i] ?? NULL])));
  },
  setunion: (args) => set(sortSetItems(unique(args.flatMap((arg) => elements(arg))))),
  setintersection: ([first, ...rest]) => {
    const items = unique(elements(first));
    const others = rest.map((arg) => elements(arg));
    return set(sortSetItems(items.filter((item) => others.every((other) => other.some((candidate) => valuesEqual(candidate, item) === true)))));
  },
  setsubtract: ([first, second]) => {
    const remove = elements(second);
    return set(sortSetItems(unique(elements(first)).filter((item) => !remove.some((candidate) => valuesEqual(candidate, item) === true))));
  },
  range: (args) => {
    const numbers = args.map(toNum);
    const [a = 0, b, c] = numbers;
    const start = numbers.length === 1 ? 0 : a;
    const end = numbers.length === 1 ? a : (b ?? 0);
    const step = c ?? (end >= start ? 1 : -1);
    if (step === 0) throw new EvalError('range: step of zero');
    const out: Value[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) {
      out.push(num(i));
      if (out.length > 10_000) throw new NeedsUnknown();
    }
    return list(out);
  },
  alltrue: ([value]) => {
    let result = true;
    for (const item of elements(value)) if (!toBool(item)) result = false;
    return bool(result);
  },
  anytrue: ([value]) => {
    let result = false;
    for (const item of elements(value)) if (toBool(item)) result = true;
    return bool(result);
  },
  sum: ([value]) => num(elements(value).reduce((total, item) => total + toNum(item), 0)),
  // --- strings
  join: ([separator, ...lists]) => str(lists.flatMap((item) => stringList(item)).join(toStr(separator))),
  split: ([separator, value]) => {
    const text = toStr(value);
    return list(text === '' ? [str('')] : text.split(toStr(separator)).map((item) => str(item)));
  },
  format: ([spec, ...args]) => str(format(toStr(spec), args)),
  formatlist: ([spec, ...args]) => {
    const pattern = toStr(spec);
    const lengths = args.map((arg) => (known(arg).t === 'list' ? elements(arg).length : -1)).filter((length) => length >= 0);
    const count = lengths.length > 0 ? Math.min(...lengths) : 1;
    const out: Value[] = [];
    for (let i = 0; i < count; i++) out.push(str(format(pattern, args.map((arg) => (known(arg).t === 'list' ? (elements(arg)[i] ?? NULL) : arg)))));
    return list(out);
  },
  lower: ([value]) => str(toStr(value).toLowerCase()),
  upper: ([value]) => str(toStr(value).toUpperCase()),
  title: ([value]) => str(toStr(value).replace(/\b\w/g, (char) => char.toUpperCase())),
  replace: ([value, search, replacement]) => {
    const text = toStr(value);
    const pattern = toStr(search);
    const by = toStr(replacement);
    if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) return str(literalRegexReplace(text, pattern.slice(1, -1), by));
    return str(text.split(pattern).join(by));
  },
  trimspace: ([value]) => str(toStr(value).trim()),
  trim: ([value, chars]) => {
    const set = new Set(toStr(chars));
    const text = [...toStr(value)];
    let start = 0;
    let end = text.length;
    while (start < end && set.has(text[start] ?? '')) start++;
    while (end > start && set.has(text[end - 1] ?? '')) end--;
    return str(text.slice(start, end).join(''));
  },
  trimprefix: ([value, prefix]) => {
    const text = toStr(value);
    const start = toStr(prefix);
    return str(text.startsWith(start) ? text.slice(start.length) : text);
  },
  trimsuffix: ([value, suffix]) => {
    const text = toStr(value);
    const end = toStr(suffix);
    return str(end !== '' && text.endsWith(end) ? text.slice(0, -end.length) : text);
  },
  chomp: ([value]) => str(toStr(value).replace(/(\r?\n)+$/, '')),
  substr: ([value, offset, length]) => {
    const chars = [...toStr(value)];
    let start = toNum(offset);
    if (start < 0) start = chars.length + start;
    const size = toNum(length);
    return str(chars.slice(start, size < 0 ? undefined : start + size).join(''));
  },
  startswith: ([value, prefix]) => bool(toStr(value).startsWith(toStr(prefix))),
  endswith: ([value, suffix]) => bool(toStr(value).endsWith(toStr(suffix))),
  strcontains: ([value, part]) => bool(toStr(value).includes(toStr(part))),
  indent: ([spaces, value]) => str(toStr(value).replace(/\n/g, `\n${' '.repeat(toNum(spaces))}`)),
  // --- numbers
  min: (args) => num(Math.min(...(args.length === 1 && known(args[0]).t === 'list' ? elements(args[0]) : args).map(toNum))),
  max: (args) => num(Math.max(...(args.length === 1 && known(args[0]).t === 'list' ? elements(args[0]) : args).map(toNum))),
  abs: ([value]) => num(Math.abs(toNum(value))),
  ceil: ([value]) => num(Math.ceil(toNum(value))),
  floor: ([value]) => num(Math.floor(toNum(value))),
  signum: ([value]) => num(Math.sign(toNum(value))),
  pow: ([base, exponent]) => num(toNum(base) ** toNum(exponent)),
  parseint: ([value, base]) => {
    const parsed = parseInt(toStr(value), toNum(base));
    if (Number.isNaN(parsed)) throw new EvalError('parseint: not a number');
    return num(parsed);
  },
  // --- paths and files
  basename: ([value]) => str(path.posix.basename(toStr(value))),
  dirname: ([value]) => str(path.posix.dirname(toStr(value))),
  file: ([value], context) => {
    const read = context.readFile(toStr(value));
    if (read === undefined) throw new NeedsUnknown();
    return { ...str(read.text), readFrom: read.path };
  },
  fileexists: ([value], context) => {
    if (context.readFile(toStr(value)) !== undefined) return bool(true);
    throw new NeedsUnknown();
  },
  // --- networks (IPv4)
  cidrsubnet: ([prefix, newbits, netnum]) => {
    const { base, bits } = parseCidr(toStr(prefix));
    const extra = toNum(newbits);
    const index = toNum(netnum);
    const size = bits + extra;
    if (size > 32 || index < 0 || index >= 2 ** extra) throw new EvalError('cidrsubnet: out of range');
    return str(`${ipv4Text(base + index * 2 ** (32 - size))}/${size}`);
  },
  cidrhost: ([prefix, hostnum]) => {
    const { base, bits } = parseCidr(toStr(prefix));
    let index = toNum(hostnum);
    const size = 2 ** (32 - bits);
    if (index < 0) index = size + index;
    if (index < 0 || index >= size) throw new EvalError('cidrhost: out of range');
    return str(ipv4Text(base + index));
  },
  cidrnetmask: ([prefix]) => {
    const { bits } = parseCidr(toStr(prefix));
    return str(ipv4Text(bits === 0 ? 0 : (0xffffffff - (2 ** (32 - bits) - 1)) >>> 0));
  },
};

/** Terraform sets are ordered: strings lexically, numbers numerically. */
function sortSetItems(items: Value[]): Value[] {
  if (items.every((item) => item.t === 'string')) return [...items].sort((a, b) => compareText((a as { value: string }).value, (b as { value: string }).value));
  if (items.every((item) => item.t === 'number')) return [...items].sort((a, b) => (a as { value: number }).value - (b as { value: number }).value);
  return items;
}

/** Code-unit order of two strings (Terraform's lexical order). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function hasFunction(name: string): boolean {
  return Object.hasOwn(FUNCTIONS, name);
}

/** Calls a built-in; throws NeedsUnknown or EvalError. The caller has checked `hasFunction`. */
export function callFunction(name: string, args: Value[], context: FunctionContext): Value {
  const impl = FUNCTIONS[name];
  if (!impl) throw new NeedsUnknown();
  return impl(args, context);
}

/** RE2 metacharacters: a pattern without them (unescaped) is a literal string. */
const REGEX_META = /[.*+?()[\]{}|^$\\]/;

/**
 * `replace(value, "/pattern/", replacement)` for the patterns that are an anchored or plain literal (`/^repo:/`,
 * `/\.git$/`, `/https:\/\//`): the common use, done exactly. Any other RE2 pattern is unknown (not emulated: a
 * backtracking engine would also open the scan to hostile patterns), and so is a replacement with `$` references.
 */
function literalRegexReplace(text: string, body: string, replacement: string): string {
  if (replacement.includes('$')) throw new NeedsUnknown();
  const start = body.startsWith('^');
  const end = body.endsWith('$') && !body.endsWith('\\$');
  const core = body.slice(start ? 1 : 0, end ? -1 : undefined);
  // Unescape `\/`, `\.`, `\-` ...; anything else that is special makes it a real regular expression.
  let literal = '';
  for (let i = 0; i < core.length; i++) {
    const char = core[i] ?? '';
    if (char === '\\') {
      const next = core[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) throw new NeedsUnknown(); // \d, \w, \b ...: classes
      literal += next;
      i++;
    } else if (REGEX_META.test(char)) throw new NeedsUnknown();
    else literal += char;
  }
  if (literal === '') throw new NeedsUnknown();
  if (start && end) return text === literal ? replacement : text;
  if (start) return text.startsWith(literal) ? replacement + text.slice(literal.length) : text;
  if (end) return text.endsWith(literal) ? text.slice(0, text.length - literal.length) + replacement : text;
  return text.split(literal).join(replacement);
}
