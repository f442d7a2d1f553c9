import { propsOf, terraformReferences, terraformResourcesAt, terraformRoot, type Props } from './aws.js';
import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { asArray, asBoolean, getPath, isObject } from '../util/json.js';
import { isUnresolved } from '../util/template.js';
import { isUnknown } from '../util/unknown.js';
import { referencedResources, referrers } from './cloudformation.js';
import type { ResourceGraph } from './graph.js';
import { holdsAllGlobalUnicast, parseCidr, type Cidr } from '../util/cidr.js';

/**
 * The network side of the AWS resource graph, for CloudFormation and Terraform alike:
 * - `propsOf(resource)`: the attribute object of a resource (CloudFormation `Properties`, a Terraform body) and
 *   its path inside the body;
 * - `targetsOf(graph, from, path)`: the resources that the value at `path` of `from` refers to (CloudFormation
 *   Ref / GetAtt / ImportValue, Terraform references), `'unknown'` when it refers to something not in the scan;
 * - `referrersOf(graph, target)`: resources whose body refers to `target`, with the path of the reference
 *   (Terraform) when known;
 * - `ingressRules(graph, resource)`: the ingress rules a security group or a standalone ingress resource
 *   declares (`AWS::EC2::SecurityGroup` `SecurityGroupIngress`, `AWS::EC2::SecurityGroupIngress`,
 *   `aws_security_group` `ingress`, `aws_security_group_rule` of type ingress,
 *   `aws_vpc_security_group_ingress_rule`), with the security group each belongs to;
 * - `securityGroupAttachments(graph, group)`: what uses a security group, internet-facing load balancers told
 *   apart;
 * - `isInternetFacingLoadBalancer(resource)`: `Scheme` / `internal` with their defaults (internet-facing);
 * - `openNetworkLoadBalancersInFront(graph, service)`: internet-facing NLBs without security groups that forward
 *   to an ECS service.
 */

/** Terraform's `aws_default_security_group` takes over a VPC's default group, with the same arguments as `aws_security_group`. */
export const SECURITY_GROUP_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::SecurityGroup', 'aws_security_group', 'aws_default_security_group']);
export const INGRESS_TYPES: ReadonlySet<string> = new Set([
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'aws_security_group',
  'aws_default_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
]);
const RULE_TYPES: ReadonlySet<string> = new Set([
  ...INGRESS_TYPES,
  'AWS::EC2::SecurityGroupEgress',
  'aws_vpc_security_group_egress_rule',
]);
export const LOAD_BALANCER_TYPES: ReadonlySet<string> = new Set([
  'AWS::ElasticLoadBalancingV2::LoadBalancer',
  'AWS::ElasticLoadBalancing::LoadBalancer',
  'aws_lb',
  'aws_alb',
  'aws_elb',
]);
export const LISTENER_TYPES: ReadonlySet<string> = new Set(['AWS::ElasticLoadBalancingV2::Listener', 'aws_lb_listener', 'aws_alb_listener']);

export { propsOf, type Props };

/** The first element of a Terraform nested block (`network_configuration: [{...}]`), or the object itself. */
export function firstBlock(value: JsonValue | undefined): { block: JsonObject; index: number | undefined } | undefined {
  if (Array.isArray(value)) {
    const first = value[0];
    return isObject(first) && !isUnknown(first) ? { block: first, index: 0 } : undefined;
  }
  return isObject(value) && !isUnknown(value) ? { block: value, index: undefined } : undefined;
}

/** A resource that refers to another; `maybe`: through a filtered or keyed use of a whole collection (`subset`). */
interface Referrer {
  resource: Resource;
  path: NodePath;
  maybe?: true;
}

interface TerraformIndex {
  referrers: Map<Resource, Referrer[]>;
}

function tfIndex(graph: ResourceGraph): TerraformIndex {
  return graph.memo('network:terraform-index', () => {
    const referrerMap = new Map<Resource, Referrer[]>();
    for (const resource of graph.resources) {
      if (resource.artifact !== 'terraform') continue;
      for (const reference of terraformReferences(resource)) {
        const targets = terraformResourcesAt(graph, terraformRoot(resource), reference.address);
        const maybe = reference.subset === true && targets.length > 1;
        for (const target of targets) {
          if (target === resource) continue;
          let list = referrerMap.get(target);
          if (!list) referrerMap.set(target, (list = []));
          list.push(maybe ? { resource, path: reference.path, maybe } : { resource, path: reference.path });
        }
      }
    }
    return { referrers: referrerMap };
  });
}

