import type { JsonObject, JsonValue, NodePath, SourceMap } from '../../model/types.js';
import { asObject, getPath, isObject } from '../../util/json.js';
import { isUnresolved } from '../../util/template.js';
import { CLUSTER_SCOPED_KINDS } from '../kubernetes.js';
import { markToolDefault } from '../embedded-registry.js';

/**
 * The typed resources of the Terraform Kubernetes provider (`kubernetes_deployment_v1`, `kubernetes_role`, ...)
 * read as the Kubernetes objects they create. The provider writes the API's fields in snake_case, and every
 * nested object as a block (a list in the evaluated body): each block becomes an object, or a list where the API
 * has one (`container` blocks -> `containers`), and the names become the API's. Maps (labels, annotations, data,
 * resource limits) keep their keys. A Secret's `data` is plain text in Terraform (the provider encodes it), so it
 * becomes `stringData`; its `binary_data`, already base64, becomes `data`. Paths of the object lead back to the
 * blocks and attributes that write them.
 */

const V1 = 'v1';
const APPS = 'apps/v1';
const BATCH = 'batch/v1';
const RBAC = 'rbac.authorization.k8s.io/v1';
const NETWORKING = 'networking.k8s.io/v1';

const KINDS: Readonly<Record<string, { kind: string; apiVersion: string }>> = {
  pod: { kind: 'Pod', apiVersion: V1 },
  deployment: { kind: 'Deployment', apiVersion: APPS },
  daemonset: { kind: 'DaemonSet', apiVersion: APPS },
  daemon_set: { kind: 'DaemonSet', apiVersion: APPS },
  stateful_set: { kind: 'StatefulSet', apiVersion: APPS },
  replication_controller: { kind: 'ReplicationController', apiVersion: V1 },
  job: { kind: 'Job', apiVersion: BATCH },
  cron_job: { kind: 'CronJob', apiVersion: BATCH },
  service: { kind: 'Service', apiVersion: V1 },
  service_account: { kind: 'ServiceAccount', apiVersion: V1 },
  // Manages the namespace's `default` ServiceAccount (its name defaults to `default`).
  default_service_account: { kind: 'ServiceAccount', apiVersion: V1 },
  config_map: { kind: 'ConfigMap', apiVersion: V1 },
  // Sets keys of a ConfigMap that exists already (how Terraform patches `aws-auth`).
  config_map_v1_data: { kind: 'ConfigMap', apiVersion: V1 },
  secret: { kind: 'Secret', apiVersion: V1 },
  namespace: { kind: 'Namespace', apiVersion: V1 },
  role: { kind: 'Role', apiVersion: RBAC },
  cluster_role: { kind: 'ClusterRole', apiVersion: RBAC },
  role_binding: { kind: 'RoleBinding', apiVersion: RBAC },
  cluster_role_binding: { kind: 'ClusterRoleBinding', apiVersion: RBAC },
  network_policy: { kind: 'NetworkPolicy', apiVersion: NETWORKING },
};

/** `kubernetes_ingress_v1` only: the older `kubernetes_ingress` has the retired extensions/v1beta1 shape. */
const V1_ONLY: Readonly<Record<string, { kind: string; apiVersion: string }>> = {
  ingress: { kind: 'Ingress', apiVersion: NETWORKING },
};

/** Kind and apiVersion of a provider resource type, or undefined for any other type. */
export function providerKind(type: string): { kind: string; apiVersion: string } | undefined {
  const match = /^kubernetes_([a-z0-9_]+?)(_v1)?$/.exec(type);
  if (!match?.[1]) return undefined;
  // `kubernetes_cron_job` creates batch/v1beta1 CronJobs; `kubernetes_cron_job_v1` batch/v1.
  if (match[1] === 'cron_job' && !match[2]) return { kind: 'CronJob', apiVersion: 'batch/v1beta1' };
  return (Object.hasOwn(KINDS, match[1]) ? KINDS[match[1]] : undefined) ?? (match[2] && Object.hasOwn(V1_ONLY, match[1]) ? V1_ONLY[match[1]] : undefined);
}

/** Top-level arguments that are the object's (the rest drive the provider: `wait_for_rollout`, `timeouts`). */
const OBJECT_ARGUMENTS: ReadonlySet<string> = new Set(['metadata', 'spec', 'data', 'binary_data', 'data_wo', 'binary_data_wo', 'type', 'immutable', 'rule', 'role_ref', 'subject', 'secret', 'image_pull_secret', 'automount_service_account_token', 'aggregation_rule']);

