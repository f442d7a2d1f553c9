import { propsOf } from '../../graph/aws.js';
import { cdkClusterConfigPath, isCdkCluster, missingSettingPath, tfBlock, valueAt, isCloudCluster } from '../../graph/eks.js';
import { coverWholeInternet, describeWorldCidr, isWorldCidr } from '../../graph/network.js';
import { parseCidr } from '../../util/cidr.js';
import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleReport } from '../rule.js';
import { asBoolean } from '../../util/json.js';

interface EndpointSettings {
  /** `publicAccess` / `EndpointPublicAccess`, and its path when set. */
  publicAccess: { value: JsonValue; path: NodePath } | undefined;
  privateAccess: { value: JsonValue; path: NodePath } | undefined;
  cidrs: { value: JsonValue; path: NodePath } | undefined;
  /** Where the settings would go (reported when they are missing). */
  anchor: NodePath;
  spelling: { publicAccess: string; cidrs: string; privateAccess: string };
  /** eksctl: `publicAccessCIDRs` written under `vpc.clusterEndpoints`, a field eksctl does not know there. */
  misplacedCidrs?: NodePath;
}

function settingsOf(resource: Resource): EndpointSettings | 'unknown' {
  if (resource.artifact === 'terraform') {
    const block = tfBlock(resource.body, [], 'vpc_config');
    if (block === 'unknown') return 'unknown';
    const base = block?.path ?? [];
    const found = block !== undefined;
    return {
      publicAccess: found ? valueAt(resource.body, base, ['endpoint_public_access']) : undefined,
      privateAccess: found ? valueAt(resource.body, base, ['endpoint_private_access']) : undefined,
      cidrs: found ? valueAt(resource.body, base, ['public_access_cidrs']) : undefined,
      anchor: base,
      spelling: { publicAccess: 'vpc_config.endpoint_public_access', cidrs: 'vpc_config.public_access_cidrs', privateAccess: 'vpc_config.endpoint_private_access' },
    };
  }
  if (resource.artifact === 'eksctl') {
    return {
      publicAccess: valueAt(resource.body, ['vpc', 'clusterEndpoints'], ['publicAccess']),
      privateAccess: valueAt(resource.body, ['vpc', 'clusterEndpoints'], ['privateAccess']),
      cidrs: valueAt(resource.body, ['vpc'], ['publicAccessCIDRs']),
      anchor: missingSettingPath(resource, ['vpc', 'clusterEndpoints']),
      spelling: { publicAccess: 'vpc.clusterEndpoints.publicAccess', cidrs: 'vpc.publicAccessCIDRs', privateAccess: 'vpc.clusterEndpoints.privateAccess' },
      misplacedCidrs: valueAt(resource.body, ['vpc', 'clusterEndpoints'], ['publicAccessCIDRs'])?.path,
    };
  }
  if (isCdkCluster(resource)) {
    const config = cdkClusterConfigPath(resource);
    if (!config) return 'unknown';
    const vpc = valueAt(resource.body, config, ['resourcesVpcConfig']);
    if (vpc !== undefined && isUnknown(vpc.value)) return 'unknown';
    const base = [...config, 'resourcesVpcConfig'];
    return {
      publicAccess: valueAt(resource.body, base, ['endpointPublicAccess']),
      privateAccess: valueAt(resource.body, base, ['endpointPrivateAccess']),
      cidrs: valueAt(resource.body, base, ['publicAccessCidrs']),
      anchor: missingSettingPath(resource, base),
      spelling: { publicAccess: 'Config.resourcesVpcConfig.endpointPublicAccess', cidrs: 'Config.resourcesVpcConfig.publicAccessCidrs', privateAccess: 'Config.resourcesVpcConfig.endpointPrivateAccess' },
    };
  }
  const { path } = propsOf(resource);
  const base = [...path, 'ResourcesVpcConfig'];
  return {
    publicAccess: valueAt(resource.body, base, ['EndpointPublicAccess']),
    privateAccess: valueAt(resource.body, base, ['EndpointPrivateAccess']),
    cidrs: valueAt(resource.body, base, ['PublicAccessCidrs']),
    anchor: missingSettingPath(resource, base),
    spelling: { publicAccess: 'EndpointPublicAccess', cidrs: 'PublicAccessCidrs', privateAccess: 'EndpointPrivateAccess' },
  };
}

