import { posix } from 'node:path';
import type { JsonObject, JsonValue, LoadedDocument, NodePath, Resource, ScanError, SourceFile, SourceRange } from '../../model/types.js';
import { asArray, asObject, isObject } from '../../util/json.js';
import { unknownValue } from '../../util/unknown.js';
import type { StructuredArtifact } from '../artifact.js';
import { parseJsonDocuments } from '../json.js';
import type { TerraformReference, TerraformResource } from './index.js';
import { pushTo, appendAll } from '../../util/collections.js';
import { stripBom } from '../read.js';

/**
 * `terraform show -json` output: a plan (`planned_values`, `resource_changes`, `prior_state`) or a state
 * (`values`). Resources come from `planned_values` (or `values`), root and child modules, with their
 * addresses; attributes the plan marks unknown (`after_unknown`) become unknown markers; positions are those
 * of the JSON file. When the `.tf` sources are scanned too, `createTerraformAddressLocator` maps a plan
 * address back to the `.tf` block and attribute.
 */

export function isTerraformPlan(data: JsonValue): boolean {
  if (!isObject(data) || typeof data.format_version !== 'string') return false;
  return isObject(data.planned_values) || isObject(data.prior_state) || isObject(asObject(data.values)?.root_module) || Array.isArray(data.resource_changes);
}

/** For the structured (YAML/JSON) loader: claims plan and state JSON documents. */
export const terraformPlanArtifact: StructuredArtifact = {
  artifact: 'terraform',
  matches: isTerraformPlan,
  resources: (document) => planResources(document),
};

/** Resources of a plan or state document. */
export function planResources(document: LoadedDocument): TerraformResource[] {
  const data = asObject(document.data);
  if (!data) return [];
  const unknownByAddress = new Map<string, JsonValue>();
  for (const change of asArray(data.resource_changes)) {
    const entry = asObject(change);
    const address = entry?.address;
    const afterUnknown = asObject(entry?.change)?.after_unknown;
    if (typeof address === 'string' && afterUnknown !== undefined) unknownByAddress.set(address, afterUnknown);
  }
  const top = asObject(data.planned_values) ? 'planned_values' : asObject(data.values) ? 'values' : undefined;
  if (!top) return [];
  const out: TerraformResource[] = [];
  const visitModule = (module: JsonObject, at: NodePath): void => {
    asArray(module.resources).forEach((item, index) => {
      const resource = asObject(item);
      if (!resource) return;
      const converted = planResource(resource, [...at, 'resources', index], document, unknownByAddress);
      if (converted) out.push(converted);
    });
    asArray(module.child_modules).forEach((child, index) => {
      const childModule = asObject(child);
      if (childModule) visitModule(childModule, [...at, 'child_modules', index]);
    });
  };
  const root = asObject(asObject(data[top])?.root_module);
  if (root) visitModule(root, [top, 'root_module']);
  return out;
}

function planResource(resource: JsonObject, at: NodePath, document: LoadedDocument, unknownByAddress: ReadonlyMap<string, JsonValue>): TerraformResource | undefined {
  const { address, mode, type, name } = resource;
  if (typeof address !== 'string' || typeof type !== 'string' || typeof name !== 'string') return undefined;
  const values = asObject(resource.values) ?? {};
  const afterUnknown = unknownByAddress.get(address);
  const body = afterUnknown === undefined ? values : (markUnknown(values, afterUnknown, address) as JsonObject);
  const isData = mode === 'data';
  const index = resource.index;
  const moduleAddress = moduleOf(address);
  const converted: TerraformResource = {
    artifact: 'terraform',
    type: isData ? `data.${type}` : type,
    name: address,
    body,
    document,
    basePath: [...at, 'values'],
    address,
    mode: isData ? 'data' : 'managed',
    resourceType: type,
    resourceName: name,
    module: moduleAddress,
    expansion: typeof index === 'number' ? 'count' : typeof index === 'string' ? 'for_each' : 'single',
    uncertain: false,
    rootDir: '',
    moduleDir: '',
    refs: [],
    references: [] as TerraformReference[],
  };
  if (typeof index === 'number' || typeof index === 'string') converted.key = index;
  return converted;
}

