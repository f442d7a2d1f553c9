import { parse as parseYaml } from 'yaml';
import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { asArray, asObject, asString, isObject } from '../util/json.js';
import { isUnknown } from '../util/unknown.js';
import type { TerraformResource } from '../loaders/terraform/index.js';
import { propsOf, terraformReferenced, terraformRoot } from './aws.js';
import type { ResourceGraph } from './graph.js';

/**
 * One view of EKS clusters and node groups across the artifacts that describe them:
 * - eksctl `ClusterConfig` (one resource holding the cluster, `nodeGroups`, `managedNodeGroups`, `addons`),
 * - CloudFormation `AWS::EKS::Cluster`, `AWS::EKS::Nodegroup` (+ `AWS::EC2::LaunchTemplate`), `AWS::EKS::Addon`,
 * - later Terraform `aws_eks_cluster`, `aws_eks_node_group` (+ `aws_launch_template`), `aws_eks_addon`: their
 *   bodies are snake_case with nested blocks as arrays of objects; the accessors below take the artifact into
 *   account so rules stay per-concept, not per-format.
 *
 * Values are returned with their path inside the resource body, so rules report the exact node, or the nearest
 * existing parent when a setting is missing (the provider default then applies).
 */

export const CLUSTER_TYPES = { cloudformation: 'AWS::EKS::Cluster', terraform: 'aws_eks_cluster' } as const;
export const NODEGROUP_TYPES = { cloudformation: 'AWS::EKS::Nodegroup', terraform: 'aws_eks_node_group' } as const;

export interface Located {
  value: JsonValue;
  path: NodePath;
}

/** The value at `path` under `base` inside `body`, or undefined when missing. */
export function valueAt(body: JsonValue, base: NodePath, path: NodePath): Located | undefined {
  let current: JsonValue | undefined = body;
  for (const segment of [...base, ...path]) {
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = isObject(current) ? current[segment] : undefined;
    if (current === undefined) return undefined;
  }
  return { value: current, path: [...base, ...path] };
}

/** The deepest existing path along `path` under `base` (where a missing setting is reported). */
export function nearestPath(body: JsonValue, base: NodePath, path: NodePath): NodePath {
  const out: (string | number)[] = [...base];
  let current: JsonValue | undefined = valueAt(body, [], base)?.value;
  for (const segment of path) {
    const next: JsonValue | undefined =
      typeof segment === 'number' ? (Array.isArray(current) ? current[segment] : undefined) : isObject(current) ? current[segment] : undefined;
    if (next === undefined) break;
    out.push(segment);
    current = next;
  }
  return out;
}

/** True when the value, or anything inside it, is unknown (an intrinsic, a template, a Terraform marker). */
export function hasUnknown(value: JsonValue | undefined): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(hasUnknown);
  if (isObject(value)) return Object.values(value).some(hasUnknown);
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Clusters

export function isEksctlConfig(resource: Resource): boolean {
  return resource.artifact === 'eksctl' && resource.type === 'ClusterConfig';
}

export function isCfnCluster(resource: Resource): boolean {
  return resource.artifact === 'cloudformation' && resource.type === CLUSTER_TYPES.cloudformation;
}

export function isCfnNodegroup(resource: Resource): boolean {
  return resource.artifact === 'cloudformation' && resource.type === NODEGROUP_TYPES.cloudformation;
}

/**
 * The cluster the CDK's L2 `eks.Cluster` synthesizes: a custom resource whose `Config` is the EKS CreateCluster
 * request (camelCase API names: `resourcesVpcConfig`, `logging.clusterLogging`, `encryptionConfig`), with the
 * API's defaults for what it leaves out.
 */
export const CDK_CLUSTER_TYPE = 'Custom::AWSCDK-EKS-Cluster';

export function isCdkCluster(resource: Resource): boolean {
  return resource.artifact === 'cloudformation' && resource.type === CDK_CLUSTER_TYPE;
}

/** Path of a CDK cluster's `Config` (the CreateCluster request); undefined when it is missing or unresolved as a whole. */
export function cdkClusterConfigPath(resource: Resource): NodePath | undefined {
  const { path } = propsOf(resource);
  const config = valueAt(resource.body, path, ['Config']);
  return config && isObject(config.value) && !isUnknown(config.value) ? config.path : undefined;
}

export function isTfCluster(resource: Resource): boolean {
  return resource.artifact === 'terraform' && resource.type === CLUSTER_TYPES.terraform;
}

