import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { asArray, asObject, asString, getPath, isObject, jsonKind } from '../util/json.js';
import type { ResourceGraph } from './graph.js';
import { labelsOf, namespaceKey, podField, podLabels, podTemplateOf, selectorMatches, type PodTemplate } from './kubernetes.js';
import { containsUnresolved, GENERATED_NAME, isUnresolved, literalPrefix } from '../util/template.js';
import { pushTo } from '../util/collections.js';
import { argoWorkflowLabel } from './argo-workflows.js';
import { isArgoWorkflow } from '../loaders/argo-resource-manifests.js';
import { isTekton, tektonPodLabels } from './tekton.js';
import { parseCidr, type Cidr } from '../util/cidr.js';

/**
 * NetworkPolicy index for cross-resource rules: which policies select a workload's pods, and which traffic
 * directions each one isolates. Built once per scan through `graph.memo`.
 *
 * Semantics follow the Kubernetes API (networking.k8s.io/v1):
 * - a policy only selects pods of its own namespace; objects without `metadata.namespace` are in "the namespace
 *   they are applied to": an unset namespace equals another unset one, and may equal any namespace set elsewhere;
 * - `podSelector: {}` (or an omitted podSelector: optional, see kubernetes/kubernetes#131354) selects every pod of the
 *   namespace; matchLabels and matchExpressions follow LabelSelector semantics;
 * - `policyTypes`, when set, says which directions are isolated; when unset, Ingress always is and Egress is when
 *   the policy has a non-empty `egress` list.
 *
 * Cilium policies (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy) are understood too: `endpointSelector`
 * with `k8s:` / `any:` label prefixes, `io.kubernetes.pod.namespace`, and a direction isolated when the rule
 * has an `ingress` / `ingressDeny` (`egress` / `egressDeny`) section, unless `enableDefaultDeny` turns it off.
 * Calico policies use a selector language this index does not evaluate: they make the answer unknown for the
 * pods of their namespace (every namespace for GlobalNetworkPolicy), so rules stay silent rather than guess.
 */

export type Direction = 'ingress' | 'egress';
export const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

export type PolicyFlavor = 'kubernetes' | 'cilium' | 'calico';

/** `true` / `false`, or `undefined` when the files cannot tell (templated values). */
export type Tristate = boolean | undefined;

export interface IndexedPolicy {
  resource: Resource;
  flavor: PolicyFlavor;
  /** Cluster-wide policies (Cilium clusterwide, Calico global) select pods in every namespace. */
  clusterWide: boolean;
  /** The pod selector (undefined when omitted: every pod of the namespace). */
  selector: JsonValue | undefined;
  /** Path of the selector, or of `spec` when omitted. */
  selectorPath: NodePath;
  /** Whether the policy isolates each direction for the pods it selects. */
  isolates: Record<Direction, Tristate>;
  /** Directions whose rules are present but ignored because `policyTypes` leaves the direction out. */
  ignoredRules: Direction[];
}

export interface NetworkPolicyIndex {
  /** Namespaced policies by namespace key (unset namespace is ''). */
  byNamespace: ReadonlyMap<string, readonly IndexedPolicy[]>;
  clusterWide: readonly IndexedPolicy[];
  /** Namespaced policies whose namespace is a template placeholder: they may apply anywhere. */
  unresolvedNamespace: readonly IndexedPolicy[];
}

export interface PolicySelection {
  policy: IndexedPolicy;
  /** `true` when the policy certainly selects the pod, `undefined` when it may. */
  selected: true | undefined;
}

/** networking.k8s.io NetworkPolicy (extensions/v1beta1 included); not Calico's `projectcalico.org` kind of the same name. */
export function isKubernetesNetworkPolicy(resource: Resource): boolean {
  if (resource.artifact !== 'kubernetes' || resource.type !== 'NetworkPolicy') return false;
  const group = (resource.apiVersion ?? '').split('/')[0];
  return group === 'networking.k8s.io' || group === 'extensions';
}

function isCiliumPolicy(resource: Resource): boolean {
  return (
    resource.artifact === 'kubernetes' &&
    (resource.type === 'CiliumNetworkPolicy' || resource.type === 'CiliumClusterwideNetworkPolicy') &&
    (resource.apiVersion ?? '').startsWith('cilium.io/')
  );
}

