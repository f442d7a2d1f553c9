import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { asArray, asObject } from '../util/json.js';
import { isKindOf } from './kubernetes.js';

/**
 * Karpenter's EC2NodeClass (karpenter.k8s.aws): the EC2 side of the nodes Karpenter launches (AMI selection,
 * instance metadata options, public IPs). Served as `v1` since Karpenter 1.0 and as `v1beta1` from 0.33 to 1.0; before
 * 0.33, the AWSNodeTemplate (`v1alpha1`) held the same settings.
 */
export const KARPENTER_AWS_GROUP = 'karpenter.k8s.aws';

export function isEc2NodeClass(resource: Resource): boolean {
  return isKindOf(resource, KARPENTER_AWS_GROUP, 'EC2NodeClass');
}

/** Karpenter's AWSNodeTemplate (`karpenter.k8s.aws/v1alpha1`, before 0.33): the EC2NodeClass of `v1alpha5` Provisioners. */
export function isAwsNodeTemplate(resource: Resource): boolean {
  return isKindOf(resource, KARPENTER_AWS_GROUP, 'AWSNodeTemplate');
}

/** An EC2NodeClass or an AWSNodeTemplate: the EC2 settings of Karpenter's nodes. */
export function isKarpenterNodeClass(resource: Resource): boolean {
  return isEc2NodeClass(resource) || isAwsNodeTemplate(resource);
}

/**
 * The API version when it is one before `v1` (`v1beta1`, Karpenter 0.33 to 1.0; AWSNodeTemplate's `v1alpha1`), whose
 * metadata defaults differ from `v1`'s (hop limit 2); undefined for `v1`.
 */
export function preV1NodeClassVersion(resource: Resource): string | undefined {
  if (isAwsNodeTemplate(resource)) return 'v1alpha1';
  return resource.apiVersion === `${KARPENTER_AWS_GROUP}/v1beta1` ? 'v1beta1' : undefined;
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

/**
 * The AMI IDs an AWSNodeTemplate's `amiSelector` names (`aws-ids`, or `aws::ids` from Karpenter 0.29: comma-separated),
 * with the path of the entry.
 */
export function nodeTemplateAmiIds(spec: JsonObject): Array<{ id: string; path: NodePath }> {
  const selector = asObject(spec.amiSelector);
  if (!selector) return [];
  return ['aws-ids', 'aws::ids'].flatMap((key) => {
    const ids = selector[key];
    return typeof ids === 'string' ? ids.split(',').map((id) => ({ id: id.trim(), path: ['spec', 'amiSelector', key] })) : [];
  });
}

export function describeNodeClass(resource: Resource): string {
  return `Karpenter ${isAwsNodeTemplate(resource) ? 'AWSNodeTemplate' : 'EC2NodeClass'} "${resource.name}"`;
}
