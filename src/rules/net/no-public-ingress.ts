import { coverWholeInternet, describeBroadRange, describeWorldCidr, INGRESS_TYPES, ingressRules, isUdpOnly, isWorldCidr, LOAD_BALANCER_TYPES, openNetworkLoadBalancersInFront, portRange, securityGroupAttachments, type IngressRule } from '../../graph/network.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { Resource } from '../../model/types.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';
import { broadInternetRange, isTrustedCidr } from '../../util/cidr.js';

const ADMIN_PORTS: readonly { port: number; name: string }[] = [
  { port: 22, name: 'SSH' },
  { port: 3389, name: 'RDP' },
];
const WEB_PORTS: ReadonlySet<number> = new Set([80, 443]);

/**
 * What runs workloads behind a security group: instances, the templates and configurations that launch them, ECS
 * tasks (services, task sets), network interfaces, fleets and Batch environments. A group shared by an
 * internet-facing load balancer and one of these lets the internet reach the hosts or tasks directly.
 */
const COMPUTE_TYPES: ReadonlySet<string> = new Set([
  'AWS::EC2::Instance',
  'AWS::EC2::LaunchTemplate',
  'AWS::AutoScaling::LaunchConfiguration',
  'AWS::EC2::SpotFleet',
  'AWS::EC2::NetworkInterface',
  'AWS::ECS::Service',
  'AWS::ECS::TaskSet',
  'AWS::Batch::ComputeEnvironment',
  'aws_instance',
  'aws_spot_instance_request',
  'aws_launch_template',
  'aws_launch_configuration',
  'aws_network_interface',
  'aws_network_interface_sg_attachment',
  'aws_ecs_service',
  'aws_ecs_task_set',
  'aws_batch_compute_environment',
]);

const describeResources = (resources: Resource[]): string => resources.map((resource) => `${resource.type} ${resource.name}`).join(', ');

function describePorts(range: ReturnType<typeof portRange>, udp: boolean): string {
  const kind = udp ? 'UDP ' : '';
  if (range.kind === 'all') return `all ${kind}ports`;
  if (range.kind === 'range') return range.from === range.to ? `${kind}port ${range.from}` : `${kind}ports ${range.from}-${range.to}`;
  return 'the ports of this rule';
}

type Verdict = { severity: 'critical' | 'high' | 'medium'; message: string } | undefined;

/**
 * When every user of the group is an ECS service behind an internet-facing Network Load Balancer without security
 * groups, and the rule opens only the container ports those balancers reach: the verdict for that design, which
 * cannot admit the clients otherwise.
 */
function behindOpenNetworkLoadBalancer(graph: ResourceGraph, users: readonly Resource[], rule: IngressRule, ports: string, cidr: string): Verdict {
  const range = portRange(rule);
  if (users.length === 0 || range.kind !== 'range') return undefined;
  // The listeners must carry the rule's protocol: TCP (and TLS) for a TCP rule, UDP for a UDP one.
  const carried = isUdpOnly(rule.protocol) ? ['UDP', 'TCP_UDP'] : ['TCP', 'TLS', 'TCP_UDP'];
  const balancers = new Set<string>();
  const reached = new Set<number>();
  for (const user of users) {
    const front = openNetworkLoadBalancersInFront(graph, user);
    if (!front || !front.protocols.some((protocol) => carried.includes(protocol))) return undefined;
    for (const balancer of front.balancers) balancers.add(balancer.name);
    for (const port of front.ports) reached.add(port);
  }
  for (let port = range.from; port <= range.to; port++) if (!reached.has(port)) return undefined;
  return {
    severity: 'medium',
    message: `The security group rule allows ${ports} from ${cidr} to ${describeResources([...users])}, the target of the internet-facing network load balancer ${[...balancers].join(', ')}, which has no security groups to filter clients or to be named here: the internet reaches the tasks on this port through it in any case, and the rule also opens them to every network routed into the VPC. Recreate the load balancer with a security group (one created without cannot get one later) and admit only that group; until then, admit the VPC's CIDR when client IP preservation is off (the default for IP targets over TCP and TLS).`,
  };
}

