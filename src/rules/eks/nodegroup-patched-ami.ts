import { propsOf } from '../../graph/aws.js';
import { referencedResource } from '../../graph/cloudformation.js';
import { bootsEksNode, cfnNodegroupLaunchTemplate, eksNodegroupLaunchTemplates, isCfnNodegroup, isEksctlConfig, isOutpostLocalCluster, isTfNodegroup, nodeGroupsOf, valueAt } from '../../graph/eks.js';
import { amiSource, HARD_CODED_AMI, hostLaunchView, startsEksNodes, type HostLaunchView } from '../../graph/hosts.js';
import { amiSelectorTerms, describeNodeClass, isKarpenterNodeClass, isLegacyNodeClass, nodeClassSettings, nodeTemplateAmiIds } from '../../graph/karpenter.js';
import { asObject, asString } from '../../util/json.js';
import { capitalized } from '../../util/text.js';
import { createRule, type RuleContext } from '../rule.js';

/** Amazon EKS stopped publishing Amazon Linux 2 AMIs on this date (Kubernetes 1.32 is the last with AL2). */
export const AL2_END_OF_SUPPORT = '2025-11-26';

export default createRule({
  meta: {
    id: 'eks/nodegroup-patched-ami',
    title: 'EKS nodes must run a maintained EKS-optimized AMI in managed node groups',
    severity: 'medium',
    otherSeverities: ['low'],
    seedPoints: ['HOST-1'],
    artifacts: ['eksctl', 'cloudformation', 'terraform', 'kubernetes'],
    description:
      'Reports node groups pinned to a hard-coded AMI ID (eksctl `ami: ami-...`, a literal `ImageId` / `image_id` in the launch template of an `AWS::EKS::Nodegroup` / `aws_eks_node_group`, or in the launch template or launch configuration of self-managed EKS nodes; also a CloudFormation `Fn::FindInMap` into a mapping that lists only hard-coded AMI IDs), node groups on Amazon Linux 2 (eksctl `amiFamily: AmazonLinux2`, CloudFormation `AmiType: AL2_*`, Terraform `ami_type = "AL2_*"`) after the end of EKS AL2 AMIs, and (low) eksctl self-managed `nodeGroups` where a managed node group would do (not on AWS Outposts nor for Spot Ocean node groups, which exist only as self-managed ones). Karpenter EC2NodeClass (karpenter.k8s.aws): an `amiSelectorTerms` entry with a literal `id`, and Amazon Linux 2 (`alias: al2@...`, or `amiFamily: AL2`, whose nodes boot with the AL2 bootstrap whatever AMIs the selector terms pick) after the end of EKS AL2 AMIs. Karpenter AWSNodeTemplate (karpenter.k8s.aws/v1alpha1) and a `karpenter.sh/v1alpha5` Provisioner\'s inline `provider` (before Karpenter 0.33): AMI IDs in `amiSelector` (`aws-ids`, `aws::ids`), and `amiFamily: AL2` or no `amiFamily` (AL2 is its default) after the end of EKS AL2 AMIs; not when they name their own `launchTemplate`.',
    rationale:
      'A hard-coded AMI ID never receives kernel, containerd or kubelet fixes; EKS-optimized AMIs resolved at deploy time (the AMI type of a managed node group, an SSM public parameter, eksctl `auto`) stay patched. Amazon Linux 2 EKS AMIs are no longer published. Managed node groups roll out AMI updates without hand-built automation.',
    remediation:
      'Use `managedNodeGroups` with `amiFamily: AmazonLinux2023` or `Bottlerocket` (eksctl) or `AmiType: AL2023_x86_64_STANDARD` / `BOTTLEROCKET_x86_64` (CloudFormation); when a custom AMI is needed, resolve it from an SSM public parameter (`{{resolve:ssm:/aws/service/eks/optimized-ami/...}}` or an `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` parameter) instead of a literal ID. Karpenter: select EKS-optimized AMIs with an `alias` (`al2023@latest`, `bottlerocket@latest`, or a pinned `al2023@v20241011` rolled forward on a schedule).',
    limitations:
      'Whether a custom AMI (given by a parameter, or selected by Karpenter `name` / `tags` terms) is kept up to date cannot be decided from the files. An eksctl node group without `amiFamily` is not reported: eksctl defaulted to Amazon Linux 2 for clusters below Kubernetes 1.33 until November 2025 and to Amazon Linux 2023 since, and the eksctl version is not in the file. An `AWS::EKS::Nodegroup` / `aws_eks_node_group` without an AMI type (and without a launch template) gets the default of its Kubernetes version: Amazon Linux 2 below 1.30, reported when the version is literal on the node group or (CloudFormation) on its cluster; otherwise it is unknown.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/eks-optimized-amis.html'],
    },
  },
  appliesTo: (resource) =>
    isEksctlConfig(resource) ||
    isCfnNodegroup(resource) ||
    isTfNodegroup(resource) ||
    isKarpenterNodeClass(resource) ||
    (resource.artifact === 'cloudformation' && (resource.type === 'AWS::EC2::LaunchTemplate' || resource.type === 'AWS::AutoScaling::LaunchConfiguration')) ||
    (resource.artifact === 'terraform' && (resource.type === 'aws_launch_template' || resource.type === 'aws_launch_configuration')),
  check(context) {
    const { resource, report } = context;
    if (resource.artifact === 'terraform' && (resource.type === 'aws_launch_template' || resource.type === 'aws_launch_configuration')) {
      // A Terraform launch template or configuration of EKS nodes (used by a node group, or EKS bootstrap user data).
      const view = hostLaunchView(resource);
      if (view === undefined || view === 'unknown' || !view.imageId || !startsEksNodes(context.graph, view)) return;
      reportHardCodedImage(context, view, `this ${view.kind} of EKS nodes`);
      return;
    }
    const al2Ended = context.settings.today >= AL2_END_OF_SUPPORT;
    if (isKarpenterNodeClass(resource)) {
      checkNodeClass(context, al2Ended);
      return;
    }
    if (isEksctlConfig(resource)) {
      for (const group of nodeGroupsOf(resource)) {
        const ami = valueAt(resource.body, group.path, ['ami']);
        const family = valueAt(resource.body, group.path, ['amiFamily']);
        if (ami && typeof ami.value === 'string' && HARD_CODED_AMI.test(ami.value)) {
          report({ path: ami.path, message: `Node group "${group.name}" is pinned to the hard-coded AMI ${ami.value}: it will not receive security updates. Use amiFamily with ami: auto or an SSM parameter.` });
        } else if (al2Ended && family && typeof family.value === 'string' && family.value === 'AmazonLinux2') {
          report({ path: family.path, message: `Node group "${group.name}" runs Amazon Linux 2, whose EKS AMIs are no longer published (since ${AL2_END_OF_SUPPORT}); use AmazonLinux2023 or Bottlerocket.` });
        }
        // Outposts and Spot Ocean support self-managed node groups only.
        if (!group.managed && !isOutpostLocalCluster(resource) && group.body.outpostARN === undefined && group.body.spotOcean === undefined) {
          report({
            path: [...group.path, 'name'],
            severity: 'low',
            message: `Node group "${group.name}" is self-managed (nodeGroups): prefer managedNodeGroups, which EKS updates to patched AMIs.`,
          });
        }
      }
      return;
    }
    if (isTfNodegroup(resource)) {
      const amiType = resource.body.ami_type;
      if (al2Ended && typeof amiType === 'string' && /^AL2_/.test(amiType)) {
        report({ path: ['ami_type'], message: `The node group runs Amazon Linux 2 (ami_type ${amiType}), whose EKS AMIs are no longer published (since ${AL2_END_OF_SUPPORT}); use AL2023_* or BOTTLEROCKET_*.` });
      } else if (al2Ended && amiType === undefined && resource.body.launch_template === undefined) {
        reportDefaultAl2(context, asString(resource.body.version), ['version'], 'ami_type');
      }
      return;
    }
    if (isCfnNodegroup(resource)) {
      const { props, path } = propsOf(resource);
      const amiType = asString(props.AmiType);
      if (al2Ended && amiType !== undefined && /^AL2_/.test(amiType)) {
        report({ path: [...path, 'AmiType'], message: `The node group runs Amazon Linux 2 (AmiType ${amiType}), whose EKS AMIs are no longer published (since ${AL2_END_OF_SUPPORT}); use AL2023_* or BOTTLEROCKET_*.` });
      } else if (al2Ended && props.AmiType === undefined && props.LaunchTemplate === undefined) {
        // Without its own Version a node group runs the cluster's.
        const cluster = props.Version === undefined ? referencedResource(context.graph, resource, props.ClusterName) : undefined;
        const version = props.Version !== undefined ? props.Version : cluster?.type === 'AWS::EKS::Cluster' ? asObject(cluster.body.Properties)?.Version : undefined;
        // An unquoted YAML `1.30` is the number 1.3: Kubernetes minor versions have two digits.
        reportDefaultAl2(context, typeof version === 'number' ? version.toFixed(2) : asString(version), props.Version !== undefined ? [...path, 'Version'] : path, 'AmiType');
      }
      const template = cfnNodegroupLaunchTemplate(context.graph, resource);
      const view = typeof template === 'object' ? hostLaunchView(template.resource) : undefined;
      if (view !== undefined && view !== 'unknown') reportHardCodedImage(context, view, 'the node group\'s launch template');
      return;
    }
    // Self-managed EKS nodes: a launch template or configuration booting EKS that no AWS::EKS::Nodegroup uses.
    const view = hostLaunchView(resource);
    if (view === undefined || view === 'unknown' || !view.imageId || !bootsEksNode(view.userData)) return;
    if (eksNodegroupLaunchTemplates(context.graph).has(resource)) return; // reported through the node group
    reportHardCodedImage(context, view, `this ${view.kind} of self-managed EKS nodes`);
  },
});

