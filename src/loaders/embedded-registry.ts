import type { Resource } from '../model/types.js';

/**
 * Objects embedded in a host resource (an Argo workflow, a CDK custom resource, a Terraform resource, a kro
 * ResourceGraphDefinition): a comment inside one belongs to the embedded object, not to its host as well.
 */
const embeddedByHost = new WeakMap<Resource, Resource[]>();

export function registerEmbedded(host: Resource, objects: readonly Resource[]): void {
  if (objects.length === 0) return;
  const list = embeddedByHost.get(host);
  if (list) list.push(...objects);
  else embeddedByHost.set(host, [...objects]);
}

export function embeddedObjectsOf(host: Resource): readonly Resource[] {
  return embeddedByHost.get(host) ?? [];
}
