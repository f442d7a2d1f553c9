import { z } from 'zod';
import { SEVERITIES } from '../model/types.js';
import type { ScanReport } from '../scan.js';

/**
 * The contract of the JSON report (`seaworthy scan -f json`). `npm run docs` exports it as
 * schemas/report.schema.json; a test checks that real scans validate and that the exported file is current.
 * Additions are backwards compatible; removing or renaming a field is a breaking change.
 */

const severity = z.enum(SEVERITIES).describe('critical, high, medium, low or info');
const line = z.int().min(1);
const column = z.int().min(1);
const count = z.int().min(0);

export const findingSchema = z
  .strictObject({
    ruleId: z.string().regex(/^[a-z0-9]+\/[a-z0-9]+(-[a-z0-9]+)*$/).describe('Rule id, `<area>/<name>`; docs at docs/rules/<ruleId>.md'),
    severity,
    seedPoints: z.array(z.string().regex(/^[A-Z]+-\d+$/)).describe('SEED-POINTS.md ids the rule enforces; empty for rules beyond the seeds'),
    message: z.string().min(1).describe('What is wrong with this occurrence; never contains a secret value'),
    fix: z.string().min(1).describe('How to fix this occurrence'),
    location: z
      .strictObject({
        path: z.string().min(1).describe('File as given or relative to the working directory; `-` for standard input'),
        startLine: line,
        startColumn: column,
        endLine: line,
        endColumn: column.describe('Exclusive; columns count UTF-16 code units'),
      })
      .describe('1-based range of the offending node (or of the nearest existing parent for a missing setting)'),
    resource: z
      .strictObject({
        type: z.string().describe('Kubernetes kind, CloudFormation type, Terraform type, ...'),
        name: z.string(),
        namespace: z.string().optional(),
      })
      .describe('The object the finding is about'),
    fingerprint: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .describe('Line-independent identity (rule, file path from the repository root, resource, node path, container) used by baselines and SARIF partialFingerprints'),
  })
  .describe('One broken rule');

export const suppressedFindingSchema = findingSchema
  .extend({
    suppression: z
      .strictObject({
        kind: z.enum(['inSource', 'external']).describe('`inSource`: an annotation or comment in the scanned file; `external`: the configuration file'),
        reason: z.string().min(1),
        until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().describe('Expiry date (YYYY-MM-DD, inclusive)'),
      })
      .describe('The suppression that accepts the finding'),
  })
  .describe('A finding a suppression accepts');

export const scanErrorSchema = z
  .strictObject({
    path: z.string().min(1),
    message: z.string().min(1),
    line: line.optional(),
    notice: z.literal(true).optional().describe('Not an error: the scan went on, but part of what is deployed is not checked as deployed (a Kustomize build changes the files; Terraform modules from a registry or Git are not installed; a local module\'s directory was left out by --exclude or .gitignore)'),
  })
  .describe('A file that could not be read or parsed (fully or in part), or a notice about one');

export const summarySchema = z.strictObject({
  filesScanned: count,
  filesSkipped: count.describe('Files of no known type'),
  documents: count,
  resources: count,
  findings: count,
  bySeverity: z.strictObject(Object.fromEntries(SEVERITIES.map((key) => [key, count])) as Record<(typeof SEVERITIES)[number], typeof count>),
  suppressed: count.describe('Findings hidden by suppressions (annotations, comments, the configuration file)'),
  baselined: count.describe('Findings hidden because the baseline lists them'),
  errors: count.describe('Entries in errors, notices included'),
  notices: count.describe('Entries in errors marked notice (not errors: part of what is deployed is not checked as deployed)'),
  rules: count.describe('Rules run'),
});

export const reportSchema = z
  .strictObject({
    findings: z.array(findingSchema).describe('Sorted by path, line, column, rule id and message'),
    suppressedFindings: z
      .array(suppressedFindingSchema)
      .optional()
      .describe('With --show-suppressed only: the findings suppressions accept, sorted like findings; they are not in `findings` and never fail a run'),
    errors: z.array(scanErrorSchema),
    summary: summarySchema,
  })
  .describe('seaworthy scan report (JSON format)');

export type ReportSchemaType = z.infer<typeof reportSchema>;

// The schema and the TypeScript types must describe the same thing: both assignments fail to compile otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const reportTypeMatches: Same<ReportSchemaType, ScanReport> = true;
void reportTypeMatches;

/** JSON Schema (draft 2020-12) of the report, as written to schemas/report.schema.json. */
export function reportJsonSchema(): Record<string, unknown> {
  return exportJsonSchema(reportSchema, 'report.schema.json', 'seaworthy report');
}

/** Exports a zod schema as a draft 2020-12 JSON Schema with an id under schemas/ and a title. */
export function exportJsonSchema(schema: z.ZodType, fileName: string, title: string): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    override: ({ jsonSchema }) => {
      // z.int() adds the safe-integer bounds; they are noise in a published schema.
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
    },
  });
  return { $schema, $id: `https://github.com/seaworthy-dev/seaworthy/blob/main/schemas/${fileName}`, title, ...rest };
}
