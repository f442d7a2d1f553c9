import { checkPermission, grantMessages, grantOnTargets, isRoleOrBinding, type Grant, type PolicyRule } from '../../graph/rbac.js';
import { createRule } from '../rule.js';

const WRITE_VERBS = ['create', 'update', 'patch'];

function grants(rule: PolicyRule): Grant[] {
  const limited = rule.resourceNames.length > 0;
  // Named objects only (a leader-election lock, say): still the Service of that name's traffic, if there is one.
  const named = limited ? ` (only ${rule.resourceNames.map((name) => `"${name}"`).join(', ')})` : '';
  const found = [
    grantOnTargets(
      rule,
      [
        { group: '', resource: 'endpoints' },
        { group: 'discovery.k8s.io', resource: 'endpointslices' },
      ],
      // RBAC cannot limit `create` by name: a rule with resourceNames grants no create at all.
      limited ? WRITE_VERBS.filter((verb) => verb !== 'create') : WRITE_VERBS,
    ),
    // A Service's status holds its load balancer's address, which kube-proxy then serves inside the cluster (CVE-2020-8554).
    grantOnTargets(rule, [{ group: '', resource: 'services/status' }], ['update', 'patch']),
  ];
  return found.flatMap((grant) => (grant ? [{ text: `${grant.text}${named}`, path: grant.path }] : []));
}

const CONSEQUENCE =
  'Endpoints and EndpointSlices say where a Service sends its traffic, and any IP may be written there: a pod of another namespace, a node, the cloud metadata service, so a Service of this namespace forwards to them, past NetworkPolicies written for the real backends (CVE-2021-25740); a Service\'s status.loadBalancer.ingress IP is routed to that Service by kube-proxy on every node, so writing it takes over traffic meant for any address (CVE-2020-8554)';

export default createRule({
  meta: {
    id: 'k8s/rbac-endpoints-write',
    title: 'RBAC must not let applications write Endpoints, EndpointSlices or Service status',
    severity: 'medium',
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports RBAC grants of `create`, `update` or `patch` on `endpoints` (core API group) or `endpointslices` (`discovery.k8s.io`), and of `update` or `patch` on `services/status` (the load balancer address kube-proxy serves, CVE-2020-8554), wildcards included (`*` verbs, `*` resources, `*` API groups), in Roles and ClusterRoles alike (Endpoints are namespaced); a rule limited with `resourceNames` grants only `update` / `patch` of the named objects (RBAC cannot limit `create` by name, so it grants no `create`). A grant is reported once: on each RoleBinding / ClusterRoleBinding of the scan that hands the role out (at `roleRef.name`, naming the subjects), or on the Role / ClusterRole rule itself when no binding of the scan grants the role.',
    rationale:
      'The endpoints controller fills Endpoints and EndpointSlices from the pods a Service selects; whoever writes them by hand decides where the Service\'s traffic goes. Kubernetes took this permission out of the default `edit` and `admin` roles in 1.22 for that reason (CVE-2021-25740): it lets a namespace user reach, through a Service of their own, addresses that NetworkPolicies or load balancers would otherwise keep from them.',
    remediation:
      'Let the endpoints and EndpointSlice controllers maintain them from the Service selector. A component that must publish endpoints (a Service for an external database, a service mesh or DNS controller) should get the grant alone, in a Role of its own namespace, limited with `resourceNames` where it can.',
    limitations:
      'Kubernetes\' own roles and bindings (`system:`, `eks:`, `gce:` names, the `kubernetes.io/bootstrapping: rbac-defaults` label, and the default `cluster-admin` / `admin` / `edit` / `view` ClusterRoles, which no longer carry this grant since Kubernetes 1.22) are not reported as roles; bindings of the default `cluster-admin` are reported by k8s/rbac-cluster-admin-binding. Controllers that manage endpoints need this grant: suppress it on their role with a reason. A binding to a role that is neither in the scan nor a default is not reported.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'CVE', id: 'CVE-2021-25740' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' },
      ],
      links: ['https://github.com/kubernetes/kubernetes/issues/103675', 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
    },
  },
  appliesTo: isRoleOrBinding,
  check(context) {
    checkPermission(context, { grants, ...grantMessages('write Endpoints, EndpointSlices or Service status', CONSEQUENCE) });
  },
});
