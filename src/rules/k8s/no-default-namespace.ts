import type { ResourceGraph } from '../../graph/graph.js';
import { isWorkload } from '../../graph/kubernetes.js';
import type { Resource } from '../../model/types.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { CLUSTER_SCOPED_KINDS } from '../../loaders/kubernetes.js';
import { createRule } from '../rule.js';

/** Objects that harden the default namespace instead of using it (a default-deny policy, quotas that block it). */
const HARDENING_KINDS = new Set(['NetworkPolicy', 'ResourceQuota', 'LimitRange']);

/**
 * Objects the control plane keeps in `default`: the API server Service and its endpoints, and the namespace's
 * `default` ServiceAccount (declared to harden it, e.g. to turn off token automounting).
 */
function isSystemObject(resource: Resource): boolean {
  if (resource.type === 'ServiceAccount') return resource.name === 'default';
  return resource.name === 'kubernetes' && ['Service', 'Endpoints', 'EndpointSlice'].includes(resource.type);
}

/**
 * RBAC that lets a service account of another namespace read the default namespace (e.g. Prometheus scraping
 * it): a RoleBinding whose subjects are all such service accounts, and a Role only bound that way.
 */
function isCrossNamespaceGrant(resource: Resource, graph: ResourceGraph): boolean {
  const grants = (binding: Resource): boolean => {
    const subjects = asArray(binding.body.subjects);
    return (
      subjects.length > 0 &&
      subjects.every((item) => {
        const subject = asObject(item);
        const namespace = asString(subject?.namespace);
        return subject?.kind === 'ServiceAccount' && namespace !== undefined && namespace !== 'default';
      })
    );
  };
  if (resource.type === 'RoleBinding') return grants(resource);
  if (resource.type !== 'Role') return false;
  const bindings = graph.ofType('kubernetes', 'RoleBinding').filter((binding) => {
    const roleRef = asObject(binding.body.roleRef);
    return binding.namespace === 'default' && roleRef?.kind === 'Role' && roleRef.name === resource.name;
  });
  return bindings.length > 0 && bindings.every(grants);
}

function isNonResource(resource: Resource): boolean {
  // Configuration files that look like objects but are not applied to a namespace (kustomize, kubeconfig...).
  const group = (resource.apiVersion ?? '').split('/')[0] ?? '';
  return /(^|\.)(kustomize\.config\.k8s\.io|config\.k8s\.io|kubeadm\.k8s\.io|kubelet\.config\.k8s\.io|eksctl\.io)$/.test(group) || resource.type === 'Config';
}

export default createRule({
  meta: {
    id: 'k8s/no-default-namespace',
    title: 'Workloads and their objects must not be deployed to the default namespace',
    severity: 'medium',
    seedPoints: ['EKS-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports namespaced objects (workloads, Services, ConfigMaps, Secrets, ServiceAccounts, Roles, RoleBindings, Ingresses, custom resources...) whose `metadata.namespace` is explicitly `default`. Objects that harden the default namespace (NetworkPolicy, ResourceQuota, LimitRange), RBAC that only lets service accounts of other namespaces read it (a RoleBinding whose subjects are all such service accounts, and a Role bound only that way), the API server Service `kubernetes`, the namespace\'s own `default` ServiceAccount and cluster-scoped kinds are not reported.',
    rationale:
      'The default namespace has no owner, usually no NetworkPolicy, quota or Pod Security Admission label, and every user of the cluster tends to have rights in it: workloads there share a security boundary with everything else dropped there. Namespaces per team or environment carry their own RBAC, network policies and PSA level.',
    remediation:
      'Create a namespace for the application (with Pod Security Admission labels, a default-deny NetworkPolicy, RBAC and quotas) and set `metadata.namespace` to it.',
    limitations:
      'Objects without `metadata.namespace` are not reported: they land in the namespace they are applied to (`kubectl -n`, the Helm release or the kustomize `namespace`), which the files do not show. The Terraform Kubernetes provider\'s typed resources are the exception: the provider puts an object without a namespace in `default`, reported at its `metadata` block.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_K8S_21' },
        { tool: 'kubescape', id: 'C-0212' },
      ],
      frameworks: [
        { framework: 'CIS EKS Benchmark 1.5', id: '4.6.3' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Namespaces' },
      ],
    },
  },
  appliesTo: (resource) =>
    resource.artifact === 'kubernetes' &&
    resource.namespace === 'default' &&
    !CLUSTER_SCOPED_KINDS.has(resource.type) &&
    !HARDENING_KINDS.has(resource.type) &&
    !isSystemObject(resource) &&
    !isNonResource(resource),
  check({ resource, graph, report }) {
    if (asObject(resource.body.metadata)?.namespace !== 'default') return;
    if (isCrossNamespaceGrant(resource, graph)) return;
    const what = isWorkload(resource) ? 'its pods run' : 'it lives';
    report({
      path: ['metadata', 'namespace'],
      message: `${resource.type} "${resource.name}" is deployed to the default namespace: ${what} next to everything else put there, without the namespace's own RBAC, network policies and Pod Security Admission level.`,
    });
  },
});
