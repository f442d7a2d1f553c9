import type { JsonValue, LoadedDocument, NodePath, Resource, SourceMap } from '../model/types.js';
import { asObject } from '../util/json.js';
import { findExcessiveNesting, MAX_NESTING_DEPTH } from './json.js';
import { addKubernetesDocument, type EmbeddedObjects } from './embedded-yaml.js';
import { registerEmbedded } from './embedded-registry.js';

/** What the CDK's `cluster.addManifest()` / `KubernetesManifest` synthesize: kubectl applies its `Manifest`. */
export const CDK_KUBERNETES_RESOURCE = 'Custom::AWSCDK-EKS-KubernetesResource';

/** Stands for a deploy-time value (a token) inside the manifest's JSON text: a template expression to the rules. */
const TOKEN = '${cdk-token}';

/**
 * The Kubernetes objects of a CDK `Custom::AWSCDK-EKS-KubernetesResource`: its `Manifest` is a JSON array as a
 * string, or an `Fn::Join` whose tokens (`Ref`, `Fn::GetAtt`: role ARNs, image URIs) sit inside JSON strings and
 * are read as unknown values. The JSON is one line of the template, so every finding points at the `Manifest`
 * property, and a secret in it masks the whole value. A manifest whose tokens stand outside strings (a number, a
 * whole object) is not read.
 */
export function cdkKubernetesManifests(resource: Resource, firstIndex: number): EmbeddedObjects {
  const documents: LoadedDocument[] = [];
  const resources: Resource[] = [];
  const manifestPath: NodePath = [...resource.basePath, 'Properties', 'Manifest'];
  const text = manifestText(asObject(resource.body.Properties)?.Manifest);
  let parsed: unknown;
  try {
    // The template's own nesting guard does not see inside the string.
    parsed = text === undefined || findExcessiveNesting(text, MAX_NESTING_DEPTH) !== -1 ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const { sourceMap: templateMap, file } = resource.document;
  const sourceMap: SourceMap = { locate: () => templateMap.locate(manifestPath), locateValue: () => templateMap.locateValue(manifestPath) };
  for (const object of Array.isArray(parsed) ? (parsed as JsonValue[]) : []) addKubernetesDocument({ documents, resources }, file, firstIndex + documents.length, object, sourceMap);
  registerEmbedded(resource, resources);
  return { documents, resources };
}

function manifestText(manifest: JsonValue | undefined): string | undefined {
  if (typeof manifest === 'string') return manifest;
  const join = asObject(manifest)?.['Fn::Join'];
  if (!Array.isArray(join) || join[0] !== '' || !Array.isArray(join[1])) return undefined;
  return join[1].map((part) => (typeof part === 'string' ? part : TOKEN)).join('');
}