/** IPv4 ranges wider than this (a /7 holds 33 million addresses) restrict nothing to known networks. */
const WIDEST_KNOWN_PREFIX = 8;

export default createRule({
  meta: {
    id: 'eks/endpoint-access',
    title: 'The EKS API server endpoint must not be open to the internet',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['EKS-1'],
    artifacts: ['eksctl', 'cloudformation', 'terraform'],
    description:
      'Reports an EKS cluster whose public API endpoint is enabled (explicitly, or by the provider default when nothing is said) and reachable from any address: no public access CIDRs (the default is 0.0.0.0/0: an empty or null value too), a list holding 0.0.0.0/0, ::/0 or any other `/0`, or ranges that together cover every address (`0.0.0.0/1` and `128.0.0.0/1`); and (medium) an IPv4 range wider than a /8 (`1.0.0.0/1` is half the internet). eksctl `ClusterConfig` (`vpc.clusterEndpoints`, `vpc.publicAccessCIDRs`; a `publicAccessCIDRs` written under `vpc.clusterEndpoints`, which eksctl refuses as an unknown field, is reported there as misplaced), CloudFormation `AWS::EKS::Cluster` (`ResourcesVpcConfig`) and Terraform `aws_eks_cluster` (`vpc_config`). The cluster the CDK\'s L2 `eks.Cluster` synthesizes (`Custom::AWSCDK-EKS-Cluster`, whose `Config` is the CreateCluster request: `resourcesVpcConfig.endpointPublicAccess`, `endpointPrivateAccess`, `publicAccessCidrs`) is read too, with the API\'s defaults.',
    rationale:
      'A public endpoint open to the internet exposes the Kubernetes API server to credential stuffing, leaked kubeconfigs and any pre-authentication vulnerability. A private endpoint, or a public one limited to known CIDRs, removes that exposure; IAM and RBAC still apply.',
    remediation:
      'Enable the private endpoint and disable the public one (eksctl `vpc.clusterEndpoints: { privateAccess: true, publicAccess: false }`; CloudFormation `EndpointPrivateAccess: true`, `EndpointPublicAccess: false`; Terraform `endpoint_private_access = true`, `endpoint_public_access = false`), or keep the public endpoint and restrict `publicAccessCIDRs` / `PublicAccessCidrs` to your office, VPN or CI egress ranges.',
    limitations:
      'A value given by a CloudFormation parameter or another unresolved expression is unknown and not reported. A public endpoint restricted to specific CIDRs is accepted, as EKS-1 allows; Trivy AVD-AWS-0040, Checkov CKV_AWS_39 and cdk-nag AwsSolutions-EKS1 flag any public endpoint. The other half of EKS-1 is checked by `k8s/aws-auth-system-masters` (the aws-auth ConfigMap) and `eks/cluster-access-least-privilege` (eksctl identity mappings, access entries). An eksctl `ClusterConfig` with only `metadata` and node groups is also the input of `eksctl create nodegroup -f` for an existing cluster, so its cluster settings are unknown and not reported; `metadata.version` or a cluster section (`vpc`, `iam`, `cloudWatch`, `addons`, ...) makes it a cluster definition, checked with eksctl\'s defaults. EKS local clusters on AWS Outposts (eksctl `outpost.controlPlaneOutpostARN`, `OutpostConfig`, `outpost_config`) have a private-only endpoint and are not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0040' },
        { tool: 'trivy', id: 'AVD-AWS-0041' },
        { tool: 'checkov', id: 'CKV_AWS_39' },
        { tool: 'checkov', id: 'CKV_AWS_38' },
        { tool: 'cdk-nag', id: 'AwsSolutions-EKS1' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'EKS.1' },
        { framework: 'CIS EKS Benchmark 1.5', id: '5.4.2' },
      ],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html'],
    },
  },
  scope: 'resource',
  appliesTo: isCloudCluster,
  check({ resource, report }) {
    if (resource.artifact === 'eksctl') {
      // A fully private eksctl cluster turns the public endpoint off.
      const privateCluster = valueAt(resource.body, ['privateCluster'], ['enabled']);
      if (privateCluster && (isUnknown(privateCluster.value) || asBoolean(privateCluster.value) === true)) return;
    }
    const settings = settingsOf(resource);
    if (settings === 'unknown') return;
    const publicValue = settings.publicAccess?.value;
    if (publicValue !== undefined && isUnknown(publicValue)) return;
    const isPublic = publicValue === undefined ? true : asBoolean(publicValue);
    if (isPublic !== true) return;

    const privateOff = settings.privateAccess === undefined || asBoolean(settings.privateAccess.value) === false;
    const nodesNote = privateOff ? ` With ${settings.spelling.privateAccess} off, nodes also reach the API over the internet.` : '';
    const cidrs = settings.cidrs?.value;
    const how = publicValue === undefined ? `the public endpoint is on by default (${settings.spelling.publicAccess} is not set)` : `${settings.spelling.publicAccess} is true`;
    const out: RuleReport[] = [];
    if (cidrs === undefined && settings.misplacedCidrs) {
      out.push({
        path: settings.misplacedCidrs,
        message: `publicAccessCIDRs is under vpc.clusterEndpoints, where eksctl has no such field: it refuses the file (unknown field), and the ranges restrict nothing until they move to ${settings.spelling.cidrs}. As written, ${how} and the endpoint would be open to 0.0.0.0/0.${nodesNote}`,
        fix: 'Move the list to `vpc.publicAccessCIDRs` (beside `vpc.clusterEndpoints`, not inside it), or turn the public endpoint off.',
      });
    } else if (cidrs === undefined) {
      out.push({
        path: settings.publicAccess?.path ?? settings.anchor,
        message: `The cluster API endpoint is open to the internet: ${how} and ${settings.spelling.cidrs} is not set (defaults to 0.0.0.0/0).${nodesNote}`,
      });
    } else if (cidrs === null || Array.isArray(cidrs)) {
      // An empty value (`publicAccessCIDRs:`) is no list at all: the default applies.
      if (cidrs === null || cidrs.length === 0) {
        out.push({
          path: settings.cidrs?.path ?? settings.anchor,
          message: `The cluster API endpoint is open to the internet: ${how} and ${settings.spelling.cidrs} is empty (defaults to 0.0.0.0/0).${nodesNote}`,
        });
      }
      cidrs?.forEach((cidr, index) => {
        if (!isWorldCidr(cidr)) return;
        out.push({
          path: [...(settings.cidrs?.path ?? settings.anchor), index],
          message: `The cluster API endpoint is open to the internet: ${how} and ${settings.spelling.cidrs} allows ${describeWorldCidr(String(cidr))}.${nodesNote}`,
        });
      });
      if (cidrs !== null && out.length === 0 && coverWholeInternet(cidrs)) {
        out.push({
          path: settings.cidrs?.path ?? settings.anchor,
          message: `The cluster API endpoint is open to the internet: ${how} and the ranges in ${settings.spelling.cidrs} (${cidrs.map(String).join(', ')}) together cover every address.${nodesNote}`,
        });
      }
      // Not the whole internet, but no restriction to known networks either (`1.0.0.0/1`: half of it).
      if (cidrs !== null && out.length === 0) {
        cidrs.forEach((cidr, index) => {
          const parsed = typeof cidr === 'string' ? parseCidr(cidr) : undefined;
          if (parsed?.version !== 4 || parsed.prefix >= WIDEST_KNOWN_PREFIX) return;
          out.push({
            path: [...(settings.cidrs?.path ?? settings.anchor), index],
            severity: 'medium',
            message: `The cluster API endpoint is open to a large part of the internet: ${how} and ${settings.spelling.cidrs} allows ${String(cidr)} (${(2 ** (32 - parsed.prefix)).toLocaleString('en-US')} addresses), not the networks of your operators and CI.${nodesNote}`,
          });
        });
      }
    }
    // Anything else (an intrinsic, a parameter) is unknown.
    for (const entry of out) report(entry);
  },
});
