import { isWorkload, podField, podTemplatesOf } from '../../graph/kubernetes.js';
import { createRule } from '../rule.js';

const NAMESPACES = [
  {
    field: 'hostNetwork',
    what: "the node's network namespace",
    risk: "sees every interface of the node, can bind its ports and reach services listening on the node's localhost; the IMDS hop limit no longer keeps it from the node role's credentials, with NET_RAW it can sniff the node's traffic, and NetworkPolicies no longer apply to it",
  },
  {
    field: 'hostPID',
    what: "the node's process namespace",
    risk: "sees every process on the node and their command lines (secrets passed as arguments); as their user or with SYS_PTRACE / KILL it reads their environment, inspects and signals them",
  },
  {
    field: 'hostIPC',
    what: "the node's IPC namespace",
    risk: 'can read and write the shared memory and message queues of every process on the node',
  },
] as const;

export default createRule({
  meta: {
    id: 'k8s/no-host-namespaces',
    title: "Pods must not share the node's network, PID or IPC namespace",
    severity: 'high',
    seedPoints: ['RUN-3'],
    artifacts: ['kubernetes'],
    description:
      'Reports each of `hostNetwork`, `hostPID` and `hostIPC` set to `true` in a pod spec (Pod, workload controllers, CronJob, PodTemplate and custom resources embedding a pod template), one finding per field, at the field.',
    rationale:
      "Namespaces are what isolates a container from the node. A pod in the node's network namespace can reach node-local services and bypasses NetworkPolicies; in its PID namespace it sees (and can signal) every process and reads their environment; in its IPC namespace it shares memory with host processes. Each is a step from a compromised container to a compromised node.",
    remediation:
      'Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec (they default to false). Expose ports through a Service instead of the host network; give node agents that truly need a host namespace a reviewed exception (a `seaworthy.dev/suppress` annotation with a reason).',
    limitations:
      'Node agents (CNI plugins, kube-proxy, node exporters) legitimately need host namespaces: suppress those with a reason rather than disabling the rule.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0008' },
        { tool: 'trivy', id: 'AVD-KSV-0009' },
        { tool: 'trivy', id: 'AVD-KSV-0010' },
        { tool: 'polaris', id: 'polaris:hostIPCSet' },
        { tool: 'polaris', id: 'polaris:hostNetworkSet' },
        { tool: 'polaris', id: 'polaris:hostPIDSet' },
        { tool: 'checkov', id: 'CKV_K8S_17' },
        { tool: 'checkov', id: 'CKV_K8S_18' },
        { tool: 'checkov', id: 'CKV_K8S_19' },
        { tool: 'kube-linter', id: 'host-network' },
        { tool: 'kube-linter', id: 'host-pid' },
        { tool: 'kube-linter', id: 'host-ipc' },
        { tool: 'kubescape', id: 'C-0038' },
        { tool: 'kubescape', id: 'C-0041' },
      ],
      frameworks: [
        { framework: 'Pod Security Standards', id: 'baseline: Host Namespaces' },
        { framework: 'CIS EKS Benchmark 1.5', id: '4.2.2' },
        { framework: 'CIS EKS Benchmark 1.5', id: '4.2.3' },
        { framework: 'CIS EKS Benchmark 1.5', id: '4.2.4' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: host namespaces' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    for (const pod of podTemplatesOf(resource)) {
      for (const { field, what, risk } of NAMESPACES) {
        const setting = podField(pod, field);
        if (setting?.value !== true) continue;
        report({
          path: setting.path,
          message: `The pod shares ${what} (${field}: true): every container ${risk}.`,
          fix: `Remove \`${field}: true\` from the pod spec (the default is false).`,
        });
      }
    }
  },
});
