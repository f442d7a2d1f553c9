import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { asArray, asObject, asString, getPath, isObject } from '../util/json.js';

/** Built-in kinds that embed a pod template at `spec.template` (and OpenShift's DeploymentConfig, shaped the same). */
const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'DeploymentConfig']);

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];

export interface PodTemplate {
  /** The pod spec (for an Argo workflow, the workflow template that runs the pod). */
  spec: JsonObject;
  /** Path of the pod spec inside the resource body. */
  specPath: NodePath;
  /** The pod's metadata (the template's, or the Pod's own). */
  metadata: JsonObject;
  metadataPath: NodePath;
  /**
   * Where the pod settings the spec leaves out come from, nearest first: an Argo workflow's `templateDefaults`,
   * then its spec (`securityContext`, `serviceAccountName`, `hostNetwork`...). Read them with `podField`.
   */
  defaults?: readonly PodSettingsSource[];
  /** The containers, when they are not in the pod spec's lists (an Argo template's `container`, `script`, `sidecars`...). */
  containers?: readonly PodContainer[];
  /** The template's own name, for messages (Argo templates). */
  name?: string;
  /** Its pods run to completion (Argo workflow steps): probes do not apply. */
  completes?: boolean;
}

export interface PodSettingsSource {
  spec: JsonObject;
  specPath: NodePath;
}

export interface PodContainer {
  container: JsonObject;
  /** Path of the container inside the resource body. */
  path: NodePath;
  list: ContainerList;
  name: string;
}

/**
 * The pod template of a workload: Pod, PodTemplate, the built-in controllers, CronJob, and any custom resource
 * that embeds pod templates (Argo Rollout, Knative, KEDA ScaledJob, Kubeflow jobs, Ray clusters, Volcano jobs,
 * JobSets...). For a custom resource with several templates, the first: rules that judge pods use `podTemplatesOf`.
 * Undefined for everything else.
 */
export function podTemplateOf(resource: Resource): PodTemplate | undefined {
  return podTemplatesOf(resource)[0];
}

/**
 * Every pod template of a workload, in document order: one for Pods and the built-in controllers, one or more
 * for custom resources (a Ray cluster's head and worker groups, a Kubeflow job's replica specs).
 */
export function podTemplatesOf(resource: Resource): readonly PodTemplate[] {
  // Every workload rule asks; the answer depends on the body alone, which rules never mutate.
  const cached = podTemplates.get(resource.body);
  if (cached !== undefined) return cached;
  const templates = findPodTemplates(resource);
  podTemplates.set(resource.body, templates);
  return templates;
}

const podTemplates = new WeakMap<object, readonly PodTemplate[]>();
const NONE: readonly PodTemplate[] = Object.freeze([]);

/** API groups of the built-in kinds (and OpenShift's DeploymentConfig); a CRD may reuse a kind name (Volcano's Job). */
const BUILT_IN_GROUP = /^(v1|apps\/v1(beta[12])?|batch\/v1(beta1)?|extensions\/v1beta1|apps\.openshift\.io\/v1)$/;

function findPodTemplates(resource: Resource): readonly PodTemplate[] {
  if (resource.artifact !== 'kubernetes') return NONE;
  const body = resource.body;
  const builtIn = resource.apiVersion === undefined || BUILT_IN_GROUP.test(resource.apiVersion);
  const one = (template: PodTemplate | undefined): readonly PodTemplate[] => (template ? [template] : NONE);
  if (builtIn) {
    if (resource.type === 'Pod') return one(templateAt(body, [], true));
    if (resource.type === 'PodTemplate') return one(templateAt(body, ['template'], true));
    if (resource.type === 'CronJob') return one(templateAt(body, ['spec', 'jobTemplate', 'spec', 'template'], true));
    if (TEMPLATE_KINDS.has(resource.type)) return one(templateAt(body, ['spec', 'template'], true));
  }
  if (isArgoWorkflow(resource)) {
    const found = argoWorkflowPods(body, resource.type === 'CronWorkflow' ? ['spec', 'workflowSpec'] : ['spec']);
    return found.length > 0 ? found : NONE;
  }
  const found: PodTemplate[] = [];
  collectTemplates(body.spec, ['spec'], found, 0);
  return found.length > 0 ? found : NONE;
}

/**
 * Keys under which pod-shaped objects are not pod specs: policy rules and their patterns and patches (Kyverno,
 * Gatekeeper), and Helm values (Argo CD Applications, Flux HelmReleases).
 */
