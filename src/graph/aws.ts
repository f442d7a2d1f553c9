import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import type { TerraformResource } from '../loaders/terraform/index.js';
import { isObject } from '../util/json.js';
import { isUnknown } from '../util/unknown.js';
import { referencedResource, referrers as cfnReferrers } from './cloudformation.js';
import type { ResourceGraph } from './graph.js';
import { pushTo } from '../util/collections.js';

/**
 * Small helpers shared by the AWS account-audit rules (CloudTrail, Config, ECR, CloudWatch Logs, S3), for
 * CloudFormation resources (settings under `Properties`) and Terraform resources (settings at the top of the body,
 * nested blocks as arrays of objects).
 */

export interface Setting {
  value: JsonValue | undefined;
  /** Path of the value when it exists, else of the nearest existing parent. */
  path: NodePath;
  exists: boolean;
}

/** The settings object of a resource and its path: `Properties` for CloudFormation, the body for Terraform. */
export function settingsOf(resource: Resource): { object: JsonObject | undefined; path: NodePath } {
  if (resource.artifact === 'cloudformation') {
    const properties = resource.body.Properties;
    return { object: isObject(properties) ? properties : undefined, path: isObject(properties) ? ['Properties'] : [] };
  }
  return { object: resource.body, path: [] };
}

/**
 * The value at `keys` below the settings object. A number key, or a Terraform block (an array of one object) met
 * on the way, steps into its first element. Unknown intermediate values stop the walk: `unknown` is then true.
 */
export function setting(resource: Resource, keys: readonly string[]): Setting & { unknown: boolean } {
  const { object, path } = settingsOf(resource);
  let current: JsonValue | undefined = object;
  let currentPath: NodePath = path;
  for (const key of keys) {
    if (Array.isArray(current) && resource.artifact === 'terraform') {
      if (current.length === 0) return { value: undefined, path: currentPath, exists: false, unknown: false };
      current = current[0];
      currentPath = [...currentPath, 0];
    }
    if (isUnknown(current)) return { value: current, path: currentPath, exists: true, unknown: true };
    if (!isObject(current) || current[key] === undefined) return { value: undefined, path: currentPath, exists: false, unknown: false };
    current = current[key];
    currentPath = [...currentPath, key];
  }
  return { value: current, path: currentPath, exists: true, unknown: isUnknown(current) };
}


export interface Props {
  props: JsonObject;
  path: NodePath;
}

/** CloudFormation `Properties` (path `['Properties']`) or a Terraform body (path `[]`). */
export function propsOf(resource: Resource): Props {
  if (resource.artifact === 'cloudformation') {
    const props = resource.body.Properties;
    return isObject(props) ? { props, path: ['Properties'] } : { props: {}, path: [] };
  }
  return { props: resource.body, path: [] };
}

