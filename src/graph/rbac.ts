import type { JsonValue, NodePath, Resource, Severity } from '../model/types.js';
import type { RuleContext } from '../rules/rule.js';
import { asArray, asObject, asString, isObject } from '../util/json.js';
import type { ResourceGraph } from './graph.js';
import { isPatchFragment, labelsOf, podField, podFieldValues, podLabels, podSettingsHome, type PodTemplate, podTemplatesOf, podTemplateSuffix, selectorMatches } from './kubernetes.js';
import { containsTemplate, isUnresolved } from '../util/template.js';
import { capitalized } from '../util/text.js';
import { pushTo } from '../util/collections.js';

/**
 * Cross-resource RBAC index over one scan: Role / ClusterRole (with aggregation), RoleBinding /
 * ClusterRoleBinding -> roleRef -> role, subjects, ServiceAccounts and the workloads that run as them.
 * Built once per scan through `rbacIndex(graph)`.
 *
 * Kubernetes' own objects are recognized so they do not drown the report ("platform-managed"):
 * - names with the `system:` prefix (reserved for Kubernetes components), `eks:` (created and reconciled by
 *   Amazon EKS) and `gce:` (GKE), or the `kubernetes.io/bootstrapping: rbac-defaults` label;
 * - the user-facing default ClusterRoles `cluster-admin`, `admin`, `edit` and `view`: the API server
 *   reconciles them at start-up, so their permissions are the built-in ones whatever a file says. A binding
 *   that references them resolves to the built-in permissions (plus any in-scan definition and aggregated roles).
 * A platform-managed role is never reported as a role; a binding that grants it is still checked, unless the
 * binding itself is platform-managed.
 */

export const RBAC_API_GROUP = 'rbac.authorization.k8s.io';
/** The ServiceAccount annotation that gives its pods an IAM role (IRSA). */
export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';
const BOOTSTRAP_LABEL = 'kubernetes.io/bootstrapping';
const PLATFORM_PREFIXES = ['system:', 'eks:', 'gce:'] as const;

export function hasPlatformName(name: string): boolean {
  return PLATFORM_PREFIXES.some((prefix) => name.startsWith(prefix));
}

function isBootstrapObject(resource: Resource): boolean {
  return labelsOf(asObject(resource.body.metadata)?.labels)[BOOTSTRAP_LABEL] === 'rbac-defaults';
}

/** A role or binding named or labelled as Kubernetes' / the provider's own. */
export function isPlatformObject(resource: Resource): boolean {
  return hasPlatformName(resource.name) || isBootstrapObject(resource);
}

function isRbacObject(resource: Resource, kind: string): boolean {
  return resource.artifact === 'kubernetes' && resource.type === kind && (resource.apiVersion ?? '').startsWith(`${RBAC_API_GROUP}/`);
}

// ---------------------------------------------------------------------------------------------------------
// Policy rules

export interface PolicyRule {
  apiGroups: readonly string[];
  resources: readonly string[];
  verbs: readonly string[];
  /**
   * The names the rule is limited to; empty when it is not limited. An empty name matches the requests that carry no
   * name (create, list, deletecollection): a list holding `""` limits nothing that matters, and is read as empty.
   */
  resourceNames: readonly string[];
  nonResourceURLs: readonly string[];
  /** The role object whose body holds the rule; undefined for a built-in definition. */
  holder?: Resource;
  /** Path of the rule inside the holder's body (`['rules', i]`). */
  path: NodePath;
}

function strings(value: JsonValue | undefined): string[] {
  return asArray(value).filter((item): item is string => typeof item === 'string');
}

function limitingNames(names: string[]): string[] {
  return names.includes('') ? [] : names;
}

function parseRules(resource: Resource): PolicyRule[] {
  return asArray(resource.body.rules).flatMap((item, index) => {
    const rule = asObject(item);
    if (!rule) return [];
    return [
      {
        apiGroups: strings(rule.apiGroups),
        resources: strings(rule.resources),
        verbs: strings(rule.verbs),
        resourceNames: limitingNames(strings(rule.resourceNames)),
        nonResourceURLs: strings(rule.nonResourceURLs),
        holder: resource,
        path: ['rules', index],
      },
    ];
  });
}

/** Path of `value` inside `rule[field]` of its holder, or of the rule itself when not found. */
export function rulePath(rule: PolicyRule, field: 'apiGroups' | 'resources' | 'verbs' | 'nonResourceURLs', value: string): NodePath {
  if (!rule.holder) return rule.path;
  const rules = asArray(rule.holder.body.rules);
  const index = rule.path[1];
  const entry = typeof index === 'number' ? asObject(rules[index]) : undefined;
  const position = asArray(entry?.[field]).indexOf(value);
  return position === -1 ? rule.path : [...rule.path, field, position];
}

export interface RuleMatch {
  /** The rule's resource entry that matched (`*`, `pods/exec`, `*\/exec`). */
  resource: string;
  /** The rule's verbs that matched (`*` or named ones). */
  verbs: string[];
}

/**
 * Whether a policy rule grants any of `verbs` on `resource` (`pods/exec` style for subresources) in one of
 * `groups`, with the RBAC authorizer's wildcard semantics (`*` verbs, `*` resources including subresources,
 * `*\/<subresource>`, `*` API groups).
 */
