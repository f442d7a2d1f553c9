import pc from 'picocolors';
import type { Finding, Severity, SourceRange } from '../model/types.js';
import type { DetailedScan } from '../scan.js';
import { maskSpans, secretSpans } from '../secrets/detectors.js';

type Colors = ReturnType<typeof pc.createColors>;

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  info: 'INFO',
};

/** Most lines of a code frame; the rest of a long node is elided. */
const FRAME_LINES = 4;
/** Characters of a frame line shown at most, and how many of them before the finding's column. */
const FRAME_WIDTH = 160;
const FRAME_CONTEXT = 40;

export interface TextOptions {
  color: boolean;
}

/** Human report: findings grouped by file with code frames, secrets masked, then errors and a summary. */
export function formatText(scan: Pick<DetailedScan, 'report' | 'sources' | 'redactions' | 'configSource'>, options: TextOptions): string {
  const c = pc.createColors(options.color);
  const { report } = scan;
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const list = byFile.get(finding.location.path) ?? [];
    list.push(finding);
    byFile.set(finding.location.path, list);
  }
  for (const [file, findings] of byFile) {
    out.push(c.underline(c.bold(clean(file))));
    const lines = (scan.sources.get(file) ?? '').split('\n');
    const spansOf = lineMasks(lines, scan.redactions.get(file) ?? []);
    for (const finding of findings) {
      const { location } = finding;
      const resource = clean([finding.resource.type, finding.resource.namespace, finding.resource.name].filter(Boolean).join('/'));
      const points = finding.seedPoints.length > 0 ? ` ${c.cyan(finding.seedPoints.join(', '))}` : '';
      out.push(`  ${location.startLine}:${location.startColumn}  ${severity(c, finding.severity)}  ${clean(finding.message)}`);
      out.push(`    ${c.dim(`${finding.ruleId} · ${resource}`)}${points}`);
      out.push(...codeFrame(lines, location, spansOf, c));
      out.push(`    ${c.green('fix:')} ${clean(finding.fix)}`);
      out.push('');
    }
  }
  // --show-suppressed: one line each, no code frame (the suppression sits at that line).
  if (report.suppressedFindings && report.suppressedFindings.length > 0) {
    out.push(c.bold('Suppressed'));
    for (const finding of report.suppressedFindings) {
      const { location, suppression } = finding;
      const where = suppression.kind === 'external' ? 'configuration' : 'in file';
      const until = suppression.until !== undefined ? ` until ${suppression.until}` : '';
      out.push(`  ${clean(location.path)}:${location.startLine}  ${c.dim(SEVERITY_LABEL[finding.severity].padEnd(8))}  ${finding.ruleId}  ${c.dim(`(${where}${until})`)} ${clean(suppression.reason)}`);
    }
    out.push('');
  }
  if (report.errors.length > 0) {
    const notices = report.errors.filter((error) => error.notice === true).length;
    out.push(c.bold(notices === 0 ? 'Errors' : notices === report.errors.length ? 'Notices' : 'Errors and notices'));
    for (const error of report.errors) {
      out.push(`  ${error.notice ? c.yellow('notice') : c.red('error')}  ${clean(error.path)}${error.line !== undefined ? `:${error.line}` : ''}  ${clean(error.message)}`);
    }
    out.push('');
  }
  if (scan.configSource !== undefined) out.push(c.dim(`configuration: ${clean(scan.configSource)}`));
  out.push(summaryLine(scan, c));
  return `${out.join('\n')}\n`;
}

function severity(c: Colors, value: Severity): string {
  const label = SEVERITY_LABEL[value].padEnd(8);
  switch (value) {
    case 'critical':
      return c.bold(c.magenta(label));
    case 'high':
      return c.red(label);
    case 'medium':
      return c.yellow(label);
    case 'low':
      return c.blue(label);
    default:
      return c.dim(label);
  }
}

function codeFrame(lines: readonly string[], location: SourceRange, spansOf: (line: number) => Span[], c: Colors): string[] {
  const last = Math.min(location.endLine, location.startLine + FRAME_LINES - 1);
  const width = String(last).length;
  const frame: string[] = [];
  for (let line = location.startLine; line <= last; line++) {
    const text = clean(shown(sourceLine(lines, line), spansOf(line), line === location.startLine ? location.startColumn : 1).replace(/\t/g, '  '));
    frame.push(`    ${c.dim(`${String(line).padStart(width)} |`)} ${text}`);
  }
  if (location.endLine > last) frame.push(`    ${c.dim(`${' '.repeat(width)} | ...`)}`);
  return frame;
}

