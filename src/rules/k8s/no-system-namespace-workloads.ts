import { isWorkload, labelsOf, podField, podLabels, podTemplatesOf } from '../../graph/kubernetes.js';
import type { Resource } from '../../model/types.js';
import { asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Priority classes reserved for cluster add-ons. */
const SYSTEM_PRIORITY = new Set(['system-cluster-critical', 'system-node-critical']);

/** Cluster add-ons that EKS or their own documentation install into kube-system. */
const ADD_ON_NAMES =
  /^(coredns|kube-dns|kube-dns-autoscaler|aws-node|kube-proxy|eks-pod-identity-agent|aws-load-balancer-controller|cluster-autoscaler|metrics-server|ebs-csi-(controller|node)|efs-csi-(controller|node)|fsx-csi-(controller|node)|s3-csi-(controller|node)|mountpoint-s3-csi-(controller|node)|snapshot-controller|external-dns|karpenter|aws-cloud-controller-manager|cluster-proportional-autoscaler|node-local-dns|aws-node-termination-handler|amazon-cloudwatch-observability|cilium(-operator)?|calico-(node|kube-controllers|typha)|tigera-operator|secrets-store-csi-driver(-provider-aws)?|csi-secrets-store(-provider-aws)?|vpc-admission-webhook|aws-guardduty-agent|adot-collector)(-.*)?$/;

/** Kubernetes control-plane static pods, as Trivy KSV-0037 recognises them. */
const CONTROL_PLANE = new Set(['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler']);

/** A cluster component: a known add-on name, or every pod template carries a component's marks (or the object's labels do). */
function isSystemComponent(resource: Resource): boolean {
  if (ADD_ON_NAMES.test(resource.name)) return true;
  const objectLabels = labelsOf(asObject(resource.body.metadata)?.labels);
  return podTemplatesOf(resource).every((pod) => {
    const labels = { ...objectLabels, ...podLabels(pod) };
    const priority = asString(podField(pod, 'priorityClassName')?.value);
    if (priority !== undefined && SYSTEM_PRIORITY.has(priority)) return true;
    if (labels.tier === 'control-plane' && labels.component !== undefined && CONTROL_PLANE.has(labels.component)) return true;
    // `k8s-app` is the label convention of Kubernetes add-ons; `eks.amazonaws.com/component` marks EKS add-ons.
    return 'k8s-app' in labels || 'eks.amazonaws.com/component' in labels;
  });
}

export default createRule({
  meta: {
    id: 'k8s/no-system-namespace-workloads',
    title: 'Application workloads must not run in kube-system, kube-public or kube-node-lease',
    severity: 'medium',
    seedPoints: ['EKS-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports workloads (Pod, controllers, CronJob, custom resources with a pod template) whose `metadata.namespace` is `kube-system`, `kube-public` or `kube-node-lease`, unless they are cluster components: a well-known add-on name (CoreDNS, aws-node, kube-proxy, the AWS Load Balancer Controller, Cluster Autoscaler, metrics-server, CSI drivers, Karpenter, Cilium, Calico...), or on every pod template a `system-cluster-critical` / `system-node-critical` priority class, a `k8s-app` or `eks.amazonaws.com/component` label (on the template or the object), or the labels of a control-plane static pod.',
    rationale:
      'kube-system holds the most privileged service accounts, secrets and controllers of the cluster, and is usually exempt from Pod Security Admission and network policies. An application placed there inherits that weak boundary: a compromise reaches cluster-admin credentials. kube-public is readable by everyone, and kube-node-lease is for node heartbeats only.',
    remediation: 'Deploy the application to its own namespace, with its own service account, RBAC, NetworkPolicies and Pod Security Admission labels.',
    limitations:
      'Cluster add-ons are recognised by the conventions above; an add-on that follows none of them is reported and can be suppressed. Other objects (ConfigMaps, Roles, Services) in these namespaces are not reported: add-ons legitimately create them there (leader election, authentication reader bindings).',
    references: {
      peers: [{ tool: 'trivy', id: 'AVD-KSV-0037' }],
      frameworks: [
        { framework: 'CIS EKS Benchmark 1.5', id: '4.6.1' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Namespaces' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.namespace !== undefined && SYSTEM_NAMESPACES.has(resource.namespace) && isWorkload(resource),
  check({ resource, report }) {
    if (isSystemComponent(resource)) return;
    report({
      path: ['metadata', 'namespace'],
      message: `${resource.type} "${resource.name}" runs in the system namespace "${resource.namespace ?? ''}", which is reserved for cluster components.`,
      fix: `Move ${resource.type} "${resource.name}" to an application namespace with its own RBAC, NetworkPolicies and Pod Security Admission labels.`,
    });
  },
});
