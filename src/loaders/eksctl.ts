import type { JsonValue, LoadedDocument, Resource } from '../model/types.js';
import { asObject, isObject } from '../util/json.js';
import type { StructuredArtifact } from './artifact.js';

/**
 * eksctl `ClusterConfig` files (`apiVersion: eksctl.io/v1alpha5`, `kind: ClusterConfig`). One resource per
 * document: `type` `ClusterConfig`, `name` `metadata.name`; node groups (`nodeGroups`, `managedNodeGroups`),
 * add-ons and the rest stay in the body, so rules report exact paths inside it.
 */
export const eksctlArtifact: StructuredArtifact = {
  artifact: 'eksctl',
  matches(data: JsonValue): boolean {
    return isObject(data) && typeof data.apiVersion === 'string' && data.apiVersion.startsWith('eksctl.io/') && data.kind === 'ClusterConfig';
  },
  resources(document: LoadedDocument): Resource[] {
    const data = asObject(document.data);
    if (!data) return [];
    const name = asObject(data.metadata)?.name;
    return [
      {
        artifact: 'eksctl',
        type: 'ClusterConfig',
        name: typeof name === 'string' && name !== '' ? name : '<unnamed>',
        apiVersion: String(data.apiVersion),
        body: data,
        document,
        basePath: [],
      },
    ];
  },
};
