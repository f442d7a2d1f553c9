import type { ResourceGraph } from '../graph/graph.js';
import type { ArtifactType, NodePath, Resource, Severity } from '../model/types.js';
import type { ScanSettings } from '../engine/settings.js';

/** Where rule documentation lives; each rule's URL is derived from its id. */
export const DOCS_BASE_URL = 'https://github.com/seaworthy-dev/seaworthy/blob/main/docs/rules';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`;
}

export type PeerTool = 'checkov' | 'trivy' | 'kube-linter' | 'kubescape' | 'polaris' | 'cdk-nag' | 'prowler' | 'aws-securityhub';

export interface PeerReference {
  tool: PeerTool;
  /** The peer's own check id, e.g. `AVD-KSV-0012`, `polaris:runAsRootAllowed`, `CKV_K8S_6`. */
  id: string;
}

export interface FrameworkReference {
  /** e.g. `CIS EKS Benchmark 1.5`, `NSA/CISA Kubernetes Hardening Guide`, `Pod Security Standards`, `AWS FSBP`. */
  framework: string;
  id: string;
}

export interface RuleMeta {
  /** `<area>/<kebab-name>`; also the rule's file name. */
  id: string;
  title: string;
  /** The severity of its findings, unless they say otherwise (see otherSeverities). */
  severity: Severity;
  /**
   * Severities some findings get instead, by what they find (the description says when): `net/no-public-ingress` is
   * critical for SSH from anywhere. The rule tests fail on a finding of any other severity.
   */
  otherSeverities?: readonly Severity[];
  /** Seed points the rule enforces (SEED-POINTS.md); empty for rules beyond the seeds. */
  seedPoints: readonly string[];
  artifacts: readonly ArtifactType[];
  /** What the rule looks at and when it reports, in a sentence or two. */
  description: string;
  rationale: string;
  remediation: string;
  /** What the rule cannot decide from files alone, if anything. */
  limitations?: string;
  references: {
    peers: readonly PeerReference[];
    frameworks: readonly FrameworkReference[];
    links?: readonly string[];
  };
}

export interface RuleReport {
  /** Path of the offending node inside the reported resource's body; the engine turns it into a location. */
  path: NodePath;
  message: string;
  /** A fix specific to this occurrence; defaults to the rule's remediation. */
  fix?: string;
  /** The node's value is a secret: reporters must never show it (code frames mask it). */
  secret?: boolean;
  /** Report against another resource than the one being checked (cross-resource rules). */
  resource?: Resource;
  /** Container name, for per-container suppressions. */
  container?: string;
  /** For things that are not nodes (comments): the 1-based line they are on. Overrides `path` for the location. */
  commentLine?: number | undefined;
  /**
   * Where in the string at `path` (as the rule read it from the resource body) the problem is: the finding is
   * then located at that line of a multi-line string written line for line in the file (a YAML `|` block, a
   * Terraform heredoc), and at the node otherwise. Give it only for offsets into that very string, not into a
   * decoded copy.
   */
  textOffset?: number | undefined;
  /** The string `textOffset` is in, when it is a part of the node at `path` (which stays the finding's identity). */
  textPath?: NodePath | undefined;
  /**
   * Tells apart several problems a rule reports at one node (`ingress` / `egress`): part of the fingerprint,
   * so baselines keep them apart. Defaults to the message; set it when the message quotes values that change
   * while the problem stays (an image tag, a list of containers), so that baselines survive those edits.
   */
  key?: string;
  /** This occurrence's severity when it differs from the rule's (a configuration override still wins). */
  severity?: Severity;
}

export interface RuleContext {
  resource: Resource;
  graph: ResourceGraph;
  settings: ScanSettings & { today: string };
  /** Every rule id of the tool (suppressions naming others are invalid). */
  knownRuleIds: ReadonlySet<string>;
  report(report: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * `resource`: the rule reads only the resource it checks (and that resource's file), never `graph`. The engine
   * then checks each file as soon as it is loaded, while later files are still being parsed. Default `scan`:
   * the rule may read the graph of the whole scan, so it runs once every file is loaded.
   */
  scope?: 'resource' | 'scan';
  /** Cheap applicability guard, called before `check`. */
  appliesTo(resource: Resource): boolean;
  /** Pure: reads the resource and the graph, reports through the context, never mutates anything. */
  check(context: RuleContext): void;
}

const RULE_ID = /^[a-z0-9]+\/[a-z0-9]+(-[a-z0-9]+)*$/;

/** Typed rule definition with a light validation of the metadata. */
export function createRule(rule: Rule): Rule {
  if (!RULE_ID.test(rule.meta.id)) throw new Error(`invalid rule id: ${rule.meta.id}`);
  return Object.freeze(rule);
}