function startsWith(path: NodePath, prefix: NodePath): boolean {
  return prefix.every((segment, index) => path[index] === segment);
}

/**
 * Resources that the value at `path` (inside `from`'s body) refers to. `'unknown'` when the value is (or holds)
 * a reference or an unresolved value that leads to no scanned resource; `[]` for a literal (an `sg-...` id).
 */
export function targetsOf(graph: ResourceGraph, from: Resource, path: NodePath): Resource[] | 'unknown' {
  let value: JsonValue | undefined = from.body;
  for (const segment of path) {
    if (typeof segment === 'number') value = Array.isArray(value) ? value[segment] : undefined;
    else value = isObject(value) ? value[segment] : undefined;
  }
  if (value === undefined) return [];
  if (from.artifact === 'cloudformation') {
    const found = referencedResources(graph, from, value);
    if (found.length > 0) return found;
    return containsUnknown(value) ? 'unknown' : [];
  }
  if (from.artifact === 'terraform') {
    const found = new Set<Resource>();
    for (const reference of terraformReferences(from)) {
      if (!startsWith(reference.path, path)) continue;
      const targets = terraformResourcesAt(graph, terraformRoot(from), reference.address);
      // A filtered or keyed use of a whole collection (`[for k, s in aws_subnet.main : s.id if ...]`): which of
      // its instances are used is unknown.
      if (reference.subset && targets.length > 1) return 'unknown';
      for (const target of targets) found.add(target);
    }
    if (found.size > 0) return [...found];
    return containsUnknown(value) ? 'unknown' : [];
  }
  return [];
}

function containsUnknown(value: JsonValue | undefined, depth = 0): boolean {
  if (isUnknown(value)) return true;
  if (depth > 16) return false;
  if (Array.isArray(value)) return value.some((item) => containsUnknown(item, depth + 1));
  return false;
}

/** Resources whose body refers to `target`, with the Terraform path of the reference (CloudFormation: none). */
export function referrersOf(graph: ResourceGraph, target: Resource): { resource: Resource; path: NodePath | undefined; maybe?: true }[] {
  if (target.artifact === 'cloudformation') return referrers(graph, target).map((resource) => ({ resource, path: undefined }));
  if (target.artifact === 'terraform') return tfIndex(graph).referrers.get(target) ?? [];
  return [];
}

/**
 * A CIDR that covers the whole internet: any IPv4 or IPv6 block with a `/0` prefix, and an IPv6 block holding all of
 * global unicast (`2000::/3`: every routable IPv6 address). The address bits of a `/0` are ignored (AWS accepts
 * `192.168.1.0/0` and it means 0.0.0.0/0), so every spelling counts, not only `0.0.0.0/0` and `::/0`.
 */
export function isWorldCidr(value: JsonValue | undefined): boolean {
  if (typeof value !== 'string' || !value.includes('/')) return false;
  const parsed = parseCidr(value);
  return parsed !== undefined && (parsed.prefix === 0 || holdsAllGlobalUnicast(parsed));
}

/**
 * True when the CIDRs of one list together cover every IPv4 or every IPv6 address (`0.0.0.0/1` with
 * `128.0.0.0/1`): the list is as open as 0.0.0.0/0. Entries that are not CIDRs count for nothing.
 */
export function coverWholeInternet(values: readonly JsonValue[]): boolean {
  for (const version of [4, 6] as const) {
    const ranges = values
      .map((value) => (typeof value === 'string' ? parseCidr(value) : undefined))
      .filter((cidr): cidr is Cidr => cidr?.version === version)
      .map((cidr) => ({ start: cidr.network, end: cidr.network + (1n << BigInt((version === 4 ? 32 : 128) - cidr.prefix)) }))
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let covered = 0n;
    for (const range of ranges) {
      if (range.start > covered) break;
      if (range.end > covered) covered = range.end;
    }
    if (covered === 1n << BigInt(version === 4 ? 32 : 128)) return true;
  }
  return false;
}

