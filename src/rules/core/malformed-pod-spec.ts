import { builtInPodSpecPath, CONTAINER_LISTS } from '../../graph/kubernetes.js';
import type { JsonValue, NodePath } from '../../model/types.js';
import { dottedPath, isObject, jsonKind } from '../../util/json.js';
import { closest } from '../../util/closest.js';
import { isUnresolved } from '../../util/template.js';
import { createRule } from '../rule.js';

/** The fields of the pod-level and the container-level securityContext (Kubernetes 1.35). */
const SECURITY_CONTEXT_FIELDS = {
  pod: new Set(['appArmorProfile', 'fsGroup', 'fsGroupChangePolicy', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seLinuxChangePolicy', 'seLinuxOptions', 'seccompProfile', 'supplementalGroups', 'supplementalGroupsPolicy', 'sysctls', 'windowsOptions']),
  container: new Set(['allowPrivilegeEscalation', 'appArmorProfile', 'capabilities', 'privileged', 'procMount', 'readOnlyRootFilesystem', 'runAsGroup', 'runAsNonRoot', 'runAsUser', 'seLinuxOptions', 'seccompProfile', 'windowsOptions']),
} as const;

/** Boolean fields the security rules read, by level: a string such as `"true"` there is refused by the API server. */
const BOOLEAN_FIELDS = {
  pod: ['hostNetwork', 'hostPID', 'hostIPC', 'hostUsers', 'shareProcessNamespace', 'automountServiceAccountToken'],
  podSecurityContext: ['runAsNonRoot'],
  containerSecurityContext: ['privileged', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem', 'runAsNonRoot'],
} as const;

/**
 * Keys of a securityContext that are no field of it but resemble one (`readOnlyRootFileSystem`) or belong to the
 * other level (`privileged` on the pod): the setting the author meant is not made.
 */
function strayFields(context: JsonValue | undefined, path: NodePath, level: 'pod' | 'container'): Array<{ path: NodePath; message: string }> {
  if (!isObject(context)) return [];
  const own = SECURITY_CONTEXT_FIELDS[level];
  const other = level === 'pod' ? 'container' : 'pod';
  const out: Array<{ path: NodePath; message: string }> = [];
  for (const key of Object.keys(context)) {
    if (own.has(key) || isUnresolved(key)) continue;
    const dropped = 'kubectl refuses the manifest (strict field validation) and tools that apply without it drop the key';
    if (SECURITY_CONTEXT_FIELDS[other].has(key)) {
      out.push({ path: [...path, key], message: `${key} in ${dottedPath(path)} is a field of ${level === 'pod' ? 'each container\'s' : 'the pod\'s'} securityContext, not of the ${level}'s: ${dropped}, so it sets nothing.` });
      continue;
    }
    const meant = closest(key, own);
    if (meant) out.push({ path: [...path, key], message: `${key} in ${dottedPath(path)} is no securityContext field (${meant}, misspelt?): ${dropped}, so ${meant} is not set.` });
  }
  return out;
}

export default createRule({
  meta: {
    id: 'core/malformed-pod-spec',
    title: 'Pod specs must have the structure the API server accepts',
    severity: 'low',
    seedPoints: [],
    artifacts: ['kubernetes'],
    description:
      'Reports built-in workloads (Pod, PodTemplate, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, DeploymentConfig) whose pod spec, or the objects leading to it, is not a map, whose `containers`, `initContainers`, `ephemeralContainers` or `volumes` is not a list, or whose containers, pod `securityContext` or container `securityContext` are not maps: `containers` written as a map, `spec` as a list; and container names used twice across init, regular and ephemeral containers. Also keys of a pod or container `securityContext` that are no field of it: one that resembles a field (`readOnlyRootFileSystem`, `runAsNonroot`, `allowPrivilegedEscalation`), or a field of the other level (`privileged` or `readOnlyRootFilesystem` on the pod, `fsGroup` or `sysctls` on a container): the setting meant is not made. And boolean fields the security rules read written as strings or numbers (`privileged: "true"`, `hostPID: "true"`, `runAsNonRoot: "true"`; also `hostNetwork`, `hostIPC`, `hostUsers`, `shareProcessNamespace`, `automountServiceAccountToken`, `allowPrivilegeEscalation`, `readOnlyRootFilesystem`): the API server\'s strict decoding refuses them. Values left to a template (`{{ }}`, `${VAR}`) are not judged.',
    rationale:
      'The API server rejects such a manifest, and seaworthy cannot read the settings it was meant to carry: without this finding a typo would pass every pod rule as if it were secure. Often the intended settings are there, one level off.',
    remediation: 'Fix the structure: `containers` is a list of maps (`- name: app`), `spec` and `securityContext` are maps. `kubectl apply --dry-run=server` (or `kubeconform`) shows what the API server would say.',
    limitations: 'Only these fields are checked, not the whole OpenAPI schema; custom resources are not checked. An unknown securityContext key that resembles no field (a field of a Kubernetes release newer than 1.35, a tool\'s own key) is not reported.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => builtInPodSpecPath(resource) !== undefined,
  check({ resource, report }) {
    const specPath = builtInPodSpecPath(resource) ?? [];
    const problem = (path: NodePath, value: JsonValue, expected: 'a map' | 'a list'): void => {
      report({
        path,
        message: `${resource.type} "${resource.name}": ${dottedPath(path)} is ${jsonKind(value)}, not ${expected}. The API server rejects this manifest, and the pod settings it holds were not checked.`,
      });
    };
    // Down to the pod spec: each object on the way must be a map (an absent one is a patch fragment, not an error).
    let current: JsonValue | undefined = resource.body;
    for (let depth = 1; depth <= specPath.length; depth++) {
      const path = specPath.slice(0, depth);
      const next: JsonValue | undefined = isObject(current) ? current[path[depth - 1] as string] : undefined;
      if (next === undefined || (typeof next === 'string' && isUnresolved(next))) return;
      if (!isObject(next)) return problem(path, next, 'a map');
      current = next;
    }
    const spec = current;
    if (!isObject(spec)) return;
    const mapAt = (path: NodePath, value: JsonValue | undefined): boolean => {
      if (value === undefined || value === null || isObject(value) || (typeof value === 'string' && isUnresolved(value))) return true;
      problem(path, value, 'a map');
      return false;
    };
    const strays = (context: JsonValue | undefined, path: NodePath, level: 'pod' | 'container'): void => {
      for (const stray of strayFields(context, path, level)) report({ path: stray.path, message: `${resource.type} "${resource.name}": ${stray.message}` });
    };
    // `privileged: "true"`: quoted, a string; the API server's strict decoding refuses it, and the rules cannot tell
    // what was meant.
    const booleans = (object: JsonValue | undefined, path: NodePath, fields: readonly string[]): void => {
      if (!isObject(object)) return;
      for (const field of fields) {
        const value = object[field];
        if (value === undefined || value === null || typeof value === 'boolean' || (typeof value === 'string' && isUnresolved(value))) continue;
        report({
          path: [...path, field],
          message: `${resource.type} "${resource.name}": ${dottedPath([...path, field])} is ${jsonKind(value)} (${JSON.stringify(value)}), not a boolean. The API server rejects this manifest; write true or false${typeof value === 'string' ? ', without quotes' : ''}.`,
        });
      }
    };
    booleans(spec, specPath, BOOLEAN_FIELDS.pod);
    if (mapAt([...specPath, 'securityContext'], spec.securityContext)) {
      strays(spec.securityContext, [...specPath, 'securityContext'], 'pod');
      booleans(spec.securityContext, [...specPath, 'securityContext'], BOOLEAN_FIELDS.podSecurityContext);
    }
    // Container names are unique across init, regular and ephemeral containers (and per-container settings,
    // suppressions and fingerprints go by name).
    const names = new Map<string, NodePath>();
    for (const list of [...CONTAINER_LISTS, 'volumes']) {
      const value = spec[list];
      if (value === undefined || value === null || (typeof value === 'string' && isUnresolved(value))) continue;
      if (!Array.isArray(value)) {
        problem([...specPath, list], value, 'a list');
        continue;
      }
      value.forEach((item, index) => {
        if (!mapAt([...specPath, list, index], item) || list === 'volumes' || !isObject(item)) return;
        if (mapAt([...specPath, list, index, 'securityContext'], item.securityContext)) {
          strays(item.securityContext, [...specPath, list, index, 'securityContext'], 'container');
          booleans(item.securityContext, [...specPath, list, index, 'securityContext'], BOOLEAN_FIELDS.containerSecurityContext);
        }
        const name = item.name;
        if (typeof name !== 'string' || name === '' || isUnresolved(name)) return;
        const first = names.get(name);
        if (first) {
          report({
            path: [...specPath, list, index, 'name'],
            message: `${resource.type} "${resource.name}": container name "${name}" is used twice (${dottedPath(first)} and ${dottedPath([...specPath, list, index])}). The API server rejects this manifest.`,
          });
        } else names.set(name, [...specPath, list, index]);
      });
    }
  },
});
