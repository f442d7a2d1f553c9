import { isWorkload } from '../../graph/kubernetes.js';
import { checkResource } from '../../graph/resources.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/cpu-limit',
    title: 'Containers must set a CPU limit',
    severity: 'low',
    seedPoints: [],
    artifacts: ['kubernetes'],
    description:
      "Reports each container whose `resources.limits.cpu` is missing, or zero (which means no limit). Regular, init and native sidecar containers are checked (while an init container runs it is alone in the pod, so its limit is the pod's); ephemeral containers cannot set resources and are skipped. The limit counts as set when a pod-level `spec.resources.limits.cpu` bounds the whole pod, or when a LimitRange of type Container in the same namespace (in the scanned files) gives a `default` or `max` CPU.",
    rationale:
      "A CPU limit caps what a container can burn: a busy loop, a load spike or a cryptominer in a compromised container cannot take more than its limit. CPU is compressible and the kernel still gives every container its requested share under contention, so a missing CPU limit mostly hurts neighbours that burst beyond their requests, BestEffort pods and node daemons without reserved CPU; hence the low severity. A namespace ResourceQuota on `limits.cpu` rejects pods that lack one.",
    remediation:
      'Set `resources.limits.cpu` on the container (for example a small multiple of its CPU request), or give the namespace a LimitRange with a `default` CPU limit. If you run without CPU limits on purpose, turn this rule off (`rules: { k8s/cpu-limit: off }` in seaworthy.config.yaml) and keep CPU requests set (`k8s/cpu-request`).',
    limitations:
      'LimitRanges and ResourceQuotas applied outside the scanned files are not visible. Whether CPU limits are wanted is a policy choice: CFS quota throttling can add latency even on an idle node, and many teams deliberately run without CPU limits. A pod template whose containers name no image is a fragment completed elsewhere (a Kustomize patch; a Spark, EMR or Flink pod template, whose framework sets the image, resources and the rest): what it leaves out is not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0011' },
        { tool: 'polaris', id: 'polaris:cpuLimitsMissing' },
        { tool: 'checkov', id: 'CKV_K8S_11' },
        { tool: 'kube-linter', id: 'unset-cpu-requirements' },
        { tool: 'kubescape', id: 'C-0270' },
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
    section: 'limits',
    why: "it can take all of the node's spare CPU, at the expense of other pods' bursts and of node daemons",
  }),
});
