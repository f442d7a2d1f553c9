import { isWorkload } from '../../graph/kubernetes.js';
import { checkResource } from '../../graph/resources.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/memory-request',
    title: 'Containers must set a memory request',
    severity: 'low',
    seedPoints: [],
    artifacts: ['kubernetes'],
    description:
      "Reports each container without `resources.requests.memory`. Regular, init and native sidecar containers are checked (the pod's effective request includes the largest init container request); ephemeral containers cannot set resources and are skipped. The request counts as set when the container sets a memory limit (the API server then defaults the request to the limit), when a pod-level `spec.resources` sets a memory request or limit, or when a LimitRange of type Container in the same namespace (in the scanned files) gives a `defaultRequest`, `default`, `max` or `min` memory.",
    rationale:
      'The memory request is what the scheduler reserves. Without one pods are packed onto nodes regardless of their needs, the node overcommits its memory, and under memory pressure the kubelet evicts first the pods that use more than they requested (BestEffort pods before all others): an availability problem that a noisy or compromised neighbour can trigger on purpose. Requests also drive the Cluster Autoscaler, Karpenter and HPA memory utilisation.',
    remediation:
      'Set `resources.requests.memory` on the container from its observed usage (e.g. the 90th percentile, or equal to its memory limit), or give the namespace a LimitRange with a `defaultRequest` memory.',
    limitations: 'LimitRanges applied outside the scanned files are not visible. A pod template whose containers name no image is a fragment completed elsewhere (a Kustomize patch; a Spark, EMR or Flink pod template, whose framework sets the image, resources and the rest): what it leaves out is not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0016' },
        { tool: 'polaris', id: 'polaris:memoryRequestsMissing' },
        { tool: 'checkov', id: 'CKV_K8S_12' },
        { tool: 'kube-linter', id: 'unset-memory-requirements' },
        { tool: 'kubescape', id: 'C-0269' },
        { tool: 'kubescape', id: 'C-0004' },
      ],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Resource policies' },
        { framework: 'Amazon EKS Best Practices Guide', id: 'Reliability: Applications - Configure and size resource requests and limits' },
      ],
    },
  },
  appliesTo: isWorkload,
  check: checkResource({
    name: 'memory',
    section: 'requests',
    why: 'the scheduler reserves no memory for it, so nodes get overcommitted and the pod is among the first evicted under memory pressure',
  }),
});
