/**
 * Terraform loader: `.tf` / `.tfvars` files through a real HCL parser (tree-sitter) and `.tf.json` /
 * `.tfvars.json` files in Terraform's JSON syntax (./json-syntax.ts), evaluated per module instance, with exact
 * source positions; and `terraform show -json` plan files (./plan.ts).
 *
 * API
 * ---
 * `loadTerraformFiles(files, options?)` -> `Promise<{ documents, resources, errors, warnings, stats }>`
 *   - `files`: `{ path, text, explicit? }[]`. `.tf`, `.tf.json`, `.tfvars`, `.tfvars.json` files are loaded;
 *     `.terraform/modules/modules.json` maps module calls to the modules `terraform init` installed (see Modules);
 *     any other file only serves `file("...")` calls. Files of one directory form one module. `explicit`: the file
 *     was named alone, not found by walking its directory (see Partial modules). Async only because the wasm
 *     parser loads on first use (once per process; nothing is loaded when no Terraform file is scanned).
 *   - `documents`: one `LoadedDocument` per `.tf` / `.tfvars` / `.tfvars.json` file that parsed (artifact
 *     `terraform`). A `.tf` document's `data` maps a key (the resource address; suffixed ` @ <root dir>` if two root
 *     modules give the same address) to the resource's body; variable files map variable names to values.
 *   - `resources`: `TerraformResource[]`, one per resource instance (and data source instance) of every module
 *     instance reached from a root module (see below), in the document of the file that declares it.
 *   - `errors`: syntax errors (with the line of the first problem: the file is then left out, the others go on),
 *     references to undeclared variables / locals / resources / modules, duplicate declarations, module cycles,
 *     reference cycles between resources, override blocks with nothing to override: what Terraform itself would
 *     refuse. The scan goes on with what could be read.
 *   - `warnings`: expressions that Terraform would reject (they evaluate to unknown), truncated expansions.
 *   - `stats`: files, modules, roots, resources, unknown values.
 * `isTerraformFile(path)`: the files `loadTerraformFiles` reads.
 * `loadTerraformPlan(file)` -> `{ documents, resources, errors, recognized }`: a `terraform show -json` plan (or
 *   state) file; clear errors for binary plans and truncated JSON. `terraformPlanArtifact` does the same as a
 *   `StructuredArtifact` for the YAML/JSON loader (src/loaders/index.ts); `isTerraformPlan(data)` detects one.
 * `createTerraformAddressLocator(tfResources)` -> `{ find(address), locate(address, path), relocate(planResource) }`:
 *   maps plan addresses to the `.tf` resources of the same scan (exact address, else the same block under
 *   another instance key), so findings on plan values can be reported on `.tf` lines.
 *
 * Conventions
 * -----------
 * - Partial modules: when a file of a directory is named alone (`seaworthy scan main.tf`), the module's other
 *   files may be missing from the scan, so references to names no scanned file declares are unknown, not errors
 *   (the address they would refer to is still listed in `refs`); so are override blocks whose base is not
 *   scanned. A directory walk gives Terraform's errors.
 * - Override files (`override.tf`, `*_override.tf`, `.tf.json` forms) are merged as Terraform does, after the
 *   module's other files, in lexical order: arguments replace arguments, nested blocks of a type replace all blocks
 *   of that type (`lifecycle` merged argument by argument), `locals` value by value, variables / outputs / module
 *   calls likewise. The resource stays in the document of its original file; a finding on an overridden argument
 *   or block is located in the override file (the source map's range carries that file's `path`).
 * - Modules: local sources (`./`, `../`) are the scanned directories; other sources (registry, Git, ...) are the
 *   copies `terraform init` installed, found through `.terraform/modules/modules.json` of the root module's
 *   directory (a directory walk brings the manifest and the listed module directories in). Directories below
 *   `.terraform/` are never root modules. Modules neither local nor installed are unknown.
 * - Identity: `type` is the resource type (`aws_ecs_service`); data sources get `data.<type>`
 *   (`data.aws_iam_policy_document`) so that resource rules never see them. `name` is the full address:
 *   `module.app.aws_ecs_service.this`, `aws_subnet.private[0]`, `module.svc["api"].aws_iam_role.task["x"]`.
 * - Roots: a directory that no other scanned directory calls through a local `source` is a root module and is
 *   evaluated with its variable defaults and `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)`
 *   (lexical order, later wins), then `options.varFiles`; other `*.tfvars` files are, as for Terraform, only used
 *   when named in `varFiles`. A called directory is evaluated only through its callers (like Trivy), unless
 *   `options.allDirectoriesAsRoots`.
 * - Body: evaluated attributes; nested blocks are arrays of objects whether they repeat or not (as
 *   `terraform show -json` does: `ingress: [{...}, {...}]`, `logging: [{...}]`); `dynamic` blocks are expanded
 *   into the same arrays (an element is an unknown marker when the `for_each` is unknown). Meta-arguments
 *   (`count`, `for_each`, `provider`, `depends_on`, `lifecycle`, `provisioner`, `connection`) are left out.
 *   Values are those written, typed as written (`cpu = 256` stays a number; no provider schema is applied, and
 *   provider defaults are not filled in). Variables are converted to their declared type as Terraform does
 *   (object types keep only their declared attributes and fill `optional(type, default)` ones), so a module's
 *   defaults apply. `file()` reads files given in `files` (or through `options.readFile`), else is unknown.
 * - `jsonencode(x)` is given as `x` itself (an object or array, not a string), so rules read container
 *   definitions and policies structurally and positions inside them are exact; a literal JSON string (heredoc,
 *   `file()`) stays a string, and paths into JSON written as a heredoc without interpolations are located in its
 *   text (source-map.ts). `jsondecode` of a known string is evaluated.
 * - Unknown: whatever needs state or a provider (resource attributes, data sources, remote or unscanned modules,
 *   functions not emulated, unknown `count` / `for_each`) is `{ "$unknown": "<expression as written>" }`
 *   (see src/util/unknown.ts). References keep their text (`aws_iam_role.task.arn`) and are listed on the resource:
 *   `refs` (unique addresses, module-qualified, with the instance key when it is static) and `references`
 *   (`{ path, address, attribute }`, the path being inside the body, or `['depends_on']`, `['count']`, ...).
 *   A value passed into a child module keeps the references of where it came from.
 * - Unknown expansion: a resource or module call whose `count` / `for_each` is unknown yields one instance whose
 *   address has no key and whose `expansion` is `'unknown'` (`count.index`, `each.key`, `each.value` unknown).
 *   A `for_each` that an unknown condition chooses among known collections (`enabled ? var.map : {}`), and a
 *   resource's `count` chosen among known numbers (`enabled ? length(var.list) : 0`), expand every instance any
 *   choice makes. Instances of an unknown expansion, those only some choices make, those of modules called that
 *   way, and those whose `for_each` key comes from a `for` filter with an unknown condition are `uncertain: true`
 *   (they may not exist; what they say is still as written).
 * - `for` filters with an unknown condition keep the element, as an unknown value (it may be absent): an unknown
 *   element of a list may stand for no element.
 * - Positions: `document.sourceMap.locate([...basePath, ...path])` gives the attribute or block (key to end of
 *   value), the element of a list or object literal, the value inside `jsonencode(...)`, or a local / variable
 *   default written in the same file; for values from another file, the attribute of this file that brought
 *   them in. `locateValue` gives the value alone (for masking secrets) when it is written in this file.
 */

