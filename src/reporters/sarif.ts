import path from 'node:path';
import { ALL_RULES } from '../rules/index.js';
import { docsUrl, type Rule } from '../rules/rule.js';
import type { Finding, FindingSuppression, Severity } from '../model/types.js';
import type { ScanReport } from '../scan.js';
import { toolVersion } from '../util/version.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning ranks results by this property (0.0 to 10.0). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/**
 * SARIF 2.1.0: every rule of the tool as a descriptor (so results can reference them by index), results with
 * regions, and `partialFingerprints` that survive line shifts so code scanning dedupes across runs.
 */
export function formatSarif(report: ScanReport, options: SarifOptions | readonly Rule[] = {}, legacyVersion?: string): string {
  // `formatSarif(report, rules, version)` is the signature of earlier releases of the library.
  const given: SarifOptions = isRuleList(options) ? { rules: options, ...(legacyVersion !== undefined ? { version: legacyVersion } : {}) } : options;
  const { rules = ALL_RULES, version = toolVersion(), pathPrefix = '' } = given;
  const artifactLocation = (filePath: string): { uri: string; uriBaseId?: string } => locationOf(filePath, pathPrefix);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  // Suppressed findings (--show-suppressed) come after the others, with the suppression that accepts each: code
  // scanning and other consumers show them as accepted, not open. The others' fingerprints stay as without them.
  const all: Array<Finding & { suppression?: FindingSuppression }> = [...report.findings, ...(report.suppressedFindings ?? [])];
  const partialFingerprints = uniqueFingerprints(all.map((finding) => finding.fingerprint));
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'seaworthy',
            semanticVersion: version,
            informationUri: 'https://github.com/seaworthy-dev/seaworthy',
            rules: rules.map(ruleDescriptor),
          },
        },
        // Columns are offsets in JavaScript strings: UTF-16 code units.
        columnKind: 'utf16CodeUnits',
        results: all.map((finding, index) => ({
          ruleId: finding.ruleId,
          ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
          level: LEVEL[finding.severity],
          message: { text: `${finding.message} Fix: ${finding.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: artifactLocation(finding.location.path),
                region: {
                  startLine: finding.location.startLine,
                  startColumn: finding.location.startColumn,
                  endLine: finding.location.endLine,
                  endColumn: finding.location.endColumn,
                },
              },
              logicalLocations: [
                {
                  name: finding.resource.name,
                  fullyQualifiedName: [finding.resource.type, finding.resource.namespace, finding.resource.name].filter(Boolean).join('/'),
                  kind: 'resource',
                },
              ],
            },
          ],
          partialFingerprints: { 'seaworthy/v1': partialFingerprints[index] },
          ...(finding.suppression ? { suppressions: [suppressionOf(finding.suppression)] } : {}),
          // The result's own grade (a rule's findings can differ from its default, and configuration can override it);
          // GitHub ranks by the descriptor's, other consumers can read this one.
          properties: { severity: finding.severity, 'security-severity': SECURITY_SEVERITY[finding.severity], seedPoints: finding.seedPoints, resourceType: finding.resource.type },
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((error) => ({
              level: error.notice ? 'note' : 'error',
              message: { text: error.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: artifactLocation(error.path),
                    ...(error.line !== undefined ? { region: { startLine: error.line } } : {}),
                  },
                },
              ],
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function suppressionOf(suppression: FindingSuppression): object {
  return {
    kind: suppression.kind,
    status: 'accepted',
    justification: suppression.reason,
    ...(suppression.until !== undefined ? { properties: { until: suppression.until } } : {}),
  };
}

/**
 * Code scanning merges results with equal fingerprints, but a rule may report several problems at one node
 * (same fingerprint, different messages). The second and later ones get an ordinal suffix; findings are sorted,
 * so the suffixes do not change when lines move.
 */
function uniqueFingerprints(fingerprints: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return fingerprints.map((fingerprint) => {
    const count = (seen.get(fingerprint) ?? 0) + 1;
    seen.set(fingerprint, count);
    return count === 1 ? fingerprint : `${fingerprint}:${count}`;
  });
}

function ruleDescriptor(rule: Rule): object {
  const { meta } = rule;
  return {
    id: meta.id,
    name: meta.id.split('/').pop() ?? meta.id,
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: { text: `${meta.rationale}\n\nFix: ${meta.remediation}`, markdown: `${meta.rationale}\n\n**Fix:** ${meta.remediation}` },
    helpUri: docsUrl(meta.id),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: ['security', ...meta.seedPoints, ...meta.artifacts],
      'security-severity': SECURITY_SEVERITY[meta.severity],
      seedPoints: [...meta.seedPoints],
    },
  };
}

/** A relative URI is resolved against `%SRCROOT%`; an absolute one stands alone. */
export interface SarifOptions {
  rules?: readonly Rule[];
  version?: string;
  /**
   * Where the report's paths start, relative to the repository root (`infra` when seaworthy ran in `infra/`):
   * code scanning resolves `%SRCROOT%` URIs against the repository root.
   */
  pathPrefix?: string;
}

function isRuleList(value: SarifOptions | readonly Rule[]): value is readonly Rule[] {
  return Array.isArray(value);
}

function locationOf(filePath: string, pathPrefix: string): { uri: string; uriBaseId?: string } {
  const relative = filePath !== '-' && !path.isAbsolute(filePath) && pathPrefix !== '';
  const uri = toUri(relative ? path.posix.normalize(path.posix.join(pathPrefix.replace(/\\/g, '/'), filePath.replace(/\\/g, '/'))) : filePath);
  return /^[a-z][a-z0-9+.-]*:/i.test(uri) || filePath === '-' ? { uri } : { uri, uriBaseId: '%SRCROOT%' };
}

/**
 * Relative paths become relative URI references (resolved against `%SRCROOT%` by the consumer, e.g. the
 * repository root for GitHub code scanning); absolute ones become file URIs. Each segment is
 * percent-encoded, so `#`, `?` and `%` in file names stay part of the path.
 */
export function toUri(filePath: string): string {
  if (filePath === '-') return 'stdin';
  const slashed = filePath.replace(/\\/g, '/');
  const encoded = slashed
    .split('/')
    .map((segment, index) => (index === 0 && /^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
  if (slashed.startsWith('/')) return `file://${encoded}`;
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  return encoded;
}
