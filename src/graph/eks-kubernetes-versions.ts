import type { JsonValue } from '../model/types.js';

/**
 * The Amazon EKS Kubernetes release calendar: per minor version, the end of standard support (14 months after
 * its EKS release) and of extended support (12 months more). Dates are UTC days; a version is out of a support
 * period from its end date on. Source: the EKS User Guide, "Understand the Kubernetes version lifecycle on EKS"
 * (1.27 to 1.34); 1.35 (EKS release 2026-01-27) from endoflife.date/amazon-eks. Versions released after the last
 * row are not judged until a row is added.
 */
export const EKS_KUBERNETES_CALENDAR: ReadonlyMap<number, { standardEnd: string; extendedEnd: string }> = new Map([
  [27, { standardEnd: '2024-07-24', extendedEnd: '2025-07-24' }],
  [28, { standardEnd: '2024-11-26', extendedEnd: '2025-11-26' }],
  [29, { standardEnd: '2025-03-23', extendedEnd: '2026-03-23' }],
  [30, { standardEnd: '2025-07-23', extendedEnd: '2026-07-23' }],
  [31, { standardEnd: '2025-11-26', extendedEnd: '2026-11-26' }],
  [32, { standardEnd: '2026-03-23', extendedEnd: '2027-03-23' }],
  [33, { standardEnd: '2026-07-29', extendedEnd: '2027-07-29' }],
  [34, { standardEnd: '2026-12-02', extendedEnd: '2027-12-02' }],
  [35, { standardEnd: '2027-03-27', extendedEnd: '2028-03-27' }],
]);

const LISTED = [...EKS_KUBERNETES_CALENDAR.keys()].sort((a, b) => a - b);
/** The calendar's versions, for documentation: "1.27 to 1.35". */
export const EKS_CALENDAR_RANGE = `1.${LISTED[0]} to 1.${LISTED[LISTED.length - 1]}`;

export type EksVersionSupport =
  | { status: 'standard'; version: string }
  | { status: 'extended'; version: string; standardEnd: string; extendedEnd: string }
  /** `atTheLatest`: a version older than the calendar, whose support ended before its oldest version's did. */
  | { status: 'ended'; version: string; extendedEnd: string; atTheLatest?: true };

/**
 * The EKS support status of a cluster version on `today` (YYYY-MM-DD): `"1.29"`, or the number 1.29 a YAML or HCL
 * literal written without quotes gives. Undefined when the value is no EKS minor version this calendar can judge:
 * unresolved, newer than the calendar, or a one-digit minor (`1.3` is what an unquoted `1.30` becomes: ambiguous).
 */
export function eksVersionSupport(value: JsonValue | undefined, today: string): EksVersionSupport | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  const match = text === undefined ? null : /^1\.(\d{2,})$/.exec(text);
  if (!match) return undefined;
  const minor = Number(match[1]);
  const version = `1.${minor}`;
  const dates = EKS_KUBERNETES_CALENDAR.get(minor);
  if (!dates) {
    // Older than the calendar: out of support once the oldest listed version is (before that day, not known here).
    const oldest = EKS_KUBERNETES_CALENDAR.get(LISTED[0] ?? 0);
    return oldest && minor < (LISTED[0] ?? 0) && today >= oldest.extendedEnd ? { status: 'ended', version, extendedEnd: oldest.extendedEnd, atTheLatest: true } : undefined;
  }
  if (today >= dates.extendedEnd) return { status: 'ended', version, extendedEnd: dates.extendedEnd };
  if (today >= dates.standardEnd) return { status: 'extended', version, ...dates };
  return { status: 'standard', version };
}

/** The oldest version in standard support on `today` ("1.34"), for fixes; undefined past the calendar's end. */
export function oldestStandardVersion(today: string): string | undefined {
  for (const minor of LISTED) if (today < (EKS_KUBERNETES_CALENDAR.get(minor)?.standardEnd ?? '')) return `1.${minor}`;
  return undefined;
}
