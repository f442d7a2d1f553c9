import { terraformRoot } from '../../graph/aws.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { describeBroadRange, describeWorldCidr, isUdpOnly, isWorldCidr, portRange, propsOf } from '../../graph/network.js';
import type { JsonObject, JsonValue, NodePath, Resource, Severity } from '../../model/types.js';
import { asBoolean, isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleReport } from '../rule.js';
import { broadInternetRange, cidrContains, holdsAllGlobalUnicast, isTrustedCidr, parseCidr, type Cidr } from '../../util/cidr.js';

interface AclEntry {
  path: NodePath;
  ruleNumber: JsonValue | undefined;
  egress: JsonValue | undefined;
  action: JsonValue | undefined;
  protocol: JsonValue | undefined;
  fromPort: JsonValue | undefined;
  toPort: JsonValue | undefined;
  cidrs: { value: JsonValue; path: NodePath }[];
}

function cidrs(entry: JsonObject, base: NodePath, keys: readonly string[]): { value: JsonValue; path: NodePath }[] {
  return keys.flatMap((key) => (entry[key] === undefined ? [] : [{ value: entry[key] as JsonValue, path: [...base, key] }]));
}

function entriesOf(resource: Resource): AclEntry[] {
  const { props, path } = propsOf(resource);
  if (resource.type === 'AWS::EC2::NetworkAclEntry') {
    const range = isObject(props.PortRange) ? props.PortRange : undefined;
    return [
      {
        path,
        ruleNumber: props.RuleNumber,
        egress: props.Egress ?? false,
        action: props.RuleAction,
        protocol: props.Protocol,
        fromPort: range ? range.From : undefined,
        toPort: range ? range.To : undefined,
        cidrs: cidrs(props, path, ['CidrBlock', 'Ipv6CidrBlock']),
      },
    ];
  }
  if (resource.type === 'aws_network_acl_rule') {
    return [
      {
        path: [],
        // `rule_number` on the standalone resource; `rule_no` in inline blocks.
        ruleNumber: props.rule_number,
        egress: props.egress ?? false,
        action: props.rule_action,
        protocol: props.protocol,
        fromPort: props.from_port,
        toPort: props.to_port,
        cidrs: cidrs(props, [], ['cidr_block', 'ipv6_cidr_block']),
      },
    ];
  }
  // aws_network_acl / aws_default_network_acl inline ingress blocks.
  const list = props.ingress;
  if (!Array.isArray(list)) return [];
  const out: AclEntry[] = [];
  list.forEach((entry, index) => {
    if (!isObject(entry) || isUnknown(entry)) return;
    const base = ['ingress', index];
    out.push({ path: base, ruleNumber: entry.rule_no, egress: false, action: entry.action, protocol: entry.protocol, fromPort: entry.from_port, toPort: entry.to_port, cidrs: cidrs(entry, base, ['cidr_block', 'ipv6_cidr_block']) });
  });
  return out;
}

const ADMIN_PORTS = [
  { port: 22, name: 'SSH' },
  { port: 3389, name: 'RDP' },
] as const;

function isAllProtocols(protocol: JsonValue | undefined): boolean {
  return protocol === -1 || (typeof protocol === 'string' && ['-1', 'all'].includes(protocol.trim().toLowerCase()));
}

const TYPES: ReadonlySet<string> = new Set(['AWS::EC2::NetworkAclEntry', 'aws_network_acl_rule', 'aws_network_acl', 'aws_default_network_acl']);

