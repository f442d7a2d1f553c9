import { propsOf } from '../../graph/aws.js';
import { cfnTarget, isCfnNodegroup, isEksctlConfig, isTfNodegroup, nodeGroupsOf, valueAt } from '../../graph/eks.js';
import { describePublicIpMapping, publicIpMapping, targetsOf } from '../../graph/network.js';
import { describeNodeClass, isEc2NodeClass, nodeClassSettings } from '../../graph/karpenter.js';
import { asArray, asBoolean, asObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'eks/private-nodes',
    title: 'EKS worker nodes must run in private subnets without public IPs',
    severity: 'medium',
    seedPoints: ['NET-1'],
    artifacts: ['eksctl', 'cloudformation', 'terraform', 'kubernetes'],
    description:
      'Reports eksctl node groups without `privateNetworking: true` (eksctl then places nodes in public subnets with public IPs), and CloudFormation `AWS::EKS::Nodegroup`s / Terraform `aws_eks_node_group`s placed in a subnet of the scan that sets `MapPublicIpOnLaunch: true` / `map_public_ip_on_launch = true` (or an `aws_default_subnet` that leaves it at its default, true), and Karpenter EC2NodeClasses (karpenter.k8s.aws) with `associatePublicIPAddress: true`.',
    rationale:
      'Nodes with public IPs in public subnets are reachable from the internet whenever a security group or a hostPort/NodePort allows it; in private subnets they reach out through NAT or VPC endpoints and only load balancers face the internet.',
    remediation:
      'eksctl: `privateNetworking: true` on every node group (with private subnets under `vpc.subnets.private`, NAT or VPC endpoints). CloudFormation: `Subnets` of the node group in private subnets (`MapPublicIpOnLaunch: false`, default route to a NAT gateway). Karpenter: `subnetSelectorTerms` that select private subnets only, and no `associatePublicIPAddress: true`.',
    limitations:
      'CloudFormation subnets imported from another stack or given as parameters are unknown. Route tables are not followed here: a subnet without MapPublicIpOnLaunch but routed to an internet gateway is not reported. The subnets a Karpenter EC2NodeClass selects by tag or ID are not in the files: without `associatePublicIPAddress`, their own setting decides.',
    references: {
      peers: [],
      frameworks: [{ framework: 'AWS FSBP', id: 'EC2.15' }],
      links: ['https://docs.aws.amazon.com/eks/latest/best-practices/subnets.html'],
    },
  },
  appliesTo: (resource) => isEksctlConfig(resource) || isCfnNodegroup(resource) || isTfNodegroup(resource) || isEc2NodeClass(resource),
  check({ resource, report, graph }) {
    if (isEksctlConfig(resource)) {
      // A fully private eksctl cluster has no public subnets: its node groups are private.
      const privateCluster = valueAt(resource.body, ['privateCluster'], ['enabled']);
      if (privateCluster && (isUnknown(privateCluster.value) || asBoolean(privateCluster.value) === true)) return;
      for (const group of nodeGroupsOf(resource)) {
        const setting = valueAt(resource.body, group.path, ['privateNetworking']);
        if (setting && isUnknown(setting.value)) continue;
        if (setting && asBoolean(setting.value) === true) continue;
        report({
          path: setting?.path ?? [...group.path, 'name'],
          message: `Node group "${group.name}" runs in public subnets with public IPs: privateNetworking is ${setting ? 'false' : 'not set (defaults to false)'}.`,
        });
      }
      return;
    }
    if (isEc2NodeClass(resource)) {
      if (nodeClassSettings(resource)?.settings.associatePublicIPAddress === true) {
        report({ path: ['spec', 'associatePublicIPAddress'], message: `${describeNodeClass(resource)} gives its nodes public IPs (associatePublicIPAddress: true).` });
      }
      return;
    }
    if (isTfNodegroup(resource)) {
      const targets = targetsOf(graph, resource, ['subnet_ids']);
      if (targets === 'unknown') return;
      const publicSubnets = targets.flatMap((subnet) => {
        const mapping = publicIpMapping(subnet);
        return mapping ? [`${subnet.name} (${describePublicIpMapping(mapping)})`] : [];
      });
      if (publicSubnets.length === 0) return;
      report({
        path: ['subnet_ids'],
        message: `The node group uses subnet${publicSubnets.length === 1 ? '' : 's'} ${publicSubnets.join(', ')}, which give${publicSubnets.length === 1 ? 's' : ''} instances public IPs.`,
      });
      return;
    }
    const { props, path } = propsOf(resource);
    asArray(props.Subnets).forEach((entry, index) => {
      const subnet = cfnTarget(graph, resource, entry, 'AWS::EC2::Subnet');
      if (typeof subnet !== 'object') return;
      const mapPublic = asObject(subnet.body.Properties)?.MapPublicIpOnLaunch;
      if (asBoolean(mapPublic) !== true) return;
      report({
        path: [...path, 'Subnets', index],
        message: `The node group uses subnet ${subnet.name}, which gives instances public IPs (MapPublicIpOnLaunch: true).`,
      });
    });
  },
});
