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
  for (const [index, file] of files.entries()) {
    if (isTerraformPath(file.path)) continue;
    const yaml = options.preRead ? await options.preRead(index) : undefined;
    const loaded = loadFile(file, { explicit: file.explicit, yaml });
    if (loaded.recognized) result.recognized.add(file.path);
    add(loaded);
  }
  const terraform = files.filter((file) => isTerraformPath(file.path));
  if (terraform.length > 0) {
    const { loadTerraformFiles } = await import('./terraform/index.js');
    // Other scanned files are passed too: `file("policy.json")` reads them.
    const loaded = await loadTerraformFiles(files, options.cwd === undefined ? {} : { cwd: options.cwd });
    for (const document of loaded.documents) result.recognized.add(document.file.path);
    add({ ...loaded, resources: [...loaded.resources, ...loaded.variableFiles, ...loaded.kubernetesObjects] });
  }
  return result;
}
