import { annotationPath, annotationsOf } from '../../graph/kubernetes.js';
import { DEFAULT_ELB_SSL_POLICY, classifyElbSslPolicy } from '../../graph/network.js';
import type { JsonObject, NodePath } from '../../model/types.js';
import { asObject } from '../../util/json.js';
import { createRule } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

const SSL_CERT = 'service.beta.kubernetes.io/aws-load-balancer-ssl-cert';
const SSL_PORTS = 'service.beta.kubernetes.io/aws-load-balancer-ssl-ports';
const SSL_POLICY = 'service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy';
const LB_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
const LBC_CLASS = 'service.k8s.aws/nlb';
/** EKS Auto Mode's load balancing: the controller's TLS annotations, its default security policy not documented. */
const AUTO_MODE_CLASS = 'eks.amazonaws.com/nlb';

/** A port that carries TLS end to end (the backend terminates it): 443-like numbers or https / tls names. */
function looksLikeTls(port: JsonObject): boolean {
  const names = [port.name, port.appProtocol, port.targetPort].filter((value): value is string => typeof value === 'string');
  if (names.some((name) => /(^|[-_.])(https|tls|ssl|grpcs|wss)($|[-_.])|^kubernetes\.io\/wss$/i.test(name))) return true;
  return [443, 8443, 9443, 6443].includes(Number(port.port));
}

/** A port forwarded to a backend listener that only redirects to HTTPS (ingress-nginx `tohttps`). */
function looksLikeRedirect(port: JsonObject): boolean {
  return typeof port.targetPort === 'string' && /tohttps|redirect/i.test(port.targetPort);
}

function looksLikeHttp(port: JsonObject): boolean {
  const names = [port.name, port.appProtocol].filter((value): value is string => typeof value === 'string');
  return names.some((name) => /^(https?|http2|h2c|kubernetes\.io\/h2c|web)$|(^|[-_])http($|[-_])/i.test(name)) || [80, 8080].includes(Number(port.port));
}

/** Protocols that negotiate TLS inside their own connection, by their standard port. */
const IN_BAND_TLS: ReadonlyMap<number, string> = new Map([
  [5432, 'PostgreSQL'],
  [3306, 'MySQL'],
  [1433, 'SQL Server'],
  [27017, 'MongoDB'],
  [25, 'SMTP (STARTTLS)'],
  [587, 'SMTP (STARTTLS)'],
  [389, 'LDAP (StartTLS)'],
  [143, 'IMAP (STARTTLS)'],
  [110, 'POP3 (STLS)'],
]);

function inBandTlsProtocol(port: JsonObject): string | undefined {
  for (const value of [port.port, port.targetPort]) {
    const protocol = typeof value === 'number' ? IN_BAND_TLS.get(value) : undefined;
    if (protocol) return protocol;
  }
  return undefined;
}

