import { referrersOf } from '../../graph/aws.js';
import { propsOf } from '../../graph/network.js';
import type { Resource } from '../../model/types.js';
import { asBoolean } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'net/vpc-endpoint-security-groups',
    title: 'Interface VPC endpoints must have their own security groups',
    severity: 'medium',
    seedPoints: ['NET-4'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an interface VPC endpoint (`AWS::EC2::VPCEndpoint` / `aws_vpc_endpoint` with `VpcEndpointType: Interface` / `vpc_endpoint_type = "Interface"`) that names no security group (`SecurityGroupIds` / `security_group_ids` missing or empty): AWS then places its network interfaces in the VPC\'s default security group. Gateway and Gateway Load Balancer endpoints take no security groups and are not checked.',
    rationale:
      'An interface endpoint is a network interface in your subnets; its security group decides who may reach the AWS API through it. The default security group is shared by everything launched without one and is meant to allow nothing (AWS FSBP EC2.2): either it lets in more than the tasks that need the endpoint, or it admits no one and tasks fall back to a NAT or a public IP. A security group of the endpoint\'s own that allows 443 from the task security groups keeps the private path to the API both narrow and working.',
    remediation:
      'Create a security group for the endpoints that allows TCP 443 from the security groups of the tasks and nodes that call the service, and set it in `SecurityGroupIds` / `security_group_ids`.',
    limitations:
      'A Terraform `aws_vpc_endpoint_security_group_association` with `replace_default_association = true` takes the endpoint out of the default group (it is then not reported); other associations add a group beside the default one. Security group IDs from parameters, imports or unresolved expressions are taken as given. Whether the endpoint\'s group admits the right clients is not judged here (net/no-public-ingress reports groups open to the internet).',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html', 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html'],
    },
  },
  appliesTo: (resource) =>
    (resource.artifact === 'cloudformation' && resource.type === 'AWS::EC2::VPCEndpoint') || (resource.artifact === 'terraform' && resource.type === 'aws_vpc_endpoint'),
  check({ resource, graph, report }) {
    const { props, path } = propsOf(resource);
    const cfn = resource.artifact === 'cloudformation';
    const type = props[cfn ? 'VpcEndpointType' : 'vpc_endpoint_type'];
    // Both default to Gateway.
    if (typeof type !== 'string' || isUnknown(type) || type.toLowerCase() !== 'interface') return;
    const key = cfn ? 'SecurityGroupIds' : 'security_group_ids';
    const groups = props[key];
    if (groups !== undefined && groups !== null && (isUnknown(groups) || !Array.isArray(groups) || groups.length > 0)) return;
    const replacesDefault = (association: Resource): boolean => {
      const replace = association.body.replace_default_association;
      return replace !== undefined && (isUnknown(replace) || asBoolean(replace) === true);
    };
    if (!cfn && referrersOf(graph, resource, '', 'aws_vpc_endpoint_security_group_association').some(replacesDefault)) return;
    report({
      path: groups === undefined || groups === null ? path : [...path, key],
      message: `The interface VPC endpoint ${groups === undefined || groups === null ? `sets no ${key}` : `has an empty ${key}`}: AWS places it in the VPC's default security group. Give it a security group of its own that allows 443 from the callers.`,
    });
  },
});