/** A value given but empty: `""`, `null`. */
export function isBlank(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The references a Terraform resource's values make to other resources (empty for other artifacts). */
export function terraformReferences(resource: Resource): TerraformResource['references'] {
  return resource.artifact === 'terraform' ? ((resource as Partial<TerraformResource>).references ?? []) : [];
}

/** The root module directory a Terraform resource belongs to (resources of one root module can refer to each other). */
export function terraformRoot(resource: Resource): string {
  return (resource as Partial<TerraformResource>).rootDir ?? '';
}

/** Terraform resources by root module and address, and by root module and address without instance key. */
function terraformAddressIndex(graph: ResourceGraph): { exact: Map<string, Resource[]>; unkeyed: Map<string, Resource[]> } {
  return graph.memo('aws:tf-address', () => {
    const exact = new Map<string, Resource[]>();
    const unkeyed = new Map<string, Resource[]>();
    for (const resource of graph.resources) {
      if (resource.artifact !== 'terraform') continue;
      const root = terraformRoot(resource);
      pushTo(exact, `${root}\u0000${resource.name}`, resource);
      if (hasInstanceKey(resource.name)) pushTo(unkeyed, `${root}\u0000${withoutInstanceKey(resource.name)}`, resource);
    }
    return { exact, unkeyed };
  });
}

/**
 * The Terraform resources `address` names in a root module (separate roots never refer to each other): the
 * instance itself, or every instance of an address written without its key (`aws_subnet.main` of a `for_each`).
 */
export function terraformResourcesAt(graph: ResourceGraph, root: string, address: string): readonly Resource[] {
  const { exact, unkeyed } = terraformAddressIndex(graph);
  const key = `${root}\u0000${address}`;
  const named = exact.get(key) ?? [];
  const instances = unkeyed.get(key) ?? [];
  return instances.length === 0 ? named : named.length === 0 ? instances : [...named, ...instances];
}

/** `aws_iam_role.this[0]` -> `aws_iam_role.this`; `module.a["x"].aws_s3_bucket.b["y"]` -> `module.a["x"].aws_s3_bucket.b`. */
export function withoutInstanceKey(address: string): string {
  return address.replace(/\[(?:\d+|"(?:[^"\\]|\\.)*")\]$/, '');
}

function hasInstanceKey(address: string): boolean {
  return withoutInstanceKey(address) !== address;
}

/**
 * Whether a Terraform reference address (module-qualified, as in `TerraformResource.references`) names the
 * resource `resourceName`: exactly; or the reference has an instance key and the resource was loaded as one
 * instance without a key because its `count` / `for_each` is unknown (`count = var.create ? 1 : 0`). With
 * `unresolvedKey`, also a reference without a key to a keyed instance (`aws_iam_role.this[each.key]` with an
 * unknown key, a splat): it may name that instance.
 */
export function terraformAddressNames(referenceAddress: string, resourceName: string, unresolvedKey = false): boolean {
  if (referenceAddress === resourceName) return true;
  if (!hasInstanceKey(resourceName) && withoutInstanceKey(referenceAddress) === resourceName) return true;
  return unresolvedKey && !hasInstanceKey(referenceAddress) && withoutInstanceKey(resourceName) === referenceAddress;
}

function addressNames(referenceAddress: string, resourceName: string): boolean {
  return terraformAddressNames(referenceAddress, resourceName);
}

function startsWith(path: NodePath, prefix: NodePath): boolean {
  return path.length >= prefix.length && prefix.every((segment, position) => path[position] === segment);
}

/**
 * The Terraform resource (of one of `types`) that the attribute at `path` of `from` refers to, when exactly one.
 * References are matched as `terraformAddressNames` does; a reference without an instance key names a keyed
 * resource only when it is the only instance. `attribute`: only references to that attribute of the target
 * (`json` for `data.aws_iam_policy_document.x.json`).
 */
export function terraformReferenced(graph: ResourceGraph, from: Resource, path: NodePath, types: readonly string[], attribute?: string): Resource | undefined {
  const index = terraformAddressIndex(graph);
  const root = terraformRoot(from);
  const found = new Set<Resource>();
  for (const reference of terraformReferences(from)) {
    if (!startsWith(reference.path, path)) continue;
    if (attribute !== undefined && reference.attribute !== attribute) continue;
    let candidates = index.exact.get(`${root}\u0000${reference.address}`);
    if (!candidates && hasInstanceKey(reference.address)) candidates = index.exact.get(`${root}\u0000${withoutInstanceKey(reference.address)}`);
    if (!candidates && !hasInstanceKey(reference.address)) {
      const keyed = index.unkeyed.get(`${root}\u0000${reference.address}`);
      if (keyed?.length === 1) candidates = keyed;
    }
    for (const candidate of candidates ?? []) if (types.includes(candidate.type)) found.add(candidate);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Terraform resources of `type` whose body refers to `target` (e.g. `aws_s3_bucket_versioning` -> bucket), in the
 * same root module. With `path`, only references made at or below it (`['role']`); without, any but `depends_on`.
 */
export function terraformReferrers(graph: ResourceGraph, target: Resource, type: string, path?: NodePath): Resource[] {
  const root = terraformRoot(target);
  return graph
    .ofType('terraform', type)
    .filter(
      (resource) =>
        terraformRoot(resource) === root &&
        terraformReferences(resource).some(
          (reference) => (path === undefined ? reference.path[0] !== 'depends_on' : startsWith(reference.path, path)) && addressNames(reference.address, target.name),
        ),
    );
}

/**
 * Terraform resources of `type` in the root module of `target` whose `attribute` names it or may: a reference to
 * it, a literal that `namesTarget` accepts for the target's literal `name` (any literal, when that name is
 * unresolved), or an unresolved value that refers to no other resource of the target's type. For companions such
 * as `aws_ecr_lifecycle_policy.repository` or `aws_secretsmanager_secret_rotation.secret_id`.
 */
export function terraformCompanions(
  graph: ResourceGraph,
  target: Resource,
  type: string,
  attribute: string,
  namesTarget: (literal: string, name: string) => boolean = (literal, name) => literal === name,
): Resource[] {
  const root = terraformRoot(target);
  const name = target.body.name;
  return graph.ofType('terraform', type).filter((companion) => {
    if (terraformRoot(companion) !== root) return false;
    const value = companion.body[attribute];
    if (typeof value === 'string' && !isUnknown(value)) return typeof name !== 'string' || isUnknown(name) || namesTarget(value, name);
    const other = terraformReferenced(graph, companion, [attribute], [target.type]);
    return other === undefined || other === target;
  });
}

/** Resources of `type` (same artifact) that refer to `target`: CloudFormation Ref/GetAtt/Sub, Terraform references. */
export function referrersOf(graph: ResourceGraph, target: Resource, cfnType: string, tfType: string): readonly Resource[] {
  return target.artifact === 'cloudformation' ? cfnReferrers(graph, target, cfnType) : terraformReferrers(graph, target, tfType);
}

/**
 * The S3 bucket that `value` (at `path` in `from`) names: a CloudFormation `Ref` / import followed through the graph,
 * or a literal bucket name matched against the `BucketName` / `bucket` of exactly one scanned bucket; a Terraform
 * reference to `aws_s3_bucket.x`. Undefined when it cannot be followed.
 */
export function bucketNamedBy(graph: ResourceGraph, from: Resource, path: NodePath, value: JsonValue | undefined): Resource | undefined {
  if (from.artifact === 'cloudformation') {
    if (typeof value === 'string') {
      const matches = graph.ofType('cloudformation', 'AWS::S3::Bucket').filter((bucket) => {
        const properties = bucket.body.Properties;
        return isObject(properties) && properties.BucketName === value;
      });
      return matches.length === 1 ? matches[0] : undefined;
    }
    const target = referencedResource(graph, from, value);
    return target?.type === 'AWS::S3::Bucket' ? target : undefined;
  }
  if (from.artifact === 'terraform') {
    const referenced = terraformReferenced(graph, from, path, ['aws_s3_bucket']);
    if (referenced) return referenced;
    if (typeof value === 'string') {
      const matches = graph.ofType('terraform', 'aws_s3_bucket').filter((bucket) => bucket.body.bucket === value);
      return matches.length === 1 ? matches[0] : undefined;
    }
  }
  return undefined;
}

/**
 * The resources of `cfnType` / `tfType` that configure `bucket` (its policy, versioning, ACL, logging...): those that
 * refer to it, and those that name it by its literal name (`bucket = "trail-logs"`, `Bucket: trail-logs`) when
 * exactly one scanned bucket has that name (as bucketNamedBy matches them).
 */
export function bucketReferrers(graph: ResourceGraph, bucket: Resource, cfnType: string, tfType: string): readonly Resource[] {
  const found = referrersOf(graph, bucket, cfnType, tfType);
  const cfn = bucket.artifact === 'cloudformation';
  const type = cfn ? cfnType : tfType;
  if (type === '' || (bucket.artifact !== 'cloudformation' && bucket.artifact !== 'terraform')) return found;
  const path: NodePath = cfn ? ['Properties', 'Bucket'] : ['bucket'];
  const byName = graph.ofType(bucket.artifact, type).filter((candidate) => {
    if (found.includes(candidate)) return false;
    const value = cfn ? (isObject(candidate.body.Properties) ? candidate.body.Properties.Bucket : undefined) : candidate.body.bucket;
    return typeof value === 'string' && !isUnknown(value) && bucketNamedBy(graph, candidate, path, value) === bucket;
  });
  return byName.length === 0 ? found : [...found, ...byName];
}

export const CLOUDTRAIL_TYPES = { cloudformation: 'AWS::CloudTrail::Trail', terraform: 'aws_cloudtrail' } as const;

export function isTrail(resource: Resource): boolean {
  return (
    (resource.artifact === 'cloudformation' && resource.type === CLOUDTRAIL_TYPES.cloudformation) ||
    (resource.artifact === 'terraform' && resource.type === CLOUDTRAIL_TYPES.terraform)
  );
}

/** The key of a field by artifact: CloudFormation PascalCase vs Terraform snake_case. */
export function keyFor(resource: Resource, cfn: string, tf: string): string {
  return resource.artifact === 'cloudformation' ? cfn : tf;
}

/** The trails of the scan whose log bucket (`S3BucketName` / `s3_bucket_name`) resolves to each scanned bucket. */
export function trailsByBucket(graph: ResourceGraph): ReadonlyMap<Resource, readonly Resource[]> {
  return graph.memo('aws:trails-by-bucket', () => {
    const map = new Map<Resource, Resource[]>();
    const trails = [...graph.ofType('cloudformation', CLOUDTRAIL_TYPES.cloudformation), ...graph.ofType('terraform', CLOUDTRAIL_TYPES.terraform)];
    for (const trail of trails) {
      const found = setting(trail, [keyFor(trail, 'S3BucketName', 's3_bucket_name')]);
      if (!found.exists) continue;
      const bucket = bucketNamedBy(graph, trail, found.path, found.value);
      if (!bucket) continue;
      pushTo(map, bucket, trail);
    }
    return map;
  });
}

export const BUCKET_TYPES = { cloudformation: 'AWS::S3::Bucket', terraform: 'aws_s3_bucket' } as const;

export function isBucket(resource: Resource): boolean {
  return resource.type === BUCKET_TYPES[resource.artifact as keyof typeof BUCKET_TYPES];
}

export function trailNames(trails: readonly Resource[]): string {
  return trails.map((trail) => trail.name).join(', ');
}
