import {
  bindingScope,
  checkPermission,
  describeBinding,
  describeRole,
  describeSubjects,
  isRoleOrBinding,
  joinWords,
  matchRule,
  RBAC_API_GROUP,
  rulePath,
  unboundNote,
  type Grant,
  type PolicyRule,
} from '../../graph/rbac.js';
import { createRule } from '../rule.js';

interface Facet {
  verb: string;
  groups: string[];
  resources: string[];
  /** Resources a namespaced grant of the verb cannot reach (cluster-scoped objects the verb acts on). */
  clusterScoped: string[];
}

const FACETS: Facet[] = [
  { verb: 'escalate', groups: [RBAC_API_GROUP], resources: ['roles', 'clusterroles'], clusterScoped: ['clusterroles'] },
  // Kubernetes checks `bind` in the namespace of the binding being created: a Role's `bind` on clusterroles lets
  // its holder bind any ClusterRole, cluster-admin included, within the Role's namespace.
  { verb: 'bind', groups: [RBAC_API_GROUP], resources: ['roles', 'clusterroles'], clusterScoped: [] },
  { verb: 'impersonate', groups: [''], resources: ['users', 'groups', 'serviceaccounts'], clusterScoped: ['users', 'groups'] },
  { verb: 'impersonate', groups: ['authentication.k8s.io'], resources: ['uids', 'userextras'], clusterScoped: ['uids', 'userextras'] },
];

/** Roles whose bind or escalate is cluster-admin (or nearly) in its scope. */
const POWERFUL_ROLE = /^(cluster-admin|admin|edit|system:.+)$/;
/** Identities whose impersonation is cluster-admin: the system:masters group, the admin users kubeadm and clusters name. */
const POWERFUL_IDENTITY: Readonly<Record<string, RegExp>> = { groups: /^system:masters$/, users: /^(system:admin|kubernetes-admin)$/ };

/**
 * The names of `resourceNames` whose grant is as good as unlimited: `bind` / `escalate` of cluster-admin, admin, edit
 * or a system role, `impersonate` of system:masters.
 */
function powerfulNames(verb: string, resource: string, names: readonly string[]): string[] {
  // A Role named `admin` is the namespace's own; the built-in admin, edit and cluster-admin are ClusterRoles.
  const pattern = verb === 'impersonate' ? POWERFUL_IDENTITY[resource] : resource === 'clusterroles' ? POWERFUL_ROLE : undefined;
  return pattern ? names.filter((name) => pattern.test(name)) : [];
}

function grants(rule: PolicyRule, namespaced: boolean): Grant[] {
  // resourceNames limits the verb to named roles / identities, the documented least-privilege way to use it, unless it
  // names cluster-admin or system:masters.
  const limited = rule.resourceNames.length > 0;
  const byVerb = new Map<string, { resources: string[]; entry: string }>();
  for (const facet of FACETS) {
    for (const resource of facet.resources) {
      if (namespaced && facet.clusterScoped.includes(resource)) continue;
      const named = limited ? powerfulNames(facet.verb, resource, rule.resourceNames) : [];
      if (limited && named.length === 0) continue;
      const match = matchRule(rule, facet.groups, resource, [facet.verb]);
      if (!match) continue;
      const found = byVerb.get(facet.verb) ?? { resources: [], entry: match.verbs.includes(facet.verb) ? facet.verb : '*' };
      found.resources.push(limited ? `${resource} named ${joinWords(named)}` : resource);
      byVerb.set(facet.verb, found);
    }
  }
  const first = [...byVerb.values()][0];
  if (!first) return [];
  const parts = [...byVerb].map(([verb, { resources, entry }]) => `${verb}${entry === '*' ? ' (through "*")' : ''} on ${joinWords(resources)}`);
  return [{ text: parts.join('; '), path: rulePath(rule, 'verbs', first.entry) }];
}

export default createRule({
  meta: {
    id: 'k8s/rbac-privilege-escalation-verbs',
    title: 'RBAC must not grant escalate, bind or impersonate',
    severity: 'high',
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports RBAC grants of `escalate` or `bind` on roles / clusterroles, and of `impersonate` on users, groups, service accounts, uids or userextras, wildcards included (`*` verbs, `*` resources, `*` API groups), unless limited with `resourceNames` to other names than the ClusterRoles `cluster-admin`, `admin`, `edit` and `system:*` (for bind and escalate) or the `system:masters` group and the `system:admin` / `kubernetes-admin` users (for impersonate). A namespaced Role reaches what it can act on in its namespace: `bind` on clusterroles counts (Kubernetes checks `bind` in the namespace of the binding being created, so the holder may bind cluster-admin there), `escalate` on clusterroles and `impersonate` of users and groups do not. A grant is reported once: on each RoleBinding / ClusterRoleBinding of the scan that hands the role out (at `roleRef.name`), or on the Role / ClusterRole rule itself (at the verb) when no binding of the scan grants the role.',
    rationale:
      'These verbs switch off RBAC\'s escalation prevention: `escalate` lets the holder write roles with permissions it does not have, `bind` lets it bind any role (cluster-admin included) to itself, and `impersonate` lets it act as any user, group or service account. Each is equivalent to cluster-admin in the scope where it is granted.',
    remediation:
      'Remove the verbs, and replace `*` verbs on RBAC resources with the explicit ones needed (get, list, watch, create, update, patch, delete). When a controller must bind or impersonate, limit the rule with `resourceNames` to the roles or identities it manages.',
    limitations:
      'Kubernetes\' own roles and bindings (`system:`, `eks:`, `gce:` names, the `kubernetes.io/bootstrapping: rbac-defaults` label, and the default `cluster-admin` / `admin` / `edit` / `view` ClusterRoles) are not reported as roles. Bindings of the default `cluster-admin` are reported by k8s/rbac-cluster-admin-binding instead; a RoleBinding of the default `admin` / `edit` (which may impersonate service accounts) to users or groups is not reported, one that reaches a ServiceAccount or a broad group, or a ClusterRoleBinding of them, is. A binding to a role that is neither in the scan nor a default is not reported.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_K8S_157' },
        { tool: 'checkov', id: 'CKV_K8S_158' },
        { tool: 'trivy', id: 'AVD-KSV-0043' },
        { tool: 'kubescape', id: 'C-0065' },
      ],
      frameworks: [
        { framework: 'CIS EKS Benchmark 1.5', id: '4.1.8' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' },
      ],
      links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb'],
    },
  },
  appliesTo: isRoleOrBinding,
  check(context) {
    checkPermission(context, {
      grants,
      roleMessage: (role, grant) =>
        `${describeRole(role)} grants privilege-escalation verbs (${grant.text}): whoever holds it can give themselves more permissions. ${unboundNote(role)}`,
      bindingMessage: (binding, texts) =>
        `${describeBinding(binding)} lets ${describeSubjects(binding.subjects)} escalate their own privileges ${bindingScope(binding)} through ${describeRole(binding.role)}: ${texts.join('; ')}.`,
    });
  },
});
