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

/**
 * Whether `text`, a string of `host`, is one of the manifests its loader read as objects of their own (an Argo
 * `resource.manifest`, a Crossplane Object, `kubectl_manifest.yaml_body`, a CDK KubernetesResource): those objects
 * are checked as such, and their host's rules leave the text alone rather than report it twice.
 */
/** Whether `value`, a map inside `host`, is the body of an object its loader read on its own (a kro or Crossplane template). */
export function isEmbeddedObjectBody(host: Resource, value: object): boolean {
  return embeddedByHost.get(host)?.some((object) => object.body === value) ?? false;
}

export function isEmbeddedManifestText(host: Resource, text: string): boolean {
  return embeddedByHost.has(host) && text.includes('apiVersion') && text.includes('kind');
}

/**
 * Fields a translation from another format filled in with that tool's default, where the author wrote nothing
 * (the Terraform Kubernetes provider sets `automount_service_account_token = true`): a finding on one says so
 * rather than "sets ...: true". Keyed by the object holding the field.
 */
const toolDefaults = new WeakMap<object, Set<string>>();

export function markToolDefault(block: object, field: string): void {
  const fields = toolDefaults.get(block);
  if (fields) fields.add(field);
  else toolDefaults.set(block, new Set([field]));
}

export function isToolDefault(block: object, field: string): boolean {
  return toolDefaults.get(block)?.has(field) ?? false;
}
