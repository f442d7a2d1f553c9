import { ISTIO_NETWORKING, isIstio, istioGatewayServers, referencedIstioGateways, serverExposes, type IstioServer } from '../../graph/istio.js';
import type { JsonValue, Resource } from '../../model/types.js';
import { asArray, asObject } from '../../util/json.js';
import { createRule, type RuleContext } from '../rule.js';

/** Server protocols an Istio Gateway serves in clear text (HTTPS and TLS terminate or pass TLS through). */
const PLAIN_HTTP = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB']);
const OLD_TLS = new Set(['TLSV1_0', 'TLSV1_1']);
/** TLS modes in which the gateway does not terminate TLS, so its protocol versions are the backend's. */
const PASSTHROUGH = new Set(['PASSTHROUGH', 'AUTO_PASSTHROUGH']);

function quotedName(resource: Resource): string {
  return resource.namespace !== undefined ? `"${resource.namespace}/${resource.name}"` : `"${resource.name}"`;
}

function describeServer(server: IstioServer): string {
  const name = server.name !== undefined ? `"${server.name}" ` : '';
  return `server ${name}(${server.protocol}${server.port !== undefined ? `, port ${server.port}` : ''}) of Istio Gateway ${quotedName(server.gateway)}`;
}

function checkGateway({ resource, report }: RuleContext): void {
  for (const server of istioGatewayServers(resource)) {
    const version = server.tls?.minProtocolVersion;
    if (typeof version !== 'string' || !OLD_TLS.has(version) || PASSTHROUGH.has(String(server.tls?.mode))) continue;
    report({
      path: ['spec', 'servers', server.index, 'tls', 'minProtocolVersion'],
      message: `The ${describeServer(server)} accepts ${version === 'TLSV1_0' ? 'TLS 1.0' : 'TLS 1.1'} (tls.minProtocolVersion: ${version}): TLS 1.0 and 1.1 are deprecated (RFC 8996) and open to downgrade attacks; Istio's default is TLS 1.2.`,
    });
  }
}

/** An HTTP route that serves requests (routes or delegates them) rather than redirecting or answering directly. */
function servesRequests(route: JsonValue): boolean {
  const entry = asObject(route);
  if (!entry || entry.redirect !== undefined || entry.directResponse !== undefined) return false;
  return asArray(entry.route).length > 0 || entry.delegate !== undefined;
}

function checkVirtualService({ resource, report, graph }: RuleContext): void {
  const spec = asObject(resource.body.spec);
  if (!spec || !asArray(spec.http).some(servesRequests)) return;
  const hosts = asArray(spec.hosts).filter((host): host is string => typeof host === 'string');
  for (const [index, reference] of asArray(spec.gateways).entries()) {
    if (typeof reference !== 'string') continue;
    const plain = referencedIstioGateways(resource, reference, graph)
      .flatMap(istioGatewayServers)
      .filter((server) => PLAIN_HTTP.has(server.protocol) && server.tls?.httpsRedirect !== true && serverExposes(server, resource, hosts) === true);
    const first = plain[0];
    if (!first) continue;
    const more = plain.length > 1 ? ` (and ${plain.length - 1} more plain-text server${plain.length > 2 ? 's' : ''})` : '';
    report({
      path: ['spec', 'gateways', index],
      message: `VirtualService ${quotedName(resource)} serves its HTTP routes on the ${describeServer(first)}${more}, which has no tls.httpsRedirect: requests, credentials and responses cross the network in clear text.`,
    });
  }
}

export default createRule({
  meta: {
    id: 'k8s/istio-gateway-tls',
    title: 'Istio ingress gateways must serve TLS 1.2+ and redirect plain HTTP',
    severity: 'high',
    seedPoints: ['NET-5'],
    artifacts: ['kubernetes'],
    description:
      'For Istio Gateways (networking.istio.io) of the scan: reports a server that terminates TLS (HTTPS or TLS, not `PASSTHROUGH`) with `tls.minProtocolVersion` `TLSV1_0` or `TLSV1_1`, and each VirtualService that attaches routes which forward requests (`route` or `delegate`, not `redirect` or `directResponse`) to a plain-text server (`HTTP`, `HTTP2`, `GRPC`, `GRPC-WEB`) without `tls.httpsRedirect: true`, at the VirtualService\'s `gateways` entry. Attachment follows Istio: a `gateways` entry `namespace/name` or `name` (the VirtualService\'s namespace), one of the server\'s `hosts` admitting the VirtualService\'s namespace (`./`, `*/`, `namespace/` or no prefix) and overlapping its hosts (`*` and `*.` wildcards).',
    rationale:
      'The ingress gateway is where clients reach the application. A plain-HTTP server that forwards requests lets credentials, session cookies and personal data cross the internet readable and alterable; TLS 1.0 and 1.1 are deprecated (RFC 8996) and kept only for clients that should have been upgraded. The usual layout is an HTTPS server for the application and an HTTP server with `httpsRedirect: true`.',
    remediation:
      'Give the HTTP server `tls: { httpsRedirect: true }` (Envoy answers every plain request with a 301 to https), and serve the application on an HTTPS server with `tls.mode: SIMPLE` and a certificate from cert-manager (`credentialName`). Leave `minProtocolVersion` unset (TLS 1.2) or set `TLSV1_2` / `TLSV1_3`. Behind an AWS load balancer, terminate TLS there with an ACM certificate and a TLS 1.2+ policy instead.',
    limitations:
      'Gateways outside the scan, templated hosts or references, and the long-form `gateway.namespace.svc.cluster.local` references are unknown and not reported; a plain-text server that no VirtualService of the scan uses is not reported (it serves nothing). TLS terminated in front of the gateway (an NLB with a TLS listener, CloudFront) is not visible here: suppress the rule on such VirtualServices. Kubernetes Gateway API objects, which Istio also serves, are checked by k8s/gateway-route-tls.',
    references: {
      peers: [],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Network separation and hardening: Encryption in transit' }],
      links: ['https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings', 'https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/', 'https://www.rfc-editor.org/rfc/rfc8996'],
    },
  },
  appliesTo: (resource) => isIstio(resource, ISTIO_NETWORKING, 'Gateway') || isIstio(resource, ISTIO_NETWORKING, 'VirtualService'),
  check(context) {
    if (context.resource.type === 'Gateway') checkGateway(context);
    else checkVirtualService(context);
  },
});
