import path from 'node:path';
import type { JsonObject, LoadedDocument, Resource, ScanError, SourceFile } from '../model/types.js';
import { asObject, getPath, isObject } from '../util/json.js';
import { withParentParameters } from './cloudformation.js';
import type { PassedParameter } from './cloudformation-eval.js';
import { loadFile, type FileLoadResult } from './index.js';
import { nestedTemplatePath, templateUrlText } from './nested-templates.js';
import type { YamlPreRead } from './yaml.js';
import { appendAll } from '../util/collections.js';

export interface SourceInput extends SourceFile {
  /** Named on the command line (or stdin) rather than found in a directory walk. */
  explicit: boolean;
  /** Terraform: other `.tf` files of its directory were left out of the scan (see DiscoveredFile). */
  incompleteDirectory?: boolean;
}

export interface SourcesLoadResult {
  documents: LoadedDocument[];
  resources: Resource[];
  errors: ScanError[];
  /** Paths of the files that held at least one document of a known type. */
  recognized: Set<string>;
}

/** The files the Terraform loader reads (kept here so a scan without them never loads the wasm parser). */
export function isTerraformPath(filePath: string): boolean {
  return /\.(tf|tf\.json|tfvars|tfvars\.json)$/i.test(filePath);
}

/** A top-level Terraform block (`resource "aws_x" "y" {`, `terraform {`): what no YAML or JSON document starts a line with. */
const HCL_BLOCK = /^(resource|data|module|variable|output|locals|provider|terraform|ephemeral|check|import|moved|removed)(\s+"[^"\n]*")*\s*\{\s*$/m;

/**
 * Terraform by name, or by content for a file named on the command line (or standard input) whose name says
 * nothing of YAML or JSON.
 */
function isTerraformInput(file: SourceInput): boolean {
  if (isTerraformPath(file.path)) return true;
  return file.explicit && !/\.(ya?ml|json|template)$/i.test(file.path) && HCL_BLOCK.test(file.text);
}

/**
 * Whether loadSources reads the file as a document of its own (and asks `preRead` for it): not Terraform, which is
 * loaded module by module, nor a Terraform template found in a directory walk (text for `templatefile()`).
 */
export function loadedOnItsOwn(file: SourceInput): boolean {
  return !isTerraformInput(file) && !(TERRAFORM_TEMPLATE.test(file.path) && file.explicit !== true);
}

export interface LoadSourcesOptions {
  /** The working directory the files' paths are shown from (see TerraformLoadOptions.cwd). */
  cwd?: string;
  /**
   * Given each file's resources as soon as they are loaded, in file order (Terraform's last): a scan checks
   * them while later files are still being read.
   */
  onResources?: (resources: readonly Resource[]) => void;
  /**
   * preReadYamlStream of the file at `index` (of yamlTextOf its text), done elsewhere: a worker thread reads
   * the next files while this one checks the last (yaml-worker-client.ts). Undefined: read it here.
   */
  preRead?: (index: number) => Promise<YamlPreRead | undefined>;
  /** Directories left out of the scan (see TerraformLoadOptions.omittedDirs). */
  omittedDirs?: readonly string[];
  /** Terraform variable files to apply, as the files' paths are shown (see TerraformLoadOptions.varFiles). */
  varFiles?: readonly string[];
}

/**
 * Loads files that have been read: YAML and JSON one by one, Terraform together (a module spans the files of
 * its directory, and modules call each other across directories).
 */