/**
 * A managed node group without an AMI type (nor a launch template, which may set a custom AMI) gets its version's
 * default: Amazon Linux 2 below Kubernetes 1.30 (AL2023 from 1.30), whatever the instance type.
 */
function reportDefaultAl2(context: RuleContext, version: string | undefined, path: readonly (string | number)[], key: string): void {
  const match = version === undefined ? null : /^1\.(\d+)$/.exec(version.trim());
  if (!match || Number(match[1]) >= 30) return;
  context.report({
    path: [...path],
    message: `The node group sets no ${key} on Kubernetes ${version}, whose default is Amazon Linux 2: its EKS AMIs are no longer published (since ${AL2_END_OF_SUPPORT}); set ${key} to AL2023_* or BOTTLEROCKET_*.`,
  });
}

/** A hard-coded AMI (a literal `ami-...`, or a CloudFormation mapping that lists only such IDs), at the image ID. */
function reportHardCodedImage(context: RuleContext, view: HostLaunchView, what: string): void {
  if (!view.imageId) return;
  const source = amiSource(context.graph, view);
  const prefix = capitalized(what);
  const fix = 'Resolve the EKS-optimized AMI from its SSM public parameter.';
  if (source.kind === 'literal') {
    context.report({ resource: view.resource, path: view.imageId.path, message: `${prefix} pins the hard-coded AMI ${source.id}: it will not receive security updates. ${fix}` });
  } else if (source.kind === 'mapping') {
    context.report({
      resource: view.resource,
      path: view.imageId.path,
      message: `${prefix} takes its AMI from mapping ${source.mapping}, which lists ${source.ids.length} hard-coded AMI ID${source.ids.length === 1 ? '' : 's'}: they will not receive security updates. ${fix}`,
    });
  }
}

