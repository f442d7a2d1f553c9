import type { FindingSuppression, JsonObject, Resource, SourceFile } from '../model/types.js';
import { asObject } from '../util/json.js';

/**
 * Inline suppressions. Two forms, same grammar per entry: `<rule-id>[ until=YYYY-MM-DD]: <reason>`.
 *
 * - Annotations: `seaworthy.dev/suppress` on the object (one entry per line) applies to the whole object;
 *   `seaworthy.dev/suppress.<container>` applies to findings about that container only.
 * - Comments: `# seaworthy-ignore <entry>` (in HCL also `// ...` and block comments) applies to findings starting on
 *   the comment's line (a trailing comment) or on the line after it.
 * - The configuration file's `suppressions` (config-suppressions.ts), for files that cannot hold either.
 *
 * An entry without a reason, with a malformed date or naming no rule suppresses nothing and is reported by
 * `core/invalid-suppression`; an expired one suppresses nothing and is reported by `core/expired-suppression`.
 */

export const SUPPRESS_ANNOTATION = 'seaworthy.dev/suppress';
export const CONTAINER_SUPPRESS_PREFIX = 'seaworthy.dev/suppress.';
export const SUPPRESS_COMMENT = 'seaworthy-ignore';

export interface SuppressionEntry {
  ruleId: string;
  reason: string;
  /** YYYY-MM-DD, inclusive. */
  until?: string;
  /** Why the entry is invalid, when it is. */
  problem?: string;
  raw: string;
}

export interface AnnotationSuppression extends SuppressionEntry {
  /** Annotation key that holds it. */
  annotation: string;
  /** Where its line starts in the annotation's value (a string value only). */
  offset?: number;
  /** Container it is limited to, for the per-container form. */
  container?: string;
}

export interface CommentSuppression extends SuppressionEntry {
  /** 1-based line of the comment. */
  line: number;
  /** 1-based line whose findings it suppresses. */
  target: number;
}

const RULE_ID = /^[a-z0-9]+\/[a-z0-9]+(-[a-z0-9]+)*$/;

/** Parses `<rule-id>[ until=YYYY-MM-DD]: <reason>`; a malformed entry comes back with a `problem`. */
export function parseEntry(raw: string, knownRuleIds: ReadonlySet<string>): SuppressionEntry {
  const text = raw.trim();
  const ruleId = /^[^\s:]*/.exec(text)?.[0] ?? '';
  let rest = text.slice(ruleId.length);
  let until: string | undefined;
  const expiry = /^\s+until=([^\s:]*)/.exec(rest);
  if (expiry) {
    until = expiry[1] ?? '';
    rest = rest.slice(expiry[0].length);
  }
  rest = rest.trim();
  const separated = rest.startsWith(':');
  const reason = separated ? rest.slice(1).trim() : '';
  const entry: SuppressionEntry = { ruleId, reason, raw: text };
  if (until !== undefined) entry.until = until;
  if (ruleId === '') entry.problem = 'no rule id';
  else if (!RULE_ID.test(ruleId)) entry.problem = `"${ruleId}" is not a rule id`;
  else if (!knownRuleIds.has(ruleId)) entry.problem = `unknown rule "${ruleId}"`;
  else if (until !== undefined && !isIsoDate(until)) entry.problem = `expiry "${until}" is not a date (YYYY-MM-DD)`;
  else if (!separated && rest !== '') entry.problem = `expected ":" before the reason (write "${ruleId}: <why this is accepted>")`;
  else if (reason === '') entry.problem = `no reason given (write "${ruleId}: <why this is accepted>")`;
  else if (hasSecondEntry(reason, knownRuleIds)) entry.problem = 'several entries on one line (put one per line, in a literal block `|` for annotations)';
  return entry;
}

