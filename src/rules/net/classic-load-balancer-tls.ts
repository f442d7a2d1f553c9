import { classifyElbSslPolicy, DEFAULT_ELB_SSL_POLICY, propsOf } from '../../graph/network.js';
import type { JsonObject, JsonValue, NodePath, Resource } from '../../model/types.js';
import { asArray, asBoolean, asObject, asString } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleReport } from '../rule.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { terraformCompanions } from '../../graph/aws.js';

/** Protocols a custom negotiation policy can enable that are older than TLS 1.2. */
const OLD_PROTOCOLS = new Set(['Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1']);
const NEGOTIATION = 'SSLNegotiationPolicyType';

const FIX =
  'Move to an Application Load Balancer (an HTTPS listener with `ELBSecurityPolicy-TLS13-1-2-2021-06`, and an HTTP listener that redirects to it). On a Classic Load Balancer, serve HTTPS / SSL only, with the `ELBSecurityPolicy-TLS-1-2-2017-01` negotiation policy.';

/** The protocols older than TLS 1.2 that a negotiation policy's attributes allow, or its weak predefined policy. */
function weakness(attributes: readonly { name: string | undefined; value: JsonValue | undefined; path: NodePath }[]): { what: string; path: NodePath } | undefined {
  for (const attribute of attributes) {
    if (attribute.name === 'Reference-Security-Policy') {
      const value = asString(attribute.value);
      if (value !== undefined && !isUnknown(attribute.value) && classifyElbSslPolicy(value) === 'weak') return { what: `the predefined policy ${value}`, path: attribute.path };
    } else if (attribute.name !== undefined && OLD_PROTOCOLS.has(attribute.name) && asBoolean(attribute.value) === true) {
      return { what: `${attribute.name.slice('Protocol-'.length)}`, path: attribute.path };
    }
  }
  return undefined;
}

/** CloudFormation `AWS::ElasticLoadBalancing::LoadBalancer`: listeners and the negotiation policies they name. */
function checkCloudFormation(resource: Resource, report: (r: RuleReport) => void): void {
  const { props, path } = propsOf(resource);
  const internal = props.Scheme === 'internal';
  if (isUnknown(props.Scheme)) return;
  const policies = new Map<string, { policy: JsonObject; index: number }>();
  asArray(props.Policies).forEach((item, index) => {
    const policy = asObject(item);
    const name = asString(policy?.PolicyName);
    if (policy && name !== undefined) policies.set(name, { policy, index });
  });
  asArray(props.Listeners).forEach((item, index) => {
    const listener = asObject(item);
    const protocol = asString(listener?.Protocol)?.toUpperCase();
    if (!listener || protocol === undefined) return;
    const at: NodePath = [...path, 'Listeners', index];
    if (protocol === 'HTTP') {
      report({
        path: [...at, 'Protocol'],
        severity: internal ? 'low' : 'high',
        message: `Listener ${index} of the ${internal ? 'internal' : 'internet-facing'} Classic Load Balancer serves HTTP, which a Classic Load Balancer cannot redirect to HTTPS: ${internal ? 'traffic inside the VPC travels' : 'clients are served'} in clear text.`,
        fix: FIX,
      });
      return;
    }
    if (protocol !== 'HTTPS' && protocol !== 'SSL') return;
    if (isUnknown(listener.PolicyNames)) return;
    const named = asArray(listener.PolicyNames).map((name) => (typeof name === 'string' ? policies.get(name) : undefined));
    if (named.some((entry) => entry === undefined) && named.length > 0) return; // a policy defined elsewhere
    // A policy can also name the listener ports it applies to (`LoadBalancerPorts`).
    const port = listener.LoadBalancerPort;
    if (isUnknown(port)) return;
    const byPort = [...policies.values()].filter(({ policy }) => {
      const ports = policy.LoadBalancerPorts;
      return isUnknown(ports) || asArray(ports).some((entry) => isUnknown(entry) || String(entry) === String(port));
    });
    if (byPort.some(({ policy }) => isUnknown(policy.LoadBalancerPorts) || asArray(policy.LoadBalancerPorts).some(isUnknown))) return;
    const negotiation = [...named, ...byPort.filter((entry) => !named.includes(entry))].filter((entry) => entry?.policy.PolicyType === NEGOTIATION);
    if (negotiation.length === 0) {
      report({ path: [...at, 'Protocol'], message: `The ${protocol} listener ${index} of the Classic Load Balancer names no SSL negotiation policy: it gets ${DEFAULT_ELB_SSL_POLICY}, which accepts TLS 1.0 and 1.1.`, fix: FIX });
      return;
    }
    for (const entry of negotiation) {
      if (!entry) continue;
      const attributesPath: NodePath = [...path, 'Policies', entry.index, 'Attributes'];
      const attributes = asArray(entry.policy.Attributes).map((raw, i) => ({ name: asString(asObject(raw)?.Name), value: asObject(raw)?.Value, path: [...attributesPath, i, 'Name'] }));
      const weak = weakness(attributes);
      if (weak) report({ path: weak.path, message: `The ${protocol} listener ${index} of the Classic Load Balancer negotiates with ${weak.what}, which accepts TLS versions older than 1.2.`, fix: FIX });
    }
  });
}

/**
 * Whether an `aws_load_balancer_listener_policy` of the scan sets the policies of the ELB's listener on `port`, or
 * may (a port or load balancer name the scan cannot resolve).
 */
function hasListenerPolicy(graph: ResourceGraph, elb: Resource, port: JsonValue | undefined): boolean {
  const forPort = (policyPort: JsonValue | undefined): boolean => policyPort === undefined || isUnknown(policyPort) || isUnknown(port) || Number(policyPort) === Number(port);
  return (
    terraformCompanions(graph, elb, 'aws_load_balancer_listener_policy', 'load_balancer_name').some((policy) => forPort(policy.body.load_balancer_port)) ||
    terraformCompanions(graph, elb, 'aws_lb_ssl_negotiation_policy', 'load_balancer').some((policy) => forPort(policy.body.lb_port))
  );
}

