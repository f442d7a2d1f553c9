import { ISTIO_NETWORKING, ISTIO_SECURITY, quotedIstioName } from '../../graph/istio.js';
import { isKindOf, labelsOf } from '../../graph/kubernetes.js';
import type { JsonObject, NodePath, Resource } from '../../model/types.js';
import { asArray, asObject } from '../../util/json.js';
import { createRule, type RuleContext } from '../rule.js';

/** Istio's default root namespace: a PeerAuthentication there without a selector is the mesh-wide policy. */
const ROOT_NAMESPACE = 'istio-system';

function isPeerAuthentication(resource: Resource): boolean {
  return isKindOf(resource, ISTIO_SECURITY, 'PeerAuthentication');
}

function isDestinationRule(resource: Resource): boolean {
  return isKindOf(resource, ISTIO_NETWORKING, 'DestinationRule');
}

/** Which workloads a PeerAuthentication governs, for messages. */
function peerScope(resource: Resource, selector: ReadonlyArray<[string, string]>): string {
  if (selector.length > 0) return `workloads matching ${selector.map(([key, value]) => `${key}=${value}`).join(', ')}`;
  if (resource.namespace === ROOT_NAMESPACE) return `the whole mesh (no selector in the root namespace ${ROOT_NAMESPACE})`;
  return resource.namespace !== undefined ? `every workload of namespace "${resource.namespace}"` : 'every workload of its namespace';
}

const PLAIN_TEXT_ACCEPTED: Readonly<Record<string, string>> = {
  DISABLE: 'the sidecars accept plain text only, so calls between workloads cross the network unencrypted and without workload identity',
  PERMISSIVE: 'the sidecars accept plain text next to mutual TLS, so any pod, or anything that reaches the pod IPs, can call these workloads unencrypted and without a workload certificate',
};

function checkPeerAuthentication({ resource, report }: RuleContext, spec: JsonObject): void {
  const selector = Object.entries(labelsOf(asObject(asObject(spec.selector)?.matchLabels)));
  // Istio ignores policies with a workload selector in the root namespace.
  if (selector.length > 0 && resource.namespace === ROOT_NAMESPACE) return;
  const scope = peerScope(resource, selector);
  const check = (mode: unknown, path: NodePath, where: string): void => {
    if (mode !== 'DISABLE' && mode !== 'PERMISSIVE') return; // STRICT, UNSET (inherits), templated or invalid values
    report({
      path,
      severity: mode === 'DISABLE' ? 'high' : 'medium',
      message: `PeerAuthentication ${quotedIstioName(resource)} sets mTLS mode ${mode} for ${where}${scope}: ${PLAIN_TEXT_ACCEPTED[mode]}.`,
    });
  };
  check(asObject(spec.mtls)?.mode, ['spec', 'mtls', 'mode'], '');
  // Port-level settings apply with a workload selector only (Istio rejects them without one).
  if (selector.length === 0) return;
  for (const [port, settings] of Object.entries(asObject(spec.portLevelMtls) ?? {})) {
    check(asObject(settings)?.mode, ['spec', 'portLevelMtls', port, 'mode'], `port ${port} of `);
  }
}

/** Every TLS settings block of a DestinationRule: the rule's, its ports', its subsets' and their ports'. */
function destinationTlsSettings(spec: JsonObject): Array<{ tls: JsonObject; path: NodePath; where: string }> {
  const found: Array<{ tls: JsonObject; path: NodePath; where: string }> = [];
  const policy = (trafficPolicy: JsonObject | undefined, path: NodePath, where: string): void => {
    if (!trafficPolicy) return;
    const tls = asObject(trafficPolicy.tls);
    if (tls) found.push({ tls, path: [...path, 'tls'], where });
    for (const [index, entry] of asArray(trafficPolicy.portLevelSettings).entries()) {
      const settings = asObject(entry);
      const portTls = asObject(settings?.tls);
      const port = asObject(settings?.port)?.number;
      if (portTls) found.push({ tls: portTls, path: [...path, 'portLevelSettings', index, 'tls'], where: `${where}${typeof port === 'number' ? ` on port ${port}` : ''}` });
    }
  };
  policy(asObject(spec.trafficPolicy), ['spec', 'trafficPolicy'], '');
  for (const [index, entry] of asArray(spec.subsets).entries()) {
    const subset = asObject(entry);
    const name = subset?.name;
    policy(asObject(subset?.trafficPolicy), ['spec', 'subsets', index, 'trafficPolicy'], typeof name === 'string' ? ` (subset "${name}")` : ` (subset ${index + 1})`);
  }
  return found;
}

/** The Kubernetes API server: it has no sidecar and always speaks TLS, so `DISABLE` toward it is Istio's own advice. */
const KUBERNETES_API = /^kubernetes\.default(?:\.svc(?:\.cluster\.local)?)?$/;