function isCalicoPolicy(resource: Resource): boolean {
  return (
    resource.artifact === 'kubernetes' &&
    (resource.type === 'NetworkPolicy' || resource.type === 'GlobalNetworkPolicy') &&
    /(^|\.)projectcalico\.org\//.test(resource.apiVersion ?? '')
  );
}

/** Which directions a networking.k8s.io policy spec isolates, with the Kubernetes defaulting of `policyTypes`. */
export function kubernetesPolicyTypes(spec: JsonObject): { isolates: Record<Direction, Tristate>; ignoredRules: Direction[] } {
  const hasRules = (direction: Direction): Tristate => {
    const rules = spec[direction];
    if (Array.isArray(rules)) return rules.length > 0;
    return isUnresolved(rules) ? undefined : false;
  };
  const types = spec.policyTypes;
  let isolates: Record<Direction, Tristate>;
  // The API server defaults an empty list the same way as a missing one (SetDefaults_NetworkPolicy).
  if (types === undefined || types === null || (Array.isArray(types) && types.length === 0)) {
    isolates = { ingress: true, egress: hasRules('egress') };
  } else if (!Array.isArray(types)) {
    isolates = { ingress: undefined, egress: undefined };
  } else {
    const unresolved = types.some((type) => typeof type !== 'string' || isUnresolved(type));
    const has = (name: string): Tristate => (types.includes(name) ? true : unresolved ? undefined : false);
    isolates = { ingress: has('Ingress'), egress: has('Egress') };
  }
  const ignoredRules = DIRECTIONS.filter((direction) => isolates[direction] === false && hasRules(direction) === true);
  return { isolates, ignoredRules };
}

/** A structure error of a networking.k8s.io NetworkPolicy, at the field it is in. */
export interface PolicyStructureProblem {
  path: NodePath;
  problem: string;
}

const LABEL_SELECTOR_FIELDS: ReadonlySet<string> = new Set(['matchLabels', 'matchExpressions']);
const PEER_FIELDS: ReadonlySet<string> = new Set(['podSelector', 'namespaceSelector', 'ipBlock']);
const SELECTOR_OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);
const PEER_LISTS = { ingress: 'from', egress: 'to' } as const;

/**
 * What the API server rejects a networking.k8s.io NetworkPolicy for in its label selectors and peers: fields
 * that are not there (a label written directly under `podSelector` instead of under `matchLabels`; strict field
 * validation, kubectl's and Helm's default, refuses unknown fields), selectors that are not maps, and
 * matchExpressions that LabelSelector validation refuses (an unknown operator, `In` / `NotIn` without values,
 * `Exists` / `DoesNotExist` with values, no key). Values left to a template are not judged. Kept per policy:
 * the index and the rule both ask.
 */
export function networkPolicyStructureProblems(resource: Resource): readonly PolicyStructureProblem[] {
  let problems = structureProblems.get(resource);
  if (!problems) structureProblems.set(resource, (problems = findStructureProblems(resource)));
  return problems;
}

const structureProblems = new WeakMap<Resource, PolicyStructureProblem[]>();