export default createRule({
  meta: {
    id: 'net/nacl-no-public-admin-ports',
    title: 'Network ACLs must not open SSH or RDP to the internet',
    severity: 'high',
    otherSeverities: ['medium', 'low'],
    seedPoints: ['NET-2'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports inbound network ACL entries that allow 0.0.0.0/0 or ::/0 on a TCP/UDP port range including SSH (22) or RDP (3389): `AWS::EC2::NetworkAclEntry`, `aws_network_acl_rule`, and `ingress` blocks of `aws_network_acl` / `aws_default_network_acl`. Entries that allow every protocol or every port from the internet open SSH and RDP too and are reported at medium (the internet case of Trivy AVD-AWS-0102, which flags allow-all entries from any source), except on `aws_default_network_acl`: the default network ACL allows everything by design, and declaring it so changes nothing (Checkov leaves it out too). Ephemeral-port entries for return traffic (1024-65535, which holds 3389) are not reported. A source that is not the whole internet but a large part of it (an IPv4 /1 to /8 holding public addresses such as `3.0.0.0/8`, an IPv6 /1 to /16 in global unicast) is reported one level lower (medium, or low for an allow-all entry).',
    rationale:
      'A network ACL entry written for SSH or RDP from anywhere is a deliberate opening of administrative access to the internet at the subnet level; together with any permissive security group it exposes instances to brute force and exploits. Administrative access belongs behind SSM Session Manager, a VPN or specific CIDRs.',
    remediation:
      'Remove the entry, or restrict its `CidrBlock` / `cidr_block` to your VPN or office ranges. Prefer SSM Session Manager, which needs no inbound port.',
    limitations:
      'Sources inside a range of `trustedCidrs` (configuration) are accepted. Entry order counts: an allow entry is not reported when lower-numbered deny entries of the same ACL (inline, or standalone entries naming the same ACL in the template or root module) deny SSH and RDP from all of its source first (the whole internet, or a range holding the source); unresolved rule numbers or ACL references leave the entry reported. An `AWS::EC2::NetworkAclEntry` added to the default network ACL of a VPC (`!GetAtt VPC.DefaultNetworkAcl`) counts as an explicit entry. Values from parameters or unresolved expressions are unknown.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0105' },
        { tool: 'checkov', id: 'CKV_AWS_232' },
        { tool: 'checkov', id: 'CKV_AWS_231' },
        { tool: 'prowler', id: 'ec2_networkacl_allow_ingress_tcp_port_22' },
        { tool: 'prowler', id: 'ec2_networkacl_allow_ingress_tcp_port_3389' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'EC2.21' }],
      links: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html'],
    },
  },
  appliesTo: (resource) => (resource.artifact === 'cloudformation' || resource.artifact === 'terraform') && TYPES.has(resource.type),
  check({ resource, graph, settings, report }) {
    const out: RuleReport[] = [];
    const inbound = (entry: AclEntry): boolean => !isUnknown(entry.egress) && asBoolean(entry.egress) === false;
    let siblings: AclEntry[] | undefined;
    for (const entry of entriesOf(resource)) {
      if (!inbound(entry) || actionOf(entry) !== 'allow') continue;
      const opening = adminOpening(entry, resource.type);
      if (!opening) continue;
      for (const cidr of entry.cidrs) {
        if (typeof cidr.value !== 'string' || isTrustedCidr(cidr.value, settings.trustedCidrs)) continue;
        // Not the whole internet, but a large part of it (`3.0.0.0/8`): one level lower.
        const broad = broadInternetRange(cidr.value);
        if (!broad && !isWorldCidr(cidr.value)) continue;
        // The lowest-numbered matching entry decides: SSH and RDP may be denied before this entry is reached.
        siblings ??= aclEntries(graph, resource).filter(inbound);
        const source = parseCidr(cidr.value);
        if (source && opening.ports.every((port) => siblings?.some((other) => deniesBefore(other, entry, port, source)))) continue;
        if (broad) out.push({ path: cidr.path, message: opening.message(describeBroadRange(cidr.value, broad)), severity: opening.severity === 'medium' ? 'low' : 'medium' });
        else out.push({ path: cidr.path, message: opening.message(describeWorldCidr(cidr.value.trim())), ...(opening.severity ? { severity: opening.severity } : {}) });
      }
    }
    for (const entry of out) report(entry);
  },
});

function actionOf(entry: AclEntry): string | undefined {
  return typeof entry.action === 'string' ? entry.action.toLowerCase() : undefined;
}

/**
 * Every entry of the network ACL `resource` belongs to: its own (inline blocks), or the standalone entries of the
 * same template or root module that name the same ACL (the same reference, or the same literal id).
 */
