import { annotationsOf, namespaceKey } from '../../graph/kubernetes.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { Resource } from '../../model/types.js';

import { asArray, asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';
import { isUnresolved } from '../../util/template.js';

/** cert-manager's ingress-shim annotations (and the pre-1.0 `certmanager.k8s.io` ones, and kube-lego's). */
const CERT_MANAGER_ANNOTATIONS = [
  'cert-manager.io/cluster-issuer',
  'cert-manager.io/issuer',
  'certmanager.k8s.io/cluster-issuer',
  'certmanager.k8s.io/issuer',
];
const TLS_ACME = 'kubernetes.io/tls-acme';
const ACM_ANNOTATION = 'alb.ingress.kubernetes.io/certificate-arn';
const ALB_CONTROLLER = 'ingress.k8s.aws/alb';
/** Other controllers that obtain certificates themselves (ACME resolvers, managed certificates). */
const OTHER_AUTOMATION = ['traefik.ingress.kubernetes.io/router.tls.certresolver', 'networking.gke.io/managed-certificates'];

const FIX =
  'Automate the certificate: on EKS with the AWS Load Balancer Controller, use an ACM certificate (DNS validation) through `alb.ingress.kubernetes.io/certificate-arn` or ACM discovery from the TLS hosts; with another controller, add `cert-manager.io/cluster-issuer: <issuer>` to the Ingress (or a cert-manager Certificate whose `secretName` is the TLS secret) so the key is generated in the cluster and renewed before it expires.';

export default createRule({
  meta: {
    id: 'k8s/ingress-certificate-automated',
    title: 'Ingress TLS certificates must be issued and renewed automatically',
    severity: 'medium',
    seedPoints: ['NET-6'],
    artifacts: ['kubernetes'],
    description:
      'For every `spec.tls` entry of an Ingress, looks for an automated certificate source: a cert-manager issuer annotation (`cert-manager.io/cluster-issuer`, `cert-manager.io/issuer`, `kubernetes.io/tls-acme`), a cert-manager Certificate in the scan whose `secretName` is the entry\'s secret, or ACM on the AWS Load Balancer Controller (`alb.ingress.kubernetes.io/certificate-arn`, or the `alb` class, which discovers ACM certificates from the TLS hosts and ignores `secretName`). Reports entries without one, naming the committed `kubernetes.io/tls` Secret or the ExternalSecret when the scan has it, and entries without `secretName` (the controller serves its default certificate).',
    rationale:
      'Certificates managed by hand expire (outages) and need their private key handled by people, which ends up in repositories and tickets. ACM and cert-manager generate the key where it is used, validate domain ownership and renew before expiry, without anyone seeing the key.',
    remediation: FIX,
    limitations:
      'Only the files of the scan are known: a Certificate kept in another repository, a wildcard Secret replicated by a controller (reflector, kubed) or a certificate injected by a service mesh cannot be seen; add the Certificate to the scan or suppress the finding with a reason. Whether the named issuer exists, uses DNS validation, or whether the ACM certificate covers the hosts is not checked. Gateway API listeners are not checked by this rule.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'AWS EKS Best Practices', id: 'Encryption in transit' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Network separation and hardening: TLS' },
      ],
      links: [
        'https://cert-manager.io/docs/usage/ingress/',
        'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/cert_discovery/',
      ],
    },
  },
  appliesTo: (resource) => resource.type === 'Ingress' && asArray(asObject(resource.body.spec)?.tls).length > 0,
  check({ resource, report, graph }) {
    const annotations = annotationsOf(resource);
    const spec = asObject(resource.body.spec) ?? {};
    const certManager = CERT_MANAGER_ANNOTATIONS.some((key) => (annotations[key] ?? '').trim() !== '') || annotations[TLS_ACME] === 'true';
    const otherAutomation = OTHER_AUTOMATION.some((key) => (annotations[key] ?? '').trim() !== '');
    const controller = ingressController(resource, graph);
    if (controller === 'alb') return; // ACM: certificate-arn or discovery from the TLS hosts; secretName is ignored
    if ((annotations[ACM_ANNOTATION] ?? '').trim() !== '' && controller === undefined) return;

    asArray(spec.tls).forEach((item, index) => {
      const entry = asObject(item);
      if (!entry) return;
      const hosts = asArray(entry.hosts).filter((host): host is string => typeof host === 'string');
      const label = hosts.length > 0 ? `TLS entry for ${hosts.join(', ')}` : `TLS entry ${index + 1}`;
      const secretName = asString(entry.secretName);
      if (secretName === undefined || secretName.trim() === '') {
        if (otherAutomation) return;
        report({
          path: ['spec', 'tls', index],
          message: certManager
            ? `${label} has no secretName: cert-manager only issues certificates for TLS entries that name the Secret to write.`
            : `${label} has no secretName and no automated certificate: the ingress controller serves its default (usually self-signed) certificate.`,
          fix: FIX,
        });
        return;
      }
      if (isUnresolved(secretName)) return;
      if (certManager || otherAutomation || hasCertificate(graph, resource, secretName)) return;
      const path = ['spec', 'tls', index, 'secretName'];
      const committed = committedTlsSecret(graph, resource, secretName);
      if (committed) {
        report({
          path,
          message: `${label} serves the committed TLS Secret "${secretName}" (its private key is in the repository) instead of a certificate issued by cert-manager or ACM.`,
          fix: FIX,
        });
        return;
      }
      const external = externalSource(graph, resource, secretName);
      report({
        path,
        message: external
          ? `${label} uses Secret "${secretName}" from ${external}: the certificate is copied from a store, not issued and renewed automatically (no cert-manager issuer annotation, Certificate or ACM certificate).`
          : `${label} uses Secret "${secretName}" with no automated source: no cert-manager issuer annotation, no cert-manager Certificate for it in the scan, no ACM certificate.`,
        fix: FIX,
      });
    });
  },
});

