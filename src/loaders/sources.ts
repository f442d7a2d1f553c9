import type { LoadedDocument, Resource, ScanError, SourceFile } from '../model/types.js';
import { loadFile } from './index.js';
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
  for (const [index, file] of files.entries()) {
    if (isTerraformPath(file.path) || hcl.has(file.path)) continue;
    const yaml = options.preRead ? await options.preRead(index) : undefined;
    const loaded = loadFile(file, { explicit: file.explicit, yaml });
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
