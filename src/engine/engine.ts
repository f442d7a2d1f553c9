import { hash } from 'node:crypto';
import { ResourceGraph } from '../graph/graph.js';
import { CONTAINER_LISTS } from '../graph/kubernetes.js';
import type { Finding, LoadedDocument, Resource, ScanError, Severity, SourceRange } from '../model/types.js';
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

interface RawReport {
  report: RuleReport;
  rule: Rule;
  subject: Resource;
  /** Position of the subject's document in the scan. */
  order: number;
}

/** Runs the rules over all resources of a scan and turns their reports into located, suppressed, sorted findings. */
export function runEngine(resources: readonly Resource[], options: EngineOptions): EngineResult {
  const graph = new ResourceGraph(resources);
  const active = options.rules.filter((rule) => options.ruleSettings?.get(rule.meta.id)?.enabled ?? true);
  const raw: (RawReport | undefined)[] = [];
  const errors: ScanError[] = [];
  const failed = (rule: Rule, resource: Resource, error: unknown): void => {
    const reason = error instanceof Error ? error.message : String(error);
    const line = resource.document.sourceMap.locate(resource.basePath).startLine;
    errors.push({ path: resource.document.file.path, line, message: `rule ${rule.meta.id} failed on ${resource.type} "${resource.name}": ${reason}` });
  };
  // Findings are located one document after another (source maps answer runs of paths of one document fastest):
  // each report carries its document's position.
  const documentOrder = new Map<LoadedDocument, number>();
  for (const resource of resources) if (!documentOrder.has(resource.document)) documentOrder.set(resource.document, documentOrder.size);
  const candidatesOf = applicableResources(resources, failed);
  for (const rule of active) {
    const applicable = candidatesOf(rule);
    const first = applicable[0];
    if (!first) continue;
    // One context per rule, pointed at each resource in turn: rules are synchronous and keep no context.
    const context: RuleContext = {
      resource: first,
      graph,
      settings: options.settings,
      knownRuleIds: options.knownRuleIds,
      report: (report) => {
        const subject = report.resource ?? context.resource;
        raw.push({ report, rule, subject, order: documentOrder.get(subject.document) ?? -1 });
      },
    };
    for (const resource of applicable) {
      try {
        context.resource = resource;
        rule.check(context);
      } catch (error) {
        failed(rule, resource, error);
      }
    }
  }

  raw.sort((a, b) => (a?.order ?? -1) - (b?.order ?? -1));

  const seen = new Set<string>();
  const findings: Finding[] = [];
  const redactions = new Map<string, SourceRange[]>();
  const shared = sharedParts();
  let suppressed = 0;
  for (let index = 0; index < raw.length; index++) {
    const entry = raw[index];
    if (!entry) continue;
    raw[index] = undefined; // each report becomes garbage as soon as its finding exists (peak memory)
    const fingerprint = hashIdentity(identityOf(entry.rule.meta.id, entry.subject, entry.report));
    // Without a `key`, the message is part of the fingerprint's identity already.
    const dedupeKey = entry.report.key === undefined ? fingerprint : `${fingerprint}\u0000${entry.report.message}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    const finding = toFinding(entry, fingerprint, shared, options);
    if (entry.report.secret) {
      const { subject } = entry;
      const valueRange = subject.document.sourceMap.locateValue([...subject.basePath, ...entry.report.path]);
      const list = redactions.get(finding.location.path) ?? [];
      list.push(valueRange ?? finding.location);
      redactions.set(finding.location.path, list);
    }
    if (isSuppressed(entry, finding, options)) {
      suppressed++;
      continue;
    }
    findings.push(finding);
  }
  findings.sort(compareFindings);
  return { findings, redactions, suppressed, rulesRun: active.length, errors };
}

/**
 * The resources each rule applies to. Rules that share an applicability guard (most workload rules use
 * `isWorkload`) and artifact types share one evaluation of it: the guard runs once per resource, not once
 * per rule and resource.
 */
function applicableResources(
  resources: readonly Resource[],
  failed: (rule: Rule, resource: Resource, error: unknown) => void,
): (rule: Rule) => readonly Resource[] {
  const byArtifact = new Map<string, Resource[]>();
  for (const resource of resources) {
    const list = byArtifact.get(resource.artifact);
    if (list) list.push(resource);
    else byArtifact.set(resource.artifact, [resource]);
  }
  const cache = new Map<string, Map<Rule['appliesTo'], readonly Resource[]>>();
  return (rule) => {
    if (!rule.meta.artifacts.some((artifact) => byArtifact.has(artifact))) return [];
    const artifactsKey = rule.meta.artifacts.join(',');
    let byGuard = cache.get(artifactsKey);
    if (!byGuard) cache.set(artifactsKey, (byGuard = new Map()));
    let applicable = byGuard.get(rule.appliesTo);
    if (!applicable) {
      const list: Resource[] = [];
      for (const artifact of rule.meta.artifacts) {
        for (const resource of byArtifact.get(artifact) ?? []) {
          try {
            if (rule.appliesTo(resource)) list.push(resource);
          } catch (error) {
            failed(rule, resource, error);
          }
        }
      }
      byGuard.set(rule.appliesTo, (applicable = list));
    }
    return applicable;
  };
}

/**
 * Parts many findings have in common, made once: a rule's seed points, a resource's identity. Tens of
 * thousands of findings would otherwise each carry copies. Findings are read-only data.
 */
function sharedParts(): { seedPoints: (rule: Rule) => string[]; resource: (subject: Resource) => Finding['resource'] } {
  const seedPoints = new Map<Rule, string[]>();
  const resources = new Map<Resource, Finding['resource']>();
  return {
    seedPoints: (rule) => {
      let points = seedPoints.get(rule);
      if (!points) seedPoints.set(rule, (points = [...rule.meta.seedPoints]));
      return points;
    },
    resource: (subject) => {
      let resource = resources.get(subject);
      if (!resource) {
        resource = { type: subject.type, name: subject.name };
        if (subject.namespace !== undefined) resource.namespace = subject.namespace;
        resources.set(subject, resource);
      }
      return resource;
    },
  };
}

function toFinding(entry: RawReport, fingerprint: string, shared: ReturnType<typeof sharedParts>, options: EngineOptions): Finding {
  const { rule, subject, report } = entry;
  const range = report.commentLine !== undefined ? lineRange(subject, report.commentLine) : subject.document.sourceMap.locate([...subject.basePath, ...report.path]);
  const severity = options.ruleSettings?.get(rule.meta.id)?.severity ?? report.severity ?? rule.meta.severity;
  return {
    ruleId: rule.meta.id,
    severity,
    seedPoints: shared.seedPoints(rule),
    message: report.message,
    fix: report.fix ?? rule.meta.remediation,
    location: { path: range.file ?? subject.document.file.path, startLine: range.startLine, startColumn: range.startColumn, endLine: range.endLine, endColumn: range.endColumn },
    resource: shared.resource(subject),
    fingerprint,
  };
}

function lineRange(resource: Resource, line: number): SourceRange {
  const text = resource.document.file.text.split('\n')[line - 1] ?? '';
  return { startLine: line, startColumn: 1, endLine: line, endColumn: text.length + 1 };
}

const CONTAINER_LIST_NAMES: ReadonlySet<string> = new Set(CONTAINER_LISTS);

/**
 * Line-independent identity, hashed into the fingerprint (baselines, SARIF partialFingerprints): rule, file,
 * resource, node path with container indexes replaced by container names (reordering containers keeps it),
 * and the report's `key` (or its message) so two problems a rule reports at one node stay apart.
 */
function identityOf(ruleId: string, resource: Resource, report: RuleReport): string {
  let path: string;
  if (report.commentLine !== undefined) path = `line:${report.commentLine}`;
  else if (report.container === undefined) path = report.path.join('/');
  else path = report.path.map((segment, index) => (typeof segment === 'number' && CONTAINER_LIST_NAMES.has(String(report.path[index - 1])) ? `name=${report.container}` : segment)).join('/');
  return `${ruleId}\u0000${resource.document.file.path}\u0000${resource.type}\u0000${resource.namespace ?? ''}\u0000${resource.name}\u0000${path}\u0000${report.key ?? report.message}`;
}

function hashIdentity(identity: string): string {
  return hash('sha256', identity, 'hex').slice(0, 32);
}

function isSuppressed(entry: RawReport, finding: Finding, options: EngineOptions): boolean {
  const ruleId = entry.rule.meta.id;
  if (ruleId.startsWith('core/')) return false; // a suppression cannot hide problems with suppressions
  const today = options.settings.today;
  const usable = (entry: { ruleId: string; problem?: string; until?: string }): boolean =>
    entry.ruleId === ruleId && entry.problem === undefined && !isExpired(entry, today);

  for (const suppression of annotationSuppressions(entry.subject, options.knownRuleIds)) {
    if (!usable(suppression)) continue;
    if (suppression.container === undefined || suppression.container === entry.report.container) return true;
  }
  const file = entry.subject.document.file;
  for (const suppression of commentSuppressions(file, file.text, options.knownRuleIds)) {
    if (usable(suppression) && suppression.target === finding.location.startLine) return true;
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
