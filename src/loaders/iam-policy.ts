import path from 'node:path';
import type { JsonValue, LoadedDocument, Resource } from '../model/types.js';
import { isObject } from '../util/json.js';
import type { StructuredArtifact } from './artifact.js';

/** Top-level keys an IAM policy document may have (identity, resource, trust policies, SCPs). */
const POLICY_KEYS = new Set(['Version', 'Id', 'Statement']);

/**
 * Standalone IAM policy documents as JSON (or YAML) files: identity policies, SCPs, trust policies and resource
 * policies. Recognized by content: a `Statement` and no keys other than `Version` / `Id` — so CloudFormation
 * templates (`Resources`) and Kubernetes objects (`apiVersion` / `kind`) never match. The whole document is one
 * resource of type `IAMPolicyDocument` named by the file's base name. The document is read by `src/graph/iam.ts`,
 * which also reports a `Statement` that is neither an object nor a list.
 */
export const iamPolicyArtifact: StructuredArtifact = {
  artifact: 'iam-policy',
  matches(data: JsonValue): boolean {
    if (!isObject(data) || data.Statement === undefined) return false;
    return Object.keys(data).every((key) => POLICY_KEYS.has(key));
  },
  resources(document: LoadedDocument): Resource[] {
    if (!isObject(document.data)) return [];
    const file = document.file.path;
    const name = file === '-' ? 'stdin' : path.basename(file);
    return [{ artifact: 'iam-policy', type: 'IAMPolicyDocument', name, body: document.data, document, basePath: [] }];
  },
};