import path from 'node:path';
import type { JsonObject, JsonValue, LoadedDocument, NodePath, Resource, ScanError, SourceFile } from '../../model/types.js';
import { isObject } from '../../util/json.js';
import type { Body, Expr, HclFile } from './ast.js';
import { Evaluator, type EvalHost } from './evaluate.js';
import { parseJsonDocuments } from '../json.js';
import { compareText, type ParsedTemplate } from './functions.js';
import { hclParser, parseHcl } from './parser.js';
import { parseTerraformJson } from './json-syntax.js';
import { countUnknowns, filesReadInto, isOverrideFile, ModuleSource, normalizeDir, Project, referencesIn, toJson, type ResourceInstance, type SettingInstance } from './project.js';
import { TerraformSourceMap } from './source-map.js';
import { bool, fromJson, type Value } from './values.js';
import { stripBom } from '../read.js';
import { BACKEND_TYPE, PROVIDER_TYPE, settingResource, variableDefaultResource, variableFileResource } from './variable-files.js';
import { isKubernetesObjectType, terraformKubernetesObjects, type KubernetesObjectSource } from './kubernetes-objects.js';
import { appendAll } from '../../util/collections.js';
import { isUnknown, unknownExpression } from '../../util/unknown.js';
import { terraformTemplateJson } from './template-json.js';

export {
  configAddress,
  createTerraformAddressLocator,
  isTerraformPlan,
  loadTerraformPlan,
  planResources,
  terraformPlanArtifact,
  type PlanLoadResult,
  type TerraformAddressLocator,
} from './plan.js';

export interface TerraformInputFile {
  path: string;
  text: string;
  /**
   * Named alone (on the command line) rather than found by walking its directory: the other files of its module
   * may be missing, so references to names no scanned file declares are unknown instead of errors.
   */
  explicit?: boolean;
  /** Found by walking its directory, but other `.tf` files of the directory were left out (`--exclude`, .gitignore): as `explicit`. */
  incompleteDirectory?: boolean;
  /** HCL whatever its name says (standard input, a `.txt` file named on the command line). */
  hcl?: boolean;
}

