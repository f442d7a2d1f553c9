import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseYamlStream } from '../loaders/yaml.js';
import { SEVERITIES, type JsonValue } from '../model/types.js';
import type { RuleSetting } from './engine.js';
import { DEFAULT_ALLOWED_REGISTRIES, DEFAULT_SETTINGS, type ScanSettings } from './settings.js';

export const CONFIG_FILE_NAMES = ['seaworthy.config.yaml', 'seaworthy.config.yml'] as const;

const severity = z.enum(SEVERITIES);
const ruleSetting = z.union([
  z.enum(['off', 'on']),
  severity,
  z.strictObject({ enabled: z.boolean().optional(), severity: severity.optional() }),
]);

export const configSchema = z
  .strictObject({
    rules: z.record(z.string().regex(/^[a-z0-9]+\/[a-z0-9-]+$/, 'rule ids look like area/name'), ruleSetting).optional(),
    registries: z
      .strictObject({
        /** Registry hosts or image prefixes; `*` matches within one dot-separated label. */
        allowed: z.array(z.string().min(1)).optional(),
        /** Keep the ECR defaults next to `allowed` (default true). */
        includeDefaults: z.boolean().optional(),
      })
      .optional(),
    trustedCidrs: z.array(z.string().regex(/^[0-9a-fA-F.:]+\/\d{1,3}$/, 'expected a CIDR such as 10.0.0.0/8')).optional(),
    sensitiveWorkloads: z
      .strictObject({
        labels: z.record(z.string(), z.string()).optional(),
        namespaces: z.array(z.string()).optional(),
        taintKey: z.string().min(1).optional(),
      })
      .optional(),
    secrets: z.strictObject({ allow: z.array(z.string().min(1)).optional() }).optional(),
  })
  .describe('seaworthy.config.yaml');

export type SeaworthyConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly line?: number,
  ) {
    super(line === undefined ? `${path}: ${message}` : `${path}:${line}: ${message}`);
  }
}

export interface ResolvedConfig {
  /** File the configuration came from, if any. */
  source?: string;
  settings: ScanSettings;
  ruleSettings: Map<string, RuleSetting>;
}

/** Looks for a configuration file from `start` upward. */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads and validates a configuration file; errors name the file and line. */
export function loadConfigFile(file: string, knownRuleIds: ReadonlySet<string>, displayPath = file): SeaworthyConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read configuration: ${(error as Error).message}`, displayPath);
  }
  const { documents, problems } = parseYamlStream(text, { version: '1.2' });
  const problem = problems[0];
  if (problem) throw new ConfigError(problem.message, displayPath, problem.line);
  const document = documents[0];
  const data: JsonValue = document?.data ?? {};
  const parsed = configSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const issuePath = (issue?.path ?? []).filter((segment): segment is string | number => typeof segment !== 'symbol');
    const line = document ? document.sourceMap.locate(issuePath).startLine : undefined;
    const where = issuePath.length > 0 ? `${issuePath.join('.')}: ` : '';
    throw new ConfigError(`invalid configuration: ${where}${issue?.message ?? 'invalid'}`, displayPath, line);
  }
  for (const id of Object.keys(parsed.data.rules ?? {})) {
    if (!knownRuleIds.has(id)) {
      const line = document?.sourceMap.locate(['rules', id]).startLine;
      throw new ConfigError(`invalid configuration: rules: unknown rule "${id}" (see \`seaworthy rules\`)`, displayPath, line);
    }
  }
  return parsed.data;
}

export function resolveConfig(config: SeaworthyConfig | undefined, source?: string): ResolvedConfig {
  const ruleSettings = new Map<string, RuleSetting>();
  for (const [id, setting] of Object.entries(config?.rules ?? {})) {
    if (setting === 'off') ruleSettings.set(id, { enabled: false });
    else if (setting === 'on') ruleSettings.set(id, { enabled: true });
    else if (typeof setting === 'string') ruleSettings.set(id, { enabled: true, severity: setting });
    else {
      const resolved: RuleSetting = { enabled: setting.enabled ?? true };
      if (setting.severity) resolved.severity = setting.severity;
      ruleSettings.set(id, resolved);
    }
  }
  const registries = config?.registries;
  const allowed = registries?.allowed ?? [];
  const sensitive = config?.sensitiveWorkloads;
  const settings: ScanSettings = {
    allowedRegistries: registries?.includeDefaults === false ? allowed : [...DEFAULT_ALLOWED_REGISTRIES, ...allowed],
    trustedCidrs: config?.trustedCidrs ?? DEFAULT_SETTINGS.trustedCidrs,
    sensitiveWorkloads: {
      labels: sensitive?.labels ?? DEFAULT_SETTINGS.sensitiveWorkloads.labels,
      namespaces: sensitive?.namespaces ?? DEFAULT_SETTINGS.sensitiveWorkloads.namespaces,
      taintKey: sensitive?.taintKey ?? DEFAULT_SETTINGS.sensitiveWorkloads.taintKey,
    },
    secretAllowList: config?.secrets?.allow ?? DEFAULT_SETTINGS.secretAllowList,
  };
  const resolved: ResolvedConfig = { settings, ruleSettings };
  if (source !== undefined) resolved.source = source;
  return resolved;
}
