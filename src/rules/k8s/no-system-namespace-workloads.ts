import { parseImageReference } from '../../graph/images.js';
import { forEachContainerOf, isWorkload, labelsOf, podLabels, podTemplatesOf } from '../../graph/kubernetes.js';
import type { Resource } from '../../model/types.js';
import { asObject } from '../../util/json.js';
import { createRule } from '../rule.js';

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Cluster add-ons that EKS or their own documentation install into kube-system. */
/** Add-on names (patterns), the longest first: `aws-node-termination-handler` is not `aws-node` with a suffix. */
const ADD_ON_NAMES = new RegExp(
  `^(${[
    'aws-node-termination-handler', 'kube-dns-autoscaler', 'coredns', 'kube-dns', 'aws-node', 'kube-proxy', 'eks-pod-identity-agent',
    'aws-load-balancer-controller', 'cluster-autoscaler', 'metrics-server', 'ebs-csi-(controller|node)', 'efs-csi-(controller|node)',
    'fsx-csi-(controller|node)', 's3-csi-(controller|node)', 'mountpoint-s3-csi-(controller|node)', 'snapshot-controller', 'external-dns',
    'karpenter', 'aws-cloud-controller-manager', 'cluster-proportional-autoscaler', 'node-local-dns', 'amazon-cloudwatch-observability',
    'cilium(-operator)?', 'calico-(node|kube-controllers|typha)', 'tigera-operator', 'secrets-store-csi-driver(-provider-aws)?',
    'csi-secrets-store(-provider-aws)?', 'vpc-admission-webhook', 'aws-guardduty-agent', 'adot-collector',
  ].join('|')})(-.*)?$`,
);

/** Kubernetes control-plane static pods, as Trivy KSV-0037 recognises them. */
const CONTROL_PLANE = new Set(['kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler']);

/**
 * The words an add-on's own images carry in their repository, where they differ from its name (`aws-node` runs
 * `amazon-k8s-cni`); an add-on not listed carries its name (`coredns`, `karpenter`, `metrics-server`).
 */
const ADD_ON_IMAGE_WORDS: Readonly<Record<string, readonly string[]>> = {
  'aws-node': ['amazon-k8s-cni'],
  'aws-load-balancer-controller': ['aws-load-balancer-controller', 'aws-alb-ingress-controller'],
  'kube-dns': ['k8s-dns', 'kube-dns'],
  'kube-dns-autoscaler': ['cluster-proportional-autoscaler'],
  'node-local-dns': ['k8s-dns-node-cache', 'node-cache'],
  'calico-node': ['calico'],
  'calico-kube-controllers': ['calico'],
  'calico-typha': ['calico'],
  'tigera-operator': ['tigera'],
  'cilium-operator': ['cilium'],
  'amazon-cloudwatch-observability': ['cloudwatch'],
  'aws-guardduty-agent': ['guardduty'],
  'adot-collector': ['adot', 'opentelemetry', 'otel'],
  'aws-cloud-controller-manager': ['cloud-controller-manager'],
  'eks-pod-identity-agent': ['pod-identity-agent'],
  'vpc-admission-webhook': ['vpc-admission-webhook', 'vpc-resource-controller'],
  'aws-node-termination-handler': ['node-termination-handler'],
  'cluster-autoscaler': ['cluster-autoscaler', 'autoscaling/cluster-autoscaler'],
  'secrets-store-csi-driver': ['secrets-store'],
  'secrets-store-csi-driver-provider-aws': ['secrets-store'],
  'csi-secrets-store': ['secrets-store'],
  'csi-secrets-store-provider-aws': ['secrets-store'],
  'ebs-csi-controller': ['ebs-csi'],
  'ebs-csi-node': ['ebs-csi'],
  'efs-csi-controller': ['efs-csi'],
  'efs-csi-node': ['efs-csi'],
  'fsx-csi-controller': ['fsx-csi'],
  'fsx-csi-node': ['fsx-csi'],
  's3-csi-controller': ['s3-csi', 'mountpoint-s3'],
  's3-csi-node': ['s3-csi', 'mountpoint-s3'],
  'mountpoint-s3-csi-controller': ['s3-csi', 'mountpoint-s3'],
  'mountpoint-s3-csi-node': ['s3-csi', 'mountpoint-s3'],
};

/**
 * The registry accounts Amazon EKS publishes its add-on images from, per Region ("View Amazon container image
 * registries for Amazon EKS add-ons", EKS User Guide): every repository there is an EKS add-on (cni-metrics-helper...).
 */
const EKS_ADD_ON_ACCOUNTS: ReadonlySet<string> = new Set([
  '602401143452', '877085696533', '800184023465', '533267051163', '296578399912', '900889452093', '491585149902', '151610086707',
  '333609536671', '121268973566', '918309763551', '961992271922', '761377655185', '900612956339', '590381155156', '455263428931',
  '066635153087', '759879836304', '558608220178', '730335286997', '151742754352', '013241004608',
]);