/** Copies `values`, replacing what `after_unknown` marks `true` by an unknown marker (`<address>.<attribute path>`). */
function markUnknown(values: JsonValue | undefined, afterUnknown: JsonValue, text: string): JsonValue | undefined {
  if (afterUnknown === true) return unknownValue(`${text} (known after apply)`);
  if (Array.isArray(afterUnknown)) {
    const items = Array.isArray(values) ? values : [];
    const length = Math.max(items.length, afterUnknown.length);
    const out: JsonValue[] = [];
    for (let i = 0; i < length; i++) out.push(markUnknown(items[i], afterUnknown[i] ?? false, `${text}[${i}]`) ?? null);
    return out;
  }
  if (isObject(afterUnknown)) {
    const source = asObject(values);
    if (!source && values !== undefined) return values;
    const out: JsonObject = { ...(source ?? {}) };
    for (const [key, flag] of Object.entries(afterUnknown)) {
      if (flag === undefined || flag === false) continue;
      const marked = markUnknown(source?.[key], flag, `${text}.${key}`);
      if (marked !== undefined) out[key] = marked;
    }
    return out;
  }
  return values;
}

/** `module.a["x"].module.b.aws_s3_bucket.this[0]` -> `module.a["x"].module.b`. */
function moduleOf(address: string): string {
  const raw = splitAddressRaw(address);
  const parts: string[] = [];
  for (let i = 0; raw[i] === 'module' && i + 2 < raw.length; i += 2) parts.push(`module.${raw[i + 1] ?? ''}`);
  return parts.join('.');
}

