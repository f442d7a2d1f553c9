import path from 'node:path';
import type { JsonValue, LoadedDocument, Resource, ScanError, SourceFile } from '../model/types.js';
import { asObject, isObject } from '../util/json.js';
import { withParentParameters } from './cloudformation.js';
import { loadFile, type FileLoadResult } from './index.js';
import type { YamlPreRead } from './yaml.js';
import { appendAll } from '../util/collections.js';

export interface SourceInput extends SourceFile {
  /** Named on the command line (or stdin) rather than found in a directory walk. */
  explicit: boolean;
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
  // Templates another template of the scan nests (a local TemplateURL) come last, with what their parent passes.
  const nested = nestedTemplatePaths(files);
  const entries = [...files.entries()];
  const ordered = nested.size === 0 ? entries : [...entries.filter(([, file]) => !nested.has(file.path)), ...entries.filter(([, file]) => nested.has(file.path))];
  for (const [index, file] of ordered) {
    if (isTerraformPath(file.path) || hcl.has(file.path)) continue;
    const yaml = options.preRead ? await options.preRead(index) : undefined;
    const load = (): FileLoadResult => loadFile(file, { explicit: file.explicit, yaml });
    const passed = nested.has(file.path) ? parametersPassedTo(file.path, result.resources) : undefined;
    const loaded = passed ? withParentParameters(file.path, passed, load) : load();
    if (loaded.recognized) result.recognized.add(file.path);
    add(loaded);
  }
  if (terraform.length > 0) {
    const { loadTerraformFiles } = await import('./terraform/index.js');
    // Other scanned files are passed too: `file("policy.json")` reads them.
    const inputs = files.map((file) => (hcl.has(file.path) ? { ...file, hcl: true } : file));
    const loaded = await loadTerraformFiles(inputs, options.cwd === undefined ? {} : { cwd: options.cwd });
    for (const document of loaded.documents) result.recognized.add(document.file.path);
    add({ ...loaded, resources: [...loaded.resources, ...loaded.variableFiles, ...loaded.kubernetesObjects] });
  }
  return result;
}

/** A TemplateURL that is a path next to its template (as `aws cloudformation package` takes it), not a URL or an intrinsic. */
const LOCAL_TEMPLATE_URL = /TemplateURL["']?\s*:\s*["']?([^"'\s,}]+)/g;

function localTemplatePath(parentPath: string, url: string): string | undefined {
  if (/^(https?|s3):\/\//i.test(url) || /[!${}]/.test(url)) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(parentPath.replace(/\\/g, '/')), url));
}

/** The files of the scan that a CloudFormation template of the scan nests through a local TemplateURL. */
function nestedTemplatePaths(files: readonly SourceInput[]): Set<string> {
  const paths = new Set(files.map((file) => file.path));
  const nested = new Set<string>();
  for (const file of files) {
    if (!file.text.includes('TemplateURL') || !file.text.includes('AWS::CloudFormation::Stack')) continue;
    for (const match of file.text.matchAll(LOCAL_TEMPLATE_URL)) {
      const child = localTemplatePath(file.path, match[1] ?? '');
      if (child !== undefined && child !== file.path && paths.has(child)) nested.add(child);
    }
  }
  return nested;
}

/**
 * The parameter values the AWS::CloudFormation::Stack resources loaded so far pass to the template at `childPath`:
 * a literal when every such stack passes the same one, otherwise unknown (undefined); names no stack passes keep
 * their default. Undefined when no loaded stack nests it.
 */
function parametersPassedTo(childPath: string, resources: readonly Resource[]): Map<string, JsonValue | undefined> | undefined {
  const stacks = resources.filter((resource) => {
    if (resource.artifact !== 'cloudformation' || resource.type !== 'AWS::CloudFormation::Stack') return false;
    const url = asObject(resource.body.Properties)?.TemplateURL;
    return typeof url === 'string' && localTemplatePath(resource.document.file.path, url) === childPath;
  });
  if (stacks.length === 0) return undefined;
  const passed = new Map<string, JsonValue | undefined>();
  const names = new Set(stacks.flatMap((stack) => Object.keys(asObject(asObject(stack.body.Properties)?.Parameters) ?? {})));
  for (const name of names) {
    const values = stacks.map((stack) => asObject(asObject(stack.body.Properties)?.Parameters)?.[name]);
    const [first] = values;
    const same = values.every((value) => value !== undefined && JSON.stringify(value) === JSON.stringify(first));
    passed.set(name, same && first !== undefined && !isObject(first) ? first : undefined);
  }
  return passed;
}
