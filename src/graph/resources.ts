/**
 * Compute resources (CPU, memory) of workload containers, shared by the four rules `k8s/cpu-limit`,
 * `k8s/memory-limit`, `k8s/cpu-request` and `k8s/memory-request` (one rule per resource and section, so each can be
 * turned off alone and matches one peer facet). Decides, per container, whether the effective limit or request of
 * one resource is set, the way the API server would once admission has run:
 *
 * - the container's own `resources.limits` / `resources.requests`;
 * - pod-level `spec.resources` (Kubernetes 1.32+), which bounds every container of the pod;
 * - LimitRanges of type Container in the same namespace (in the scanned files), which the LimitRanger admission
 *   plugin applies to containers that set nothing;
 * - a request left out is defaulted to the container's limit for that resource;
 * - a zero limit (`0`, `0m`, `0Mi`) means no limit at all.
 *
 * Regular, init and native sidecar containers are checked; ephemeral containers cannot set resources.
 */
import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import type { RuleContext } from '../rules/rule.js';
import { asArray, asObject } from '../util/json.js';
import { isUnresolved } from '../util/template.js';
import type { ResourceGraph } from './graph.js';
import { isPatchFragment, namespaceKey, podContainers, podTemplatesOf, type ContainerList, type PodTemplate } from './kubernetes.js';

export const COMPUTE_RESOURCES = ['cpu', 'memory'] as const;
export type ComputeResource = (typeof COMPUTE_RESOURCES)[number];
export type ResourceSection = 'limits' | 'requests';

/** What a LimitRange of type Container fills in, per namespace, for containers that set nothing. */
export interface NamespaceDefaults {
  limits: Set<ComputeResource>;
  requests: Set<ComputeResource>;
}

/**
 * Defaults that the LimitRanger admission plugin applies to containers of each namespace, from the LimitRanges of
 * the scan. A default limit comes from `default`, or `max` when there is no default; a default request from
 * `defaultRequest`, then `default`, `max`, `min` (the API server's LimitRange defaulting).
 */