/** A listener port for messages: `443`, or `an unresolved port`. */
function portText(port: JsonValue | undefined): string {
  return typeof port === 'number' || (typeof port === 'string' && !isUnknown(port)) ? `port ${String(port)}` : 'an unresolved port';
}

/** Terraform `aws_elb` listeners, and `aws_load_balancer_policy` negotiation policies. */
function checkTerraform(resource: Resource, graph: ResourceGraph, report: (r: RuleReport) => void): void {
  const { props } = propsOf(resource);
  if (resource.type === 'aws_load_balancer_policy' || resource.type === 'aws_lb_ssl_negotiation_policy') {
    const direct = resource.type === 'aws_lb_ssl_negotiation_policy';
    if (!direct && props.policy_type_name !== NEGOTIATION) return;
    const list = direct ? 'attribute' : 'policy_attribute';
    const attributes = asArray(props[list]).map((raw, i) => ({ name: asString(asObject(raw)?.name), value: asObject(raw)?.value, path: [list, i, 'name'] }));
    const weak = weakness(attributes);
    if (weak) report({ path: weak.path, message: `The SSL negotiation policy ${resource.name} allows ${weak.what}, which accepts TLS versions older than 1.2.`, fix: FIX });
    return;
  }
  if (isUnknown(props.internal)) return;
  const internal = asBoolean(props.internal) === true;
  asArray(props.listener).forEach((item, index) => {
    const protocol = asString(asObject(item)?.lb_protocol)?.toUpperCase();
    if ((protocol === 'HTTPS' || protocol === 'SSL') && !hasListenerPolicy(graph, resource, asObject(item)?.lb_port)) {
      report({
        path: ['listener', index, 'lb_protocol'],
        message: `The ${protocol} listener on ${portText(asObject(item)?.lb_port)} of the Classic Load Balancer ${resource.name} has no SSL negotiation policy (no aws_load_balancer_listener_policy or aws_lb_ssl_negotiation_policy for it in the scan): it gets ${DEFAULT_ELB_SSL_POLICY}, which accepts TLS 1.0 and 1.1.`,
        fix: FIX,
      });
      return;
    }
    if (protocol !== 'HTTP') return;
    report({
      path: ['listener', index, 'lb_protocol'],
      severity: internal ? 'low' : 'high',
      message: `The ${internal ? 'internal' : 'internet-facing'} Classic Load Balancer ${resource.name} serves HTTP on ${portText(asObject(item)?.lb_port)}, which a Classic Load Balancer cannot redirect to HTTPS: ${internal ? 'traffic inside the VPC travels' : 'clients are served'} in clear text.`,
      fix: FIX,
    });
  });
}

export default createRule({
  meta: {
    id: 'net/classic-load-balancer-tls',
    title: 'Classic Load Balancers must serve TLS 1.2 or later, and no plain HTTP',
    severity: 'high',
    otherSeverities: ['low'],
    seedPoints: ['NET-5'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Classic Load Balancers (CloudFormation `AWS::ElasticLoadBalancing::LoadBalancer`, Terraform `aws_elb`): reports listeners that serve HTTP (a Classic Load Balancer cannot redirect to HTTPS; high when internet-facing, low when internal), HTTPS / SSL listeners whose SSL negotiation policy still accepts TLS 1.0 or 1.1 (a predefined `Reference-Security-Policy` other than `ELBSecurityPolicy-TLS-1-2-*`, or `Protocol-SSLv3`, `Protocol-TLSv1`, `Protocol-TLSv1.1` enabled), and HTTPS / SSL listeners that name no negotiation policy, so get `ELBSecurityPolicy-2016-08` (CloudFormation: neither in `PolicyNames` nor through a policy\'s `LoadBalancerPorts`; Terraform: no `aws_load_balancer_listener_policy` or `aws_lb_ssl_negotiation_policy` for the listener\'s port). Terraform negotiation policies (`aws_load_balancer_policy`, `aws_lb_ssl_negotiation_policy`) are judged where they are written.',
    rationale:
      'A Classic Load Balancer has no redirect action: an HTTP listener serves the application in clear text. Its default negotiation policy still accepts TLS 1.0 and 1.1 (deprecated by RFC 8996), which clients or a downgrading attacker can then use.',
    remediation: FIX,
    limitations:
      'TCP listeners are not reported (they may carry TLS the instances terminate). A Terraform HTTPS / SSL listener is reported for want of a policy only when no `aws_load_balancer_listener_policy` or `aws_lb_ssl_negotiation_policy` of the scan names its load balancer (or may: an unresolved name) for its port: one in another configuration is not visible. Policies named but defined outside the template, and unresolved values, are unknown.',
    references: {
      peers: [
        { tool: 'prowler', id: 'elb_ssl_listeners' },
        { tool: 'prowler', id: 'elb_insecure_ssl_ciphers' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'ELB.3' },
        { framework: 'AWS FSBP', id: 'ELB.8' },
      ],
      links: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html'],
    },
  },
  appliesTo: (resource) => resource.type === 'AWS::ElasticLoadBalancing::LoadBalancer' || resource.type === 'aws_elb' || resource.type === 'aws_load_balancer_policy' || resource.type === 'aws_lb_ssl_negotiation_policy',
  check({ resource, graph, report }) {
    if (resource.artifact === 'cloudformation') checkCloudFormation(resource, report);
    else if (resource.artifact === 'terraform') checkTerraform(resource, graph, report);
  },
});
