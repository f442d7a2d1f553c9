import path from 'node:path';
import type { LoadedDocument, Resource, ScanError, SourceFile } from '../model/types.js';
import type { StructuredArtifact } from './artifact.js';
import { JsonSyntaxError, parseJsonDocuments } from './json.js';
import { cloudformationArtifact } from './cloudformation.js';
import { iamPolicyArtifact } from './iam-policy.js';
import { eksctlArtifact } from './eksctl.js';
import { kubernetesArtifact } from './kubernetes.js';
import { malformedPlanProblem, terraformPlanArtifact } from './terraform/plan.js';
import { taskDefinitionArtifact } from './task-definition.js';
import { parseYamlStream, type ParsedYamlDocument, type YamlPreRead } from './yaml.js';
import { stripBom } from './read.js';
import { appendAll } from '../util/collections.js';
import { argoResourceManifests, isArgoWorkflow } from './argo-resource-manifests.js';
import { CDK_KUBERNETES_RESOURCE, cdkKubernetesManifests } from './cdk-kubernetes-manifests.js';

/** Structured artifacts in the order they claim documents. */
export const STRUCTURED_ARTIFACTS: readonly StructuredArtifact[] = [
  eksctlArtifact,
  kubernetesArtifact,
  cloudformationArtifact,
  iamPolicyArtifact,
  taskDefinitionArtifact,
  terraformPlanArtifact,
];

export interface FileLoadResult {
  documents: LoadedDocument[];
  resources: Resource[];
  errors: ScanError[];
  /** True when at least one document was of a known artifact type. */
  recognized: boolean;
}

/** Extensions whose content we expect to be YAML or JSON: parse failures there are errors, not skips. */
const STRUCTURED_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template']);

/** A top-level key that says "this is meant to be a manifest" in a file whose name says nothing. */
const MANIFEST_HINT = /^[ \t]*(?:-[ \t]+)?["']?(?:apiVersion|kind)["']?[ \t]*:/m;

/**
 * Parses a file and splits it into documents and resources. The artifact type is decided by content.
 * Syntax errors are errors when the file was meant to be structured (a `.yaml`/`.yml`/`.json`/`.template`
 * file, standard input, or a file named on the command line that looks like a manifest) or when part of it
 * is of a known type; otherwise a file that does not parse is simply not of a type we know (skipped).
 * Never throws, whatever the text: problems come back in `errors`.
 */
export function loadFile(input: SourceFile, options: LoadFileOptions): FileLoadResult {
  const file = withoutBom(input);
  const result: FileLoadResult = { documents: [], resources: [], errors: [], recognized: false };
  try {
    loadInto(file, options, result);
  } catch (error) {
    // A loader bug must cost one file, not the scan.
    result.errors.push({ path: file.path, message: `internal error while loading this file: ${error instanceof Error ? error.message : String(error)}` });
  }
  return result;
}

export interface LoadFileOptions {
  /** Named on the command line (or stdin) rather than found in a directory walk. */
  explicit: boolean;
  /** preReadYamlStream(yamlTextOf(file), { cloudformation: true }), done elsewhere (a worker thread). */
  yaml?: YamlPreRead | undefined;
}

/** A byte-order mark is not part of the text. */
function withoutBom(input: SourceFile): SourceFile {
  const text = stripBom(input.text);
  return text === input.text ? input : { ...input, text };
}

function looksLikeJson(file: SourceFile): boolean {
  return path.extname(file.path).toLowerCase() === '.json' || /^\s*[[{]/.test(file.text.slice(0, 512));
}

/**
 * The text loadFile parses as YAML straight away (without its byte-order mark): what a worker thread may
 * pre-read. Undefined for a file that loadFile tries as JSON first.
 */
export function yamlTextOf(input: SourceFile): string | undefined {
  const file = withoutBom(input);
  return looksLikeJson(file) ? undefined : file.text;
}

function loadInto(file: SourceFile, options: LoadFileOptions, result: FileLoadResult): void {
  const extension = path.extname(file.path).toLowerCase();
  const looksJson = looksLikeJson(file);
  const expectStructured =
    STRUCTURED_EXTENSIONS.has(extension) || (options.explicit && (file.path === '-' || looksJson || MANIFEST_HINT.test(file.text)));

  let parsed: ParsedYamlDocument[] = [];
  const problems: ScanError[] = [];
  const json = looksJson ? parseJsonDocuments(file.text) : undefined;
  if (json && (!json.error || extension === '.json')) {
    parsed = json.documents.map((doc, index) => ({ index, ...doc }));
    if (json.error) problems.push(jsonError(file, json.error));
  } else {
    // YAML; flow-style YAML starts with `{` too, hence the JSON attempt first.
    // CloudFormation's short-form tags are read everywhere: the document type is known only after parsing.
    const stream = parseYamlStream(file.text, { cloudformation: true }, options.yaml);
    if (json?.error && stream.documents.length === 0 && stream.problems.length > 0) {
      // Looked like JSON and is not YAML either: the JSON error is the precise one.
      parsed = json.documents.map((doc, index) => ({ index, ...doc }));
      problems.push(jsonError(file, json.error));
    } else {
      parsed = stream.documents;
      for (const problem of stream.problems) {
        const entry: ScanError = { path: file.path, message: problem.message };
        if (problem.line !== undefined) entry.line = problem.line;
        problems.push(entry);
      }
    }
  }

  // Documents embedded in others (an Argo resource template's manifest, a CDK KubernetesManifest) are numbered
  // after the file's own.
  let embeddedIndex = (parsed[parsed.length - 1]?.index ?? -1) + 1;
  for (const doc of parsed) {
    const artifact = STRUCTURED_ARTIFACTS.find((candidate) => candidate.matches(doc.data));
    if (!artifact) continue;
    const document: LoadedDocument = { file, artifact: artifact.artifact, index: doc.index, data: doc.data, sourceMap: doc.sourceMap };
    result.documents.push(document);
    const resources = artifact.resources(document);
    appendAll(result.resources, resources);
    for (const resource of resources) {
      const embedded = isArgoWorkflow(resource)
        ? argoResourceManifests(resource, embeddedIndex)
        : resource.type === CDK_KUBERNETES_RESOURCE && resource.artifact === 'cloudformation'
          ? cdkKubernetesManifests(resource, embeddedIndex)
          : undefined;
      if (!embedded) continue;
      embeddedIndex += embedded.documents.length;
      appendAll(result.documents, embedded.documents);
      appendAll(result.resources, embedded.resources);
    }
    for (const problem of artifact.problems?.(document) ?? []) {
      problems.push({ path: file.path, line: document.sourceMap.locate(problem.path).startLine, message: problem.message });
    }
    result.recognized = true;
  }
  if (expectStructured || result.recognized) appendAll(result.errors, problems);
}

function jsonError(file: SourceFile, error: JsonSyntaxError): ScanError {
  // `terraform show -json` output cut short: say it is a plan, not merely that the JSON is broken.
  const problem = malformedPlanProblem(file.text, error) ?? error;
  const entry: ScanError = { path: file.path, message: problem.message };
  if (problem.line !== undefined) entry.line = problem.line;
  return entry;
}