function checkNodeClass({ resource, report }: RuleContext, al2Ended: boolean): void {
  const found = nodeClassSettings(resource);
  if (!found) return;
  const { settings: spec, path: specPath } = found;
  const terms = amiSelectorTerms(spec, specPath);
  if (isLegacyNodeClass(resource)) {
    for (const { id, path } of nodeTemplateAmiIds(spec, specPath)) {
      if (HARD_CODED_AMI.test(id)) report({ path, message: `${describeNodeClass(resource)} pins the hard-coded AMI ${id} (amiSelector): its nodes will not receive security updates. Select the EKS-optimized AMIs of the family instead.` });
    }
    // Without amiFamily, Karpenter before 0.33 runs Amazon Linux 2.
    if (al2Ended && spec.amiFamily === undefined) {
      report({ path: specPath, message: `${describeNodeClass(resource)} leaves amiFamily unset, so Karpenter uses the AL2 family (its AMIs, or the AL2 bootstrap for the AMIs amiSelector picks), whose EKS AMIs are no longer published (since ${AL2_END_OF_SUPPORT}); set Bottlerocket, or move to an EC2NodeClass with AL2023.` });
    }
  }
  for (const { term, path } of terms) {
    const id = term.id;
    if (typeof id === 'string' && HARD_CODED_AMI.test(id)) {
      report({ path: [...path, 'id'], message: `${describeNodeClass(resource)} pins the hard-coded AMI ${id}: its nodes will not receive security updates. Select the EKS-optimized AMI with an alias (al2023@latest, bottlerocket@latest).` });
    } else if (al2Ended && typeof term.alias === 'string' && /^al2@/i.test(term.alias)) {
      report({ path: [...path, 'alias'], message: `${describeNodeClass(resource)} selects Amazon Linux 2 (alias ${term.alias}), whose EKS AMIs are no longer published (since ${AL2_END_OF_SUPPORT}); use al2023@ or bottlerocket@.` });
    }
  }
  // The family picks the AMIs without selector terms (v1beta1) and the bootstrap format with them: either way Amazon
  // Linux 2 (an alias says the family itself, and is reported above).
  if (al2Ended && spec.amiFamily === 'AL2' && !terms.some(({ term }) => term.alias !== undefined)) {
    report({ path: [...specPath, 'amiFamily'], message: `${describeNodeClass(resource)} runs Amazon Linux 2 (amiFamily: AL2), whose EKS AMIs are no longer published (since ${AL2_END_OF_SUPPORT}); use AL2023 or Bottlerocket.` });
  }
}

