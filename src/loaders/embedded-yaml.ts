import type { LoadedDocument, NodePath, Resource, SourceFile, SourceMap, SourceRange } from '../model/types.js';
import { kubernetesArtifact } from './kubernetes.js';
import { parseYamlStream } from './yaml.js';

/**
 * Kubernetes objects written as YAML inside another file: a Terraform `kubectl_manifest` heredoc, an Argo
 * Workflows `resource` template's `manifest`. `text.slice(start, end)` is the YAML as written, whole lines from
 * `start`. Its common indentation is removed (a `---` between documents must start its line), and it is parsed
 * behind as many blank lines as put it at its own lines; ranges get the indentation back. So its documents carry
 * the host file's positions: findings, code frames and comment suppressions work as in any manifest. A region
 * that does not read as YAML gives nothing: the host file is valid, only its embedded text cannot be read
 * statically.
 */
export function embeddedKubernetesObjects(
  file: SourceFile,
  start: number,
  end: number,
  firstIndex: number,
  /** Rewrites the region's text before it is parsed, keeping its length (expressions YAML cannot hold). */
  mask: (region: string) => string = (region) => region,
): { documents: LoadedDocument[]; resources: Resource[] } {
  const documents: LoadedDocument[] = [];
  const resources: Resource[] = [];
  const lines = mask(file.text.slice(start, end)).split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0));
  if (!Number.isFinite(indent)) return { documents, resources };
  let lineBreaks = 0;
  for (let at = file.text.indexOf('\n'); at !== -1 && at < start; at = file.text.indexOf('\n', at + 1)) lineBreaks++;
  const stream = parseYamlStream('\n'.repeat(lineBreaks) + lines.map((line) => line.slice(indent)).join('\n'));
  if (stream.problems.length > 0) return { documents, resources };
  for (const parsed of stream.documents) {
    if (!kubernetesArtifact.matches(parsed.data)) continue;
    const sourceMap = indent === 0 ? parsed.sourceMap : indented(parsed.sourceMap, indent);
    const document: LoadedDocument = { file, artifact: 'kubernetes', index: firstIndex + documents.length, data: parsed.data, sourceMap };
    documents.push(document);
    resources.push(...kubernetesArtifact.resources(document));
  }
  return { documents, resources };
}

/** A source map of dedented text, its columns moved back by `indent`. */
function indented(map: SourceMap, indent: number): SourceMap {
  const shift = (range: SourceRange): SourceRange => ({ ...range, startColumn: range.startColumn + indent, endColumn: range.endColumn + indent });
  return {
    locate: (path: NodePath) => shift(map.locate(path)),
    locateValue: (path: NodePath) => {
      const range = map.locateValue(path);
      return range && shift(range);
    },
  };
}
