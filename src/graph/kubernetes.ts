import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { argoWorkflowPods } from './argo-workflows.js';
import { isArgoWorkflow } from '../loaders/argo-resource-manifests.js';
import { holdsWholeObjects } from '../loaders/kubernetes.js';
import { isTekton, tektonPods } from './tekton.js';
import { asArray, asObject, asString, dottedPath, isObject } from '../util/json.js';
import { appendAll } from '../util/collections.js';
import { isUnresolved } from '../util/template.js';

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
  /** Metadata the controller adds to the pod, the template's own `metadata` winning (Argo `podMetadata`). */
  inheritedMetadata?: readonly { metadata: JsonObject; path: NodePath }[];
  /** Patches laid over the pod (Argo `podSpecPatch`), nearest first: their fields win over all others. */
  patches?: readonly PodSettingsSource[];
  /** The pod fields `spec` can set (an Argo template sets no `hostNetwork`); all when absent. */
  ownFields?: ReadonlySet<string>;
  /**
   * Where the pod settings the spec leaves out come from, nearest first: an Argo workflow's `templateDefaults`,
   * then its spec (`securityContext`, `serviceAccountName`, `hostNetwork`...). Read them with `podField`.
   */
  defaults?: readonly PodSettingsSource[];
  /**
   * Pod settings that neither the spec nor `defaults` set are decided elsewhere (an Argo library template takes
   * them from the workflow that calls it, a Tekton task from its run): unknown, not Kubernetes' defaults.
   */
  callerDecides?: boolean;
  /** The containers, when they are not in the pod spec's lists (an Argo template's `container`, `script`, `sidecars`...). */
  containers?: readonly PodContainer[];
  /** The template's own name, for messages (Argo templates). */
  name?: string;
  /** Its pods run to completion (Argo workflow steps, Tekton tasks, training jobs): probes do not apply. */
  completes?: boolean;
  /** The controller that turns the template into pods, where it changes how fields apply. */
  controller?: 'argo-workflows';
}

export interface PodSettingsSource {
  spec: JsonObject;
  specPath: NodePath;
  /** The pod fields this source sets; all when absent. */
  fields?: ReadonlySet<string>;
  /** Merged field by field into the sources before it (Argo `templateDefaults`), rather than replaced by them. */
  merges?: boolean;
  /** Laid over the pod's own settings (a pod patch): its fields win, and it never hides the sources after it. */
  overlay?: boolean;
  /** Its volumes reach a pod only when one of the pod's containers mounts them (an Argo workflow's). */
  volumesIfMounted?: boolean;
}

export interface PodContainer {
  container: JsonObject;
  /** Path of the container inside the resource body. */
  path: NodePath;
  list: ContainerList;
  /** For messages: `name`, or a stand-in when the container has none. */
  name: string;
  /** The container's name in the pod (annotations refer to it): Argo names a template's main container `main`. */
  podName?: string;
  /** Volume mounts the controller adds to the container (an Argo container set's, mirrored sidecar mounts). */
  inheritedMounts?: readonly JsonValue[];
}

/** What pod settings decided elsewhere read as (Argo library templates, Tekton tasks): a template expression, so unknown to rules. */
export const CALLER_DECIDES = '{{the calling workflow}}';

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

/**
 * Where a built-in workload kind keeps its pod spec (`spec`, `spec.template.spec`, `spec.jobTemplate.spec.template.spec`),
 * whatever the manifest holds there; undefined for other kinds.
 */
