import { isWorkload, podTemplateOf } from '../../graph/kubernetes.js';
import { asObject } from '../../util/json.js';
import { createRule } from '../rule.js';
import { isSet, limitRangeDefaults, missingPath, RESOURCE_NAMES, resourceContainers, type ResourceName } from './resource-limits.js';

const WHY: Record<ResourceName, string> = {
  memory: 'the scheduler reserves no memory for it, so nodes get overcommitted and the pod is among the first evicted under memory pressure',
  cpu: 'the scheduler reserves no CPU for it, so it gets only leftover CPU time when the node is busy',
};

export default createRule({
  meta: {
    id: 'k8s/resource-requests',
    title: 'Containers must set CPU and memory requests',
    severity: 'low',
    seedPoints: [],
    artifacts: ['kubernetes'],
    description:
      "Reports, per container and per resource, a missing `resources.requests.cpu` and `resources.requests.memory`. Regular, init and native sidecar containers are checked (the pod's effective request includes the largest init container request); ephemeral containers cannot set resources and are skipped. A request counts as set when the container sets a limit for the resource (the API server then defaults the request to the limit), when a pod-level `spec.resources` sets it, or when a LimitRange of type Container in the same namespace (in the scanned files) gives a `defaultRequest`, `default`, `max` or `min` for it.",
    rationale:
      "Requests are what the scheduler reserves. Without them pods are packed onto nodes regardless of what they use, the node runs out of memory and the kubelet evicts pods (BestEffort ones first), and CPU-starved pods fail their probes: an availability problem that a noisy or compromised neighbour can trigger on purpose. Requests also drive the Cluster Autoscaler, Karpenter and HPA utilisation.",
    remediation:
      'Set `resources.requests.cpu` and `resources.requests.memory` on every container from observed usage (e.g. the 90th percentile), or give the namespace a LimitRange with `defaultRequest` values.',
    limitations: 'LimitRanges applied outside the scanned files are not visible.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0015' },
        { tool: 'trivy', id: 'AVD-KSV-0016' },
        { tool: 'polaris', id: 'polaris:cpuRequestsMissing' },
        { tool: 'polaris', id: 'polaris:memoryRequestsMissing' },
        { tool: 'checkov', id: 'CKV_K8S_10' },
        { tool: 'checkov', id: 'CKV_K8S_12' },
        { tool: 'kube-linter', id: 'unset-cpu-requirements' },
        { tool: 'kube-linter', id: 'unset-memory-requirements' },
        { tool: 'kubescape', id: 'C-0004' },
        { tool: 'kubescape', id: 'C-0050' },
      ],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Resource policies' },
        { framework: 'Amazon EKS Best Practices Guide', id: 'Reliability: Applications - Configure and size resource requests and limits' },
      ],
    },
  },
  appliesTo: isWorkload,
  check({ resource, graph, report }) {
    const pod = podTemplateOf(resource);
    if (!pod) return;
    const podResources = asObject(pod.spec.resources);
    const defaults = limitRangeDefaults(graph, resource);
    for (const entry of resourceContainers(resource)) {
      const resources = asObject(entry.container.resources);
      for (const name of RESOURCE_NAMES) {
        if (isSet(asObject(resources?.requests)?.[name]) || isSet(asObject(resources?.limits)?.[name])) continue;
        if (isSet(asObject(podResources?.requests)?.[name]) || isSet(asObject(podResources?.limits)?.[name])) continue;
        if (defaults.requests.has(name)) continue;
        report({
          path: missingPath(entry, 'requests'),
          container: entry.name,
          message: `${entry.label} has no ${name} request: ${WHY[name]}.`,
          fix: `Set \`resources.requests.${name}\` on the container (or a LimitRange defaultRequest for the namespace).`,
        });
      }
    }
  },
});
