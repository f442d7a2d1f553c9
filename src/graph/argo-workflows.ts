/**
 * Argo Workflows: the pods a Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow runs, as pod
 * templates the Kubernetes rules check (see PodTemplate in kubernetes.ts). Argo builds one pod per template that
 * runs containers (`container`, `script`, `containerSet`, with the template's `initContainers` and `sidecars`;
 * `steps`, `dag`, `resource`, `suspend`, `http` and `plugin` templates run none of the user's), and fills its pod
 * settings from the template, the workflow's `templateDefaults` (merged into each template) and the workflow spec,
 * with Argo's own rules (workflowpod.go): only the workflow sets `hostNetwork`, a workflow volume is added only
 * when a container mounts it, an `automountServiceAccountToken: true` is not copied to the pod.
 */
import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { asArray, asObject, asString, getPath } from '../util/json.js';
import { parseYamlStream } from '../loaders/yaml.js';
import { workflowSpecOf } from '../loaders/argo-resource-manifests.js';
import { containsTemplate, GENERATED_NAME } from '../util/template.js';
import { mergeContainer } from './containers.js';
import type { ContainerList, PodContainer, PodSettingsSource, PodTemplate } from './kubernetes.js';

/** Pod fields a template sets (Template in workflow_types.go). */
const TEMPLATE_FIELDS: ReadonlySet<string> = new Set(['securityContext', 'serviceAccountName', 'automountServiceAccountToken', 'nodeSelector', 'tolerations', 'affinity', 'priorityClassName', 'schedulerName', 'hostAliases', 'volumes']);

/** Pod fields the workflow spec sets (WorkflowSpec); its `podPriorityClassName` is the pod's priorityClassName. */
const WORKFLOW_FIELDS: ReadonlySet<string> = new Set(['securityContext', 'serviceAccountName', 'automountServiceAccountToken', 'hostNetwork', 'dnsPolicy', 'dnsConfig', 'nodeSelector', 'tolerations', 'affinity', 'priorityClassName', 'schedulerName', 'volumes']);

/**
 * The pods of an Argo workflow. A WorkflowTemplate or ClusterWorkflowTemplate without `entrypoint` is a library
 * of templates that other workflows call (`templateRef`): the caller's spec gives their pod settings, so those
 * the template does not set itself are unknown. A `podSpecPatch` (on the template or the workflow) is a strategic
 * merge patch over the pod: a literal one (JSON or YAML, template expressions only in values) is applied, its
 * fields taking precedence and its `containers` merged by name; one that cannot be read leaves the pod unknown,
 * and out.
 */
export function argoWorkflowPods(resource: Resource): PodTemplate[] {
  const workflow = workflowSpecOf(resource);
  if (!workflow) return [];
  const { spec, path: specPath } = workflow;
  const templateDefaults = asObject(spec.templateDefaults);
  const library = isLibrary(resource, spec);
  // A library's own workflow-level settings, patches included, do not reach the pods of its callers.
  const workflowPatch = library ? undefined : podSpecPatch(spec, specPath);
  const defaultsPatch = library ? undefined : podSpecPatch(templateDefaults, [...specPath, 'templateDefaults']);
  if (workflowPatch === UNREADABLE) return [];
  const inheritedMetadata = library ? [] : podMetadataOf(spec, specPath);
  const defaults: PodSettingsSource[] = library
    ? []
    : [
        ...(templateDefaults ? [{ spec: templateDefaults, specPath: [...specPath, 'templateDefaults'], fields: TEMPLATE_FIELDS, merges: true }] : []),
        { spec: withPodPriority(spec), specPath, fields: WORKFLOW_FIELDS, volumesIfMounted: true },
      ];
  const pods: PodTemplate[] = [];
  for (const { template, path, name } of workflowTemplates(spec, specPath)) {
    // The template's patch (or the one templateDefaults gives it) is applied after the workflow's, and wins.
    const templatePatch = podSpecPatch(template, path) ?? defaultsPatch;
    if (templatePatch === UNREADABLE) continue;
    const patches = [templatePatch, workflowPatch].filter((patch): patch is PodSettingsSource => patch !== undefined);
    const containers = templateContainers(template, path, library ? undefined : templateDefaults, patches);
    if (containers.length === 0) continue;
    pods.push({
      spec: template,
      specPath: path,
      metadata: asObject(template.metadata) ?? {},
      metadataPath: [...path, 'metadata'],
      ...(inheritedMetadata.length > 0 ? { inheritedMetadata } : {}),
      ownFields: TEMPLATE_FIELDS,
      defaults,
      ...(patches.length > 0 ? { patches } : {}),
      ...(library ? { callerDecides: true } : {}),
      containers,
      name,
      // A daemon template keeps running while the steps after it use it (readiness gates them).
      completes: template.daemon !== true,
      controller: 'argo-workflows',
    });
  }
  return pods;
}

