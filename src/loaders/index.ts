import path from 'node:path';
import type { LoadedDocument, Resource, ScanError, SourceFile } from '../model/types.js';
import type { StructuredArtifact } from './artifact.js';
import { JsonSyntaxError, MAX_NESTING_DEPTH, findExcessiveNesting, parseJson } from './json.js';
import { kubernetesArtifact } from './kubernetes.js';
import { parseYamlStream, type ParsedYamlDocument } from './yaml.js';

/** Structured artifacts in the order they claim documents. */
export const STRUCTURED_ARTIFACTS: readonly StructuredArtifact[] = [kubernetesArtifact];

export interface FileLoadResult {
  documents: LoadedDocument[];
  resources: Resource[];
  errors: ScanError[];
  /** True when at least one document was of a known artifact type. */
  recognized: boolean;
}

/** Extensions whose content we expect to be YAML or JSON: parse failures there are errors, not skips. */
const STRUCTURED_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template']);

/**
 * Parses a file and splits it into documents and resources. `expectStructured` makes syntax errors errors
 * (a `.yaml` file, stdin, a file named on the command line); otherwise a file that does not parse is simply
 * not of a type we know.
 */
export function loadFile(file: SourceFile, options: { explicit: boolean }): FileLoadResult {
  const extension = path.extname(file.path).toLowerCase();
  const expectStructured = options.explicit || STRUCTURED_EXTENSIONS.has(extension);
  const result: FileLoadResult = { documents: [], resources: [], errors: [], recognized: false };
  const looksJson = extension === '.json' || /^\s*[[{]/.test(file.text.slice(0, 512));

  let parsed: ParsedYamlDocument[] = [];
  if (looksJson) {
    try {
      const { data, sourceMap } = parseJson(file.text);
      parsed = [{ index: 0, data, sourceMap }];
    } catch (error) {
      // Flow-style YAML also starts with `{`: fall back to YAML unless the extension says JSON.
      if (extension === '.json') {
        if (expectStructured) result.errors.push(jsonError(file, error));
        return result;
      }
    }
  }
  if (parsed.length === 0) {
    const deepAt = findExcessiveNesting(file.text, MAX_NESTING_DEPTH);
    if (deepAt !== -1) {
      if (expectStructured) {
        const line = file.text.slice(0, deepAt).split('\n').length;
        result.errors.push({ path: file.path, message: `document nested deeper than ${MAX_NESTING_DEPTH} levels`, line });
      }
      return result;
    }
    let stream;
    try {
      stream = parseYamlStream(file.text);
    } catch (error) {
      if (expectStructured) result.errors.push({ path: file.path, message: describeParserCrash(error) });
      return result;
    }
    parsed = stream.documents;
    if (expectStructured || stream.documents.length > 0) {
      for (const problem of stream.problems) {
        const entry: ScanError = { path: file.path, message: problem.message };
        if (problem.line !== undefined) entry.line = problem.line;
        result.errors.push(entry);
      }
    }
  }

  for (const doc of parsed) {
    const artifact = STRUCTURED_ARTIFACTS.find((candidate) => candidate.matches(doc.data));
    if (!artifact) continue;
    const document: LoadedDocument = { file, artifact: artifact.artifact, index: doc.index, data: doc.data, sourceMap: doc.sourceMap };
    result.documents.push(document);
    result.resources.push(...artifact.resources(document));
    result.recognized = true;
  }
  return result;
}

function jsonError(file: SourceFile, error: unknown): ScanError {
  if (error instanceof JsonSyntaxError) {
    const entry: ScanError = { path: file.path, message: error.message };
    if (error.line !== undefined) entry.line = error.line;
    return entry;
  }
  return { path: file.path, message: describeParserCrash(error) };
}

function describeParserCrash(error: unknown): string {
  if (error instanceof RangeError) return 'document too deeply nested to parse';
  return `could not parse: ${error instanceof Error ? error.message : String(error)}`;
}
