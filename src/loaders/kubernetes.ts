import type { JsonObject, JsonValue, LoadedDocument, NodePath, Resource } from '../model/types.js';
import { isObject } from '../util/json.js';
import type { StructuredArtifact } from './artifact.js';
import { registerEmbedded } from './embedded-registry.js';

const UNNAMED = '<unnamed>';

/** Tool configuration shaped like Kubernetes objects but never applied to a cluster: eksctl, kustomize. */
const NOT_CLUSTER_OBJECTS = /^(eksctl\.io|kustomize\.config\.k8s\.io)\//;

/** Cluster-scoped kinds: a namespace on them means nothing. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CSIDriver',
  'CSINode',
  'VolumeSnapshotClass',
  'CertificateSigningRequest',
  'PodSecurityPolicy',
  'ClusterIssuer',
  'IngressClassParams',
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
]);

/** Kubernetes objects: anything with string `apiVersion` and `kind`, except tool configuration (above). */
export const kubernetesArtifact: StructuredArtifact = {
  artifact: 'kubernetes',
  matches(data: JsonValue): boolean {
    return isKubernetesObject(data) && !NOT_CLUSTER_OBJECTS.test(String(data.apiVersion));
  },
  resources(document: LoadedDocument): Resource[] {
    const data = document.data;
    if (!isKubernetesObject(data)) return [];
    const resources: Resource[] = [];
    const add = (body: JsonObject, basePath: NodePath, inherited?: { kind: string; apiVersion: string }): void => {
      const kind = typeof body.kind === 'string' && body.kind !== '' ? body.kind : inherited?.kind;
      const apiVersion = typeof body.apiVersion === 'string' ? body.apiVersion : inherited?.apiVersion;
      if (kind === undefined || apiVersion === undefined) return;
      if (kind.endsWith('List') && Array.isArray(body.items)) {
        // `kind: List`, or a typed list (`PodList`) whose items, as the API server returns them, may omit
        // their own kind and apiVersion.
        const itemKind = kind !== 'List' && kind.length > 4 ? { kind: kind.slice(0, -4), apiVersion } : undefined;
        body.items.forEach((item, index) => {
          if (isObject(item)) add(item, [...basePath, 'items', index], itemKind);
        });
        return;
      }
      const metadata = isObject(body.metadata) ? body.metadata : {};
      const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? metadata.generateName : UNNAMED;
      const resource: Resource = {
        artifact: 'kubernetes',
        type: kind,
        name,
        apiVersion,
        body,
        document,
        basePath,
      };
      if (typeof metadata.namespace === 'string' && metadata.namespace !== '') resource.namespace = metadata.namespace;
      resources.push(resource);
      const nested = nestedObjects(resource);
      if (nested.length === 0) return;
      const first = resources.length;
      for (const { body: object, path } of nested) add(object, [...basePath, ...path]);
      const embedded = resources.slice(first);
      // Crossplane names the object it manages after the Object when the manifest names none.
      if (resource.type === 'Object') for (const object of embedded) if (object.name === UNNAMED) object.name = resource.name;
      registerEmbedded(resource, embedded);
    };
    add(data, []);
    return resources;
  },
};

/** provider-kubernetes, cluster-scoped (Crossplane v1) and namespaced (v2) Objects. */
const CROSSPLANE_KUBERNETES = /^kubernetes\.(m\.)?crossplane\.io\//;

/**
 * Kubernetes objects that an object holds as templates of what its controller creates: a kro
 * ResourceGraphDefinition's `spec.resources[].template` (its `${...}` CEL expressions are unknown to the rules), a
 * Crossplane provider-kubernetes `Object`'s `spec.forProvider.manifest` (when it creates or updates it).
 */
function nestedObjects(resource: Resource): Array<{ body: JsonObject; path: NodePath }> {
  const apiVersion = resource.apiVersion ?? '';
  const spec = resource.body.spec;
  if (resource.type === 'ResourceGraphDefinition' && apiVersion.startsWith('kro.run/') && isObject(spec) && Array.isArray(spec.resources)) {
    return spec.resources.flatMap((entry, index) => {
      const template = isObject(entry) ? entry.template : undefined;
      return isKubernetesObject(template) ? [{ body: template, path: ['spec', 'resources', index, 'template'] }] : [];
    });
  }
  if (resource.type === 'Object' && CROSSPLANE_KUBERNETES.test(apiVersion) && isObject(spec) && createsObject(spec)) {
    const manifest = isObject(spec.forProvider) ? spec.forProvider.manifest : undefined;
    return isKubernetesObject(manifest) ? [{ body: manifest, path: ['spec', 'forProvider', 'manifest'] }] : [];
  }
  return [];
}

/** An Object that only observes (`managementPolicies: [Observe]`, v1alpha1 `ObserveOnly`) creates nothing. */
function createsObject(spec: JsonObject): boolean {
  if (spec.managementPolicy === 'ObserveOnly') return false;
  const policies = spec.managementPolicies;
  return !Array.isArray(policies) || policies.some((policy) => policy === '*' || policy === 'Create' || policy === 'Update' || typeof policy !== 'string');
}

/** A kro ResourceGraphDefinition or a Crossplane Object: it holds whole objects, checked as themselves, and runs no pods. */
export function holdsWholeObjects(resource: Resource): boolean {
  return nestedObjects(resource).length > 0;
}

function isKubernetesObject(value: JsonValue | undefined): value is JsonObject & { apiVersion: string; kind: string } {
  return isObject(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string' && value.kind !== '';
}