export interface TerraformLoadOptions {
  /**
   * Variable files applied after the automatically loaded ones, in order (as `-var-file`), to every root module;
   * paths as given in `files`.
   */
  varFiles?: readonly string[];
  /** Evaluate every directory as a root module too (with its defaults), not only those no other directory calls. */
  allDirectoriesAsRoots?: boolean;
  /** Reads a file for `file("...")` when it is not among `files` (default: none: the call is unknown). */
  readFile?: (filePath: string) => string | undefined;
  /** Depth of nested module calls evaluated (default 16). */
  maxModuleDepth?: number;
  /** Instances evaluated per `count` / `for_each` (default 1000). */
  maxInstances?: number;
  /**
   * The working directory the paths of `files` are shown from (relative below it, absolute elsewhere): module
   * sources and `file()` paths that leave it (`../mod`) are found under either spelling.
   */
  cwd?: string;
  /** Directories `--exclude` or .gitignore left out of the scan, as `files` spell paths: a module called from there is a notice, not an error. */
  omittedDirs?: readonly string[];
}

export interface TerraformReference {
  /** Where, inside the body (or the meta-argument: `['depends_on']`, `['count']`, `['for_each']`). */
  path: NodePath;
  /** Module-qualified address: `aws_iam_role.task`, `module.app.aws_iam_role.task[0]`, `data.aws_region.current`, `module.vpc`. */
  address: string;
  attribute?: string;
  /** Only some, unknown, elements of what `address` names are used (see `Reference.subset`). */
  subset?: true;
}

export interface TerraformResource extends Resource {
  artifact: 'terraform';
  address: string;
  mode: 'managed' | 'data';
  /** The resource type (`type` carries a `data.` prefix for data sources). */
  resourceType: string;
  /** The name in the block label (`this`). */
  resourceName: string;
  /** Module instance address, `''` at the root. */
  module: string;
  key?: number | string;
  expansion: 'single' | 'count' | 'for_each' | 'unknown';
  /**
   * The instance may not exist: its `count` / `for_each` (or that of a module call above it) is unknown, or its
   * `for_each` key comes from a `for` filter whose condition is unknown. Its written values are still real.
   */
  uncertain: boolean;
  /** Directory of the root module this instance was evaluated from, and of the module declaring it. */
  rootDir: string;
  moduleDir: string;
  refs: string[];
  references: TerraformReference[];
}

export interface TerraformLoadStats {
  files: number;
  modules: number;
  roots: number;
  resources: number;
  unknownValues: number;
}

export interface TerraformLoadResult {
  documents: LoadedDocument[];
  resources: TerraformResource[];
  /** Inputs written in the configuration: each variable file and each variable default as a resource (variable-files.ts). */
  variableFiles: Resource[];
  /** `provider` blocks and backend settings, each evaluated in its module instance, as resources (variable-files.ts). */
  settings: Resource[];
  /** Kubernetes objects the configuration applies (kubernetes-objects.ts), for the Kubernetes rules. */
  kubernetesObjects: Resource[];
  errors: ScanError[];
  warnings: ScanError[];
  /** For the report's errors, marked `notice`: module calls whose registry or Git source is not installed. */
  notices: ScanError[];
  stats: TerraformLoadStats;
  /** Files of the scan whose text a resource's value holds, read with `file()` (paths as the scan spells them). */
  filesRead: Set<string>;
  /** Template files whose Kubernetes objects a `kubectl_manifest` / `kubernetes_manifest` read (`templatefile()`). */
  templatesRead: Set<string>;
}

/** `.tf`, `.tf.json`, `.tfvars` and `.tfvars.json` files. */
export function isTerraformFile(filePath: string): boolean {
  return /\.(tf|tf\.json|tfvars|tfvars\.json)$/i.test(filePath);
}

/** `.terraform/modules/modules.json`: where `terraform init` installed the module calls of a root module. */
export function isModulesManifest(filePath: string): boolean {
  return /(^|[\\/])\.terraform[\\/]modules[\\/]modules\.json$/.test(filePath);
}

/** Whether a module directory lies in one of the directories left out of the scan (under either spelling of its path). */
function omittedPredicate(dirs: readonly string[], otherSpelling: ((filePath: string) => string | undefined) | undefined): (dir: string) => boolean {
  const omitted = dirs.map(normalizeDir);
  const within = (dir: string): boolean => omitted.some((root) => dir === root || dir.startsWith(`${root}/`));
  return (dir) => {
    const other = otherSpelling?.(dir);
    return within(normalizeDir(dir)) || (other !== undefined && within(normalizeDir(other)));
  };
}

interface VarFileEntry {
  file: HclFile;
  json?: unknown;
  /** Read around a syntax error: its values are checked, but give no variable any value (Terraform refuses the file). */
  salvaged?: true;
}

/** At most this many broken lines are blanked out of a variable file before it is given up. */
const MAX_SALVAGED_LINES = 10;

