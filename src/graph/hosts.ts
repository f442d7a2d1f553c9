import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { asArray, asObject, isObject } from '../util/json.js';
import { isUnknown } from '../util/unknown.js';
import { terraformReferenced } from './aws.js';
import { referencedResource, templateResourceType } from './cloudformation.js';
import { bootsEksNode, eksNodegroupLaunchTemplates, terraformNodegroupsUsing } from './eks.js';
import type { ResourceGraph } from './graph.js';

/**
 * EC2 hosts of container platforms: the launch templates, launch configurations and instances that start them,
 * in CloudFormation (`AWS::EC2::LaunchTemplate`, `AWS::AutoScaling::LaunchConfiguration`, `AWS::EC2::Instance`)
 * and Terraform (`aws_launch_template`, `aws_launch_configuration`, `aws_instance`), read through one view, and
 * which of them are ECS container instances (their user data or cfn-init metadata joins an ECS cluster, or an
 * ECS capacity provider's Auto Scaling group launches them).
 */

export const HOST_LAUNCH_TYPES = {
  cloudformation: ['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::Instance'],
  terraform: ['aws_launch_template', 'aws_launch_configuration', 'aws_instance'],
} as const;

export type HostLaunchKind = 'launch template' | 'launch configuration' | 'instance';

export interface Field {
  value: JsonValue;
  path: NodePath;
}

export interface HostLaunchView {
  resource: Resource;
  kind: HostLaunchKind;
  /** The object holding the instance settings (`LaunchTemplateData`, `Properties`, the Terraform body) and its path. */
  data: JsonObject;
  dataPath: NodePath;
  imageId: Field | undefined;
  keyName: Field | undefined;
  userData: JsonValue | undefined;
  /** `MetadataOptions` / `metadata_options` (`undefined` when not set; `unknown` for an unresolved value). */
  metadataOptions: { options: JsonObject; path: NodePath } | 'unknown' | undefined;
  /** Setting names in this format. */
  keys: { imageId: string; keyName: string; tokens: string; hops: string; endpoint: string };
  /** CloudFormation instance started from a launch template (its settings are in the template). */
  launchTemplate: boolean;
}

export function isHostLaunchResource(resource: Resource): boolean {
  if (resource.artifact === 'cloudformation') return (HOST_LAUNCH_TYPES.cloudformation as readonly string[]).includes(resource.type);
  if (resource.artifact === 'terraform') return (HOST_LAUNCH_TYPES.terraform as readonly string[]).includes(resource.type);
  return false;
}

function field(object: JsonObject, base: NodePath, key: string): Field | undefined {
  const value = object[key];
  return value === undefined || value === null ? undefined : { value, path: [...base, key] };
}

