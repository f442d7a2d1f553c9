import type { Resource } from '../../model/types.js';
import { asObject } from '../../util/json.js';
import { isUnresolved } from '../../util/template.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/no-service-external-ips',
    title: 'Services must not claim external IPs',
    severity: 'medium',
    seedPoints: [],
    artifacts: ['kubernetes'],
    description:
      'Reports Services that set `spec.externalIPs` (headless and ExternalName Services excepted: kube-proxy programs nothing for them). A templated list, or templated entries, are unknown; the literal addresses are named in the message.',
    rationale:
      'kube-proxy on every node sends traffic for a Service\'s external IPs to that Service\'s pods, whoever owns those addresses. Anyone allowed to create a Service can so intercept the traffic that pods send to an external address, another Service\'s load balancer or a well-known DNS server (CVE-2020-8554, a design issue with no fix in Kubernetes itself). CIS Kubernetes 1.2.3 asks for the DenyServiceExternalIPs admission plugin; on EKS the API server\'s flags are not yours to set, so only a policy stops it.',
    remediation:
      'Remove `externalIPs` and expose the Service through a LoadBalancer Service or an Ingress. Reject the field cluster-wide with a ValidatingAdmissionPolicy, Kyverno or Gatekeeper, allowing only the addresses a platform team owns.',
    limitations:
      'Every Service with external IPs is reported, also one whose addresses the cluster owner controls: suppress it with a reason. Whether an admission policy already restricts the field is not visible in the manifest.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'CIS Kubernetes Benchmark 1.9', id: '1.2.3' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Network separation and hardening' },
      ],
      links: ['https://github.com/kubernetes/kubernetes/issues/97076', 'https://kubernetes.io/docs/concepts/services-networking/service/#external-ips'],
    },
  },
  scope: 'resource',
  appliesTo: (resource: Resource) => resource.artifact === 'kubernetes' && resource.type === 'Service',
  check({ resource, report }) {
    const spec = asObject(resource.body.spec);
    const ips = spec?.externalIPs;
    if (!spec || !Array.isArray(ips) || ips.length === 0) return;
    // kube-proxy programs no rules for headless and ExternalName Services.
    if (spec.type === 'ExternalName' || spec.clusterIP === 'None') return;
    const literal = ips.filter((ip): ip is string => typeof ip === 'string' && ip.trim() !== '' && !isUnresolved(ip));
    if (literal.length === 0) return;
    const shown = literal.length > 3 ? `${literal.slice(0, 3).join(', ')} and ${literal.length - 3} more` : literal.join(', ');
    report({
      path: ['spec', 'externalIPs'],
      message: `Service "${resource.name}" claims external IPs (${shown}): kube-proxy on every node sends traffic for those addresses to this Service's pods, so traffic pods send to them is intercepted (CVE-2020-8554).`,
    });
  },
});
