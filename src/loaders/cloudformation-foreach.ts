import type { JsonObject, JsonValue, NodePath } from '../model/types.js';
import { isObject } from '../util/json.js';
import { isUnknown } from '../util/unknown.js';

/** `Fn::ForEach::<LoopName>` (the `AWS::LanguageExtensions` transform): a key of `Resources` (or `Conditions`) that generates entries. */
export const FOR_EACH = /^Fn::ForEach::/;

/** An entry a loop generates (a resource, a condition): its name, its value with the loop's identifier replaced, where it is written. */
export interface GeneratedResource {
  logicalId: string;
  entry: JsonValue;
  /** The written entry: `['Resources', 'Fn::ForEach::Buckets', 2, 'Bucket${Name}']` (a nested loop's further down). */
  writtenAt: NodePath;
  /** The loops' identifiers and the items this entry was generated for: loops in its properties name them in their keys. */
  substitutions: ReadonlyArray<readonly [string, string]>;
}

export interface ForEachExpansion {
  resources: GeneratedResource[];
  /** Loops that cannot be expanded statically, with why, at their path. */
  problems: Array<{ path: NodePath; message: string }>;
}

/** Nested loops deeper than this are left unexpanded (CloudFormation allows five levels). */
const MAX_DEPTH = 5;
/** More resources than CloudFormation accepts in a template (500): a hostile or mistaken loop is not expanded past it. */
const MAX_GENERATED = 2000;

/** What the loops of one expansion (an outermost loop and those nested in it) may still generate. */
export function loopBudget(): { left: number } {
  return { left: MAX_GENERATED };
}

/**
 * Expands the loop `key: value` written at `at` the way the transform does: for each item of the collection (the
 * evaluator reads it: a literal list, a `CommaDelimitedList` parameter's value), each output key with
 * `${Identifier}` / `&{Identifier}` (alphanumerics only) replaced names a resource whose body has `Ref: Identifier`
 * and `${Identifier}` in `Fn::Sub` text replaced by the item. Loops inside the outputs are expanded in turn.
 */
export function expandForEach(
  key: string,
  value: JsonValue | undefined,
  at: NodePath,
  collectionOf: (collection: JsonValue, path: NodePath) => string[] | undefined,
  /** What the loop generates, for messages: `resources`, `conditions`, `properties`. */
  generates = 'resources',
  outer: ReadonlyArray<readonly [string, string]> = [],
  // Entries the whole expansion (nested loops included) may still generate: shared, so that a limit reached deep
  // inside stops every loop around it at once.
  budget = loopBudget(),
): ForEachExpansion {
  const depth = outer.length + 1;
  const out: ForEachExpansion = { resources: [], problems: [] };
  const fail = (message: string): ForEachExpansion => ({ resources: [], problems: [...out.problems, { path: at, message: `${key}: ${message}; the ${generates} it generates are not checked` }] });
  if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || !isObject(value[2])) return fail('a loop is [Identifier, Collection, {OutputKey: OutputValue}]');
  if (depth > MAX_DEPTH) return fail(`loops nested deeper than ${MAX_DEPTH} are not expanded`);
  const [identifier, collection, outputs] = value as [string, JsonValue, JsonObject];
  const items = collectionOf(collection, [...at, 1]);
  if (!items) return fail('its collection is not known from the template (a parameter without a default, an import): the loop is not expanded');
  const tooMany = `it would generate more than ${MAX_GENERATED} ${generates}, more than CloudFormation accepts: not expanded`;
  if (budget.left < 0 || items.length * Object.keys(outputs).length > budget.left) {
    budget.left = -1;
    return fail(tooMany);
  }
  for (const item of items) {
    // Output keys may name the identifiers of the loops around this one too.
    const substitutions = [...outer, [identifier, item] as const];
    for (const [outputKey, outputValue] of Object.entries(outputs)) {
      if (outputValue === undefined) continue;
      const written: NodePath = [...at, 2, outputKey];
      const entry = replaceIdentifier(outputValue, identifier, item);
      if (FOR_EACH.test(outputKey)) {
        const nested = expandForEach(outputKey, entry, written, collectionOf, generates, substitutions, budget);
        if (budget.left < 0) return fail(tooMany);
        out.resources.push(...nested.resources);
        for (const problem of nested.problems) if (!out.problems.some((known) => known.message === problem.message)) out.problems.push(problem);
        continue;
      }
      budget.left--;
      out.resources.push({ logicalId: replaceInKey(outputKey, substitutions), entry, writtenAt: written, substitutions });
    }
  }
  return out;
}

function replaceInKey(key: string, substitutions: ReadonlyArray<readonly [string, string]>): string {
  let result = key;
  for (const [identifier, item] of substitutions) {
    result = result.split(`\${${identifier}}`).join(item).split(`&{${identifier}}`).join(item.replace(/[^A-Za-z0-9]/g, ''));
  }
  return result;
}

/** `${Identifier}` in `Fn::Sub` text (not the literal `${!Identifier}`). */
function replaceInSub(text: string, identifier: string, item: string): string {
  return text.split(`\${${identifier}}`).join(item);
}

/** The value with `Ref: Identifier` and `${Identifier}` in `Fn::Sub` text replaced (copy-on-write). */
function replaceIdentifier(value: JsonValue, identifier: string, item: string): JsonValue {
  if (Array.isArray(value)) {
    let copy: JsonValue[] | undefined;
    value.forEach((entry, index) => {
      const replaced = replaceIdentifier(entry, identifier, item);
      if (replaced !== entry) (copy ??= [...value])[index] = replaced;
    });
    return copy ?? value;
  }
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && value.Ref === identifier) return item;
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    const sub = value['Fn::Sub'];
    // Text with nothing left to substitute is a plain string (a Condition name written `!Sub "Is${Env}"`).
    if (typeof sub === 'string') {
      const text = replaceInSub(sub, identifier, item);
      return text.includes('${') ? { 'Fn::Sub': text } : text;
    }
    // `[text, variables]`: a variable of the same name hides the identifier.
    if (Array.isArray(sub) && typeof sub[0] === 'string' && !(isObject(sub[1]) && identifier in sub[1])) {
      return { 'Fn::Sub': [replaceInSub(sub[0], identifier, item), ...sub.slice(1).map((entry) => replaceIdentifier(entry, identifier, item))] };
    }
  }
  let copy: JsonObject | undefined;
  for (const key of keys) {
    const entry = value[key];
    if (entry === undefined) continue;
    const replaced = replaceIdentifier(entry, identifier, item);
    if (replaced !== entry) (copy ??= { ...value })[key] = replaced;
  }
  return copy ?? value;
}

/** The items of a loop's collection, evaluated: a list of strings (or numbers); undefined when not known. */
export function loopItems(value: JsonValue | undefined): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items = value.map((item) => (typeof item === 'string' && !isUnknown(item) ? item : typeof item === 'number' ? String(item) : undefined));
  return items.every((item): item is string => item !== undefined) ? items : undefined;
}
