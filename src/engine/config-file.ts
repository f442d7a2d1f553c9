import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseYamlStream } from '../loaders/yaml.js';
import { SEVERITIES, type JsonValue, type PathSegment } from '../model/types.js';
import { exportJsonSchema } from '../report/schema.js';
import { ConfigError } from './config.js';
import { stripBom } from '../loaders/read.js';
import { closest } from '../util/closest.js';
import { parseCidr } from '../util/cidr.js';
import { compileAllowEntry } from '../secrets/allow-list.js';
import { describeFsError } from '../util/fs.js';

/** seaworthy.config.yaml: its schema (zod, exported as schemas/config.schema.json), reading and validation. */

const severity = z.enum(SEVERITIES);
const RULE_SETTING_HINT = `expected off, on, a severity (${SEVERITIES.join(', ')}) or { enabled, severity }`;
const ruleSetting = z.union(
  [
    z.enum(['off', 'on']),
    z.boolean().describe('false is off, true is on'),
    severity,
    z.strictObject({
      enabled: z.boolean().optional().describe('false turns the rule off'),
      severity: severity.optional().describe('Severity to report the rule with instead of its default'),
    }),
  ],
  { error: RULE_SETTING_HINT },
);

export const configSchema = z
  .strictObject({
    rules: z
      .record(z.string().regex(/^[a-z0-9]+\/[a-z0-9-]+$/, 'rule ids look like area/name'), ruleSetting)
      .optional()
      .describe('Per rule: off (or false), on (or true), a severity, or { enabled, severity }. Rules not named keep their defaults.'),
    registries: z
      .strictObject({
        allowed: z
          .array(z.string().min(1))
          .optional()
          .describe('Registry hosts or image prefixes images may come from; `*` matches within one dot-separated label'),
        includeDefaults: z.boolean().optional().describe('Keep the Amazon ECR defaults next to `allowed` (default true)'),
      })
      .optional()
      .describe('Trusted image registries (IMG-1)'),
    trustedCidrs: z
      .array(
        z
          .string()
          .regex(/^\s*[0-9a-fA-F.:]+\/\d{1,3}\s*$/, 'expected a CIDR such as 10.0.0.0/8')
          .refine((text) => parseCidr(text) !== undefined, 'expected a CIDR such as 10.0.0.0/8 (octets up to 255, a prefix up to /32 or /128)'),
      )
      .optional()
      .describe('Source ranges to trust (office, VPN, peered management networks): a security group, network ACL or NetworkPolicy rule whose source lies inside one is not reported'),
    sensitiveWorkloads: z
      .strictObject({
        labels: z.record(z.string(), z.string()).optional().describe('Pods whose labels include all of these are sensitive'),
        namespaces: z.array(z.string()).optional().describe('Every workload in these namespaces is sensitive'),
        taintKey: z.string().min(1).optional().describe('Taint key of the dedicated node group sensitive pods must tolerate and select'),
      })
      .optional()
      .describe('Which workloads are sensitive (HOST-4)'),
    suppressions: z
      .array(
        z.strictObject({
          rule: z.string().regex(/^[a-z0-9]+\/[a-z0-9-]+$/, 'rule ids look like area/name').describe('The rule whose findings it accepts'),
          paths: z
            .array(z.string().min(1))
            .optional()
            .describe('gitignore-style patterns of the files it applies to, relative to the directory of the configuration file (default: every file)'),
          resource: z
            .string()
            .min(1)
            .optional()
            .describe('The reported resource name it applies to (metadata.name, logical ID, task definition family, Terraform address: instance keys and module path may be left out); default: every resource'),
          reason: z.string().trim().min(1, 'a suppression needs a reason').describe('Why the finding is accepted'),
          until: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
            .optional()
            .describe('Last day it applies (YYYY-MM-DD); after it the findings come back'),
        }),
      )
      .optional()
      .describe('Findings to accept without an inline suppression (JSON task definitions and policies cannot hold one)'),
    secrets: z
      .strictObject({
        allow: z
          .array(z.string().min(1).refine((entry) => compileAllowEntry(entry) !== undefined, 'invalid regular expression (/pattern/flags)'))
          .optional()
          .describe('Names or /regex/ patterns of variables and keys allowed to hold literal values that look secret'),
      })
      .optional(),
  })
  .describe('seaworthy.config.yaml');

