/** Library entry: `scan(paths, options)` returns the same report the CLI prints as JSON. */
export { scan, scanDetailed, type ScanOptions, type ScanReport, type ScanSummary, type DetailedScan } from './scan.js';
export { ConfigError, type SeaworthyConfig } from './engine/config.js';
export { configSchema } from './engine/config-file.js';
export { ALL_RULES, findRule } from './rules/index.js';
export type { Rule, RuleMeta, RuleContext, RuleReport } from './rules/rule.js';
export type { Finding, FindingLocation, FindingResource, FindingSuppression, SuppressedFinding, ScanError, Severity, ArtifactType, Resource } from './model/types.js';
export { formatJson } from './reporters/json.js';
export { formatSarif } from './reporters/sarif.js';
export { formatText } from './reporters/text.js';
export { SEED_POINTS } from './seeds/points.js';