/** One view of a host launch resource; `unknown` when its settings are an unresolved value. */
export function hostLaunchView(resource: Resource): HostLaunchView | 'unknown' | undefined {
  if (!isHostLaunchResource(resource)) return undefined;
  if (resource.artifact === 'terraform') {
    const kind: HostLaunchKind = resource.type === 'aws_launch_template' ? 'launch template' : resource.type === 'aws_launch_configuration' ? 'launch configuration' : 'instance';
    const body = resource.body;
    const imageKey = kind === 'instance' ? 'ami' : 'image_id';
    const rawOptions = body.metadata_options;
    let metadataOptions: HostLaunchView['metadataOptions'];
    if (rawOptions !== undefined && rawOptions !== null) {
      const first = Array.isArray(rawOptions) ? rawOptions[0] : rawOptions;
      if (first === undefined) metadataOptions = undefined;
      else if (isUnknown(first) || isUnknown(rawOptions) || !isObject(first)) metadataOptions = 'unknown';
      else metadataOptions = { options: first, path: Array.isArray(rawOptions) ? ['metadata_options', 0] : ['metadata_options'] };
    }
    return {
      resource,
      kind,
      data: body,
      dataPath: [],
      imageId: field(body, [], imageKey),
      keyName: field(body, [], 'key_name'),
      userData: body.user_data ?? body.user_data_base64 ?? undefined,
      metadataOptions,
      keys: { imageId: imageKey, keyName: 'key_name', tokens: 'http_tokens', hops: 'http_put_response_hop_limit', endpoint: 'http_endpoint' },
      launchTemplate: false,
    };
  }
  const properties = resource.body.Properties;
  if (properties !== undefined && !isObject(properties)) return 'unknown';
  const props = asObject(properties) ?? {};
  const propsPath: NodePath = isObject(properties) ? ['Properties'] : [];
  let kind: HostLaunchKind = 'instance';
  let data = props;
  let dataPath = propsPath;
  if (resource.type === 'AWS::EC2::LaunchTemplate') {
    kind = 'launch template';
    if (props.LaunchTemplateData !== undefined && !isObject(props.LaunchTemplateData)) return 'unknown';
    const templateData = asObject(props.LaunchTemplateData);
    if (templateData) {
      data = templateData;
      dataPath = [...propsPath, 'LaunchTemplateData'];
    } else data = {};
  } else if (resource.type === 'AWS::AutoScaling::LaunchConfiguration') kind = 'launch configuration';
  const rawOptions = data.MetadataOptions;
  let metadataOptions: HostLaunchView['metadataOptions'];
  if (rawOptions !== undefined) metadataOptions = isObject(rawOptions) ? { options: rawOptions, path: [...dataPath, 'MetadataOptions'] } : 'unknown';
  return {
    resource,
    kind,
    data,
    dataPath,
    imageId: field(data, dataPath, 'ImageId'),
    keyName: field(data, dataPath, 'KeyName'),
    userData: data.UserData,
    metadataOptions,
    keys: { imageId: 'ImageId', keyName: 'KeyName', tokens: 'HttpTokens', hops: 'HttpPutResponseHopLimit', endpoint: 'HttpEndpoint' },
    launchTemplate: kind === 'instance' && props.LaunchTemplate !== undefined,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// ECS container instances

const ECS_JOIN = /ECS_CLUSTER\s*=|\/etc\/ecs\/ecs\.config|\[settings\.ecs\]|Initialize-ECSAgent/;

/** Whether user data (as written, or base64 text) matches `pattern`. */
function userDataMatches(value: JsonValue | undefined, pattern: RegExp): boolean {
  if (value === undefined || value === null) return false;
  if (pattern.test(JSON.stringify(value))) return true;
  // Base64 text: a static `Fn::Base64` already evaluated, Terraform `base64encode(...)`, `user_data_base64`.
  if (typeof value === 'string') {
    const compact = value.replace(/\s+/g, '');
    if (compact.length > 0 && compact.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
      return pattern.test(Buffer.from(compact, 'base64').toString('utf8'));
    }
  }
  return false;
}

/** User data (or cfn-init metadata) that joins an ECS cluster: `ECS_CLUSTER=...`, `/etc/ecs/ecs.config`, Bottlerocket `[settings.ecs]`, Windows `Initialize-ECSAgent`. */
export function joinsEcsCluster(value: JsonValue | undefined): boolean {
  return userDataMatches(value, ECS_JOIN);
}

/** The iptables rule of the ECS guide that drops bridge-mode containers' traffic to the instance metadata service. */
const DOCKER_IMDS_DROP = /iptables[^\n]*(?:--in-interface|-i)\s+docker[^\n]*169\.254\.169\.254[^\n]*(?:--jump|-j)\s+DROP/;
const AWSVPC_IMDS_BLOCK = /ECS_AWSVPC_BLOCK_IMDS=true/;

/**
 * User data that keeps every container from the instance metadata service, as the ECS guide (and CDK's
 * `addCapacity`) writes it: the iptables drop for bridge-mode containers and `ECS_AWSVPC_BLOCK_IMDS=true` for awsvpc tasks.
 */
export function blocksContainerImds(value: JsonValue | undefined): boolean {
  return userDataMatches(value, DOCKER_IMDS_DROP) && userDataMatches(value, AWSVPC_IMDS_BLOCK);
}

/** Auto Scaling groups that ECS capacity providers of the scan manage. */
function capacityProviderGroups(graph: ResourceGraph): Set<Resource> {
  const groups = new Set<Resource>();
  for (const provider of graph.ofType('cloudformation', 'AWS::ECS::CapacityProvider')) {
    const arn = asObject(asObject(provider.body.Properties)?.AutoScalingGroupProvider)?.AutoScalingGroupArn;
    const group = referencedResource(graph, provider, arn);
    if (group?.type === 'AWS::AutoScaling::AutoScalingGroup') groups.add(group);
  }
  for (const provider of graph.ofType('terraform', 'aws_ecs_capacity_provider')) {
    const group = terraformReferenced(graph, provider, ['auto_scaling_group_provider'], ['aws_autoscaling_group']);
    if (group) groups.add(group);
  }
  return groups;
}

/** The launch templates / configurations an Auto Scaling group starts instances from (those found in the scan). */
export function groupLaunchResources(graph: ResourceGraph, group: Resource): Resource[] {
  const out = new Set<Resource>();
  if (group.artifact === 'cloudformation') {
    const props = asObject(group.body.Properties) ?? {};
    const specs: JsonValue[] = [props.LaunchTemplate ?? null, asObject(asObject(asObject(props.MixedInstancesPolicy)?.LaunchTemplate)?.LaunchTemplateSpecification) ?? null];
    for (const spec of specs) {
      const object = asObject(spec);
      if (!object) continue;
      const target = referencedResource(graph, group, object.LaunchTemplateId ?? object.LaunchTemplateName);
      if (target?.type === 'AWS::EC2::LaunchTemplate') out.add(target);
    }
    const configuration = referencedResource(graph, group, props.LaunchConfigurationName);
    if (configuration?.type === 'AWS::AutoScaling::LaunchConfiguration') out.add(configuration);
    return [...out];
  }
  if (group.artifact === 'terraform') {
    for (const path of [['launch_template'], ['mixed_instances_policy']]) {
      const target = terraformReferenced(graph, group, path, ['aws_launch_template']);
      if (target) out.add(target);
    }
    const configuration = terraformReferenced(graph, group, ['launch_configuration'], ['aws_launch_configuration']);
    if (configuration) out.add(configuration);
  }
  return [...out];
}

/** Whether a host launch resource starts EKS nodes (used by an EKS node group, or EKS bootstrap user data). */
export function startsEksNodes(graph: ResourceGraph, view: HostLaunchView): boolean {
  if (bootsEksNode(view.userData)) return true;
  if (eksNodegroupLaunchTemplates(graph).has(view.resource)) return true;
  return view.resource.artifact === 'terraform' && terraformNodegroupsUsing(graph, view.resource).length > 0;
}

/**
 * The host launch resources of the scan that start ECS container instances, with the reason: their user data
 * or cfn-init metadata joins an ECS cluster, or an Auto Scaling group of an ECS capacity provider uses them.
 * Resources that start EKS nodes are left out.
 */
export function ecsContainerInstanceLaunches(graph: ResourceGraph): ReadonlyMap<Resource, 'user data' | 'capacity provider'> {
  return graph.memo('hosts:ecs-container-instances', (g) => {
    const out = new Map<Resource, 'user data' | 'capacity provider'>();
    const candidates = [
      ...HOST_LAUNCH_TYPES.cloudformation.flatMap((type) => g.ofType('cloudformation', type)),
      ...HOST_LAUNCH_TYPES.terraform.flatMap((type) => g.ofType('terraform', type)),
    ];
    for (const resource of candidates) {
      const view = hostLaunchView(resource);
      if (view === undefined || view === 'unknown') continue;
      const metadata = resource.artifact === 'cloudformation' ? asObject(resource.body.Metadata)?.['AWS::CloudFormation::Init'] : undefined;
      if ((joinsEcsCluster(view.userData) || joinsEcsCluster(metadata)) && !startsEksNodes(g, view)) out.set(resource, 'user data');
    }
    for (const group of capacityProviderGroups(g)) {
      for (const launch of groupLaunchResources(g, group)) {
        const view = hostLaunchView(launch);
        if (out.has(launch) || view === undefined || view === 'unknown' || startsEksNodes(g, view)) continue;
        out.set(launch, 'capacity provider');
      }
    }
    return out;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Roles of container hosts

export type ContainerHost = 'EKS node' | 'ECS container instance';

/**
 * The IAM roles the scan shows container hosts to run with: the `NodeRole` / `node_role_arn` of EKS managed node
 * groups, and the role of the instance profile of the launch templates, launch configurations and instances that
 * start EKS nodes or ECS container instances (CloudFormation `IamInstanceProfile` -> `AWS::IAM::InstanceProfile`
 * `Roles`; Terraform `iam_instance_profile` -> `aws_iam_instance_profile.role`).
 */
export function containerHostRoles(graph: ResourceGraph): ReadonlyMap<Resource, ContainerHost> {
  return graph.memo('hosts:container-host-roles', (g) => {
    const roles = new Map<Resource, ContainerHost>();
    const add = (role: Resource | undefined, host: ContainerHost): void => {
      if (role && (role.type === 'AWS::IAM::Role' || role.type === 'aws_iam_role') && !roles.has(role)) roles.set(role, host);
    };
    for (const group of g.ofType('cloudformation', 'AWS::EKS::Nodegroup')) add(referencedResource(g, group, asObject(group.body.Properties)?.NodeRole), 'EKS node');
    for (const group of g.ofType('terraform', 'aws_eks_node_group')) add(terraformReferenced(g, group, ['node_role_arn'], ['aws_iam_role']), 'EKS node');
    const ecs = ecsContainerInstanceLaunches(g);
    for (const resource of [...HOST_LAUNCH_TYPES.cloudformation.flatMap((type) => g.ofType('cloudformation', type)), ...HOST_LAUNCH_TYPES.terraform.flatMap((type) => g.ofType('terraform', type))]) {
      const view = hostLaunchView(resource);
      if (view === undefined || view === 'unknown') continue;
      const host: ContainerHost | undefined = ecs.has(resource) ? 'ECS container instance' : startsEksNodes(g, view) ? 'EKS node' : undefined;
      if (host) add(instanceProfileRole(g, view), host);
    }
    return roles;
  });
}

/** The role of a host launch resource's instance profile, when the profile and the role are in the scan. */
function instanceProfileRole(graph: ResourceGraph, view: HostLaunchView): Resource | undefined {
  const { resource } = view;
  if (resource.artifact === 'terraform') {
    const profile = terraformReferenced(graph, resource, ['iam_instance_profile'], ['aws_iam_instance_profile']);
    return profile && terraformReferenced(graph, profile, ['role'], ['aws_iam_role']);
  }
  // A launch template names the profile by `{ Arn }` or `{ Name }`; launch configurations and instances directly.
  const setting = view.data.IamInstanceProfile;
  const object = asObject(setting);
  const profile = referencedResource(graph, resource, view.kind === 'launch template' ? (object?.Arn ?? object?.Name) : setting);
  if (profile?.type !== 'AWS::IAM::InstanceProfile') return undefined;
  return referencedResource(graph, profile, asArray(asObject(profile.body.Properties)?.Roles)[0]);
}

// ---------------------------------------------------------------------------------------------------------------
// AMIs

/** An AMI ID written out: real ones are 8 or 17 hex digits, but a short or mistyped one (`ami-123456`) pins an image too. */
export const HARD_CODED_AMI = /^ami-[0-9a-z]+$/i;

/** Where an AMI comes from, as far as the files tell. */
export type AmiSource =
  | { kind: 'literal'; id: string }
  | { kind: 'mapping'; mapping: string; ids: string[] }
  | { kind: 'ssm'; parameter: string }
  | { kind: 'unknown' };

/**
 * The source of an image ID: a literal `ami-...`; a CloudFormation `Fn::FindInMap` into a mapping of literal AMI
 * IDs; an SSM parameter (`{{resolve:ssm:...}}`, a parameter of type `AWS::SSM::Parameter::Value<...>` with its
 * default path, a Terraform `data.aws_ssm_parameter`); otherwise unknown.
 */
export function amiSource(graph: ResourceGraph, view: HostLaunchView): AmiSource {
  const image = view.imageId;
  if (!image) return { kind: 'unknown' };
  const value = image.value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (HARD_CODED_AMI.test(trimmed)) return { kind: 'literal', id: trimmed };
    const resolve = /^\{\{resolve:ssm:([^:}]+)(:\d+)?\}\}$/.exec(trimmed);
    if (resolve?.[1]) return { kind: 'ssm', parameter: resolve[1] };
    if (trimmed.startsWith('/aws/service/')) return { kind: 'ssm', parameter: trimmed };
    return { kind: 'unknown' };
  }
  const resource = view.resource;
  if (resource.artifact === 'terraform') {
    const parameter = terraformReferenced(graph, resource, image.path, ['data.aws_ssm_parameter']);
    const name = parameter?.body.name;
    return typeof name === 'string' ? { kind: 'ssm', parameter: name } : { kind: 'unknown' };
  }
  const object = asObject(value);
  const template = asObject(resource.document.data);
  const ref = object?.Ref;
  if (typeof ref === 'string') {
    const parameter = asObject(asObject(template?.Parameters)?.[ref]);
    const type = parameter?.Type;
    const fallback = parameter?.Default;
    if (typeof type === 'string' && type.startsWith('AWS::SSM::Parameter::Value') && typeof fallback === 'string') return { kind: 'ssm', parameter: fallback.trim() };
    return { kind: 'unknown' };
  }
  const findInMap = object?.['Fn::FindInMap'];
  if (Array.isArray(findInMap) && typeof findInMap[0] === 'string' && typeof findInMap[2] === 'string') {
    const mapping = asObject(asObject(template?.Mappings)?.[findInMap[0]]);
    if (!mapping) return { kind: 'unknown' };
    const secondKey = findInMap[2];
    const ids = Object.values(mapping).map((entry) => asObject(entry)?.[secondKey]);
    if (ids.length > 0 && ids.every((id) => typeof id === 'string' && HARD_CODED_AMI.test(id))) return { kind: 'mapping', mapping: findInMap[0], ids: ids as string[] };
  }
  return { kind: 'unknown' };
}

/** End of support of the ECS-optimized Amazon Linux AMIs (Amazon Linux 1: maintenance ended; Amazon Linux 2: June 30, 2026). */
export const ECS_AMI_END_OF_SUPPORT = { 'amazon-linux': '2023-06-30', 'amazon-linux-2': '2026-06-30' } as const;

/**
 * The ECS-optimized Amazon Linux generation that an SSM public parameter path resolves to, when it is one of
 * the ended ones and `today` is past its end of support; undefined otherwise (AL2023, Bottlerocket, Windows,
 * custom parameters, or AL2 before its end).
 */
export function endedEcsAmi(parameter: string, today: string): { family: 'Amazon Linux' | 'Amazon Linux 2'; ended: string } | undefined {
  const match = /^\/aws\/service\/ecs\/optimized-ami\/(amazon-linux(?:-2)?)(\/|$)/.exec(parameter);
  const family = match?.[1];
  if (family === 'amazon-linux' && today >= ECS_AMI_END_OF_SUPPORT['amazon-linux']) return { family: 'Amazon Linux', ended: ECS_AMI_END_OF_SUPPORT['amazon-linux'] };
  if (family === 'amazon-linux-2' && today >= ECS_AMI_END_OF_SUPPORT['amazon-linux-2']) return { family: 'Amazon Linux 2', ended: ECS_AMI_END_OF_SUPPORT['amazon-linux-2'] };
  return undefined;
}

/** Names of Amazon Linux 2023 images and SSM parameters. */
export const AL2023_AMI = /amazon-linux-2023|al2023/i;

/**
 * AMIs registered with `ImdsSupport: v2.0` (IMDSv2 required, hop limit 2 by default): Amazon Linux 2023 ones, found
 * through an SSM public parameter (`amiSource`), also when the Terraform parameter name is a template whose
 * version part is unknown (`/aws/service/eks/optimized-ami/${version}/amazon-linux-2023/...`), or through a
 * Terraform `data.aws_ami` whose name filters and `name_regex` all name AL2023 images (`al2023-ami-*`,
 * `amazon-eks-node-al2023-*`): the family, hence the IMDS default, is known.
 */
export function imdsV2Ami(graph: ResourceGraph, view: HostLaunchView): boolean {
  const source = amiSource(graph, view);
  if (source.kind === 'ssm') return AL2023_AMI.test(source.parameter);
  if (source.kind !== 'unknown' || view.resource.artifact !== 'terraform' || !view.imageId) return false;
  const data = terraformReferenced(graph, view.resource, view.imageId.path, ['data.aws_ssm_parameter', 'data.aws_ami']);
  if (!data) return false;
  if (data.type === 'data.aws_ssm_parameter') return AL2023_AMI.test(literalText(data.body.name));
  const names = [
    data.body.name_regex,
    ...asArray(data.body.filter)
      .map((filter) => asObject(filter))
      .filter((filter) => filter?.name === 'name')
      .flatMap((filter) => asArray(filter?.values)),
  ].filter((value) => value !== undefined && value !== null);
  return names.length > 0 && names.every((value) => AL2023_AMI.test(literalText(value)));
}

/** A string, or the text of a Terraform template kept unknown (its literal parts are what they say). */
function literalText(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value;
  const expression = asObject(value)?.$unknown;
  return typeof expression === 'string' && expression.startsWith('"') ? expression : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Key pairs

/**
 * Whether the key name installs an SSH key pair: a non-empty literal, or a CloudFormation `Ref` to a parameter of
 * type `AWS::EC2::KeyPair::KeyName` (which CloudFormation requires to name an existing key pair). `unknown` for
 * other unresolved values (a condition that may give `AWS::NoValue`, a plain String parameter, a variable).
 */
export function installsKeyPair(view: HostLaunchView): boolean | 'unknown' {
  const key = view.keyName;
  if (!key) return false;
  const value = key.value;
  if (typeof value === 'string') return value.trim() !== '';
  const ref = asObject(value)?.Ref;
  if (view.resource.artifact === 'cloudformation' && typeof ref === 'string') {
    if (ref === 'AWS::NoValue') return false;
    const template = asObject(view.resource.document.data);
    const parameter = asObject(asObject(template?.Parameters)?.[ref]);
    if (parameter?.Type === 'AWS::EC2::KeyPair::KeyName') return true;
    // A key pair the template creates (`Ref` of an AWS::EC2::KeyPair is its name).
    if (templateResourceType(view.resource.document, ref) === 'AWS::EC2::KeyPair') return true;
  }
  return isUnknown(value) || isObject(value) || asArray(value).length > 0 ? 'unknown' : false;
}