/**
 * A group used only by internal load balancers (no public address; a load balancer serves only its listener
 * ports, never SSH): the rule opens them to every network routed into the VPC. Medium.
 */
function internalBalancersOnly(attachments: ReturnType<typeof securityGroupAttachments> | undefined, ports: string, cidr: string, advice: string): Verdict {
  if (!attachments || attachments.publicLoadBalancers.length > 0 || attachments.others.length === 0) return undefined;
  if (!attachments.others.every((resource) => LOAD_BALANCER_TYPES.has(resource.type))) return undefined;
  return {
    severity: 'medium',
    message: `The security group rule allows ${ports} from ${cidr} to the internal load balancer ${describeResources(attachments.others)}: every network routed into the VPC (peered VPCs, VPN, Transit Gateway, Direct Connect) reaches it; ${advice}.`,
  };
}

function judge(rule: IngressRule, cidr: string, attachmentsOf: (group: IngressRule['group']) => ReturnType<typeof securityGroupAttachments> | undefined, graph: ResourceGraph): Verdict {
  const range = portRange(rule);
  if (range.kind === 'unknown' || range.kind === 'other') return undefined;
  const udp = isUdpOnly(rule.protocol);
  const ports = describePorts(range, udp);
  const admin = udp ? [] : ADMIN_PORTS.filter(({ port }) => range.kind === 'all' || (range.from <= port && port <= range.to));
  if (admin.length > 0) {
    // The group of an internet-facing load balancer (and nothing else): only its listener ports are reachable,
    // so this is a too-wide rule rather than SSH / RDP exposure.
    const attachments = attachmentsOf(rule.group);
    // Internal load balancers next to the internet-facing ones are load balancers too: no SSH behind them.
    if (attachments && attachments.publicLoadBalancers.length > 0 && attachments.others.every((resource) => LOAD_BALANCER_TYPES.has(resource.type))) {
      const balancers = [...attachments.publicLoadBalancers, ...attachments.others].map((resource) => resource.name).join(', ');
      return {
        severity: 'medium',
        message: `The security group of the internet-facing load balancer ${balancers} allows ${ports} from ${cidr}: allow only the listener ports (80/443).`,
      };
    }
    const internal = internalBalancersOnly(attachments, ports, cidr, 'allow only the listener ports, from the callers\' CIDRs or security groups');
    if (internal) return internal;
    const names = admin.map(({ name, port }) => `${name} (${port})`).join(' and ');
    const exactly = range.kind === 'range' && range.from === range.to;
    return {
      severity: 'critical',
      message: `The security group rule allows ${exactly ? names : `${ports} (${names} included)`} from ${cidr}: administrative access must never be open to the internet.`,
    };
  }
  if (range.kind === 'range' && range.from === range.to && WEB_PORTS.has(range.from)) {
    // 80/443 from the world is the job of an internet-facing load balancer's group; decide only when known.
    const attachments = attachmentsOf(rule.group);
    if (!attachments || attachments.others.length === 0) return undefined;
    if (attachments.publicLoadBalancers.length > 0) {
      // The load balancer's group is also the hosts' or the tasks' group: the internet reaches them directly.
      const compute = attachments.others.filter((resource) => COMPUTE_TYPES.has(resource.type));
      if (compute.length === 0) return undefined;
      const balancers = attachments.publicLoadBalancers.map((resource) => resource.name).join(', ');
      return {
        severity: 'high',
        message: `The security group rule allows ${ports} from ${cidr} for the internet-facing load balancer ${balancers}, but the same group is also attached to ${describeResources(compute)}: the internet reaches those hosts or tasks directly, bypassing the load balancer. Give the load balancer a group of its own and let the workloads' group allow traffic only from it.`,
      };
    }
    const internal = internalBalancersOnly(attachments, ports, cidr, 'allow the VPC\'s CIDR, the callers\' CIDRs or their security groups instead');
    if (internal) return internal;
    const users = describeResources(attachments.others);
    return (
      behindOpenNetworkLoadBalancer(graph, attachments.others, rule, ports, cidr) ?? {
        severity: 'high',
        message: `The security group rule allows ${ports} from ${cidr}, but the group is used by ${users}, not by an internet-facing load balancer: only a load balancer should take traffic from the internet.`,
      }
    );
  }
  const attachments = attachmentsOf(rule.group);
  if (attachments && attachments.publicLoadBalancers.length > 0 && attachments.others.length === 0) {
    const balancers = attachments.publicLoadBalancers.map((resource) => resource.name).join(', ');
    return {
      severity: 'medium',
      message: `The security group of the internet-facing load balancer ${balancers} allows ${ports} from ${cidr}: only 80/443 should face the internet; serve the application on a 443 listener.`,
    };
  }
  const internal = internalBalancersOnly(attachments, ports, cidr, 'allow only the listener ports, from the callers\' CIDRs or security groups');
  if (internal) return internal;
  const nlb = attachments && attachments.publicLoadBalancers.length === 0 ? behindOpenNetworkLoadBalancer(graph, attachments.others, rule, ports, cidr) : undefined;
  return (
    nlb ?? {
      severity: 'high',
      message: `The security group rule allows ${ports} from ${cidr}: only 80/443 on an internet-facing load balancer may be open to the internet.`,
    }
  );
}