export function isTfNodegroup(resource: Resource): boolean {
  return resource.artifact === 'terraform' && resource.type === NODEGROUP_TYPES.terraform;
}

/**
 * A Terraform nested block (`vpc_config { ... }`), which the loader gives as an array of objects: the first
 * element and its path; `unknown` for a dynamic block whose content is unknown.
 */
export function tfBlock(body: JsonObject, base: NodePath, name: string): { block: JsonObject; path: NodePath } | 'unknown' | undefined {
  const raw = valueAt(body, base, [name]);
  if (!raw) return undefined;
  if (isUnknown(raw.value)) return 'unknown';
  if (Array.isArray(raw.value)) {
    const first = raw.value[0];
    if (first === undefined) return undefined;
    if (isUnknown(first)) return 'unknown';
    const block = asObject(first);
    return block ? { block, path: [...raw.path, 0] } : 'unknown';
  }
  const block = asObject(raw.value);
  return block ? { block, path: raw.path } : 'unknown';
}

/**
 * The CloudFormation resource a `{ Ref: X }` or `{ Fn::GetAtt: [X, ...] }` names, in the same template. `unknown`
 * for a reference to a parameter or to something not in the template (another stack, a missing resource).
 */
export function cfnTarget(graph: ResourceGraph, from: Resource, value: JsonValue | undefined, type: string): Resource | 'unknown' | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  let logicalId: string | undefined;
  if (typeof object.Ref === 'string') logicalId = object.Ref;
  const getAtt = object['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') logicalId = getAtt[0];
  else if (typeof getAtt === 'string') logicalId = getAtt.split('.')[0];
  if (logicalId === undefined) return isUnknown(value) ? 'unknown' : undefined;
  const found = graph.named('cloudformation', type, logicalId).find((candidate) => candidate.document === from.document);
  return found ?? 'unknown';
}