/** `3.0.0.0/8 (1/256 of all IPv4 addresses, a large part of the internet)`: a range `broadInternetRange` accepts. */
export function describeBroadRange(text: string, cidr: Cidr): string {
  return `${text.trim()} (1/${(2n ** BigInt(cidr.prefix)).toLocaleString('en-US')} of all IPv${cidr.version} addresses, a large part of the internet)`;
}

/** `192.168.1.0/0 (the whole internet: a /0 prefix ignores the address)` for unusual spellings, else the CIDR. */
export function describeWorldCidr(cidr: string): string {
  const text = cidr.trim();
  if (/^(0\.0\.0\.0\/0|::\/0|::0\/0|0:0:0:0:0:0:0:0\/0)$/.test(text)) return text;
  if (parseCidr(text)?.prefix !== 0) return `${text} (every globally routable IPv6 address: the whole IPv6 internet)`;
  return `${text} (the whole internet: a /0 prefix ignores the address)`;
}

export interface IngressRule {
  /** Path of the rule inside the checked resource's body. */
  path: NodePath;
  /** Source CIDRs with their paths. */
  cidrs: { value: JsonValue; path: NodePath }[];
  protocol: JsonValue | undefined;
  fromPort: JsonValue | undefined;
  toPort: JsonValue | undefined;
  /** The security group the rule belongs to: the resource itself, the one a standalone rule names, or unknown. */
  group: Resource | 'unknown';
}

function cidrList(props: JsonObject, base: NodePath, keys: readonly string[]): { value: JsonValue; path: NodePath }[] {
  const out: { value: JsonValue; path: NodePath }[] = [];
  for (const key of keys) {
    const value = props[key];
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((item, index) => out.push({ value: item, path: [...base, key, index] }));
    else out.push({ value, path: [...base, key] });
  }
  return out;
}

function standaloneGroup(graph: ResourceGraph, resource: Resource, path: NodePath): Resource | 'unknown' {
  const found = targetsOf(graph, resource, path);
  if (found === 'unknown') return 'unknown';
  const groups = found.filter((target) => SECURITY_GROUP_TYPES.has(target.type));
  return groups.length === 1 && groups[0] ? groups[0] : 'unknown';
}

/**
 * The inline rules of an `AWS::EC2::SecurityGroup` list property (`SecurityGroupIngress`, `SecurityGroupEgress`)
 * with their paths. A single rule object written without the list is read as a list of one, as cfn_nag does:
 * such a rule must not pass unseen.
 */
export function inlineRuleEntries(props: JsonObject, path: NodePath, key: string): Array<{ entry: JsonObject; path: NodePath }> {
  const list = props[key];
  if (isObject(list)) return isUnknown(list) ? [] : [{ entry: list, path: [...path, key] }];
  const entries: Array<{ entry: JsonObject; path: NodePath }> = [];
  asArray(list).forEach((entry, index) => {
    if (isObject(entry) && !isUnknown(entry)) entries.push({ entry, path: [...path, key, index] });
  });
  return entries;
}

