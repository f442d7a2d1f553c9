import {
  checkPermission,
  grantMessages,
  grantOnTargets,
  isRoleOrBinding,
  joinWords,
  type Grant,
  type PolicyRule,
} from '../../graph/rbac.js';
import { createRule } from '../rule.js';

function grants(rule: PolicyRule, namespaced: boolean, namespace?: string): Grant[] {
  const grant = grantOnTargets(rule, [{ group: '', resource: 'namespaces' }], ['update', 'patch']);
  if (!grant) return [];
  const names = rule.resourceNames;
  // Through a Role or a RoleBinding only the namespace's own object is in reach, and resourceNames may leave it out.
  if (namespaced) return namespace !== undefined && names.length > 0 && !names.includes(namespace) ? [] : [{ text: `${grant.text}, on the namespace's own object`, path: grant.path }];
  return [{ text: names.length > 0 ? `${grant.text} named ${joinWords(names.map((name) => `"${name}"`))}` : grant.text, path: grant.path }];
}

const CONSEQUENCE =
  'whoever may change a Namespace object may relabel it, and the `pod-security.kubernetes.io/enforce` label decides which pods Pod Security admission lets in (set to `privileged`, it admits host namespaces, hostPath volumes and privileged containers in that namespace), as labels decide which NetworkPolicies that select namespaces let its traffic through';

export default createRule({
  meta: {
    id: 'k8s/rbac-namespace-modification',
    title: 'RBAC must not let applications change Namespace objects',
    severity: 'medium',
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports RBAC grants of `update` or `patch` on `namespaces` in the core API group, wildcards included (`*` verbs, `*` resources, `*` API groups): cluster-wide through a ClusterRoleBinding, or on its own namespace through a Role or RoleBinding. A grant is reported once: on each RoleBinding / ClusterRoleBinding of the scan that hands the role out (at `roleRef.name`, naming the subjects), or on the Role / ClusterRole rule itself when no binding of the scan grants the role.',
    rationale:
      'Pod Security admission reads its level from labels on the Namespace object. Permission to update or patch a namespace is permission to lower that level, after which every pod spec the holder (or anyone creating pods there) writes is admitted however privileged; NetworkPolicies with a `namespaceSelector` also match namespaces by their labels. Kubernetes\' RBAC good practices list namespace modification among the escalation paths.',
    remediation:
      'Keep Namespace objects, and their labels, with the platform team or the GitOps tooling that creates them. Applications only need to read their namespace (`get`). If an operator must label namespaces, consider a policy engine (Kyverno, Gatekeeper, a ValidatingAdmissionPolicy) that stops it from changing the `pod-security.kubernetes.io/*` labels.',
    limitations:
      'Kubernetes\' own roles and bindings (`system:`, `eks:`, `gce:` names, the `kubernetes.io/bootstrapping: rbac-defaults` label, and the default `cluster-admin` / `admin` / `edit` / `view` ClusterRoles) are not reported as roles; bindings of the default `cluster-admin` are reported by k8s/rbac-cluster-admin-binding instead. Whether a policy engine in the cluster protects the Pod Security labels is not visible in the grant. A binding to a role that is neither in the scan nor a default is not reported.',
    references: {
      peers: [],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' }],
      links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#namespace-modification'],
    },
  },
  appliesTo: isRoleOrBinding,
  check(context) {
    checkPermission(context, { grants, ...grantMessages('change Namespace objects', CONSEQUENCE) });
  },
});