export function builtInPodSpecPath(resource: Resource): NodePath | undefined {
  if (resource.artifact !== 'kubernetes' || (resource.apiVersion !== undefined && !BUILT_IN_GROUP.test(resource.apiVersion))) return undefined;
  if (resource.type === 'Pod') return ['spec'];
  if (resource.type === 'PodTemplate') return ['template', 'spec'];
  if (resource.type === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return TEMPLATE_KINDS.has(resource.type) ? ['spec', 'template', 'spec'] : undefined;
}

function findPodTemplates(resource: Resource): readonly PodTemplate[] {
  if (resource.artifact !== 'kubernetes') return NONE;
  const body = resource.body;
  const builtInSpec = builtInPodSpecPath(resource);
  if (builtInSpec) {
    const template = templateAt(body, builtInSpec.slice(0, -1), true);
    return template ? [template] : NONE;
  }
  if (isArgoWorkflow(resource)) {
    const found = argoWorkflowPods(resource);
    return found.length > 0 ? found : NONE;
  }
  if (isTekton(resource)) {
    const found = tektonPods(resource);
    return found.length > 0 ? found : NONE;
  }
  // The Spark operator's driver / executor templates are bases it completes (restart policy, resources, service
  // account): not pods as written.
  if (resource.apiVersion?.startsWith('sparkoperator.k8s.io/')) return NONE;
  if (holdsWholeObjects(resource)) return NONE;
  const found: PodTemplate[] = [];
  collectTemplates(body.spec, ['spec'], found, 0);
  for (const template of found) if (runsToCompletionByController(resource, template)) template.completes = true;
  return found.length > 0 ? found : NONE;
}

/**
 * Templates whose pods a controller runs to completion: Kubeflow training jobs (the operator sets the replica's
 * restart policy, OnFailure / Never / ExitCode, on the pods), the Job templates of a JobSet and a RayJob's
 * submitter.
 */
function runsToCompletionByController(resource: Resource, template: PodTemplate): boolean {
  if (resource.apiVersion?.startsWith('kubeflow.org/')) return true;
  return template.specPath.includes('replicatedJobs') || template.specPath.includes('submitterPodTemplate');
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
 * The pod templates inside a custom resource's spec: every object under a `template` key (or a RayJob's
 * `submitterPodTemplate`) whose `spec` has a `containers` list (`spec.template`, `spec.jobTemplate.spec.template`,
 * `spec.jobTargetRef.template`, `spec.pytorchReplicaSpecs.Worker.template`, `spec.workerGroupSpecs[0].template`,
 * `spec.tasks[0].template`, `spec.replicatedJobs[0].template.spec.template`), searched a few levels deep.
 */
function collectTemplates(value: JsonValue | undefined, path: NodePath, found: PodTemplate[], depth: number): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectTemplates(item, [...path, index], found, depth + 1));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (NOT_POD_SPECS.has(key)) continue;
    const template = key === 'template' || key === 'submitterPodTemplate' ? templateAt(value, [key], false) : undefined;
    if (template) {
      found.push({ ...template, specPath: [...path, ...template.specPath], metadataPath: [...path, ...template.metadataPath] });
      continue;
    }
    collectTemplates(child, [...path, key], found, depth + 1);
  }
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

/**
 * A pod template without containers, or with a container that names no image, is rejected by the API
 * server: it is a fragment merged into a base elsewhere (a Kustomize strategic-merge patch; a Spark, EMR or Flink
 * pod template, which the framework completes with the image, resources and the rest), so what it leaves out is
 * not known from it.
 */
export function isPatchFragment(pod: PodTemplate): boolean {
  const containers = podContainers(pod).filter(({ list }) => list !== 'ephemeralContainers');
  if (!containers.some(({ list }) => list === 'containers')) return true;
  return containers.some(({ container }) => container.image === undefined);
}

/** A pod template for messages: `template "build"` (Argo), else where it sits (`pod template spec.workerGroupSpecs[0].template`). */
export function describePodTemplate(pod: PodTemplate): string {
  if (pod.name !== undefined) return `template "${pod.name}"`;
  const holder = dottedPath(pod.specPath.slice(0, -1));
  return `pod template ${holder}`;
}

/** Names one pod template of a workload that has several (` (pod template spec.workerGroupSpecs[0].template)`); empty for one. */
export function podTemplateSuffix(resource: Resource, pod: PodTemplate): string {
  return podTemplatesOf(resource).length < 2 ? '' : ` (${describePodTemplate(pod)})`;
}

/** The sources of a template's pod settings, nearest first; computed once per template (rules ask often). */
function settingsSources(pod: PodTemplate): readonly PodSettingsSource[] {
  let sources = sourcesByPod.get(pod);
  if (!sources) {
    const own: PodSettingsSource = { spec: pod.spec, specPath: pod.specPath };
    if (pod.ownFields) own.fields = pod.ownFields;
    sources = [...(pod.patches ?? []), own, ...(pod.defaults ?? [])];
    sourcesByPod.set(pod, sources);
  }
  return sources;
}

const sourcesByPod = new WeakMap<PodTemplate, readonly PodSettingsSource[]>();

/** A pod spec's own value of a field, when it is set (an empty list or map sets nothing). */
function setValue(spec: JsonObject, field: string): JsonValue | undefined {
  const value = spec[field];
  // An empty list or map sets nothing (Argo falls back to the workflow's then; Kubernetes treats it as unset).
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0)) return undefined;
  return value;
}

