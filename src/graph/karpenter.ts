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

/** A `karpenter.sh/v1alpha5` Provisioner with its AWS settings inline (`spec.provider`, before AWSNodeTemplate's `providerRef`). */
function isProvisionerWithProvider(resource: Resource): boolean {
  return isKindOf(resource, 'karpenter.sh', 'Provisioner') && asObject(asObject(resource.body.spec)?.provider) !== undefined;
}

/** The EC2 settings of Karpenter's nodes: an EC2NodeClass, an AWSNodeTemplate, or a Provisioner's inline `provider`. */
export function isKarpenterNodeClass(resource: Resource): boolean {
  return isEc2NodeClass(resource) || isAwsNodeTemplate(resource) || isProvisionerWithProvider(resource);
}

/** The settings of Karpenter before 0.33 (AWSNodeTemplate, a Provisioner's `provider`): `amiSelector`, AL2 by default. */
export function isLegacyNodeClass(resource: Resource): boolean {
  return isAwsNodeTemplate(resource) || isProvisionerWithProvider(resource);
}

/**
 * The API version when it is one before `v1` (`v1beta1`, Karpenter 0.33 to 1.0; AWSNodeTemplate's `v1alpha1`, a
 * Provisioner's `v1alpha5`), whose metadata defaults differ from `v1`'s (hop limit 2); undefined for `v1`.
 */
export function preV1NodeClassVersion(resource: Resource): string | undefined {
  if (isAwsNodeTemplate(resource)) return 'v1alpha1';
  if (isProvisionerWithProvider(resource)) return 'v1alpha5';
  return resource.apiVersion === `${KARPENTER_AWS_GROUP}/v1beta1` ? 'v1beta1' : undefined;
}

/**
 * The node settings and where they are (`spec`, or a Provisioner's `spec.provider`). Undefined when there are none,
 * and when the settings name a launch template of their own (`launchTemplate`, before 0.33): the AMI and metadata
 * options are then that template's, not in the files.
 */
export function nodeClassSettings(resource: Resource): { settings: JsonObject; path: NodePath } | undefined {
  const spec = asObject(resource.body.spec);
  const provider = isProvisionerWithProvider(resource) ? asObject(spec?.provider) : undefined;
  const settings = provider ?? spec;
  if (!settings || (isLegacyNodeClass(resource) && settings.launchTemplate !== undefined && settings.launchTemplate !== null)) return undefined;
  return { settings, path: provider ? ['spec', 'provider'] : ['spec'] };
}

/** The `amiSelectorTerms` entries with their paths. */
export function amiSelectorTerms(settings: JsonObject, path: NodePath): Array<{ term: JsonObject; path: NodePath }> {
  return asArray(settings.amiSelectorTerms).flatMap((entry: JsonValue, index) => {
    const term = asObject(entry);
    return term ? [{ term, path: [...path, 'amiSelectorTerms', index] }] : [];
  });
}

/**
 * The AMI IDs the `amiSelector` of settings before 0.33 names (`aws-ids`, or `aws::ids` from Karpenter 0.29:
 * comma-separated), with the path of the entry.
 */
export function nodeTemplateAmiIds(settings: JsonObject, path: NodePath): Array<{ id: string; path: NodePath }> {
  const selector = asObject(settings.amiSelector);
  if (!selector) return [];
  return ['aws-ids', 'aws::ids'].flatMap((key) => {
    const ids = selector[key];
    return typeof ids === 'string' ? ids.split(',').map((id) => ({ id: id.trim(), path: [...path, 'amiSelector', key] })) : [];
  });
}

export function describeNodeClass(resource: Resource): string {
  if (isProvisionerWithProvider(resource)) return `Karpenter Provisioner "${resource.name}"`;
  return `Karpenter ${isAwsNodeTemplate(resource) ? 'AWSNodeTemplate' : 'EC2NodeClass'} "${resource.name}"`;
}