/**
 * The body of a variable file read without its broken lines: each line a syntax error is on is blanked (spaces keep
 * every offset), until the rest parses. Undefined when it does not within MAX_SALVAGED_LINES lines.
 */
function salvageVarFile(parser: Awaited<ReturnType<typeof hclParser>>, text: string, firstErrorLine: number): Body | undefined {
  const lines = text.split('\n');
  let errorLine = firstErrorLine;
  for (let attempt = 0; attempt < MAX_SALVAGED_LINES; attempt++) {
    const line = lines[errorLine - 1];
    if (line === undefined || line.trim() === '') return undefined;
    lines[errorLine - 1] = ' '.repeat(line.length);
    const outcome = parseHcl(parser, lines.join('\n'));
    if (outcome.ok) return outcome.body.items.length > 0 ? outcome.body : undefined;
    errorLine = outcome.error.line;
  }
  return undefined;
}

function isVarFile(filePath: string): boolean {
  return /\.tfvars(\.json)?$/i.test(filePath);
}

export async function loadTerraformFiles(files: readonly TerraformInputFile[], options: TerraformLoadOptions = {}): Promise<TerraformLoadResult> {
  const result: TerraformLoadResult = { documents: [], resources: [], variableFiles: [], settings: [], kubernetesObjects: [], errors: [], warnings: [], notices: [], stats: { files: 0, modules: 0, roots: 0, resources: 0, unknownValues: 0 }, filesRead: new Set(), templatesRead: new Set() };
  const relevant = files.filter((file) => isTerraformFile(file.path) || file.hcl === true);
  if (relevant.length === 0) return result;

  let parser: Awaited<ReturnType<typeof hclParser>>;
  try {
    parser = await hclParser();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    for (const file of relevant) result.errors.push({ path: file.path, message: `Terraform files cannot be read: the HCL parser did not load (${reason})` });
    return result;
  }

  const modules = new Map<string, ModuleSource>();
  const varFiles = new Map<string, VarFileEntry>();
  const sourceFiles = new Map<HclFile, SourceFile>();
  for (const input of relevant) {
    const text = stripBom(input.text);
    const dir = normalizeDir(path.posix.dirname(input.path.replace(/\\/g, '/')));
    const sourceFile: SourceFile = { path: input.path, text };
    if (/\.tfvars\.json$/i.test(input.path)) {
      const parsed = parseJsonDocuments(text);
      const first = parsed.documents[0];
      if (parsed.error || !first) {
        const error: ScanError = { path: input.path, message: `invalid JSON variable file: ${parsed.error?.message ?? 'empty'}` };
        if (parsed.error?.line !== undefined) error.line = parsed.error.line;
        result.errors.push(error);
        continue;
      }
      const file: HclFile = { path: input.path, dir, text, body: { items: [] } };
      varFiles.set(input.path, { file, json: first.data });
      const document: LoadedDocument = { file: sourceFile, artifact: 'terraform', index: 0, data: first.data, sourceMap: first.sourceMap };
      result.documents.push(document);
      result.variableFiles.push(variableFileResource(document));
      result.stats.files++;
      continue;
    }
    const jsonSyntax = /\.tf\.json$/i.test(input.path);
    let outcome: ReturnType<typeof parseHcl>;
    try {
      outcome = jsonSyntax ? parseTerraformJson(parser, text) : parseHcl(parser, text);
    } catch (error) {
      const reason = error instanceof RangeError ? 'expressions nested too deeply' : error instanceof Error ? error.message : String(error);
      result.errors.push({ path: input.path, message: `HCL could not be read: ${reason}` });
      markBroken(modules, dir);
      continue;
    }
    if (!outcome.ok) {
      // Variable files hold secrets: what the parser met there is not quoted back.
      const reason = isVarFile(input.path) ? outcome.error.message.replace(/unexpected "(?:[^"\\]|\\.)*"/g, 'unexpected input') : outcome.error.message;
      const message = jsonSyntax ? reason : `${reason} (line ${outcome.error.line}, column ${outcome.error.column})`;
      result.errors.push({ path: input.path, line: outcome.error.line, message });
      if (!isVarFile(input.path)) {
        markBroken(modules, dir);
        continue;
      }
      // The lines that do parse are still committed values: the secret rules read them (variable inputs do not).
      const body = salvageVarFile(parser, text, outcome.error.line);
      if (body) {
        const file: HclFile = { path: input.path, dir, text, body };
        sourceFiles.set(file, sourceFile);
        varFiles.set(input.path, { file, salvaged: true });
      }
      continue;
    }
    const file: HclFile = { path: input.path, dir, text, body: outcome.body };
    if (!isVarFile(input.path) && isOverrideFile(input.path)) file.override = true;
    sourceFiles.set(file, sourceFile);
    result.stats.files++;
    if (isVarFile(input.path)) {
      varFiles.set(input.path, { file });
      continue;
    }
    let module = modules.get(dir);
    if (!module) modules.set(dir, (module = new ModuleSource(dir)));
    if (file.override) module.addOverrideFile(file);
    else module.addFile(file);
    if (input.explicit === true || input.incompleteDirectory === true) module.partial = true;
  }

  const byPath = new Map(files.map((file) => [normalizeDir(file.path), file.text]));
  const installed = installedModules(files, result.errors);
  const otherSpelling = options.cwd === undefined ? undefined : otherSpellingFrom(options.cwd);
  const readFile = (filePath: string): string | undefined => {
    const other = otherSpelling?.(filePath);
    return byPath.get(filePath) ?? (other === undefined ? undefined : byPath.get(other)) ?? options.readFile?.(filePath);
  };
  const templates = new Map<string, ParsedTemplate | null>();
  const project = new Project(modules, {
    readFile,
    template: (filePath) => {
      let parsed = templates.get(filePath);
      if (parsed === undefined) {
        const text = readFile(filePath);
        parsed = text === undefined ? null : parseTemplate(parser, filePath, text);
        templates.set(filePath, parsed);
      }
      return parsed ?? undefined;
    },
    ...(otherSpelling ? { otherSpelling } : {}),
    maxModuleDepth: options.maxModuleDepth ?? 16,
    maxInstances: options.maxInstances ?? 1000,
    installedModule: (rootDir, key) => installed.get(rootDir)?.get(key),
    omitted: omittedPredicate(options.omittedDirs ?? [], otherSpelling),
  });
  for (const module of modules.values()) {
    for (const duplicate of module.duplicates) project.report(duplicate.file, duplicate.block, duplicate.message, 'error');
    for (const problem of module.applyOverrides()) project.report(problem.file, problem.span, problem.message, module.broken ? 'warning' : 'error');
  }

  // Variable files: values per directory, in Terraform's precedence order.
  const varDocuments = new Map<string, { values: Map<string, Value>; document?: LoadedDocument; sourceMap?: TerraformSourceMap }>();
  const constants = new Evaluator();
  const evaluateVarFile = (entry: VarFileEntry): Map<string, Value> => {
    const cached = varDocuments.get(entry.file.path);
    if (cached) return cached.values;
    const values = new Map<string, Value>();
    if (entry.json !== undefined) {
      const decoded = fromJson(entry.json);
      if (decoded.t === 'object') for (const [name, value] of decoded.entries) values.set(name, value);
      varDocuments.set(entry.file.path, { values });
      return values;
    }
    const host = constantHost(project, entry.file);
    for (const item of entry.file.body.items) {
      if (item.kind === 'attribute') values.set(item.name, constants.evaluateSafely(item.expr, { host, file: entry.file, vars: new Map() }));
    }
    const sourceMap = new TerraformSourceMap(entry.file);
    const data: JsonObject = {};
    for (const item of entry.file.body.items) {
      const value = item.kind === 'attribute' ? values.get(item.name) : undefined;
      if (item.kind !== 'attribute' || !value) continue;
      data[item.name] = toJson(value);
      sourceMap.add(item.name, item, value);
    }
    const sourceFile = sourceFiles.get(entry.file) ?? { path: entry.file.path, text: entry.file.text };
    const document: LoadedDocument = { file: sourceFile, artifact: 'terraform', index: 0, data, sourceMap };
    varDocuments.set(entry.file.path, { values, document, sourceMap });
    return values;
  };
  for (const entry of varFiles.values()) evaluateVarFile(entry);

  const rootInputs = (dir: string): Map<string, Value> => {
    const inputs = new Map<string, Value>();
    const automatic = [...varFiles.values()]
      .filter((entry) => entry.salvaged !== true && entry.file.dir === dir && AUTOMATIC_VAR_FILE.test(entry.file.path))
      .sort((a, b) => varFileRank(a.file.path) - varFileRank(b.file.path) || compareText(path.posix.basename(a.file.path), path.posix.basename(b.file.path)));
    const explicit = (options.varFiles ?? []).map((name) => varFiles.get(name)).filter((entry): entry is VarFileEntry => entry !== undefined && entry.salvaged !== true);
    for (const entry of [...automatic, ...explicit]) for (const [name, value] of evaluateVarFile(entry)) inputs.set(name, value);
    return inputs;
  };

  // Evaluate.
  const roots = options.allDirectoriesAsRoots ? [...modules.keys()].sort() : project.roots();
  result.stats.modules = modules.size;
  result.stats.roots = roots.length;
  const documents = new Map<HclFile, { document: LoadedDocument; sourceMap: TerraformSourceMap; data: JsonObject }>();
  const sourceFileOf = (file: HclFile): SourceFile => sourceFiles.get(file) ?? { path: file.path, text: file.text };
  for (const module of modules.values()) {
    for (const file of [...module.files, ...module.overrideFiles]) {
      const sourceMap = new TerraformSourceMap(file);
      const data: JsonObject = {};
      documents.set(file, { document: { file: sourceFileOf(file), artifact: 'terraform', index: 0, data, sourceMap }, sourceMap, data });
    }
  }
  const kubernetesSources: KubernetesObjectSource[] = [];
  // A `templatefile()` path written as a constant (`"${path.module}/pod.yaml.tftpl"`) and the template it names, if
  // scanned (a `.yaml` one is then not loaded on its own: see loadSources).
  const templateSource = (pathExpr: Expr, file: HclFile): { parsed: ParsedTemplate; file: SourceFile } | undefined => {
    const value = constants.evaluateSafely(pathExpr, { host: constantHost(project, file), file, vars: new Map() });
    if (value.t !== 'string') return undefined;
    const parsed = project.options.template?.(normalizeDir(value.value));
    return parsed && { parsed, file: { path: parsed.file.path, text: parsed.written } };
  };
  const unknownContainers = new Map<string, UncheckedContainers>();
  for (const root of roots) {
    let instances: ResourceInstance[];
    let settings: SettingInstance[];
    try {
      ({ resources: instances, settings } = project.evaluateRoot(root, rootInputs(root)));
    } catch (error) {
      result.errors.push({ path: root, message: `internal error while evaluating the Terraform module in ${root}: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    for (const instance of instances) {
      const target = documents.get(instance.declaration.file);
      if (!target) continue;
      let key = instance.address;
      if (Object.hasOwn(target.data, key)) key = `${instance.address} @ ${instance.rootDir}`;
      const body = toJson(instance.body) as JsonObject;
      target.data[key] = body;
      target.sourceMap.add(key, instance.declaration.block, instance.body, instance.rootDir);
      const resource = toResource(instance, body, target.document, key);
      result.resources.push(resource);
      result.stats.unknownValues += countUnknowns(instance.body);
      filesReadInto(instance.body, result.filesRead);
      const containers = body.container_definitions;
      // A template whose JSON is read around its unknown interpolations (templatefile, a heredoc) is checked.
      if (resource.type === 'aws_ecs_task_definition' && containers !== undefined && isUnknown(containers) && terraformTemplateJson(containers) === undefined) {
        const line = target.sourceMap.locate([key, 'container_definitions']).startLine;
        unknownContainers.set(`${target.document.file.path}:${line}`, { path: target.document.file.path, line, address: resource.name, expression: unknownExpression(containers) });
      }
      if (resource.mode === 'managed' && isKubernetesObjectType(resource.type)) {
        kubernetesSources.push({ resource, rootDir: instance.rootDir, block: instance.declaration.block, file: instance.declaration.file, sourceFile: sourceFileOf, template: templateSource });
      }
    }
    for (const setting of settings) {
      const target = documents.get(setting.declaration.file);
      if (!target) continue;
      // A module evaluated from two roots, or a block Terraform refuses as a duplicate: keys stay apart.
      let key = setting.address;
      for (let n = 2; Object.hasOwn(target.data, key); n++) key = `${setting.address} @ ${root}${n > 2 ? ` (${n - 1})` : ''}`;
      target.data[key] = toJson(setting.body) as JsonObject;
      target.sourceMap.add(key, setting.declaration.block, setting.body);
      result.settings.push(settingResource(target.document, key, setting.declaration.kind === 'provider' ? PROVIDER_TYPE : BACKEND_TYPE));
    }
  }
  const kubernetes = terraformKubernetesObjects(kubernetesSources);
  appendAll(result.documents, kubernetes.documents);
  result.kubernetesObjects = kubernetes.resources;
  for (const document of kubernetes.documents) if (!/\.tf(\.json)?$/i.test(document.file.path)) result.templatesRead.add(document.file.path);
  result.stats.resources = result.resources.length;

  // Variable defaults are written in the configuration too: each literal default is a resource of its own, and so
  // is each `sensitive` declaration (rules tell values the configuration declares secret by it).
  for (const module of modules.values()) {
    for (const declaration of module.variables.values()) {
      const target = documents.get(declaration.file);
      const attribute = declaration.block.body.items.find((item) => item.kind === 'attribute' && item.name === 'default');
      const withDefault = declaration.defaultExpr !== undefined && !declaration.defaultFile && attribute?.kind === 'attribute';
      if (!target || (!withDefault && !declaration.sensitive)) continue;
      const key = `var.${declaration.name}`;
      if (Object.hasOwn(target.data, key)) continue;
      const body: Value & { t: 'object' } = { t: 'object', entries: new Map(), entryOrigins: new Map() };
      if (withDefault && declaration.defaultExpr && attribute?.kind === 'attribute') {
        body.entries.set('default', constants.evaluateSafely(declaration.defaultExpr, { host: constantHost(project, declaration.file), file: declaration.file, vars: new Map() }));
        body.entryOrigins?.set('default', { file: declaration.file, start: attribute.start, end: attribute.end });
      }
      if (declaration.sensitive) body.entries.set('sensitive', bool(true));
      target.data[key] = toJson(body);
      target.sourceMap.add(key, declaration.block, body);
      result.variableFiles.push(variableDefaultResource(target.document, key));
    }
  }

  for (const entry of documents.values()) result.documents.push(entry.document);
  for (const entry of varDocuments.values()) {
    if (!entry.document) continue;
    result.documents.push(entry.document);
    result.variableFiles.push(variableFileResource(entry.document));
  }
  const unchecked = uncheckedContainers([...unknownContainers.values()]);
  if (unchecked) result.notices.push(unchecked);
  const unapplied = unappliedVarFiles([...varFiles.values()], options.varFiles ?? []);
  if (unapplied) result.notices.push(unapplied);
  project.reportNotInstalled();
  for (const problem of project.problems) {
    const { severity, ...error } = problem;
    if (severity === 'notice') result.notices.push({ ...error, notice: true });
    else (severity === 'error' ? result.errors : result.warnings).push(error);
  }
  return result;
}

/** A task definition whose `container_definitions` the files do not give, where its attribute is written. */
interface UncheckedContainers {
  path: string;
  line: number;
  address: string;
  expression: string;
}

/** ` (and 4 more: a, b, c, ...)` naming some of `others`; empty for none. */
function andOthers(others: readonly string[]): string {
  return others.length === 0 ? '' : ` (and ${others.length} more: ${others.slice(0, 3).join(', ')}${others.length > 3 ? ', ...' : ''})`;
}

/**
 * One notice for the task definitions whose `container_definitions` the files do not give (`concat()` with a
 * sidecar under an unknown condition, a data source): the ECS rules cannot check their containers.
 */
function uncheckedContainers(entries: readonly UncheckedContainers[]): ScanError | undefined {
  const sorted = [...entries].sort((a, b) => compareText(a.path, b.path) || a.line - b.line);
  const [first, ...others] = sorted;
  if (first === undefined) return undefined;
  // A short one-line expression is named; a template's text is not (it may hold what the rules mask).
  const written = first.expression.length <= 120 && !first.expression.includes('\n') ? ` (${first.expression})` : '';
  // A module's output is known only when its source is in the scan: no tfvars value gives it.
  const advice = /^[\w(]*module\./.test(first.expression)
    ? 'They come from a module: scan it with its source (`terraform init` installs registry and Git modules into .terraform/modules) and the values it depends on.'
    : 'Give the values they depend on (a variable default, a tfvars file, --var-file) to check them.';
  return {
    path: first.path,
    line: first.line,
    notice: true,
    message: `The container definitions of ${first.address}${andOthers(others.map((other) => other.address))} are not known from the files${written}: their containers are not checked. ${advice}`,
  };
}

/** Variable files Terraform applies by itself to the root module of their directory. */
const AUTOMATIC_VAR_FILE = /(^|\/)(terraform\.tfvars(\.json)?|[^/]*\.auto\.tfvars(\.json)?)$/i;

/**
 * One notice for the variable files of the scan that nothing applies (`prod.tfvars`: Terraform reads it only when
 * given with `-var-file`): the roots were evaluated with their defaults, and `--var-file` checks them with its values.
 */
function unappliedVarFiles(entries: readonly VarFileEntry[], applied: readonly string[]): ScanError | undefined {
  const given = new Set(applied);
  const files = entries
    .filter((entry) => entry.salvaged !== true && !AUTOMATIC_VAR_FILE.test(entry.file.path) && !given.has(entry.file.path))
    .map((entry) => entry.file.path)
    .sort(compareText);
  const [first, ...others] = files;
  if (first === undefined) return undefined;
  return {
    path: first,
    line: 1,
    notice: true,
    message: `Terraform variable file not applied${andOthers(others)}: Terraform reads terraform.tfvars and *.auto.tfvars by itself and other files only when given with -var-file, so the root modules were checked without it. To check them with this file's values: seaworthy scan <paths> --var-file ${first}`,
  };
}

function toResource(instance: ResourceInstance, body: JsonObject, document: LoadedDocument, key: string): TerraformResource {
  const { declaration } = instance;
  const mode = declaration.mode === 'data' ? 'data' : 'managed';
  const references: TerraformReference[] = [];
  for (const { path: at, ref } of [...referencesIn(instance.body), ...instance.metaReferences]) {
    const entry: TerraformReference = { path: at, address: ref.address };
    if (ref.attribute !== undefined) entry.attribute = ref.attribute;
    if (ref.subset) entry.subset = true;
    references.push(entry);
  }
  const resource: TerraformResource = {
    artifact: 'terraform',
    type: mode === 'data' ? `data.${declaration.type}` : declaration.type,
    name: instance.address,
    body,
    document,
    basePath: [key],
    address: instance.address,
    mode,
    resourceType: declaration.type,
    resourceName: declaration.name,
    module: instance.module,
    expansion: instance.expansion,
    uncertain: instance.uncertain,
    rootDir: instance.rootDir,
    moduleDir: instance.moduleDir,
    refs: [...new Set(references.map((reference) => reference.address))],
    references,
  };
  if (instance.key !== undefined) resource.key = instance.key;
  return resource;
}

/**
 * The `.terraform/modules/modules.json` manifests of the scan: per root module directory (the one holding
 * `.terraform`), module call key (`vpc`, `eks.kms`) -> installed directory, as paths of the scan.
 */
function installedModules(files: readonly TerraformInputFile[], errors: ScanError[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const file of files) {
    const normalized = file.path.replace(/\\/g, '/');
    if (!isModulesManifest(normalized)) continue;
    const workingDir = normalizeDir(normalized.replace(/(^|\/)\.terraform\/modules\/modules\.json$/, '') || '.');
    let manifest: JsonValue;
    try {
      manifest = JSON.parse(file.text) as JsonValue;
    } catch (error) {
      errors.push({ path: file.path, message: `installed Terraform modules not read: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    const entries = isObject(manifest) && Array.isArray(manifest.Modules) ? manifest.Modules : [];
    const byKey = new Map<string, string>();
    for (const entry of entries) {
      if (!isObject(entry) || typeof entry.Key !== 'string' || typeof entry.Dir !== 'string' || entry.Key === '') continue;
      const dir = entry.Dir.replace(/\\/g, '/');
      if (path.posix.isAbsolute(dir)) continue;
      byKey.set(entry.Key, normalizeDir(path.posix.join(workingDir, dir)));
    }
    out.set(workingDir, byKey);
  }
  return out;
}

/** A path of the scan in its other spelling: absolute for a relative one that leaves `cwd`, relative for an absolute one below it. */
function otherSpellingFrom(cwd: string): (filePath: string) => string | undefined {
  const base = cwd.replace(/\\/g, '/');
  return (filePath) => {
    if (path.posix.isAbsolute(filePath)) {
      const relative = path.posix.relative(base, filePath);
      // The working directory itself is `.` in the scan's paths.
      return relative === '' ? '.' : !relative.startsWith('..') ? relative : undefined;
    }
    return filePath.startsWith('..') ? path.posix.resolve(base, filePath) : undefined;
  };
}

function markBroken(modules: Map<string, ModuleSource>, dir: string): void {
  let module = modules.get(dir);
  if (!module) modules.set(dir, (module = new ModuleSource(dir)));
  module.broken = true;
}

/** terraform.tfvars, then terraform.tfvars.json, then *.auto.tfvars(.json). */
function varFileRank(filePath: string): number {
  const base = path.posix.basename(filePath).toLowerCase();
  if (base === 'terraform.tfvars') return 0;
  if (base === 'terraform.tfvars.json') return 1;
  return 2;
}

/** Variable files hold constants: any reference in them is unknown. */
function constantHost(project: Project, file: HclFile): EvalHost {
  return {
    address: '',
    dir: file.dir,
    rootDir: file.dir,
    functions: {
      moduleDir: file.dir,
      readFile: (filePath) => {
        const text = project.options.readFile(normalizeDir(filePath));
        return text === undefined ? undefined : { path: normalizeDir(filePath), text };
      },
    },
    variable: () => undefined,
    local: () => undefined,
    moduleCall: () => undefined,
    declares: () => true,
    // A bare word in a variable file is usually a value written without quotes (a password): never repeated.
    report: (reportFile, span, message, severity) => project.report(reportFile, span, `${message.replace(/\s*"(?:[^"\\]|\\.)*"/g, '')} (variable files hold constants)`, severity),
  };
}

/**
 * A template file (`templatefile()`) parsed as the heredoc it reads like: the same `${...}` and `%{...}` syntax.
 * Null when it is not a template (a heredoc marker inside, a syntax error).
 */
function parseTemplate(parser: Awaited<ReturnType<typeof hclParser>>, filePath: string, text: string): ParsedTemplate | null {
  const marker = 'SEAWORTHY_TEMPLATE_END';
  if (text.includes(marker) || text.length > MAX_TEMPLATE_BYTES) return null;
  const heredoc = `<<${marker}\n${text}${text.endsWith('\n') || text === '' ? '' : '\n'}${marker}`;
  const wrapped = `template = ${heredoc}\n`;
  const outcome = parseHcl(parser, wrapped);
  const [attribute] = outcome.ok ? outcome.body.items : [];
  if (attribute?.kind !== 'attribute') return null;
  return { expr: attribute.expr, file: { path: filePath, dir: path.posix.dirname(filePath), text: wrapped, body: { items: [] } }, text: heredoc, written: text, writtenStart: wrapped.indexOf('\n') + 1 };
}

/** Template files above this size are left unknown (a container definition is a few KiB). */
const MAX_TEMPLATE_BYTES = 1024 * 1024;