/**
 * The workflow's templates, and those written inline in a step or DAG task (`inline`, Argo 3.2 and later),
 * named `<template>/<step>`.
 */
function workflowTemplates(spec: JsonObject, specPath: NodePath): Array<{ template: JsonObject; path: NodePath; name: string }> {
  const out: Array<{ template: JsonObject; path: NodePath; name: string }> = [];
  const visit = (template: JsonObject, path: NodePath, name: string, depth: number): void => {
    out.push({ template, path, name });
    if (depth >= 8) return; // inline templates nest; real ones do not go deep
    const inlineOf = (item: JsonValue | undefined, itemPath: NodePath, fallback: string): void => {
      const holder = asObject(item);
      const inline = asObject(holder?.inline);
      if (inline) visit(inline, [...itemPath, 'inline'], `${name}/${asString(holder?.name) ?? fallback}`, depth + 1);
    };
    asArray(template.steps).forEach((group, groupIndex) => {
      asArray(group).forEach((step, stepIndex) => inlineOf(step, [...path, 'steps', groupIndex, stepIndex], `steps[${groupIndex}][${stepIndex}]`));
    });
    asArray(asObject(template.dag)?.tasks).forEach((task, taskIndex) => inlineOf(task, [...path, 'dag', 'tasks', taskIndex], `tasks[${taskIndex}]`));
  };
  asArray(spec.templates).forEach((item, index) => {
    const template = asObject(item);
    if (template) visit(template, [...specPath, 'templates', index], asString(template.name) ?? `templates[${index}]`, 0);
  });
  return out;
}

const UNREADABLE = 'unreadable';

/** An object's `podSpecPatch` as a settings source: undefined when there is none, UNREADABLE when it cannot be read. */
function podSpecPatch(holder: JsonObject | undefined, holderPath: NodePath): PodSettingsSource | typeof UNREADABLE | undefined {
  const raw = holder?.podSpecPatch;
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') return UNREADABLE;
  // Read as Argo reads it (YAML 1.1, JSON included), through the loader's limits on aliases and nesting.
  const { documents, problems } = parseYamlStream(raw);
  const patch = documents.length === 1 && problems.length === 0 ? asObject(documents[0]?.data) : undefined;
  if (!patch) return UNREADABLE;
  // An expression anywhere but inside a string value (a key, a whole object) hides which fields change.
  const strings: string[] = [];
  if (!collectStrings(patch, strings, { nodes: 0 })) return UNREADABLE;
  const expressions = raw.match(/\{\{.*?\}\}/g) ?? [];
  if (expressions.some((expression) => !strings.some((value) => value.includes(expression)))) return UNREADABLE;
  return { spec: patch, specPath: [...holderPath, 'podSpecPatch'], overlay: true };
}

/** Collects a value's strings; false when a key holds an expression or the value is too big to be a pod patch. */
function collectStrings(value: JsonValue, strings: string[], count: { nodes: number }): boolean {
  if (++count.nodes > 10_000) return false;
  if (typeof value === 'string') strings.push(value);
  else if (Array.isArray(value)) return value.every((item) => collectStrings(item, strings, count));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) if (containsTemplate(key) || (item !== undefined && !collectStrings(item, strings, count))) return false;
  }
  return true;
}

/** A container with the `containers` entries of the pod patches that name it merged in (the nearest patch winning). */
function patched(container: JsonObject, name: string | undefined, patches: readonly PodSettingsSource[]): JsonObject {
  let result = container;
  for (const patch of [...patches].reverse()) {
    const entry = asArray(patch.spec.containers).map(asObject).find((item) => item !== undefined && item.name === name);
    if (entry) result = mergeContainer(result, entry);
  }
  return result;
}

/** The workflow spec with `podPriorityClassName` read as the pod's `priorityClassName`. */
function withPodPriority(spec: JsonObject): JsonObject {
  return spec.podPriorityClassName === undefined ? spec : { ...spec, priorityClassName: spec.podPriorityClassName };
}

