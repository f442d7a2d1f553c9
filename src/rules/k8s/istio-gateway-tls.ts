import { ISTIO_NETWORKING, isEgressGateway, istioGatewayServers, quotedIstioName, referencedIstioGateways, resolveGatewayReference, sameGateway, serverExposes, type GatewayReference, type IstioServer } from '../../graph/istio.js';
import { isKindOf } from '../../graph/kubernetes.js';
import type { JsonObject, Resource } from '../../model/types.js';
import { asArray, asObject } from '../../util/json.js';
import { createRule, type RuleContext } from '../rule.js';

/** Server protocols an Istio Gateway serves in clear text (HTTPS and TLS terminate or pass TLS through). */
const PLAIN_HTTP = new Set(['HTTP', 'HTTP2', 'GRPC', 'GRPC-WEB']);
/** Server protocols whose TLS the gateway negotiates (unless it passes it through). */
const TERMINATES_TLS = new Set(['HTTPS', 'TLS']);
const OLD_TLS = new Set(['TLSV1_0', 'TLSV1_1']);
/** TLS modes in which the gateway does not terminate TLS, so its protocol versions are the backend's. */
const PASSTHROUGH = new Set(['PASSTHROUGH', 'AUTO_PASSTHROUGH']);

function describeServer(server: IstioServer): string {
  const name = server.name !== undefined ? `"${server.name}" ` : '';
  return `server ${name}(${server.protocol}${server.port !== undefined ? `, port ${server.port}` : ''}) of Istio Gateway ${quotedIstioName(server.gateway)}`;
}

function checkGateway({ resource, report }: RuleContext): void {
  for (const server of istioGatewayServers(resource)) {
    const version = server.tls?.minProtocolVersion;
    if (!TERMINATES_TLS.has(server.protocol) || server.tlsUnknown || typeof version !== 'string' || !OLD_TLS.has(version)) continue;
    if (PASSTHROUGH.has(String(server.tls?.mode))) continue;
    report({
      path: ['spec', 'servers', server.index, 'tls', 'minProtocolVersion'],
      message: `The ${describeServer(server)} accepts ${version === 'TLSV1_0' ? 'TLS 1.0' : 'TLS 1.1'} (tls.minProtocolVersion: ${version}): TLS 1.0 and 1.1 are deprecated (RFC 8996) and open to downgrade attacks; Istio's default is TLS 1.2.`,
    });
  }
}

/** The ACME HTTP-01 challenge path: answered over plain HTTP by design (RFC 8555, 8.3), and public. */
const ACME_CHALLENGE = '/.well-known/acme-challenge/';

/** An HTTP route that serves requests (routes or delegates them) rather than redirecting or answering directly. */
function servesRequests(route: JsonObject): boolean {
  if (route.redirect !== undefined || route.directResponse !== undefined) return false;
  return asArray(route.route).length > 0 || route.delegate !== undefined;
}

/** A match that only ever sees ACME HTTP-01 challenges (cert-manager's solver route). */
function isAcmeChallenge(match: JsonObject): boolean {
  const uri = asObject(match.uri);
  const path = typeof uri?.prefix === 'string' ? uri.prefix : typeof uri?.exact === 'string' ? uri.exact : undefined;
  return path !== undefined && path.startsWith(ACME_CHALLENGE);
}

/**
 * Whether a route takes requests that arrive through `gateway` on `port`: a route without matches takes them all;
 * otherwise some match must allow the gateway (its `gateways`, when set, override the VirtualService's) and the port.
 */
function routeTakes(virtualService: Resource, route: JsonObject, gateway: GatewayReference, port: number | undefined): boolean {
  const matches = asArray(route.match).map((match) => asObject(match) ?? {});
  if (matches.length === 0) return true;
  return matches.some((match) => {
    if (isAcmeChallenge(match)) return false;
    const gateways = asArray(match.gateways).filter((entry): entry is string => typeof entry === 'string');
    const named = gateways.map((entry) => resolveGatewayReference(virtualService, entry));
    if (gateways.length > 0 && !named.some((entry) => entry !== undefined && sameGateway(entry, gateway))) return false;
    if (match.port === undefined) return true;
    return typeof match.port === 'number' && (port === undefined || match.port === port); // a templated port: unknown
  });
}

