import { parseImageReference } from '../../graph/images.js';
import { forEachContainerOf, isWorkload, labelsOf, podLabels, podTemplatesOf } from '../../graph/kubernetes.js';
import type { Resource } from '../../model/types.js';
import { asObject } from '../../util/json.js';
import { createRule } from '../rule.js';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Cluster add-ons that EKS or their own documentation install into kube-system. */
const ADD_ON_NAMES =
  /^(coredns|kube-dns|kube-dns-autoscaler|aws-node|kube-proxy|eks-pod-identity-agent|aws-load-balancer-controller|cluster-autoscaler|metrics-server|ebs-csi-(controller|node)|efs-csi-(controller|node)|fsx-csi-(controller|node)|s3-csi-(controller|node)|mountpoint-s3-csi-(controller|node)|snapshot-controller|external-dns|karpenter|aws-cloud-controller-manager|cluster-proportional-autoscaler|node-local-dns|aws-node-termination-handler|amazon-cloudwatch-observability|cilium(-operator)?|calico-(node|kube-controllers|typha)|tigera-operator|secrets-store-csi-driver(-provider-aws)?|csi-secrets-store(-provider-aws)?|vpc-admission-webhook|aws-guardduty-agent|adot-collector)(-.*)?$/;

/** Kubernetes control-plane static pods, as Trivy KSV-0037 recognises them. */
const CONTROL_PLANE = new Set(['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler']);

/** Images the Kubernetes project publishes (its add-ons), and the EKS add-on images in ECR and ECR Public. */
function isAddOnImage(raw: string): boolean {
  const image = parseImageReference(raw);
  if (!image || image.unresolved.registry || image.unresolved.repository) return false;
  const { registry, repository } = image;
  if (registry === 'registry.k8s.io' || registry === 'k8s.gcr.io') return true;
  if (registry === 'public.ecr.aws') return /^(eks|eks-distro)\//.test(repository);
  return /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.test(registry) && /^(eks\/|amazon-k8s-cni|amazon\/aws-)/.test(repository);
}

/**
 * A cluster component: a known add-on name; or every pod template is a control-plane static pod, is marked as an
 * EKS add-on, or runs only Kubernetes or EKS add-on images. Not a `system-*-critical` priority class or a
 * `k8s-app` label: any manifest can carry them (the Priority admission plugin stopped reserving those classes for
 * kube-system in Kubernetes 1.17).
 */
function isSystemComponent(resource: Resource): boolean {
  if (ADD_ON_NAMES.test(resource.name)) return true;
  const objectLabels = labelsOf(asObject(resource.body.metadata)?.labels);
  return podTemplatesOf(resource).every((pod) => {
    const labels = { ...objectLabels, ...podLabels(pod) };
    if (labels.tier === 'control-plane' && labels.component !== undefined && CONTROL_PLANE.has(labels.component)) return true;
    if ('eks.amazonaws.com/component' in labels) return true;
    const images: string[] = [];
    forEachContainerOf(resource, pod, ({ container }) => {
      images.push(typeof container.image === 'string' ? container.image : '');
    });
    return images.length > 0 && images.every(isAddOnImage);
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
      'Reports workloads (Pod, controllers, CronJob, custom resources with a pod template) whose `metadata.namespace` is `kube-system`, `kube-public` or `kube-node-lease`, unless they are cluster components: a well-known add-on name (CoreDNS, aws-node, kube-proxy, the AWS Load Balancer Controller, Cluster Autoscaler, metrics-server, CSI drivers, Karpenter, Cilium, Calico...), or on every pod template the labels of a control-plane static pod, an `eks.amazonaws.com/component` label (on the template or the object), or only images of Kubernetes add-ons (`registry.k8s.io`, `k8s.gcr.io`) or EKS add-ons (`<account>.dkr.ecr.<region>.amazonaws.com/eks/...`, `amazon-k8s-cni`, `public.ecr.aws/eks/...`). A `system-cluster-critical` / `system-node-critical` priority class or a `k8s-app` label does not exempt a workload: any manifest can set them.',
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