function checkDestinationRule({ resource, report }: RuleContext, spec: JsonObject): void {
  if (typeof spec.host === 'string' && KUBERNETES_API.test(spec.host)) return;
  const host = typeof spec.host === 'string' ? `host "${spec.host}"` : 'its host';
  for (const { tls, path, where } of destinationTlsSettings(spec)) {
    if (tls.mode === 'DISABLE') {
      report({
        path: [...path, 'mode'],
        severity: 'medium',
        message: `DestinationRule ${quotedIstioName(resource)} disables TLS to ${host}${where} (tls.mode: DISABLE): the calling sidecars neither use Istio mutual TLS nor originate TLS to it, so unless the application speaks TLS itself the traffic crosses the network in plain text.`,
      });
    } else if (tls.insecureSkipVerify === true) {
      report({
        path: [...path, 'insecureSkipVerify'],
        severity: 'medium',
        message: `DestinationRule ${quotedIstioName(resource)} skips verifying the server certificate of ${host}${where} (tls.insecureSkipVerify: true): whoever can intercept the connection can pose as the server and read the traffic.`,
      });
    }
  }
}

export default createRule({
  meta: {
    id: 'k8s/istio-mtls',
    title: 'Istio must not accept or send plain text between workloads',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['NET-5'],
    artifacts: ['kubernetes'],
    description:
      'Reports Istio settings that let traffic between workloads go unencrypted: a PeerAuthentication (security.istio.io) whose `mtls.mode`, or a `portLevelMtls` entry of a policy with a workload selector, is `DISABLE` (high: the sidecars accept plain text only) or `PERMISSIVE` (medium: plain text accepted next to mutual TLS), and a DestinationRule (networking.istio.io) whose `tls` settings, for the host, a port, a subset or a subset\'s port, have `mode: DISABLE` (medium: the callers\' sidecars use neither mutual TLS nor TLS origination, so the traffic is plain text unless the application encrypts it) or `insecureSkipVerify: true` (medium: the server certificate is not verified). The message says what the setting governs: the whole mesh (no selector in the root namespace `istio-system`), a namespace, or the workloads of a selector. Not reported, as Istio ignores or rejects them: a policy with a selector in the root namespace, and `portLevelMtls` without a selector; nor a DestinationRule to the Kubernetes API server (`kubernetes.default.svc...`), which speaks TLS itself and has no sidecar.',
    rationale:
      'Inside an EKS cluster, pods talk across the VPC network, between nodes and often between Availability Zones. With strict mutual TLS every call is encrypted and carries the caller\'s workload identity, which Istio AuthorizationPolicies then check; a PERMISSIVE or DISABLE policy lets any pod (or anything routed to a pod IP) call the workloads in clear text and without identity, and a DestinationRule with TLS disabled or unverified sends data readable, or open to an impostor, on the path.',
    remediation:
      'Set `mtls.mode: STRICT` in a PeerAuthentication named `default` in the root namespace (mesh-wide), and do not override it with PERMISSIVE or DISABLE in namespaces or for workloads once their clients have sidecars (PERMISSIVE is for the migration only). Remove `tls.mode: DISABLE` from DestinationRules (omitting `tls` keeps automatic mutual TLS, or use `ISTIO_MUTUAL`); for hosts outside the mesh use `SIMPLE` with the server\'s CA (`caCertificates` or `credentialName`) and `sni`, never `insecureSkipVerify`.',
    limitations:
      'The mesh configuration is not read: a root namespace other than `istio-system` is treated as an ordinary namespace, and the mesh-wide default mode that applies when no PeerAuthentication exists (PERMISSIVE) is not reported. Templated and invalid modes are unknown and not reported. A DestinationRule to a destination that does not speak TLS at all (a database without TLS support outside the mesh), or whose application speaks TLS itself, is reported: suppress it with a reason. `tls.mode: SIMPLE` without `caCertificates` / `credentialName` is not reported: since Istio 1.20 the proxy verifies such servers against the operating system\'s CA bundle, and older versions did not verify them.',
    references: {
      peers: [],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Network separation and hardening: Encryption in transit' }],
      links: [
        'https://istio.io/latest/docs/reference/config/security/peer_authentication/',
        'https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings',
        'https://github.com/kyverno/policies/blob/main/istio/enforce-strict-mtls/enforce-strict-mtls.yaml',
        'https://github.com/kyverno/policies/blob/main/istio/enforce-tls-hosts-host-subnets/enforce-tls-hosts-host-subnets.yaml',
      ],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => isPeerAuthentication(resource) || isDestinationRule(resource),
  check(context) {
    const spec = asObject(context.resource.body.spec);
    if (!spec) return;
    if (isPeerAuthentication(context.resource)) checkPeerAuthentication(context, spec);
    else checkDestinationRule(context, spec);
  },
});
