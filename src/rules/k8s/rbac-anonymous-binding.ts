import type { Resource } from '../../model/types.js';
import { BINDING_KINDS, bindingScope, describeBinding, describeRole, describeSubject, rbacIndex, subjectScope } from '../../graph/rbac.js';
import { createRule } from '../rule.js';

/** Granted to unauthenticated requests by default (health, version): the only expected anonymous grant. */
const PUBLIC_DEFAULT_ROLES = new Set(['system:public-info-viewer']);

export default createRule({
  meta: {
    id: 'k8s/rbac-anonymous-binding',
    title: 'RBAC must not grant anything to anonymous or unauthenticated requests',
    severity: 'critical',
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports every subject `User system:anonymous` or `Group system:unauthenticated` of a RoleBinding or ClusterRoleBinding, whatever the role, except the default grant of `system:public-info-viewer` (health and version endpoints).',
    rationale:
      'The EKS API server accepts anonymous requests and maps them to `system:anonymous` / `system:unauthenticated`. Any permission bound to them is open to everyone who can reach the cluster endpoint, which for a public endpoint is the whole internet, without credentials or audit identity.',
    remediation:
      'Delete the subject (or the binding). Grant the permission to authenticated identities that need it instead, and keep the API endpoint private or CIDR-restricted.',
    limitations: 'The role is not looked at: any grant to anonymous requests is reported, even to a role that is not in the scan.',
    references: {
      peers: [{ tool: 'kubescape', id: 'C-0262' }],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: disable anonymous access' }],
      links: ['https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests'],
    },
  },
  appliesTo: (resource: Resource) => BINDING_KINDS.has(resource.type),
  check({ resource, graph, report }) {
    const binding = rbacIndex(graph).bindingOf(resource);
    if (!binding?.roleRef) return;
    if (binding.roleRef.kind === 'ClusterRole' && PUBLIC_DEFAULT_ROLES.has(binding.roleRef.name)) return;
    const roleText = binding.role ? describeRole(binding.role) : `${binding.roleRef.kind} "${binding.roleRef.name}"`;
    for (const subject of binding.subjects) {
      if (subjectScope(subject) !== 'anonymous') continue;
      report({
        path: subject.path,
        message: `${describeBinding(binding)} grants ${roleText} ${bindingScope(binding)} to ${describeSubject(subject)}: anyone who can reach the API endpoint gets it without credentials.`,
      });
    }
  },
});
