import { hash } from 'node:crypto';
import { ResourceGraph } from '../graph/graph.js';
import type { Finding, NodePath, Resource, ScanError, Severity, SourceRange } from '../model/types.js';
import type { Rule, RuleContext, RuleReport } from '../rules/rule.js';
import type { ScanSettings } from './settings.js';
import { annotationSuppressions, commentSuppressions, isExpired } from './suppressions.js';

export interface RuleSetting {
  enabled: boolean;
  severity?: Severity;
}

export interface EngineOptions {
  rules: readonly Rule[];
  /** Per-rule overrides from the configuration; rules not named keep their defaults. */
  ruleSettings?: ReadonlyMap<string, RuleSetting>;
  settings: ScanSettings & { today: string };
  /** Every rule id known to the tool (suppressions naming others are invalid). */
  knownRuleIds: ReadonlySet<string>;
}

export interface EngineResult {
  findings: Finding[];
  /** Where secret values sit, per file, from every report (suppressed ones too): code frames mask them. */
  redactions: Map<string, SourceRange[]>;
  suppressed: number;
  rulesRun: number;
  /** A rule that threw on a resource: reported, and the scan goes on. */
  errors: ScanError[];
}

interface RawReport extends RuleReport {
  rule: Rule;
  subject: Resource;
}

/** Runs the rules over all resources of a scan and turns their reports into located, suppressed, sorted findings. */
export function runEngine(resources: readonly Resource[], options: EngineOptions): EngineResult {
  const graph = new ResourceGraph(resources);
  const active = options.rules.filter((rule) => options.ruleSettings?.get(rule.meta.id)?.enabled ?? true);
  const raw: RawReport[] = [];
  const errors: ScanError[] = [];
  const byArtifact = new Map<string, Resource[]>();
  for (const resource of resources) {
    const list = byArtifact.get(resource.artifact);
    if (list) list.push(resource);
    else byArtifact.set(resource.artifact, [resource]);
  }
  const candidatesByArtifacts = new Map<string, readonly Resource[]>();
  for (const rule of active) {
    const artifactsKey = rule.meta.artifacts.join(',');
    let candidates = candidatesByArtifacts.get(artifactsKey);
    if (!candidates) {
      candidates = rule.meta.artifacts.flatMap((artifact) => byArtifact.get(artifact) ?? []);
      candidatesByArtifacts.set(artifactsKey, candidates);
    }
    const first = candidates[0];
    if (!first) continue;
    // One context per rule, pointed at each resource in turn: rules are synchronous and keep no context.
    const context: RuleContext = {
      resource: first,
      graph,
      settings: options.settings,
      knownRuleIds: options.knownRuleIds,
      report: (report) => raw.push({ ...report, rule, subject: report.resource ?? context.resource }),
    };
    for (const resource of candidates) {
      try {
        if (!rule.appliesTo(resource)) continue;
        context.resource = resource;
        rule.check(context);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const line = resource.document.sourceMap.locate(resource.basePath).startLine;
        errors.push({ path: resource.document.file.path, line, message: `rule ${rule.meta.id} failed on ${resource.type} "${resource.name}": ${reason}` });
      }
    }
  }

  const seen = new Set<string>();
  const findings: Finding[] = [];
  const redactions = new Map<string, SourceRange[]>();
  let suppressed = 0;
  for (const report of raw) {
    const finding = toFinding(report, options);
    if (report.secret) {
      const valueRange = report.subject.document.sourceMap.locateValue([...report.subject.basePath, ...report.path]);
      const list = redactions.get(finding.location.path) ?? [];
      list.push(valueRange ?? finding.location);
      redactions.set(finding.location.path, list);
    }
    const key = `${finding.fingerprint}\u0000${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (isSuppressed(report, finding, options)) {
      suppressed++;
      continue;
    }
    findings.push(finding);
  }
  findings.sort(compareFindings);
  return { findings, redactions, suppressed, rulesRun: active.length, errors };
}

function toFinding(report: RawReport, options: EngineOptions): Finding {
  const { rule, subject } = report;
  const fullPath: NodePath = [...subject.basePath, ...report.path];
  const range = report.commentLine !== undefined ? lineRange(subject, report.commentLine) : subject.document.sourceMap.locate(fullPath);
  const resource: Finding['resource'] = { type: subject.type, name: subject.name };
  if (subject.namespace !== undefined) resource.namespace = subject.namespace;
  const severity = options.ruleSettings?.get(rule.meta.id)?.severity ?? report.severity ?? rule.meta.severity;
  return {
    ruleId: rule.meta.id,
    severity,
    seedPoints: [...rule.meta.seedPoints],
    message: report.message,
    fix: report.fix ?? rule.meta.remediation,
    location: { path: subject.document.file.path, ...range },
    resource,
    fingerprint: fingerprint(rule.meta.id, subject, report),
  };
}

function lineRange(resource: Resource, line: number): SourceRange {
  const text = resource.document.file.text.split('\n')[line - 1] ?? '';
  return { startLine: line, startColumn: 1, endLine: line, endColumn: text.length + 1 };
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/**
 * Line-independent identity (baselines, SARIF partialFingerprints): rule, file, resource, node path with
 * container indexes replaced by container names (reordering containers keeps it), and the report's `key`
 * (or its message) so two problems a rule reports at one node stay apart.
 */
export function fingerprint(ruleId: string, resource: Resource, report: RuleReport): string {
  const path =
    report.commentLine !== undefined
      ? [`line:${report.commentLine}`]
      : report.path.map((segment, index) =>
          report.container !== undefined && typeof segment === 'number' && CONTAINER_LISTS.has(String(report.path[index - 1])) ? `name=${report.container}` : segment,
        );
  const parts = [ruleId, resource.document.file.path, resource.type, resource.namespace ?? '', resource.name, path.join('/'), report.key ?? report.message];
  return hash('sha256', parts.join('\u0000'), 'hex').slice(0, 32);
}

function isSuppressed(report: RawReport, finding: Finding, options: EngineOptions): boolean {
  const ruleId = report.rule.meta.id;
  if (ruleId.startsWith('core/')) return false; // a suppression cannot hide problems with suppressions
  const today = options.settings.today;
  const usable = (entry: { ruleId: string; problem?: string; until?: string }): boolean =>
    entry.ruleId === ruleId && entry.problem === undefined && !isExpired(entry, today);

  for (const entry of annotationSuppressions(report.subject, options.knownRuleIds)) {
    if (!usable(entry)) continue;
    if (entry.container === undefined || entry.container === report.container) return true;
  }
  const file = report.subject.document.file;
  for (const entry of commentSuppressions(file, file.text, options.knownRuleIds)) {
    if (usable(entry) && entry.target === finding.location.startLine) return true;
  }
  return false;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.location.path, b.location.path) ||
    a.location.startLine - b.location.startLine ||
    a.location.startColumn - b.location.startColumn ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message) ||
    compareStrings(a.fingerprint, b.fingerprint)
  );
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
