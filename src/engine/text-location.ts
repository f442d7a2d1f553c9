import { LineIndex } from '../loaders/line-index.js';
import type { SourceRange } from '../model/types.js';

/** A file's text with its line index, built once per file that has a finding inside a string. */
export interface IndexedText {
  text: string;
  lines: LineIndex;
}

export function indexText(text: string): IndexedText {
  return { text, lines: new LineIndex(text) };
}

/**
 * Where `offset` of a multi-line string value is in the file: from the offset to the end of its line. Only for
 * values whose lines are lines of the file, as in YAML literal block scalars and Terraform heredocs: the value's
 * first line must be on the line after the one the value starts on (the `|` or `<<EOT` line), and the offset's
 * line where it would then be, each preceded by nothing but indentation. Anything else (one-line values,
 * escapes, folded scalars, interpolations that changed a line) is undefined: the caller keeps the node's range.
 */
export function locateInValue(file: IndexedText, valueRange: SourceRange, value: string, offset: number): SourceRange | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset > value.length || !value.includes('\n')) return undefined;
  const lineStart = value.lastIndexOf('\n', offset - 1) + 1;
  let lineIndex = 0;
  for (let at = value.indexOf('\n'); at !== -1 && at < lineStart; at = value.indexOf('\n', at + 1)) lineIndex++;
  const firstLine = valueRange.startLine + 1;
  const line = firstLine + lineIndex;
  if (line > valueRange.endLine) return undefined;
  const firstEnd = value.indexOf('\n');
  const lineEnd = value.indexOf('\n', lineStart);
  const first = indentation(file.lines.lineText(file.text, firstLine), value.slice(0, firstEnd).replace(/\r$/, ''));
  const target = indentation(file.lines.lineText(file.text, line), value.slice(lineStart, lineEnd === -1 ? value.length : lineEnd).replace(/\r$/, ''));
  if (first === undefined || target === undefined) return undefined;
  const lineText = file.lines.lineText(file.text, line) ?? '';
  return { startLine: line, startColumn: target + offset - lineStart + 1, endLine: line, endColumn: lineText.length + 1 };
}

/** The indentation before `valueLine` when `fileLine` is that indentation followed by `valueLine`. */
function indentation(fileLine: string | undefined, valueLine: string): number | undefined {
  if (fileLine === undefined) return undefined;
  if (valueLine === '') return fileLine.trim() === '' ? fileLine.length : undefined;
  if (!fileLine.endsWith(valueLine)) return undefined;
  const indent = fileLine.length - valueLine.length;
  return /^[ \t]*$/.test(fileLine.slice(0, indent)) ? indent : undefined;
}