/**
 * The containers of one template, in the order Argo adds them to the pod. The main container (`container` /
 * `script`, named `main` in the pod) is named after the template in messages, and takes the `templateDefaults`
 * container fields it leaves out. Container-set members get the set's `volumeMounts`; init containers and
 * sidecars with `mirrorVolumeMounts` get the main container's.
 */
function templateContainers(template: JsonObject, path: NodePath, templateDefaults: JsonObject | undefined, patches: readonly PodSettingsSource[]): PodContainer[] {
  const containers: PodContainer[] = [];
  const templateName = asString(template.name);
  const mainKey = template.container !== undefined ? 'container' : template.script !== undefined ? 'script' : undefined;
  const ownMain = mainKey ? asObject(template[mainKey]) : undefined;
  const defaultMain = mainKey ? asObject(templateDefaults?.[mainKey]) : undefined;
  const main = ownMain && defaultMain ? mergeContainer(defaultMain, ownMain) : ownMain;
  const mainMounts = asArray(main?.volumeMounts);
  const add = (value: JsonValue | undefined, at: NodePath, list: ContainerList, fallbackName: string, inheritedMounts?: readonly JsonValue[], podName?: string): void => {
    const written = asObject(value);
    if (!written) return;
    const ownName = asString(written.name);
    // Argo names the main container `main` in the pod, whatever the template calls it.
    const nameInPod = podName ?? ownName;
    const container = patched(written, nameInPod, patches);
    const entry: PodContainer = { container, path: [...path, ...at], list, name: ownName ?? fallbackName };
    if (nameInPod !== undefined) entry.podName = nameInPod;
    if (inheritedMounts && inheritedMounts.length > 0) entry.inheritedMounts = inheritedMounts;
    containers.push(entry);
  };
  const mirrored = (container: JsonValue): readonly JsonValue[] | undefined => (asObject(container)?.mirrorVolumeMounts === true ? mainMounts : undefined);
  asArray(template.initContainers).forEach((container, i) => add(container, ['initContainers', i], 'initContainers', `initContainers[${i}]`, mirrored(container)));
  if (mainKey && main) add(main, [mainKey], 'containers', templateName ?? 'main', undefined, 'main');
  const containerSet = asObject(template.containerSet);
  const setMounts = asArray(containerSet?.volumeMounts);
  asArray(containerSet?.containers).forEach((container, i) => add(container, ['containerSet', 'containers', i], 'containers', `containers[${i}]`, setMounts));
  asArray(template.sidecars).forEach((container, i) => add(container, ['sidecars', i], 'containers', `sidecars[${i}]`, mirrored(container)));
  return containers;
}

/** A WorkflowTemplate or ClusterWorkflowTemplate without `entrypoint` only lends its templates to other workflows. */
function isLibrary(resource: Resource, spec: JsonObject): boolean {
  return (resource.type === 'WorkflowTemplate' || resource.type === 'ClusterWorkflowTemplate') && spec.entrypoint === undefined;
}

/**
 * The metadata Argo adds to every pod of the workflow, nearest last: the workflow's `podMetadata`, then
 * `templateDefaults.metadata` (the template's own metadata comes after both).
 */
function podMetadataOf(spec: JsonObject, specPath: NodePath): Array<{ metadata: JsonObject; path: NodePath }> {
  const found: Array<{ metadata: JsonObject; path: NodePath }> = [];
  const podMetadata = asObject(spec.podMetadata);
  if (podMetadata) found.push({ metadata: podMetadata, path: [...specPath, 'podMetadata'] });
  const defaultsMetadata = asObject(getPath(spec, ['templateDefaults', 'metadata']));
  if (defaultsMetadata) found.push({ metadata: defaultsMetadata, path: [...specPath, 'templateDefaults', 'metadata'] });
  return found;
}

/**
 * The value of the `workflows.argoproj.io/workflow` label on the pods: the name of a named Workflow; its
 * `generateName` and a generated suffix; a CronWorkflow's name, `-` and a generated suffix; unknown for templates,
 * which any workflow may run.
 */
export function argoWorkflowLabel(resource: Resource): string {
  const metadata = asObject(resource.body.metadata);
  const name = asString(metadata?.name);
  if (resource.type === 'Workflow') {
    if (name !== undefined) return name;
    const prefix = asString(metadata?.generateName);
    if (prefix !== undefined) return `${prefix}${GENERATED_NAME}`;
  }
  if (resource.type === 'CronWorkflow' && name !== undefined) return `${name}-${GENERATED_NAME}`;
  return GENERATED_NAME;
}

