import type { JsonValue } from '../../model/types.js';
import { isObject } from '../../util/json.js';
import { UNKNOWN_KEY } from '../../util/unknown.js';

/** What an interpolation the files cannot resolve reads as: a template expression, so unresolved to every rule. */
export const UNKNOWN_PART = '${UNKNOWN}';

const HEREDOC_OPENING = /^<<-?[ \t]*([A-Za-z_][\w-]*)\r?\n/;
const STRING_FUNCTION = /^(?:base64encode|base64gzip|trimspace|chomp)\(([\s\S]*)\)$/;

/**
 * The literal text of a Terraform string template the loader kept unknown (`{ "$unknown": "<expression>" }`): a
 * heredoc or a quoted string with interpolations, possibly inside `base64encode()` / `trimspace()` / `chomp()`.
 * Each `${...}` or `%{...}` becomes `replace(itself)`; the `$${` / `%%{` escapes read as `${` / `%{`. Undefined
 * for any other expression.
 */
export function terraformTemplateText(expression: string, replace: (interpolation: string) => string = () => UNKNOWN_PART): string | undefined {
  let inner = expression.trim();
  const wrapped = STRING_FUNCTION.exec(inner)?.[1];
  if (wrapped !== undefined) inner = wrapped.trim();
  const heredoc = heredocBody(inner);
  if (heredoc !== undefined) return replaceInterpolations(heredoc, replace);
  if (inner.length >= 2 && inner.startsWith('"') && inner.endsWith('"')) {
    const body = replaceInterpolations(inner.slice(1, -1), replace);
    // One quoted template only (not `"a" == "b" ? ...`): no unescaped quote left inside.
    if (!/(^|[^\\])"/.test(body)) return body.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1');
  }
  return undefined;
}

/**
 * The JSON a Terraform template kept unknown holds (a policy or container definitions written as a heredoc that
 * interpolates a resource attribute or a variable): interpolations inside JSON strings stay there as `${...}` text,
 * those in a value's place (`"containerPort": ${var.port}`, `"Action": ${jsonencode(...)}`) become unresolved
 * values, and the rest of the document is read. Undefined when `value` is not such a template or the text is not
 * JSON then.
 */
export function terraformTemplateJson(value: JsonValue | undefined): JsonValue | undefined {
  const expression = isObject(value) ? value[UNKNOWN_KEY] : undefined;
  if (typeof expression !== 'string') return undefined;
  const interpolations: string[] = [];
  const marked = terraformTemplateText(expression, (interpolation) => `${MARK}${interpolations.push(interpolation) - 1}${MARK}`);
  if (marked === undefined || !/^\s*[[{]/.test(marked)) return undefined;
  try {
    return JSON.parse(placeInterpolations(marked, interpolations)) as JsonValue;
  } catch {
    return undefined;
  }
}

const MARK = '\uE001';

/**
 * The template's text with its interpolations put back: inside a JSON string as written (a resource reference still
 * names the resource) unless quotes or line breaks would break the string; in a value position
 * (`"containerPort": ${var.port}`) as the string `"${UNKNOWN}"`, an unresolved value.
 */
function placeInterpolations(marked: string, interpolations: readonly string[]): string {
  let out = '';
  let inString = false;
  for (let index = 0; index < marked.length; index++) {
    const char = marked[index];
    if (char === MARK) {
      const end = marked.indexOf(MARK, index + 1);
      if (end < 0) break; // cannot happen: marks come in pairs
      const interpolation = interpolations[Number(marked.slice(index + 1, end))] ?? UNKNOWN_PART;
      out += inString ? (/["\\\n]/.test(interpolation) ? UNKNOWN_PART : interpolation) : `"${UNKNOWN_PART}"`;
      index = end;
      continue;
    }
    // A JSON escape inside a string; a backslash before an interpolation escapes nothing of the JSON text.
    if (char === '\\' && inString && marked[index + 1] !== MARK) {
      out += char + (marked[index + 1] ?? '');
      index++;
      continue;
    }
    if (char === '"') inString = !inString;
    out += char;
  }
  return out;
}

/**
 * The text of a heredoc (`<<EOF` / `<<-EOF` ... `EOF`), by string operations: a regular expression that finds the
 * closing marker backtracks over long runs of spaces.
 */
function heredocBody(text: string): string | undefined {
  const opening = HEREDOC_OPENING.exec(text);
  const marker = opening?.[1];
  if (!opening || marker === undefined) return undefined;
  const isBlank = (char: string | undefined): boolean => char === ' ' || char === '\t';
  let end = text.length;
  while (end > opening[0].length && isBlank(text[end - 1])) end--;
  if (!text.startsWith(marker, end - marker.length)) return undefined;
  let start = end - marker.length;
  while (start > opening[0].length && isBlank(text[start - 1])) start--;
  const bodyStart = opening[0].length;
  // The marker alone on the last line.
  if (start < bodyStart || (start > bodyStart && text[start - 1] !== '\n')) return undefined;
  return text.slice(bodyStart, start).replace(/\r?\n$/, '');
}

/** `${...}` and `%{...}` (nested braces allowed) become `replace(...)`; `$${` / `%%{` escapes stay literal. */
function replaceInterpolations(text: string, replace: (interpolation: string) => string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    const next = text[index + 1];
    if ((char === '$' || char === '%') && next === char && text[index + 2] === '{') {
      out += `${char}{`;
      index += 3;
      continue;
    }
    if ((char === '$' || char === '%') && next === '{') {
      let depth = 0;
      let end = index + 1;
      for (; end < text.length; end++) {
        if (text[end] === '{') depth++;
        else if (text[end] === '}' && --depth === 0) break;
      }
      out += replace(text.slice(index, end + 1));
      index = end + 1;
      continue;
    }
    out += char;
    index++;
  }
  return out;
}
