import type { LoadedDocument, Resource } from '../../model/types.js';
import { isObject } from '../../util/json.js';

/** Type of the resources that stand for variable files. */
export const TFVARS_TYPE = 'tfvars';

/**
 * A variable file (`.tfvars`, `.tfvars.json`) as a resource of type `tfvars` named by its path, whose body is its
 * values: what it assigns is written in the repository, so rules check it (a committed password).
 */
export function variableFileResource(document: LoadedDocument): Resource {
  const body = isObject(document.data) ? document.data : {};
  return { artifact: 'terraform', type: TFVARS_TYPE, name: document.file.path, body, document, basePath: [] };
}
