import type { JsonValue } from '../model/types.js';
import { isObject } from '../util/json.js';
import { UNKNOWN_KEY } from '../util/unknown.js';

/** What an interpolation the files cannot resolve reads as: a template expression, so unresolved to every rule. */
export const UNKNOWN_PART = '${UNKNOWN}';

const HEREDOC = /^<<-?\s*([A-Za-z_][\w-]*)\r?\n([\s\S]*?)\r?\n?[ \t]*\1[ \t]*$/;
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
  const heredoc = HEREDOC.exec(inner)?.[2];
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
 * interpolates a resource attribute), when its interpolations all sit inside JSON strings: they stay there as
 * `${...}` text, unresolved values to the rules, and the rest of the document is read. Undefined when `value` is
 * not such a template or the text is not JSON with the interpolations in place (`"Action": ${jsonencode(...)}`).
 */
export function terraformTemplateJson(value: JsonValue | undefined): JsonValue | undefined {
  const expression = isObject(value) ? value[UNKNOWN_KEY] : undefined;
  if (typeof expression !== 'string') return undefined;
  // Interpolations keep their text (a resource reference still names the resource) unless quotes would break the string.
  const text = terraformTemplateText(expression, (interpolation) => (/["\\\n]/.test(interpolation) ? UNKNOWN_PART : interpolation));
  if (text === undefined || !/^\s*[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
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
