import { hash } from 'node:crypto';
import { ResourceGraph } from '../graph/graph.js';
import { CONTAINER_LISTS, describePodTemplate, podTemplateAt, podTemplatesOf } from '../graph/kubernetes.js';
import type { Finding, FindingLocation, FindingSuppression, LoadedDocument, NodePath, Resource, ScanError, Severity, SourceFile, SourceRange, SuppressedFinding } from '../model/types.js';
import type { Rule, RuleContext, RuleReport } from '../rules/rule.js';
import type { ScanSettings } from './settings.js';
import { acceptedBy, annotationSuppressions, commentSuppressions, isExpired } from './suppressions.js';
import { pushTo } from '../util/collections.js';
import { getPath } from '../util/json.js';
import { locateInJsonText, locateInValue, stringPrefixLength } from './text-location.js';

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
  /**
   * The file path that goes into fingerprints, from a finding's displayed path (default: that path). scan()
   * makes it relative to the repository root, so a baseline matches wherever in the repository the scan runs.
   */
  fingerprintPath?: (displayPath: string) => string;
  /** Keep suppressed findings, with the suppression that accepts each (`suppressedFindings` of the result). */
  keepSuppressed?: boolean;
}

export interface EngineResult {
  findings: Finding[];
  /** With `keepSuppressed`: the findings inline suppressions accept, sorted. */
  suppressedFindings?: SuppressedFinding[];
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

/** What resource-scoped rules see as `graph`: reading it means the rule's declared scope is wrong. */
const NO_GRAPH = new Proxy({} as ResourceGraph, {
  get() {
    throw new Error("declares scope 'resource' but read the scan graph");
  },
});

/**
 * Runs rules over the resources of a scan and turns their reports into located, suppressed, sorted findings.
 * Resources come file by file through `add`, which checks them at once with the resource-scoped rules (so a
 * scan checks loaded files while later ones are still being parsed); `finish` builds the graph of everything
 * added and runs the rules that read it.
 */
export class Engine {
  private readonly resources: Resource[] = [];
  private readonly documentOrder = new Map<LoadedDocument, number>();
  private readonly resourceRules: ReadonlyMap<string, readonly GuardedRules[]>;
  private readonly scanRules: readonly Rule[];
  private readonly rulesRun: number;
  private readonly errors: ScanError[] = [];
  /** Findings made so far, by dedupe key (several when one identity is found at several places; rare). */
  private readonly seen = new Map<string, Finding | Finding[]>();
  /**
   * Terraform findings already made, by rule, line, key and message: reported ones (where in `findings`, and whether
   * their resource may not exist), and suppressed ones.
   */
  private readonly shown = new Map<string, { index: number; uncertain: boolean }>();
  private readonly shownSuppressed = new Set<string>();
  private readonly findings: Finding[] = [];
  private readonly suppressedFindings: SuppressedFinding[] = [];
  private readonly redactions = new Map<string, SourceRange[]>();
  private readonly shared = sharedParts();
  private suppressed = 0;

  constructor(private readonly options: EngineOptions) {
    const rules = ruleSetOf(options);
    this.rulesRun = rules.active;
    this.scanRules = rules.scan;
    this.resourceRules = rules.resourceByArtifact;
  }

  /** Adds resources (a file's, in document order) and checks them with the resource-scoped rules. */
  add(resources: readonly Resource[]): void {
    const raw: RawReport[] = [];
    for (const resource of resources) {
      this.resources.push(resource);
      const order = this.orderOf(resource.document);
      const groups = this.resourceRules.get(resource.artifact);
      const first = groups?.[0]?.rules[0];
      if (!groups || !first) continue;
      const context = this.context(first, resource, NO_GRAPH, (report, rule) => {
        raw.push({ report, rule, subject: report.resource ?? resource, order });
      });
      for (const { appliesTo, rules } of groups) {
        let applies: boolean;
        try {
          applies = appliesTo(resource);
        } catch (error) {
          applies = false;
          this.failed(rules[0] as Rule, resource, error);
        }
        if (!applies) continue;
        for (const rule of rules) {
          try {
            context.rule = rule;
            rule.check(context);
          } catch (error) {
            this.failed(rule, resource, error);
          }
        }
      }
    }
    this.process(raw);
  }

