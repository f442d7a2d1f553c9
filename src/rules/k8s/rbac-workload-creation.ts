import {
  checkPermission,
  grantMessages,
  grantOnTargets,
  isRoleOrBinding,
  type Grant,
  type PolicyRule,
  type RbacTarget,
} from '../../graph/rbac.js';
import { createRule } from '../rule.js';

/**
 * What runs a pod spec of the holder's choosing: creating pods and the controllers that create them, or changing
 * their pod template or images (`update` / `patch`). A pod's images and ephemeral containers can be changed in
 * place. A Job's pod template cannot (only scheduling directives of a suspended Job), so on jobs only `create` counts.
 */
const MUTABLE_WORKLOADS: readonly RbacTarget[] = [
  ...['pods', 'pods/ephemeralcontainers', 'replicationcontrollers'].map((resource) => ({ group: '', resource })),
  ...['deployments', 'daemonsets', 'statefulsets', 'replicasets'].map((resource) => ({ group: 'apps', resource })),
  { group: 'batch', resource: 'cronjobs' },
];
const JOBS: readonly RbacTarget[] = [{ group: 'batch', resource: 'jobs' }];
const VERBS = ['create', 'update', 'patch'];

function grants(rule: PolicyRule): Grant[] {
  // resourceNames cannot name an object to create; on update / patch it limits the grant to named workloads.
  if (rule.resourceNames.length > 0) return [];
  const changed = grantOnTargets(rule, MUTABLE_WORKLOADS, VERBS);
  const jobs = grantOnTargets(rule, JOBS, ['create']);
  if (!changed || !jobs) {
    const grant = changed ?? jobs;
    return grant ? [{ text: grant.text, path: grant.path }] : [];
  }
  // Both from one wildcard entry (`*` on `*`): worded once over every workload; else each as granted.
  const samePath = changed.path.join('\u0000') === jobs.path.join('\u0000');
  const text = samePath ? (grantOnTargets(rule, [...MUTABLE_WORKLOADS, ...JOBS], VERBS)?.text ?? changed.text) : `${changed.text}; ${jobs.text}`;
  return [{ text, path: changed.path }];
}

// `update` / `patch` on pods alone defines no pod (a pod's ServiceAccount and volumes are immutable): it swaps images.
const CONSEQUENCE =
  'a pod they create, or a workload whose template they change, can mount every Secret, run as every ServiceAccount and use every ConfigMap of its namespace with whatever image and privileges admission control lets through, and a running pod whose image they replace keeps its ServiceAccount, volumes and privileges';

export default createRule({
  meta: {
    id: 'k8s/rbac-workload-creation',
    title: 'RBAC must not let applications create or change workloads',
    severity: 'medium',
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports RBAC grants of `create`, `update` or `patch` on pods (`pods`, `pods/ephemeralcontainers`) or on the controllers that create them (`replicationcontrollers`; `deployments`, `daemonsets`, `statefulsets`, `replicasets` in `apps`; `cronjobs` in `batch`; and `create` only on `jobs`, whose pod template cannot change after creation), wildcards included (`*` verbs, `*` resources, `*` API groups), unless the rule is limited with `resourceNames`. A grant is reported once: on each RoleBinding / ClusterRoleBinding of the scan that hands the role out (at `roleRef.name`, naming the subjects), or on the Role / ClusterRole rule itself when no binding of the scan grants the role.',
    rationale:
      'Permission to create workloads in a namespace implicitly grants much more: the pod spec chooses the ServiceAccount it runs as and the Secrets, ConfigMaps and volumes it mounts, so whoever creates pods reads every Secret and acts as every service account of the namespace, and with a lax admission policy runs privileged on a node. Kubernetes\' RBAC good practices single it out as an escalation path equivalent to reading Secrets.',
    remediation:
      'Keep workload creation with deployment tooling (a CD system with its own audited identity) and people under admission control (Pod Security Admission `restricted`); give applications read access only. When an operator must manage workloads, scope it to a namespaced Role in its own namespace and name the objects it may change with `resourceNames`.',
    limitations:
      'Kubernetes\' own roles and bindings (`system:`, `eks:`, `gce:` names, the `kubernetes.io/bootstrapping: rbac-defaults` label, and the default `cluster-admin` / `admin` / `edit` / `view` ClusterRoles) are not reported as roles. Bindings of the default `cluster-admin` are reported by k8s/rbac-cluster-admin-binding instead; a RoleBinding of the default `admin` / `edit` to users or groups (Kubernetes\' standard namespace delegation) is not reported, one that reaches a ServiceAccount or a broad group, or a ClusterRoleBinding of them, is. A binding to a role that is neither in the scan nor a default is not reported. Custom resources that create pods (Argo Rollouts, Knative services) are not known as workloads here. `delete` is not reported: it disrupts, it does not escalate.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0048' },
        { tool: 'kube-linter', id: 'access-to-create-pods' },
      ],
      frameworks: [
        { framework: 'CIS EKS Benchmark 1.5', id: '4.1.4' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' },
      ],
      links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation'],
    },
  },
  appliesTo: isRoleOrBinding,
  check(context) {
    checkPermission(context, { grants, ...grantMessages('create or change workloads', CONSEQUENCE) });
  },
});
