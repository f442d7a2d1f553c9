import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { asArray, asObject } from '../util/json.js';
import { isKindOf } from './kubernetes.js';

/**
 * Karpenter's EC2NodeClass (karpenter.k8s.aws): the EC2 side of the nodes Karpenter launches (AMI selection,
 * instance metadata options, public IPs). Served as `v1` since Karpenter 1.0 and as `v1beta1` from 0.33 to 1.0.
 */
export const KARPENTER_AWS_GROUP = 'karpenter.k8s.aws';

export function isEc2NodeClass(resource: Resource): boolean {
  return isKindOf(resource, KARPENTER_AWS_GROUP, 'EC2NodeClass');
}

/** The `v1beta1` API (Karpenter 0.33 to 1.0), whose defaults differ from `v1`'s. */
export function isBetaNodeClass(resource: Resource): boolean {
  return resource.apiVersion === `${KARPENTER_AWS_GROUP}/v1beta1`;
}

export function nodeClassSpec(resource: Resource): JsonObject | undefined {
  return asObject(resource.body.spec);
}

/** The `amiSelectorTerms` entries with their paths. */
export function amiSelectorTerms(spec: JsonObject): Array<{ term: JsonObject; path: NodePath }> {
  return asArray(spec.amiSelectorTerms).flatMap((entry: JsonValue, index) => {
    const term = asObject(entry);
    return term ? [{ term, path: ['spec', 'amiSelectorTerms', index] }] : [];
  });
}

export function describeNodeClass(resource: Resource): string {
  return `Karpenter EC2NodeClass "${resource.name}"`;
}