function aclEntries(graph: ResourceGraph, resource: Resource): AclEntry[] {
  if (resource.type === 'aws_network_acl' || resource.type === 'aws_default_network_acl') return entriesOf(resource);
  const key = aclKey(resource);
  if (key === undefined) return [];
  const byAcl = graph.memo(`nacl:entries:${resource.artifact}:${resource.type}`, (g) => {
    const index = new Map<string, AclEntry[]>();
    for (const entry of g.ofType(resource.artifact, resource.type)) {
      const entryKey = aclKey(entry);
      if (entryKey === undefined) continue;
      const list = index.get(entryKey);
      if (list) list.push(...entriesOf(entry));
      else index.set(entryKey, entriesOf(entry));
    }
    return index;
  });
  return byAcl.get(key) ?? [];
}

/** Which ACL a standalone entry belongs to: its ACL reference (or literal id) within its template or root module. */
function aclKey(resource: Resource): string | undefined {
  const cfn = resource.artifact === 'cloudformation';
  const acl = cfn ? propsOf(resource).props.NetworkAclId : resource.body.network_acl_id;
  if (acl === undefined) return undefined;
  return `${cfn ? resource.document.file.path : terraformRoot(resource)}\u0000${JSON.stringify(acl)}`;
}

/** Whether `deny` is a lower-numbered entry that denies TCP `port` from all of `source` (the whole internet, or a range holding it). */
function deniesBefore(deny: AclEntry, allow: AclEntry, port: number, source: Cidr): boolean {
  if (actionOf(deny) !== 'deny') return false;
  const before = asRuleNumber(deny.ruleNumber);
  const after = asRuleNumber(allow.ruleNumber);
  if (before === undefined || after === undefined || before >= after) return false;
  if (isUdpOnly(deny.protocol)) return false;
  const range = portRange({ protocol: deny.protocol, fromPort: deny.fromPort, toPort: deny.toPort });
  if (range.kind !== 'all' && !(range.kind === 'range' && range.from <= port && port <= range.to)) return false;
  return deny.cidrs.some((cidr) => {
    const denied = typeof cidr.value === 'string' ? parseCidr(cidr.value) : undefined;
    // A deny of all global unicast (`2000::/3`) covers an allow of `::/0` as far as the internet goes.
    return denied !== undefined && denied.version === source.version && (denied.prefix === 0 || cidrContains(denied, source) || (holdsAllGlobalUnicast(denied) && holdsAllGlobalUnicast(source)));
  });
}

function asRuleNumber(value: JsonValue | undefined): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
  return number !== undefined && Number.isFinite(number) ? number : undefined;
}

/** What an inbound allow entry opens of SSH and RDP, as a message for a given source; undefined when neither. */
function adminOpening(entry: AclEntry, type: string): { ports: number[]; message: (source: string) => string; severity?: Severity } | undefined {
  // SSH and RDP need TCP: an entry for UDP alone does not open them.
  if (isUdpOnly(entry.protocol)) return undefined;
  const range = portRange({ protocol: entry.protocol, fromPort: entry.fromPort, toPort: entry.toPort });
  if (range.kind === 'all' || (range.kind === 'range' && range.from <= 1 && range.to >= 65535)) {
    // The default network ACL allows everything by design: declaring it as AWS creates it changes nothing.
    if (type === 'aws_default_network_acl') return undefined;
    const what = range.kind === 'all' && isAllProtocols(entry.protocol) ? 'all traffic (every protocol and port)' : 'every port';
    return {
      ports: ADMIN_PORTS.map(({ port }) => port),
      severity: 'medium',
      message: (source) =>
        `The network ACL entry allows ${what} from ${source}, SSH (22) and RDP (3389) included: only security groups then keep administrative ports closed to the internet. Allow only the ports the subnets serve.`,
    };
  }
  // Return traffic of a stateless ACL: the ephemeral range (1024-65535) happens to hold 3389.
  if (range.kind !== 'range' || (range.from >= 1024 && range.to >= 65535)) return undefined;
  const admin = ADMIN_PORTS.filter(({ port }) => range.from <= port && port <= range.to);
  if (admin.length === 0) return undefined;
  const ports = range.from === range.to ? `port ${range.from}` : `ports ${range.from}-${range.to}`;
  return {
    ports: admin.map(({ port }) => port),
    message: (source) => `The network ACL entry allows ${admin.map(({ name, port }) => `${name} (${port})`).join(' and ')} from ${source} (${ports}): administrative access must never be open to the internet.`,
  };
}
