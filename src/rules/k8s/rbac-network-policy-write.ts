import { checkPermission, grantMessages, isRoleOrBinding, writeGrants, type Grant, type PolicyRule } from '../../graph/rbac.js';
import { createRule } from '../rule.js';

/** Verbs that make, change or remove a policy (`deletecollection` removes them all at once). */
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** The Kubernetes NetworkPolicy and the namespaced policy kinds of the CNIs that EKS clusters run. */
const NAMESPACED_TARGETS = [
  { group: 'networking.k8s.io', resource: 'networkpolicies' },
  { group: 'cilium.io', resource: 'ciliumnetworkpolicies' },
  { group: 'crd.projectcalico.org', resource: 'networkpolicies' },
  { group: 'projectcalico.org', resource: 'networkpolicies' },
];
/** Cluster-scoped policy kinds: out of reach of a Role, or of a ClusterRole granted by a RoleBinding. */
const CLUSTER_TARGETS = [
  { group: 'cilium.io', resource: 'ciliumclusterwidenetworkpolicies' },
  { group: 'crd.projectcalico.org', resource: 'globalnetworkpolicies' },
  { group: 'projectcalico.org', resource: 'globalnetworkpolicies' },
  { group: 'policy.networking.k8s.io', resource: 'adminnetworkpolicies' },
  { group: 'policy.networking.k8s.io', resource: 'baselineadminnetworkpolicies' },
];

function grants(rule: PolicyRule, namespaced: boolean): Grant[] {
  return writeGrants(rule, namespaced ? NAMESPACED_TARGETS : [...NAMESPACED_TARGETS, ...CLUSTER_TARGETS], WRITE_VERBS);
}

const CONSEQUENCE =
  'whoever holds it can delete or loosen the policies that isolate workloads (or write an allow-all one) and so reach pods, databases and the instance metadata service that the policies keep from them';

export default createRule({
  meta: {
    id: 'k8s/rbac-network-policy-write',
    title: 'RBAC must not let applications change NetworkPolicies',
    severity: 'medium',
    otherSeverities: ['low'],
    seedPoints: ['EKS-2', 'NET-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports RBAC grants of `create`, `update`, `patch`, `delete` or `deletecollection` on NetworkPolicies (`networking.k8s.io`), and on the policy kinds of Cilium (`ciliumnetworkpolicies`, `ciliumclusterwidenetworkpolicies`), Calico (`networkpolicies` and `globalnetworkpolicies` of `crd.projectcalico.org` / `projectcalico.org`) and the AdminNetworkPolicy API, wildcards included, in Roles and ClusterRoles. The cluster-scoped kinds (Cilium\'s clusterwide policies, Calico\'s global ones, AdminNetworkPolicies) count only cluster-wide (a ClusterRole granted by a ClusterRoleBinding). A rule limited by `resourceNames` grants only `update`, `patch` and `delete` of the named policies (RBAC cannot limit `create` or `deletecollection` by name): low. A grant is reported once: on each RoleBinding / ClusterRoleBinding of the scan that hands the role out (at `roleRef.name`, naming the subjects), or on the Role / ClusterRole rule itself when no binding of the scan grants it. The default `edit` and `admin` ClusterRoles carry this grant: their RoleBindings to users and groups are Kubernetes\' usual namespace delegation and are not reported, their bindings to ServiceAccounts, broad groups or cluster-wide are.',
    rationale:
      'NetworkPolicies are the isolation between workloads (NET-3): an application or its CI identity that can edit them can undo that isolation for itself, so one compromised pod or token can open its way to every other pod and to the node\'s instance metadata. The roles that apply policies should belong to the platform team or its GitOps controller, not to the workloads the policies confine.',
    remediation:
      'Keep NetworkPolicy writes out of application and deployment roles (list only `get`, `list`, `watch`), and give them to the platform\'s own deployer (a GitOps controller, the platform team\'s group), in a Role of the namespaces it manages.',
    limitations:
      'Kubernetes\' own roles and bindings (`system:`, `eks:` names, the bootstrapping label) are not reported as roles. A GitOps controller that applies NetworkPolicies needs the grant: suppress it on the controller\'s role with a reason. Trivy KSV-0056 also counts Services, Endpoints and Ingresses; Endpoints writes are k8s/rbac-endpoints-write\'s, and Service and Ingress writes are the everyday work of application deployers, left out here.',
    references: {
      peers: [],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' }],
      links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/', 'https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
    },
  },
  appliesTo: isRoleOrBinding,
  check(context) {
    checkPermission(context, { grants, ...grantMessages('change NetworkPolicies', CONSEQUENCE) });
  },
});