export function matchRule(rule: PolicyRule, groups: readonly string[], resource: string, verbs: readonly string[]): RuleMatch | undefined {
  if (!rule.apiGroups.some((group) => group === '*' || groups.includes(group))) return undefined;
  const subresource = resource.includes('/') ? resource.slice(resource.indexOf('/') + 1) : undefined;
  const matched = rule.resources.find((entry) => entry === '*' || entry === resource || (subresource !== undefined && entry === `*/${subresource}`));
  if (matched === undefined) return undefined;
  const matchedVerbs = rule.verbs.filter((verb) => verb === '*' || verbs.includes(verb));
  if (matchedVerbs.length === 0) return undefined;
  return { resource: matched, verbs: matchedVerbs };
}

const WRITE_AND_READ_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];

/** A rule that grants everything on every resource of every API group: cluster-admin's permissions. */
export function isFullAccessRule(rule: PolicyRule): boolean {
  if (rule.resourceNames.length > 0) return false;
  if (!rule.apiGroups.includes('*') || !rule.resources.includes('*')) return false;
  return rule.verbs.includes('*') || WRITE_AND_READ_VERBS.every((verb) => rule.verbs.includes(verb));
}

// ---------------------------------------------------------------------------------------------------------
// Built-in user-facing ClusterRoles (the parts that matter to the checks; from the API server's bootstrap policy)

const CORE_NAMESPACE_ADMIN_READ = ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'];
const CORE_NAMESPACE_WRITE = [
  'pods',
  'pods/attach',
  'pods/exec',
  'pods/portforward',
  'pods/proxy',
  'configmaps',
  'events',
  'persistentvolumeclaims',
  'replicationcontrollers',
  'replicationcontrollers/scale',
  'secrets',
  'serviceaccounts',
  'services',
  'services/proxy',
];
const VIEW_CORE = ['configmaps', 'endpoints', 'persistentvolumeclaims', 'pods', 'replicationcontrollers', 'services', 'bindings', 'events', 'limitranges', 'namespaces', 'pods/log', 'pods/status', 'resourcequotas', 'serviceaccounts'];

function builtInRule(apiGroups: string[], resources: string[], verbs: string[], nonResourceURLs: string[] = []): PolicyRule {
  return { apiGroups, resources, verbs, resourceNames: [], nonResourceURLs, path: [] };
}

