/**
 * Tekton Pipelines: the pods that Tasks, ClusterTasks, TaskRuns, Pipelines and PipelineRuns run, as pod
 * templates the Kubernetes rules check (see PodTemplate in kubernetes.ts). Tekton runs a task as one pod whose
 * containers are the task's `steps` (each merged over `stepTemplate`, named `step-<name>` in the pod) and
 * `sidecars`, with the task's `volumes`. Every other pod setting comes from the run (`podTemplate`,
 * `serviceAccountName`) or from the cluster's default pod template (the `config-defaults` ConfigMap): settings a
 * run does not give are unknown, never Kubernetes' defaults. Task pods run to completion.
 */
import type { JsonObject, NodePath, Resource } from '../model/types.js';
import { asArray, asObject, asString, getPath } from '../util/json.js';
import { GENERATED_NAME } from '../util/template.js';
import { mergeContainer } from './containers.js';
import { CALLER_DECIDES, type PodContainer, type PodSettingsSource, type PodTemplate } from './kubernetes.js';

const KINDS = new Set(['Task', 'ClusterTask', 'TaskRun', 'Pipeline', 'PipelineRun']);

/**
 * The fields of a run's `podTemplate` that are pod settings (Tekton's PodTemplate). `env` is Tekton's own: it goes
 * to every step and sidecar of the task pods, over their own variables of the same name (see podEnvironments).
 */