export default createRule({
  meta: {
    id: 'net/no-public-ingress',
    title: 'Security groups must not allow ingress from the internet except 80/443 to an internet-facing load balancer',
    severity: 'high',
    otherSeverities: ['critical', 'medium'],
    seedPoints: ['NET-2'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports security group ingress rules whose source is the whole internet (any IPv4 or IPv6 CIDR with a /0 prefix: 0.0.0.0/0, ::/0, but also 192.168.1.0/0, which AWS reads as 0.0.0.0/0), one level lower (high instead of critical, medium instead of high) those whose source is a large part of it (an IPv4 /1 to /8 or IPv6 /1 to /16 range outside private, shared, loopback, link-local, multicast and reserved blocks: `3.0.0.0/8`, `0.0.0.0/1`; ranges of one rule that together cover every address, `0.0.0.0/1` with `128.0.0.0/1`, are judged as the whole internet): on SSH (22) or RDP (3389), or on all ports (critical, unless the group belongs only to load balancers, which expose only their listener ports: medium); on any other TCP/UDP port except 80 and 443 (medium when the group belongs only to load balancers); and on 80 or 443 when the group is known to be used only by something else than an internet-facing load balancer (an ECS service, an instance; medium for internal load balancers, which no internet route reaches but every network routed into the VPC does), or when the group of an internet-facing load balancer is also attached to instances, launch templates / configurations, ECS services / task sets, network interfaces or Batch environments (the hosts then take traffic from the internet directly). A group used only by ECS services whose tasks have no public IP and are targets of internet-facing network load balancers without security groups, opened only on the container ports and protocol those reach, is medium: such a balancer filters nothing and cannot be named as a source, so the finding asks for a balancer with a security group. Covers `AWS::EC2::SecurityGroup` `SecurityGroupIngress`, standalone `AWS::EC2::SecurityGroupIngress`, Terraform `aws_security_group` `ingress` blocks, `aws_security_group_rule` (type ingress) and `aws_vpc_security_group_ingress_rule`.',
    rationale:
      'A security group is the last network control in front of a task or an instance. Administrative ports open to the internet are scanned and brute-forced within minutes of exposure; any other port open to the world exposes a back end directly, bypassing the load balancer, its TLS termination and its WAF. Only the load balancer of a public service needs 80/443 from anywhere; the tasks behind it should accept traffic only from the load balancer\'s security group.',
    remediation:
      'Use a source security group (`SourceSecurityGroupId` / `source_security_group_id` / `referenced_security_group_id`), a prefix list or specific CIDRs (office, VPN, CI egress) instead of 0.0.0.0/0 and ::/0. Use SSM Session Manager instead of SSH / RDP from the internet. Expose services through an internet-facing load balancer whose group allows 80/443 and let the tasks\' group allow only the container port from the load balancer\'s group.',
    limitations:
      'Ports and CIDRs given by CloudFormation parameters without a `Default` or Terraform variables without a value, or by other unresolved expressions, are unknown and not reported (a `Default` is taken as the deployed value, as everywhere in the scan, and the finding names the parameter). Whether a group open on 80/443 sits in front of an internet-facing load balancer is decided only when the scan holds what uses the group; otherwise it is not reported. CIDRs inside a range of `trustedCidrs` (configuration) are accepted: listing `0.0.0.0/0` there turns the rule off. Network ACLs are not checked by this rule. Protocols other than TCP, UDP and "all" (ICMP, ESP...) are not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0107' },
        { tool: 'checkov', id: 'CKV_AWS_24' },
        { tool: 'checkov', id: 'CKV_AWS_25' },
        { tool: 'checkov', id: 'CKV_AWS_277' },
        { tool: 'cdk-nag', id: 'AwsSolutions-EC23' },
        { tool: 'prowler', id: 'ec2_securitygroup_allow_ingress_from_internet_to_any_port' },
        { tool: 'prowler', id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22' },
        { tool: 'prowler', id: 'ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'EC2.13' },
        { framework: 'AWS FSBP', id: 'EC2.14' },
        { framework: 'AWS FSBP', id: 'EC2.18' },
        { framework: 'AWS FSBP', id: 'EC2.19' },
        { framework: 'AWS FSBP', id: 'EC2.53' },
        { framework: 'AWS FSBP', id: 'EC2.54' },
      ],
      links: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
    },
  },
  appliesTo: (resource) => (resource.artifact === 'cloudformation' || resource.artifact === 'terraform') && INGRESS_TYPES.has(resource.type),
  check({ resource, graph, settings, report }) {
    const attachmentsOf = (group: IngressRule['group']): ReturnType<typeof securityGroupAttachments> | undefined =>
      group === 'unknown' ? undefined : securityGroupAttachments(graph, group);
    for (const rule of ingressRules(graph, resource)) {
      // `0.0.0.0/1` with `128.0.0.0/1`: together the whole internet, judged as such.
      const untrusted = rule.cidrs.filter((cidr) => !(typeof cidr.value === 'string' && isTrustedCidr(cidr.value, settings.trustedCidrs)));
      const whole = untrusted.length > 1 && coverWholeInternet(untrusted.map((cidr) => cidr.value));
      for (const cidr of rule.cidrs) {
        if (isUnknown(cidr.value) || typeof cidr.value !== 'string' || isTrustedCidr(cidr.value, settings.trustedCidrs)) continue;
        if (isWorldCidr(cidr.value)) {
          const verdict = judge(rule, describeWorldCidr(cidr.value), attachmentsOf, graph);
          if (verdict) report({ path: cidr.path, message: verdict.message, severity: verdict.severity });
          continue;
        }
        // Not the whole internet, but a large part of it (`3.0.0.0/8`, `0.0.0.0/1` with `128.0.0.0/1`): one level lower.
        const broad = broadInternetRange(cidr.value);
        const described = broad && (whole ? `${cidr.value.trim()} (with the rule's other ranges, the whole internet)` : describeBroadRange(cidr.value, broad));
        const verdict = described ? judge(rule, described, attachmentsOf, graph) : undefined;
        if (verdict) report({ path: cidr.path, message: verdict.message, severity: whole ? verdict.severity : verdict.severity === 'critical' ? 'high' : 'medium' });
      }
    }
  },
});
