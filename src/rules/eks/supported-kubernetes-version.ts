import { propsOf } from '../../graph/aws.js';
import { cdkClusterConfigPath, isCdkCluster, tfBlock, valueAt, type Located, isCloudCluster } from '../../graph/eks.js';
import { EKS_CALENDAR_RANGE, eksVersionSupport, oldestStandardVersion, type EksVersionSupport } from '../../graph/eks-kubernetes-versions.js';
import type { NodePath, Resource } from '../../model/types.js';
import { asString } from '../../util/json.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'eks/supported-kubernetes-version',
    title: 'EKS clusters must run a Kubernetes version in standard support',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: [],
    artifacts: ['eksctl', 'cloudformation', 'terraform'],
    description:
      'Reports the Kubernetes version an EKS cluster is pinned to (eksctl `metadata.version`, CloudFormation `AWS::EKS::Cluster` `Version`, Terraform `aws_eks_cluster` `version`, the `version` of the CDK\'s cluster custom resource) when, on the day of the scan, Amazon EKS no longer supports it: past the end of extended support (high), or past the end of standard support, in extended support (medium; the message says whether the cluster\'s upgrade policy, `UpgradePolicy.SupportType` / `upgrade_policy.support_type`, keeps it there or has EKS upgrade it). Dates come from the EKS release calendar the rule carries (' + EKS_CALENDAR_RANGE + '; every older version is out of support).',
    rationale:
      'Past the end of extended support a version gets no security patches: the control plane, the EKS-optimized AMIs and the VPC CNI, kube-proxy and CoreDNS add-ons of that version stay with the vulnerabilities found since. EKS then upgrades the control plane on its own, at a time it does not announce, while node groups and add-ons stay behind, and no new cluster can be created with the version, so the file no longer deploys. In extended support the version is still patched, for 12 months and at an extra charge per cluster hour, or (with the `STANDARD` upgrade policy) EKS upgrades the control plane at the end of standard support, again without the nodes.',
    remediation:
      'Upgrade the cluster one minor version at a time to a version in standard support (see the EKS release calendar), testing workloads and add-ons at each step; then upgrade node groups and add-ons, and change the version in the file to the one deployed.',
    limitations:
      'Whether a version is supported depends on the day of the scan: the same file can pass today and fail after the end date (the calendar in the rule is updated with new versions; a version newer than it, such as 1.36, is not judged). A cluster without a version runs the version that was the default when it was created, which the file does not say: not reported. Versions given by parameters or variables without a value in the scan are unknown, and so is a version written as a number with a trailing zero (`version: 1.30` unquoted reads as 1.3; EKS versions are strings: quote them). Node group versions (`AWS::EKS::Nodegroup` / `aws_eks_node_group` `version`) follow the cluster and are not reported here. EKS local clusters on AWS Outposts (eksctl `outpost.controlPlaneOutpostARN`, `OutpostConfig`, `outpost_config`) follow their own version calendar and are not reported.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_AWS_339' },
        { tool: 'prowler', id: 'eks_cluster_uses_a_supported_version' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'EKS.2' }],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html', 'https://docs.aws.amazon.com/eks/latest/userguide/view-upgrade-policy.html'],
    },
  },
  scope: 'resource',
  appliesTo: isCloudCluster,
  check({ resource, report, settings }) {
    const setting = clusterVersion(resource);
    if (!setting) return;
    const support = eksVersionSupport(setting.version.value, settings.today);
    if (!support || support.status === 'standard') return;
    const newer = oldestStandardVersion(settings.today);
    const fix = `Upgrade the cluster one minor version at a time to ${newer === undefined ? 'a version in standard support' : `${newer} or later (in standard support on ${settings.today})`}, then its node groups and add-ons, and set that version in the file.`;
    report({
      path: setting.version.path,
      severity: support.status === 'ended' ? 'high' : 'medium',
      key: support.status,
      message: describe(support, setting.supportType),
      fix,
    });
  },
});

/** The cluster's version setting and its upgrade policy's support type, when the version is set. */
function clusterVersion(resource: Resource): { version: Located; supportType: string | undefined } | undefined {
  if (resource.artifact === 'eksctl') {
    const version = valueAt(resource.body, ['metadata'], ['version']);
    return version && { version, supportType: undefined };
  }
  if (resource.artifact === 'terraform') {
    const version = valueAt(resource.body, [], ['version']);
    const policy = tfBlock(resource.body, [], 'upgrade_policy');
    const supportType = policy === 'unknown' || policy === undefined ? undefined : asString(policy.block.support_type);
    return version && { version, supportType };
  }
  const cdk = isCdkCluster(resource);
  const base: NodePath | undefined = cdk ? cdkClusterConfigPath(resource) : propsOf(resource).path;
  if (!base) return undefined;
  const version = valueAt(resource.body, base, [cdk ? 'version' : 'Version']);
  const supportType = asString(valueAt(resource.body, base, cdk ? ['upgradePolicy', 'supportType'] : ['UpgradePolicy', 'SupportType'])?.value);
  return version && { version, supportType };
}

function describe(support: Exclude<EksVersionSupport, { status: 'standard' }>, supportType: string | undefined): string {
  if (support.status === 'ended') {
    const when = support.atTheLatest ? `by ${support.extendedEnd} at the latest` : `on ${support.extendedEnd}`;
    return `Kubernetes ${support.version} is no longer supported by Amazon EKS (extended support ended ${when}): no more security patches, EKS upgrades such a control plane on its own without its nodes, and no cluster can be created with it.`;
  }
  const standard = supportType?.toUpperCase() === 'STANDARD';
  return standard
    ? `Kubernetes ${support.version} left EKS standard support on ${support.standardEnd}, and the upgrade policy is STANDARD: EKS upgrades the control plane on its own, without its nodes and add-ons, and the file no longer says what runs.`
    : `Kubernetes ${support.version} left EKS standard support on ${support.standardEnd}: it is in extended support (patched at an extra charge per cluster hour) until ${support.extendedEnd}, after which EKS upgrades it on its own.`;
}