/** Unset namespaces match any: manifests are often applied with `-n` or given a namespace by Kustomize. */
function sameNamespace(a: Resource, b: Resource): boolean {
  return a.namespace === undefined || b.namespace === undefined || namespaceKey(a) === namespaceKey(b);
}

/** `alb` when the AWS Load Balancer Controller handles the Ingress, `other` for another known class, undefined when no class is known. */
function ingressController(resource: Resource, graph: ResourceGraph): 'alb' | 'other' | undefined {
  const spec = asObject(resource.body.spec) ?? {};
  const className = asString(spec.ingressClassName) ?? annotationsOf(resource)['kubernetes.io/ingress.class'];
  const classes = graph.ofType('kubernetes', 'IngressClass');
  if (className !== undefined && className.trim() !== '') {
    if (isUnresolved(className)) return undefined;
    const ingressClass = classes.find((candidate) => candidate.name === className);
    if (ingressClass) return asString(asObject(ingressClass.body.spec)?.controller) === ALB_CONTROLLER ? 'alb' : 'other';
    return className === 'alb' ? 'alb' : 'other';
  }
  const defaults = classes.filter((candidate) => annotationsOf(candidate)['ingressclass.kubernetes.io/is-default-class'] === 'true');
  if (defaults.length === 1 && defaults[0]) return asString(asObject(defaults[0].body.spec)?.controller) === ALB_CONTROLLER ? 'alb' : 'other';
  return undefined;
}

function hasCertificate(graph: ResourceGraph, ingress: Resource, secretName: string): boolean {
  return graph
    .ofType('kubernetes', 'Certificate')
    .some(
      (certificate) =>
        /^(cert-manager\.io|certmanager\.k8s\.io)\//.test(certificate.apiVersion ?? '') &&
        asString(asObject(certificate.body.spec)?.secretName) === secretName &&
        sameNamespace(certificate, ingress),
    );
}

function committedTlsSecret(graph: ResourceGraph, ingress: Resource, secretName: string): Resource | undefined {
  return graph.named('kubernetes', 'Secret', secretName).find((secret) => {
    if (!sameNamespace(secret, ingress)) return false;
    if (asString(secret.body.type) !== 'kubernetes.io/tls') return false;
    const key = asObject(secret.body.data)?.['tls.key'] ?? asObject(secret.body.stringData)?.['tls.key'];
    return typeof key === 'string' && key.trim() !== '';
  });
}

/** ExternalSecret / SealedSecret / SecretProviderClass producing the Secret, described for the message. */
function externalSource(graph: ResourceGraph, ingress: Resource, secretName: string): string | undefined {
  for (const type of ['ExternalSecret', 'ClusterExternalSecret', 'SealedSecret']) {
    for (const candidate of graph.ofType('kubernetes', type)) {
      if (!sameNamespace(candidate, ingress)) continue;
      const spec = asObject(candidate.body.spec) ?? {};
      const target =
        type === 'SealedSecret'
          ? (asString(asObject(asObject(spec.template)?.metadata)?.name) ?? candidate.name)
          : (asString(asObject(spec.target)?.name) ?? asString(asObject(asObject(spec.externalSecretSpec)?.target)?.name) ?? candidate.name);
      if (target === secretName) return `${type} "${candidate.name}"`;
    }
  }
  return undefined;
}
