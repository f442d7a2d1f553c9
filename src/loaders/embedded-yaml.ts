import type { JsonValue, LoadedDocument, NodePath, Resource, SourceFile, SourceMap, SourceRange } from '../model/types.js';
import { isObject } from '../util/json.js';
import { CLUSTER_SCOPED_KINDS, kubernetesArtifact } from './kubernetes.js';
import { lineIndexOf } from './line-index.js';
import { parseYamlStream } from './yaml.js';

/** Kubernetes documents read from inside another file, and their objects. */
export interface EmbeddedObjects {
  documents: LoadedDocument[];
  resources: Resource[];
}

/** Masked expressions of a region: its text with each one rewritten at the same length, and the originals. */
export interface MaskedRegion {
  text: string;
  /** Masked token -> the text it replaces, put back into the parsed values. */
  originals: ReadonlyMap<string, string>;
}

export interface EmbeddedYamlOptions {
  /** Rewrites expressions YAML cannot hold (`{{ }}`, `${ }` with quotes) at the same length (positions hold). */
  mask?: (region: string) => MaskedRegion;
  /** Tabs count as indentation (a Terraform `<<-` heredoc strips them as spaces); YAML's own is spaces only. */
  tabsIndent?: boolean;
}

/**
 * Kubernetes objects written as YAML inside another file: a Terraform `kubectl_manifest` heredoc, an Argo
 * Workflows `resource` template's `manifest`. `file.text.slice(start, end)` is the YAML as written, whole lines
 * from `start`. Its common indentation is removed (a `---` between documents must start its line), it is parsed
 * on its own, and its source maps move ranges back to the host file's lines and columns: findings, code frames
 * and comment suppressions work as in any manifest. A region that does not read as YAML gives nothing: the host
 * file is valid, only its embedded text cannot be read statically.
 */
export function embeddedKubernetesObjects(
  file: SourceFile,
  start: number,
  end: number,
  firstIndex: number,
  options: EmbeddedYamlOptions = {},
): EmbeddedObjects {
  const documents: LoadedDocument[] = [];
  const resources: Resource[] = [];
  try {
    const masked = options.mask?.(file.text.slice(start, end)) ?? { text: file.text.slice(start, end), originals: new Map<string, string>() };
    const lines = masked.text.split('\n');
    const leading = options.tabsIndent ? /^[ \t]*/ : /^ */;
    let indent = Infinity;
    for (const line of lines) if (line.trim() !== '') indent = Math.min(indent, leading.exec(line)?.[0].length ?? 0);
    if (!Number.isFinite(indent)) return { documents, resources };
    const stream = parseYamlStream(lines.map((line) => line.slice(indent)).join('\n'));
    // A repeated key is read as go-yaml reads it (the last value); any other problem leaves the region out.
    if (stream.problems.some((problem) => problem.duplicateKey !== true)) return { documents, resources };
    const lineOffset = lineIndexOf(file).position(start).line - 1;
    for (const parsed of stream.documents) {
      const data = masked.originals.size > 0 ? restore(parsed.data, masked.originals) : parsed.data;
      addKubernetesDocument({ documents, resources }, file, firstIndex + documents.length, data, shifted(parsed.sourceMap, lineOffset, indent));
    }
  } catch {
    // An embedded region costs only itself: the host file's own documents are read as usual.
    return { documents: [], resources: [] };
  }
  return { documents, resources };
}

/** Adds `data`, when it is a Kubernetes object, as a document of `file` with its resources. */
export function addKubernetesDocument(into: EmbeddedObjects, file: SourceFile, index: number, data: JsonValue, sourceMap: SourceMap): void {
  if (!kubernetesArtifact.matches(data)) return;
  const document: LoadedDocument = { file, artifact: 'kubernetes', index, data, sourceMap };
  into.documents.push(document);
  into.resources.push(...kubernetesArtifact.resources(document));
}

/** A source map of a region parsed on its own, its ranges moved to the host file's lines and columns. */
function shifted(map: SourceMap, lines: number, columns: number): SourceMap {
  if (lines === 0 && columns === 0) return map;
  const shift = (range: SourceRange): SourceRange => ({
    ...range,
    startLine: range.startLine + lines,
    endLine: range.endLine + lines,
    startColumn: range.startColumn + columns,
    endColumn: range.endColumn + columns,
  });
  return {
    locate: (path: NodePath) => shift(map.locate(path)),
    locateValue: (path: NodePath) => {
      const range = map.locateValue(path);
      return range && shift(range);
    },
  };
}

/** `value` with every masked token in its strings and keys put back as written. */
function restore(value: JsonValue, originals: ReadonlyMap<string, string>): JsonValue {
  const put = (text: string): string => {
    let out = text;
    for (const [token, original] of originals) if (out.includes(token)) out = out.split(token).join(original);
    return out;
  };
  if (typeof value === 'string') return put(value);
  if (Array.isArray(value)) return value.map((item) => restore(item, originals));
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [put(key), item === undefined ? null : restore(item, originals)]));
}

/** YAML indicators inside an expression, replaced so that the masked token is one plain scalar anywhere. */
const YAML_INDICATORS = /[{}[\](),:#"'&*!|>%@`\\]/g;

/**
 * Masks each one-line expression of a region (`spans` are offsets into the region; `open` and `close` the
 * lengths of its delimiters) as `$(` + its inside with YAML indicators made `_` + `)`, padded to the original
 * length: one plain scalar wherever it stands, and a template expression to the rules. Two different
 * expressions that mask alike are not put back.
 */
export function maskExpressions(region: string, spans: ReadonlyArray<{ start: number; end: number; open: number; close: number }>): MaskedRegion {
  const originals = new Map<string, string>();
  const ambiguous = new Set<string>();
  let text = '';
  let cursor = 0;
  for (const { start, end, open, close } of spans) {
    const original = region.slice(start, end);
    if (start < cursor || end > region.length || original.length < open + close || original.includes('\n')) continue;
    const token = `$(${original.slice(open, original.length - close).replace(YAML_INDICATORS, '_')})`.padEnd(original.length, '_');
    text += region.slice(cursor, start) + token;
    if (originals.has(token) && originals.get(token) !== original) ambiguous.add(token);
    originals.set(token, original);
    cursor = end;
  }
  for (const token of ambiguous) originals.delete(token);
  return { text: text + region.slice(cursor), originals };
}

/** Puts the namespaced objects whose namespace `replace` accepts (none, a placeholder, any) in `namespace`. */
export function placeInNamespace(resources: readonly Resource[], namespace: string, replace: (current: string | undefined) => boolean): void {
  for (const resource of resources) {
    if (!CLUSTER_SCOPED_KINDS.has(resource.type) && replace(resource.namespace)) resource.namespace = namespace;
  }
}
