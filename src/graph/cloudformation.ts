import { cloudformationEvaluation, evaluateTemplateValue } from '../loaders/cloudformation.js';
import { isStatic } from '../loaders/cloudformation-eval.js';
import { collectReferences } from '../loaders/cloudformation-references.js';
import { nestedTemplatePath, templateUrlText } from '../loaders/nested-templates.js';
import type { JsonObject, JsonValue, LoadedDocument, Resource } from '../model/types.js';
import { isObject } from '../util/json.js';
import type { ResourceGraph } from './graph.js';
import { pushTo } from '../util/collections.js';

export { templateResourceType } from '../loaders/cloudformation.js';

/**
 * The CloudFormation side of the resource graph. Within one template (one document), `Ref`, `Fn::GetAtt` and
 * `Fn::Sub` `${Logical.Attr}` name a resource by its logical ID; across the templates of a scan, an Output's
 * `Export` is read by `Fn::ImportValue`. Rules follow these links with:
 * - `referencedResource(graph, from, value)`: the resource a value of `from` refers to (task definition ->
 *   `TaskRoleArn` -> role; service -> subnet; trail -> bucket), through an import when needed;
 * - `referrers(graph, target, type?)`: the resources whose body refers to `target` (role <- policies attached
 *   by separate resources; security group <- standalone ingress rules; bucket <- bucket policy);
 * - `referencesFrom(resource)`: the logical IDs a resource's body refers to.
 * Export names built with `${AWS::StackName}` (unknown until deployed) match an import when exactly one export
 * of the scan fits, the unknown parts taken as wildcards; ambiguous or missing exports stay unknown.
 */

export interface ExportEntry {
  document: LoadedDocument;
  outputName: string;
  /** The exported value, statically evaluated in its template (an intrinsic when unknown). */
  value: JsonValue | undefined;
}

interface CloudFormationIndex {
  byDocument: Map<LoadedDocument, Map<string, Resource>>;
  /** Nested stacks: an `AWS::CloudFormation::Stack` resource -> the scanned template its TemplateURL names. */
  children: Map<Resource, LoadedDocument>;
  /** The reverse: a template -> the stack resources that nest it. */
  parents: Map<LoadedDocument, Resource[]>;
  referrers: Map<Resource, Resource[]>;
}

interface ExportIndex {
  exports: Map<string, ExportEntry[]>;
  patternExports: { pattern: RegExp; entry: ExportEntry }[];
}

const PSEUDO = /^AWS::/;

function index(graph: ResourceGraph): CloudFormationIndex {
  return graph.memo('cloudformation:index', () => {
    const byDocument = new Map<LoadedDocument, Map<string, Resource>>();
    for (const resource of graph.resources) {
      if (resource.artifact !== 'cloudformation') continue;
      let byId = byDocument.get(resource.document);
      if (!byId) byDocument.set(resource.document, (byId = new Map()));
      byId.set(resource.name, resource);
    }
    const referrers = new Map<Resource, Resource[]>();
    for (const [, byId] of byDocument) {
      for (const resource of byId.values()) {
        for (const id of referencesFrom(resource)) {
          const target = byId.get(id);
          if (!target || target === resource) continue;
          pushTo(referrers, target, resource);
        }
      }
    }
    const { children, parents } = nestedStacks(graph, byDocument);
    return { byDocument, children, parents, referrers };
  });
}

/** The Outputs exported by the templates of the scan: built when a template imports one (most import none). */
function exportIndex(graph: ResourceGraph): ExportIndex {
  return graph.memo('cloudformation:exports', () => {
    const exports = new Map<string, ExportEntry[]>();
    const patternExports: { pattern: RegExp; entry: ExportEntry }[] = [];
    for (const document of index(graph).byDocument.keys()) {
      const outputs = isObject(document.data) && isObject(document.data.Outputs) ? document.data.Outputs : {};
      for (const [outputName, output] of Object.entries(outputs)) {
        if (!isObject(output) || !isObject(output.Export) || output.Export.Name === undefined || output.Value === undefined) continue;
        const name = evaluateTemplateValue(document, output.Export.Name);
        const entry: ExportEntry = { document, outputName, value: evaluateTemplateValue(document, output.Value) };
        if (typeof name === 'string') {
          pushTo(exports, name, entry);
        } else {
          const pattern = namePattern(name);
          if (pattern) patternExports.push({ pattern, entry });
        }
      }
    }
    return { exports, patternExports };
  });
}

