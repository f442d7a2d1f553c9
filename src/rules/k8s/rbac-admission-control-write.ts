import {
  checkPermission,
  grantMessages,
  isRoleOrBinding,
  writeGrants,
  type Grant,
  type PolicyRule,
  type RbacTarget,
} from '../../graph/rbac.js';
import { createRule } from '../rule.js';

/** The cluster's admission control: webhooks and in-process admission policies with their bindings. */
const TARGETS: readonly RbacTarget[] = [
  'mutatingwebhookconfigurations',
  'validatingwebhookconfigurations',
  'validatingadmissionpolicies',
  'validatingadmissionpolicybindings',
  'mutatingadmissionpolicies',
  'mutatingadmissionpolicybindings',
].map((resource) => ({ group: 'admissionregistration.k8s.io', resource }));
const VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

function grants(rule: PolicyRule, namespaced: boolean): Grant[] {
  // All of these are cluster-scoped: a Role, or a ClusterRole granted by a RoleBinding, does not reach them.
  return namespaced ? [] : writeGrants(rule, TARGETS, VERBS);
}

const CONSEQUENCE =
  'a webhook they point elsewhere receives the objects sent to the API server (Secrets included), a mutating one rewrites them (pod specs included), and deleting or loosening a validating webhook or admission policy switches off what it enforces';

export default createRule({
  meta: {
    id: 'k8s/rbac-admission-control-write',
    title: 'RBAC must not let applications change admission webhooks or policies',
    severity: 'high',
    otherSeverities: ['low'],
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports cluster-wide RBAC grants of `create`, `update`, `patch`, `delete` or `deletecollection` on admission control objects of `admissionregistration.k8s.io`: `mutatingwebhookconfigurations`, `validatingwebhookconfigurations`, and the admission policies and policy bindings (`validatingadmissionpolicies`, `mutatingadmissionpolicies`, their `...bindings`), wildcards included (`*` verbs, `*` resources, `*` API groups). A grant is reported once: on each ClusterRoleBinding of the scan that hands the role out (at `roleRef.name`, naming the subjects), or on the ClusterRole rule itself when no binding of the scan grants the role.',
    rationale:
      'Admission control is where a cluster enforces its policies (Pod Security, image and registry rules, Kyverno or Gatekeeper). Whoever writes a mutating webhook receives every object sent to the API server, Secrets included, and can rewrite pod specs to add privileges or containers; whoever deletes a validating webhook or policy removes the guardrails for everyone. It is a path from a narrow grant to control of the cluster.',
    remediation:
      'Leave admission configuration to the platform team and the controllers that own it (cert-manager, policy engines install their own). When a controller must update its own webhook (to rotate the CA bundle), name it with `resourceNames` and grant `get`, `update`, `patch` only (still reported, at low).',
    limitations:
      'Kubernetes\' own roles and bindings (`system:`, `eks:`, `gce:` names, the `kubernetes.io/bootstrapping: rbac-defaults` label, and the default `cluster-admin` / `admin` / `edit` / `view` ClusterRoles) are not reported as roles; bindings of the default `cluster-admin` are reported by k8s/rbac-cluster-admin-binding instead. A rule limited with `resourceNames` (a controller keeping the CA bundle of its own webhook current) is reported at low: whoever updates a webhook also decides what it intercepts. A binding to a role that is neither in the scan nor a default is not reported. Grants in a Role, or through a RoleBinding, are not reported: these objects are cluster-scoped.',
    references: {
      peers: [{ tool: 'trivy', id: 'AVD-KSV-0114' }],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' }],
      links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks'],
    },
  },
  appliesTo: isRoleOrBinding,
  check(context) {
    checkPermission(context, { grants, ...grantMessages("change the cluster's admission control", CONSEQUENCE, true) });
  },
});