/** Arguments that are maps: their keys are data, not field names. */
const MAPS: ReadonlySet<string> = new Set(['labels', 'annotations', 'data', 'binary_data', 'data_wo', 'binary_data_wo', 'options', 'node_selector', 'limits', 'requests', 'match_labels', 'selector', 'parameters', 'capacity', 'volume_attributes']);

/** Blocks the API holds as lists, and the API's name where it is not the camel-cased block name. */
const LIST_BLOCKS: Readonly<Record<string, string>> = {
  container: 'containers',
  init_container: 'initContainers',
  volume: 'volumes',
  volume_mount: 'volumeMounts',
  volume_device: 'volumeDevices',
  env: 'env',
  env_from: 'envFrom',
  port: 'ports',
  ports: 'ports',
  toleration: 'tolerations',
  image_pull_secrets: 'imagePullSecrets',
  host_aliases: 'hostAliases',
  rule: 'rules',
  subject: 'subjects',
  match_expressions: 'matchExpressions',
  match_fields: 'matchFields',
  ingress: 'ingress',
  egress: 'egress',
  from: 'from',
  to: 'to',
  tls: 'tls',
  items: 'items',
  sources: 'sources',
  topology_spread_constraint: 'topologySpreadConstraints',
  readiness_gate: 'readinessGates',
  sysctl: 'sysctls',
  node_selector_term: 'nodeSelectorTerms',
  volume_claim_template: 'volumeClaimTemplates',
  option: 'options',
  http_header: 'httpHeaders',
  path: 'paths',
  preferred_during_scheduling_ignored_during_execution: 'preferredDuringSchedulingIgnoredDuringExecution',
  required_during_scheduling_ignored_during_execution: 'requiredDuringSchedulingIgnoredDuringExecution',
  cluster_role_selectors: 'clusterRoleSelectors',
  on_pod_condition: 'onPodConditions',
};

/**
 * Lists whose entries the rules check one by one: with an unknown entry (a `dynamic` block), the known ones are
 * still checked, and rules that read the whole list see the unknown one. Other lists (volume mounts, subjects,
 * tolerations, NetworkPolicy rules) are unknown as a whole then.
 */
const PARTLY_KNOWN_LISTS: ReadonlySet<string> = new Set(['container', 'init_container', 'volume', 'env', 'env_from', 'port', 'rule', 'image_pull_secrets', 'host_aliases']);

/** Where a list block name is a single object instead: the block's parent -> such names. */
const SINGLE_IN: Readonly<Record<string, ReadonlySet<string>>> = {
  service: new Set(['port']), // an Ingress backend's service port
  node_affinity: new Set(['required_during_scheduling_ignored_during_execution']),
  ephemeral: new Set(['volume_claim_template']),
};

/** Fields whose API name is not the camel-cased argument name (acronyms the API capitalizes). */
const RENAMED: Readonly<Record<string, string>> = {
  host_pid: 'hostPID',
  host_ipc: 'hostIPC',
  host_ip: 'hostIP',
  non_resource_urls: 'nonResourceURLs',
  run_as_username: 'runAsUserName',
  external_ips: 'externalIPs',
  cluster_ip: 'clusterIP',
  cluster_ips: 'clusterIPs',
  load_balancer_ip: 'loadBalancerIP',
  client_ip: 'clientIP',
  downward_api: 'downwardAPI',
  timezone: 'timeZone',
  ceph_fs: 'cephfs',
  volume_id: 'volumeID',
  data_disk_uri: 'diskURI',
  target_ww_ns: 'targetWWNs',
  dataset_uuid: 'datasetUUID',
};

/** Integers the provider takes as strings (`run_as_user = "1000"`, `default_mode = "0644"` in octal). */
const DECIMAL_STRINGS: ReadonlySet<string> = new Set(['run_as_user', 'run_as_group', 'fs_group', 'toleration_seconds', 'port', 'target_port']);
const OCTAL_STRINGS: ReadonlySet<string> = new Set(['default_mode', 'mode']);

/** Fields one kind names otherwise: a DaemonSet's `strategy` is its `updateStrategy`. */
const SPEC_RENAMED: Readonly<Record<string, Readonly<Record<string, string>>>> = { DaemonSet: { strategy: 'updateStrategy' } };

/** Secret data: plain text in Terraform (the provider encodes it) is `stringData`; base64 is `data`. */
const SECRET_DATA: Readonly<Record<string, string>> = { data: 'stringData', data_wo: 'stringData', binary_data: 'data', binary_data_wo: 'data' };

