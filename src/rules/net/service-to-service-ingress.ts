import type { JsonValue, Resource } from '../../model/types.js';
import { isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { INGRESS_TYPES, ingressRules, isWorldCidr, portRange, propsOf, referrersOf, vpcOf, type IngressRule } from '../../graph/network.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { createRule } from '../rule.js';
import { isTrustedCidr } from '../../util/cidr.js';
import { importedExport } from '../../graph/cloudformation.js';

const SERVICE_TYPES: ReadonlySet<string> = new Set(['AWS::ECS::Service', 'aws_ecs_service']);
/** IPv4 ranges at least this wide (a /16 or wider) are VPC-wide. */
const MAX_IPV4_PREFIX = 16;
/** IPv6: a VPC gets a /56. */
const MAX_IPV6_PREFIX = 56;

/** The ECS services that place their tasks in `group` (awsvpc network configuration). */
function servicesUsing(graph: ResourceGraph, group: Resource): Resource[] {
  const out: Resource[] = [];
  for (const { resource, path, maybe } of referrersOf(graph, group)) {
    // A service that picks some groups of a collection (`[for k, sg in ... : sg.id if ...]`) may not use this one.
    if (!SERVICE_TYPES.has(resource.type) || maybe) continue;
    if (path && !path.includes('security_groups')) continue;
    if (!out.includes(resource)) out.push(resource);
  }
  return out;
}

function prefixLength(cidr: string): { prefix: number; v6: boolean } | undefined {
  const match = /^([0-9a-fA-F:.]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return { prefix: Number(match[2]), v6: match[1].includes(':') };
}

/** A reference to a VPC's CIDR block: `!GetAtt Vpc.CidrBlock`, `aws_vpc.main.cidr_block`, `module.vpc.vpc_cidr_block`. */
function isVpcCidrReference(value: JsonValue, graph: ResourceGraph): boolean {
  if (!isObject(value)) return false;
  // `!ImportValue VpcCidr` of another template's `!GetAtt Vpc.CidrBlock` export.
  if (value['Fn::ImportValue'] !== undefined) {
    const exported = importedExport(graph, value)?.value;
    // One hop: an export that imports again is not followed.
    return isObject(exported) && exported['Fn::ImportValue'] === undefined && isVpcCidrReference(exported, graph);
  }
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return getAtt[1] === 'CidrBlock';
  if (typeof getAtt === 'string') return /\.CidrBlock$/.test(getAtt);
  const expression = value.$unknown;
  return typeof expression === 'string' && /(^|\.)(vpc_)?cidr_block(s?)(\[\d+\])?$/.test(expression.trim()) && !/subnet/.test(expression);
}

function vpcCidr(graph: ResourceGraph, group: Resource): string | undefined {
  const vpc = vpcOf(graph, group);
  if (vpc === 'unknown') return undefined;
  const { props } = propsOf(vpc);
  const cidr = vpc.artifact === 'terraform' ? props.cidr_block : props.CidrBlock;
  return typeof cidr === 'string' ? cidr.trim() : undefined;
}

function describePorts(rule: IngressRule): string {
  const range = portRange(rule);
  if (range.kind === 'all') return 'all traffic';
  if (range.kind === 'range') return range.from === range.to ? `port ${range.from}` : `ports ${range.from}-${range.to}`;
  return 'traffic';
}

export default createRule({
  meta: {
    id: 'net/service-to-service-ingress',
    title: 'ECS services must accept traffic from the security groups of their callers, not from VPC-wide CIDR ranges',
    severity: 'medium',
    seedPoints: ['NET-3'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports ingress rules of a security group that an ECS service uses for its tasks (`AWS::ECS::Service` `NetworkConfiguration.AwsvpcConfiguration.SecurityGroups`, `aws_ecs_service` `network_configuration.security_groups`) whose source is a CIDR range rather than a security group: an IPv4 range of /16 or wider (`10.0.0.0/8`, `10.0.0.0/16`, `172.16.0.0/12`...), an IPv6 range of /56 or wider, the CIDR block of the group\'s VPC, or a reference to a VPC CIDR block (`!GetAtt Vpc.CidrBlock`, `aws_vpc.main.cidr_block`, `module.vpc.vpc_cidr_block`). Inline rules and standalone rules (`AWS::EC2::SecurityGroupIngress`, `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`) are covered. World-open sources (0.0.0.0/0, ::/0) are left to net/no-public-ingress.',
    rationale:
      'East-west traffic must be allowed explicitly: a task should accept connections only from the services that call it. A VPC-wide CIDR lets every workload in the VPC (other services, build agents, a compromised container, peered networks) reach the service, so one compromised task can move laterally to all of them. Security group references follow the tasks wherever they run and name the caller precisely.',
    remediation:
      'Replace the CIDR source by the security group of the callers: `SourceSecurityGroupId` (CloudFormation), `source_security_group_id` / `security_groups` (Terraform `aws_security_group_rule` / inline `ingress`) or `referenced_security_group_id` (`aws_vpc_security_group_ingress_rule`), e.g. the load balancer\'s group for the container port. If a range is really trusted (a VPN, a peered management network), list it in `trustedCidrs`.',
    limitations:
      'Sources inside a range of `trustedCidrs` (configuration) are accepted. Only the security groups of ECS services in the scan are checked; a group whose users are elsewhere is not. CIDRs narrower than /16 are reported only when they equal the CIDR block of the group\'s VPC as written in the scan: a subnet CIDR (e.g. the subnets of a Network Load Balancer without security groups) is accepted. Values from parameters or unresolved expressions other than VPC CIDR references are unknown and not reported. Prefix lists and security group sources are accepted.',
    references: {
      peers: [],
      frameworks: [],
      links: [
        'https://docs.aws.amazon.com/AmazonECS/latest/bestpracticesguide/security-network.html',
        'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-referencing',
      ],
    },
  },
  appliesTo: (resource) => (resource.artifact === 'cloudformation' || resource.artifact === 'terraform') && INGRESS_TYPES.has(resource.type),
  check({ resource, graph, settings, report }) {
    for (const rule of ingressRules(graph, resource)) {
      if (rule.group === 'unknown' || rule.cidrs.length === 0) continue;
      const group = rule.group;
      const services = servicesUsing(graph, group);
      if (services.length === 0) continue;
      const users = services.map((service) => service.name).join(', ');
      const what = `The security group ${group.name} of the ECS service${services.length > 1 ? 's' : ''} ${users}`;
      const fix = 'allow the callers\' security groups (SourceSecurityGroupId / source_security_group_id / referenced_security_group_id) instead.';
      for (const cidr of rule.cidrs) {
        const value = cidr.value;
        if (isUnknown(value)) {
          if (isVpcCidrReference(value, graph)) {
            report({ path: cidr.path, message: `${what} allows ${describePorts(rule)} from the whole VPC CIDR block: every workload in the VPC can reach it; ${fix}` });
          }
          continue;
        }
        if (typeof value !== 'string' || isWorldCidr(value)) continue;
        const text = value.trim();
        if (isTrustedCidr(text, settings.trustedCidrs)) continue;
        const parsed = prefixLength(text);
        if (!parsed) continue;
        const wide = parsed.v6 ? parsed.prefix <= MAX_IPV6_PREFIX : parsed.prefix <= MAX_IPV4_PREFIX;
        const isVpc = !wide && text === vpcCidr(graph, group);
        if (!wide && !isVpc) continue;
        report({
          path: cidr.path,
          message: `${what} allows ${describePorts(rule)} from ${text}${isVpc ? ', the CIDR block of its VPC' : ''}: every workload in that range can reach it; ${fix}`,
        });
      }
    }
  },
});
