import type { Resource } from '../../model/types.js';
import {
  BINDING_KINDS,
  bindingScope,
  describeBinding,
  describeRole,
  describeSubjects,
  isBroadScope,
  isClusterAdminEquivalent,
  rbacIndex,
  subjectScope,
} from '../../graph/rbac.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/rbac-cluster-admin-binding',
    title: 'cluster-admin must be bound only to administrator groups',
    severity: 'critical',
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports RoleBindings and ClusterRoleBindings that grant the default `cluster-admin` ClusterRole, or a role equivalent to it (`*` verbs, or get/list/watch/create/update/patch/delete, on `*` resources in `*` API groups), to anything but `system:masters` or a group named as an administrators group (`platform-admins`, `cluster-admins`...). Users, service accounts and broad subjects (`system:authenticated`, `system:serviceaccounts[:<ns>]`, `system:unauthenticated`, nodes, a namespace\'s `default` ServiceAccount, any other group) are reported at `roleRef.name`; the message says when the grant reaches many identities at once.',
    rationale:
      'cluster-admin is every permission on every object, secrets and RBAC included: whoever holds it owns the cluster and every workload identity in it. Granted to a broad group it hands the cluster to every authenticated principal or every pod; granted to a user or a workload\'s service account it turns one stolen credential into a full compromise. Even a RoleBinding gives full control of the namespace, Secrets, Roles and pods included.',
    remediation:
      'Bind a role limited to what the subject does (namespaced Role + RoleBinding per application). Keep cluster-admin for a small administrators group, mapped through EKS access entries with `AmazonEKSClusterAdminPolicy` or a dedicated group, and use it just in time.',
    limitations:
      'Bindings named or labelled as Kubernetes\' or the provider\'s own (`system:`, `eks:`, `gce:`, `kubernetes.io/bootstrapping: rbac-defaults`) are not reported. Whether a group is an administrators group is judged from its name. A binding to a role that is neither in the scan nor the default cluster-admin is not reported.',
    references: {
      peers: [
        { tool: 'polaris', id: 'polaris:clusterrolebindingClusterAdmin' },
        { tool: 'polaris', id: 'polaris:rolebindingClusterAdminClusterRole' },
        { tool: 'polaris', id: 'polaris:rolebindingClusterAdminRole' },
        { tool: 'kube-linter', id: 'cluster-admin-role-binding' },
        { tool: 'kubescape', id: 'C-0035' },
      ],
      frameworks: [
        { framework: 'CIS EKS Benchmark 1.5', id: '4.1.1' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' },
      ],
      links: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles'],
    },
  },
  appliesTo: (resource: Resource) => BINDING_KINDS.has(resource.type),
  check({ resource, graph, report }) {
    const binding = rbacIndex(graph).bindingOf(resource);
    if (!binding || binding.platform || !binding.role || !binding.roleRef) return;
    if (!isClusterAdminEquivalent(binding.role)) return;
    const offending = binding.subjects.filter((subject) => {
      const scope = subjectScope(subject);
      return scope !== 'masters' && scope !== 'admin-group';
    });
    if (offending.length === 0) return;
    const role = binding.role;
    const roleText = role.builtIn && role.name === 'cluster-admin' ? describeRole(role) : `${describeRole(role)}, which is equivalent to cluster-admin,`;
    const control = binding.kind === 'ClusterRoleBinding' ? 'full control of the cluster' : `full control of ${bindingScope(binding).replace(/^in /, '')}`;
    const broad = offending.some((subject) => isBroadScope(subjectScope(subject)));
    report({
      path: binding.roleRef.path,
      message: `${describeBinding(binding)} grants ${roleText} to ${describeSubjects(offending)}: ${control}${broad ? ', handed to many identities at once' : ''}.`,
    });
  },
});