const POD_TEMPLATE_FIELDS: ReadonlySet<string> = new Set([
  'env',
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
  'runtimeClassName',
  'hostUsers',
  'imagePullSecrets',
  'enableServiceLinks',
  'topologySpreadConstraints',
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

/**
 * What a PipelineRun gives one pipeline task on top of the run-wide settings: its `taskRunSpecs` entry's pod
 * template and service account (v1 `podTemplate` / `serviceAccountName`, v1beta1 `taskPodTemplate` /
 * `taskServiceAccountName`), and v1beta1 `serviceAccountNames`. `resourcesUnknown` when the entry sets
 * compute resources of the task, its steps or sidecars.
 */
function pipelineTaskSettings(body: JsonObject, task: string): { sources: PodSettingsSource[]; resourcesUnknown: boolean } {
  const sources: PodSettingsSource[] = [];
  let resourcesUnknown = false;
  asArray(getPath(body, ['spec', 'taskRunSpecs'])).forEach((item, index) => {
    const entry = asObject(item);
    if (!entry || entry.pipelineTaskName !== task) return;
    const at = ['spec', 'taskRunSpecs', index];
    for (const key of ['podTemplate', 'taskPodTemplate']) {
      const podTemplate = asObject(entry[key]);
      if (podTemplate) sources.push({ spec: podTemplate, specPath: [...at, key], fields: POD_TEMPLATE_FIELDS });
    }
    for (const key of ['serviceAccountName', 'taskServiceAccountName']) {
      if (entry[key] !== undefined) sources.push({ spec: { serviceAccountName: entry[key] }, specPath: at, fields: new Set(['serviceAccountName']) });
    }
    resourcesUnknown ||= ['computeResources', 'stepSpecs', 'sidecarSpecs', 'stepOverrides', 'sidecarOverrides'].some((key) => entry[key] !== undefined);
  });
  asArray(getPath(body, ['spec', 'serviceAccountNames'])).forEach((item, index) => {
    const entry = asObject(item);
    if (entry?.taskName === task && entry.serviceAccountName !== undefined) sources.push({ spec: entry, specPath: ['spec', 'serviceAccountNames', index], fields: new Set(['serviceAccountName']) });
  });
  return { sources, resourcesUnknown };
}

/** The pods of a Tekton object: one per task it defines inline. */
export function tektonPods(resource: Resource): PodTemplate[] {
  const body = resource.body;
  const pods: PodTemplate[] = [];
  const addTask = (taskSpecPath: NodePath, name: string | undefined, run: PodSettingsSource[], resourcesUnknown = false): void => {
    const pod = taskPod(resource, taskSpecPath, name, run, resourcesUnknown);
    if (pod) pods.push(pod);
  };
  const addPipeline = (pipelinePath: NodePath, run: PodSettingsSource[]): void => {
    const isRun = resource.type === 'PipelineRun';
    for (const list of ['tasks', 'finally']) {
      asArray(getPath(body, [...pipelinePath, list])).forEach((item, index) => {
        const task = asObject(item);
        if (!task) return;
        const name = asString(task.name) ?? `${list}[${index}]`;
        const own = isRun ? pipelineTaskSettings(body, name) : { sources: [], resourcesUnknown: false };
        if (task.taskSpec !== undefined) addTask([...pipelinePath, list, index, 'taskSpec'], name, [...own.sources, ...run], own.resourcesUnknown);
        // A Pipeline's referenced task is checked where it is written; a run gives its pod settings of its own.
        else if (isRun && task.taskRef !== undefined) pods.push(referencedTaskPod(resource, [...pipelinePath, list, index], name, [...own.sources, ...run]));
      });
    }
  };
  switch (resource.type) {
    case 'Task':
    case 'ClusterTask':
      addTask(['spec'], undefined, []);
      break;
    case 'TaskRun':
      if (asObject(body.spec)?.taskSpec === undefined && asObject(body.spec)?.taskRef !== undefined) pods.push(referencedTaskPod(resource, ['spec'], undefined, runSettings(body, ['spec'])));
      else addTask(['spec', 'taskSpec'], undefined, runSettings(body, ['spec']));
      break;
    case 'Pipeline':
      addPipeline(['spec'], []);
      break;
    case 'PipelineRun':
      if (asObject(body.spec)?.pipelineSpec === undefined && asObject(body.spec)?.pipelineRef !== undefined) {
        // The referenced pipeline's tasks that a taskRunSpecs entry names (each also gets the run's settings), or
        // one pod for them all.
        const run = runSettings(body, ['spec']);
        const named = new Set(asArray(getPath(body, ['spec', 'taskRunSpecs'])).flatMap((entry) => asString(asObject(entry)?.pipelineTaskName) ?? []));
        for (const task of named) pods.push(referencedTaskPod(resource, ['spec'], task, [...pipelineTaskSettings(body, task).sources, ...run]));
        if (named.size === 0) pods.push(referencedTaskPod(resource, ['spec'], undefined, run));
      } else addPipeline(['spec', 'pipelineSpec'], runSettings(body, ['spec']));
      break;
  }
  return pods;
}

/**
 * The pod of a run whose task is only referenced (`taskRef`, `pipelineRef`): its containers are the task's,
 * written elsewhere, but the pod settings the run gives (`podTemplate`: `hostNetwork`, volumes, securityContext;
 * `serviceAccountName`) are checked here. For a `pipelineRef`, one pod stands for every task's.
 */
function referencedTaskPod(resource: Resource, specPath: NodePath, name: string | undefined, run: PodSettingsSource[]): PodTemplate {
  return {
    spec: {},
    specPath,
    metadata: {},
    metadataPath: [...specPath, 'metadata'],
    inheritedMetadata: [{ metadata: asObject(resource.body.metadata) ?? {}, path: ['metadata'] }],
    ownFields: new Set(),
    defaults: run,
    callerDecides: true,
    containers: [],
    ...(name !== undefined ? { name } : {}),
    completes: true,
  };
}

function taskPod(resource: Resource, specPath: NodePath, name: string | undefined, run: PodSettingsSource[], resourcesUnknown: boolean): PodTemplate | undefined {
  const spec = asObject(getPath(resource.body, specPath));
  if (!spec) return undefined;
  const stepTemplate = asObject(spec.stepTemplate);
  const containers: PodContainer[] = [];
  asArray(spec.steps).forEach((item, index) => {
    const step = asObject(item);
    // A step that runs a StepAction (`ref`) takes its image and settings from it: unknown here.
    if (!step || step.ref !== undefined) return;
    const stepName = asString(step.name);
    containers.push({
      container: asContainer(stepTemplate ? mergeContainer(stepTemplate, step) : step, resourcesUnknown),
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
      container: asContainer(sidecar, resourcesUnknown),
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
    // Tekton copies the object's labels and annotations to the pod, then an inline task's own metadata.
    metadata: asObject(spec.metadata) ?? {},
    metadataPath: [...specPath, 'metadata'],
    inheritedMetadata: [{ metadata: asObject(resource.body.metadata) ?? {}, path: ['metadata'] }],
    ownFields: new Set(['volumes']),
    defaults: run,
    callerDecides: true,
    containers,
    ...(name !== undefined ? { name } : {}),
    completes: true,
  };
}

/**
 * A step or sidecar read as a container: Tekton v1 calls `resources` `computeResources`; resources a
 * PipelineRun sets for the task are unknown (CALLER_DECIDES, which resource rules take as set).
 */
function asContainer(step: JsonObject, resourcesUnknown: boolean): JsonObject {
  if (resourcesUnknown) return { ...step, resources: CALLER_DECIDES };
  return step.resources === undefined && step.computeResources !== undefined ? { ...step, resources: step.computeResources } : step;
}

const KIND_LABEL: Readonly<Record<string, string>> = {
  Task: 'tekton.dev/task',
  ClusterTask: 'tekton.dev/clusterTask',
  TaskRun: 'tekton.dev/taskRun',
  Pipeline: 'tekton.dev/pipeline',
  PipelineRun: 'tekton.dev/pipelineRun',
};

/** The labels Tekton puts on a task's pods, for the values the manifest gives (a `generateName` run's name is generated). */
export function tektonPodLabels(resource: Resource, pod: PodTemplate): Record<string, string> {
  const metadata = asObject(resource.body.metadata);
  const generated = asString(metadata?.name) === undefined && asString(metadata?.generateName) !== undefined;
  const labels: Record<string, string> = { 'app.kubernetes.io/managed-by': 'tekton-pipelines' };
  const kindLabel = KIND_LABEL[resource.type];
  if (kindLabel) labels[kindLabel] = generated ? `${resource.name}${GENERATED_NAME}` : resource.name;
  if (pod.name !== undefined) labels['tekton.dev/pipelineTask'] = pod.name;
  return labels;
}
