import type { JsonObject, JsonValue, LoadedDocument, NodePath, Resource } from '../model/types.js';
import { asObject, getPath } from '../util/json.js';
import { embeddedKubernetesObjects, maskExpressions, placeInNamespace, type EmbeddedObjects, type MaskedRegion } from './embedded-yaml.js';
import { lineIndexOf } from './line-index.js';
import { registerEmbedded } from './embedded-registry.js';

const WORKFLOW_KINDS: ReadonlySet<string> = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

/** Resource-template actions that create the manifest's object as written (`patch` applies a partial one). */
const CREATING_ACTIONS: ReadonlySet<string> = new Set(['create', 'apply', 'replace']);

/** The expression for the workflow's own namespace, which Argo resolves before creating the object. */
const WORKFLOW_NAMESPACE = /^\{\{\s*workflow\.namespace\s*\}\}$/;

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
 * (`{{inputs.parameters.name}}`) are unknown to the rules. A namespaced object without a namespace (or with
 * `{{workflow.namespace}}`) is created in the workflow's. Manifests in folded or quoted scalars, `manifestFrom`
 * artifacts and `patch` actions are not read.
 */
export function argoResourceManifests(workflow: Resource, firstIndex: number): EmbeddedObjects {
  const documents: LoadedDocument[] = [];
  const resources: Resource[] = [];
  const found = workflowSpecOf(workflow);
  const templates = found?.spec.templates;
  if (!found || !Array.isArray(templates)) return { documents, resources };
  templates.forEach((template, index) => {
    try {
      const loaded = templateManifest(workflow, template, [...workflow.basePath, ...found.path, 'templates', index], firstIndex + documents.length);
      documents.push(...loaded.documents);
      resources.push(...loaded.resources);
    } catch {
      // A manifest that cannot be placed costs only itself, never the workflow's own findings.
    }
  });
  registerEmbedded(workflow, resources);
  return { documents, resources };
}

/** The objects of one template's manifest (`path` is the template's in the document). */
function templateManifest(workflow: Resource, template: JsonValue, path: NodePath, firstIndex: number): EmbeddedObjects {
  const none = { documents: [], resources: [] };
  const resource = asObject(asObject(template)?.resource);
  if (!resource || typeof resource.manifest !== 'string' || typeof resource.action !== 'string' || !CREATING_ACTIONS.has(resource.action)) return none;
  const { file, sourceMap } = workflow.document;
  const range = sourceMap.locateValue([...path, 'resource', 'manifest']);
  if (!range || range.file !== undefined) return none;
  const lines = lineIndexOf(file);
  const start = lines.offset(range.startLine, range.startColumn);
  const header = LITERAL_HEADER.exec(file.text.slice(start, start + 200));
  const end = lines.offset(range.endLine, range.endColumn);
  if (!header || start + header[0].length > end) return none;
  const loaded = embeddedKubernetesObjects(file, start + header[0].length, end, firstIndex, { mask: maskArgoExpressions });
  if (workflow.namespace !== undefined) placeInNamespace(loaded.resources, workflow.namespace, (current) => current === undefined || WORKFLOW_NAMESPACE.test(current));
  return loaded;
}

/** Argo's `{{expression}}`s, masked (see maskExpressions). */
function maskArgoExpressions(region: string): MaskedRegion {
  const spans = [...region.matchAll(/\{\{[^\n]*?\}\}/g)].map((match) => ({ start: match.index, end: match.index + match[0].length, open: 2, close: 2 }));
  return maskExpressions(region, spans);
}
