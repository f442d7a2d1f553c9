import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SeaworthyConfig } from './config-file.js';
import type { RuleSetting } from './engine.js';
import { DEFAULT_ALLOWED_REGISTRIES, DEFAULT_SETTINGS, type ScanSettings } from './settings.js';

/**
 * Configuration: where the file is and what it means for a scan. Reading and validating the file (zod) lives in
 * config-file.ts, loaded only when there is a file, so a scan without one starts faster.
 */

export type { SeaworthyConfig };

export const CONFIG_FILE_NAMES = ['seaworthy.config.yaml', 'seaworthy.config.yml'] as const;

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

/**
 * Looks for a configuration file from `start` upward, up to the root of the repository it is in (a directory with
 * `.git`): a file above the repository belongs to something else.
 */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (existsSync(path.join(dir, '.git'))) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function resolveConfig(config: SeaworthyConfig | undefined, source?: string): ResolvedConfig {
  const ruleSettings = new Map<string, RuleSetting>();
  for (const [id, setting] of Object.entries(config?.rules ?? {})) {
    if (setting === 'off' || setting === false) ruleSettings.set(id, { enabled: false });
    else if (setting === 'on' || setting === true) ruleSettings.set(id, { enabled: true });
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