function findStructureProblems(resource: Resource): PolicyStructureProblem[] {
  const problems: PolicyStructureProblem[] = [];
  const spec = asObject(resource.body.spec);
  if (!isKubernetesNetworkPolicy(resource) || !spec) return problems;
  const add = (path: NodePath, problem: string): void => {
    problems.push({ path, problem });
  };
  const unknownFields = (value: JsonObject, path: NodePath, known: ReadonlySet<string>, what: string): void => {
    for (const key of Object.keys(value)) {
      if (known.has(key) || isUnresolved(key)) continue;
      const hint = what === 'label selector' && typeof value[key] === 'string' ? `: a label belongs under matchLabels (\`matchLabels: {${key}: ${String(value[key])}}\`)` : '';
      add([...path, key], `"${key}" is not a field of a ${what} (${[...known].join(', ')})${hint}`);
    }
  };
  const selector = (value: JsonValue | undefined, path: NodePath): void => {
    if (value === undefined || value === null || isUnresolved(value)) return;
    if (!isObject(value)) return add(path, `the selector is ${jsonKind(value)}, not a map`);
    unknownFields(value, path, LABEL_SELECTOR_FIELDS, 'label selector');
    const { matchLabels, matchExpressions } = value;
    if (matchLabels !== undefined && matchLabels !== null && !isObject(matchLabels) && !isUnresolved(matchLabels)) add([...path, 'matchLabels'], `matchLabels is ${jsonKind(matchLabels)}, not a map`);
    if (isObject(matchLabels)) {
      for (const [label, labelValue] of Object.entries(matchLabels)) {
        if (labelValue !== undefined && typeof labelValue !== 'string' && !isUnresolved(labelValue)) add([...path, 'matchLabels', label], `the value of label "${label}" is ${jsonKind(labelValue)}, not a string`);
      }
    }
    if (matchExpressions === undefined || matchExpressions === null || isUnresolved(matchExpressions)) return;
    if (!Array.isArray(matchExpressions)) return add([...path, 'matchExpressions'], `matchExpressions is ${jsonKind(matchExpressions)}, not a list`);
    matchExpressions.forEach((item, index) => {
      const at: NodePath = [...path, 'matchExpressions', index];
      if (isUnresolved(item)) return;
      if (!isObject(item)) return add(at, `a match expression is ${jsonKind(item)}, not a map`);
      if (containsUnresolved(item)) return;
      const { key, operator, values } = item;
      if (Array.isArray(values) && values.some((entry) => typeof entry !== 'string')) add([...at, 'values'], 'values must be strings');
      if (typeof key !== 'string' || key === '') add(at, 'a match expression needs a key');
      if (typeof operator !== 'string' || !SELECTOR_OPERATORS.has(operator)) {
        add(operator === undefined ? at : [...at, 'operator'], `the operator must be one of ${[...SELECTOR_OPERATORS].join(', ')}`);
        return;
      }
      const count = Array.isArray(values) ? values.length : values === undefined || values === null ? 0 : -1;
      if (count === -1) add([...at, 'values'], `values is ${jsonKind(values as JsonValue)}, not a list`);
      else if ((operator === 'In' || operator === 'NotIn') && count === 0) add(values === undefined ? at : [...at, 'values'], `operator ${operator} needs values`);
      else if ((operator === 'Exists' || operator === 'DoesNotExist') && count > 0) add([...at, 'values'], `operator ${operator} takes no values`);
    });
  };
  selector(spec.podSelector, ['spec', 'podSelector']);
  for (const direction of DIRECTIONS) {
    asArray(spec[direction]).forEach((rule, ruleIndex) => {
      const list = PEER_LISTS[direction];
      const peers = asObject(rule)?.[list];
      if (peers !== undefined && peers !== null && !Array.isArray(peers) && !isUnresolved(peers)) {
        add(['spec', direction, ruleIndex, list], `${list} is ${jsonKind(peers)}, not a list`);
        return;
      }
      asArray(peers).forEach((peer, peerIndex) => {
        const path: NodePath = ['spec', direction, ruleIndex, list, peerIndex];
        if (isUnresolved(peer)) return;
        if (!isObject(peer)) return add(path, `a peer is ${jsonKind(peer)}, not a map`);
        if (Object.keys(peer).length === 0) return add(path, 'a peer must name a podSelector, namespaceSelector or ipBlock');
        unknownFields(peer, path, PEER_FIELDS, 'network policy peer');
        selector(peer.podSelector, [...path, 'podSelector']);
        selector(peer.namespaceSelector, [...path, 'namespaceSelector']);
      });
    });
  }
  return problems;
}

function indexKubernetesPolicy(resource: Resource): IndexedPolicy[] {
  const spec = asObject(resource.body.spec) ?? {};
  // The API server rejects a policy with a malformed selector or peer: it selects nothing (core/malformed-network-policy).
  if (networkPolicyStructureProblems(resource).length > 0) return [];
  const { isolates, ignoredRules } = kubernetesPolicyTypes(spec);
  const selector = spec.podSelector === null ? undefined : spec.podSelector;
  return [
    {
      resource,
      flavor: 'kubernetes',
      clusterWide: false,
      selector,
      selectorPath: selector === undefined ? ['spec'] : ['spec', 'podSelector'],
      isolates,
      ignoredRules,
    },
  ];
}