/** A pod spec with no other source of settings (every built-in workload): its fields are read directly. */
function isPlainPod(pod: PodTemplate): boolean {
  return !pod.patches && !pod.defaults && !pod.ownFields && !pod.callerDecides;
}

/** The values the pod's sources give `field`, nearest first. */
function* fieldSettings(pod: PodTemplate, field: string): Generator<{ value: JsonValue; path: NodePath }> {
  for (const source of settingsSources(pod)) {
    if (source.fields && !source.fields.has(field)) continue;
    const value = setValue(source.spec, field);
    if (value !== undefined) yield { value, path: [...source.specPath, field] };
  }
}

/** Every value the pod's sources give `field`, nearest first (Argo keeps some values only: see effectiveAutomount). */
export function podFieldValues(pod: PodTemplate, field: string): Array<{ value: JsonValue; path: NodePath }> {
  return [...fieldSettings(pod, field)];
}

/**
 * Environment variables that a pod's settings sources give all of its containers (a Tekton run's
 * `podTemplate.env`), each list with its path. A PodSpec has no such field, so built-in workloads have none.
 */
function podEnvironments(pod: PodTemplate): Array<{ env: JsonValue[]; path: NodePath }> {
  const lists: Array<{ env: JsonValue[]; path: NodePath }> = [];
  for (const source of pod.defaults ?? []) {
    const env = source.fields?.has('env') === true ? source.spec.env : undefined;
    if (Array.isArray(env)) lists.push({ env, path: [...source.specPath, 'env'] });
  }
  return lists;
}

/** podEnvironments of each of a workload's pod templates, each list once (a PipelineRun's goes to every task's pod). */
export function runEnvironments(resource: Resource): Array<{ env: JsonValue[]; path: NodePath; pod: PodTemplate }> {
  const seen = new Set<JsonValue[]>();
  const lists: Array<{ env: JsonValue[]; path: NodePath; pod: PodTemplate }> = [];
  for (const pod of podTemplatesOf(resource)) {
    for (const list of podEnvironments(pod)) {
      if (seen.has(list.env)) continue;
      seen.add(list.env);
      lists.push({ ...list, pod });
    }
  }
  return lists;
}

/** Where settings for all of a template's pods go: its workflow's spec (Argo), else the pod spec. */
export function podSettingsHome(pod: PodTemplate): NodePath {
  const workflow = pod.defaults?.find((source) => !source.merges);
  return workflow?.specPath ?? pod.specPath;
}

/**
 * A pod-level setting (`hostNetwork`, `serviceAccountName`, `tolerations`...): the spec's own, else the nearest
 * default's; `CALLER_DECIDES` when another workflow decides it. For securityContext fields use podSecurityField.
 */
export function podField(pod: PodTemplate, field: string): { value: JsonValue; path: NodePath } | undefined {
  if (isPlainPod(pod)) {
    const value = pod.spec[field];
    return value === undefined || value === null ? undefined : { value, path: [...pod.specPath, field] };
  }
  const nearest = fieldSettings(pod, field).next();
  if (!nearest.done) return nearest.value;
  return pod.callerDecides && CALLER_FIELDS.has(field) ? { value: CALLER_DECIDES, path: [...pod.specPath, field] } : undefined;
}