/** The ingress rules a security group or a standalone ingress resource declares. */
export function ingressRules(graph: ResourceGraph, resource: Resource): IngressRule[] {
  const { props, path } = propsOf(resource);
  const rules: IngressRule[] = [];
  switch (resource.type) {
    case 'AWS::EC2::SecurityGroup': {
      for (const { entry, path: base } of inlineRuleEntries(props, path, 'SecurityGroupIngress')) {
        rules.push({
          path: base,
          cidrs: cidrList(entry, base, ['CidrIp', 'CidrIpv6']),
          protocol: entry.IpProtocol,
          fromPort: entry.FromPort,
          toPort: entry.ToPort,
          group: resource,
        });
      }
      break;
    }
    case 'AWS::EC2::SecurityGroupIngress':
      rules.push({
        path,
        cidrs: cidrList(props, path, ['CidrIp', 'CidrIpv6']),
        protocol: props.IpProtocol,
        fromPort: props.FromPort,
        toPort: props.ToPort,
        group: standaloneGroup(graph, resource, [...path, props.GroupId !== undefined ? 'GroupId' : 'GroupName']),
      });
      break;
    case 'aws_security_group':
    case 'aws_default_security_group': {
      const list = props.ingress;
      if (!Array.isArray(list)) break;
      list.forEach((entry, index) => {
        if (!isObject(entry) || isUnknown(entry)) return;
        const base = ['ingress', index];
        rules.push({
          path: base,
          cidrs: cidrList(entry, base, ['cidr_blocks', 'ipv6_cidr_blocks']),
          protocol: entry.protocol,
          fromPort: entry.from_port,
          toPort: entry.to_port,
          group: resource,
        });
      });
      break;
    }
    case 'aws_security_group_rule':
      if (props.type !== 'ingress') break;
      rules.push({
        path: [],
        cidrs: cidrList(props, [], ['cidr_blocks', 'ipv6_cidr_blocks']),
        protocol: props.protocol,
        fromPort: props.from_port,
        toPort: props.to_port,
        group: standaloneGroup(graph, resource, ['security_group_id']),
      });
      break;
    case 'aws_vpc_security_group_ingress_rule':
      rules.push({
        path: [],
        cidrs: cidrList(props, [], ['cidr_ipv4', 'cidr_ipv6']),
        protocol: props.ip_protocol,
        fromPort: props.from_port,
        toPort: props.to_port,
        group: standaloneGroup(graph, resource, ['security_group_id']),
      });
      break;
    default:
      break;
  }
  return rules;
}

export type PortRange = { kind: 'all' } | { kind: 'range'; from: number; to: number } | { kind: 'other' } | { kind: 'unknown' };