function indexCiliumPolicy(resource: Resource): IndexedPolicy[] {
  const clusterWide = resource.type === 'CiliumClusterwideNetworkPolicy';
  const rules: Array<{ rule: JsonObject; path: NodePath }> = [];
  const spec = asObject(resource.body.spec);
  if (spec) rules.push({ rule: spec, path: ['spec'] });
  asArray(resource.body.specs).forEach((item, index) => {
    const rule = asObject(item);
    if (rule) rules.push({ rule, path: ['specs', index] });
  });
  const indexed: IndexedPolicy[] = [];
  for (const { rule, path } of rules) {
    // Host policies (nodeSelector) do not select pods.
    if (rule.endpointSelector === undefined) continue;
    const defaultDeny = asObject(rule.enableDefaultDeny);
    const isolates = (direction: Direction): Tristate => {
      const sections = [rule[direction], rule[`${direction}Deny`]];
      if (sections.some(isUnresolved) || isUnresolved(defaultDeny?.[direction])) return undefined;
      // "If omitted or empty, this rule does not apply at ingress" (Cilium's api.Rule): unlike NetworkPolicy, `ingress: []` isolates nothing.
      if (!sections.some((section) => Array.isArray(section) && section.length > 0)) return false;
      return defaultDeny?.[direction] !== false;
    };
    indexed.push({
      resource,
      flavor: 'cilium',
      clusterWide,
      selector: normalizeCiliumSelector(rule.endpointSelector),
      selectorPath: [...path, 'endpointSelector'],
      isolates: { ingress: isolates('ingress'), egress: isolates('egress') },
      ignoredRules: [],
    });
  }
  return indexed;
}

/** Cilium label keys may carry a source prefix (`k8s:app`, `any:app`): strip it to compare with pod labels. */
function normalizeCiliumSelector(selector: JsonValue | undefined): JsonValue | undefined {
  const object = asObject(selector);
  if (!object) return selector;
  const strip = (key: string): string => key.replace(/^(k8s|any):/, '');
  const normalized: JsonObject = { ...object };
  const matchLabels = asObject(object.matchLabels);
  if (matchLabels) normalized.matchLabels = Object.fromEntries(Object.entries(matchLabels).map(([key, value]) => [strip(key), value ?? null]));
  if (Array.isArray(object.matchExpressions)) {
    normalized.matchExpressions = object.matchExpressions.map((expression) => {
      const item = asObject(expression);
      const key = asString(item?.key);
      return item && key !== undefined ? { ...item, key: strip(key) } : (expression ?? null);
    });
  }
  return normalized;
}

function indexCalicoPolicy(resource: Resource): IndexedPolicy[] {
  const spec = asObject(resource.body.spec) ?? {};
  const types = asArray(spec.types).filter((type): type is string => typeof type === 'string');
  const isolates: Record<Direction, Tristate> =
    types.length > 0
      ? { ingress: types.includes('Ingress') || undefined, egress: types.includes('Egress') || undefined }
      : { ingress: true, egress: Array.isArray(spec.egress) && spec.egress.length > 0 ? true : undefined };
  return [
    {
      resource,
      flavor: 'calico',
      clusterWide: resource.type === 'GlobalNetworkPolicy',
      selector: spec.selector,
      selectorPath: spec.selector === undefined ? ['spec'] : ['spec', 'selector'],
      isolates,
      ignoredRules: [],
    },
  ];
}

/** The index of every NetworkPolicy-like object of the scan, built once. */
export function networkPolicyIndex(graph: ResourceGraph): NetworkPolicyIndex {
  return graph.memo('network-policy/index', (g) => {
    const byNamespace = new Map<string, IndexedPolicy[]>();
    const clusterWide: IndexedPolicy[] = [];
    const unresolvedNamespace: IndexedPolicy[] = [];
    const add = (policy: IndexedPolicy): void => {
      if (policy.clusterWide) {
        clusterWide.push(policy);
      } else if (isUnresolved(policy.resource.namespace)) {
        unresolvedNamespace.push(policy);
      } else {
        const key = namespaceKey(policy.resource);
        const list = byNamespace.get(key) ?? [];
        list.push(policy);
        byNamespace.set(key, list);
      }
    };
    for (const resource of g.ofType('kubernetes', 'NetworkPolicy')) {
      if (isKubernetesNetworkPolicy(resource)) indexKubernetesPolicy(resource).forEach(add);
      else if (isCalicoPolicy(resource)) indexCalicoPolicy(resource).forEach(add);
    }
    for (const type of ['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']) {
      for (const resource of g.ofType('kubernetes', type)) if (isCiliumPolicy(resource)) indexCiliumPolicy(resource).forEach(add);
    }
    for (const resource of g.ofType('kubernetes', 'GlobalNetworkPolicy')) if (isCalicoPolicy(resource)) indexCalicoPolicy(resource).forEach(add);
    return { byNamespace, clusterWide, unresolvedNamespace };
  });
}