/** A folded YAML scalar (`>` or a plain multi-line value) joins entries into one line: `a/b: why c/d: why`. */
function hasSecondEntry(reason: string, knownRuleIds: ReadonlySet<string>): boolean {
  for (const match of reason.matchAll(/(?:^|\s)([a-z0-9]+\/[a-z0-9-]+)(?:\s+until=\S*)?:/g)) {
    if (knownRuleIds.has(match[1] ?? '')) return true;
  }
  return false;
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function isExpired(entry: Pick<SuppressionEntry, 'until'>, today: string): boolean {
  return entry.until !== undefined && entry.until < today;
}

const annotationCache = new WeakMap<object, { knownRuleIds: ReadonlySet<string>; entries: readonly AnnotationSuppression[] }>();
const NO_ANNOTATIONS: readonly AnnotationSuppression[] = [];

/**
 * The suppression annotations of a resource, parsed once per resource. Most resources have none: they are
 * answered without a cache entry (every finding asks, and weak-map entries for each resource cost garbage
 * collection time in scans of tens of thousands of objects).
 */
export function annotationSuppressions(resource: Resource, knownRuleIds: ReadonlySet<string>): readonly AnnotationSuppression[] {
  const annotations = asObject(asObject(resource.body.metadata)?.annotations);
  if (!annotations || !hasSuppressionKey(annotations)) return NO_ANNOTATIONS;
  const cached = annotationCache.get(resource.body);
  if (cached && cached.knownRuleIds === knownRuleIds) return cached.entries;
  const entries = parseAnnotationSuppressions(annotations, knownRuleIds);
  annotationCache.set(resource.body, { knownRuleIds, entries });
  return entries;
}

function hasSuppressionKey(annotations: JsonObject): boolean {
  for (const key in annotations) if (key.startsWith(SUPPRESS_ANNOTATION)) return true;
  return false;
}

function parseAnnotationSuppressions(annotations: JsonObject, knownRuleIds: ReadonlySet<string>): AnnotationSuppression[] {
  const result: AnnotationSuppression[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    let container: string | undefined;
    if (key === SUPPRESS_ANNOTATION) container = undefined;
    else if (key.startsWith(CONTAINER_SUPPRESS_PREFIX)) container = key.slice(CONTAINER_SUPPRESS_PREFIX.length);
    else continue;
    // One entry per line (use a literal block scalar `|` for several).
    const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
    let offset = 0;
    for (const line of text.split('\n')) {
      const start = offset;
      offset += line.length + 1;
      if (line.trim() === '') continue;
      const entry: AnnotationSuppression = { ...parseEntry(line.replace(/\r$/, ''), knownRuleIds), annotation: key };
      if (typeof value === 'string') entry.offset = start;
      if (container !== undefined) {
        entry.container = container;
        if (container === '' && entry.problem === undefined) entry.problem = `no container name after "${CONTAINER_SUPPRESS_PREFIX}"`;
      }
      result.push(entry);
    }
  }
  return result;
}

const commentCache = new WeakMap<object, { text: string; knownRuleIds: ReadonlySet<string>; entries: CommentSuppression[] }>();

/** HCL files also have `//` and block comments. */
const HCL_FILE = /\.(tf|tfvars|hcl)$/i;
const HASH_COMMENT = /#\s*seaworthy-ignore(?![\w-])(.*)$/;
/** `#` and `//` run to the end of the line; a block comment ends at its `*\/`, and code may follow it. */
const ANY_COMMENT = /(?:(?:#|\/\/)\s*seaworthy-ignore(?![\w-])(.*)$|\/\*\s*seaworthy-ignore(?![\w-])(.*?)\*\/(.*)$)/;

/**
 * `# seaworthy-ignore ...` comments of a file (in HCL also `//` and block comments), parsed once per file. A trailing
 * comment (code before it) targets its own line; a comment on a line of its own targets the next line that is
 * not a comment, so several stacked comments can target one line.
 */
export function commentSuppressions(file: SourceFile, knownRuleIds: ReadonlySet<string>): CommentSuppression[] {
  const { text } = file;
  const cached = commentCache.get(file);
  if (cached && cached.text === text && cached.knownRuleIds === knownRuleIds) return cached.entries;
  const entries: CommentSuppression[] = [];
  if (text.includes(SUPPRESS_COMMENT)) {
    const hcl = HCL_FILE.test(file.path);
    const pattern = hcl ? ANY_COMMENT : HASH_COMMENT;
    const commentLine = hcl ? /^\s*(#|\/\/|\/\*)/ : /^\s*#/;
    const lines = text.split(/\r?\n/);
    lines.forEach((lineText, index) => {
      const match = pattern.exec(lineText);
      if (!match) return;
      const line = index + 1;
      let target = line;
      // On a line of its own (nothing before it, and nothing after a block comment's end): the next line.
      const after = (match[3] ?? '').trim();
      if (lineText.slice(0, match.index).trim() === '' && (after === '' || /^(#|\/\/|\/\*)/.test(after))) {
        let next = index + 1;
        while (next < lines.length && commentLine.test(lines[next] ?? '')) next++;
        target = next + 1;
      }
      entries.push({ ...parseEntry((match[1] ?? match[2] ?? '').trim(), knownRuleIds), line, target });
    });
  }
  commentCache.set(file, { text, knownRuleIds, entries });
  return entries;
}

/** What a report says of the suppression that accepts a finding. */
export function acceptedBy(kind: FindingSuppression['kind'], entry: { reason: string; until?: string | undefined }): FindingSuppression {
  return entry.until === undefined ? { kind, reason: entry.reason } : { kind, reason: entry.reason, until: entry.until };
}