/** A regular expression for an export name with unknown parts (`!Sub ${AWS::StackName}-VpcId`, a Join). */
function namePattern(name: JsonValue | undefined): RegExp | undefined {
  const parts: (string | null)[] = [];
  if (isObject(name) && typeof name['Fn::Sub'] === 'string') {
    const text = name['Fn::Sub'];
    let last = 0;
    for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
      parts.push(text.slice(last, match.index), match[1]?.startsWith('!') ? `\${${match[1].slice(1)}}` : null);
      last = (match.index ?? 0) + match[0].length;
    }
    parts.push(text.slice(last));
  } else if (isObject(name) && Array.isArray(name['Fn::Join'])) {
    const [delimiter, list] = name['Fn::Join'];
    if (typeof delimiter !== 'string' || !Array.isArray(list)) return undefined;
    list.forEach((item, position) => {
      if (position > 0) parts.push(delimiter);
      parts.push(typeof item === 'string' || typeof item === 'number' ? String(item) : null);
    });
  } else return undefined;
  const literal = parts.filter((part): part is string => part !== null).join('');
  if (literal.length < 3) return undefined; // nearly all wildcard: would match anything
  const source = parts.map((part) => (part === null ? '.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`);
}

/** The resources of one template by logical ID. */
export function templateResources(graph: ResourceGraph, document: LoadedDocument): ReadonlyMap<string, Resource> {
  return index(graph).byDocument.get(document) ?? new Map();
}

/** The resource with this logical ID in the same template as `from`. */
export function resourceById(graph: ResourceGraph, from: Resource, logicalId: string): Resource | undefined {
  return index(graph).byDocument.get(from.document)?.get(logicalId);
}

/**
 * The Output exported under the name that `Fn::ImportValue` reads (`value` is the import object or the name).
 * Undefined when the name is not static, or when no export, or more than one, of the scan fits.
 */
export function importedExport(graph: ResourceGraph, value: JsonValue | undefined): ExportEntry | undefined {
  const name = isObject(value) && 'Fn::ImportValue' in value ? value['Fn::ImportValue'] : value;
  if (typeof name !== 'string') return undefined;
  const { exports, patternExports } = exportIndex(graph);
  const exact = exports.get(name);
  if (exact) return exact.length === 1 ? exact[0] : undefined;
  const candidates = patternExports.filter(({ pattern }) => pattern.test(name));
  return candidates.length === 1 ? candidates[0]?.entry : undefined;
}

/** `value` with a top-level `Fn::ImportValue` replaced by the exported value when the export is static. */
export function scanValue(graph: ResourceGraph, value: JsonValue | undefined): JsonValue | undefined {
  if (!isObject(value) || !('Fn::ImportValue' in value) || Object.keys(value).length !== 1) return value;
  const exported = importedExport(graph, value);
  return exported && exported.value !== undefined && isStatic(exported.value) ? exported.value : value;
}

/**
 * The resource that `value` (a value inside `from`'s body) refers to: `{ Ref: X }`, `{ "Fn::GetAtt": [X, ...] }`,
 * a `Fn::Sub` / `Fn::Join` / `Fn::Select` / `Fn::If` that refers to exactly one resource of the template (e.g.
 * `!Sub ${Bucket.Arn}/*` -> Bucket), an `Fn::ImportValue` of another template's export (followed into the
 * exporting template), a nested stack's output (`!GetAtt Vpc.Outputs.SubnetId`, followed into the nested
 * template when the scan has it) or a parameter that the one parent stack passes in. Undefined when it refers
 * to an unbound parameter, to no resource, or to several (see `referencedResources`).
 */
export function referencedResource(graph: ResourceGraph, from: Resource, value: JsonValue | undefined): Resource | undefined {
  const found = referencedResources(graph, from, value);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Every resource that `value` refers to, followed like `referencedResource` (a list of subnets, a comma-joined
 * nested-stack output such as `!Join [",", [!Ref SubnetA, !Ref SubnetB]]`). Empty when nothing is known.
 */
export function referencedResources(graph: ResourceGraph, from: Resource, value: JsonValue | undefined): Resource[] {
  const found = new Set<Resource>();
  collectTargets(graph, index(graph), from.document, value, found, new Set(), 0);
  return [...found];
}

function collectTargets(
  graph: ResourceGraph,
  idx: CloudFormationIndex,
  document: LoadedDocument,
  value: JsonValue | undefined,
  found: Set<Resource>,
  visiting: Set<string>,
  depth: number,
): void {
  if (value === null || typeof value !== 'object' || depth > 64) return;
  if (Array.isArray(value)) {
    for (const item of value) collectTargets(graph, idx, document, item, found, visiting, depth + 1);
    return;
  }
  const keys = Object.keys(value);
  const key = keys.length === 1 ? keys[0] : undefined;
  const args = key === undefined ? undefined : value[key];
  const byId = idx.byDocument.get(document);
  // Guards loops through imports, nested-stack outputs and parameters that lead back to each other.
  const enter = (mark: string, next: LoadedDocument, nextValue: JsonValue | undefined): void => {
    if (visiting.has(mark)) return;
    visiting.add(mark);
    collectTargets(graph, idx, next, nextValue, found, visiting, depth + 1);
    visiting.delete(mark);
  };
  if (key === 'Fn::ImportValue') {
    const exported = importedExport(graph, value);
    if (exported) enter(`export\u0000${exported.document.file.path}\u0000${exported.outputName}`, exported.document, exported.value);
    return;
  }
  if (key === 'Ref' && typeof args === 'string') {
    const target = byId?.get(args);
    if (target) found.add(target);
    else if (!PSEUDO.test(args)) {
      const parents = idx.parents.get(document) ?? [];
      const parent = parents.length === 1 ? parents[0] : undefined;
      const passed = parent && isObject(parent.body.Properties) && isObject(parent.body.Properties.Parameters) ? parent.body.Properties.Parameters[args] : undefined;
      if (parent && passed !== undefined) enter(`param\u0000${document.file.path}\u0000${document.index}\u0000${args}`, parent.document, passed);
    }
    return;
  }
  if (key === 'Fn::GetAtt') {
    const [id, attribute] = Array.isArray(args) ? args : typeof args === 'string' ? [args.split('.')[0], args.split('.').slice(1).join('.')] : [];
    const target = typeof id === 'string' ? byId?.get(id) : undefined;
    if (!target) return;
    const child = idx.children.get(target);
    if (child && typeof attribute === 'string' && attribute.startsWith('Outputs.')) {
      const outputs = isObject(child.data) && isObject(child.data.Outputs) ? child.data.Outputs : {};
      const output = outputs[attribute.slice('Outputs.'.length)];
      if (isObject(output) && output.Value !== undefined) {
        enter(`output\u0000${child.file.path}\u0000${child.index}\u0000${attribute}`, child, evaluateTemplateValue(child, output.Value));
        return;
      }
    }
    found.add(target);
    return;
  }
  if (key === 'Fn::Sub') {
    const ids = new Set<string>();
    collectReferences(value, ids, 'follow');
    for (const id of ids) {
      const target = byId?.get(id);
      if (target) found.add(target);
    }
    return;
  }
  if (key === 'Fn::If' && Array.isArray(args)) {
    for (const branch of args.slice(1)) collectTargets(graph, idx, document, branch, found, visiting, depth + 1);
    return;
  }
  for (const item of Object.values(value)) collectTargets(graph, idx, document, item, found, visiting, depth + 1);
}

/** Links `AWS::CloudFormation::Stack` resources to the scanned templates their TemplateURL names. */
function nestedStacks(
  graph: ResourceGraph,
  byDocument: Map<LoadedDocument, Map<string, Resource>>,
): { children: Map<Resource, LoadedDocument>; parents: Map<LoadedDocument, Resource[]> } {
  const children = new Map<Resource, LoadedDocument>();
  const parents = new Map<LoadedDocument, Resource[]>();
  const stacks = graph.ofType('cloudformation', 'AWS::CloudFormation::Stack');
  if (stacks.length === 0) return { children, parents };
  const templates = new Map([...byDocument.keys()].filter((document) => document.index === 0).map((document) => [document.file.path, document]));
  for (const stack of stacks) {
    const url = templateUrlText(isObject(stack.body.Properties) ? stack.body.Properties.TemplateURL : undefined);
    if (url === undefined) continue;
    const childPath = nestedTemplatePath(url, stack.document.file.path, templates.keys());
    const child = childPath === undefined ? undefined : templates.get(childPath);
    if (!child || child === stack.document) continue;
    children.set(stack, child);
    pushTo(parents, child, stack);
  }
  return { children, parents };
}

/**
 * The resources whose body refers to `target`, optionally of one type: in its own template, and in templates nested
 * in the scan that receive it through a parameter (a security group of one nested stack passed to the load balancer
 * of another, `!GetAtt SecurityGroups.Outputs.LoadBalancerSecurityGroup`).
 */
export function referrers(graph: ResourceGraph, target: Resource, type?: string): readonly Resource[] {
  const own = index(graph).referrers.get(target) ?? [];
  const nested = nestedReferrers(graph).get(target);
  const list = nested ? [...own, ...nested] : own;
  return type === undefined ? list : list.filter((resource) => resource.type === type);
}

/**
 * Referrers in other templates, followed like `referencedResources`: through the parameters of nested templates,
 * and through `Fn::ImportValue` of another template's export (empty without either).
 */
function nestedReferrers(graph: ResourceGraph): Map<Resource, Resource[]> {
  return graph.memo('cloudformation:nested-referrers', () => {
    const idx = index(graph);
    const out = new Map<Resource, Resource[]>();
    const add = (resource: Resource, value: JsonValue): void => {
      for (const target of referencedResources(graph, resource, value)) {
        if (target.document !== resource.document && !(out.get(target) ?? []).includes(resource)) pushTo(out, target, resource);
      }
    };
    for (const [document, byId] of idx.byDocument) {
      const declared = idx.parents.has(document) ? cloudformationParameters(document) : new Set<string>();
      const imports = document.file.text.includes('ImportValue');
      if (declared.size === 0 && !imports) continue;
      for (const resource of byId.values()) {
        for (const id of bodyReferences(resource)) if (declared.has(id)) add(resource, { Ref: id });
        if (imports) forEachImport(resource.body, (imported) => add(resource, imported));
      }
    }
    return out;
  });
}

/** Calls `visit` with every `Fn::ImportValue` object in a resource body. */
function forEachImport(value: JsonValue | undefined, visit: (imported: JsonObject) => void, depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 64) return;
  if (Array.isArray(value)) {
    for (const item of value) forEachImport(item, visit, depth + 1);
    return;
  }
  if ('Fn::ImportValue' in value && Object.keys(value).length === 1) {
    visit(value);
    return;
  }
  for (const item of Object.values(value)) forEachImport(item, visit, depth + 1);
}

const REFERENCE_CACHE = new WeakMap<JsonObject, ReadonlySet<string>>();

/**
 * Logical IDs (and parameter names) that a resource's body refers to through `Ref`, `Fn::GetAtt` and
 * `Fn::Sub` variables; pseudo parameters excluded. `DependsOn` and `Metadata` are not references of values.
 */
export function referencesFrom(resource: Resource): ReadonlySet<string> {
  const cached = REFERENCE_CACHE.get(resource.body);
  if (cached) return cached;
  const ids = bodyReferences(resource);
  const declared = cloudformationParameters(resource.document);
  for (const id of [...ids]) if (declared.has(id)) ids.delete(id);
  REFERENCE_CACHE.set(resource.body, ids);
  return ids;
}

/** Logical IDs and parameter names the body refers to (a new set). */
function bodyReferences(resource: Resource): Set<string> {
  const ids = new Set<string>();
  for (const [key, value] of Object.entries(resource.body)) {
    if (key === 'DependsOn' || key === 'Metadata' || key === 'Type' || key === 'Condition' || value === undefined) continue;
    collectReferences(value, ids, 'follow');
  }
  return ids;
}

/** Per template, asked once per resource. */
const PARAMETER_CACHE = new WeakMap<LoadedDocument, ReadonlySet<string>>();

function cloudformationParameters(document: LoadedDocument): ReadonlySet<string> {
  let parameters = PARAMETER_CACHE.get(document);
  if (!parameters) {
    const data = document.data;
    parameters = new Set(isObject(data) && isObject(data.Parameters) ? Object.keys(data.Parameters) : []);
    PARAMETER_CACHE.set(document, parameters);
  }
  return parameters;
}


// ---------------------------------------------------------------------------------------------------------------
// Template parameters as report subjects

/** Type of the resource a template parameter stands for in reports (its name is the parameter's logical name). */
export const PARAMETER_TYPE = 'AWS::CloudFormation::Parameter';

const parameterResources = new WeakMap<LoadedDocument, { first: string | undefined; parameters: Resource[] }>();

function templateParts(document: LoadedDocument): { first: string | undefined; parameters: Resource[] } {
  let parts = parameterResources.get(document);
  if (!parts) {
    const data = isObject(document.data) ? document.data : {};
    // The first resource the loader keeps (not a Fn::ForEach loop, not one whose Condition is always false).
    const first = cloudformationEvaluation(document).resources[0]?.logicalId;
    const parameters: Resource[] = [];
    if (isObject(data.Parameters)) {
      for (const [name, body] of Object.entries(data.Parameters)) {
        if (isObject(body)) parameters.push({ artifact: 'cloudformation', type: PARAMETER_TYPE, name, body, document, basePath: ['Parameters', name] });
      }
    }
    parameterResources.set(document, (parts = { first, parameters }));
  }
  return parts;
}

/**
 * The parameters of a template, each as a resource of type `AWS::CloudFormation::Parameter` (body: its
 * declaration), so that a rule can report on a parameter itself (`{ resource: parameter, path: ['Default'] }`).
 * Made once per document: the same objects every time.
 */
export function templateParameters(document: LoadedDocument): readonly Resource[] {
  return templateParts(document).parameters;
}

/** Type of the resource a SAM `Globals` section stands for in reports (its name: `Globals.Function`, `Globals.Api`...). */
export const SAM_GLOBALS_TYPE = 'AWS::Serverless::Globals';

const globalsResources = new WeakMap<LoadedDocument, Resource[]>();

/**
 * The sections of a SAM template's `Globals` (`Function`, `Api`, `HttpApi`, `SimpleTable`, `StateMachine`,
 * `LayerVersion`), each as a resource whose body is the section, as written: their properties go into every
 * resource of that kind, so a rule can check them once, where they are written.
 */
export function templateGlobals(document: LoadedDocument): readonly Resource[] {
  let found = globalsResources.get(document);
  if (!found) {
    const data = isObject(document.data) ? document.data : {};
    const globals = isObject(data.Globals) ? data.Globals : {};
    found = Object.entries(globals).flatMap(([section, body]) => (isObject(body) ? [{ artifact: 'cloudformation' as const, type: SAM_GLOBALS_TYPE, name: `Globals.${section}`, body, document, basePath: ['Globals', section] }] : []));
    globalsResources.set(document, found);
  }
  return found;
}

/** Is this the template's first resource? Template-level rules check each template once, through it. */
export function isFirstTemplateResource(resource: Resource): boolean {
  return resource.artifact === 'cloudformation' && resource.basePath[0] === 'Resources' && templateParts(resource.document).first === resource.name;
}