/**
 * LabelSelector match with unknowns: `undefined` when a templated value decides the outcome. An omitted selector
 * matches everything when `missingMatchesAll` (NetworkPolicy.spec.podSelector), nothing otherwise.
 */
export function matchSelector(selector: JsonValue | undefined, labels: Readonly<Record<string, string>>, missingMatchesAll = true): Tristate {
  if (selector === undefined || selector === null) return missingMatchesAll;
  if (!isObject(selector)) return containsUnresolved(selector) ? undefined : false;
  const keys = selectorKeys(selector);
  if (keys === undefined) return matchPartlyUnresolved(selector, labels);
  let unknown = false;
  for (const key of keys) {
    const label = labels[key];
    if (!isUnresolved(label)) continue;
    // A generated value with a known start (`hello-world-` + random) cannot equal a value that starts otherwise.
    const wanted = labelsOf(selector.matchLabels)[key];
    const known = literalPrefix(label ?? '');
    if (wanted !== undefined && known !== '' && !wanted.startsWith(known)) return false;
    unknown = true;
  }
  return unknown ? undefined : selectorMatches(selector, labels);
}

/**
 * matchSelector for a selector some of whose values are unresolved (`match_labels` read from another resource):
 * its requirements are ANDed, so one that the known part already fails rules the pod out; otherwise unknown.
 */
function matchPartlyUnresolved(selector: JsonObject, labels: Readonly<Record<string, string>>): Tristate {
  const knownLabels = Object.fromEntries(Object.entries(asObject(selector.matchLabels) ?? {}).filter(([key, value]) => !isUnresolved(key) && !containsUnresolved(value)));
  const knownExpressions = asArray(selector.matchExpressions).filter((expression) => !containsUnresolved(expression));
  const keys = [...Object.keys(knownLabels), ...knownExpressions.map((expression) => asString(asObject(expression)?.key) ?? '')];
  if (keys.some((key) => isUnresolved(labels[key]))) return undefined;
  return selectorMatches({ matchLabels: knownLabels, matchExpressions: knownExpressions }, labels) ? undefined : false;
}

/** A selector's label keys, or undefined when a template placeholder hides part of it. Kept per selector: every workload of the namespace asks. */
const keysBySelector = new WeakMap<JsonObject, readonly string[] | undefined>();
function selectorKeys(selector: JsonObject): readonly string[] | undefined {
  if (keysBySelector.has(selector)) return keysBySelector.get(selector);
  let keys: string[] | undefined;
  if (!containsUnresolved(selector)) {
    const set = new Set<string>(Object.keys(asObject(selector.matchLabels) ?? {}));
    for (const expression of asArray(selector.matchExpressions)) {
      const key = asString(asObject(expression)?.key);
      if (key !== undefined) set.add(key);
    }
    keys = [...set];
  }
  keysBySelector.set(selector, keys);
  return keys;
}

/**
 * The labels the pods of a workload's template `pod` (the first by default) carry: the template's (with those
 * its controller copies, podLabels), plus those the controller adds with values known from the manifest, which
 * policies select on: a Job's `batch.kubernetes.io/job-name` and `job-name` (unless it picks its own selector), a
 * Knative Service's `serving.knative.dev/service` and `/configuration`, Argo's and Tekton's run labels, and
 * operators' (operatorLabels). Generated values (`pod-template-hash`, a CronJob's job names, a name from
 * `generateName`) are unknown.
 */
export function workloadPodLabels(resource: Resource, pod = podTemplateOf(resource)): Readonly<Record<string, string>> | undefined {
  if (!pod) return undefined;
  const own = podLabels(pod);
  const added = controllerLabels(resource, pod);
  return added ? { ...added, ...own } : own;
}

