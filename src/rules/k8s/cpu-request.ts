import { isWorkload } from '../../graph/kubernetes.js';
import { checkResource } from '../../graph/resources.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/cpu-request',
    title: 'Containers must set a CPU request',
    severity: 'low',
    seedPoints: [],
    artifacts: ['kubernetes'],
    description:
      "Reports each container without `resources.requests.cpu`. Regular, init and native sidecar containers are checked (the pod's effective request includes the largest init container request); ephemeral containers cannot set resources and are skipped. The request counts as set when the container sets a CPU limit (the API server then defaults the request to the limit), when a pod-level `spec.resources` sets a CPU request or limit, or when a LimitRange of type Container in the same namespace (in the scanned files) gives a `defaultRequest`, `default`, `max` or `min` CPU.",
    rationale:
      'The CPU request is what the scheduler reserves and what the kernel guarantees under contention. Without one the pod is packed onto nodes regardless of its needs and gets only leftover CPU time when the node is busy: probes time out and the pod restarts, an availability problem that a noisy or compromised neighbour can trigger on purpose. Requests also drive the Cluster Autoscaler, Karpenter and HPA CPU utilisation.',
    remediation:
      'Set `resources.requests.cpu` on the container from its observed usage (e.g. the 90th percentile), or give the namespace a LimitRange with a `defaultRequest` CPU.',
    limitations: 'LimitRanges applied outside the scanned files are not visible. A pod template whose containers name no image is a fragment completed elsewhere (a Kustomize patch; a Spark, EMR or Flink pod template, whose framework sets the image, resources and the rest): what it leaves out is not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0015' },
        { tool: 'polaris', id: 'polaris:cpuRequestsMissing' },
        { tool: 'checkov', id: 'CKV_K8S_10' },
        { tool: 'kube-linter', id: 'unset-cpu-requirements' },
        { tool: 'kubescape', id: 'C-0268' },
        { tool: 'kubescape', id: 'C-0050' },
      ],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Resource policies' },
        { framework: 'Amazon EKS Best Practices Guide', id: 'Reliability: Applications - Configure and size resource requests and limits' },
      ],
    },
  },
  appliesTo: isWorkload,
  check: checkResource({
    name: 'cpu',
    section: 'requests',
    why: 'the scheduler reserves no CPU for it, so it gets only leftover CPU time when the node is busy',
  }),
});
