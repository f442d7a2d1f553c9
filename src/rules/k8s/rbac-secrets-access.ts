import {
  bindingScope,
  checkPermission,
  describeBinding,
  describeRole,
  describeSubjects,
  grantOnTargets,
  isRoleOrBinding,
  unboundNote,
  type Grant,
  type PolicyRule,
} from '../../graph/rbac.js';
import { createRule } from '../rule.js';

const SECRETS = [{ group: '', resource: 'secrets' }];
const READ_VERBS = ['get', 'list', 'watch'];
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

function grants(rule: PolicyRule): Grant[] {
  // resourceNames limits the grant to named Secrets: the least-privilege way to use one (and it cannot name
  // a Secret to create, so such a rule grants no `create`).
  if (rule.resourceNames.length > 0) return [];
  // A rule that reads them is high; its text names the writes it also grants.
  const read = grantOnTargets(rule, SECRETS, READ_VERBS);
  const all = read && grantOnTargets(rule, SECRETS, [...READ_VERBS, ...WRITE_VERBS]);
  if (all) return [{ text: all.text, path: all.path }];
  const write = grantOnTargets(rule, SECRETS, WRITE_VERBS);
  return write ? [{ text: write.text, path: write.path, severity: 'medium' }] : [];
}

export default createRule({
  meta: {
    id: 'k8s/rbac-secrets-access',
    title: 'RBAC must not grant access to all Secrets',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports RBAC grants of `get`, `list` or `watch` on `secrets` in the core API group, wildcards included (`*` verbs, `*` resources, `*` API groups), and (medium) grants that only write them (`create`, `update`, `patch`, `delete`, `deletecollection`), unless the rule is limited with `resourceNames`. A grant is reported once: on each RoleBinding / ClusterRoleBinding of the scan that hands the role out (at `roleRef.name`, naming the subjects), or on the Role / ClusterRole rule itself when no binding of the scan grants the role.',
    rationale:
      'Secrets hold passwords, API keys, TLS keys and service account tokens. `list` and `watch` return the value of every Secret in scope, not just names; a holder of a ClusterRoleBinding reads every credential of the cluster, including tokens of more privileged service accounts. Writing them replaces the credentials and TLS keys that workloads trust, and creates token Secrets for other service accounts.',
    remediation:
      'Drop secrets (and `*` resources) from the role. When an application must read a Secret, mount it into the pod, or grant `get` on that Secret only with `resourceNames: [<name>]` in a namespaced Role.',
    limitations:
      'Kubernetes\' own roles and bindings (`system:`, `eks:`, `gce:` names, the `kubernetes.io/bootstrapping: rbac-defaults` label, and the default `cluster-admin` / `admin` / `edit` / `view` ClusterRoles) are not reported as roles. Bindings of the default `cluster-admin` are reported by k8s/rbac-cluster-admin-binding instead; a RoleBinding of the default `admin` / `edit` to users or groups (Kubernetes\' standard namespace delegation) is not reported, one that reaches a ServiceAccount or a broad group, or a ClusterRoleBinding of them, is. A binding to a role that is neither in the scan nor a default is not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0041' },
        { tool: 'kube-linter', id: 'access-to-secrets' },
        { tool: 'kubescape', id: 'C-0015' },
      ],
      frameworks: [
        { framework: 'CIS EKS Benchmark 1.5', id: '4.1.2' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' },
      ],
      links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets'],
    },
  },
  appliesTo: isRoleOrBinding,
  check(context) {
    checkPermission(context, {
      grants,
      roleMessage: (role, grant) =>
        grant.severity === undefined
          ? `${describeRole(role)} can read Secrets (${grant.text}): list and watch return the value of every Secret in scope. ${unboundNote(role)}`
          : `${describeRole(role)} can change or delete Secrets (${grant.text}): it can replace or remove the credentials and TLS keys workloads use. ${unboundNote(role)}`,
      bindingMessage: (binding, texts) =>
        `${describeBinding(binding)} lets ${describeSubjects(binding.subjects)} access Secrets ${bindingScope(binding)} through ${describeRole(binding.role)}: ${texts.join('; ')}.`,
    });
  },
});
