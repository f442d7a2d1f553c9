import { ALL_RULES } from '../rules/index.js';
import { docsUrl, type Rule } from '../rules/rule.js';
import type { Severity } from '../model/types.js';
import type { ScanReport } from '../scan.js';

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
export function formatSarif(report: ScanReport, rules: readonly Rule[] = ALL_RULES, version = '0.1.0'): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
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
        columnKind: 'unicodeCodePoints',
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results: report.findings.map((finding) => ({
          ruleId: finding.ruleId,
          ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
          level: LEVEL[finding.severity],
          message: { text: `${finding.message} Fix: ${finding.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: toUri(finding.location.path), uriBaseId: '%SRCROOT%' },
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
          partialFingerprints: { 'seaworthy/v1': finding.fingerprint },
          properties: { severity: finding.severity, seedPoints: finding.seedPoints, resourceType: finding.resource.type },
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((error) => ({
              level: 'error',
              message: { text: error.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: toUri(error.path), uriBaseId: '%SRCROOT%' },
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

/** Relative paths become relative URIs (percent-encoded); absolute ones become file URIs. */
function toUri(filePath: string): string {
  if (filePath === '-') return 'stdin';
  if (filePath.startsWith('/')) return `file://${encodeURI(filePath)}`;
  return encodeURI(filePath);
}
