import { JsonTextLocator } from '../loaders/json-locate.js';
import { lineIndexOf } from '../loaders/line-index.js';
import type { JsonValue, NodePath, SourceFile, SourceRange } from '../model/types.js';

/**
 * Where `offset` of a multi-line string value is in the file: from the offset to the end of its line. Only for
 * values whose lines are lines of the file, as in YAML literal block scalars and Terraform heredocs: the value's
 * first line must be on the line after the one the value starts on (the `|` or `<<EOT` line), and its last line
 * and the offset's line where they would then be, each preceded by nothing but indentation. Anything else
 * (one-line values, escapes, folded scalars, interpolations that changed or added lines) is undefined: the
 * caller keeps the node's range.
 */
export function locateInValue(file: SourceFile, valueRange: SourceRange, value: string, offset: number): SourceRange | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset > value.length || !value.includes('\n')) return undefined;
  const lines = value.replace(/\n+$/, '').split('\n');
  const lineStart = offset === 0 ? 0 : value.lastIndexOf('\n', offset - 1) + 1;
  let target = 0;
  for (let at = value.indexOf('\n'); at !== -1 && at < lineStart; at = value.indexOf('\n', at + 1)) target++;
  const firstLine = valueRange.startLine + 1;
  const lastLine = firstLine + lines.length - 1;
  if (target >= lines.length || lastLine > valueRange.endLine) return undefined;
  const index = lineIndexOf(file);
  const indentOf = (line: number): number | undefined => indentation(index.lineText(file.text, firstLine + line), (lines[line] ?? '').replace(/\r$/, ''));
  const indent = indentOf(target);
  if (indentOf(0) === undefined || indentOf(lines.length - 1) === undefined || indent === undefined) return undefined;
  const lineText = index.lineText(file.text, firstLine + target) ?? '';
  return { startLine: firstLine + target, startColumn: indent + offset - lineStart + 1, endLine: firstLine + target, endColumn: lineText.length + 1 };
}

/** The indentation before `valueLine` when `fileLine` is that indentation followed by `valueLine`. */
function indentation(fileLine: string | undefined, valueLine: string): number | undefined {
  if (fileLine === undefined) return undefined;
  if (valueLine === '') return fileLine.trim() === '' ? fileLine.length : undefined;
  if (!fileLine.endsWith(valueLine)) return undefined;
  const indent = fileLine.length - valueLine.length;
  return /^[ \t]*$/.test(fileLine.slice(0, indent)) ? indent : undefined;
}

/**
 * Where a path that runs into a string holding JSON text lies in the file (a CloudFormation policy written as a
 * JSON string, or as `!Sub |` JSON): `text` is the string, `valueRange` where it is written, and `inner` the rest of
 * the path inside its JSON. The string must be strict JSON whose lines are lines of the file (see locateInValue);
 * undefined otherwise, and the caller locates the string itself.
 */
export function locateInJsonText(file: SourceFile, valueRange: SourceRange, text: string, inner: NodePath): SourceRange | undefined {
  try {
    JSON.parse(text);
  } catch {
    return undefined;
  }
  const found = new JsonTextLocator(text).find(inner).span;
  return locateInValue(file, valueRange, text, found.keyStart ?? found.start);
}

/** The length of the part of `path` that leads to a string inside `body`, when the path goes on into it; else undefined. */
export function stringPrefixLength(body: JsonValue, path: NodePath): number | undefined {
  let value: JsonValue | undefined = body;
  for (let index = 0; index < path.length; index++) {
    if (typeof value === 'string') return index;
    const segment = path[index];
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof segment === 'string') value = value[segment];
    else return undefined;
  }
  return undefined;
}
