import { LISTENER_TYPES, propsOf, targetsOf, isInternetFacingLoadBalancer, LOAD_BALANCER_TYPES } from '../../graph/network.js';
import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import { getPath, isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

/** `redirect` to HTTPS; `unknown` when the action cannot be read. */
function redirectsToHttps(action: JsonValue | undefined, tf: boolean): boolean | 'unknown' {
  if (!isObject(action) || isUnknown(action)) return 'unknown';
  const type = tf ? action.type : action.Type;
  if (isUnknown(type)) return 'unknown';
  if (type !== 'redirect') return false;
  const config = tf ? (Array.isArray(action.redirect) ? action.redirect[0] : action.redirect) : action.RedirectConfig;
  if (!isObject(config)) return false;
  const protocol = tf ? config.protocol : config.Protocol;
  // AWS's placeholder for the request's own protocol (the default), not a template: HTTP stays HTTP.
  if (protocol === undefined || protocol === '#{protocol}') return false;
  if (isUnknown(protocol)) return 'unknown';
  return typeof protocol === 'string' && protocol.toUpperCase() === 'HTTPS';
}

/** `aws_alb`, or `aws_lb` of type `application` (the default); CloudFormation `Type: application` (the default). */
function isApplicationLoadBalancer(balancer: Resource): boolean {
  if (balancer.type === 'aws_alb') return true;
  if (balancer.type !== 'aws_lb' && balancer.type !== 'AWS::ElasticLoadBalancingV2::LoadBalancer') return false;
  const type = propsOf(balancer).props[balancer.artifact === 'terraform' ? 'load_balancer_type' : 'Type'];
  return type === undefined || type === 'application';
}

export default createRule({
  meta: {
    id: 'net/http-listener-redirects',
    title: 'HTTP listeners must redirect to HTTPS',
    severity: 'high',
    otherSeverities: ['low'],
    seedPoints: ['NET-5'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an `AWS::ElasticLoadBalancingV2::Listener` / `aws_lb_listener` / `aws_alb_listener` with protocol HTTP whose default action is not a redirect to HTTPS: high on an internet-facing load balancer (no `Scheme: internal` / `internal = true`), low on an internal one (or one whose scheme is unresolved, or one outside the scan: a literal ARN, a parameter, an import), where the traffic stays inside the VPC but still travels in clear text. A Terraform listener without `protocol` on an Application Load Balancer is HTTP (the provider\'s default). Also (low) a `TCP` listener on port 80 of an internet-facing Network Load Balancer, which forwards clear-text HTTP and cannot redirect.',
    rationale:
      'Plain HTTP from the internet carries cookies, tokens and data in clear text and can be altered in transit. An HTTP listener should exist only to send clients to HTTPS (a 301 redirect), which also lets HSTS take over. Inside the VPC, clear text is readable by anything that reaches the network path (a compromised task, mirrored traffic); the seeds ask for TLS on internal traffic whenever possible.',
    remediation:
      'Make the default action a redirect: CloudFormation `DefaultActions: [{ Type: redirect, RedirectConfig: { Protocol: HTTPS, Port: "443", StatusCode: HTTP_301 } }]`; Terraform `default_action { type = "redirect" redirect { protocol = "HTTPS" port = "443" status_code = "HTTP_301" } }`. Serve the application on an HTTPS listener.',
    limitations:
      'A listener whose load balancer is not in the scan (a literal ARN, a parameter, an import of an unscanned stack) is reported low, as on an internal one: whether it faces the internet is unknown, and it is not assumed to. Listener rules added by separate `ListenerRule` resources are not taken into account: the default action decides.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0054' },
        { tool: 'checkov', id: 'CKV2_AWS_20' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'ELB.1' }],
      links: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html'],
    },
  },
  appliesTo: (resource) => (resource.artifact === 'cloudformation' || resource.artifact === 'terraform') && LISTENER_TYPES.has(resource.type),
  check({ resource, graph, report }) {
    const { props, path } = propsOf(resource);
    const tf = resource.artifact === 'terraform';
    const protocolKey = tf ? 'protocol' : 'Protocol';
    const protocol = props[protocolKey];
    const lbKey = tf ? 'load_balancer_arn' : 'LoadBalancerArn';
    const targets = targetsOf(graph, resource, [...path, lbKey]);
    const balancers = targets === 'unknown' ? [] : targets.filter((target) => LOAD_BALANCER_TYPES.has(target.type));
    if (balancers.length > 1) return;
    const balancer = balancers[0];
    // The provider's default protocol on an Application Load Balancer is HTTP.
    const http = typeof protocol === 'string' ? protocol.toUpperCase() === 'HTTP' : protocol === undefined && tf && balancer !== undefined && isApplicationLoadBalancer(balancer);
    if (!http) {
      // A Network Load Balancer passes TCP on as it comes: on port 80 of an internet-facing one, that is clear-text HTTP.
      const port = props[tf ? 'port' : 'Port'];
      if (typeof protocol === 'string' && protocol.toUpperCase() === 'TCP' && Number(port) === 80 && balancer && isInternetFacingLoadBalancer(balancer) === true) {
        report({
          path: [...path, protocolKey],
          severity: 'low',
          message: `The TCP listener on port 80 of the internet-facing network load balancer ${balancer.name} passes plain HTTP from the internet to its targets: a network load balancer cannot redirect. Serve HTTPS through a TLS listener with an ACM certificate (or an Application Load Balancer) and leave port 80 closed, unless the targets only redirect to HTTPS.`,
        });
      }
      return;
    }
    // A load balancer outside the scan (a literal ARN, a parameter, an import): its scheme is unknown, internal at best.
    const facing = balancer ? isInternetFacingLoadBalancer(balancer) : 'unknown';
    const name = balancer?.name ?? '';
    const actionsKey = tf ? 'default_action' : 'DefaultActions';
    const actions = props[actionsKey];
    if (actions !== undefined && !Array.isArray(actions)) return;
    const list = actions ?? [];
    const verdicts = list.map((action) => redirectsToHttps(action, tf));
    if (verdicts.includes('unknown') || verdicts.includes(true)) return;
    // A redirect to plain HTTP is reported at its protocol; other actions at the list.
    const redirect = list.findIndex((action) => isObject(action) && (tf ? action.type : action.Type) === 'redirect');
    const block = redirect === -1 || !tf ? undefined : getPath(props, [actionsKey, redirect, 'redirect']);
    const redirectProtocol: NodePath = tf ? [actionsKey, redirect, 'redirect', ...(Array.isArray(block) ? [0] : []), 'protocol'] : [actionsKey, redirect, 'RedirectConfig', 'Protocol'];
    const at: NodePath = redirect !== -1 && typeof getPath(props, redirectProtocol) === 'string' ? [...path, ...redirectProtocol] : [...path, list.length > 0 ? actionsKey : protocolKey];
    if (facing === true) {
      report({ path: at, message: `The HTTP listener of the internet-facing load balancer ${name} does not redirect to HTTPS: traffic from the internet is served in clear text.` });
      return;
    }
    // Internal (or of an unresolved scheme, so internal at best): clear text inside the VPC, against "TLS everywhere".
    report({
      path: at,
      severity: 'low',
      message: `The HTTP listener of ${facing === false ? `the internal load balancer ${name}` : `${balancer ? `load balancer ${name}` : 'a load balancer outside the scan'} (its scheme is unresolved: judged as if internal)`} does not redirect to HTTPS: traffic inside the VPC travels in clear text.`,
    });
  },
});
