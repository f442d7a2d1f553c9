import { propsOf } from '../../graph/aws.js';
import { bootsEksNode, cfnNodegroupLaunchTemplate, eksNodegroupLaunchTemplates, isCfnNodegroup, isEksctlConfig, isTfNodegroup, nodeGroupsOf, tfBlock, terraformNodegroupsUsing, valueAt } from '../../graph/eks.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { describeNodeClass, isKarpenterNodeClass, nodeClassSettings, preV1NodeClassVersion } from '../../graph/karpenter.js';
import { AL2023_AMI, ecsContainerInstanceLaunches, hostLaunchView, imdsV2Ami } from '../../graph/hosts.js';
import type { JsonObject, JsonValue, NodePath, Resource } from '../../model/types.js';
import { asBoolean, asObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleContext } from '../rule.js';

const LAUNCH_TYPES = new Set(['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::Instance']);
const TF_LAUNCH_TYPES = new Set(['aws_launch_template', 'aws_launch_configuration', 'aws_instance']);

export default createRule({
  meta: {
    id: 'eks/nodegroup-imdsv2',
    title: 'Nodes must require IMDSv2 with a hop limit of 1',
    severity: 'high',
    otherSeverities: ['medium', 'low'],
    seedPoints: ['HOST-3'],
    artifacts: ['eksctl', 'cloudformation', 'terraform', 'kubernetes'],
    description:
      'Reports node groups and launch templates that let instance metadata be read without a session token (IMDSv1) or from pods. eksctl: `disableIMDSv1: false`, or `disablePodIMDS` not true (eksctl leaves the hop limit at 2). CloudFormation / Terraform: an `AWS::EKS::Nodegroup` / `aws_eks_node_group` without a launch template (EKS then uses hop limit 2); `AWS::EC2::LaunchTemplate` / `AWS::AutoScaling::LaunchConfiguration` / `AWS::EC2::Instance` / `aws_launch_template` / `aws_launch_configuration` / `aws_instance` (`MetadataOptions` / `metadata_options`) whose `HttpTokens` / `http_tokens` is not `required` (the EC2 default is optional, except for Amazon Linux 2023 AMIs, which require IMDSv2; medium for a launch configuration or instance that boots no EKS node and names no instance profile: no role credentials to take) and, for those that boot EKS nodes (used by a node group or with EKS bootstrap user data), whose `HttpPutResponseHopLimit` is not 1. Karpenter EC2NodeClass (karpenter.k8s.aws): `metadataOptions.httpTokens: optional`, a `httpPutResponseHopLimit` above 1, and a `v1beta1` EC2NodeClass that leaves the hop limit unset (Karpenter before 1.0 defaulted it to 2; `v1` defaults to required tokens and hop limit 1); the same for the AWSNodeTemplate (karpenter.k8s.aws/v1alpha1) and a `karpenter.sh/v1alpha5` Provisioner\'s inline `provider` of Karpenter before 0.33, unless they name their own `launchTemplate` (its options are not in the files).',
    rationale:
      'IMDSv1 answers any GET, so a server-side request forgery yields the node role\'s credentials. With a hop limit above 1, every pod (not only host-network ones) can reach IMDS and borrow the node role: ECR pull, EC2 describe and, often, much more.',
    remediation:
      'eksctl: `disableIMDSv1: true` and `disablePodIMDS: true` on each node group (give pods AWS access through IRSA or EKS Pod Identity). Karpenter: leave `metadataOptions` at the `v1` defaults or set `httpTokens: required` and `httpPutResponseHopLimit: 1`. CloudFormation: a launch template with `MetadataOptions: { HttpTokens: required, HttpPutResponseHopLimit: 1, HttpEndpoint: enabled }`, referenced by the node group. Terraform: `metadata_options { http_tokens = "required", http_put_response_hop_limit = 1 }` in the launch template or instance.',
    limitations:
      'eksctl defaults `disableIMDSv1` to true since 0.143; older eksctl versions allowed IMDSv1 when unset. A custom launch template given by ID (eksctl `launchTemplate.id`, a template from another stack) is not in the files: unknown. A launch template or instance that does not boot EKS nodes is checked for IMDSv2, and its hop limit only when it is set above 1 (low: the hop limit matters for containers, which such a setting suggests); those of ECS container instances are left to ecs/container-instance-imdsv2. An instance started from a launch template without its own metadata options takes the template\'s (checked there). The AMI\'s IMDS default is known only for Amazon Linux 2023 named literally or through an SSM public parameter; an AMI found by a `data.aws_ami` filter is treated as defaulting to optional.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0130' },
        { tool: 'trivy', id: 'AVD-AWS-0028' },
        { tool: 'checkov', id: 'CKV_AWS_79' },
        { tool: 'checkov', id: 'CKV_AWS_341' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'EC2.8' },
        { framework: 'AWS FSBP', id: 'AutoScaling.3' },
        { framework: 'AWS FSBP', id: 'EC2.170' },
      ],
      links: ['https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_restrict_access_to_the_instance_profile_assigned_to_the_worker_node'],
    },
  },
  appliesTo: (resource) =>
    isEksctlConfig(resource) ||
    isCfnNodegroup(resource) ||
    isTfNodegroup(resource) ||
    isKarpenterNodeClass(resource) ||
    (resource.artifact === 'cloudformation' && LAUNCH_TYPES.has(resource.type)) ||
    (resource.artifact === 'terraform' && TF_LAUNCH_TYPES.has(resource.type)),
  check(context) {
    const { resource, report } = context;
    if (isEksctlConfig(resource)) {
      for (const group of nodeGroupsOf(resource)) {
        if (group.body.launchTemplate !== undefined) continue; // custom launch template: settings are not here
        const v1 = valueAt(resource.body, group.path, ['disableIMDSv1']);
        const podImds = valueAt(resource.body, group.path, ['disablePodIMDS']);
        const podImdsOff = podImds !== undefined && asBoolean(podImds.value) === true;
        // eksctl requires session tokens when either setting is on (makeMetadataOptions in its node group builder).
        if (v1 && asBoolean(v1.value) === false && !podImdsOff && !(podImds && isUnknown(podImds.value))) {
          report({ path: v1.path, message: `Node group "${group.name}" allows IMDSv1 (disableIMDSv1: false).` });
        }
        if (podImds && isUnknown(podImds.value)) continue;
        if (!podImdsOff) {
          report({
            path: podImds?.path ?? [...group.path, 'name'],
            severity: 'medium',
            message: `Node group "${group.name}": pods can reach the instance metadata service and borrow the node role (disablePodIMDS is not true; eksctl sets hop limit 2).`,
          });
        }
      }
      return;
    }
    if (isCfnNodegroup(resource)) {
      if (cfnNodegroupLaunchTemplate(context.graph, resource) === 'none') {
        const { path } = propsOf(resource);
        report({
          path,
          severity: 'medium',
          message: 'The node group has no launch template: EKS generates one with an IMDS hop limit of 2, so pods can borrow the node role. Use a launch template with HttpTokens required and HttpPutResponseHopLimit 1.',
        });
      }
      return;
    }
    if (isTfNodegroup(resource)) {
      const template = tfBlock(resource.body, [], 'launch_template');
      if (template === undefined) {
        report({
          path: [],
          severity: 'medium',
          message: 'The node group has no launch_template: EKS generates one with an IMDS hop limit of 2, so pods can borrow the node role. Use a launch template with http_tokens "required" and http_put_response_hop_limit 1.',
        });
      }
      return;
    }
    if (isKarpenterNodeClass(resource)) return checkNodeClass(context);
    checkLaunchResource(context, resource, context.graph);
  },
});

