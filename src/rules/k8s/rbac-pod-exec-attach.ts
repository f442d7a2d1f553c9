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
  type RbacTarget,
} from '../../graph/rbac.js';
import { createRule } from '../rule.js';

const POD_TARGETS: readonly RbacTarget[] = [
  { group: '', resource: 'pods/exec' },
  { group: '', resource: 'pods/attach' },
];
/** The kubelet API through the API server: exec into any pod of the node. Nodes are cluster-scoped. */
const NODE_PROXY = 'nodes/proxy';
/** A tunnel to the pods' ports through the API server and kubelet: no shell, but past every NetworkPolicy. */
const PORT_FORWARD: readonly RbacTarget[] = [{ group: '', resource: 'pods/portforward' }];
/** Monitoring and log agents hold nodes/proxy to read the kubelet: its fine-grained subresources do that without exec. */
const NODE_PROXY_FIX =
  'Replace nodes/proxy with the kubelet subresources the agent reads: nodes/metrics, nodes/stats, nodes/log, and nodes/pods, nodes/healthz, nodes/configz where the kubelet authorizes them apart (fine-grained kubelet authorization, on by default from Kubernetes 1.33); read pod metadata from the API server (pods get/list/watch) instead. Remove pods/exec and pods/attach as well.';
/** `create` is what kubectl exec / attach / port-forward use; `get` opens the same stream over a WebSocket (API server before 1.35, kubelet API). */
const VERBS = ['create', 'get'];

function grants(rule: PolicyRule, namespaced: boolean): Grant[] {
  const grant = grantOnTargets(rule, namespaced ? POD_TARGETS : [...POD_TARGETS, { group: '', resource: NODE_PROXY }], VERBS);
  if (!grant) {
    // Port-forward alone (a rule that also grants exec is reported for that).
    const forward = grantOnTargets(rule, PORT_FORWARD, VERBS);
    return forward ? [{ text: `${forward.text}, a tunnel to any port of the pods that bypasses NetworkPolicies`, path: forward.path, severity: 'medium' }] : [];
  }
  // Kubernetes 1.35 made the API server ask for `create` on WebSocket upgrades too (KEP-4006); the kubelet API does not.
  const getOnly = grant.verbs.length === 1 && grant.verbs[0] === 'get';
  const websocket =
    getOnly && grant.targets.some((target) => target !== NODE_PROXY)
      ? ', enough to open a shell over a WebSocket before Kubernetes 1.35 (from 1.35 the API server asks for create too, unless its AuthorizePodWebsocketUpgradeCreatePermission feature gate is off)'
      : '';
  const kubelet = grant.targets.includes(NODE_PROXY) ? `; nodes/proxy reaches the kubelet API of every node${getOnly ? ', where get alone opens exec over a WebSocket' : ''}` : '';
  return [{ text: `${grant.text}${websocket}${kubelet}`, path: grant.path, ...(grant.targets.includes(NODE_PROXY) ? { fix: NODE_PROXY_FIX } : {}) }];
}

/** What the grants allow: a port-forward grant is the medium one. */
function access(grants: readonly Grant[]): string {
  return grants.every((grant) => grant.severity === 'medium') ? 'port-forward to' : 'exec into or attach to';
}

export default createRule({
  meta: {
    id: 'k8s/rbac-pod-exec-attach',
    title: 'RBAC must not grant exec, attach or port-forward into pods',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports RBAC grants of `create` or `get` on `pods/exec` or `pods/attach` in the core API group, and in ClusterRoles bound cluster-wide (or not bound in the scan) on `nodes/proxy` (the kubelet API, which execs into any pod of a node), and (medium) on `pods/portforward` alone, wildcards included (`*` verbs, `*` or `*/exec` resources, `*` API groups). `get` alone opens the stream over a WebSocket: through the API server before Kubernetes 1.35 (from 1.35 only with the `AuthorizePodWebsocketUpgradeCreatePermission` feature gate off), through the kubelet API always; it is reported at the same severity, since EKS runs versions before 1.35 and a role outlives upgrades. A grant is reported once: on each RoleBinding / ClusterRoleBinding of the scan that hands the role out (at `roleRef.name`, naming the subjects), or on the Role / ClusterRole rule itself when no binding of the scan grants the role.',
    rationale:
      'Exec and attach give an interactive shell in running containers: the holder reads every secret, token and file the workload can see (including its service account token and cloud credentials) and acts with the workload\'s identity. It is a common path from a small RBAC grant to cluster-admin. Port-forward gives no shell, but opens any port of the pods (admin interfaces, databases, debug endpoints) to the holder, past every NetworkPolicy.',
    remediation:
      'Remove `pods/exec`, `pods/attach` and `pods/portforward` (and `*` resources / verbs) from roles held by applications and everyday users. Grant break-glass debugging through a separate, audited role bound just in time, or use ephemeral debug containers under admission control.',
    limitations:
      'Kubernetes\' own roles and bindings (`system:`, `eks:`, `gce:` names, the `kubernetes.io/bootstrapping: rbac-defaults` label, and the default `cluster-admin` / `admin` / `edit` / `view` ClusterRoles) are not reported as roles. Bindings of the default `cluster-admin` are reported by k8s/rbac-cluster-admin-binding instead; a RoleBinding of the default `admin` / `edit` to users or groups (Kubernetes\' standard namespace delegation) is not reported, one that reaches a ServiceAccount or a broad group, or a ClusterRoleBinding of them, is. A binding to a role that is neither in the scan nor a default is not reported (its permissions are unknown). `nodes/proxy` through a RoleBinding or in a Role is not reported: nodes are cluster-scoped, so a namespaced grant does not reach them.',
    references: {
      peers: [
        { tool: 'polaris', id: 'polaris:clusterrolePodExecAttach' },
        { tool: 'polaris', id: 'polaris:rolePodExecAttach' },
        { tool: 'polaris', id: 'polaris:clusterrolebindingPodExecAttach' },
        { tool: 'polaris', id: 'polaris:rolebindingClusterRolePodExecAttach' },
        { tool: 'polaris', id: 'polaris:rolebindingRolePodExecAttach' },
        { tool: 'trivy', id: 'AVD-KSV-0053' },
        { tool: 'trivy', id: 'AVD-KSV-0047' },
        { tool: 'kubescape', id: 'C-0002' },
        { tool: 'kubescape', id: 'C-0063' },
      ],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' }],
      links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/'],
    },
  },
  appliesTo: isRoleOrBinding,
  check(context) {
    checkPermission(context, {
      grants,
      roleMessage: (role, grant) => `${describeRole(role)} lets its holders ${access([grant])} pods (${grant.text}). ${unboundNote(role)}`,
      bindingMessage: (binding, texts, grants) =>
        `${describeBinding(binding)} lets ${describeSubjects(binding.subjects)} ${access(grants)} pods ${bindingScope(binding)} through ${describeRole(binding.role)}: ${texts.join('; ')}.`,
    });
  },
});