function asNumber(value: JsonValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

/**
 * The ports a rule opens: all (protocol -1 / all), a TCP / UDP range, other (another protocol such as ICMP or
 * ESP, or a range starting above its end, which EC2 rejects: no port is opened), or unknown.
 */
export function portRange(rule: Pick<IngressRule, 'protocol' | 'fromPort' | 'toPort'>): PortRange {
  if (isUnknown(rule.protocol) || isUnknown(rule.fromPort) || isUnknown(rule.toPort)) return { kind: 'unknown' };
  const protocol = typeof rule.protocol === 'number' ? String(rule.protocol) : typeof rule.protocol === 'string' ? rule.protocol.trim().toLowerCase() : undefined;
  if (protocol === undefined) return { kind: 'unknown' };
  if (protocol === '-1' || protocol === 'all') return { kind: 'all' };
  if (!['tcp', 'udp', '6', '17'].includes(protocol)) return { kind: 'other' };
  if (rule.fromPort === undefined && rule.toPort === undefined) return { kind: 'all' };
  // One port alone: EC2 rejects the rule, but what it means to open is that port (cdk-nag and Checkov read it so).
  const from = asNumber(rule.fromPort === undefined ? rule.toPort : rule.fromPort);
  const to = asNumber(rule.toPort === undefined ? rule.fromPort : rule.toPort);
  if (from === undefined || to === undefined) return { kind: 'unknown' };
  if (from === -1 || (from <= 0 && to >= 65535)) return { kind: 'all' };
  if (from > to) return { kind: 'other' };
  return { kind: 'range', from, to };
}

/** A rule for UDP alone (`udp` / `17`): SSH and RDP, which need TCP, are not reachable through it. */
export function isUdpOnly(protocol: JsonValue | undefined): boolean {
  const value = typeof protocol === 'number' ? String(protocol) : typeof protocol === 'string' ? protocol.trim().toLowerCase() : undefined;
  return value === 'udp' || value === '17';
}

/** A load balancer that faces the internet: `Scheme` missing or `internet-facing`; Terraform `internal` not true. */
export function isInternetFacingLoadBalancer(resource: Resource): boolean | 'unknown' {
  const { props } = propsOf(resource);
  if (resource.artifact === 'cloudformation') {
    const scheme = props.Scheme;
    if (scheme === undefined) return true;
    if (typeof scheme !== 'string') return 'unknown';
    return scheme !== 'internal';
  }
  const internal = props.internal;
  if (internal === undefined) return true;
  const value = asBoolean(internal);
  return value === undefined ? 'unknown' : !value;
}

/** An internet-facing Network Load Balancer created without security groups (it can never get one). */
function isOpenNetworkLoadBalancer(resource: Resource): boolean | 'unknown' {
  if (!LOAD_BALANCER_TYPES.has(resource.type)) return false;
  const { props } = propsOf(resource);
  const tf = resource.artifact === 'terraform';
  const type = props[tf ? 'load_balancer_type' : 'Type'];
  if (isUnknown(type)) return 'unknown';
  if (type !== 'network') return false;
  const groups = props[tf ? 'security_groups' : 'SecurityGroups'];
  if (groups !== undefined && !(Array.isArray(groups) && groups.length === 0)) return isUnknown(groups) ? 'unknown' : false;
  return isInternetFacingLoadBalancer(resource);
}

/** Whether an ECS service's tasks get no public IP address: `AssignPublicIp` / `assign_public_ip` left out or off. */
function tasksArePrivate(service: Resource): boolean {
  const { props } = propsOf(service);
  if (service.artifact === 'terraform') {
    const network = firstBlock(props.network_configuration);
    const assign = network?.block.assign_public_ip;
    return network !== undefined && (assign === undefined || asBoolean(assign) === false);
  }
  const awsvpc = getPath(props, ['NetworkConfiguration', 'AwsvpcConfiguration']);
  const assign = isObject(awsvpc) ? awsvpc.AssignPublicIp : undefined;
  return isObject(awsvpc) && (assign === undefined || assign === 'DISABLED');
}

/**
 * The internet-facing Network Load Balancers without security groups that forward to an ECS service whose tasks
 * have no public IP, the container ports and the listener protocols they reach: service -> its target groups
 * (`LoadBalancers` / `load_balancer`) -> the listeners that forward to them -> their load balancer. Such a
 * balancer passes the clients' own addresses on and filters nothing, so the tasks' security group has to admit the
 * clients themselves. Undefined when the service has no such balancer in front, or when a link is unknown.
 */
export function openNetworkLoadBalancersInFront(graph: ResourceGraph, service: Resource): { balancers: Resource[]; ports: number[]; protocols: string[] } | undefined {
  if ((service.type !== 'AWS::ECS::Service' && service.type !== 'aws_ecs_service') || !tasksArePrivate(service)) return undefined;
  const tf = service.artifact === 'terraform';
  const { props, path } = propsOf(service);
  const list = tf ? 'load_balancer' : 'LoadBalancers';
  const balancers = new Set<Resource>();
  const ports: number[] = [];
  const protocols = new Set<string>();
  const entries = asArray(props[list]);
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    if (!isObject(entry)) return undefined;
    const port = entry[tf ? 'container_port' : 'ContainerPort'];
    const groups = targetsOf(graph, service, [...path, list, index, tf ? 'target_group_arn' : 'TargetGroupArn']);
    if (groups === 'unknown' || groups.length === 0 || typeof port !== 'number' || !Number.isInteger(port)) return undefined;
    for (const group of groups) {
      const listeners = referrersOf(graph, group).filter(({ resource }) => LISTENER_TYPES.has(resource.type));
      if (listeners.length === 0) return undefined;
      for (const { resource: listener } of listeners) {
        const listenerProps = propsOf(listener);
        const targets = targetsOf(graph, listener, [...listenerProps.path, tf ? 'load_balancer_arn' : 'LoadBalancerArn']);
        const protocol = listenerProps.props[tf ? 'protocol' : 'Protocol'];
        if (targets === 'unknown' || targets.length !== 1 || typeof protocol !== 'string') return undefined;
        const [balancer] = targets;
        if (!balancer || isOpenNetworkLoadBalancer(balancer) !== true) return undefined;
        balancers.add(balancer);
        protocols.add(protocol.toUpperCase());
      }
    }
    ports.push(port);
  }
  return balancers.size === 0 ? undefined : { balancers: [...balancers], ports, protocols: [...protocols] };
}

export interface Attachments {
  /** Internet-facing (or possibly internet-facing) load balancers using the group. */
  publicLoadBalancers: Resource[];
  /** Anything else that uses the group (services, instances, internal load balancers...). */
  others: Resource[];
}