const NOT_POD_SPECS: ReadonlySet<string> = new Set([
  'rules',
  'pattern',
  'anyPattern',
  'patchStrategicMerge',
  'patchesJson6902',
  'patches',
  'validate',
  'mutate',
  'generate',
  'helm',
  'values',
  'valuesObject',
  'valuesContent',
]);

/**
 * The pod templates inside a custom resource's spec: every object under a `template` key whose `spec` has a
 * `containers` list (`spec.template`, `spec.jobTemplate.spec.template`, `spec.jobTargetRef.template`,
 * `spec.pytorchReplicaSpecs.Worker.template`, `spec.workerGroupSpecs[0].template`, `spec.tasks[0].template`,
 * `spec.replicatedJobs[0].template.spec.template`), searched a few levels deep.
 */
function collectTemplates(value: JsonValue | undefined, path: NodePath, found: PodTemplate[], depth: number): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectTemplates(item, [...path, index], found, depth + 1));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (NOT_POD_SPECS.has(key)) continue;
    const template = key === 'template' ? templateAt(value, [key], false) : undefined;
    if (template) {
      found.push({ ...template, specPath: [...path, ...template.specPath], metadataPath: [...path, ...template.metadataPath] });
      continue;
    }
    collectTemplates(child, [...path, key], found, depth + 1);
  }
}

/** Argo Workflows kinds whose spec (a CronWorkflow's `spec.workflowSpec`) holds the templates that run pods. */
const ARGO_WORKFLOW_KINDS = new Set(['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow']);

export function isArgoWorkflow(resource: Resource): boolean {
  return resource.artifact === 'kubernetes' && resource.apiVersion?.startsWith('argoproj.io/') === true && ARGO_WORKFLOW_KINDS.has(resource.type);
}

/**
 * The pods of an Argo workflow: one per template that runs containers (`container`, `script`, `containerSet`,
 * with its `initContainers` and `sidecars`); `steps`, `dag`, `resource`, `suspend`, `http` and `plugin`
 * templates run none of the user's. A template's pod settings override the workflow's `templateDefaults`, which
 * override the workflow spec's. A `podSpecPatch` (on the template or the workflow) may change any pod field:
 * such pods are unknown and left out.
 */
function argoWorkflowPods(body: JsonObject, specPath: NodePath): PodTemplate[] {
  const spec = asObject(getPath(body, specPath));
  if (!spec) return [];
  const templateDefaults = asObject(spec.templateDefaults);
  const defaults: PodSettingsSource[] = [...(templateDefaults ? [{ spec: templateDefaults, specPath: [...specPath, 'templateDefaults'] }] : []), { spec, specPath }];
  if (defaults.some((source) => source.spec.podSpecPatch !== undefined)) return [];
  const pods: PodTemplate[] = [];
  asArray(spec.templates).forEach((item, index) => {
    const template = asObject(item);
    if (!template || template.podSpecPatch !== undefined) return;
    const path = [...specPath, 'templates', index];
    const containers: PodContainer[] = [];
    const add = (value: JsonValue | undefined, at: NodePath, list: ContainerList, fallbackName: string): void => {
      const container = asObject(value);
      if (container) containers.push({ container, path: [...path, ...at], list, name: asString(container.name) ?? fallbackName });
    };
    asArray(template.initContainers).forEach((container, i) => add(container, ['initContainers', i], 'initContainers', `initContainers[${i}]`));
    // The main container is named `main` in the pod; in messages the template's name says which one it is.
    const name = asString(template.name);
    add(template.container, ['container'], 'containers', name ?? 'main');
    add(template.script, ['script'], 'containers', name ?? 'main');
    asArray(asObject(template.containerSet)?.containers).forEach((container, i) => add(container, ['containerSet', 'containers', i], 'containers', `containers[${i}]`));
    asArray(template.sidecars).forEach((container, i) => add(container, ['sidecars', i], 'containers', `sidecars[${i}]`));
    if (containers.length === 0) return;
    pods.push({
      spec: template,
      specPath: path,
      metadata: asObject(template.metadata) ?? {},
      metadataPath: [...path, 'metadata'],
      defaults,
      containers,
      ...(name !== undefined ? { name } : {}),
      completes: true,
    });
  });
  return pods;
}