export async function loadSources(files: readonly SourceInput[], options: LoadSourcesOptions = {}): Promise<SourcesLoadResult> {
  const result: SourcesLoadResult = { documents: [], resources: [], errors: [], recognized: new Set() };
  const add = (loaded: { documents: LoadedDocument[]; resources: Resource[]; errors: ScanError[] }): void => {
    appendAll(result.errors, loaded.errors);
    appendAll(result.documents, loaded.documents);
    appendAll(result.resources, loaded.resources);
    options.onResources?.(loaded.resources);
  };
  const terraform = files.filter(isTerraformInput);
  const hcl = new Set(terraform.filter((file) => !isTerraformPath(file.path)).map((file) => file.path));
  // Templates another template of the scan nests (a local TemplateURL) come after their parents, with what those pass.
  const resolve = (filePath: string): string => path.resolve(options.cwd ?? '/', filePath);
  const parents = nestedTemplates(files, resolve);
  const filePaths = files.map((file) => resolve(file.path));
  // Policy files a Terraform file may read with `file()`, and Kubernetes objects it may apply from a template (often
  // not valid YAML until rendered: `zones: [${azs}a]`): checked once Terraform has said whether it read them.
  const mayBeRead = filesNamedByTerraform(terraform, resolve);
  const held: Array<{ file: SourceInput; loaded: FileLoadResult; template: boolean }> = [];
  for (const [index, file] of parentsFirst([...files.entries()], parents, resolve)) {
    if (!loadedOnItsOwn(file)) continue;
    const yaml = options.preRead ? await options.preRead(index) : undefined;
    const load = (): FileLoadResult => loadFile(file, { explicit: file.explicit, yaml });
    const passed = parents.has(resolve(file.path)) ? parametersPassedTo(resolve(file.path), result.resources, resolve, filePaths) : undefined;
    const loaded = passed ? withParentParameters(file.path, passed, load) : load();
    if (loaded.recognized) result.recognized.add(file.path);
    const named = mayBeRead.has(resolve(file.path));
    if (named && loaded.documents.length > 0 && loaded.documents.every((document) => document.artifact === 'iam-policy')) held.push({ file, loaded, template: false });
    else if (named && (loaded.errors.length > 0 || (loaded.documents.length > 0 && loaded.documents.every((document) => document.artifact === 'kubernetes')))) held.push({ file, loaded, template: true });
    else add(loaded);
  }
  let readByTerraform: ReadonlySet<string> = new Set();
  let templatesRead: ReadonlySet<string> = new Set();
  if (terraform.length > 0) {
    const { loadTerraformFiles } = await import('./terraform/index.js');
    // Other scanned files are passed too: `file("policy.json")` reads them.
    const inputs = files.map((file) => (hcl.has(file.path) ? { ...file, hcl: true } : file));
    const loaded = await loadTerraformFiles(inputs, {
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      ...(options.omittedDirs ? { omittedDirs: options.omittedDirs } : {}),
      ...(options.varFiles ? { varFiles: options.varFiles } : {}),
    });
    for (const document of loaded.documents) result.recognized.add(document.file.path);
    // Files Terraform read into what it checks (`file()`, `templatefile()`): findings may point into them.
    const inputPaths = new Set(files.map((file) => file.path));
    for (const read of [...loaded.filesRead, ...loaded.templatesRead]) if (inputPaths.has(read)) result.recognized.add(read);
    add({ ...loaded, errors: [...loaded.errors, ...loaded.notices], resources: [...loaded.resources, ...loaded.variableFiles, ...loaded.settings, ...loaded.kubernetesObjects] });
    readByTerraform = new Set([...loaded.filesRead].map(resolve));
    templatesRead = new Set([...loaded.templatesRead].map(resolve));
  }
  // A policy that a Terraform resource holds is checked as that resource's policy, at its lines in the file:
  // checked on its own as well, each finding would be reported twice. A template whose objects Terraform read is
  // checked that way only (its `${...}` unknown), and what reading it on its own said is moot.
  for (const { file, loaded, template } of held) {
    if (template ? templatesRead.has(resolve(file.path)) : readByTerraform.has(resolve(file.path))) {
      if (!template) appendAll(result.errors, loaded.errors);
    } else add(loaded);
  }
  return result;
}

/** Terraform template files (`templatefile()`): `.tftpl`, `.tpl`. */
const TERRAFORM_TEMPLATE = /\.(tftpl|tpl)$/i;

/** `file("policy.json")`, `templatefile("${path.module}/policies/x.json", {...})`: a literal path, from the module's directory. */
const TERRAFORM_FILE_CALL = /\b(?:file|templatefile)\(\s*"(?:\$\{path\.(?:module|root|cwd)\}\/)?([^"$%{}]+)"\s*[,)]/g;

/**
 * The files (absolute paths) that Terraform files of the scan name in a `file()` call with a literal path, from the
 * calling file's directory or the scan's: candidates only, the evaluation says which ones a resource holds.
 */
function filesNamedByTerraform(terraform: readonly SourceInput[], resolve: (filePath: string) => string): Set<string> {
  const named = new Set<string>();
  for (const file of terraform) {
    if (!file.text.includes('file(')) continue;
    const dir = path.dirname(resolve(file.path));
    for (const match of file.text.matchAll(TERRAFORM_FILE_CALL)) {
      named.add(path.resolve(dir, match[1] ?? ''));
      named.add(resolve(match[1] ?? ''));
    }
  }
  return named;
}

/** A TemplateURL written as one string: a path next to its template (as `aws cloudformation package` takes it) or a URL. */
const TEMPLATE_URL = /TemplateURL["']?\s*:\s*["']?([^"'\s,}]+)/g;
/** A template path with a folder anywhere in a parent's text: the static end of a TemplateURL built with Fn::Sub / Fn::Join. */
const TEMPLATE_PATH = /(?<![\w./-])[\w.-]+(?:\/[\w.-]+)+\.(?:ya?ml|json|template)\b/g;