/** Karpenter's generated launch template: `v1` requires tokens with hop limit 1 unless told otherwise. */
function checkNodeClass({ resource, report }: RuleContext): void {
  const found = nodeClassSettings(resource);
  if (!found) return;
  const { settings: spec, path: specPath } = found;
  const options = asObject(spec.metadataOptions);
  const optionsPath = [...specPath, 'metadataOptions'];
  if (spec.metadataOptions !== undefined && (!options || isUnknown(spec.metadataOptions))) return;
  if (typeof options?.httpEndpoint === 'string' && options.httpEndpoint.toLowerCase() === 'disabled') return;
  const tokens = options?.httpTokens;
  if (typeof tokens === 'string' && tokens === 'optional') {
    report({ path: [...optionsPath, 'httpTokens'], message: `${describeNodeClass(resource)} allows IMDSv1 on its nodes (metadataOptions.httpTokens: optional).` });
  }
  const hops = options?.httpPutResponseHopLimit;
  if (hops !== undefined && isUnknown(hops)) return;
  const preV1 = preV1NodeClassVersion(resource);
  if (hops === undefined && preV1 !== undefined) {
    report({
      path: options ? optionsPath : specPath,
      severity: 'medium',
      message: `${describeNodeClass(resource)} (${preV1}) leaves httpPutResponseHopLimit unset: Karpenter before 1.0 launches its nodes with hop limit 2, so pods can reach the instance metadata service and borrow the node role.`,
    });
  } else if (typeof hops === 'number' && hops > 1) {
    report({
      path: [...optionsPath, 'httpPutResponseHopLimit'],
      severity: 'medium',
      message: `${describeNodeClass(resource)} sets httpPutResponseHopLimit ${hops}: pods on its nodes can reach the instance metadata service and borrow the node role.`,
    });
  }
}