  /** Runs the rules that read the whole scan's graph and returns every finding, sorted. */
  finish(): EngineResult {
    const graph = new ResourceGraph(this.resources);
    const raw: RawReport[] = [];
    const candidatesOf = applicableResources(this.resources, (rule, resource, error) => this.failed(rule, resource, error));
    for (const rule of this.scanRules) {
      const applicable = candidatesOf(rule);
      const first = applicable[0];
      if (!first) continue;
      // One context per rule, pointed at each resource in turn: rules are synchronous and keep no context.
      const context = this.context(rule, first, graph, (report) => {
        const subject = report.resource ?? context.resource;
        raw.push({ report, rule, subject, order: this.orderOf(subject.document) });
      });
      for (const resource of applicable) {
        try {
          context.resource = resource;
          rule.check(context);
        } catch (error) {
          this.failed(rule, resource, error);
        }
      }
    }
    // Findings are located one document after another: source maps answer runs of paths of one document fastest.
    raw.sort((a, b) => a.order - b.order);
    this.process(raw);
    this.findings.sort(compareFindings);
    const result: EngineResult = { findings: this.findings, redactions: this.redactions, suppressed: this.suppressed, rulesRun: this.rulesRun, errors: this.errors };
    if (this.options.keepSuppressed) result.suppressedFindings = this.suppressedFindings.sort(compareFindings);
    return result;
  }

  private orderOf(document: LoadedDocument): number {
    let order = this.documentOrder.get(document);
    if (order === undefined) this.documentOrder.set(document, (order = this.documentOrder.size));
    return order;
  }

  private context(
    rule: Rule,
    resource: Resource,
    graph: ResourceGraph,
    push: (report: RuleReport, rule: Rule) => void,
  ): RuleContext & { rule: Rule } {
    const context = {
      rule,
      resource,
      graph,
      settings: this.options.settings,
      knownRuleIds: this.options.knownRuleIds,
      report: (report: RuleReport) => push(report, context.rule),
    };
    return context;
  }

  private failed(rule: Rule, resource: Resource, error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    const line = resource.document.sourceMap.locate(resource.basePath).startLine;
    this.errors.push({ path: resource.document.file.path, line, message: `rule ${rule.meta.id} failed on ${resource.type} "${resource.name}": ${reason}` });
  }