function templateAt(body: JsonObject, at: NodePath, builtIn: boolean): PodTemplate | undefined {
  let holder: JsonValue | undefined = body;
  for (const segment of at) holder = asObject(holder)?.[segment as string];
  const template = asObject(holder);
  if (!template) return undefined;
  const spec = asObject(template.spec);
  if (!spec) return undefined;
  // A custom resource only counts when its template really is a pod template.
  if (!builtIn && !Array.isArray(spec.containers)) return undefined;
  return {
    spec,
    specPath: [...at, 'spec'],
    metadata: asObject(template.metadata) ?? {},
    metadataPath: [...at, 'metadata'],
  };
}

/** A pod template for messages: `template "build"` (Argo), else where it sits (`pod template spec.workerGroupSpecs[0].template`). */
export function describePodTemplate(pod: PodTemplate): string {
  if (pod.name !== undefined) return `template "${pod.name}"`;
  const holder = pod.specPath
    .slice(0, -1)
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
    .join('');
  return `pod template ${holder}`;
}

/** Names one pod template of a workload that has several (` (pod template spec.workerGroupSpecs[0].template)`); empty for one. */
export function podTemplateSuffix(resource: Resource, pod: PodTemplate): string {
  return podTemplatesOf(resource).length < 2 ? '' : ` (${describePodTemplate(pod)})`;
}

/** A pod-level setting (`securityContext`, `hostNetwork`, `serviceAccountName`...): the spec's own, else inherited (`defaults`). */
export function podField(pod: PodTemplate, field: string): { value: JsonValue; path: NodePath } | undefined {
  const own = pod.spec[field];
  if (own !== undefined && own !== null) return { value: own, path: [...pod.specPath, field] };
  for (const source of pod.defaults ?? []) {
    const value = source.spec[field];
    if (value !== undefined && value !== null) return { value, path: [...source.specPath, field] };
  }
  return undefined;
}

/** The pod-level securityContext (an Argo template's, else its workflow's) and its path. */
export function podSecurityContext(pod: PodTemplate): { value: JsonObject; path: NodePath } | undefined {
  const field = podField(pod, 'securityContext');
  const value = asObject(field?.value);
  return field && value ? { value, path: field.path } : undefined;
}

/** The pod's volumes with their paths: the spec's own and, for an Argo template, the workflow's, which all its pods get. */
export function podVolumes(pod: PodTemplate): Array<{ volume: JsonValue; path: NodePath }> {
  const sources: PodSettingsSource[] = [pod, ...(pod.defaults ?? []).filter((source) => source.specPath.at(-1) !== 'templateDefaults')];
  return sources.flatMap((source) => asArray(source.spec.volumes).map((volume, index) => ({ volume, path: [...source.specPath, 'volumes', index] })));
}

const podContainerLists = new WeakMap<PodTemplate, readonly PodContainer[]>();

/** The init, regular and ephemeral containers of one pod template, in document order. */
export function podContainers(pod: PodTemplate): readonly PodContainer[] {
  if (pod.containers) return pod.containers;
  let containers = podContainerLists.get(pod);
  if (containers) return containers;
  const found: PodContainer[] = [];
  for (const list of CONTAINER_LISTS) {
    asArray(pod.spec[list]).forEach((item, index) => {
      const container = asObject(item);
      if (container) found.push({ container, path: [...pod.specPath, list, index], list, name: asString(container.name) ?? `${list}[${index}]` });
    });
  }
  podContainerLists.set(pod, (containers = found));
  return containers;
}

export function isWorkload(resource: Resource): boolean {
  return podTemplatesOf(resource).length > 0;
}

/** Fields a container inherits from the pod-level securityContext when it does not set them itself. */
const INHERITED_FIELDS = new Set(['runAsUser', 'runAsGroup', 'runAsNonRoot', 'seLinuxOptions', 'seccompProfile', 'windowsOptions', 'appArmorProfile']);

export interface Setting {
  value: JsonValue;
  /** Where the value is set, inside the resource body. */
  path: NodePath;
  level: 'container' | 'pod';
}

/** A container's securityContext with the pod-level one merged in, remembering where each value came from. */
export class EffectiveSecurityContext {
  constructor(
    private readonly container: JsonObject,
    private readonly containerPath: NodePath,
    private readonly pod: PodTemplate,
  ) {}

  /** Asked by many rules for the same fields: each is resolved once. */
  private readonly settings = new Map<string, Setting | undefined>();

  get(field: string): Setting | undefined {
    if (this.settings.has(field)) return this.settings.get(field);
    const setting = this.resolve(field);
    this.settings.set(field, setting);
    return setting;
  }

