/**
 * Core data model shared by loaders, the resource graph, rules, the engine and reporters.
 * Every artifact type (Kubernetes, CloudFormation, Terraform, task definitions, policies, Dockerfiles, CI)
 * is loaded into the same shapes: a parsed document with a lazy source map, and resources inside it.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export const ARTIFACT_TYPES = [
  'kubernetes',
  'cloudformation',
  'terraform',
  'task-definition',
  'iam-policy',
  'dockerfile',
  'ci-workflow',
  'eksctl',
] as const;
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

/** Short labels used by SEED-POINTS.md's *check* column. */
export const ARTIFACT_LABELS: Record<ArtifactType, string> = {
  kubernetes: 'K8s',
  cloudformation: 'CFN',
  terraform: 'TF',
  'task-definition': 'TD',
  'iam-policy': 'POL',
  dockerfile: 'DF',
  'ci-workflow': 'CI',
  eksctl: 'EKSCTL',
};

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue | undefined;
}

export type PathSegment = string | number;
export type NodePath = readonly PathSegment[];

/** 1-based lines and columns; the end column is exclusive. */
export interface SourceRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  /** Set when the range lies in another file than the document's (a Terraform override file merged in). */
  file?: string;
  /** With `file`: that file's text (comment suppressions written there apply). */
  fileText?: string;
}

/** Maps a path inside a document to where it is in the file. Lazy: only findings pay for it. */
export interface SourceMap {
  /**
   * Range of the node at `path` (for a mapping entry: from its key to the end of its value).
   * When the path does not exist, the nearest existing ancestor's range.
   */
  locate(path: NodePath): SourceRange;
  /** Range of the value alone (no key), used to mask secret values in code frames. */
  locateValue(path: NodePath): SourceRange | undefined;
  /**
   * The Terraform variable whose default the value at `path` is, and whether the root module declares it (a
   * deployment may pass another value) or a called module does (only the module call could).
   */
  variableDefault?(path: NodePath): { variable: string; inRootModule: boolean } | undefined;
}

export interface SourceFile {
  /** Path as shown in reports: relative to the working directory when below it, `-` for stdin. */
  path: string;
  text: string;
}

/** One parsed document of a file (a YAML document, a JSON file, a HCL file, ...). */
export interface LoadedDocument {
  file: SourceFile;
  artifact: ArtifactType;
  /** 0-based index of the document inside its file. */
  index: number;
  data: JsonValue;
  sourceMap: SourceMap;
}

/** A unit that rules check and reports name: a Kubernetes object, a CloudFormation resource, ... */
export interface Resource {
  artifact: ArtifactType;
  /** Kubernetes kind, CloudFormation type, Terraform type, `Dockerfile`, ... */
  type: string;
  /** metadata.name, logical ID, Terraform address, stage name, ... */
  name: string;
  namespace?: string;
  /** Kubernetes apiVersion, when the artifact has one. */
  apiVersion?: string;
  body: JsonObject;
  document: LoadedDocument;
  /** Where `body` sits inside `document.data` (e.g. `['items', 2]` for an entry of a Kubernetes List). */
  basePath: NodePath;
  /**
   * Where a path of `body` is written below `basePath`, when `body` is evaluated rather than read (a CloudFormation
   * `Fn::If` with a static condition: its chosen branch). Without it, the same path.
   */
  sourcePath?: (path: NodePath) => NodePath;
  /**
   * Values of `body` that are a template parameter's Default (the parameter not passed): where each is written
   * below `basePath`, and the parameter. Findings on them say a deployment may pass another value. With `loop`: the
   * resource is one of those an `Fn::ForEach` loop generates for the items of that Default (path `[]`). With
   * `condition`: the branch of an `Fn::If` that condition takes with the Defaults of `parameter` (names, comma-separated).
   */
  parameterDefaults?: ReadonlyArray<{ path: NodePath; parameter: string; loop?: string; condition?: { name: string; holds: boolean } }>;
  /** It may not exist: a Terraform instance whose `count` / `for_each` the scan cannot evaluate. */
  uncertain?: boolean;
  /** It exists only under a condition (a CloudFormation `Condition` not known to hold): when, for messages. */
  existsOnly?: string;
}

export interface FindingLocation extends SourceRange {
  path: string;
}

export interface FindingResource {
  type: string;
  name: string;
  namespace?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  seedPoints: string[];
  message: string;
  /** How to fix this occurrence; the rule's remediation when the rule gives nothing more specific. */
  fix: string;
  location: FindingLocation;
  resource: FindingResource;
  /** Line-independent identity used by baselines and SARIF partialFingerprints. */
  fingerprint: string;
}

/** Why a finding is not reported: the suppression that accepts it (reported with `--show-suppressed`). */
export interface FindingSuppression {
  /** `inSource`: an annotation or comment in the scanned file; `external`: the configuration file. */
  kind: 'inSource' | 'external';
  reason: string;
  /** YYYY-MM-DD, inclusive: the suppression's expiry. */
  until?: string;
}

export interface SuppressedFinding extends Finding {
  suppression: FindingSuppression;
}

export interface ScanError {
  path: string;
  message: string;
  line?: number;
  /** Not an error: part of what is deployed is not checked as deployed (a Kustomize build changes the files; Terraform modules not installed, or left out of the scan). */
  notice?: true;
}