/** What uses a security group (referrers that are not security group rules). */
export function securityGroupAttachments(graph: ResourceGraph, group: Resource): Attachments {
  const out: Attachments = { publicLoadBalancers: [], others: [] };
  for (const { resource, path, maybe } of referrersOf(graph, group)) {
    // A filtered use of a collection of groups may not be this one: no claim either way.
    if (RULE_TYPES.has(resource.type) || maybe) continue;
    // A Terraform reference from a source-group position is not an attachment.
    if (path && path.some((segment) => segment === 'source_security_group_id' || segment === 'referenced_security_group_id')) continue;
    if (LOAD_BALANCER_TYPES.has(resource.type)) {
      const facing = isInternetFacingLoadBalancer(resource);
      if (facing !== false) {
        out.publicLoadBalancers.push(resource);
        continue;
      }
    }
    if (!out.others.includes(resource)) out.others.push(resource);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Subnets -> route tables -> routes; VPC endpoints per VPC.

/** `aws_default_subnet` adopts (or creates) the default subnet of an availability zone: a subnet like the others. */
export const SUBNET_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::Subnet', 'aws_subnet', 'aws_default_subnet']);

/** The subnet setting that gives a public IPv4 address to everything launched in the subnet. */
export interface PublicIpMapping {
  key: 'MapPublicIpOnLaunch' | 'map_public_ip_on_launch';
  /** Path of the setting; the subnet itself when the setting is left to its default. */
  path: NodePath;
  /** True when not written: `aws_default_subnet` maps public IPs unless told not to (provider default `true`, as AWS default subnets do). */
  byDefault: boolean;
}

/** How a subnet maps public IPv4 addresses on launch; undefined when it does not, or the value is unresolved. */
export function publicIpMapping(subnet: Resource): PublicIpMapping | undefined {
  if (!SUBNET_TYPES.has(subnet.type)) return undefined;
  const { props, path } = propsOf(subnet);
  const key = subnet.artifact === 'terraform' ? 'map_public_ip_on_launch' : 'MapPublicIpOnLaunch';
  const value = props[key];
  if (value === undefined && subnet.type === 'aws_default_subnet') return { key, path, byDefault: true };
  return asBoolean(value) === true ? { key, path: [...path, key], byDefault: false } : undefined;
}

/** How messages state a mapping: `map_public_ip_on_launch is true` / `... defaults to true for a default subnet`. */
export function describePublicIpMapping(mapping: PublicIpMapping): string {
  return mapping.byDefault ? `${mapping.key} is not set: true by default for aws_default_subnet` : `${mapping.key} is true`;
}
const VPC_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::VPC', 'aws_vpc']);
const ROUTE_TABLE_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::RouteTable', 'aws_route_table']);
const ASSOCIATION_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::SubnetRouteTableAssociation', 'aws_route_table_association']);
const ROUTE_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::Route', 'aws_route']);
const ENDPOINT_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::VPCEndpoint', 'aws_vpc_endpoint']);

/** Route targets that give a subnet a way out (internet gateway, NAT, transit gateway, NAT instance...). */
const CFN_ROUTE_TARGETS = ['GatewayId', 'NatGatewayId', 'TransitGatewayId', 'InstanceId', 'NetworkInterfaceId', 'VpcPeeringConnectionId', 'CarrierGatewayId', 'CoreNetworkArn', 'VpcEndpointId'];
const TF_ROUTE_TARGETS = ['gateway_id', 'nat_gateway_id', 'transit_gateway_id', 'instance_id', 'network_interface_id', 'vpc_peering_connection_id', 'carrier_gateway_id', 'core_network_arn', 'vpc_endpoint_id'];

function single(found: Resource[] | 'unknown', types: ReadonlySet<string>): Resource | 'unknown' | undefined {
  if (found === 'unknown') return 'unknown';
  const matching = found.filter((resource) => types.has(resource.type));
  if (matching.length === 1) return matching[0];
  return matching.length === 0 ? undefined : 'unknown';
}

/** The VPC a subnet (or an endpoint, a route table) belongs to; unknown when not in the scan. */
export function vpcOf(graph: ResourceGraph, resource: Resource): Resource | 'unknown' {
  const { path } = propsOf(resource);
  const key = resource.artifact === 'terraform' ? 'vpc_id' : 'VpcId';
  return single(targetsOf(graph, resource, [...path, key]), VPC_TYPES) ?? 'unknown';
}

/** A route with a destination of the whole internet (or one we cannot read): a way out. */
function isDefaultDestination(route: JsonObject, tf: boolean): boolean {
  const destinations = tf ? [route.cidr_block, route.ipv6_cidr_block, route.destination_cidr_block, route.destination_ipv6_cidr_block, route.destination_prefix_list_id] : [route.DestinationCidrBlock, route.DestinationIpv6CidrBlock, route.DestinationPrefixListId];
  const written = destinations.filter((value) => value !== undefined && value !== null && value !== '');
  if (written.length === 0) return false;
  return written.some((value) => isUnknown(value) || isWorldCidr(value) || (typeof value === 'string' && value.startsWith('pl-')));
}

function hasTarget(route: JsonObject, tf: boolean): boolean {
  return (tf ? TF_ROUTE_TARGETS : CFN_ROUTE_TARGETS).some((key) => route[key] !== undefined && route[key] !== null && route[key] !== '');
}

/**
 * The route tables of a subnet, one list per association (`AWS::EC2::SubnetRouteTableAssociation`,
 * `aws_route_table_association`) in the scan: empty when the association's route table cannot be followed.
 * No association: the VPC's main route table, which the scan does not show.
 */
export function subnetRouteTables(graph: ResourceGraph, subnet: Resource): Resource[][] {
  const out: Resource[][] = [];
  for (const { resource, maybe } of referrersOf(graph, subnet)) {
    if (!ASSOCIATION_TYPES.has(resource.type)) continue;
    // An association made for some instances of a subnet collection may or may not be this subnet's: unknown.
    if (maybe) {
      out.push([]);
      continue;
    }
    const { path } = propsOf(resource);
    const found = targetsOf(graph, resource, [...path, resource.artifact === 'terraform' ? 'route_table_id' : 'RouteTableId']);
    out.push(found === 'unknown' ? [] : found.filter((target) => ROUTE_TABLE_TYPES.has(target.type)));
  }
  return out;
}

export interface TableRoute {
  /** The resource holding the route: the route table (Terraform inline `route` block) or a separate route resource. */
  holder: Resource;
  route: JsonObject;
  /** Path of the route inside its holder. */
  path: NodePath;
}

/**
 * The routes of a route table: the inline `route` blocks of an `aws_route_table`, then the separate routes
 * (`AWS::EC2::Route`, `aws_route`) that name it; `unknown` for an inline route (or route list) that cannot be read.
 */
export function routeTableRoutes(graph: ResourceGraph, table: Resource): (TableRoute | 'unknown')[] {
  const out: (TableRoute | 'unknown')[] = [];
  if (table.artifact === 'terraform') {
    const inline = table.body.route;
    if (Array.isArray(inline)) inline.forEach((route, index) => out.push(isObject(route) && !isUnknown(route) ? { holder: table, route, path: ['route', index] } : 'unknown'));
    else if (inline !== undefined && inline !== null) out.push('unknown');
  }
  for (const { resource } of referrersOf(graph, table)) {
    if (!ROUTE_TYPES.has(resource.type)) continue;
    const { props, path } = propsOf(resource);
    out.push({ holder: resource, route: props, path });
  }
  return out;
}

/**
 * Whether a subnet has a way out to the internet (a default route through an internet gateway, a NAT, a transit
 * gateway...): `true`, `false` (its route table is in the scan and has no such route), or `unknown` (no known
 * route table, an unreadable route).
 */
export function subnetHasEgress(graph: ResourceGraph, subnet: Resource): boolean | 'unknown' {
  const associations = subnetRouteTables(graph, subnet);
  if (associations.length === 0 || associations.some((tables) => tables.length !== 1)) return 'unknown';
  for (const tables of associations) {
    for (const entry of routeTableRoutes(graph, tables[0] as Resource)) {
      if (entry === 'unknown') return 'unknown';
      const tf = entry.holder.artifact === 'terraform';
      if (isDefaultDestination(entry.route, tf) && hasTarget(entry.route, tf)) return true;
    }
  }
  return false;
}

/** The text of a service name: a literal, a `Fn::Sub` template, a `Fn::Join` (unknown parts as `*`), a Terraform unknown's expression. */
function serviceNameText(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return undefined;
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part) => (typeof part === 'string' ? part : '*')).join(join[0]);
  }
  const unknown = value.$unknown;
  if (typeof unknown === 'string') return unknown.replace(/^"|"$/g, '');
  return undefined;
}

