import { isKubernetesNetworkPolicy, networkPolicyStructureProblems } from '../../graph/network-policy.js';
import { dottedPath } from '../../util/json.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'core/malformed-network-policy',
    title: 'NetworkPolicy selectors and peers must have the structure the API server accepts',
    severity: 'medium',
    seedPoints: ['NET-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports networking.k8s.io NetworkPolicies whose `podSelector`, or a peer of an ingress `from` / egress `to` rule, is malformed: a field a LabelSelector does not have (the usual slip: `podSelector: {app: web}`, a label written directly under the selector instead of under `matchLabels`), a peer field other than `podSelector`, `namespaceSelector` and `ipBlock`, an empty peer or one that is not a map, a `from` / `to` that is not a list, a selector, `matchLabels` or `matchExpressions` of the wrong kind, label values and expression values that are not strings, and match expressions without a key, with an operator other than `In`, `NotIn`, `Exists` and `DoesNotExist`, `In` / `NotIn` without values or `Exists` / `DoesNotExist` with values. Such a policy does not count as covering any pod in k8s/network-policy-coverage, so the pods it was meant to isolate are reported there, and k8s/network-policy-broad-allow leaves it alone (it allows nothing). Values left to a template (`{{ }}`, `${VAR}`) are not judged.',
    rationale:
      'The API server refuses the policy: match expressions fail LabelSelector validation, and unknown fields fail strict field validation, which `kubectl apply` and Helm use by default. The pods it was written to isolate stay open while the manifest reads as if they were protected. Where validation is turned off, the unknown field is dropped instead, and `podSelector: {app: web}` becomes `podSelector: {}`: every pod of the namespace, not the intended ones.',
    remediation:
      'Put labels under `matchLabels` (`podSelector: {matchLabels: {app: web}}`), write peers as `podSelector`, `namespaceSelector` or `ipBlock`, and give `In` / `NotIn` expressions their values. `kubectl apply --dry-run=server` shows what the API server says.',
    limitations:
      'Only selectors and peers are checked, not the whole NetworkPolicy schema (ports and ipBlock CIDRs are checked by k8s/network-policy-broad-allow where they widen a rule). Cilium and Calico policies have their own schemas and are not checked.',
    references: {
      peers: [],
      frameworks: [],
      links: [
        'https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/label-selector/',
        'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
      ],
    },
  },
  scope: 'resource',
  appliesTo: isKubernetesNetworkPolicy,
  check({ resource, report }) {
    for (const { path, problem } of networkPolicyStructureProblems(resource)) {
      report({
        path,
        message: `NetworkPolicy "${resource.name}": ${dottedPath(path)}: ${problem}. The API server rejects this policy, so it isolates no pod.`,
      });
    }
  },
});
