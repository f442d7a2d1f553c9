import type { ScanReport } from '../scan.js';

/** The JSON report (schema: schemas/report.schema.json). Key order is fixed by construction. */
export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