/** Images the Kubernetes project publishes (its add-ons), and the EKS add-on images in ECR and ECR Public. */
function isAddOnImage(registry: string, repository: string): boolean {
  if (registry === 'registry.k8s.io' || registry === 'k8s.gcr.io') return true;
  if (registry === 'public.ecr.aws') return /^(eks|eks-distro)\//.test(repository);
  const ecr = /^(\d{12})\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/.exec(registry);
  return ecr !== null && (EKS_ADD_ON_ACCOUNTS.has(ecr[1] ?? '') || /^(eks\/|amazon-k8s-cni|amazon\/aws-)/.test(repository));
}

/** Kubernetes' own sidecar images (CSI sidecars, DNS cache, proportional autoscaler), by repository, whatever the host. */
const KUBERNETES_SIDECAR = /(^|\/)(sig-storage|kubernetes-csi|dns|cpa)\/|(^|\/)(csi-node-driver-registrar|node-driver-registrar|livenessprobe|csi-(provisioner|attacher|resizer|snapshotter)|external-(provisioner|attacher|resizer|snapshotter)|snapshot-controller)$/;

function isKubernetesSidecarImage(raw: string): boolean {
  const image = parseImageReference(raw);
  return image !== undefined && !image.unresolved.repository && KUBERNETES_SIDECAR.test(image.repository);
}

/**
 * Whether an image is a cluster component's: a Kubernetes or EKS add-on image, or one whose repository carries a
 * word of the add-on the workload says it is (`words`). A templated image is taken at the workload's word.
 */
function isComponentImage(raw: string, words: readonly string[]): boolean {
  const image = parseImageReference(raw);
  if (!image) return false;
  if (image.unresolved.registry || image.unresolved.repository) return words.length > 0;
  return isAddOnImage(image.registry, image.repository) || words.some((word) => image.repository.includes(word));
}

/**
 * A cluster component: on every pod template, only images of Kubernetes or EKS add-ons, or images of the add-on the
 * workload says it is, by a well-known add-on name, an `eks.amazonaws.com/component` label, or the labels of a
 * control-plane static pod. A name or label alone does not exempt (`coredns-shop-api` running the shop's image is an
 * application), nor does a `system-*-critical` priority class or a `k8s-app` label: any manifest can carry them (the
 * Priority admission plugin stopped reserving those classes for kube-system in Kubernetes 1.17).
 */
function isSystemComponent(resource: Resource): boolean {
  const addOn = ADD_ON_NAMES.exec(resource.name)?.[1];
  const objectLabels = labelsOf(asObject(resource.body.metadata)?.labels);
  return podTemplatesOf(resource).every((pod) => {
    const labels = { ...objectLabels, ...podLabels(pod) };
    const words: string[] = [];
    if (addOn !== undefined) words.push(...(ADD_ON_IMAGE_WORDS[addOn] ?? [addOn]));
    const eksComponent = labels['eks.amazonaws.com/component'];
    if (eksComponent) words.push(eksComponent);
    if (labels.tier === 'control-plane' && labels.component !== undefined && CONTROL_PLANE.has(labels.component)) words.push(labels.component);
    const images: string[] = [];
    forEachContainerOf(resource, pod, ({ container }) => {
      images.push(typeof container.image === 'string' ? container.image : '');
    });
    if (images.length === 0) return false;
    // Once one container runs the add-on's own image, the Kubernetes sidecars next to it (CSI registrars, probes)
    // count wherever they are pulled from: a mirror or an ECR pull-through cache renames the host.
    const ownImage = words.length > 0 && images.some((image) => isComponentImage(image, words));
    return images.every((image) => isComponentImage(image, words) || (ownImage && isKubernetesSidecarImage(image)));
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
      'Reports workloads (Pod, controllers, CronJob, custom resources with a pod template) whose `metadata.namespace` is `kube-system`, `kube-public` or `kube-node-lease`, unless they are cluster components: every pod template runs only images of Kubernetes add-ons (`registry.k8s.io`, `k8s.gcr.io`) or EKS add-ons (any repository of the EKS add-on registry accounts, such as `602401143452.dkr.ecr.<region>.amazonaws.com/cni-metrics-helper`; `<account>.dkr.ecr.<region>.amazonaws.com/eks/...`, `amazon-k8s-cni`, `public.ecr.aws/eks/...`), or images of the add-on the workload says it is: by a well-known add-on name (CoreDNS, aws-node, kube-proxy, the AWS Load Balancer Controller, Cluster Autoscaler, metrics-server, CSI drivers, Karpenter, Cilium, Calico...), an `eks.amazonaws.com/component` label or the labels of a control-plane static pod, with an image whose repository carries that add-on\'s name (`coredns/coredns`, `cilium/operator-generic`, `amazon-k8s-cni` for aws-node). Next to a container running the add-on\'s own image, Kubernetes sidecar images (`sig-storage/*`, `livenessprobe`, `csi-*` sidecars) count wherever they are pulled from, a mirror or an ECR pull-through cache included. A name or label alone does not exempt (`coredns-shop-api` running the shop\'s image is reported), nor does a `system-cluster-critical` / `system-node-critical` priority class or a `k8s-app` label: any manifest can set them.',
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