  /** Turns reports into findings: fingerprint, dedupe, location, redaction, suppression. */
  private process(raw: (RawReport | undefined)[]): void {
    for (let index = 0; index < raw.length; index++) {
      const entry = raw[index];
      if (!entry) continue;
      raw[index] = undefined; // each report becomes garbage as soon as its finding exists (peak memory)
      const identity = identityOf(entry.rule.meta.id, entry.subject, entry.report, this.options.fingerprintPath);
      let fingerprint = hashIdentity(identity);
      // Without a `key`, the message is part of the fingerprint's identity already.
      const dedupeKey = entry.report.key === undefined ? fingerprint : `${fingerprint}\u0000${entry.report.message}`;
      const earlier = this.seen.get(dedupeKey);
      let finding: Finding;
      if (earlier) {
        // The same identity: a repeat at the same place, or the same identity elsewhere (two objects of one name and
        // kind in one file: Terraform Kubernetes resources sent to two clusters, say), which is a finding too, its
        // fingerprint also saying where it is.
        const list = Array.isArray(earlier) ? earlier : [earlier];
        const location = findingLocation(entry, this.shared);
        if (list.some((other) => sameLocation(other.location, location))) continue;
        fingerprint = hashIdentity(`${identity}\u0000${location.path}\u0000${location.startLine}\u0000${location.startColumn}`);
        finding = toFinding(entry, fingerprint, this.shared, this.options, location);
        this.seen.set(dedupeKey, [...list, finding]);
      } else {
        finding = toFinding(entry, fingerprint, this.shared, this.options);
        this.seen.set(dedupeKey, finding);
      }
      const suppression = suppressionOf(entry, finding, this.options, this.shared);
      // Masked wherever it is, even when the finding repeats one already made.
      if (entry.report.secret) {
        const { subject } = entry;
        const valueRange = subject.document.sourceMap.locateValue(documentPath(subject, entry.report.path));
        pushTo(this.redactions, finding.location.path, valueRange ?? finding.location);
      }
      // Terraform reaches one problem several times: a module's line through each instance of the module, a plan
      // resource checked at the `.tf` lines of its source (which reads container definitions from a JSON string
      // where the source has `jsonencode`), a variable default through each resource using it. One finding per rule,
      // line, key and message; a suppressed one does not hide one that is not (the suppression may name one resource),
      // and a resource that surely exists is the one named (not a maybe-created instance reaching the same default).
      if (entry.subject.artifact === 'terraform') {
        const shownAs = `${finding.ruleId}\u0000${finding.location.path}\u0000${finding.location.startLine}\u0000${entry.report.key ?? ''}\u0000${entry.report.message}`;
        const uncertain = entry.subject.uncertain === true;
        if (suppression) {
          if (this.shownSuppressed.has(shownAs)) continue;
          this.shownSuppressed.add(shownAs);
        } else {
          const earlier = this.shown.get(shownAs);
          if (earlier) {
            if (earlier.uncertain && !uncertain) {
              this.findings[earlier.index] = finding;
              earlier.uncertain = false;
            }
            continue;
          }
          this.shown.set(shownAs, { index: this.findings.length, uncertain });
        }
      }
      if (suppression) {
        this.suppressed++;
        if (this.options.keepSuppressed) this.suppressedFindings.push({ ...finding, suppression });
        continue;
      }
      this.findings.push(finding);
    }
  }
}

/** Runs the rules over all resources of a scan at once (see Engine for file-by-file use). */
export function runEngine(resources: readonly Resource[], options: EngineOptions): EngineResult {
  const engine = new Engine(options);
  engine.add(resources);
  return engine.finish();
}

/** Rules that share an applicability guard (most workload rules use `isWorkload`): it runs once per resource. */
interface GuardedRules {
  appliesTo: Rule['appliesTo'];
  rules: Rule[];
}

/** The active rules of a scan, sorted for the engine. */
interface RuleSet {
  active: number;
  scan: readonly Rule[];
  resourceByArtifact: ReadonlyMap<string, readonly GuardedRules[]>;
}

/** Per rule list, per set of disabled rules: scans with the same options (a library caller's, the bench's) share one. */
const ruleSets = new WeakMap<readonly Rule[], Map<string, RuleSet>>();

function ruleSetOf(options: EngineOptions): RuleSet {
  const disabled: string[] = [];
  for (const [id, setting] of options.ruleSettings ?? []) if (!setting.enabled) disabled.push(id);
  const key = disabled.sort().join(',');
  let byDisabled = ruleSets.get(options.rules);
  if (!byDisabled) ruleSets.set(options.rules, (byDisabled = new Map()));
  let set = byDisabled.get(key);
  if (set) return set;
  const off = new Set(disabled);
  const active = options.rules.filter((rule) => !off.has(rule.meta.id));
  const resourceByArtifact = new Map<string, GuardedRules[]>();
  for (const rule of active) {
    if (rule.scope !== 'resource') continue;
    for (const artifact of rule.meta.artifacts) {
      let groups = resourceByArtifact.get(artifact);
      if (!groups) resourceByArtifact.set(artifact, (groups = []));
      const group = groups.find((candidate) => candidate.appliesTo === rule.appliesTo);
      if (group) group.rules.push(rule);
      else groups.push({ appliesTo: rule.appliesTo, rules: [rule] });
    }
  }
  set = { active: active.length, scan: active.filter((rule) => rule.scope !== 'resource'), resourceByArtifact };
  byDisabled.set(key, set);
  return set;
}

/** A rule's artifact types as one string: rules with the same ones (and guard) share the guard's answers. */
const artifactKeys = new WeakMap<Rule, string>();

function artifactsKeyOf(rule: Rule): string {
  let key = artifactKeys.get(rule);
  if (key === undefined) artifactKeys.set(rule, (key = rule.meta.artifacts.join(',')));
  return key;
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
    pushTo(byArtifact, resource.artifact, resource);
  }
  const cache = new Map<string, Map<Rule['appliesTo'], readonly Resource[]>>();
  return (rule) => {
    let any = false;
    for (const artifact of rule.meta.artifacts) if (byArtifact.has(artifact)) any = true;
    if (!any) return [];
    const artifactsKey = artifactsKeyOf(rule);
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
 * Parts many findings have in common, made once: a rule's seed points, a resource's identity, a location
 * (rules often report at the same node: a container, its `resources`). Tens of thousands of findings would
 * otherwise each carry copies. Findings are read-only data.
 */
function sharedParts(): {
  seedPoints: (rule: Rule) => string[];
  resource: (subject: Resource) => Finding['resource'];
  location: (subject: Resource, path: NodePath) => Finding['location'];
  /** A report's `textOffset` in its string, when the string's lines are the file's (see locateInValue). */
  locationInText: (subject: Resource, report: RuleReport) => Finding['location'] | undefined;
  /** Files findings were located in other than their resource's (Terraform override files), by path. */
  otherFiles: Map<string, SourceFile>;
} {
  const otherFiles = new Map<string, SourceFile>();
  const seedPoints = new Map<Rule, string[]>();
  const resources = new Map<Resource, Finding['resource']>();
  // Locations of the last document's paths only: reports come document by document.
  let locationsOf: LoadedDocument | undefined;
  const locations = new Map<string, Finding['location']>();
  const location = (subject: Resource, path: NodePath): Finding['location'] => {
    const { document } = subject;
    if (document !== locationsOf) {
      locationsOf = document;
      locations.clear();
    }
    const fullPath = [...subject.basePath, ...path];
    const key = fullPath.join('\u0000');
    let found = locations.get(key);
    if (!found) {
      found = jsonTextLocation(subject, path);
      if (!found) {
        const range = document.sourceMap.locate(documentPath(subject, path));
        if (range.file !== undefined && range.fileText !== undefined) otherFiles.set(range.file, { path: range.file, text: range.fileText });
        found = toLocation(range, document.file.path);
      }
      locations.set(key, found);
    }
    return found;
  };
  // CloudFormation JSON written as a string (a policy document, `!Sub |` JSON): paths go on into the text. Terraform's
  // source map reads its heredocs itself.
  const jsonTextLocation = (subject: Resource, path: NodePath): Finding['location'] | undefined => {
    if (subject.artifact !== 'cloudformation') return undefined;
    const length = stringPrefixLength(subject.body, path);
    if (length === undefined) return undefined;
    const stringPath = path.slice(0, length);
    const text = getPath(subject.body, stringPath);
    const valueRange = subject.document.sourceMap.locateValue(documentPath(subject, stringPath));
    if (typeof text !== 'string' || !valueRange || valueRange.file !== undefined) return undefined;
    const range = locateInJsonText(subject.document.file, valueRange, text, path.slice(length));
    return range ? toLocation(range, subject.document.file.path) : location(subject, stringPath);
  };
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
    location,
    locationInText: (subject, report) => {
      const path = report.textPath ?? report.path;
      const value = getPath(subject.body, path);
      if (typeof value !== 'string' || report.textOffset === undefined) return undefined;
      const { document } = subject;
      const valueRange = document.sourceMap.locateValue(documentPath(subject, path));
      if (!valueRange) return undefined;
      // Only inside the reported node's own text: through a YAML alias the value is written at its anchor,
      // which may be another object's.
      const node = location(subject, report.path);
      const file = valueRange.file === undefined ? document.file : otherFiles.get(valueRange.file);
      if (!file || file.path !== node.path || valueRange.startLine < node.startLine || valueRange.endLine > node.endLine) return undefined;
      const range = locateInValue(file, valueRange, value, report.textOffset);
      return range && toLocation(range, file.path);
    },
    otherFiles,
  };
}

function toLocation(range: SourceRange, file: string): Finding['location'] {
  return { path: range.file ?? file, startLine: range.startLine, startColumn: range.startColumn, endLine: range.endLine, endColumn: range.endColumn };
}

/** Where a report is: its comment line, its offset in a text value, or its path. */
function findingLocation(entry: RawReport, shared: ReturnType<typeof sharedParts>): FindingLocation {
  const { subject, report } = entry;
  return report.commentLine !== undefined
    ? toLocation(lineRange(subject, report.commentLine), subject.document.file.path)
    : ((report.textOffset !== undefined ? shared.locationInText(subject, report) : undefined) ?? shared.location(subject, report.path));
}

function toFinding(entry: RawReport, fingerprint: string, shared: ReturnType<typeof sharedParts>, options: EngineOptions, location = findingLocation(entry, shared)): Finding {
  const { rule, subject, report } = entry;
  const severity = options.ruleSettings?.get(rule.meta.id)?.severity ?? report.severity ?? rule.meta.severity;
  return {
    ruleId: rule.meta.id,
    severity,
    seedPoints: shared.seedPoints(rule),
    message: withParameterDefault(subject, report, withExistence(subject, withPodTemplate(subject, report))),
    fix: report.fix ?? rule.meta.remediation,
    location,
    resource: shared.resource(subject),
    fingerprint,
  };
}

/**
 * A finding on a value that is a template parameter's Default (or inside one) names the parameter: the stack may be
 * deployed with another value. Not part of the fingerprint.
 */
function withParameterDefault(subject: Resource, report: RuleReport, message: string): string {
  const origin = parameterDefaultOrigin(subject, report.path);
  return origin === undefined ? message : `${message.replace(/\.$/, '')} (${origin}).`;
}

function parameterDefaultOrigin(subject: Resource, reportPath: NodePath): string | undefined {
  const defaults = subject.parameterDefaults;
  if (!defaults) {
    const found = subject.artifact === 'terraform' ? subject.document.sourceMap.variableDefault?.([...subject.basePath, ...reportPath]) : undefined;
    if (found === undefined) return undefined;
    // A called module's variable can only be set by the module call.
    return found.inRootModule ? `the default of variable "${found.variable}": a deployment may pass another value` : `the default of variable "${found.variable}", which the module call does not set`;
  }
  const at = subject.sourcePath ? subject.sourcePath(reportPath) : reportPath;
  // The branch an Fn::If takes and the Default that branch gives (`!If [IsDev, !Ref Cidr, ...]`) are both said.
  const found = defaults.filter(({ path }) => path.length <= at.length && path.every((segment, index) => segment === at[index]));
  const origins = [...new Set(found.map((entry) => defaultOrigin(entry)))];
  return origins.length === 0 ? undefined : origins.join('; ');
}

function defaultOrigin(found: NonNullable<Resource['parameterDefaults']>[number]): string {
  if (found.condition) {
    const several = found.parameter.includes(', ');
    return `the branch condition ${found.condition.name} takes, ${found.condition.holds ? 'true' : 'false'} with the Default${several ? 's' : ''} of parameter${several ? 's' : ''} ${found.parameter}: a deployment may pass other values`;
  }
  return found.loop
    ? `one of the resources ${found.loop} generates for the Default of parameter ${found.parameter}: a deployment may pass other items`
    : `the Default of parameter ${found.parameter}: a deployment may pass another value`;
}

/** A finding on a resource that may not exist says so (two variants of a module's service, one per count). */
function withExistence(subject: Resource, message: string): string {
  if (subject.uncertain === true) return `${message.replace(/\.$/, '')} (if the resource is created: its count or for_each is not known from the files).`;
  return subject.existsOnly === undefined ? message : `${message.replace(/\.$/, '')} (the resource exists only ${subject.existsOnly}).`;
}

/**
 * A container finding on a workload with several pod templates names the template: Kubeflow replicas, for one,
 * all call their container `pytorch`. Not part of the fingerprint, which the path already tells apart.
 */
function withPodTemplate(subject: Resource, report: RuleReport): string {
  if (report.container === undefined || subject.artifact !== 'kubernetes') return report.message;
  if (podTemplatesOf(subject).length < 2) return report.message;
  const pod = podTemplateAt(subject, report.path);
  if (!pod || pod.name === report.container) return report.message;
  return `${report.message.replace(/\.$/, '')} (${describePodTemplate(pod)}).`;
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
function identityOf(ruleId: string, resource: Resource, report: RuleReport, fingerprintPath?: (displayPath: string) => string): string {
  let path: string;
  if (report.commentLine !== undefined) path = `line:${report.commentLine}`;
  else if (report.container === undefined) path = report.path.join('/');
  else path = report.path.map((segment, index) => (typeof segment === 'number' && CONTAINER_LIST_NAMES.has(String(report.path[index - 1])) ? `name=${report.container}` : segment)).join('/');
  const file = fingerprintPath ? fingerprintPath(resource.document.file.path) : resource.document.file.path;
  return `${ruleId}\u0000${file}\u0000${resource.type}\u0000${resource.namespace ?? ''}\u0000${resource.name}\u0000${path}\u0000${report.key ?? report.message}`;
}

function sameLocation(a: FindingLocation, b: FindingLocation): boolean {
  return a.path === b.path && a.startLine === b.startLine && a.startColumn === b.startColumn;
}

function hashIdentity(identity: string): string {
  return hash('sha256', identity, 'hex').slice(0, 32);
}

/** Terraform configuration and variable files (where variable defaults, locals and tfvars values are written). */
const TERRAFORM_CONFIGURATION = /\.(tf|tf\.json|tfvars|tfvars\.json)$/;

/** The inline suppression (annotation or comment) that accepts a finding, if any. */
function suppressionOf(entry: RawReport, finding: Finding, options: EngineOptions, shared: ReturnType<typeof sharedParts>): FindingSuppression | undefined {
  const ruleId = entry.rule.meta.id;
  if (ruleId.startsWith('core/')) return undefined; // a suppression cannot hide problems with suppressions
  const today = options.settings.today;
  const usable = (entry: { ruleId: string; problem?: string; until?: string }): boolean =>
    entry.ruleId === ruleId && entry.problem === undefined && !isExpired(entry, today);

  for (const suppression of annotationSuppressions(entry.subject, options.knownRuleIds)) {
    if (!usable(suppression)) continue;
    if (suppression.container === undefined || suppression.container === entry.report.container) return acceptedBy('inSource', suppression);
  }
  // The comment sits in the file the finding is located in: a Terraform override file has its own lines.
  const own = entry.subject.document.file;
  const file = finding.location.path === own.path ? own : shared.otherFiles.get(finding.location.path);
  if (!file) return undefined;
  // A finding located inside a string (a line of a block scalar) is also suppressed at the string's node,
  // where a comment can be written.
  const nodeLine = entry.report.textOffset === undefined || entry.report.commentLine !== undefined ? undefined : shared.location(entry.subject, entry.report.path).startLine;
  for (const suppression of commentSuppressions(file, options.knownRuleIds)) {
    if (usable(suppression) && (suppression.target === finding.location.startLine || suppression.target === nodeLine)) return acceptedBy('inSource', suppression);
  }
  // A Terraform finding located in configuration outside its resource's lines (a variable default, a local, a tfvars
  // value, which other resources may share): a comment at the attribute that takes the value, or on the resource's
  // first line, accepts it too. Not a finding inside a JSON file the resource reads (`file("defs.json")`): a comment at
  // the attribute cannot say which of its entries it means.
  if (entry.subject.artifact !== 'terraform' || !TERRAFORM_CONFIGURATION.test(finding.location.path)) return undefined;
  const home = shared.location(entry.subject, []);
  const within = (location: Finding['location']): boolean => location.path === home.path && location.startLine >= home.startLine && location.startLine <= home.endLine;
  const homeFile = home.path === own.path ? own : shared.otherFiles.get(home.path);
  if (within(finding.location) || !homeFile) return undefined;
  let attributeLine = home.startLine;
  for (let length = entry.report.path.length - 1; length > 0; length--) {
    const written = shared.location(entry.subject, entry.report.path.slice(0, length));
    if (!within(written)) continue;
    attributeLine = written.startLine;
    break;
  }
  for (const suppression of commentSuppressions(homeFile, options.knownRuleIds)) {
    if (usable(suppression) && (suppression.target === attributeLine || suppression.target === home.startLine)) return acceptedBy('inSource', suppression);
  }
  return undefined;
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

/** Where a path of a resource's body is written in its document (see Resource.sourcePath). */
function documentPath(subject: Resource, path: NodePath): NodePath {
  return [...subject.basePath, ...(subject.sourcePath ? subject.sourcePath(path) : path)];
}
