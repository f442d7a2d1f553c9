import { DIRECTIONS, PRIVATE_RANGES, isKubernetesNetworkPolicy, kubernetesPolicyTypes, networkPolicyStructureProblems, type Direction } from '../../graph/network-policy.js';
import { cidrContains, cidrOverlaps, parseCidr, type Cidr } from '../../util/cidr.js';
import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import { asArray, asObject } from '../../util/json.js';
import { createRule, type RuleReport } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

const PEERS: Record<Direction, string> = { ingress: 'from', egress: 'to' };
const PEER_WORD: Record<Direction, string> = { ingress: 'from every source', egress: 'to every destination' };

/** IPv4 ranges wider than a /8, IPv6 ranges wider than fc00::/7, count as "the whole internet". */
function isInternetWide(cidr: Cidr): boolean {
  return cidr.version === 4 ? cidr.prefix < 8 : cidr.prefix < 7;
}

/**
 * An `except` range that can hold a cluster's pod and node addresses: private, and at least a /24 (IPv4) or a /64
 * (IPv6). A /30 carved out of 0.0.0.0/0 leaves the rest of the VPC, and with the VPC CNI every pod, included.
 */
function carvesCluster(range: Cidr): boolean {
  return range.prefix <= (range.version === 4 ? 24 : 64) && isPrivate(range);
}

function isPrivate(range: Cidr): boolean {
  return PRIVATE_RANGES.some((privateRange) => cidrOverlaps(range, privateRange));
}

