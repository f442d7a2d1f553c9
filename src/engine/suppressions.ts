import type { Resource } from '../model/types.js';
import { asObject } from '../util/json.js';

/**
 * Inline suppressions. Two forms, same grammar per entry: `<rule-id>[ until=YYYY-MM-DD]: <reason>`.
 *
 * - Annotations: `seaworthy.dev/suppress` on the object (one entry per line) applies to the whole object;
 *   `seaworthy.dev/suppress.<container>` applies to findings about that container only.
 * - YAML comments: `# seaworthy-ignore <entry>` applies to findings starting on the comment's line
 *   (a trailing comment) or on the line after it.
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
  /** Container it is limited to, for the per-container form. */
  container?: string;
}

export interface CommentSuppression extends SuppressionEntry {
  /** 1-based line of the comment. */
  line: number;
}

const ENTRY = /^\s*(\S+?)(?:\s+until=(\S+))?\s*(?::\s*(.*))?$/;
const RULE_ID = /^[a-z0-9]+\/[a-z0-9]+(-[a-z0-9]+)*$/;

export function parseEntry(raw: string, knownRuleIds: ReadonlySet<string>): SuppressionEntry {
  const text = raw.trim();
  const match = ENTRY.exec(text);
  const ruleId = match?.[1] ?? '';
  const until = match?.[2];
  const reason = (match?.[3] ?? '').trim();
  const entry: SuppressionEntry = { ruleId, reason, raw: text };
  if (until !== undefined) entry.until = until;
  if (!RULE_ID.test(ruleId)) entry.problem = `"${ruleId}" is not a rule id`;
  else if (!knownRuleIds.has(ruleId)) entry.problem = `unknown rule "${ruleId}"`;
  else if (until !== undefined && !isIsoDate(until)) entry.problem = `expiry "${until}" is not a date (YYYY-MM-DD)`;
  else if (reason === '') entry.problem = `no reason given (write "${ruleId}: <why this is accepted>")`;
  return entry;
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function isExpired(entry: Pick<SuppressionEntry, 'until'>, today: string): boolean {
  return entry.until !== undefined && entry.until < today;
}

export function annotationSuppressions(resource: Resource, knownRuleIds: ReadonlySet<string>): AnnotationSuppression[] {
  const annotations = asObject(asObject(resource.body.metadata)?.annotations);
  if (!annotations) return [];
  const result: AnnotationSuppression[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    let container: string | undefined;
    if (key === SUPPRESS_ANNOTATION) container = undefined;
    else if (key.startsWith(CONTAINER_SUPPRESS_PREFIX)) container = key.slice(CONTAINER_SUPPRESS_PREFIX.length);
    else continue;
    for (const line of String(value ?? '').split('\n')) {
      if (line.trim() === '') continue;
      const entry: AnnotationSuppression = { ...parseEntry(line, knownRuleIds), annotation: key };
      if (container !== undefined) entry.container = container;
      result.push(entry);
    }
  }
  return result;
}

const commentCache = new WeakMap<object, { text: string; entries: Array<{ line: number; raw: string }> }>();

/** `# seaworthy-ignore ...` comments of a file (scanned once per file text). */
export function commentSuppressions(fileKey: object, text: string, knownRuleIds: ReadonlySet<string>): CommentSuppression[] {
  let cached = commentCache.get(fileKey);
  if (!cached || cached.text !== text) {
    const entries: Array<{ line: number; raw: string }> = [];
    if (text.includes(SUPPRESS_COMMENT)) {
      text.split('\n').forEach((lineText, index) => {
        const at = lineText.indexOf(`#`);
        if (at === -1) return;
        const match = /#\s*seaworthy-ignore\s+(.*)$/.exec(lineText.slice(at));
        if (match) entries.push({ line: index + 1, raw: (match[1] ?? '').trim() });
      });
    }
    cached = { text, entries };
    commentCache.set(fileKey, cached);
  }
  return cached.entries.map(({ line, raw }) => ({ ...parseEntry(raw, knownRuleIds), line }));
}