/**
 * The files of the scan that a CloudFormation template of the scan may nest, with their parents (absolute paths),
 * read from the text before parsing so that parents load first: which stack passes what is decided once they are.
 */
function nestedTemplates(files: readonly SourceInput[], resolve: (filePath: string) => string): Map<string, Set<string>> {
  const paths = files.map((file) => resolve(file.path));
  const parents = new Map<string, Set<string>>();
  for (const file of files) {
    if (!file.text.includes('TemplateURL') || !file.text.includes('AWS::CloudFormation::Stack')) continue;
    const parent = resolve(file.path);
    const urls = new Set([...file.text.matchAll(TEMPLATE_URL)].map((match) => match[1] ?? ''));
    for (const match of file.text.matchAll(TEMPLATE_PATH)) urls.add(`s3://unresolved/${match[0]}`);
    for (const url of urls) {
      const child = nestedTemplatePath(url, parent, paths);
      if (child === undefined || child === parent) continue;
      let set = parents.get(child);
      if (!set) parents.set(child, (set = new Set()));
      set.add(parent);
    }
  }
  return parents;
}

/** The files in scan order, each nested template after the templates that nest it (a cycle keeps scan order). */
function parentsFirst<T extends [number, SourceInput]>(entries: T[], parents: ReadonlyMap<string, ReadonlySet<string>>, resolve: (filePath: string) => string): T[] {
  if (parents.size === 0) return entries;
  const out: T[] = [];
  const done = new Set<string>();
  let pending = entries;
  while (pending.length > 0) {
    const ready = pending.filter(([, file]) => [...(parents.get(resolve(file.path)) ?? [])].every((parent) => done.has(parent) || parent === resolve(file.path)));
    const next = ready.length > 0 ? ready : pending.slice(0, 1);
    for (const entry of next) {
      out.push(entry);
      done.add(resolve(entry[1].path));
    }
    pending = pending.filter((entry) => !next.includes(entry));
  }
  return out;
}

/**
 * The parameter values the AWS::CloudFormation::Stack resources loaded so far pass to the template at `child`
 * (absolute): a literal when every such stack passes the same one, otherwise unknown; certain when each parent
 * writes it, not when it comes from a parent's own parameter default. Names no stack passes keep their default.
 * Undefined when no loaded stack nests it.
 */
function parametersPassedTo(child: string, resources: readonly Resource[], resolve: (filePath: string) => string, paths: readonly string[]): Map<string, PassedParameter> | undefined {
  const stacks = resources.filter((resource) => {
    if (resource.artifact !== 'cloudformation' || resource.type !== 'AWS::CloudFormation::Stack') return false;
    const url = templateUrlText(asObject(resource.body.Properties)?.TemplateURL);
    return url !== undefined && nestedTemplatePath(url, resolve(resource.document.file.path), paths) === child;
  });
  if (stacks.length === 0) return undefined;
  const passed = new Map<string, PassedParameter>();
  const parametersOf = (stack: Resource): JsonObject => asObject(asObject(stack.body.Properties)?.Parameters) ?? {};
  // As written in the parent, before its own defaults were applied.
  const writtenOf = (stack: Resource): JsonObject => asObject(asObject(asObject(getPath(stack.document.data, [...stack.basePath]))?.Properties)?.Parameters) ?? {};
  for (const name of new Set(stacks.flatMap((stack) => Object.keys(parametersOf(stack))))) {
    const values = stacks.map((stack) => parametersOf(stack)[name]);
    const [first] = values;
    // CloudFormation passes every value as a string: "22" and 22 are the same.
    const same = values.every((value) => value !== undefined && !isObject(value) && JSON.stringify(typeof value === 'number' ? String(value) : value) === JSON.stringify(typeof first === 'number' ? String(first) : first));
    const certain = stacks.every((stack) => !isObject(writtenOf(stack)[name]));
    // One parent passing a value from its own defaults: its parameter (`!Ref ParentCidr`), or the branch a condition
    // takes with them (`!If [IsDev, optional, required]`).
    const [only] = stacks;
    const origin = !certain && only && stacks.length === 1 ? only.parameterDefaults?.find((entry) => entry.path.length >= 3 && entry.path[0] === 'Properties' && entry.path[1] === 'Parameters' && entry.path[2] === name) : undefined;
    passed.set(name, {
      value: same && first !== undefined && !isObject(first) ? first : undefined,
      certain,
      ...(origin === undefined ? {} : origin.condition ? { parentCondition: { ...origin.condition, parameters: origin.parameter } } : { parentDefault: origin.parameter }),
    });
  }
  return passed;
}
