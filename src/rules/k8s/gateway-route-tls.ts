import { isGatewayApi, parentRefPath, routeAttachments, type GatewayListener } from '../../graph/gateway-api.js';
import type { Resource } from '../../model/types.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { isUnresolved } from '../../util/template.js';
import { createRule } from '../rule.js';

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'] as const;

function isRoute(resource: Resource): boolean {
  return ROUTE_KINDS.some((kind) => isGatewayApi(resource, kind));
}

/**
 * The rules of a route that send requests to backends (1-based, as people count them): rules with backendRefs
 * and no redirect to https. `undefined` when a filter the scan cannot read (ExtensionRef, a templated value)
 * may redirect.
 */
function forwardingRules(route: Resource): number[] | undefined {
  const forwarding: number[] = [];
  for (const [index, entry] of asArray(asObject(route.body.spec)?.rules).entries()) {
    const rule = asObject(entry);
    if (!rule || asArray(rule.backendRefs).length === 0) continue;
    let redirects = false;
    for (const filter of asArray(rule.filters)) {
      const type = asString(asObject(filter)?.type);
      if (type === 'ExtensionRef' || isUnresolved(type)) return undefined;
      const scheme = asObject(asObject(filter)?.requestRedirect)?.scheme;
      if (type === 'RequestRedirect' && isUnresolved(scheme)) return undefined;
      if (type === 'RequestRedirect' && typeof scheme === 'string' && scheme.toLowerCase() === 'https') redirects = true;
    }
    if (!redirects) forwarding.push(index + 1);
  }
  return forwarding;
}

function describeListener(listener: GatewayListener): string {
  const gateway = listener.gateway.namespace !== undefined ? `${listener.gateway.namespace}/${listener.gateway.name}` : listener.gateway.name;
  return `listener "${listener.name}" (HTTP${listener.port !== undefined ? `, port ${listener.port}` : ''}) of Gateway "${gateway}"`;
}

export default createRule({
  meta: {
    id: 'k8s/gateway-route-tls',
    title: 'Gateway API routes must not serve requests on plain-HTTP listeners',
    severity: 'high',
    seedPoints: ['NET-5'],
    artifacts: ['kubernetes'],
    description:
      'For an HTTPRoute or GRPCRoute (gateway.networking.k8s.io) attached to a Gateway of the scan: reports each parentRef that attaches the route to an `HTTP` listener, when the route has rules that forward to `backendRefs` without a `RequestRedirect` filter to `scheme: https` (a GRPCRoute has no redirect: any of its rules with backends counts). Attachment follows the Gateway API: the parentRef names the Gateway (namespace defaulting to the route\'s), optionally one listener by `sectionName` or `port`; the listener must admit the route\'s namespace (`allowedRoutes.namespaces.from`: `Same` by default, `All`, or `Selector` over the Namespace\'s labels) and kind (`allowedRoutes.kinds`), and its `hostname` must intersect the route\'s `hostnames` (`*.example.com` matches the names below it). An HTTP listener no route uses, or one whose routes only redirect to HTTPS, is not reported.',
    rationale:
      'A route attached to a plain-HTTP listener serves its backends in clear text: credentials, session cookies and personal data cross the network readable and alterable by anyone on the path. The usual layout is an HTTPS listener for the application and an HTTP listener whose only route redirects to HTTPS.',
    remediation:
      'Attach the application\'s routes to an HTTPS listener only (`parentRefs[].sectionName: https`), with `tls.mode: Terminate` and a certificate from cert-manager or ACM (AWS Load Balancer Controller Gateway, VPC Lattice). For the HTTP listener, keep one HTTPRoute whose rule has a `RequestRedirect` filter with `scheme: https` and `statusCode: 301`, and no backendRefs.',
    limitations:
      'Routes whose Gateway is not in the scan, parentRefs to a Service (GAMMA mesh routes), a `Selector` over Namespaces the scan does not hold (other than on `kubernetes.io/metadata.name`), rules with `ExtensionRef` filters (an implementation\'s redirect) and templated values are unknown and not reported. TLS terminated in front of the Gateway (a TLS listener on an NLB, CloudFront) is not visible here; suppress the rule on such routes. TLS versions of HTTPS listeners are implementation-specific (`tls.options`) and not checked.',
    references: {
      peers: [{ tool: 'polaris', id: 'polaris:httpRouteInsecureListener' }],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Network separation and hardening: Encryption in transit' }],
      links: ['https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/', 'https://gateway-api.sigs.k8s.io/reference/spec/#parentreference'],
    },
  },
  appliesTo: isRoute,
  check({ resource, graph, report }) {
    const attachments = routeAttachments(resource, graph)
      .map((attachment) => ({ ...attachment, listeners: attachment.listeners.filter((listener) => listener.protocol === 'HTTP') }))
      .filter((attachment) => attachment.listeners.length > 0);
    if (attachments.length === 0) return;
    const rules = forwardingRules(resource);
    if (rules === undefined || rules.length === 0) return;
    const serving = rules.length === 1 ? `rule ${rules[0]} forwards` : `rules ${rules.join(', ')} forward`;
    const instead = resource.type === 'GRPCRoute' ? 'to its backends in clear text' : 'to backends instead of redirecting to HTTPS';
    for (const attachment of attachments) {
      const listeners = attachment.listeners.map(describeListener).join(' and ');
      report({
        path: parentRefPath(attachment.parentRef),
        key: `parentRef:${attachment.listeners.map((listener) => `${listener.gateway.name}/${listener.name}`).join(',')}`,
        message: `${resource.type} "${resource.name}" is served over plain HTTP: it attaches to the ${listeners}, and its ${serving} ${instead}.`,
      });
    }
  },
});