export const ENDPOINT_SERVICES = ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'ssm', 's3'] as const;
export type EndpointService = (typeof ENDPOINT_SERVICES)[number];

/** The AWS services a VPC has endpoints for; `unknown` when an endpoint of the VPC names its service in a way we cannot read. */
export function vpcEndpointServices(graph: ResourceGraph, vpc: Resource): Set<EndpointService> | 'unknown' {
  const services = new Set<EndpointService>();
  for (const { resource } of referrersOf(graph, vpc)) {
    if (!ENDPOINT_TYPES.has(resource.type)) continue;
    const { props } = propsOf(resource);
    const text = serviceNameText(resource.artifact === 'terraform' ? props.service_name : props.ServiceName);
    if (text === undefined) return 'unknown';
    const match = /\.(ecr\.api|ecr\.dkr|logs|secretsmanager|ssm|s3)["'}\s]*$/.exec(text.trim());
    if (match?.[1]) services.add(match[1] as EndpointService);
  }
  return services;
}

/**
 * Path of an ECS service's subnet list (`AwsvpcConfiguration.Subnets`, `network_configuration.subnets`);
 * `undefined` without a network configuration, `unknown` when it cannot be read.
 */
export function serviceSubnetListPath(service: Resource): NodePath | 'unknown' | undefined {
  const { props, path } = propsOf(service);
  if (service.artifact === 'terraform') {
    const block = firstBlock(props.network_configuration);
    if (!block) return props.network_configuration === undefined ? undefined : 'unknown';
    return block.index === undefined ? ['network_configuration', 'subnets'] : ['network_configuration', block.index, 'subnets'];
  }
  const network = props.NetworkConfiguration;
  if (network === undefined) return undefined;
  if (!isObject(network) || !isObject(network.AwsvpcConfiguration)) return 'unknown';
  return [...path, 'NetworkConfiguration', 'AwsvpcConfiguration', 'Subnets'];
}

/** Subnets an ECS service places its tasks in, with the path of the list; unknown when they cannot be followed. */
export function serviceSubnets(graph: ResourceGraph, service: Resource): { subnets: Resource[]; path: NodePath } | 'unknown' | undefined {
  const listPath = serviceSubnetListPath(service);
  if (listPath === undefined || listPath === 'unknown') return listPath;
  const list = getPath(service.body, listPath);
  if (!Array.isArray(list) || list.length === 0) return list === undefined ? undefined : 'unknown';
  const subnets: Resource[] = [];
  for (let index = 0; index < list.length; index++) {
    const found = single(targetsOf(graph, service, [...listPath, index]), SUBNET_TYPES);
    if (found === undefined || found === 'unknown') return 'unknown';
    if (!subnets.includes(found)) subnets.push(found);
  }
  return { subnets, path: listPath };
}

/**
 * The security policy Elastic Load Balancing applies to an HTTPS / TLS listener created without one through the API
 * (CloudFormation, Terraform, the CLI, the AWS Load Balancer Controller's default, a Classic Load Balancer's).
 */
export const DEFAULT_ELB_SSL_POLICY = 'ELBSecurityPolicy-2016-08';

/**
 * Elastic Load Balancing predefined security policies: `strong` when the minimum protocol is TLS 1.2 (the
 * `TLS13-1-2*`, `TLS13-1-3*`, `TLS-1-2*` and `FS-1-2*` families), `weak` for every other predefined policy
 * (TLS 1.0 / 1.1 allowed: `2016-08`, `TLS-1-1-2017-01`, `FS-2018-06`, `TLS13-1-0-2021-06`, `ELBSample-*`...),
 * `unknown` for names that are not predefined (custom CLB policies) or templated.
 */
export function classifyElbSslPolicy(name: string): 'strong' | 'weak' | 'unknown' {
  const value = name.trim();
  if (isUnresolved(value)) return 'unknown';
  if (/^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)(-|$)/.test(value)) return 'strong';
  if (/^(ELBSecurityPolicy|ELBSample)-/.test(value)) return 'weak';
  return 'unknown';
}