  private resolve(field: string): Setting | undefined {
    const own = asObject(this.container.securityContext)?.[field];
    if (own !== undefined && own !== null) return { value: own, path: [...this.containerPath, 'securityContext', field], level: 'container' };
    if (!INHERITED_FIELDS.has(field)) return undefined;
    const pod = podSecurityContext(this.pod);
    const inherited = pod?.value[field];
    if (pod && inherited !== undefined && inherited !== null) return { value: inherited, path: [...pod.path, field], level: 'pod' };
    return undefined;
  }

  /** Path to report a missing setting at: the container's securityContext when it has one, else the container. */
  get missingPath(): NodePath {
    return isObject(this.container.securityContext) ? [...this.containerPath, 'securityContext'] : this.containerPath;
  }
}

export interface ContainerVisit {
  container: JsonObject;
  name: string;
  /** Path of the container inside the resource body. */
  path: NodePath;
  list: ContainerList;
  pod: PodTemplate;
  securityContext: EffectiveSecurityContext;
}

/** Calls `visit` for every init, regular and ephemeral container of a workload, in document order. */
export function forEachContainer(resource: Resource, visit: (container: ContainerVisit) => void): void {
  for (const container of containersOf(resource)) visit(container);
}

/** The same, for the containers of one of the workload's pod templates (rules that also judge pod-level settings). */
export function forEachContainerOf(resource: Resource, pod: PodTemplate, visit: (container: ContainerVisit) => void): void {
  for (const container of containersOf(resource)) if (container.pod === pod) visit(container);
}

const containerVisits = new WeakMap<object, readonly ContainerVisit[]>();

/** The containers of a workload, computed once per resource and shared by every rule (rules never mutate). */
export function containersOf(resource: Resource): readonly ContainerVisit[] {
  const cached = containerVisits.get(resource.body);
  if (cached) return cached;
  const visits: ContainerVisit[] = [];
  for (const pod of podTemplatesOf(resource)) {
    for (const { container, path, list, name } of podContainers(pod)) {
      visits.push({ container, name, path, list, pod, securityContext: new EffectiveSecurityContext(container, path, pod) });
    }
  }
  containerVisits.set(resource.body, visits);
  return visits;
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});
/** Read for every workload by several rules (selectors, policies): converted once per object. */
const labelsByObject = new WeakMap<JsonObject, Readonly<Record<string, string>>>();

/** A label (or annotation) map as strings; null entries left out. Shared: callers copy before changing it. */
export function labelsOf(value: JsonValue | undefined): Readonly<Record<string, string>> {
  const object = asObject(value);
  if (!object) return NO_LABELS;
  let labels = labelsByObject.get(object);
  if (labels) return labels;
  const converted: Record<string, string> = {};
  for (const [key, label] of Object.entries(object)) {
    if (label === undefined || label === null) continue;
    converted[key] = typeof label === 'string' ? label : String(label);
  }
  labels = Object.freeze(converted);
  labelsByObject.set(object, labels);
  return labels;
}

export function annotationsOf(resource: Resource): Readonly<Record<string, string>> {
  return labelsOf(asObject(resource.body.metadata)?.annotations);
}

/**
 * Kubernetes LabelSelector semantics: all of matchLabels and matchExpressions must hold; an empty selector
 * selects everything. A malformed selector selects nothing.
 */
export function selectorMatches(selector: JsonValue | undefined, labels: Readonly<Record<string, string>>): boolean {
  const object = asObject(selector);
  if (!object) return false;
  for (const [key, value] of Object.entries(labelsOf(object.matchLabels))) {
    if (labels[key] !== value) return false;
  }
  for (const expression of asArray(object.matchExpressions)) {
    const item = asObject(expression);
    const key = asString(item?.key);
    if (!item || key === undefined) return false;
    const values = asArray(item.values).map(String);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (item.operator) {
      case 'In':
        if (!has || !values.includes(labels[key] ?? '')) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key] ?? '')) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** The namespace key used to compare objects: unset namespaces compare equal to each other. */
export function namespaceKey(resource: Resource): string {
  return resource.namespace ?? '';
}

export function podLabels(pod: PodTemplate): Readonly<Record<string, string>> {
  return labelsOf(pod.metadata.labels);
}

/** Path of `metadata.annotations[key]` inside a resource body. */
export function annotationPath(key: string): NodePath {
  return ['metadata', 'annotations', key];
}