export function limitRangeDefaults(graph: ResourceGraph, resource: Resource): NamespaceDefaults {
  const index = graph.memo('graph/resources:limit-range-defaults', (g) => {
    const byNamespace = new Map<string, NamespaceDefaults>();
    for (const limitRange of g.ofType('kubernetes', 'LimitRange')) {
      const key = namespaceKey(limitRange);
      const defaults = byNamespace.get(key) ?? { limits: new Set<ComputeResource>(), requests: new Set<ComputeResource>() };
      byNamespace.set(key, defaults);
      for (const item of asArray(asObject(limitRange.body.spec)?.limits)) {
        const limit = asObject(item);
        if (!limit || limit.type !== 'Container') continue;
        for (const name of COMPUTE_RESOURCES) {
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

/** A value is set when present and not empty; a template expression counts as set (its value is unknown). */
export function isSet(value: JsonValue | undefined): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** `0`, `0m`, `0Mi`, `0.0`, `0e3`...: a zero quantity, which for a limit means no limit at all. */
export function isZeroQuantity(value: JsonValue | undefined): boolean {
  if (typeof value === 'number') return value === 0;
  return typeof value === 'string' && /^[+-]?0*(\.0*)?([eE][+-]?\d+|[a-zA-Z]{0,2})?$/.test(value.trim()) && /0/.test(value);
}

export interface ResourceContainer {
  container: JsonObject;
  name: string;
  path: NodePath;
  list: ContainerList;
  /** Human label: `Container "web"`, `Init container "migrate"`, `Sidecar container "proxy"`. */
  label: string;
  /** The pod template holding the container (custom resources may have several). */
  pod: PodTemplate;
}

/**
 * Init and regular containers: ephemeral containers cannot set resources. Init containers are included: while
 * one runs it is alone in the pod and a missing limit leaves the pod unbounded (and the pod's effective request is
 * at least the largest init container request); native sidecars (init containers with `restartPolicy: Always`) run
 * for the pod's whole life.
 */
export function resourceContainers(resource: Resource): ResourceContainer[] {
  const result: ResourceContainer[] = [];
  for (const pod of podTemplatesOf(resource)) {
    for (const { container, name, path, list } of podContainers(pod)) {
      if (list === 'ephemeralContainers') continue;
      const kind = list === 'containers' ? 'Container' : container.restartPolicy === 'Always' ? 'Sidecar container' : 'Init container';
      result.push({ container, name, path, list, label: `${kind} "${name}"`, pod });
    }
  }
  return result;
}

/** Path to report a missing `resources.<section>.<name>` at: the deepest of those that exists (a key written without a value included). */
export function missingPath(entry: ResourceContainer, section: ResourceSection, name?: ComputeResource): NodePath {
  if (!('resources' in entry.container)) return entry.path;
  const resources = asObject(entry.container.resources);
  if (!resources || !(section in resources)) return [...entry.path, 'resources'];
  const values = asObject(resources[section]);
  if (name !== undefined && values && name in values) return [...entry.path, 'resources', section, name];
  return [...entry.path, 'resources', section];
}

/** A container whose effective limit or request of one resource is missing, or a limit that is zero. */
export type ResourceGap =
  | { kind: 'missing'; entry: ResourceContainer; path: NodePath }
  | { kind: 'zero'; entry: ResourceContainer; path: NodePath; value: JsonValue };

/** A limit that bounds the resource: set, and not zero (a template expression counts as bounding). */
function isBoundingLimit(value: JsonValue | undefined): boolean {
  return isSet(value) && !isZeroQuantity(value);
}

/**
 * Containers of a workload whose `section` for `name` is missing once pod-level resources, LimitRange defaults
 * and (for requests) the request-from-limit defaulting are applied, and containers whose own limit is zero.
 */
export function resourceGaps(resource: Resource, graph: ResourceGraph, name: ComputeResource, section: ResourceSection): ResourceGap[] {
  const defaults = limitRangeDefaults(graph, resource)[section];
  const gaps: ResourceGap[] = [];
  for (const entry of resourceContainers(resource)) {
    if (isUnresolved(entry.container.resources)) continue; // decided elsewhere: a template value, a Tekton PipelineRun
    const podResources = asObject(entry.pod.spec.resources);
    const podLimit = asObject(podResources?.limits)?.[name];
    const podRequest = asObject(podResources?.requests)?.[name];
    const resources = asObject(entry.container.resources);
    const limit = asObject(resources?.limits)?.[name];
    if (section === 'limits') {
      // A pod-level limit bounds the container whatever it sets itself; a zero container limit is then harmless.
      if (isBoundingLimit(podLimit)) continue;
      if (isSet(limit) && isZeroQuantity(limit)) {
        gaps.push({ kind: 'zero', entry, path: [...entry.path, 'resources', 'limits', name], value: limit as JsonValue });
        continue;
      }
      if (isSet(limit) || defaults.has(name)) continue;
    } else {
      // The API server defaults a missing request to the limit (container or pod level).
      if (isSet(asObject(resources?.requests)?.[name]) || isSet(limit)) continue;
      if (isSet(podRequest) || isSet(podLimit) || defaults.has(name)) continue;
    }
    // What a fragment leaves out, the framework that completes it may set (Spark sets requests and limits).
    if (!isPatchFragment(entry.pod)) gaps.push({ kind: 'missing', entry, path: missingPath(entry, section, name) });
  }
  return gaps;
}

export interface ResourceCheck {
  name: ComputeResource;
  section: ResourceSection;
  /** Why the gap matters, completing "Container "web" has no cpu limit: <why>." */
  why: string;
}

/** The check of the four rules: one report per container whose limit or request of the resource is missing or zero. */
export function checkResource({ name, section, why }: ResourceCheck): (context: RuleContext) => void {
  const noun = section === 'limits' ? 'limit' : 'request';
  return ({ resource, graph, report }) => {
    for (const gap of resourceGaps(resource, graph, name, section)) {
      const { entry } = gap;
      const message =
        gap.kind === 'zero'
          ? `${entry.label} sets a ${name} ${noun} of ${String(gap.value)}, which means no ${noun}: ${why}.`
          : `${entry.label} has no ${name} ${noun}: ${why}.`;
      report({ path: gap.path, container: entry.name, message });
    }
  };
}