export default createRule({
  meta: {
    id: 'k8s/load-balancer-tls',
    title: 'LoadBalancer Services must terminate TLS 1.2+ on the AWS load balancer or pass TLS through',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['NET-5'],
    artifacts: ['kubernetes'],
    description:
      'For Services of type LoadBalancer handled by AWS (in-tree CLB/NLB, the AWS Load Balancer Controller, or EKS Auto Mode\'s `eks.amazonaws.com/nlb` class), reports each TCP port that gets no TLS listener (no `service.beta.kubernetes.io/aws-load-balancer-ssl-cert`, or a port left out of `aws-load-balancer-ssl-ports`) unless the port itself carries TLS to the pods (443 / 8443 / 9443 / 6443, or a name, appProtocol or targetPort naming https / tls) or targets a redirect-only listener (`tohttps`). With a certificate, reports a missing `aws-load-balancer-ssl-negotiation-policy` (the default ELBSecurityPolicy-2016-08 accepts TLS 1.0 and 1.1) or a predefined policy weaker than TLS 1.2 (under EKS Auto Mode, whose default policy is not documented, only a weak one set by name; the EKS guide does not list the policy annotation among those Auto Mode reads, so such a finding may name an annotation Auto Mode ignores).',
    rationale:
      'A listener without TLS carries credentials, session tokens and data in clear text over networks the workload does not control; TLS 1.0 and 1.1 have known weaknesses and are no longer acceptable for PCI DSS or FIPS. Network and Classic Load Balancers cannot redirect HTTP to HTTPS, so a plain port next to a TLS port keeps serving clear text.',
    remediation:
      'Add `service.beta.kubernetes.io/aws-load-balancer-ssl-cert: <ACM certificate ARN>`, list the TLS ports in `aws-load-balancer-ssl-ports`, set `aws-load-balancer-ssl-negotiation-policy: ELBSecurityPolicy-TLS13-1-2-2021-06` (a Classic Load Balancer, the in-tree default, has no TLS 1.3 policies: `ELBSecurityPolicy-TLS-1-2-2017-01`), and drop plain ports (or point port 80 at a backend listener that only redirects to HTTPS). Prefer an Ingress on an ALB for HTTP traffic.',
    limitations:
      'When a port passes TLS through (443 or an https/tls name) the pods are assumed to terminate TLS; their certificate and protocol versions are not visible. Ports of protocols that negotiate TLS inside their own connection (PostgreSQL 5432, MySQL 3306, SQL Server 1433, MongoDB 27017, SMTP / LDAP / IMAP / POP3 with STARTTLS) are reported at medium: whether the server requires TLS is not in the manifest. A plain HTTP port next to such a pass-through port on a Service without certificate (ingress-nginx style) is accepted: the proxy behind it redirects to HTTPS, and its Ingress objects are checked by k8s/ingress-tls. The controller flag `--default-ssl-policy` can change the default policy; set the annotation explicitly to make it visible. Services with another `loadBalancerClass` are skipped. UDP and SCTP ports are not reported (no TLS listener exists for them).',
    references: {
      peers: [],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Network separation and hardening: Encryption in transit' },
        { framework: 'AWS FSBP', id: 'ELB.3' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.artifact === 'kubernetes' && resource.type === 'Service' && asObject(resource.body.spec)?.type === 'LoadBalancer',
  check({ resource, report }) {
    const spec = asObject(resource.body.spec);
    if (!spec) return;
    const loadBalancerClass = spec.loadBalancerClass;
    if (typeof loadBalancerClass === 'string' && loadBalancerClass !== LBC_CLASS && loadBalancerClass !== AUTO_MODE_CLASS) return;
    const autoMode = loadBalancerClass === AUTO_MODE_CLASS;
    const annotations = annotationsOf(resource);
    const lbType = annotations[LB_TYPE];
    const awsController = autoMode || loadBalancerClass === LBC_CLASS || lbType === 'external' || lbType === 'nlb-ip';
    // The in-tree provider makes a Classic Load Balancer unless asked for an NLB; Classic ones have no TLS 1.3 policies.
    const classic = !awsController && lbType !== 'nlb';
    const recommended = classic ? 'ELBSecurityPolicy-TLS-1-2-2017-01' : 'ELBSecurityPolicy-TLS13-1-2-2021-06';
    const cert = annotations[SSL_CERT];
    const hasCert = cert !== undefined && cert.trim() !== '';
    const name = `Service "${resource.name}"`;

    // Which ports get a TLS listener: all of them when ssl-ports is absent; `*` is all for the in-tree
    // provider and none for the AWS Load Balancer Controller.
    const sslPortsText = annotations[SSL_PORTS];
    if (sslPortsText !== undefined && isUnresolved(sslPortsText)) return checkPolicy();
    const sslPorts = sslPortsText === undefined ? undefined : sslPortsText.split(',').map((item) => item.trim()).filter((item) => item !== '');
    const allTls = sslPorts === undefined || (!awsController && sslPorts.includes('*'));
    const isTlsPort = (port: JsonObject): boolean =>
      hasCert && (allTls || (sslPorts ?? []).some((item) => item === String(port.port) || (typeof port.name === 'string' && item === port.name)));

    if (!Array.isArray(spec.ports)) {
      checkPolicy();
      return;
    }
    const ports = spec.ports.flatMap((item, index) => {
      const port = asObject(item);
      return port ? [{ port, index }] : [];
    });
    if (ports.some(({ port }) => [port.port, port.name, port.protocol, port.targetPort].some((value) => isUnresolved(value)))) {
      checkPolicy();
      return;
    }
    const tcp = ports.filter(({ port }) => (typeof port.protocol === 'string' ? port.protocol : 'TCP').toUpperCase() === 'TCP');
    const tlsAtLb = tcp.filter(({ port }) => isTlsPort(port));
    const passThrough = tcp.filter(({ port }) => !isTlsPort(port) && looksLikeTls(port));
    const describe = (port: JsonObject): string => `${String(port.port)}${typeof port.name === 'string' ? ` (${port.name})` : ''}`;
    for (const { port, index } of tcp) {
      if (isTlsPort(port) || looksLikeTls(port) || looksLikeRedirect(port)) continue;
      const path: NodePath = ['spec', 'ports', index];
      if (tlsAtLb.length > 0) {
        report({
          path,
          message: `${name} exposes port ${describe(port)} as a plain TCP listener next to TLS port${tlsAtLb.length > 1 ? 's' : ''} ${tlsAtLb.map(({ port: tls }) => describe(tls)).join(', ')}: it is left out of ${SSL_PORTS}, and a Network or Classic Load Balancer cannot redirect it to HTTPS.`,
          fix: `Remove port ${String(port.port)}, add it to ${SSL_PORTS}, or point it at a backend listener that only redirects to HTTPS.`,
        });
      } else if (passThrough.length > 0 && !hasCert && looksLikeHttp(port)) {
        // ingress-nginx style: TLS passes through to the proxy, which redirects port 80 itself.
        continue;
      } else {
        // A protocol that negotiates TLS inside its own connection (PostgreSQL, MySQL, STARTTLS) may be encrypted end
        // to end through a plain TCP listener: whether the server requires it is not in the manifest.
        const inBand = inBandTlsProtocol(port);
        const why = hasCert ? `it is not listed in ${SSL_PORTS} (${sslPortsText ?? ''})` : `there is no ${SSL_CERT} annotation and the port does not pass TLS through`;
        report({
          path,
          ...(inBand ? { severity: 'medium' as const } : {}),
          message: `${name} exposes port ${describe(port)} through an AWS load balancer without TLS: ${why}${inBand ? `, unless ${inBand} negotiates TLS itself on this connection: make the server require it` : ''}.`,
        });
      }
    }
    checkPolicy();

    function checkPolicy(): void {
      if (!hasCert) return;
      const policy = annotations[SSL_POLICY];
      if (policy === undefined) {
        if (autoMode) return; // its default policy is not documented: unknown
        report({
          path: annotationPath(SSL_CERT),
          message: `${name} terminates TLS on the load balancer without ${SSL_POLICY}: the default ${DEFAULT_ELB_SSL_POLICY} still accepts TLS 1.0 and 1.1.`,
          fix: `Add ${SSL_POLICY}: ${recommended}.`,
        });
      } else if (classifyElbSslPolicy(policy) === 'weak') {
        report({
          path: annotationPath(SSL_POLICY),
          message: `${name} uses the security policy ${policy}, which accepts protocols older than TLS 1.2.`,
          fix: `Set ${SSL_POLICY}: ${recommended} (or another TLS 1.2+ policy${classic ? ' a Classic Load Balancer supports' : ''}).`,
        });
      }
    }
  },
});
