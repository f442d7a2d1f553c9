import { isKindOf } from '../../graph/kubernetes.js';
import { asBoolean, asObject, asString } from '../../util/json.js';
import { isUnresolved } from '../../util/template.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/apiservice-tls-verify',
    title: 'Aggregated API servers must be reached over verified TLS',
    severity: 'medium',
    seedPoints: ['NET-5'],
    artifacts: ['kubernetes'],
    description:
      'Reports an `APIService` (apiregistration.k8s.io) backed by an in-cluster service that sets `spec.insecureSkipTLSVerify: true`: the API server then proxies requests for that API group (the metrics API of metrics-server, custom and external metrics adapters) to the service without checking its certificate.',
    rationale:
      'The API server forwards requests to an aggregated API server with the caller\'s identity in headers and trusts its answers. Without certificate verification, whoever can answer for the service\'s address (a compromised pod, a spoofed endpoint, a rogue Service in that namespace) receives those requests and can forge the API\'s responses, which autoscalers and admission decisions act on.',
    remediation:
      'Set `spec.caBundle` to the CA that signed the serving certificate and remove `insecureSkipTLSVerify`. cert-manager\'s CA injector fills `caBundle` from a Certificate (`cert-manager.io/inject-ca-from` annotation); metrics-server\'s Helm chart does the same with `apiService.insecureSkipTLSVerify: false` and `tls.type: cert-manager`.',
    limitations: 'Local APIServices (no `spec.service`) are served by the API server itself and are not checked.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://kubernetes.io/docs/tasks/extend-kubernetes/configure-aggregation-layer/', 'https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/api-service-v1/'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => isKindOf(resource, 'apiregistration.k8s.io', 'APIService'),
  check({ resource, report }) {
    const spec = asObject(resource.body.spec);
    if (!spec || !asObject(spec.service)) return;
    const skip = spec.insecureSkipTLSVerify;
    if (isUnresolved(skip) || asBoolean(skip) !== true) return;
    const service = asObject(spec.service);
    // A namespace left out is filled in when the manifest is applied (kustomize, `kubectl -n`): the name alone then.
    const namespace = asString(service?.namespace);
    const name = `${namespace ? `${namespace}/` : ''}${asString(service?.name) ?? '(unnamed)'}`;
    report({
      path: ['spec', 'insecureSkipTLSVerify'],
      message: `APIService "${resource.name}" lets the API server reach service ${name} without verifying its TLS certificate (insecureSkipTLSVerify: true): whoever answers for that service receives the API's requests and can forge its responses.`,
    });
  },
});