const EDIT_RULES: PolicyRule[] = [
  builtInRule([''], CORE_NAMESPACE_ADMIN_READ, ['get', 'list', 'watch']),
  builtInRule([''], ['serviceaccounts'], ['impersonate']),
  builtInRule([''], CORE_NAMESPACE_WRITE, ['create', 'delete', 'deletecollection', 'patch', 'update']),
  builtInRule([''], ['serviceaccounts/token'], ['create']),
  builtInRule(['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], ['create', 'delete', 'deletecollection', 'patch', 'update', 'get', 'list', 'watch']),
  builtInRule(['batch'], ['cronjobs', 'jobs'], ['create', 'delete', 'deletecollection', 'patch', 'update', 'get', 'list', 'watch']),
  builtInRule(['networking.k8s.io'], ['networkpolicies', 'ingresses'], ['create', 'delete', 'deletecollection', 'patch', 'update']),
  builtInRule([''], VIEW_CORE, ['get', 'list', 'watch']),
];

const BUILT_IN_RULES: Record<string, PolicyRule[]> = {
  'cluster-admin': [builtInRule(['*'], ['*'], ['*']), builtInRule([], [], ['*'], ['*'])],
  admin: [
    ...EDIT_RULES,
    builtInRule([RBAC_API_GROUP], ['rolebindings', 'roles'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
    builtInRule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
  ],
  edit: EDIT_RULES,
  view: [builtInRule([''], VIEW_CORE, ['get', 'list', 'watch'])],
};

/** The user-facing ClusterRoles the API server creates and reconciles. */
export function isDefaultClusterRoleName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(BUILT_IN_RULES, name);
}

// ---------------------------------------------------------------------------------------------------------
// Subjects

export interface Subject {
  kind: string;
  name: string;
  /** For ServiceAccounts: the subject's namespace, else the binding's. */
  namespace?: string;
  path: NodePath;
}

export type SubjectScope =
  | 'anonymous'
  | 'all-authenticated'
  | 'all-service-accounts'
  | 'namespace-service-accounts'
  | 'nodes'
  | 'masters'
  | 'admin-group'
  | 'group'
  | 'user'
  | 'default-service-account'
  | 'service-account';

const ADMIN_GROUP_TOKENS = new Set(['admin', 'admins', 'administrator', 'administrators', 'clusteradmin', 'clusteradmins', 'masters']);

export function subjectScope(subject: Subject): SubjectScope {
  if (subject.kind === 'User') return subject.name === 'system:anonymous' ? 'anonymous' : 'user';
  if (subject.kind === 'ServiceAccount') return subject.name === 'default' ? 'default-service-account' : 'service-account';
  const name = subject.name;
  if (name === 'system:unauthenticated') return 'anonymous';
  if (name === 'system:authenticated') return 'all-authenticated';
  if (name === 'system:serviceaccounts') return 'all-service-accounts';
  if (name.startsWith('system:serviceaccounts:')) return 'namespace-service-accounts';
  if (name === 'system:nodes' || name === 'system:bootstrappers') return 'nodes';
  if (name === 'system:masters') return 'masters';
  const tokens = name.toLowerCase().split(/[^a-z0-9]+/);
  if (tokens.some((token) => ADMIN_GROUP_TOKENS.has(token))) return 'admin-group';
  return 'group';
}

/** Subjects that stand for many identities at once. */
export function isBroadScope(scope: SubjectScope): boolean {
  return (
    scope === 'anonymous' ||
    scope === 'all-authenticated' ||
    scope === 'all-service-accounts' ||
    scope === 'namespace-service-accounts' ||
    scope === 'nodes' ||
    scope === 'default-service-account'
  );
}

export function describeSubject(subject: Subject): string {
  switch (subjectScope(subject)) {
    case 'anonymous':
      return subject.kind === 'User' ? 'anonymous requests (User "system:anonymous")' : 'unauthenticated requests (Group "system:unauthenticated")';
    case 'all-authenticated':
      return 'every authenticated user and service account (Group "system:authenticated")';
    case 'all-service-accounts':
      return 'every service account of the cluster (Group "system:serviceaccounts")';
    case 'namespace-service-accounts':
      return `every service account of namespace "${subject.name.slice('system:serviceaccounts:'.length)}" (Group "${subject.name}")`;
    case 'nodes':
      return `every node (Group "${subject.name}")`;
    case 'service-account':
      return `ServiceAccount "${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}"`;
    case 'default-service-account':
      return `the "default" ServiceAccount${subject.namespace ? ` of namespace "${subject.namespace}"` : ''} (every pod there that names no ServiceAccount)`;
    default:
      return `${subject.kind} "${subject.name}"`;
  }
}

export function describeSubjects(subjects: readonly Subject[], max = 3): string {
  const shown = subjects.slice(0, max).map(describeSubject);
  const rest = subjects.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

// ---------------------------------------------------------------------------------------------------------
// Roles and bindings

export interface RoleInfo {
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace?: string;
  /** The object in the scan; undefined for a default ClusterRole that the scan does not define. */
  resource?: Resource;
  /** Rules written in the object itself. */
  ownRules: PolicyRule[];
  /** Effective rules: own, aggregated from selected ClusterRoles, and the built-in ones for default ClusterRoles. */
  rules: PolicyRule[];
  /** A user-facing default ClusterRole (cluster-admin, admin, edit, view). */
  builtIn: boolean;
  /** Has an aggregationRule (its rules are managed by the aggregation controller). */
  aggregated: boolean;
  /** ClusterRoles whose rules were aggregated into this one. */
  aggregatedFrom: RoleInfo[];
  /** Kubernetes' or the provider's own (default, reserved name or bootstrapping label): never reported as a role. */
  platform: boolean;
}

export interface RoleRef {
  kind: 'Role' | 'ClusterRole';
  name: string;
  /** Path of `roleRef.name` inside the binding. */
  path: NodePath;
}

export interface BindingInfo {
  resource: Resource;
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  namespace?: string;
  /** Undefined when missing, malformed or templated. */
  roleRef?: RoleRef;
  /** The role the binding grants, when it is in the scan or a default ClusterRole. */
  role?: RoleInfo;
  /** Resolved subjects (templated or malformed ones are left out). */
  subjects: Subject[];
  /** Named or labelled as Kubernetes' / the provider's own. */
  platform: boolean;
}

/** Whether a role grants cluster-admin's permissions (the default cluster-admin, or `*` verbs on `*` in `*`). */
export function isClusterAdminEquivalent(role: RoleInfo): boolean {
  if (role.builtIn && role.name === 'cluster-admin' && role.kind === 'ClusterRole') return true;
  return role.rules.some(isFullAccessRule);
}

export function describeRole(role: RoleInfo): string {
  const base = `${role.kind} "${role.name}"`;
  return role.builtIn && role.kind === 'ClusterRole' ? `the default ${base}` : base;
}

/** `cluster-wide` or `in namespace "x"`: where a binding's grant applies. */
export function bindingScope(binding: BindingInfo): string {
  if (binding.kind === 'ClusterRoleBinding') return 'cluster-wide';
  return binding.namespace ? `in namespace "${binding.namespace}"` : 'in its namespace';
}

export function describeBinding(binding: BindingInfo): string {
  return `${binding.kind} "${binding.resource.name}"`;
}

function roleKey(kind: string, name: string): string {
  return `${kind}\u0000${name}`;
}

/** Two namespaces are compatible when equal or when either is unset (applied with `-n` or by a tool). */
function compatibleNamespaces(a: string | undefined, b: string | undefined): boolean {
  // A namespace left as a template placeholder (`{{ .Release.Namespace }}`, `${var.namespace}`) may be any.
  return a === undefined || b === undefined || a === b || isUnresolved(a) || isUnresolved(b);
}

/** Picks among same-named candidates: exact namespace first, then same file, then any compatible one. */
function pick<T extends { namespace?: string | undefined }>(candidates: readonly T[], namespace: string | undefined, fileOf: (item: T) => string | undefined, file: string): T | undefined {
  const compatible = candidates.filter((candidate) => compatibleNamespaces(candidate.namespace, namespace));
  const exact = compatible.filter((candidate) => candidate.namespace === namespace);
  const pool = exact.length > 0 ? exact : compatible;
  return pool.find((candidate) => fileOf(candidate) === file) ?? pool[0];
}

// ---------------------------------------------------------------------------------------------------------
// Workloads and service accounts

export interface WorkloadAccount {
  workload: Resource;
  pod: PodTemplate;
  /** The service account the pods run as: `default` when none is named. */
  name: string;
  /** `serviceAccountName` (or the deprecated `serviceAccount`) is set. */
  explicit: boolean;
  /** Path of the field naming it, or of the pod spec when none does. */
  path: NodePath;
  /** The name is a template expression: unknown. */
  unresolved: boolean;
}

/**
 * The service accounts a workload's pods run as, one per pod template (custom resources may have several);
 * patch fragments are left out. Empty for non-workloads.
 */
export function workloadServiceAccounts(workload: Resource): WorkloadAccount[] {
  const accounts: WorkloadAccount[] = [];
  for (const pod of podTemplatesOf(workload)) {
    if (!isPatchFragment(pod)) accounts.push(accountOf(workload, pod));
  }
  return accounts;
}

function accountOf(workload: Resource, pod: PodTemplate): WorkloadAccount {
  let empty: NodePath | undefined;
  for (const field of ['serviceAccountName', 'serviceAccount']) {
    const setting = podField(pod, field);
    const value = setting?.value;
    if (setting && typeof value === 'string' && value !== '') {
      return { workload, pod, name: value, explicit: true, path: setting.path, unresolved: containsTemplate(value) };
    }
    if (setting && value === '') empty ??= setting.path;
    // Written without a value (`serviceAccountName:`): null, the default one, reported at the key.
    if (!setting && pod.spec[field] === null) empty ??= [...pod.specPath, field];
  }
  // Named nowhere: reported at the empty name, or where the name would go (the workflow spec for an Argo template).
  return { workload, pod, name: 'default', explicit: false, path: empty ?? podSettingsHome(pod), unresolved: false };
}

/**
 * The app a workload belongs to, from the pod's (or the workload's) `app.kubernetes.io/name`, `app` or
 * `k8s-app` label. Undefined when none is set: such workloads cannot be told apart from their neighbours.
 */
export function appIdentity(account: WorkloadAccount): string | undefined {
  const labels = podLabels(account.pod);
  const workloadLabels = labelsOf(asObject(account.workload.body.metadata)?.labels);
  for (const key of ['app.kubernetes.io/name', 'app', 'k8s-app']) {
    const value = labels[key] ?? workloadLabels[key];
    if (value) return containsTemplate(value) ? undefined : value;
  }
  return undefined;
}

/** `Deployment "ns/web"`; with `pod`, the pod template too when the workload has several. */
export function describeWorkload(resource: Resource, pod?: PodTemplate): string {
  return `${resource.type} "${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}"${pod ? podTemplateSuffix(resource, pod) : ''}`;
}

/**
 * The workload of an account for messages, naming its pod template when the account is that template's own:
 * one an Argo template inherits from its workflow is reported once, for the workflow.
 */
export function describeAccountHolder(account: WorkloadAccount, at: NodePath = account.path): string {
  const own = account.pod.specPath.every((segment, index) => at[index] === segment);
  return describeWorkload(account.workload, own ? account.pod : undefined);
}

// ---------------------------------------------------------------------------------------------------------
// The index

export class RbacIndex {
  readonly roles: readonly RoleInfo[];
  readonly bindings: readonly BindingInfo[];
  readonly workloads: readonly WorkloadAccount[];
  readonly serviceAccounts: readonly Resource[];
  private readonly roleByResource = new Map<Resource, RoleInfo>();
  private readonly bindingByResource = new Map<Resource, BindingInfo>();
  private readonly rolesByKey = new Map<string, RoleInfo[]>();
  private readonly builtIns = new Map<string, RoleInfo>();
  private readonly directBindings = new Map<RoleInfo, BindingInfo[]>();
  private readonly aggregators = new Map<RoleInfo, RoleInfo[]>();
  private readonly serviceAccountsByName = new Map<string, Resource[]>();
  private readonly bindingsBySubjectName = new Map<string, BindingInfo[]>();
  private readonly workloadsByAccount = new Map<string, WorkloadAccount[]>();

  constructor(graph: ResourceGraph) {
    const roles: RoleInfo[] = [];
    for (const kind of ['ClusterRole', 'Role'] as const) {
      for (const resource of graph.ofType('kubernetes', kind)) {
        if (!isRbacObject(resource, kind)) continue;
        const ownRules = parseRules(resource);
        const builtIn = kind === 'ClusterRole' && isDefaultClusterRoleName(resource.name);
        const role: RoleInfo = {
          kind,
          name: resource.name,
          resource,
          ownRules,
          rules: [...ownRules],
          builtIn,
          aggregated: isObject(resource.body.aggregationRule),
          aggregatedFrom: [],
          platform: builtIn || isPlatformObject(resource),
        };
        if (kind === 'Role' && resource.namespace !== undefined) role.namespace = resource.namespace;
        roles.push(role);
        this.roleByResource.set(resource, role);
        const key = roleKey(kind, resource.name);
        pushTo(this.rolesByKey, key, role);
      }
    }
    this.roles = roles;
    this.resolveAggregation();

    const bindings: BindingInfo[] = [];
    for (const kind of ['ClusterRoleBinding', 'RoleBinding'] as const) {
      for (const resource of graph.ofType('kubernetes', kind)) {
        if (!isRbacObject(resource, kind)) continue;
        const binding = this.parseBinding(resource, kind);
        bindings.push(binding);
        this.bindingByResource.set(resource, binding);
        if (binding.role) pushTo(this.directBindings, binding.role, binding);
        for (const name of new Set(binding.subjects.filter((subject) => subject.kind === 'ServiceAccount').map((subject) => subject.name))) {
          pushTo(this.bindingsBySubjectName, name, binding);
        }
      }
    }
    this.bindings = bindings;

    this.serviceAccounts = graph.ofType('kubernetes', 'ServiceAccount');
    for (const account of this.serviceAccounts) pushTo(this.serviceAccountsByName, account.name, account);
    const workloads: WorkloadAccount[] = [];
    for (const resource of graph.resources) {
      if (resource.artifact !== 'kubernetes') continue;
      for (const account of workloadServiceAccounts(resource)) {
        workloads.push(account);
        if (!account.unresolved) pushTo(this.workloadsByAccount, account.name, account);
      }
    }
    this.workloads = workloads;
  }

  roleOf(resource: Resource): RoleInfo | undefined {
    return this.roleByResource.get(resource);
  }

  bindingOf(resource: Resource): BindingInfo | undefined {
    return this.bindingByResource.get(resource);
  }

  /** Bindings that grant a role, directly or through a ClusterRole that aggregates it. */
  grantingBindings(role: RoleInfo): BindingInfo[] {
    const seen = new Set<RoleInfo>();
    const result: BindingInfo[] = [];
    const visit = (current: RoleInfo): void => {
      if (seen.has(current)) return;
      seen.add(current);
      result.push(...(this.directBindings.get(current) ?? []));
      for (const aggregator of this.aggregators.get(current) ?? []) visit(aggregator);
    };
    visit(role);
    return result;
  }

  /** Whether a role is Kubernetes' or the provider's: platform-named, or granted only by platform bindings. */
  isPlatformRole(role: RoleInfo): boolean {
    if (role.platform) return true;
    const granting = this.grantingBindings(role);
    return granting.length > 0 && granting.every((binding) => binding.platform);
  }

  /** The ServiceAccount object of that name in the scan (namespace equal, or unset on either side). */
  serviceAccount(namespace: string | undefined, name: string, fromFile = ''): Resource | undefined {
    const candidates = this.serviceAccountsByName.get(name) ?? [];
    return pick(candidates, namespace, (account) => account.document.file.path, fromFile);
  }

  /** Bindings in the scan whose subjects name that ServiceAccount directly. */
  bindingsOfServiceAccount(namespace: string | undefined, name: string): BindingInfo[] {
    return (this.bindingsBySubjectName.get(name) ?? []).filter((binding) =>
      binding.subjects.some((subject) => subject.kind === 'ServiceAccount' && subject.name === name && compatibleNamespaces(subject.namespace, namespace)),
    );
  }

  /** Workloads that run as that ServiceAccount (same name, compatible namespace). */
  workloadsOf(namespace: string | undefined, name: string): WorkloadAccount[] {
    return (this.workloadsByAccount.get(name) ?? []).filter((account) => compatibleNamespaces(account.workload.namespace, namespace));
  }

  private resolveAggregation(): void {
    const clusterRoles = this.roles.filter((role) => role.kind === 'ClusterRole');
    const selected = new Map<RoleInfo, RoleInfo[]>();
    const selectorsOf = (role: RoleInfo): JsonValue[] => {
      const own = role.resource ? asArray(asObject(role.resource.body.aggregationRule)?.clusterRoleSelectors) : [];
      // The defaults aggregate the ClusterRoles labelled for them even when the scan does not define them.
      const builtIn: JsonValue[] = role.builtIn && role.name !== 'cluster-admin' ? [{ matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${role.name}`]: 'true' } }] : [];
      return [...own, ...builtIn];
    };
    const sources = (role: RoleInfo): RoleInfo[] => {
      const cached = selected.get(role);
      if (cached) return cached;
      const selectors = selectorsOf(role);
      const found = selectors.length === 0 ? [] : clusterRoles.filter((candidate) => {
        if (candidate === role || !candidate.resource) return false;
        const labels = labelsOf(asObject(candidate.resource.body.metadata)?.labels);
        return selectors.some((selector) => isObject(selector) && Object.keys(selector).length > 0 && selectorMatches(selector, labels));
      });
      selected.set(role, found);
      return found;
    };
    const effective = new Map<RoleInfo, PolicyRule[]>();
    const rulesOf = (role: RoleInfo, stack: Set<RoleInfo>): PolicyRule[] => {
      const done = effective.get(role);
      if (done) return done;
      if (stack.has(role)) return role.ownRules;
      stack.add(role);
      const rules = [...(role.builtIn ? (BUILT_IN_RULES[role.name] ?? []) : []), ...role.ownRules];
      for (const source of sources(role)) rules.push(...rulesOf(source, stack));
      stack.delete(role);
      effective.set(role, rules);
      return rules;
    };
    for (const role of clusterRoles) {
      role.aggregatedFrom = sources(role);
      for (const source of role.aggregatedFrom) pushTo(this.aggregators, source, role);
    }
    for (const role of this.roles) role.rules = role.kind === 'ClusterRole' ? rulesOf(role, new Set()) : role.ownRules;
  }

  private builtIn(name: string): RoleInfo | undefined {
    if (!isDefaultClusterRoleName(name)) return undefined;
    let role = this.builtIns.get(name);
    if (!role) {
      role = { kind: 'ClusterRole', name, ownRules: [], rules: [], builtIn: true, aggregated: name !== 'cluster-admin', aggregatedFrom: [], platform: true };
      const label = `rbac.authorization.k8s.io/aggregate-to-${name}`;
      role.aggregatedFrom =
        name === 'cluster-admin'
          ? []
          : this.roles.filter((candidate) => candidate.kind === 'ClusterRole' && candidate.resource && labelsOf(asObject(candidate.resource.body.metadata)?.labels)[label] === 'true');
      role.rules = [...(BUILT_IN_RULES[name] ?? []), ...role.aggregatedFrom.flatMap((source) => source.rules)];
      for (const source of role.aggregatedFrom) pushTo(this.aggregators, source, role);
      this.builtIns.set(name, role);
    }
    return role;
  }

  private parseBinding(resource: Resource, kind: 'RoleBinding' | 'ClusterRoleBinding'): BindingInfo {
    const binding: BindingInfo = { resource, kind, subjects: [], platform: isPlatformObject(resource) };
    if (kind === 'RoleBinding' && resource.namespace !== undefined) binding.namespace = resource.namespace;
    const roleRef = asObject(resource.body.roleRef);
    const refKind = asString(roleRef?.kind);
    const refName = asString(roleRef?.name);
    if (refName && !containsTemplate(refName) && (refKind === 'ClusterRole' || (refKind === 'Role' && kind === 'RoleBinding'))) {
      binding.roleRef = { kind: refKind, name: refName, path: ['roleRef', 'name'] };
      const file = resource.document.file.path;
      const fileOf = (role: RoleInfo): string | undefined => role.resource?.document.file.path;
      const candidates = this.rolesByKey.get(roleKey(refKind, refName)) ?? [];
      const found = refKind === 'ClusterRole' ? (candidates.find((role) => fileOf(role) === file) ?? candidates[0]) : pick(candidates, binding.namespace, fileOf, file);
      const role = found ?? (refKind === 'ClusterRole' ? this.builtIn(refName) : undefined);
      if (role) binding.role = role;
    }
    // `subjects` should be a list; a single mapping is read as a one-element list.
    const rawSubjects = resource.body.subjects;
    const list: Array<[JsonValue | undefined, NodePath]> = Array.isArray(rawSubjects)
      ? rawSubjects.map((item, index) => [item, ['subjects', index]])
      : isObject(rawSubjects)
        ? [[rawSubjects, ['subjects']]]
        : [];
    for (const [item, path] of list) {
      const subject = asObject(item);
      const subjectKind = asString(subject?.kind);
      const name = asString(subject?.name);
      if (!subject || !subjectKind || !name || containsTemplate(name)) continue;
      const parsed: Subject = { kind: subjectKind, name, path };
      // A RoleBinding's ServiceAccount subject defaults to the binding's namespace; a ClusterRoleBinding's must name one.
      const namespace = asString(subject.namespace) ?? (subjectKind === 'ServiceAccount' && kind === 'RoleBinding' ? resource.namespace : undefined);
      if (namespace !== undefined && namespace !== '' && !containsTemplate(namespace)) parsed.namespace = namespace;
      binding.subjects.push(parsed);
    }
    return binding;
  }
}

export function rbacIndex(graph: ResourceGraph): RbacIndex {
  return graph.memo('rbac:index', (current) => new RbacIndex(current));
}

// ---------------------------------------------------------------------------------------------------------
// Shared check for "dangerous permission" rules (secrets read, exec / attach, escalation verbs)

export interface Grant {
  /** What the rule grants, for messages: `create on pods/exec`. */
  text: string;
  /** Where to report it inside the role (a resource or verb entry of the rule). */
  path: NodePath;
  /** When this grant is less (or more) dangerous than the rule's default severity. */
  severity?: Severity;
  /** When this grant needs another fix than the rule's remediation. */
  fix?: string;
}

/** A resource of one API group that a permission check looks for. */
export interface RbacTarget {
  group: string;
  /** `pods`, or `pods/exec` for a subresource. */
  resource: string;
}

/**
 * What a policy rule grants of `verbs` on `targets`, as one grant: the targets it reaches, the verbs, a text for
 * messages (`create, get on pods/exec and pods/attach`, `"*" on "*" (pods and jobs included)`) and the resource entry
 * to report at. Undefined when it grants none of them.
 */
export function grantOnTargets(rule: PolicyRule, targets: readonly RbacTarget[], verbs: readonly string[]): (Grant & { targets: string[]; verbs: string[] }) | undefined {
  const matched = targets.flatMap((target) => {
    const match = matchRule(rule, [target.group], target.resource, verbs);
    return match ? [{ target: target.resource, match }] : [];
  });
  const first = matched[0];
  if (!first) return undefined;
  const grantedVerbs = [...new Set(matched.flatMap((entry) => entry.match.verbs))];
  const entries = [...new Set(matched.map((entry) => entry.match.resource))];
  const reached = [...new Set(matched.map((entry) => entry.target))];
  return {
    text: `${verbList(grantedVerbs)} on ${coveredResources(entries, reached)}`,
    path: rulePath(rule, 'resources', first.match.resource),
    targets: reached,
    verbs: grantedVerbs,
  };
}

/**
 * The write grant of a rule on `targets` (`create`, `update`, `patch`, `delete`, `deletecollection` among `verbs`). A
 * rule limited by `resourceNames` grants only `update`, `patch` and `delete` of the named objects (RBAC cannot limit
 * `create` or `deletecollection` by name): low, the names in the text (a controller keeping its own object current).
 */
export function writeGrants(rule: PolicyRule, targets: readonly RbacTarget[], verbs: readonly string[]): Grant[] {
  const named = rule.resourceNames.length > 0;
  const grant = grantOnTargets(rule, targets, named ? verbs.filter((verb) => verb === 'update' || verb === 'patch' || verb === 'delete') : verbs);
  if (!grant) return [];
  if (named) return [{ text: `${grant.text} named ${joinWords(rule.resourceNames.map((name) => `"${name}"`))}`, path: grant.path, severity: 'low' }];
  return [{ text: grant.text, path: grant.path }];
}

export interface PermissionCheck {
  /**
   * The dangerous grants of one policy rule. `namespaced` is true when the rule takes effect inside one
   * namespace only (a Role, or a ClusterRole granted by a RoleBinding): cluster-scoped resources are then out of
   * reach. `namespace` is that namespace, when the Role or RoleBinding names it.
   */
  grants(rule: PolicyRule, namespaced: boolean, namespace?: string): Grant[];
  /** Finding message for a role that is bound nowhere in the scan. */
  roleMessage(role: RoleInfo, grant: Grant): string;
  /** Finding message for a binding that grants the permission to its subjects (`texts`: the grants' texts, deduplicated). */
  bindingMessage(binding: BindingInfo & { role: RoleInfo }, texts: readonly string[], grants: readonly Grant[]): string;
}

export const ROLE_KINDS = new Set(['Role', 'ClusterRole']);
export const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

/** The guard of the permission rules: one function, so the engine evaluates it once per resource for all of them. */
export function isRoleOrBinding(resource: Resource): boolean {
  return ROLE_KINDS.has(resource.type) || BINDING_KINDS.has(resource.type);
}

/**
 * Reports a dangerous permission once per grant:
 * - on every binding (not platform-managed) whose role carries it, at `roleRef.name`, naming the subjects;
 * - on the role itself (at the rule entry) only when no binding of the scan grants the role, so a role and
 *   its binding in the same scan give one finding, on the binding.
 * Bindings of the default `cluster-admin` are left to k8s/rbac-cluster-admin-binding. A RoleBinding of the
 * default `admin` / `edit` to users or groups is Kubernetes' standard namespace delegation and is not reported;
 * one that reaches a ServiceAccount or a broad group, or a ClusterRoleBinding of them (every namespace), is.
 */
export function checkPermission(context: RuleContext, check: PermissionCheck): void {
  const index = rbacIndex(context.graph);
  const { resource } = context;
  const role = index.roleOf(resource);
  if (role) {
    if (role.platform || role.aggregated) return;
    if (index.grantingBindings(role).length > 0) return;
    for (const rule of role.ownRules) {
      for (const grant of check.grants(rule, role.kind === 'Role', role.kind === 'Role' ? role.namespace : undefined)) {
        context.report({ path: grant.path, message: check.roleMessage(role, grant), ...(grant.severity ? { severity: grant.severity } : {}), ...(grant.fix ? { fix: grant.fix } : {}) });
      }
    }
    return;
  }
  const binding = index.bindingOf(resource);
  if (!binding || binding.platform || !binding.role || !binding.roleRef || binding.subjects.length === 0) return;
  const granted = binding.role;
  let rules = granted.rules;
  if (granted.builtIn && granted.kind === 'ClusterRole') {
    if (granted.name === 'cluster-admin') return;
    const reachesMachinesOrMany = binding.subjects.some((subject) => {
      const scope = subjectScope(subject);
      return scope === 'service-account' || isBroadScope(scope);
    });
    // Namespace delegation to people: only what the scan's own ClusterRoles aggregate into the default role counts.
    if (!reachesMachinesOrMany && binding.kind === 'RoleBinding') rules = rules.filter((rule) => rule.holder !== undefined && !isPlatformObject(rule.holder) && !isDefaultClusterRoleName(rule.holder.name));
  }
  const namespaced = binding.kind === 'RoleBinding';
  // A RoleBinding without a namespace lands with the Role it binds (they are applied together).
  const namespace = namespaced ? (binding.namespace ?? (granted.kind === 'Role' ? granted.namespace : undefined)) : undefined;
  const grants = rules.flatMap((rule) => check.grants(rule, namespaced, namespace));
  const texts = [...new Set(grants.map((grant) => grant.text))];
  if (texts.length === 0) return;
  // The binding hands out every grant: it takes a grant's own severity only when all of them lower it alike.
  const severity = grants.every((grant) => grant.severity !== undefined && grant.severity === grants[0]?.severity) ? grants[0]?.severity : undefined;
  const fix = grants.find((grant) => grant.fix !== undefined)?.fix;
  context.report({ path: binding.roleRef.path, message: check.bindingMessage({ ...binding, role: granted }, texts, grants), ...(severity ? { severity } : {}), ...(fix ? { fix } : {}) });
}

/**
 * The end of a role-level message: who may hold the role, given that no binding of the scan grants it.
 * A ClusterRole labelled to aggregate into the default admin / edit / view roles reaches everyone holding them.
 */
export function unboundNote(role: RoleInfo, clusterScoped = false): string {
  const labels = role.resource ? labelsOf(asObject(role.resource.body.metadata)?.labels) : {};
  const into = ['admin', 'edit', 'view'].filter((name) => labels[`rbac.authorization.k8s.io/aggregate-to-${name}`] === 'true');
  // A grant on cluster-scoped objects reaches only those bound to the aggregate cluster-wide, not through RoleBindings.
  const holders = clusterScoped ? `everyone bound to ${into.length === 1 ? 'it' : 'them'} cluster-wide` : `everyone who holds ${into.length === 1 ? 'it' : 'them'}`;
  if (into.length > 0) return `It is aggregated into the default ClusterRole${into.length === 1 ? '' : 's'} ${joinWords(into.map((name) => `"${name}"`))}, so ${holders} gets it.`;
  return 'No binding in the scan grants it yet; any binding hands this out.';
}

/**
 * The messages of a rule that reports one kind of dangerous grant, `action` what it lets its holders do:
 * "<role> lets its holders <action> (<grant>): <consequence>. <unboundNote>" on a role that nothing binds, and
 * "<binding> lets <subjects> <action> <scope> through <role>: <grants>. <Consequence>." on each binding.
 */
export function grantMessages(action: string, consequence: string, clusterScoped = false): Pick<PermissionCheck, 'roleMessage' | 'bindingMessage'> {
  return {
    roleMessage: (role, grant) => `${describeRole(role)} lets its holders ${action} (${grant.text}): ${consequence}. ${unboundNote(role, clusterScoped)}`,
    bindingMessage: (binding, texts) =>
      `${describeBinding(binding)} lets ${describeSubjects(binding.subjects)} ${action} ${bindingScope(binding)} through ${describeRole(binding.role)}: ${texts.join('; ')}. ${capitalized(consequence)}.`,
  };
}

/** `verbs` joined for messages: `create, get`, `"*"`. */
export function verbList(verbs: readonly string[]): string {
  return verbs.map((verb) => (verb === '*' ? '"*"' : verb)).join(', ');
}

/** `pods/exec` or `"*" (pods/exec included)`: what a matched resource entry covers, for messages. */
export function coveredResources(entries: readonly string[], targets: readonly string[]): string {
  if (entries.every((entry) => targets.includes(entry))) return joinWords(entries);
  return `${entries.map((entry) => `"${entry}"`).join(', ')} (${joinWords(targets)} included)`;
}

/** `a, b and c`. */
export function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

// ---------------------------------------------------------------------------------------------------------
// Service account token automount

export interface Automount {
  value: boolean;
  /** Where the effective value comes from. */
  source: 'pod' | 'service-account' | 'default';
  /** Path of the deciding field inside its holder (the workload for `pod`, the ServiceAccount for `service-account`). */
  path?: NodePath;
  /** The ServiceAccount object, when the scan has it. */
  serviceAccount?: Resource;
}

/**
 * The pod-level `automountServiceAccountToken`. Argo copies only `false` into the pod, from the template or the
 * workflow: a `true` there leaves the ServiceAccount's setting in force.
 */
function podAutomount(pod: PodTemplate): { value: JsonValue; path: NodePath } | undefined {
  if (pod.controller !== 'argo-workflows') return podField(pod, 'automountServiceAccountToken');
  const values = podFieldValues(pod, 'automountServiceAccountToken');
  return values.find(({ value }) => value !== true) ?? (values.length === 0 ? podField(pod, 'automountServiceAccountToken') : undefined);
}

/**
 * Effective token automount of a workload's pods: the pod spec's `automountServiceAccountToken`, else the
 * ServiceAccount's (when the scan has it), else Kubernetes' default, true. Undefined when a deciding value
 * is a template expression.
 */
export function effectiveAutomount(index: RbacIndex, account: WorkloadAccount): Automount | undefined {
  const podSetting = podAutomount(account.pod);
  const podValue = podSetting?.value;
  if (podSetting && typeof podValue === 'boolean') return { value: podValue, source: 'pod', path: podSetting.path };
  if (podValue !== undefined && podValue !== null) return undefined;
  const serviceAccount = index.serviceAccount(account.workload.namespace, account.name, account.workload.document.file.path);
  if (serviceAccount) {
    const value = serviceAccount.body.automountServiceAccountToken;
    if (typeof value === 'boolean') return { value, source: 'service-account', path: ['automountServiceAccountToken'], serviceAccount };
    if (value !== undefined && value !== null) return undefined;
    return { value: true, source: 'default', serviceAccount };
  }
  return { value: true, source: 'default' };
}
