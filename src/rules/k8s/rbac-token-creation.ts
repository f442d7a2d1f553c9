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

function grants(rule: PolicyRule): Grant[] {
  const grant = grantOnTargets(rule, [{ group: '', resource: 'serviceaccounts/token' }], ['create']);
  if (!grant) return [];
  // The TokenRequest names its ServiceAccount, so resourceNames limits the grant to those accounts' tokens.
  if (rule.resourceNames.length > 0) return [{ text: `${grant.text} of ${joinWords(rule.resourceNames.map((name) => `"${name}"`))}`, path: grant.path, severity: 'low' }];
  return [{ text: grant.text, path: grant.path }];
}

const CONSEQUENCE =
  'each TokenRequest returns a valid API token for the ServiceAccount it names, so the holder acts with the permissions of every ServiceAccount the grant reaches (controllers in kube-system included, when it reaches there)';

export default createRule({
  meta: {
    id: 'k8s/rbac-token-creation',
    title: 'RBAC must not let applications create tokens for other service accounts',
    severity: 'high',
    otherSeverities: ['low'],
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports RBAC grants of `create` on `serviceaccounts/token` in the core API group (the TokenRequest API), wildcards included (`*` verbs, `*` or `*/token` resources, `*` API groups; Kubernetes has no `serviceaccounts/*` wildcard). A grant limited with `resourceNames` (tokens of the named ServiceAccounts only) is reported at low. A grant is reported once: on each RoleBinding / ClusterRoleBinding of the scan that hands the role out (at `roleRef.name`, naming the subjects), or on the Role / ClusterRole rule itself when no binding of the scan grants the role.',
    rationale:
      'Service account tokens are issued on request through the TokenRequest API (and since Kubernetes 1.24 no longer kept in Secrets). Whoever may create `serviceaccounts/token` gets a token for any ServiceAccount in reach, without impersonation rights and without running a pod: it is the permissions of the most privileged ServiceAccount of the namespace, or of the cluster through a ClusterRoleBinding. CIS Kubernetes Benchmark 5.1.13 asks to minimize this access.',
    remediation:
      'Pods get their own token through the projected volume the kubelet requests; applications do not need this permission. A component that really mints tokens (a CI runner, an identity broker) should name the ServiceAccounts it may issue tokens for with `resourceNames`, in a Role of its own namespace.',
    limitations:
      'Kubernetes\' own roles and bindings (`system:`, `eks:`, `gce:` names, the `kubernetes.io/bootstrapping: rbac-defaults` label, and the default `cluster-admin` / `admin` / `edit` / `view` ClusterRoles) are not reported as roles; a RoleBinding of the default `admin` / `edit` to users or groups (which include this grant) is Kubernetes\' standard namespace delegation and is not reported, one that reaches a ServiceAccount or a broad group, or a ClusterRoleBinding of them, is. A binding to a role that is neither in the scan nor a default is not reported.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'CIS Kubernetes Benchmark 1.9', id: '5.1.13' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' },
      ],
      links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request'],
    },
  },
  appliesTo: isRoleOrBinding,
  check(context) {
    checkPermission(context, { grants, ...grantMessages('create service account tokens', CONSEQUENCE) });
  },
});
