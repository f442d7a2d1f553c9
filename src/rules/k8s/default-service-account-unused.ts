import { BINDING_KINDS, bindingScope, describeBinding, describeRole, describeSubject, isClusterAdminEquivalent, rbacIndex, subjectScope } from '../../graph/rbac.js';
import { isToolDefault } from '../../loaders/embedded-registry.js';
import type { JsonValue, NodePath } from '../../model/types.js';
import { asObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/default-service-account-unused',
    title: "A namespace's default ServiceAccount must carry no token and no permissions",
    severity: 'medium',
    seedPoints: ['EKS-4'],
    artifacts: ['kubernetes'],
    description:
      'Reports a `ServiceAccount` named `default` whose `automountServiceAccountToken` is not `false`, and each RoleBinding / ClusterRoleBinding subject that is a `default` ServiceAccount. Bindings of cluster-admin are left to `k8s/rbac-cluster-admin-binding`; bindings named or labelled as Kubernetes\' own are skipped.',
    rationale:
      'Every pod that names no ServiceAccount runs as its namespace\'s `default` one. A token mounted there, or a permission bound to it, is handed to every such pod, including ones added later by people who never asked for it; a compromised pod then holds whatever the namespace\'s default identity can do.',
    remediation:
      'Set `automountServiceAccountToken: false` on each namespace\'s `default` ServiceAccount, and bind permissions only to dedicated ServiceAccounts that the workloads needing them name in `serviceAccountName`.',
    limitations:
      'Only `default` ServiceAccounts declared in the scan are checked for the token (Kubernetes creates one in every namespace, with automounting on, that manifests rarely declare: workloads running as it are reported by `k8s/dedicated-service-account`). A value given by a template expression is unknown and not reported.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_K8S_41' },
        { tool: 'checkov', id: 'CKV_K8S_42' },
        { tool: 'kubescape', id: 'C-0189' },
      ],
      frameworks: [{ framework: 'CIS EKS Benchmark 1.5', id: '4.1.5' }],
      links: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting'],
    },
  },
  appliesTo: (resource) => resource.artifact === 'kubernetes' && ((resource.type === 'ServiceAccount' && resource.name === 'default') || BINDING_KINDS.has(resource.type)),
  check({ resource, graph, report }) {
    if (resource.type === 'ServiceAccount') {
      const automount = resource.body.automountServiceAccountToken;
      if (automount === false || isUnknown(automount)) return;
      const where = resource.namespace !== undefined ? ` of namespace "${resource.namespace}"` : '';
      report({
        path: automount === undefined ? namePath(resource.body.metadata) : ['automountServiceAccountToken'],
        message: `The "default" ServiceAccount${where} mounts its token into every pod that names no ServiceAccount (automountServiceAccountToken is ${automount === undefined ? 'not set, so true' : String(automount)}).`,
        fix: 'Set automountServiceAccountToken: false on the ServiceAccount.',
      });
      return;
    }
    const binding = rbacIndex(graph).bindingOf(resource);
    if (!binding?.roleRef || binding.platform) return;
    if (binding.role ? isClusterAdminEquivalent(binding.role) : binding.roleRef.kind === 'ClusterRole' && binding.roleRef.name === 'cluster-admin') return;
    const roleText = binding.role ? describeRole(binding.role) : `${binding.roleRef.kind} "${binding.roleRef.name}"`;
    for (const subject of binding.subjects) {
      if (subjectScope(subject) !== 'default-service-account') continue;
      report({
        path: subject.path,
        message: `${describeBinding(binding)} grants ${roleText} ${bindingScope(binding)} to ${describeSubject(subject)}.`,
        fix: 'Create a ServiceAccount for the workload that needs the permissions, bind the role to it, and name it in the workload\'s serviceAccountName.',
      });
    }
  },
});

/** The `name` field; the object itself when there is none, or when a tool wrote it (Terraform's `kubernetes_default_service_account`). */
function namePath(metadata: JsonValue | undefined): NodePath {
  const object = asObject(metadata);
  return object && !isToolDefault(object, 'name') ? ['metadata', 'name'] : [];
}