interface LaunchView {
  kind: string;
  options: JsonObject | undefined;
  optionsPath: NodePath;
  keys: { tokens: string; hops: string; endpoint: string };
  imageId: JsonValue | undefined;
  userData: JsonValue | undefined;
  /** An instance started from a launch template: the settings its own metadata options leave out are unknown. */
  fromTemplate: boolean;
  usedByNodegroup: boolean;
  /** AMI types of the managed node groups using this template (`undefined` when a node group leaves it unset). */
  nodegroupAmiTypes: (string | undefined)[];
}

function launchView(resource: Resource, graph: ResourceGraph): LaunchView | 'unknown' {
  const host = hostLaunchView(resource);
  if (host === undefined || host === 'unknown' || host.metadataOptions === 'unknown') return 'unknown';
  // An instance started from a launch template takes the template's metadata options unless it sets its own; whether
  // the settings its own leave out come from the template is not documented (unknown).
  const fromTemplate = host.kind === 'instance' && (host.launchTemplate || resource.body.launch_template !== undefined);
  if (fromTemplate && host.metadataOptions === undefined) return 'unknown';
  const nodegroups =
    resource.artifact === 'terraform'
      ? resource.type === 'aws_launch_template'
        ? terraformNodegroupsUsing(graph, resource)
        : []
      : graph.ofType('cloudformation', 'AWS::EKS::Nodegroup').filter((nodegroup) => {
          const template = cfnNodegroupLaunchTemplate(graph, nodegroup);
          return typeof template === 'object' && template.resource === resource;
        });
  return {
    kind: host.kind,
    options: host.metadataOptions?.options,
    optionsPath: host.metadataOptions?.path ?? host.dataPath,
    keys: host.keys,
    imageId: host.imageId?.value,
    userData: host.userData,
    fromTemplate,
    usedByNodegroup: resource.artifact === 'terraform' ? nodegroups.length > 0 : eksNodegroupLaunchTemplates(graph).has(resource),
    nodegroupAmiTypes: nodegroups.map((nodegroup) => amiTypeOf(propsOf(nodegroup).props[resource.artifact === 'terraform' ? 'ami_type' : 'AmiType'])),
  };
}

function amiTypeOf(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : isUnknown(value) || value === undefined ? undefined : String(value);
}

