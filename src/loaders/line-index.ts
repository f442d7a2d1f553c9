import type { SourceFile, SourceRange } from '../model/types.js';

/** Offsets to 1-based line/column, by binary search over line starts (built once per file, on demand). */
export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }

  /** The offset of a 1-based line and column (clamped to the text's lines). */
  offset(line: number, column: number): number {
    const start = this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1] ?? 0;
    return start + column - 1;
  }

  range(start: number, end: number): SourceRange {
    const from = this.position(start);
    const to = this.position(Math.max(start, end));
    return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
  }

  /** The text of a 1-based line of `text` (the text this index was built from), without its line break. */
  lineText(text: string, line: number): string | undefined {
    const start = this.starts[line - 1];
    if (start === undefined) return undefined;
    const next = this.starts[line];
    const raw = text.slice(start, next === undefined ? text.length : next - 1);
    return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  }

  get lineCount(): number {
    return this.starts.length;
  }
}

/** One line index per file, built on first use (regions embedded in a file, findings inside strings). */
const lineIndexes = new WeakMap<SourceFile, LineIndex>();

export function lineIndexOf(file: SourceFile): LineIndex {
  let index = lineIndexes.get(file);
  if (!index) lineIndexes.set(file, (index = new LineIndex(file.text)));
  return index;
}
