import { isWorkload } from '../../graph/kubernetes.js';
import { checkResource } from '../../graph/resources.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/memory-limit',
    title: 'Containers must set a memory limit',
    severity: 'medium',
    seedPoints: [],
    artifacts: ['kubernetes'],
    description:
      "Reports each container whose `resources.limits.memory` is missing, or zero (which means no limit). Regular, init and native sidecar containers are checked (while an init container runs it is alone in the pod, so its limit is the pod's); ephemeral containers cannot set resources and are skipped. The limit counts as set when a pod-level `spec.resources.limits.memory` bounds the whole pod, or when a LimitRange of type Container in the same namespace (in the scanned files) gives a `default` or `max` memory.",
    rationale:
      "Memory is not compressible: a container without a memory limit can grow until its node runs out, and then the kernel OOM killer and kubelet eviction kill processes of other pods, node daemons included. A memory limit confines a leak, a runaway cache or a compromised container to its own cgroup, where it alone is OOM-killed and restarted. A namespace ResourceQuota on `limits.memory` rejects pods that lack one.",
    remediation:
      'Set `resources.limits.memory` on the container, usually equal to its memory request (the node is then never overcommitted by this pod), or give the namespace a LimitRange with a `default` memory limit.',
    limitations: 'LimitRanges and ResourceQuotas applied outside the scanned files are not visible. A pod template whose containers name no image is a fragment completed elsewhere (a Kustomize patch; a Spark, EMR or Flink pod template, whose framework sets the image, resources and the rest): what it leaves out is not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0018' },
        { tool: 'polaris', id: 'polaris:memoryLimitsMissing' },
        { tool: 'checkov', id: 'CKV_K8S_13' },
        { tool: 'kube-linter', id: 'unset-memory-requirements' },
        { tool: 'kubescape', id: 'C-0271' },
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
    section: 'limits',
    why: "it can use all of the node's memory, and the kernel then OOM-kills other pods' processes",
  }),
});