function controllerLabels(resource: Resource, pod: PodTemplate): Record<string, string> | undefined {
  const { apiVersion, name } = resource;
  // Argo labels every pod with its workflow's name (generated for templates and `generateName`).
  if (isArgoWorkflow(resource)) return { 'workflows.argoproj.io/workflow': argoWorkflowLabel(resource) };
  if (isTekton(resource)) return tektonPodLabels(resource, pod);
  if (isUnresolved(name)) return undefined;
  if (resource.type === 'Job' && (apiVersion === undefined || apiVersion === 'batch/v1') && asObject(resource.body.spec)?.manualSelector !== true) {
    return { 'batch.kubernetes.io/job-name': name, 'job-name': name };
  }
  if (apiVersion?.startsWith('serving.knative.dev/') && resource.type === 'Service') return { 'serving.knative.dev/service': name, 'serving.knative.dev/configuration': name };
  if (apiVersion?.startsWith('serving.knative.dev/') && resource.type === 'Configuration') return { 'serving.knative.dev/configuration': name };
  return operatorLabels(resource, pod);
}

/**
 * Labels that operators put on the pods of the templates they run, for the values the manifest gives: KubeRay
 * (`ray.io/node-type`, `ray.io/cluster`, `ray.io/group`), Volcano (`volcano.sh/job-name`, `volcano.sh/task-spec`),
 * JobSet (`jobset.sigs.k8s.io/jobset-name`, `/replicatedjob-name`) and the Kubeflow training operator
 * (`training.kubeflow.org/job-name`, `/replica-type`).
 */
function operatorLabels(resource: Resource, pod: PodTemplate): Record<string, string> | undefined {
  const { apiVersion = '', name, type } = resource;
  const path = pod.specPath;
  /** The object of the list item holding the template (`spec.tasks[2]`), read by its field. */
  const itemField = (list: string, field: string): string | undefined => {
    const at = path.indexOf(list);
    return at === -1 ? undefined : asString(asObject(getPath(resource.body, path.slice(0, at + 2)))?.[field]);
  };
  if (apiVersion.startsWith('ray.io/')) {
    const head = path.includes('headGroupSpec');
    if (!head && !path.includes('workerGroupSpecs')) return undefined;
    const group = head ? 'headgroup' : itemField('workerGroupSpecs', 'groupName');
    return {
      'ray.io/node-type': head ? 'head' : 'worker',
      'ray.io/cluster': type === 'RayCluster' ? name : GENERATED_NAME, // a RayJob's or RayService's cluster name is generated
      'ray.io/is-ray-node': 'yes',
      ...(group !== undefined ? { 'ray.io/group': group } : {}),
    };
  }
  if (apiVersion.startsWith('batch.volcano.sh/') && type === 'Job') {
    const task = itemField('tasks', 'name');
    return { 'volcano.sh/job-name': name, ...(task !== undefined ? { 'volcano.sh/task-spec': task } : {}) };
  }
  if (apiVersion.startsWith('jobset.x-k8s.io/')) {
    const replicatedJob = itemField('replicatedJobs', 'name');
    return { 'jobset.sigs.k8s.io/jobset-name': name, ...(replicatedJob !== undefined ? { 'jobset.sigs.k8s.io/replicatedjob-name': replicatedJob } : {}) };
  }
  if (apiVersion.startsWith('kubeflow.org/')) {
    const replicaSpecs = path.findIndex((segment) => typeof segment === 'string' && segment.endsWith('ReplicaSpecs'));
    const replica = replicaSpecs === -1 ? undefined : path[replicaSpecs + 1];
    const trainingOperator = type !== 'MPIJob';
    return { 'training.kubeflow.org/job-name': name, ...(trainingOperator && typeof replica === 'string' ? { 'training.kubeflow.org/replica-type': replica.toLowerCase() } : {}) };
  }
  return undefined;
}

/**
 * Policies that select the pods of `resource` (a workload; of its template `pod`, the first by default), certain
 * or possible. Policies of another named namespace never count. A policy whose namespace or selector is a
 * template placeholder is a possible match, and so is one whose namespace differs because either the policy or the
 * workload sets none (each lands where it is applied).
 */