function checkVirtualService({ resource, report, graph }: RuleContext): void {
  const spec = asObject(resource.body.spec);
  const routes = asArray(spec?.http).flatMap((entry) => {
    const route = asObject(entry);
    return route && servesRequests(route) ? [route] : [];
  });
  if (!spec || routes.length === 0) return;
  const hosts = asArray(spec.hosts).filter((host): host is string => typeof host === 'string');
  for (const [index, entry] of asArray(spec.gateways).entries()) {
    const reference = typeof entry === 'string' ? resolveGatewayReference(resource, entry) : undefined;
    if (!reference) continue;
    const plain = referencedIstioGateways(reference, graph)
      .flatMap(istioGatewayServers)
      .filter(
        (server) =>
          PLAIN_HTTP.has(server.protocol) &&
          !server.tlsUnknown &&
          server.tls?.httpsRedirect !== true &&
          serverExposes(server, resource, hosts) === true &&
          routes.some((route) => routeTakes(resource, route, reference, server.port)),
      );
    const first = plain[0];
    if (!first) continue;
    const more = plain.length > 1 ? ` (and ${plain.length - 1} more plain-text server${plain.length > 2 ? 's' : ''})` : '';
    if (isEgressGateway(first.gateway)) {
      report({
        path: ['spec', 'gateways', index],
        severity: 'medium',
        message: `VirtualService ${quotedIstioName(resource)} sends mesh traffic through the ${describeServer(first)}${more}: the hop from the sidecars to the egress gateway is plain text, without Istio mutual TLS. Serve it as HTTPS with tls.mode ISTIO_MUTUAL and route to it through a DestinationRule subset with tls.mode ISTIO_MUTUAL.`,
      });
      continue;
    }
    report({
      path: ['spec', 'gateways', index],
      message: `VirtualService ${quotedIstioName(resource)} serves its HTTP routes on the ${describeServer(first)}${more}, which has no tls.httpsRedirect: requests, credentials and responses cross the network in clear text.`,
    });
  }
}

export default createRule({
  meta: {
    id: 'k8s/istio-gateway-tls',
    title: 'Istio gateways must serve TLS 1.2+ and not forward plain HTTP',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['NET-5'],
    artifacts: ['kubernetes'],
    description:
      'For Istio Gateways (networking.istio.io) of the scan: reports a server that terminates TLS (HTTPS or TLS, not `PASSTHROUGH`) with `tls.minProtocolVersion` `TLSV1_0` or `TLSV1_1`, and each VirtualService that attaches routes which forward requests (`route` or `delegate`, not `redirect` or `directResponse`) to a plain-text server (`HTTP`, `HTTP2`, `GRPC`, `GRPC-WEB`) without `tls.httpsRedirect: true`, at the VirtualService\'s `gateways` entry. Attachment follows Istio: a `gateways` entry `namespace/name`, `./name`, `name.namespace[.svc.cluster.local]` or `name` (the VirtualService\'s namespace); one of the server\'s `hosts` admitting the VirtualService\'s namespace (`./`, `*/`, `namespace/` or no prefix) and overlapping its hosts (`*` and `*.` wildcards); a route taking requests from that Gateway (a match\'s `gateways` overrides the VirtualService\'s) on that server\'s port (`match.port`). Routes that only answer ACME HTTP-01 challenges (`/.well-known/acme-challenge/`, plain HTTP by design) are left out. On an egress gateway (`istio: egressgateway`) the plain-text hop is the one from the sidecars to the gateway, reported at medium.',
    rationale:
      'The ingress gateway is where clients reach the application. A plain-HTTP server that forwards requests lets credentials, session cookies and personal data cross the internet readable and alterable; TLS 1.0 and 1.1 are deprecated (RFC 8996) and kept only for clients that should have been upgraded. The usual layout is an HTTPS server for the application and an HTTP server with `httpsRedirect: true`.',
    remediation:
      'Give the HTTP server `tls: { httpsRedirect: true }` (Envoy answers every plain request with a 301 to https), and serve the application on an HTTPS server with `tls.mode: SIMPLE` and a certificate from cert-manager (`credentialName`). Leave `minProtocolVersion` unset (TLS 1.2) or set `TLSV1_2` / `TLSV1_3`. Behind an AWS load balancer, terminate TLS there with an ACM certificate and a TLS 1.2+ policy instead. On an egress gateway, serve the port as HTTPS with `tls.mode: ISTIO_MUTUAL` and route to it through a DestinationRule subset with `tls.mode: ISTIO_MUTUAL` (Istio\'s egress TLS origination task).',
    limitations:
      'Gateways outside the scan and templated hosts, references, ports or `tls` settings are unknown and not reported; a plain-text server that no VirtualService of the scan uses is not reported (it serves nothing). TLS terminated in front of the gateway (an NLB with a TLS listener, CloudFront) is not visible here: suppress the rule on such VirtualServices. Kubernetes Gateway API objects, which Istio also serves, are checked by k8s/gateway-route-tls.',
    references: {
      peers: [],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Network separation and hardening: Encryption in transit' }],
      links: ['https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings', 'https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/', 'https://www.rfc-editor.org/rfc/rfc8996'],
    },
  },
  appliesTo: (resource) => isKindOf(resource, ISTIO_NETWORKING, 'Gateway') || isKindOf(resource, ISTIO_NETWORKING, 'VirtualService'),
  check(context) {
    if (context.resource.type === 'Gateway') checkGateway(context);
    else checkVirtualService(context);
  },
});
