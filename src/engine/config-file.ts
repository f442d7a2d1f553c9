import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseYamlStream } from '../loaders/yaml.js';
import { SEVERITIES, type JsonValue, type PathSegment } from '../model/types.js';
import { exportJsonSchema } from '../report/schema.js';
import { ConfigError } from './config.js';
import { stripBom } from '../loaders/read.js';

/** seaworthy.config.yaml: its schema (zod, exported as schemas/config.schema.json), reading and validation. */

const severity = z.enum(SEVERITIES);
const RULE_SETTING_HINT = `expected off, on, a severity (${SEVERITIES.join(', ')}) or { enabled, severity }`;
const ruleSetting = z.union(
  [
    z.enum(['off', 'on']),
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
      .describe('Per rule: off, on, a severity, or { enabled, severity }. Rules not named keep their defaults.'),
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
      .array(z.string().regex(/^[0-9a-fA-F.:]+\/\d{1,3}$/, 'expected a CIDR such as 10.0.0.0/8'))
      .optional()
      .describe('CIDRs trusted as sources (office or VPN ranges)'),
    sensitiveWorkloads: z
      .strictObject({
        labels: z.record(z.string(), z.string()).optional().describe('Pods whose labels include all of these are sensitive'),
        namespaces: z.array(z.string()).optional().describe('Every workload in these namespaces is sensitive'),
        taintKey: z.string().min(1).optional().describe('Taint key of the dedicated node group sensitive pods must tolerate and select'),
      })
      .optional()
      .describe('Which workloads are sensitive (HOST-4)'),
    secrets: z
      .strictObject({
        allow: z
          .array(z.string().min(1))
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
    throw new ConfigError(`cannot read configuration: ${(error as Error).message}`, displayPath);
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
  for (const id of Object.keys(parsed.data.rules ?? {})) {
    if (!knownRuleIds.has(id)) {
      const suggestion = closest(id, knownRuleIds);
      throw new ConfigError(
        `invalid configuration: rules: unknown rule "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''} (see \`seaworthy rules\`)`,
        displayPath,
        lineOf(['rules', id]),
      );
    }
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
function closest(id: string, candidates: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(id, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(id.length / 5)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** JSON Schema of the configuration file (schemas/config.schema.json); rule ids are listed for editor completion. */
export function configJsonSchema(ruleIds: readonly string[]): Record<string, unknown> {
  const schema = exportJsonSchema(configSchema, 'config.schema.json', 'seaworthy configuration');
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  const rules = properties?.rules;
  if (rules) rules.propertyNames = { enum: [...ruleIds] };
  return schema;
}

