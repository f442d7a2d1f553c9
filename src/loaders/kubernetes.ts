import type { JsonObject, JsonValue, LoadedDocument, NodePath, Resource } from '../model/types.js';
import { isObject } from '../util/json.js';
import type { StructuredArtifact } from './artifact.js';

/** Kubernetes objects: anything with string `apiVersion` and `kind`, except eksctl's ClusterConfig. */
export const kubernetesArtifact: StructuredArtifact = {
  artifact: 'kubernetes',
  matches(data: JsonValue): boolean {
    return isKubernetesObject(data) && !String(data.apiVersion).startsWith('eksctl.io/');
  },
  resources(document: LoadedDocument): Resource[] {
    const data = document.data;
    if (!isKubernetesObject(data)) return [];
    const resources: Resource[] = [];
    const add = (body: JsonObject, basePath: NodePath): void => {
      if (isKubernetesObject(body) && String(body.kind).endsWith('List') && Array.isArray(body.items)) {
        body.items.forEach((item, index) => {
          if (isObject(item)) add(item, [...basePath, 'items', index]);
        });
        return;
      }
      if (!isKubernetesObject(body)) return;
      const metadata = isObject(body.metadata) ? body.metadata : {};
      const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? metadata.generateName : '<unnamed>';
      const resource: Resource = {
        artifact: 'kubernetes',
        type: String(body.kind),
        name,
        apiVersion: String(body.apiVersion),
        body,
        document,
        basePath,
      };
      if (typeof metadata.namespace === 'string' && metadata.namespace !== '') resource.namespace = metadata.namespace;
      resources.push(resource);
    };
    add(data, []);
    return resources;
  },
};

function isKubernetesObject(value: JsonValue | undefined): value is JsonObject & { apiVersion: string; kind: string } {
  return isObject(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string' && value.kind !== '';
}