export function policiesSelecting(graph: ResourceGraph, resource: Resource, pod?: PodTemplate): PolicySelection[] {
  const labels = workloadPodLabels(resource, pod);
  if (!labels) return [];
  const index = networkPolicyIndex(graph);
  const namespaceUnresolved = isUnresolved(resource.namespace);
  const selections: PolicySelection[] = [];
  const consider = (policy: IndexedPolicy, sameNamespace: Tristate): void => {
    if (sameNamespace === false) return;
    let match: Tristate;
    if (policy.flavor === 'calico') {
      match = undefined;
    } else if (policy.flavor === 'cilium') {
      const withNamespace = { ...labels };
      if (resource.namespace !== undefined && !namespaceUnresolved) withNamespace['io.kubernetes.pod.namespace'] = resource.namespace;
      else if (policy.clusterWide) withNamespace['io.kubernetes.pod.namespace'] = namespaceUnresolved ? '${unresolved}' : '';
      match = matchSelector(policy.selector, withNamespace, false);
    } else {
      match = matchSelector(policy.selector, labels, true);
    }
    if (match === false) return;
    selections.push({ policy, selected: match === true && sameNamespace === true ? true : undefined });
  };
  if (namespaceUnresolved) {
    for (const list of index.byNamespace.values()) for (const policy of list) consider(policy, undefined);
  } else {
    const own = namespaceKey(resource);
    for (const policy of candidatesFor(index.byNamespace.get(own) ?? [], labels)) consider(policy, true);
    // An unset namespace is wherever the manifests are applied (`kubectl -n`, `helm -n`): a workload without
    // one may land in a policy's namespace, and a policy without one in the workload's.
    for (const [key, list] of index.byNamespace) {
      if (key !== own && (own === '' || key === '')) for (const policy of candidatesFor(list, labels)) consider(policy, undefined);
    }
  }
  for (const policy of index.unresolvedNamespace) consider(policy, undefined);
  for (const policy of index.clusterWide) consider(policy, true);
  return selections;
}

/**
 * The policies of a namespace's `list` that may select pods with `labels`, in list order. Each Kubernetes
 * policy with matchLabels is filed under one of its label pairs (a pod without that pair cannot be selected);
 * a workload looks at the policies filed under its own labels plus those that select otherwise (no
 * matchLabels, placeholders, other flavours), not at every policy of the namespace.
 */
function candidatesFor(list: readonly IndexedPolicy[], labels: Readonly<Record<string, string>>): readonly IndexedPolicy[] {
  if (list.length === 0) return list;
  for (const key in labels) if (isUnresolved(labels[key])) return list;
  let lookup = lookups.get(list);
  if (!lookup) lookups.set(list, (lookup = fileByLabelPair(list)));
  const positions = [...lookup.unfiled];
  for (const key in labels) {
    const filed = lookup.byPair.get(`${key}\u0000${labels[key]}`);
    if (filed) positions.push(...filed);
  }
  positions.sort((a, b) => a - b);
  return positions.map((position) => list[position] as IndexedPolicy);
}

interface PolicyLookup {
  /** Positions in the list, by `key\0value` of the label pair a policy requires. */
  byPair: Map<string, number[]>;
  unfiled: number[];
}

const lookups = new WeakMap<readonly IndexedPolicy[], PolicyLookup>();

function fileByLabelPair(list: readonly IndexedPolicy[]): PolicyLookup {
  const lookup: PolicyLookup = { byPair: new Map(), unfiled: [] };
  list.forEach((policy, position) => {
    const selector = policy.flavor === 'kubernetes' && isObject(policy.selector) && selectorKeys(policy.selector) !== undefined ? policy.selector : undefined;
    const required = selector ? Object.entries(labelsOf(selector.matchLabels))[0] : undefined;
    if (!required) {
      lookup.unfiled.push(position);
      return;
    }
    pushTo(lookup.byPair, `${required[0]}\u0000${required[1]}`, position);
  });
  return lookup;
}

/** Pods on the host network are outside the reach of NetworkPolicy (for most CNIs, the VPC CNI included). */
export function usesHostNetwork(pod: PodTemplate): boolean {
  return podField(pod, 'hostNetwork')?.value === true;
}

/** Labels of an object (`metadata.labels`). */
export function objectLabels(resource: Resource): Readonly<Record<string, string>> {
  return labelsOf(asObject(resource.body.metadata)?.labels);
}

/** Private and shared address space where VPC, node and pod addresses live (RFC 1918, RFC 6598, IPv6 ULA). */
export const PRIVATE_RANGES: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'].map(
  (text) => parseCidr(text) as Cidr,
);