/** Address segments with instance keys removed: `module.a["x"].aws_x.y[0]` -> `module a aws_x y`. */
function splitAddress(address: string): string[] {
  return splitAddressRaw(address).map((segment) => segment.replace(/\[.*$/s, ''));
}

/** Splits an address at dots outside `[...]` (keys may hold dots and brackets inside quotes). */
function splitAddressRaw(address: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < address.length; i++) {
    const char = address[i] ?? '';
    if (inString) {
      current += char;
      if (char === '\\') {
        current += address[i + 1] ?? '';
        i++;
      } else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === '[') depth++;
    else if (char === ']') depth--;
    else if (char === '.' && depth === 0) {
      out.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  out.push(current);
  return out;
}

/** The address without any instance key: the resource block it comes from, in its module path. */
export function configAddress(address: string): string {
  return splitAddress(address).join('.');
}

/** The start of `terraform show -json` output (plan or state): `{"format_version":"1.2","terraform_version":...`. */
const PLAN_JSON_START = /^\s*\{\s*"format_version"\s*:\s*"[^"]*"\s*,\s*"terraform_version"\s*:/;

/** True when the text begins like `terraform show -json` output (whatever follows). */
export function startsLikePlanJson(text: string): boolean {
  return PLAN_JSON_START.test(text.slice(0, 512));
}

/**
 * The problem of a text that begins like `terraform show -json` output but is not valid JSON (truncated by a
 * failed redirect or a size limit, edited by hand): `error`, the JSON parser's, reworded to name it a plan.
 * Undefined when the text does not begin like a plan.
 */
export function malformedPlanProblem(text: string, error: { message: string; line?: number | undefined }): { message: string; line?: number } | undefined {
  if (!startsLikePlanJson(text)) return undefined;
  return {
    message: `truncated or malformed Terraform plan JSON: ${error.message.replace(/^JSON syntax error: /, '')}; regenerate it with \`terraform show -json <plan file> > plan.json\``,
    ...(error.line !== undefined ? { line: error.line } : {}),
  };
}

/** The error for a binary plan (`terraform plan -out`), with the command that gives what can be scanned. */
export function binaryPlanMessage(fileName: string, kind = 'zip archive'): string {
  const base = posix.basename(fileName.replace(/\\/g, '/'));
  const plan = base === '' || base === '-' ? 'plan' : /^[\w.@+-]+$/.test(base) ? base : `'${base.replace(/'/g, "'\\''")}'`;
  const output = base === 'plan.json' ? 'plan-show.json' : 'plan.json';
  return `binary file (${kind}): probably a binary Terraform plan file (\`terraform plan -out\`), not scanned; scan its JSON form instead: \`terraform show -json ${plan} > ${output}\``;
}

export interface PlanLoadResult {
  documents: LoadedDocument[];
  resources: TerraformResource[];
  errors: ScanError[];
  /** False when the file is not a Terraform plan or state (nothing else is reported then). */
  recognized: boolean;
}

/**
 * Loads a plan or state file given on its own. A binary plan (`terraform plan -out`, a zip) and truncated or
 * malformed JSON give clear errors; never throws.
 */
export function loadTerraformPlan(file: SourceFile): PlanLoadResult {
  const result: PlanLoadResult = { documents: [], resources: [], errors: [], recognized: false };
  const text = stripBom(file.text);
  if (text.startsWith('PK\u0003\u0004') || text.includes('\u0000')) {
    result.recognized = text.startsWith('PK') && /tfplan|tfconfig|tfstate/.test(text.slice(0, 4096));
    result.errors.push({
      path: file.path,
      message: result.recognized ? binaryPlanMessage(file.path) : 'binary file: not a Terraform plan in JSON (use `terraform show -json <plan>`)',
    });
    return result;
  }
  const parsed = parseJsonDocuments(text);
  const first = parsed.documents[0];
  const looksLikePlan = /"format_version"/.test(text.slice(0, 4096)) && /"(planned_values|resource_changes|prior_state|values)"/.test(text);
  if (parsed.error) {
    if (first && isTerraformPlan(first.data)) result.recognized = true;
    if (looksLikePlan) result.recognized = true;
    result.errors.push({
      path: file.path,
      ...(parsed.error.line !== undefined ? { line: parsed.error.line } : {}),
      message: `${looksLikePlan ? 'truncated or malformed Terraform plan JSON: ' : ''}${parsed.error.message}`,
    });
    return result;
  }
  if (!first || !isTerraformPlan(first.data)) return result;
  result.recognized = true;
  const document: LoadedDocument = { file: { ...file, text }, artifact: 'terraform', index: 0, data: first.data, sourceMap: first.sourceMap };
  result.documents.push(document);
  appendAll(result.resources, planResources(document));
  return result;
}

export interface TerraformAddressLocator {
  /**
   * The `.tf` resource instance with this address; else one of the same resource block (another instance key),
   * `exact: false`. When several root modules give the address, the one evaluated from `rootDir` is preferred.
   */
  find(address: string, rootDir?: string): { resource: TerraformResource; exact: boolean } | undefined;
  /** File and range of `path` (inside the body) in the `.tf` file declaring `address`. */
  locate(address: string, path?: NodePath, rootDir?: string): { path: string; range: SourceRange } | undefined;
  /**
   * A plan resource re-pointed at its `.tf` source: same identity and body (the plan's values), but the `.tf`
   * document and base path, so that findings land on `.tf` lines. Sources evaluated from the plan file's
   * directory are preferred. Returned unchanged when no source matches.
   */
  relocate<R extends Resource>(resource: R): R;
}

/** Maps plan addresses to the `.tf` resources of the same scan (from `loadTerraformFiles`). */
export function createTerraformAddressLocator(sources: readonly TerraformResource[]): TerraformAddressLocator {
  const exact = new Map<string, TerraformResource[]>();
  const byConfig = new Map<string, TerraformResource[]>();
  for (const resource of sources) {
    if (resource.document.artifact !== 'terraform' || resource.rootDir === '') continue;
    pushTo(exact, resource.address, resource);
    pushTo(byConfig, configAddress(resource.address), resource);
  }
  // The root the plan belongs to; without one (the plan is elsewhere), only a resource of a single root is certain.
  const pick = (candidates: TerraformResource[] | undefined, rootDir: string | undefined): TerraformResource | undefined =>
    candidates?.find((candidate) => candidate.rootDir === rootDir) ?? (new Set(candidates?.map((candidate) => candidate.rootDir)).size === 1 ? candidates?.[0] : undefined);
  const find = (address: string, rootDir?: string): { resource: TerraformResource; exact: boolean } | undefined => {
    const hit = pick(exact.get(address), rootDir);
    if (hit) return { resource: hit, exact: true };
    const approximate = pick(byConfig.get(configAddress(address)), rootDir);
    return approximate ? { resource: approximate, exact: false } : undefined;
  };
  return {
    find,
    locate(address, path = [], rootDir) {
      const match = find(address, rootDir);
      if (!match) return undefined;
      const { resource } = match;
      return { path: resource.document.file.path, range: resource.document.sourceMap.locate([...resource.basePath, ...path]) };
    },
    relocate(resource) {
      const address = (resource as Partial<TerraformResource>).address ?? resource.name;
      const planDir = posix.dirname(resource.document.file.path.replace(/\\/g, '/'));
      const match = find(address, posix.normalize(planDir));
      if (!match) return resource;
      return { ...resource, document: match.resource.document, basePath: match.resource.basePath };
    },
  };
}