export type SeaworthyConfig = z.infer<typeof configSchema>;

/** Reads and validates a configuration file; errors name the file and line. */
export function loadConfigFile(file: string, knownRuleIds: ReadonlySet<string>, displayPath = file): SeaworthyConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read configuration: ${describeFsError(error)}`, displayPath);
  }
  return parseConfig(text, knownRuleIds, displayPath);
}

/** Validates configuration text (YAML 1.2); `displayPath` names it in errors. */
export function parseConfig(text: string, knownRuleIds: ReadonlySet<string>, displayPath: string): SeaworthyConfig {
  const { documents, problems } = parseYamlStream(stripBom(text), { version: '1.2', duplicateKeys: 'refuse' });
  const problem = problems[0];
  if (problem) throw new ConfigError(problem.message, displayPath, problem.line);
  const [document, extra] = documents;
  if (extra) throw new ConfigError('invalid configuration: expected one YAML document, found several', displayPath, extra.sourceMap.locate([]).startLine);
  const data: JsonValue = document?.data ?? {};
  const lineOf = (at: readonly PathSegment[]): number | undefined => (document ? document.sourceMap.locate(at).startLine : undefined);
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const issuePath = (issue?.path ?? []).filter((segment): segment is string | number => typeof segment !== 'symbol');
    let at: PathSegment[] = issuePath;
    let message = issue?.message ?? 'invalid';
    if (issue?.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      at = [...issuePath, key];
      const allowed = keysAt(issuePath);
      message = `unknown key "${key}"${allowed.length > 0 ? ` (expected one of: ${allowed.join(', ')})` : ''}`;
    } else if (issue?.code === 'invalid_key') {
      message = issue.issues[0]?.message ?? 'invalid key';
    } else {
      message = message.replace(/^Invalid input: /, '').replace(/\brecord\b/, 'mapping');
    }
    const where = at.length > 0 ? `${at.join('.')}: ` : '';
    throw new ConfigError(`invalid configuration: ${where}${message}`, displayPath, lineOf(at));
  }
  const unknownRule = (id: string, where: string, at: readonly PathSegment[]): ConfigError => {
    const suggestion = closest(id, knownRuleIds);
    return new ConfigError(`invalid configuration: ${where}: unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''} (see \`seaworthy rules\`)`, displayPath, lineOf(at));
  };
  for (const id of Object.keys(parsed.data.rules ?? {})) {
    if (!knownRuleIds.has(id)) throw unknownRule(id, 'rules', ['rules', id]);
  }
  for (const [index, entry] of (parsed.data.suppressions ?? []).entries()) {
    if (!knownRuleIds.has(entry.rule)) throw unknownRule(entry.rule, `suppressions.${index}.rule`, ['suppressions', index, 'rule']);
  }
  return parsed.data;
}

/** Keys the configuration schema accepts at an object path (for "unknown key" messages). */
function keysAt(at: readonly PathSegment[]): string[] {
  let schema: unknown = configSchema;
  for (const segment of at) {
    const current = unwrap(schema);
    if (current instanceof z.ZodRecord) schema = current.valueType;
    else if (current instanceof z.ZodObject) schema = current.shape[String(segment)];
    else return [];
  }
  const object = unwrap(schema);
  return object instanceof z.ZodObject ? Object.keys(object.shape) : [];
}

/** Strips optional wrappers and picks the object member of a union. */
function unwrap(schema: unknown): unknown {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional) current = current.unwrap();
    else if (current instanceof z.ZodUnion) current = current.options.find((option) => option instanceof z.ZodObject);
    else return current;
  }
}

/** The known id nearest to a misspelt one, when it is near enough to be a typo. */

/** JSON Schema of the configuration file (schemas/config.schema.json); rule ids are listed for editor completion. */
export function configJsonSchema(ruleIds: readonly string[]): Record<string, unknown> {
  const schema = exportJsonSchema(configSchema, 'config.schema.json', 'seaworthy configuration');
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  const rules = properties?.rules;
  if (rules) rules.propertyNames = { enum: [...ruleIds] };
  const suppressionRule = ((properties?.suppressions?.items as Record<string, unknown> | undefined)?.properties as Record<string, Record<string, unknown>> | undefined)?.rule;
  if (suppressionRule) suppressionRule.enum = [...ruleIds];
  return schema;
}