/** A ServiceAccount's `secret` and `image_pull_secret` blocks are lists; elsewhere `secret` is a volume source. */
const SERVICE_ACCOUNT_LISTS: Readonly<Record<string, string>> = { secret: 'secrets', image_pull_secret: 'imagePullSecrets' };

function camel(name: string): string {
  return RENAMED[name] ?? name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** Per converted object: its fields' paths in the Terraform body. */
type Origins = WeakMap<object, Map<string, NodePath>>;

/**
 * The Kubernetes object a provider resource creates (`body` is its evaluated Terraform body, unknown values
 * already template expressions), with a source map that locates the object's paths through `terraformMap` at
 * `base` (the resource's path in its Terraform document).
 */
export function providerObject(type: string, body: JsonObject, terraformMap: SourceMap, base: NodePath): { object: JsonObject; sourceMap: SourceMap } | undefined {
  const kind = providerKind(type);
  if (!kind) return undefined;
  const origins: Origins = new WeakMap();
  const fields = new Map<string, NodePath>([
    ['apiVersion', []],
    ['kind', []],
  ]);
  const object: JsonObject = { apiVersion: kind.apiVersion, kind: kind.kind };
  origins.set(object, fields);
  for (const [name, value] of Object.entries(body)) {
    if (!OBJECT_ARGUMENTS.has(name) || value === undefined) continue;
    const result = topLevelField(kind.kind, name, value, origins);
    const earlier = object[result.field];
    const earlierPath = fields.get(result.field);
    if (isObject(earlier) && isObject(result.value) && earlierPath) {
      // `data` and `data_wo` both fill a Secret's `stringData`: one map whose keys lead back to their argument.
      const merged: JsonObject = { ...earlier, ...result.value };
      origins.set(merged, new Map(Object.keys(merged).map((key) => [key, Object.hasOwn(result.value as JsonObject, key) ? [...result.path, key] : [...earlierPath, key]])));
      object[result.field] = merged;
      fields.set(result.field, []);
      continue;
    }
    object[result.field] = result.value;
    fields.set(result.field, result.path);
  }
  const spec = asObject(object.spec);
  const specFields = spec && origins.get(spec);
  for (const [from, to] of Object.entries(SPEC_RENAMED[kind.kind] ?? {})) {
    const path = specFields?.get(from);
    if (!spec || !specFields || !path) continue;
    spec[to] = spec[from];
    delete spec[from];
    specFields.set(to, path);
  }
  // The provider's defaults, where they differ from leaving the field out: namespaced objects go to `default`,
  // and pod specs mount the service account token (provider 2.x; 1.x defaulted to false).
  const metadata = asObject(object.metadata);
  const metadataFields = metadata && origins.get(metadata);
  if (metadata && metadataFields) {
    if (/^kubernetes_default_service_account(_v1)?$/.test(type) && metadata.name == null) setDefault(metadata, metadataFields, 'name', 'default');
    if (!CLUSTER_SCOPED_KINDS.has(kind.kind) && metadata.namespace == null) setDefault(metadata, metadataFields, 'namespace', 'default');
  }
  const podSpecPath = POD_SPEC_PATHS[kind.kind];
  const podSpec = podSpecPath && asObject(getPath(object, podSpecPath));
  const podSpecFields = podSpec && origins.get(podSpec);
  if (podSpec && podSpecFields && podSpec.automountServiceAccountToken == null) setDefault(podSpec, podSpecFields, 'automountServiceAccountToken', true);
  return { object, sourceMap: translated(object, origins, terraformMap, base) };
}

/** Where the pod spec is, per kind. */
const POD_SPEC_PATHS: Readonly<Record<string, NodePath>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** A provider default, located at the block that leaves it out. */
function setDefault(block: JsonObject, fields: Map<string, NodePath>, field: string, value: JsonValue): void {
  block[field] = value;
  fields.set(field, []);
  markToolDefault(block, field);
}

function topLevelField(kind: string, name: string, value: JsonValue, origins: Origins): { field: string; value: JsonValue; path: NodePath } {
  if (kind === 'Secret' && Object.hasOwn(SECRET_DATA, name)) return { field: SECRET_DATA[name] ?? name, value, path: [name] };
  const list = kind === 'ServiceAccount' && Object.hasOwn(SERVICE_ACCOUNT_LISTS, name) ? SERVICE_ACCOUNT_LISTS[name] : undefined;
  if (list && Array.isArray(value)) return { field: list, value: value.map((item) => convert(item, name, origins)), path: [name] };
  return convertField(name, value, '', origins);
}

/** One argument or block of `parent`: its API name, converted value and path in the Terraform body. */
function convertField(name: string, value: JsonValue, parent: string, origins: Origins): { field: string; value: JsonValue; path: NodePath } {
  if (MAPS.has(name) && isObject(value)) return { field: camel(name), value, path: [name] };
  if (typeof value === 'string') return { field: camel(name), value: numeric(name, value), path: [name] };
  // Blocks, some of them perhaps from a `dynamic` block whose `for_each` is unknown (a template expression).
  const blocks = Array.isArray(value) && value.length > 0 && value.every((item) => isObject(item) || isUnresolved(item));
  if (!blocks) return { field: camel(name), value, path: [name] };
  const unknown = value.find((item) => !isObject(item));
  const asList = Object.hasOwn(LIST_BLOCKS, name) && !SINGLE_IN[parent]?.has(name);
  const field = asList ? (LIST_BLOCKS[name] ?? camel(name)) : camel(name);
  // An unknown block may be anything: the field is unknown, except in lists whose entries the rules check one by
  // one (containers, env, volumes, RBAC rules), where it stays an unknown entry beside the known ones.
  if (unknown !== undefined && (!asList || !PARTLY_KNOWN_LISTS.has(name) || value.every((item) => !isObject(item)))) return { field, value: unknown, path: [name] };
  if (name === 'sources' && parent === 'projected') return { field: 'sources', value: projectedSources(value, origins), path: [name] };
  if (asList) return { field, value: value.map((item) => convert(item, name, origins)), path: [name] };
  return { field, value: convert(value[0] ?? {}, name, origins), path: [name, 0] };
}

/** A string the provider parses as an integer, as the API's number; other strings as they are. */
function numeric(name: string, value: string): JsonValue {
  if (DECIMAL_STRINGS.has(name) && /^\d{1,15}$/.test(value)) return Number(value);
  if (OCTAL_STRINGS.has(name) && /^[0-7]{1,12}$/.test(value)) return Number.parseInt(value, 8);
  return value;
}

/**
 * A projected volume's `sources` blocks, each holding any number of `secret`, `config_map`, `downward_api` and
 * `service_account_token` blocks: the API has one entry per such block.
 */
function projectedSources(blocks: readonly JsonValue[], origins: Origins): JsonValue[] {
  const entries: JsonValue[] = [];
  const entryPaths = new Map<string, NodePath>();
  blocks.forEach((block, blockIndex) => {
    for (const [source, items] of Object.entries(asObject(block) ?? {})) {
      if (!Array.isArray(items)) continue;
      items.forEach((item, itemIndex) => {
        const entry: JsonObject = { [camel(source)]: convert(item, source, origins) };
        origins.set(entry, new Map([[camel(source), []]]));
        entryPaths.set(String(entries.length), [blockIndex, source, itemIndex]);
        entries.push(entry);
      });
    }
  });
  origins.set(entries, entryPaths);
  return entries;
}

/** A block's body with the API's field names; `name` is the block's own name. */
function convert(value: JsonValue, name: string, origins: Origins): JsonValue {
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  const fields = new Map<string, NodePath>();
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const result = convertField(key, item, name, origins);
    if (result.field === '__proto__') continue;
    out[result.field] = result.value;
    fields.set(result.field, result.path);
  }
  origins.set(out, fields);
  return out;
}

/** A source map of the converted object: each path is translated to the Terraform body's and located there. */
function translated(object: JsonObject, origins: Origins, terraformMap: SourceMap, base: NodePath): SourceMap {
  const terraformPath = (path: NodePath): { path: NodePath; complete: boolean } => {
    const out: NodePath[number][] = [...base];
    let node: JsonValue | undefined = object;
    for (const segment of path) {
      if (Array.isArray(node) && typeof segment === 'number') {
        // A list is the Terraform list, but for a projected volume's sources (see projectedSources).
        out.push(...(origins.get(node)?.get(String(segment)) ?? [segment]));
        node = node[segment];
      } else if (isObject(node)) {
        const fields = origins.get(node);
        // A map (labels, data) is the Terraform value itself: its keys are the same.
        const at = fields ? fields.get(String(segment)) : [segment];
        if (!at) return { path: out, complete: false };
        out.push(...at);
        node = node[String(segment)];
      } else return { path: out, complete: false };
    }
    return { path: out, complete: true };
  };
  return {
    locate: (path) => terraformMap.locate(terraformPath(path).path),
    locateValue: (path) => {
      const found = terraformPath(path);
      return found.complete ? terraformMap.locateValue(found.path) : undefined;
    },
  };
}