/** Pod fields an Argo library template leaves to the calling workflow, a Tekton task to its run. */
const CALLER_FIELDS: ReadonlySet<string> = new Set(['serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'hostNetwork', 'nodeSelector', 'tolerations', 'affinity']);

/**
 * One field of the pod-level securityContext and where it is set. The nearest source with a securityContext
 * decides (a template's replaces its workflow's), except sources that merge into it (Argo `templateDefaults`).
 * `decided` is false when no source has a securityContext at all.
 */
function lookUpSecurityField(pod: PodTemplate, field: string): { setting?: { value: JsonValue; path: NodePath }; decided: boolean } {
  if (isPlainPod(pod)) {
    // A securityContext left as a template expression (`{{ toYaml .Values.securityContext }}`, a Terraform
    // dynamic block) may set any field: each one is that unknown value.
    const written = pod.spec.securityContext;
    if (typeof written === 'string' && isUnresolved(written)) return { setting: { value: written, path: [...pod.specPath, 'securityContext'] }, decided: true };
    const context = asObject(written);
    const value = context?.[field];
    if (value !== undefined && value !== null) return { setting: { value, path: [...pod.specPath, 'securityContext', field] }, decided: true };
    return { decided: context !== undefined };
  }
  let decided = false;
  for (const source of settingsSources(pod)) {
    if (decided && !source.merges) break;
    if (source.fields && !source.fields.has('securityContext')) continue;
    const written = source.spec.securityContext;
    if (typeof written === 'string' && isUnresolved(written)) return { setting: { value: written, path: [...source.specPath, 'securityContext'] }, decided: true };
    const context = asObject(written);
    if (!context) continue;
    if (!source.overlay) decided = true;
    const value = context[field];
    if (value !== undefined && value !== null) return { setting: { value, path: [...source.specPath, 'securityContext', field] }, decided };
  }
  return { decided };
}

/** A field of the pod-level securityContext as set in the files, and its path; undefined when none sets it. */
export function podSecurityField(pod: PodTemplate, field: string): { value: JsonValue; path: NodePath } | undefined {
  return lookUpSecurityField(pod, field).setting;
}

/** The pod's volumes with their paths: the spec's own and the ones its defaults add (an Argo workflow's, when mounted). */
export function podVolumes(pod: PodTemplate): Array<{ volume: JsonValue; path: NodePath }> {
  let mounted: Set<string> | undefined;
  const volumes: Array<{ volume: JsonValue; path: NodePath }> = [];
  for (const source of settingsSources(pod)) {
    if (source.fields && !source.fields.has('volumes')) continue;
    asArray(source.spec.volumes).forEach((volume, index) => {
      if (source.volumesIfMounted) {
        mounted ??= new Set(podContainers(pod).flatMap((entry) => containerMounts(entry).map((mount) => asString(asObject(mount)?.name) ?? '')));
        if (!mounted.has(asString(asObject(volume)?.name) ?? '')) return;
      }
      volumes.push({ volume, path: [...source.specPath, 'volumes', index] });
    });
  }
  return volumes;
}

/** A container's volume mounts, with those its controller adds. */
export function containerMounts(entry: PodContainer): JsonValue[] {
  return [...asArray(entry.container.volumeMounts), ...(entry.inheritedMounts ?? [])];
}

const podContainerLists = new WeakMap<PodTemplate, readonly PodContainer[]>();

/** A container list of the pod holds what is not a container (a template, a Terraform `dynamic` block): more may run. */
export function hasUnknownContainers(pod: PodTemplate): boolean {
  if (pod.containers) return false;
  return CONTAINER_LISTS.some((list) => {
    const value = pod.spec[list];
    return isUnresolved(value) || (Array.isArray(value) && value.some((item) => !isObject(item)));
  });
}

/** The init, regular and ephemeral containers of one pod template, in document order. */
export function podContainers(pod: PodTemplate): readonly PodContainer[] {
  if (pod.containers) return pod.containers;
  let containers = podContainerLists.get(pod);
  if (containers) return containers;
  const found: PodContainer[] = [];
  for (const list of CONTAINER_LISTS) {
    asArray(pod.spec[list]).forEach((item, index) => {
      const container = asObject(item);
      if (!container) return;
      const podName = asString(container.name);
      const entry: PodContainer = { container, path: [...pod.specPath, list, index], list, name: podName ?? `${list}[${index}]` };
      if (podName !== undefined) entry.podName = podName;
      found.push(entry);
    });
  }
  podContainerLists.set(pod, (containers = found));
  return containers;
}

export function isWorkload(resource: Resource): boolean {
  return podTemplatesOf(resource).length > 0;
}

/** A Kubernetes object of `kind` in API group `group`, any served version (`networking.istio.io/v1`, `.../v1beta1`). */
export function isKindOf(resource: Resource, group: string, kind: string): boolean {
  return resource.artifact === 'kubernetes' && resource.type === kind && (resource.apiVersion ?? '').split('/')[0] === group;
}

/**
 * An object of an API group Kubernetes does not ship: built-in groups are the core group and `apps`, `batch`,
 * `policy` and the like (no dot), and the `*.k8s.io` groups.
 */
export function isCustomResource(resource: Resource): boolean {
  if (resource.artifact !== 'kubernetes') return false;
  const apiVersion = resource.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  if (slash === -1) return false;
  const group = apiVersion.slice(0, slash);
  return group.includes('.') && !group.endsWith('.k8s.io') && !isUnresolved(group);
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
    const written = this.container.securityContext;
    if (typeof written === 'string' && isUnresolved(written)) return { value: written, path: [...this.containerPath, 'securityContext'], level: 'container' };
    const own = asObject(written)?.[field];
    if (own !== undefined && own !== null) return { value: own, path: [...this.containerPath, 'securityContext', field], level: 'container' };
    if (!INHERITED_FIELDS.has(field)) return undefined;
    const pod = lookUpSecurityField(this.pod, field);
    if (pod.setting) return { ...pod.setting, level: 'pod' };
    if (!pod.decided && this.pod.callerDecides) return { value: CALLER_DECIDES, path: this.missingPath, level: 'pod' };
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
  /** The container's name in the pod, when known (see PodContainer). */
  podName?: string | undefined;
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
  containersOf(resource); // groups them by template
  for (const container of containersByPod.get(pod) ?? []) visit(container);
}

const containersByPod = new WeakMap<PodTemplate, ContainerVisit[]>();

/** The pod template of a workload whose spec holds `path` (a path inside the resource body), if any. */
export function podTemplateAt(resource: Resource, path: NodePath): PodTemplate | undefined {
  const pods = podTemplatesOf(resource);
  if (pods.length === 0) return undefined;
  let bySpecPath = templatesBySpecPath.get(pods);
  if (!bySpecPath) {
    bySpecPath = new Map(pods.map((pod) => [pod.specPath.join('\u0000'), pod]));
    templatesBySpecPath.set(pods, bySpecPath);
  }
  for (let length = path.length; length > 0; length--) {
    const pod = bySpecPath.get(path.slice(0, length).join('\u0000'));
    if (pod) return pod;
  }
  return undefined;
}

const templatesBySpecPath = new WeakMap<readonly PodTemplate[], Map<string, PodTemplate>>();

const containerVisits = new WeakMap<object, readonly ContainerVisit[]>();

/** The containers of a workload, computed once per resource and shared by every rule (rules never mutate). */
export function containersOf(resource: Resource): readonly ContainerVisit[] {
  const cached = containerVisits.get(resource.body);
  if (cached) return cached;
  const visits: ContainerVisit[] = [];
  for (const pod of podTemplatesOf(resource)) {
    const ofPod: ContainerVisit[] = [];
    for (const { container, path, list, name, podName } of podContainers(pod)) {
      ofPod.push({ container, name, podName, path, list, pod, securityContext: new EffectiveSecurityContext(container, path, pod) });
    }
    containersByPod.set(pod, ofPod);
    appendAll(visits, ofPod);
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
    // A map as a value is invalid, but must not throw (String() would call a `toString` key of the data).
    converted[key] = typeof label === 'string' ? label : typeof label === 'object' ? JSON.stringify(label) : String(label);
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

/** The labels of a template's pods: its own, over those its controller adds (Argo `podMetadata`). */
export function podLabels(pod: PodTemplate): Readonly<Record<string, string>> {
  return mergedMetadata(pod, 'labels');
}

/** The annotations of a template's pods: its own, over those its controller adds (Argo `podMetadata`). */
export function podAnnotations(pod: PodTemplate): Readonly<Record<string, string>> {
  return mergedMetadata(pod, 'annotations');
}

/** Each annotation map that reaches the template's pods, with its path. */
export function podAnnotationSources(pod: PodTemplate): Array<{ annotations: JsonValue | undefined; path: NodePath }> {
  const sources = [...(pod.inheritedMetadata ?? []), { metadata: pod.metadata, path: pod.metadataPath }];
  return sources.map(({ metadata, path }) => ({ annotations: metadata.annotations, path: [...path, 'annotations'] }));
}

/** Where annotation `key` of the template's pods is written: its own metadata's, else the nearest copied one's. */
export function podAnnotationPath(pod: PodTemplate, key: string): NodePath {
  const source = podAnnotationSources(pod)
    .reverse()
    .find(({ annotations }) => asObject(annotations)?.[key] !== undefined);
  return [...(source?.path ?? [...pod.metadataPath, 'annotations']), key];
}

function mergedMetadata(pod: PodTemplate, field: 'labels' | 'annotations'): Readonly<Record<string, string>> {
  const own = labelsOf(pod.metadata[field]);
  if (!pod.inheritedMetadata) return own;
  return Object.assign({}, ...pod.inheritedMetadata.map(({ metadata }) => labelsOf(metadata[field])), own) as Record<string, string>;
}

/** Path of `metadata.annotations[key]` inside a resource body. */
export function annotationPath(key: string): NodePath {
  return ['metadata', 'annotations', key];
}