type Span = [number, number];

/**
 * Per line of one file, the spans to mask: the file's reported secrets (every frame masks them, not only their
 * own finding's) and whatever looks secret on the line; computed once per line however many frames show it.
 */
function lineMasks(lines: readonly string[], redactions: readonly SourceRange[]): (line: number) => Span[] {
  const cache = new Map<number, Span[]>();
  return (line) => {
    let spans = cache.get(line);
    if (!spans) {
      const text = sourceLine(lines, line);
      cache.set(line, (spans = [...redactionSpans(text, line, redactions), ...secretSpans(text, sourceLine(lines, line - 1), sourceLine(lines, line + 1))]));
    }
    return spans;
  };
}

function sourceLine(lines: readonly string[], line: number): string {
  return (lines[line - 1] ?? '').replace(/\r$/, '');
}

/**
 * The line as a frame shows it: masked, and at most FRAME_WIDTH characters around `column` (minified JSON or a
 * one-line plan would otherwise print the whole file in every frame). The window is taken on the original
 * line, so the column is right, and a secret cut by its edge is still masked.
 */
function shown(text: string, spans: readonly Span[], column: number): string {
  if (text.length <= FRAME_WIDTH) return maskSpans(text, spans);
  const start = Math.max(0, Math.min(column - 1 - FRAME_CONTEXT, text.length - FRAME_WIDTH));
  const end = start + FRAME_WIDTH;
  const inside = spans.filter(([from, to]) => to > start && from < end).map(([from, to]): Span => [Math.max(from, start) - start, Math.min(to, end) - start]);
  return `${start > 0 ? '…' : ''}${maskSpans(text.slice(start, end), inside)}${end < text.length ? '…' : ''}`;
}

/** The columns of `line` that redaction ranges cover, as spans of the line's text. */
function redactionSpans(text: string, line: number, redactions: readonly SourceRange[]): Span[] {
  const spans: Span[] = [];
  for (const range of redactions) {
    if (line < range.startLine || line > range.endLine) continue;
    const from = Math.max(0, line === range.startLine ? range.startColumn - 1 : indentOf(text));
    const to = Math.min(text.length, line === range.endLine ? range.endColumn - 1 : text.length);
    if (to > from) spans.push([from, to]);
  }
  return spans;
}

/**
 * Replaces the characters of `line` covered by any redaction range with `********` (the same for every span, so
 * the length leaks nothing). Ranges are applied on the original columns, so several secrets on one line (or
 * overlapping ranges) are all masked.
 */
export function maskLine(text: string, line: number, redactions: readonly SourceRange[]): string {
  return maskSpans(text, redactionSpans(text, line, redactions));
}

/** Scanned files and names come from anywhere: control characters (terminal escapes) are shown, not sent. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/** `3 findings (1 high, 2 medium) in 4 files (9 resources, 1 skipped); 1 error`, also for `--output` on stderr. */
export function summaryLine(scan: Pick<DetailedScan, 'report'>, c: Colors = pc.createColors(false)): string {
  const { summary } = scan.report;
  const counts = (['critical', 'high', 'medium', 'low', 'info'] as const)
    .filter((key) => summary.bySeverity[key] > 0)
    .map((key) => `${summary.bySeverity[key]} ${key}`);
  const findings = summary.findings === 0 ? c.green('no findings') : `${c.bold(String(summary.findings))} finding${summary.findings === 1 ? '' : 's'} (${counts.join(', ')})`;
  const extras = [
    summary.suppressed > 0 ? `${summary.suppressed} suppressed` : '',
    summary.baselined > 0 ? `${summary.baselined} in baseline` : '',
    ...errorCounts(summary.errors, summary.notices, c),
  ].filter(Boolean);
  return `${findings} in ${summary.filesScanned} file${summary.filesScanned === 1 ? '' : 's'} (${summary.resources} resource${summary.resources === 1 ? '' : 's'}, ${summary.filesSkipped} skipped)${extras.length > 0 ? `; ${extras.join(', ')}` : ''}`;
}

/** `2 errors`, `1 notice`: the entries of `errors`, notices apart. */
function errorCounts(total: number, notices: number, c: Colors): string[] {
  const real = total - notices;
  return [real > 0 ? c.red(`${real} error${real === 1 ? '' : 's'}`) : '', notices > 0 ? `${notices} notice${notices === 1 ? '' : 's'}` : ''];
}
