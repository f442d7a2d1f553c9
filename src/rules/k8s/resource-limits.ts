import type { ResourceGraph } from '../../graph/graph.js';
import { isWorkload, namespaceKey, podTemplateOf, type ContainerList } from '../../graph/kubernetes.js';
import type { JsonObject, JsonValue, NodePath, Resource } from '../../model/types.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';

export const RESOURCE_NAMES = ['cpu', 'memory'] as const;
export type ResourceName = (typeof RESOURCE_NAMES)[number];

/** What a LimitRange of type Container fills in, per namespace, for containers that set nothing. */
export interface NamespaceDefaults {
  limits: Set<ResourceName>;
  requests: Set<ResourceName>;
}

/**
 * Defaults that the LimitRanger admission plugin applies to containers of each namespace, from the LimitRanges of
 * the scan. A default limit comes from `default`, or `max` when there is no default; a default request from
 * `defaultRequest`, then `default`, `max`, `min` (the API server's LimitRange defaulting).
 */
export function limitRangeDefaults(graph: ResourceGraph, resource: Resource): NamespaceDefaults {
  const index = graph.memo('k8s/resource-limits:limit-range-defaults', (g) => {
    const byNamespace = new Map<string, NamespaceDefaults>();
    for (const limitRange of g.ofType('kubernetes', 'LimitRange')) {
      const key = namespaceKey(limitRange);
      const defaults = byNamespace.get(key) ?? { limits: new Set<ResourceName>(), requests: new Set<ResourceName>() };
      byNamespace.set(key, defaults);
      for (const item of asArray(asObject(limitRange.body.spec)?.limits)) {
        const limit = asObject(item);
        if (!limit || limit.type !== 'Container') continue;
        for (const name of RESOURCE_NAMES) {
          if (isSet(asObject(limit.default)?.[name]) || isSet(asObject(limit.max)?.[name])) {
            defaults.limits.add(name);
            defaults.requests.add(name);
          }
          if (isSet(asObject(limit.defaultRequest)?.[name]) || isSet(asObject(limit.min)?.[name])) defaults.requests.add(name);
        }
      }
    }
    return byNamespace;
  });
  return index.get(namespaceKey(resource)) ?? { limits: new Set(), requests: new Set() };
}

export function isSet(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** `0`, `0m`, `0Mi`, `0.0`...: a zero quantity, which for a limit means no limit at all. */
export function isZeroQuantity(value: JsonValue | undefined): boolean {
  if (typeof value === 'number') return value === 0;
  return typeof value === 'string' && /^[+]?0*(\.0*)?([a-zA-Z]{0,2})?$/.test(value.trim()) && /0/.test(value);
}

export interface ResourceContainer {
  container: JsonObject;
  name: string;
  path: NodePath;
  list: ContainerList;
  /** Human label: `Container "web"`, `Init container "migrate"`, `Sidecar container "proxy"`. */
  label: string;
}

/**
 * Init and regular containers: ephemeral containers cannot set resources. Init containers are included: while
 * one runs it is alone in the pod and a missing limit leaves the pod unbounded; native sidecars (init containers
 * with `restartPolicy: Always`) run for the pod's whole life.
 */
export function resourceContainers(resource: Resource): ResourceContainer[] {
  const pod = podTemplateOf(resource);
  if (!pod) return [];
  const result: ResourceContainer[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    asArray(pod.spec[list]).forEach((item, index) => {
      const container = asObject(item);
      if (!container) return;
      const name = asString(container.name) ?? `${list}[${index}]`;
      const kind = list === 'containers' ? 'Container' : container.restartPolicy === 'Always' ? 'Sidecar container' : 'Init container';
      result.push({ container, name, path: [...pod.specPath, list, index], list, label: `${kind} "${name}"` });
    });
  }
  return result;
}

/** Path to report a missing `resources.<section>.<name>` at: the deepest of those that exists. */
export function missingPath(entry: ResourceContainer, section: 'limits' | 'requests'): NodePath {
  if (!('resources' in entry.container)) return entry.path;
  const resources = asObject(entry.container.resources);
  if (!resources || !(section in resources)) return [...entry.path, 'resources'];
  return [...entry.path, 'resources', section];
}

const WHY: Record<ResourceName, string> = {
  memory: "it can use all of the node's memory, and the kernel then OOM-kills other pods' processes",
  cpu: "it can take all of the node's spare CPU and starve other pods and node daemons",
};

export default createRule({
  meta: {
    id: 'k8s/resource-limits',
    title: 'Containers must set CPU and memory limits',
    severity: 'medium',
    seedPoints: [],
    artifacts: ['kubernetes'],
    description:
      "Reports, per container and per resource, a missing (or zero, which means unlimited) `resources.limits.cpu` and `resources.limits.memory`. Regular, init and native sidecar containers are checked (while an init container runs it is alone in the pod, so its limit is the pod's); ephemeral containers cannot set resources and are skipped. A limit counts as set when a pod-level `spec.resources.limits` sets it, or when a LimitRange of type Container in the same namespace (in the scanned files) gives a `default` or `max` for it.",
    rationale:
      "Without limits a single container can exhaust its node: a memory leak ends in the kernel OOM-killing other pods' processes and node daemons, a busy loop starves them of CPU. Limits bound the blast radius of a bug or of a compromised container (cryptominers), and a namespace ResourceQuota on limits rejects pods that lack them.",
    remediation:
      'Set `resources.limits.memory` (usually equal to the memory request) and `resources.limits.cpu` on every container, or give the namespace a LimitRange with `default` limits. If you deliberately run without CPU limits (to avoid CFS throttling), turn the CPU part off by suppressing with a reason.',
    limitations:
      'LimitRanges and ResourceQuotas applied outside the scanned files are not visible. Some teams deliberately omit CPU limits to avoid throttling; the finding then documents that decision through a suppression.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0011' },
        { tool: 'trivy', id: 'AVD-KSV-0018' },
        { tool: 'polaris', id: 'polaris:cpuLimitsMissing' },
        { tool: 'polaris', id: 'polaris:memoryLimitsMissing' },
        { tool: 'checkov', id: 'CKV_K8S_11' },
        { tool: 'checkov', id: 'CKV_K8S_13' },
        { tool: 'kube-linter', id: 'unset-cpu-requirements' },
        { tool: 'kube-linter', id: 'unset-memory-requirements' },
        { tool: 'kubescape', id: 'C-0009' },
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
    const podLimits = asObject(asObject(pod.spec.resources)?.limits);
    const defaults = limitRangeDefaults(graph, resource);
    for (const entry of resourceContainers(resource)) {
      const limits = asObject(asObject(entry.container.resources)?.limits);
      for (const name of RESOURCE_NAMES) {
        const value = limits?.[name];
        if (isSet(value) && isZeroQuantity(value)) {
          report({
            path: [...entry.path, 'resources', 'limits', name],
            container: entry.name,
            message: `${entry.label} sets a ${name} limit of ${String(value)}, which means no limit: ${WHY[name]}.`,
          });
          continue;
        }
        if (isSet(value) || isSet(podLimits?.[name]) || defaults.limits.has(name)) continue;
        report({
          path: missingPath(entry, 'limits'),
          container: entry.name,
          message: `${entry.label} has no ${name} limit: ${WHY[name]}.`,
          fix: `Set \`resources.limits.${name}\` on the container (or a LimitRange default for the namespace).`,
        });
      }
    }
  },
});
