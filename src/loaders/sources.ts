import type { LoadedDocument, Resource, ScanError, SourceFile } from '../model/types.js';
import { loadFile } from './index.js';

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

/**
 * Loads files that have been read: YAML and JSON one by one, Terraform together (a module spans the files of
 * its directory, and modules call each other across directories).
 */
export async function loadSources(files: readonly SourceInput[]): Promise<SourcesLoadResult> {
  const result: SourcesLoadResult = { documents: [], resources: [], errors: [], recognized: new Set() };
  const terraform = files.filter((file) => isTerraformPath(file.path));
  for (const file of files) {
    if (isTerraformPath(file.path)) continue;
    const loaded = loadFile(file, { explicit: file.explicit });
    result.errors.push(...loaded.errors);
    if (!loaded.recognized) continue;
    result.recognized.add(file.path);
    result.documents.push(...loaded.documents);
    result.resources.push(...loaded.resources);
  }
  if (terraform.length > 0) {
    const { loadTerraformFiles } = await import('./terraform/index.js');
    // Other scanned files are passed too: `file("policy.json")` reads them.
    const loaded = await loadTerraformFiles(files);
    result.errors.push(...loaded.errors);
    for (const document of loaded.documents) result.recognized.add(document.file.path);
    result.documents.push(...loaded.documents);
    result.resources.push(...loaded.resources);
  }
  return result;
}