function checkLaunchResource(context: RuleContext, resource: Resource, graph: ResourceGraph): void {
  if (ecsContainerInstanceLaunches(graph).has(resource)) return; // ECS container instances: ecs/container-instance-imdsv2
  const view = launchView(resource, graph);
  if (view === 'unknown') return;
  const { options, optionsPath, keys, kind } = view;
  const endpoint = options?.[keys.endpoint];
  if (typeof endpoint === 'string' && endpoint.toLowerCase() === 'disabled') return; // IMDS off altogether

  const forEks = view.usedByNodegroup || bootsEksNode(view.userData);
  // No role on the instance: IMDSv1 gives away metadata and user data, no credentials (medium).
  const roleless = !forEks && hasNoInstanceProfile(resource);
  const tokens = options?.[keys.tokens];
  if ((tokens !== undefined && isUnknown(tokens)) || (tokens === undefined && view.fromTemplate)) {
    // unknown
  } else if (tokens === undefined && (imageRequiresImdsV2(resource, view.imageId) || ssmImdsV2Ami(resource, graph))) {
    // AL2023 AMIs are registered with ImdsSupport v2.0: instances require IMDSv2 unless told otherwise.
  } else if (tokens === undefined && view.imageId === undefined && view.usedByNodegroup && !view.nodegroupAmiTypes.some((amiType) => amiType !== undefined && /^AL2_/.test(amiType))) {
    // The managed node group's AMI type decides the default: AL2023 AMIs require IMDSv2, and an unset AMI type
    // depends on the Kubernetes version (AL2023 from 1.30): unknown. An AL2_* AMI type is reported.
  } else if (tokens === undefined || (typeof tokens === 'string' && tokens.toLowerCase() !== 'required')) {
    const noRole = roleless ? ' It has no instance profile: no role credentials to steal, but the metadata and user data are open to request forgery.' : '';
    context.report({
      path: tokens === undefined ? optionsPath : [...optionsPath, keys.tokens],
      message:
        tokens === undefined
          ? `The ${kind} does not require IMDSv2: ${keys.tokens} is not set (EC2 defaults to optional).${noRole}`
          : `The ${kind} allows IMDSv1: ${keys.tokens} is "${String(tokens)}".${noRole}`,
      ...(roleless ? { severity: 'medium' as const } : {}),
    });
  }

  const hops = options?.[keys.hops];
  if ((hops !== undefined && isUnknown(hops)) || (hops === undefined && view.fromTemplate)) return;
  if (!forEks) {
    // Raising the hop limit is what lets containers reach IMDS: set above 1, it says containers run there.
    if (hops !== undefined && Number(hops) > 1) {
      context.report({
        path: [...optionsPath, keys.hops],
        severity: 'low',
        message: `The ${kind} sets ${keys.hops} ${String(hops)}: containers on these hosts can reach the instance metadata service and borrow the instance role.`,
      });
    }
    return;
  }
  if (hops === undefined || Number(hops) !== 1) {
    context.report({
      path: hops === undefined ? optionsPath : [...optionsPath, keys.hops],
      severity: 'medium',
      message:
        hops === undefined
          ? `The ${kind} boots EKS nodes and does not set ${keys.hops} to 1: pods can reach the instance metadata service.`
          : `The ${kind} boots EKS nodes with ${keys.hops} ${String(hops)}: pods can reach the instance metadata service and borrow the node role.`,
    });
  }
}

const ROLE_IN_RESOURCE = new Set(['AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::Instance', 'aws_launch_configuration', 'aws_instance']);

/**
 * A launch configuration or instance that names no instance profile (nor a launch template): its instances have no
 * role. Not launch templates: what uses them (a managed node group, AWS Batch, EC2 Fleet) may give the role itself.
 */
function hasNoInstanceProfile(resource: Resource): boolean {
  if (!ROLE_IN_RESOURCE.has(resource.type)) return false;
  const view = hostLaunchView(resource);
  if (view === undefined || view === 'unknown' || view.launchTemplate) return false;
  const { data } = view;
  return data.IamInstanceProfile === undefined && data.iam_instance_profile === undefined && data.LaunchTemplate === undefined && data.launch_template === undefined;
}

/** An Amazon Linux 2023 AMI as the shared host view decides it (SSM parameter, Terraform `data.aws_ami` name filters). */
function ssmImdsV2Ami(resource: Resource, graph: ResourceGraph): boolean {
  const view = hostLaunchView(resource);
  return view !== undefined && view !== 'unknown' && imdsV2Ami(graph, view);
}

/** The AMI is an Amazon Linux 2023 one, literally or through a parameter's SSM path default. */
function imageRequiresImdsV2(resource: Resource, imageId: JsonValue | undefined): boolean {
  if (typeof imageId === 'string') return AL2023_AMI.test(imageId);
  const ref = asObject(imageId)?.Ref;
  if (typeof ref !== 'string') return false;
  const parameter = asObject(asObject(asObject(resource.document.data)?.Parameters)?.[ref]);
  const fallback = parameter?.Default;
  return typeof fallback === 'string' && AL2023_AMI.test(fallback);
}
