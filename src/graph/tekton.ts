/**
 * Tekton Pipelines: the pods that Tasks, ClusterTasks, TaskRuns, Pipelines and PipelineRuns run, as pod
 * templates the Kubernetes rules check (see PodTemplate in kubernetes.ts). Tekton runs a task as one pod whose
 * containers are the task's `steps` (each merged over `stepTemplate`, named `step-<name>` in the pod) and
 * `sidecars`, with the task's `volumes`. Every other pod setting comes from the run (`podTemplate`,
 * `serviceAccountName`) or from the cluster's default pod template (the `config-defaults` ConfigMap): settings a
 * run does not give are unknown, never Kubernetes' defaults. Task pods run to completion.
 */
import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { asArray, asObject, asString, getPath } from '../util/json.js';
import type { PodContainer, PodSettingsSource, PodTemplate } from './kubernetes.js';

const KINDS = new Set(['Task', 'ClusterTask', 'TaskRun', 'Pipeline', 'PipelineRun']);

/** The fields of a run's `podTemplate` that are pod settings (Tekton's PodTemplate). */
const POD_TEMPLATE_FIELDS: ReadonlySet<string> = new Set([
  'securityContext',
  'nodeSelector',
  'tolerations',
  'affinity',
  'volumes',
  'automountServiceAccountToken',
  'hostNetwork',
  'priorityClassName',
  'schedulerName',
  'hostAliases',
  'dnsPolicy',
  'dnsConfig',
]);

export function isTekton(resource: Resource): boolean {
  return resource.artifact === 'kubernetes' && resource.apiVersion?.startsWith('tekton.dev/') === true && KINDS.has(resource.type);
}

/** What a run gives its task pods: its pod template and service account, as settings sources. */
function runSettings(body: JsonObject, runSpecPath: NodePath): PodSettingsSource[] {
  const sources: PodSettingsSource[] = [];
  // PipelineRun v1 nests both under taskRunTemplate; TaskRun and v1beta1 PipelineRun keep them on the spec.
  for (const at of [[...runSpecPath, 'taskRunTemplate'], runSpecPath]) {
    const holder = asObject(getPath(body, at));
    if (!holder) continue;
    const podTemplate = asObject(holder.podTemplate);
    if (podTemplate) sources.push({ spec: podTemplate, specPath: [...at, 'podTemplate'], fields: POD_TEMPLATE_FIELDS });
    if (holder.serviceAccountName !== undefined) sources.push({ spec: holder, specPath: at, fields: new Set(['serviceAccountName']) });
  }
  return sources;
}

/** The pods of a Tekton object: one per task it defines inline. */
export function tektonPods(resource: Resource): PodTemplate[] {
  const body = resource.body;
  const pods: PodTemplate[] = [];
  const addTask = (taskSpecPath: NodePath, name: string | undefined, run: PodSettingsSource[]): void => {
    const pod = taskPod(body, taskSpecPath, name, run);
    if (pod) pods.push(pod);
  };
  const addPipeline = (pipelinePath: NodePath, run: PodSettingsSource[]): void => {
    for (const list of ['tasks', 'finally']) {
      asArray(getPath(body, [...pipelinePath, list])).forEach((item, index) => {
        const task = asObject(item);
        if (task?.taskSpec !== undefined) addTask([...pipelinePath, list, index, 'taskSpec'], asString(task.name) ?? `${list}[${index}]`, run);
      });
    }
  };
  switch (resource.type) {
    case 'Task':
    case 'ClusterTask':
      addTask(['spec'], undefined, []);
      break;
    case 'TaskRun':
      addTask(['spec', 'taskSpec'], undefined, runSettings(body, ['spec']));
      break;
    case 'Pipeline':
      addPipeline(['spec'], []);
      break;
    case 'PipelineRun':
      addPipeline(['spec', 'pipelineSpec'], runSettings(body, ['spec']));
      break;
  }
  return pods;
}

function taskPod(body: JsonObject, specPath: NodePath, name: string | undefined, run: PodSettingsSource[]): PodTemplate | undefined {
  const spec = asObject(getPath(body, specPath));
  if (!spec) return undefined;
  const stepTemplate = asObject(spec.stepTemplate);
  const containers: PodContainer[] = [];
  asArray(spec.steps).forEach((item, index) => {
    const step = asObject(item);
    if (!step) return;
    const stepName = asString(step.name);
    containers.push({
      container: asContainer(stepTemplate ? mergeStep(stepTemplate, step) : step),
      path: [...specPath, 'steps', index],
      list: 'containers',
      name: stepName ?? `steps[${index}]`,
      podName: `step-${stepName ?? `unnamed-${index}`}`,
    });
  });
  asArray(spec.sidecars).forEach((item, index) => {
    const sidecar = asObject(item);
    if (!sidecar) return;
    const sidecarName = asString(sidecar.name);
    containers.push({
      container: asContainer(sidecar),
      path: [...specPath, 'sidecars', index],
      list: 'containers',
      name: sidecarName ?? `sidecars[${index}]`,
      ...(sidecarName !== undefined ? { podName: `sidecar-${sidecarName}` } : {}),
    });
  });
  if (containers.length === 0) return undefined;
  return {
    spec,
    specPath,
    metadata: {},
    metadataPath: [...specPath, 'metadata'],
    ownFields: new Set(['volumes']),
    defaults: run,
    callerDecides: true,
    containers,
    ...(name !== undefined ? { name } : {}),
    completes: true,
  };
}

/** A step or sidecar read as a container: Tekton v1 calls `resources` `computeResources`. */
function asContainer(step: JsonObject): JsonObject {
  return step.resources === undefined && step.computeResources !== undefined ? { ...step, resources: step.computeResources } : step;
}

/** A step over `stepTemplate`: the step's fields win; `securityContext`, `resources` and `env` merge. */
function mergeStep(template: JsonObject, step: JsonObject): JsonObject {
  const merged: JsonObject = { ...template, ...step };
  for (const key of ['securityContext', 'resources', 'computeResources']) {
    const base = asObject(template[key]);
    const own = asObject(step[key]);
    if (base && own) merged[key] = { ...base, ...own };
  }
  const baseEnv = asArray(template.env);
  const ownEnv = asArray(step.env);
  if (baseEnv.length > 0 && ownEnv.length > 0) {
    const named = new Set(ownEnv.map((entry: JsonValue) => asString(asObject(entry)?.name)));
    merged.env = [...ownEnv, ...baseEnv.filter((entry) => !named.has(asString(asObject(entry)?.name)))];
  }
  return merged;
}

/** The labels Tekton puts on a task's pods, for the values the manifest gives. */
export function tektonPodLabels(resource: Resource): Record<string, string> {
  switch (resource.type) {
    case 'Task':
      return { 'tekton.dev/task': resource.name };
    case 'ClusterTask':
      return { 'tekton.dev/clusterTask': resource.name };
    case 'TaskRun':
      return { 'tekton.dev/taskRun': resource.name };
    case 'Pipeline':
      return { 'tekton.dev/pipeline': resource.name };
    case 'PipelineRun':
      return { 'tekton.dev/pipelineRun': resource.name };
    default:
      return {};
  }
}
