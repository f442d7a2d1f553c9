import type { JsonObject, LoadedDocument, NodePath, Resource } from '../model/types.js';
import { asObject, getPath } from '../util/json.js';
import { embeddedKubernetesObjects } from './embedded-yaml.js';
import { LineIndex } from './line-index.js';

const WORKFLOW_KINDS: ReadonlySet<string> = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

/** Resource-template actions that create the manifest's object as written (`patch` applies a partial one). */
const CREATING_ACTIONS: ReadonlySet<string> = new Set(['create', 'apply', 'replace']);

/** A block scalar's header line: `|`, with chomping and indentation indicators, and an optional comment. */
const LITERAL_HEADER = /^\|[-+0-9]*[ \t]*(?:#[^\n]*)?\r?\n/;

export function isArgoWorkflow(resource: Resource): boolean {
  return resource.artifact === 'kubernetes' && resource.apiVersion?.startsWith('argoproj.io/') === true && WORKFLOW_KINDS.has(resource.type);
}

/** The spec holding an Argo workflow's templates, and its path. */
export function workflowSpecOf(resource: Resource): { spec: JsonObject; path: NodePath } | undefined {
  const path = resource.type === 'CronWorkflow' ? ['spec', 'workflowSpec'] : ['spec'];
  const spec = asObject(getPath(resource.body, path));
  return spec ? { spec, path } : undefined;
}

/**
 * The Kubernetes objects that an Argo workflow's `resource` templates create (`action` create, apply or
 * replace), read from a literal block scalar (`manifest: |`) at their own lines. Argo expressions
 * (`{{inputs.parameters.name}}`) become template expressions of the same length, unknown to the rules. An object
 * without a namespace is created in the workflow's. Manifests in folded or quoted scalars, `manifestFrom`
 * artifacts and `patch` actions are not read.
 */
export function argoResourceManifests(workflow: Resource, firstIndex: number): { documents: LoadedDocument[]; resources: Resource[] } {
  const documents: LoadedDocument[] = [];
  const resources: Resource[] = [];
  const found = workflowSpecOf(workflow);
  const templates = found?.spec.templates;
  if (!found || !Array.isArray(templates)) return { documents, resources };
  const { file, sourceMap } = workflow.document;
  let lines: LineIndex | undefined;
  templates.forEach((template, index) => {
    const resource = asObject(asObject(template)?.resource);
    if (!resource || typeof resource.manifest !== 'string' || typeof resource.action !== 'string' || !CREATING_ACTIONS.has(resource.action)) return;
    const range = sourceMap.locateValue([...workflow.basePath, ...found.path, 'templates', index, 'resource', 'manifest']);
    if (!range || range.file !== undefined) return;
    lines ??= new LineIndex(file.text);
    const start = lines.offset(range.startLine, range.startColumn);
    const header = LITERAL_HEADER.exec(file.text.slice(start, start + 200));
    const end = lines.offset(range.endLine, range.endColumn);
    if (!header || start + header[0].length > end) return;
    const loaded = embeddedKubernetesObjects(file, start + header[0].length, end, firstIndex + documents.length, maskArgoExpressions);
    for (const object of loaded.resources) {
      if (object.namespace === undefined && workflow.namespace !== undefined) object.namespace = workflow.namespace;
    }
    documents.push(...loaded.documents);
    resources.push(...loaded.resources);
  });
  return { documents, resources };
}

/**
 * `{{expression}}` as `$(expression)_`: the same length (positions hold), a template expression to the rules,
 * and a plain scalar even inside flow collections (YAML indicators in the expression become `_`).
 */
function maskArgoExpressions(text: string): string {
  return text.replace(/\{\{([^\n]*?)\}\}/g, (_match, inner: string) => `$(${inner.replace(/[{}[\](),:#"'&*!|>%@`]/g, '_')})_`);
}