/** CloudFormation resources of `type` whose `ClusterName` names `cluster` (by Ref or by its literal `Name`). */
export function cfnResourcesOfCluster(graph: ResourceGraph, cluster: Resource, type: string): Resource[] {
  const { props } = propsOf(cluster);
  // A CDK cluster's name is in its CreateCluster request; `Ref` to it returns the name, as for AWS::EKS::Cluster.
  const clusterName = asString(isCdkCluster(cluster) ? asObject(props.Config)?.name : props.Name);
  return graph.ofType('cloudformation', type).filter((candidate) => {
    const ref = propsOf(candidate).props.ClusterName;
    if (typeof ref === 'string') return clusterName !== undefined && ref === clusterName;
    const target = cfnTarget(graph, candidate, ref, cluster.type);
    return target === cluster;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Node groups

export type NodeGroupKind = 'eksctl-managed' | 'eksctl-self-managed' | 'cloudformation-managed' | 'terraform-managed';

export interface NodeGroupView {
  resource: Resource;
  kind: NodeGroupKind;
  managed: boolean;
  name: string;
  /** The node group's own object (an entry of `nodeGroups` / `managedNodeGroups`, or `Properties`). */
  body: JsonObject;
  /** Path of `body` inside the resource body. */
  path: NodePath;
}

/** eksctl node groups, self-managed (`nodeGroups`) and managed (`managedNodeGroups`). */
export function eksctlNodeGroups(resource: Resource): NodeGroupView[] {
  const out: NodeGroupView[] = [];
  for (const [list, kind] of [
    ['nodeGroups', 'eksctl-self-managed'],
    ['managedNodeGroups', 'eksctl-managed'],
  ] as const) {
    asArray(resource.body[list]).forEach((entry, index) => {
      if (!isObject(entry)) return;
      out.push({
        resource,
        kind,
        managed: kind === 'eksctl-managed',
        name: asString(entry.name) ?? `${list}[${index}]`,
        body: entry,
        path: [list, index],
      });
    });
  }
  return out;
}

/** An IAM role eksctl creates for pods: an add-on's IRSA role, or the role of a Pod Identity association. */
export interface EksctlPodRole {
  /** The add-on (its IRSA role) or the association. */
  body: JsonObject;
  path: NodePath;
  /** `the cluster's Pod Identity association for "ns/sa"`, `add-on "vpc-cni"`, ... */
  who: string;
}

/**
 * The roles eksctl creates for pods, where it takes their policies from: add-ons' IRSA roles (`attachPolicyARNs`,
 * `attachPolicy`; not with `serviceAccountRoleARN`) and Pod Identity associations of the cluster and of add-ons
 * (`permissionPolicyARNs`, `permissionPolicy`; not with `roleARN`, a role eksctl does not create).
 */
export function eksctlPodRoles(resource: Resource): { addons: EksctlPodRole[]; associations: EksctlPodRole[] } {
  const addons: EksctlPodRole[] = [];
  const associations: EksctlPodRole[] = [];
  const given = (value: JsonValue | undefined): boolean => value !== undefined && value !== null && value !== '';
  const collect = (list: JsonValue | undefined, at: NodePath, owner: string): void =>
    asArray(list).forEach((entry, index) => {
      const association = asObject(entry);
      if (!association || given(association.roleARN)) return;
      const account = [association.namespace, association.serviceAccountName].filter((part) => typeof part === 'string').join('/');
      associations.push({ body: association, path: [...at, index], who: `${owner} Pod Identity association${account ? ` for "${account}"` : ''}` });
    });
  collect(asObject(resource.body.iam)?.podIdentityAssociations, ['iam', 'podIdentityAssociations'], "the cluster's");
  asArray(resource.body.addons).forEach((entry, index) => {
    const addon = asObject(entry);
    if (!addon) return;
    const name = asString(addon.name) ?? String(index + 1);
    if (!given(addon.serviceAccountRoleARN)) addons.push({ body: addon, path: ['addons', index], who: `add-on "${name}"` });
    collect(addon.podIdentityAssociations, ['addons', index, 'podIdentityAssociations'], `add-on "${name}"'s`);
  });
  return { addons, associations };
}

/** Node groups a resource defines: every eksctl node group, or the CloudFormation `AWS::EKS::Nodegroup` itself. */
export function nodeGroupsOf(resource: Resource): NodeGroupView[] {
  if (isEksctlConfig(resource)) return eksctlNodeGroups(resource);
  if (isCfnNodegroup(resource)) {
    const { props, path } = propsOf(resource);
    return [{ resource, kind: 'cloudformation-managed', managed: true, name: asString(props.NodegroupName) ?? resource.name, body: props, path }];
  }
  if (isTfNodegroup(resource)) {
    return [{ resource, kind: 'terraform-managed', managed: true, name: asString(resource.body.node_group_name) ?? resource.name, body: resource.body, path: [] }];
  }
  return [];
}

export interface LaunchTemplateView {
  resource: Resource;
  /** `LaunchTemplateData` and its path inside the launch template resource's body. */
  data: JsonObject;
  dataPath: NodePath;
}

/**
 * The `AWS::EC2::LaunchTemplate` an `AWS::EKS::Nodegroup` uses: `none` without one (EKS then generates its own),
 * `unknown` when it cannot be found in the scan (an ID or name from elsewhere).
 */
export function cfnNodegroupLaunchTemplate(graph: ResourceGraph, nodegroup: Resource): LaunchTemplateView | 'none' | 'unknown' {
  const spec = asObject(propsOf(nodegroup).props.LaunchTemplate);
  if (!spec) return 'none';
  let template: Resource | 'unknown' | undefined;
  if (spec.Id !== undefined) template = cfnTarget(graph, nodegroup, spec.Id, 'AWS::EC2::LaunchTemplate');
  else if (spec.Name !== undefined) {
    const name = spec.Name;
    template =
      typeof name === 'string'
        ? graph
            .ofType('cloudformation', 'AWS::EC2::LaunchTemplate')
            .find((candidate) => candidate.document === nodegroup.document && propsOf(candidate).props.LaunchTemplateName === name)
        : cfnTarget(graph, nodegroup, name, 'AWS::EC2::LaunchTemplate');
  }
  if (template === undefined || template === 'unknown') return 'unknown';
  const { props, path } = propsOf(template);
  const data = asObject(props.LaunchTemplateData);
  return { resource: template, data: data ?? {}, dataPath: data ? [...path, 'LaunchTemplateData'] : path };
}

/** Labels and taints of a node group, normalized (eksctl map or list forms, CloudFormation `Labels` / `Taints`). */
export interface TaintView {
  key: string | undefined;
  effect: string | undefined;
  path: NodePath;
}

export function nodeGroupLabels(group: NodeGroupView): { labels: Record<string, JsonValue>; path: NodePath } | undefined {
  const key = group.kind === 'cloudformation-managed' ? 'Labels' : 'labels';  // eksctl and Terraform: labels
  const labels = asObject(group.body[key]);
  return labels ? { labels: labels as Record<string, JsonValue>, path: [...group.path, key] } : undefined;
}

/** Taint effects normalized to Kubernetes spelling (`NoSchedule`, `NoExecute`, `PreferNoSchedule`). */
export function nodeGroupTaints(group: NodeGroupView): TaintView[] | 'unknown' {
  const cfn = group.kind === 'cloudformation-managed';
  // Terraform: repeated `taint { key, value, effect = "NO_SCHEDULE" }` blocks.
  const key = cfn ? 'Taints' : group.kind === 'terraform-managed' ? 'taint' : 'taints';
  const raw = group.body[key];
  if (raw === undefined) return [];
  if (isUnknown(raw)) return 'unknown';
  const base = [...group.path, key];
  const out: TaintView[] = [];
  if (Array.isArray(raw)) {
    if (raw.some((entry) => isUnknown(entry))) return 'unknown'; // a dynamic block
    raw.forEach((entry, index) => {
      const taint = asObject(entry);
      if (!taint) return;
      const taintKey = taint[cfn ? 'Key' : 'key'];
      const effect = taint[cfn ? 'Effect' : 'effect'];
      out.push({ key: asString(taintKey), effect: normalizeEffect(asString(effect)), path: [...base, index] });
    });
    return out;
  }
  const map = asObject(raw);
  if (map) {
    // Legacy eksctl map form: `taints: { key: "value:NoSchedule" }`.
    for (const [taintKey, value] of Object.entries(map)) {
      const text = asString(value) ?? '';
      const effect = text.includes(':') ? text.slice(text.lastIndexOf(':') + 1) : text;
      out.push({ key: taintKey, effect: normalizeEffect(effect), path: [...base, taintKey] });
    }
  }
  return out;
}

function normalizeEffect(effect: string | undefined): string | undefined {
  if (effect === undefined) return undefined;
  const compact = effect.replace(/[_\s-]/g, '').toLowerCase();
  if (compact === 'noschedule') return 'NoSchedule';
  if (compact === 'noexecute') return 'NoExecute';
  if (compact === 'prefernoschedule') return 'PreferNoSchedule';
  return effect;
}

// ---------------------------------------------------------------------------------------------------------------
// Helm charts

/** A Helm release in the scan: a Terraform `helm_release` or a CDK `cluster.addHelmChart()` (`Custom::AWSCDK-EKS-HelmChart`). */
export interface HelmRelease {
  /** The chart (name, `repo/name`, URL or `.tgz` path); undefined when not a literal. */
  chart: string | undefined;
  /** The release name; undefined when not a literal. */
  release: string | undefined;
}

export function helmReleases(graph: ResourceGraph): readonly HelmRelease[] {
  return graph.memo('eks:helm-releases', (g) => [
    ...g.ofType('terraform', 'helm_release').map((resource) => ({ chart: asString(resource.body.chart)?.trim(), release: asString(resource.body.name) })),
    ...g.ofType('cloudformation', 'Custom::AWSCDK-EKS-HelmChart').map((resource) => {
      const { props } = propsOf(resource);
      return { chart: asString(props.Chart)?.trim(), release: asString(props.Release) };
    }),
  ]);
}

// ---------------------------------------------------------------------------------------------------------------
// Add-ons

export interface AddonView {
  name: string;
  /** Parsed `configurationValues` (JSON or YAML text, or an object); `unknown` when it cannot be read. */
  configuration: JsonObject | 'unknown' | undefined;
  resource: Resource;
  path: NodePath;
  configurationPath: NodePath | undefined;
}

/** Add-ons of an eksctl cluster (`addons`) or, for a CloudFormation or CDK cluster, the `AWS::EKS::Addon`s naming it. */
export function clusterAddons(graph: ResourceGraph, cluster: Resource): AddonView[] {
  if (isEksctlConfig(cluster)) {
    const out: AddonView[] = [];
    asArray(cluster.body.addons).forEach((entry, index) => {
      const addon = asObject(entry);
      const name = asString(addon?.name);
      if (!addon || name === undefined) return;
      const hasConfig = addon.configurationValues !== undefined;
      out.push({
        name,
        configuration: parseConfiguration(addon.configurationValues),
        resource: cluster,
        path: ['addons', index],
        configurationPath: hasConfig ? ['addons', index, 'configurationValues'] : undefined,
      });
    });
    return out;
  }
  if (isCfnCluster(cluster) || isCdkCluster(cluster)) {
    return cfnResourcesOfCluster(graph, cluster, 'AWS::EKS::Addon').flatMap((resource) => {
      const { props, path } = propsOf(resource);
      const name = asString(props.AddonName);
      if (name === undefined) return [];
      const hasConfig = props.ConfigurationValues !== undefined;
      return [
        {
          name,
          configuration: parseConfiguration(props.ConfigurationValues),
          resource,
          path,
          configurationPath: hasConfig ? [...path, 'ConfigurationValues'] : undefined,
        },
      ];
    });
  }
  return [];
}

/** An add-on's configuration values: an object, or JSON / YAML text (`{}` when empty); `unknown` when it cannot be read. */
export function parseConfiguration(value: JsonValue | undefined): JsonObject | 'unknown' | undefined {
  if (value === undefined) return undefined;
  if (isUnknown(value)) return 'unknown';
  if (isObject(value)) return value;
  if (typeof value !== 'string') return 'unknown';
  if (value.trim() === '') return {};
  try {
    const parsed = parseYaml(value) as unknown; // JSON is YAML
    return isObject(parsed as JsonValue) ? (parsed as JsonObject) : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Where to report a missing setting: the nearest existing parent of `path`; for an eksctl file whose whole
 * section is missing, its `metadata` (the cluster's name) rather than the top of the file.
 */
export function missingSettingPath(resource: Resource, path: NodePath): NodePath {
  const nearest = nearestPath(resource.body, [], path);
  if (nearest.length === 0 && resource.artifact === 'eksctl' && isObject(resource.body.metadata)) return ['metadata'];
  return nearest;
}

/** Launch templates an `AWS::EKS::Nodegroup` of the scan uses (memoized per graph). */
export function eksNodegroupLaunchTemplates(graph: ResourceGraph): ReadonlySet<Resource> {
  return graph.memo('eks:nodegroup-launch-templates', (g) => {
    const set = new Set<Resource>();
    for (const nodegroup of g.ofType('cloudformation', NODEGROUP_TYPES.cloudformation)) {
      const template = cfnNodegroupLaunchTemplate(g, nodegroup);
      if (typeof template === 'object') set.add(template.resource);
    }
    return set;
  });
}

/**
 * The Terraform node groups (`aws_eks_node_group`, self-managed groups) of the resource's root module that refer to
 * it, e.g. to a launch template (also through an instance key; memoized per graph).
 */
export function terraformNodegroupsUsing(graph: ResourceGraph, resource: Resource): readonly Resource[] {
  const byReference = graph.memo('eks:tf-nodegroups-by-ref', (g) => {
    const map = new Map<string, Resource[]>();
    for (const nodegroup of g.ofType('terraform', NODEGROUP_TYPES.terraform)) {
      for (const ref of (nodegroup as Partial<TerraformResource>).refs ?? []) {
        // Keyed by root module: separate roots reuse addresses and never refer to each other.
        for (const key of [ref, ref.replace(/\[[^\]]*\]$/, '')].map((address) => `${terraformRoot(nodegroup)}\u0000${address}`)) {
          const list = map.get(key) ?? [];
          if (!list.includes(nodegroup)) map.set(key, [...list, nodegroup]);
        }
      }
    }
    return map;
  });
  return byReference.get(`${terraformRoot(resource)}\u0000${resource.name}`) ?? [];
}

const EKS_BOOTSTRAP = /\/etc\/eks\/bootstrap\.sh|node\.eks\.aws|nodeadm|\[settings\.kubernetes\]|Start-EKSBootstrap\.ps1/;

/** A launch template or configuration whose user data boots an EKS node (bootstrap.sh, nodeadm, Bottlerocket, Windows Start-EKSBootstrap.ps1). */
export function bootsEksNode(userData: JsonValue | undefined): boolean {
  if (userData === undefined) return false;
  if (EKS_BOOTSTRAP.test(JSON.stringify(userData))) return true;
  // A static `Fn::Base64` may already be evaluated to its base64 text; Terraform's `base64encode` too.
  if (typeof userData === 'string' && userData.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(userData.replace(/\s+/g, ''))) {
    return EKS_BOOTSTRAP.test(Buffer.from(userData, 'base64').toString('utf8'));
  }
  return false;
}

const CLUSTER_SECTIONS = [
  'vpc',
  'iam',
  'cloudWatch',
  'secretsEncryption',
  'addons',
  'addonsConfig',
  'accessConfig',
  'kubernetesNetworkConfig',
  'fargateProfiles',
  'autoModeConfig',
  'identityProviders',
  'privateCluster',
  'iamIdentityMappings',
  'availabilityZones',
  'karpenter',
  'zonalShiftConfig',
  'deletionProtection',
  'upgradePolicy',
  'outpost',
  'localZones',
  'git',
  'gitops',
  'remoteNetworkConfig',
  'controlPlaneScalingConfig',
  'capabilities',
  'spotOcean',
];

/**
 * Whether a resource describes an EKS cluster's own settings. An eksctl `ClusterConfig` is also the input of
 * `eksctl create nodegroup -f`: a file with only `metadata` (name, region, tags) and node groups may create a
 * cluster with eksctl's defaults or add node groups to an existing one, so cluster-level rules treat it as unknown.
 * `metadata.version` or any cluster section (`vpc`, `iam`, `cloudWatch`, `addons`, `deletionProtection`, ...) makes it
 * a cluster definition.
 */
export function describesCluster(resource: Resource): boolean {
  if (isCfnCluster(resource)) return true;
  if (!isEksctlConfig(resource)) return false;
  if (asObject(resource.body.metadata)?.version !== undefined) return true;
  if (CLUSTER_SECTIONS.some((key) => resource.body[key] !== undefined)) return true;
  return resource.body.nodeGroups === undefined && resource.body.managedNodeGroups === undefined;
}

/**
 * An EKS local cluster on AWS Outposts (eksctl `outpost.controlPlaneOutpostARN`, CloudFormation `OutpostConfig`,
 * Terraform `outpost_config`, the CDK cluster's `Config.outpostConfig`): its API endpoint is private only, it supports
 * neither add-ons, KMS secrets encryption nor managed node groups, and its Kubernetes versions follow their own calendar.
 */
export function isOutpostLocalCluster(resource: Resource): boolean {
  if (isEksctlConfig(resource)) return asObject(resource.body.outpost)?.controlPlaneOutpostARN !== undefined;
  // A `dynamic "outpost_config"` that expands to nothing (terraform-aws-modules/eks without `outpost_config`) is a cloud
  // cluster; one over values the files do not give may be either, and is not judged as a cloud cluster (as an unresolved `OutpostConfig`).
  if (isTfCluster(resource)) return tfBlock(resource.body, [], 'outpost_config') !== undefined;
  if (isCfnCluster(resource)) return asObject(resource.body.Properties)?.OutpostConfig !== undefined;
  if (isCdkCluster(resource)) return asObject(asObject(resource.body.Properties)?.Config)?.outpostConfig !== undefined;
  return false;
}

/** An EKS cluster in the AWS cloud as eksctl, CloudFormation, the CDK or Terraform defines it (not a local cluster on Outposts). */
export function isCloudCluster(resource: Resource): boolean {
  return (describesCluster(resource) || isTfCluster(resource) || isCdkCluster(resource)) && !isOutpostLocalCluster(resource);
}

/**
 * The `aws_eks_addon`s of the Terraform root module that declares `cluster`, each with whether it belongs to
 * the cluster: its `cluster_name` refers to it (`aws_eks_cluster.x.name` / `.id`, through locals and module
 * inputs) or equals its literal name; `unknown` when the add-on's cluster cannot be told.
 */
export function terraformAddons(graph: ResourceGraph, cluster: Resource): { addon: Resource; belongs: boolean | 'unknown' }[] {
  const root = (cluster as Partial<TerraformResource>).rootDir ?? '';
  const clusterName = typeof cluster.body.name === 'string' ? cluster.body.name : undefined;
  const out: { addon: Resource; belongs: boolean | 'unknown' }[] = [];
  for (const addon of graph.ofType('terraform', 'aws_eks_addon')) {
    if (((addon as Partial<TerraformResource>).rootDir ?? '') !== root) continue;
    const clusterRef = addon.body.cluster_name;
    let belongs: boolean | 'unknown';
    if (typeof clusterRef === 'string') belongs = clusterName !== undefined ? clusterRef === clusterName : 'unknown';
    else {
      const target = terraformReferenced(graph, addon, ['cluster_name'], ['aws_eks_cluster']);
      belongs = target ? target === cluster : 'unknown';
    }
    out.push({ addon, belongs });
  }
  return out;
}