export default createRule({
  meta: {
    id: 'k8s/network-policy-broad-allow',
    title: 'NetworkPolicies must not allow traffic from or to everything',
    severity: 'medium',
    seedPoints: ['NET-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports NetworkPolicy rules, in a direction the policy isolates, that allow every peer: a rule without `from` / `to` (or with an empty list), or an `ipBlock` covering the whole internet (wider than a /8 for IPv4, than /7 for IPv6, e.g. `0.0.0.0/0`, `::/0`) whose `except` does not carve out private address space (a range of RFC 1918, 100.64.0.0/10 or fc00::/7 at least a /24 for IPv4 or a /64 for IPv6, wide enough to hold a cluster), unless the range is inside `settings.trustedCidrs`. Egress rules limited to port 53 (DNS) are accepted. CiliumNetworkPolicy rules with the entity `all` are reported too.',
    rationale:
      'A policy that selects pods but allows every peer isolates nothing: the pods stay reachable from (or can reach) every pod of the cluster and every address outside it, which defeats east-west restriction and gives a compromised pod free lateral movement or exfiltration.',
    remediation:
      'Name the peers that need the flow: `podSelector` (same namespace), `namespaceSelector` plus `podSelector` (other namespaces), or an `ipBlock` of the exact external range; for internet egress use `0.0.0.0/0` with `except` listing the VPC, pod and service ranges. Restrict `ports` as well.',
    limitations:
      'Peers admitting every pod of every namespace (`namespaceSelector: {}`) are not reported: they still exclude traffic from outside the cluster and are common for metrics scraping. Whether an `ipBlock` matches pod addresses depends on the CNI (with the VPC CNI pod IPs are VPC addresses). Policies that select no pod are not detected here.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Network separation and hardening: Network policies' },
        { framework: 'CIS EKS Benchmark 1.5', id: '4.3.2' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: (resource) =>
    isKubernetesNetworkPolicy(resource) ||
    ((resource.type === 'CiliumNetworkPolicy' || resource.type === 'CiliumClusterwideNetworkPolicy') && (resource.apiVersion ?? '').startsWith('cilium.io/')),
  check({ resource, settings, report }) {
    if (resource.type === 'NetworkPolicy') {
      // A policy the API server rejects allows nothing (core/malformed-network-policy reports it).
      if (networkPolicyStructureProblems(resource).length > 0) return;
      checkKubernetesPolicy(resource, settings.trustedCidrs, report);
    } else {
      checkCiliumPolicy(resource, report);
    }
  },
});

function checkKubernetesPolicy(resource: Resource, trustedCidrs: readonly string[], report: (report: RuleReport) => void): void {
  const spec = asObject(resource.body.spec);
  if (!spec) return;
  const trusted = trustedCidrs.map(parseCidr).filter((cidr): cidr is Cidr => cidr !== undefined);
  const { isolates } = kubernetesPolicyTypes(spec);
  const name = `NetworkPolicy "${resource.name}"`;
  for (const direction of DIRECTIONS) {
    if (isolates[direction] === false) continue; // rules of a direction the policy does not isolate are ignored
    const rules = spec[direction];
    if (!Array.isArray(rules)) continue;
    rules.forEach((item, index) => {
      const rulePath: NodePath = ['spec', direction, index];
      const rule = asObject(item) ?? {};
      const ports = describePorts(rule.ports);
      if (ports === undefined) return; // templated ports
      if (direction === 'egress' && ports.dnsOnly) return;
      const on = ports.text === undefined ? 'on every port' : `on ${ports.text}`;
      const peers = rule[PEERS[direction]];
      if (isUnresolved(peers)) return;
      if (peers === undefined || peers === null) {
        report({
          path: rulePath,
          message: `${name} allows ${direction} ${PEER_WORD[direction]} ${on}: ${direction} rule ${index + 1} has no "${PEERS[direction]}", which matches all pods and all addresses.`,
        });
        return;
      }
      if (!Array.isArray(peers)) return;
      if (peers.length === 0) {
        report({
          path: [...rulePath, PEERS[direction]],
          message: `${name} allows ${direction} ${PEER_WORD[direction]} ${on}: an empty "${PEERS[direction]}" list matches all pods and all addresses.`,
        });
        return;
      }
      peers.forEach((peerItem, peerIndex) => {
        const peerPath: NodePath = [...rulePath, PEERS[direction], peerIndex];
        // An empty or malformed peer makes the API server reject the policy (core/malformed-network-policy).
        const peer = asObject(peerItem);
        if (!peer) return;
        const ipBlock = asObject(peer.ipBlock);
        if (!ipBlock) return;
        const cidrText = ipBlock.cidr;
        if (typeof cidrText !== 'string' || isUnresolved(cidrText)) return;
        const cidr = parseCidr(cidrText);
        if (!cidr || !isInternetWide(cidr)) return;
        if (trusted.some((range) => cidrContains(range, cidr))) return;
        const except = exceptRanges(ipBlock.except);
        if (except === undefined) return; // templated
        if (except.some(carvesCluster)) return;
        const detail =
          except.length === 0
            ? `ipBlock ${cidrText} without "except" includes every pod, node and VPC address as well as the internet`
            : except.some(isPrivate)
              ? `ipBlock ${cidrText} excepts only small private ranges (narrower than a /24), so the pods, nodes and VPC addresses around them stay included`
              : `ipBlock ${cidrText} only excepts public ranges, so every pod, node and VPC address stays included`;
        report({ path: [...peerPath, 'ipBlock', 'cidr'], message: `${name} allows ${direction} ${PEER_WORD[direction]} ${on}: ${detail}.` });
      });
    });
  }
}

function exceptRanges(value: JsonValue | undefined): Cidr[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return isUnresolved(value) ? undefined : [];
  const ranges: Cidr[] = [];
  for (const item of value) {
    if (typeof item !== 'string') continue;
    if (isUnresolved(item)) return undefined;
    const cidr = parseCidr(item);
    if (cidr) ranges.push(cidr);
  }
  return ranges;
}

/** Ports of a rule: a readable list (undefined text when any port), whether all are DNS, undefined when templated. */
function describePorts(value: JsonValue | undefined): { text: string | undefined; dnsOnly: boolean } | undefined {
  if (value === undefined || value === null) return { text: undefined, dnsOnly: false };
  if (!Array.isArray(value)) return isUnresolved(value) ? undefined : { text: undefined, dnsOnly: false };
  if (value.length === 0) return { text: undefined, dnsOnly: false };
  const parts: string[] = [];
  let dnsOnly = true;
  for (const item of value) {
    const port = asObject(item);
    if (!port) continue;
    if (isUnresolved(port.port) || isUnresolved(port.protocol) || isUnresolved(port.endPort)) return undefined;
    const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
    if (port.port === undefined || port.port === null) {
      parts.push(`every ${protocol} port`);
      dnsOnly = false;
      continue;
    }
    const number = String(port.port);
    const range = port.endPort !== undefined && port.endPort !== null ? `${number}-${String(port.endPort)}` : number;
    parts.push(`${range}/${protocol}`);
    if (range !== '53' && range !== 'dns' && range !== 'dns-tcp') dnsOnly = false;
  }
  if (parts.length === 0) return { text: undefined, dnsOnly: false };
  return { text: `port${parts.length > 1 ? 's' : ''} ${parts.join(', ')}`, dnsOnly };
}

function checkCiliumPolicy(resource: Resource, report: (report: RuleReport) => void): void {
  const rules: Array<{ rule: Record<string, JsonValue | undefined>; path: NodePath }> = [];
  const spec = asObject(resource.body.spec);
  if (spec) rules.push({ rule: spec, path: ['spec'] });
  asArray(resource.body.specs).forEach((item, index) => {
    const rule = asObject(item);
    if (rule) rules.push({ rule, path: ['specs', index] });
  });
  const name = `${resource.type} "${resource.name}"`;
  for (const { rule, path } of rules) {
    for (const direction of DIRECTIONS) {
      const field = direction === 'ingress' ? 'fromEntities' : 'toEntities';
      asArray(rule[direction]).forEach((item, index) => {
        asArray(asObject(item)?.[field]).forEach((entity, entityIndex) => {
          if (entity !== 'all') return;
          report({
            path: [...path, direction, index, field, entityIndex],
            message: `${name} allows ${direction} ${PEER_WORD[direction]}: the entity "all" matches every endpoint of the cluster and every address outside it.`,
          });
        });
      });
    }
  }
}
