import type { JsonObject, JsonValue, LoadedDocument, NodePath, Resource, SourceFile, SourceMap } from '../../model/types.js';
import { isObject, stableStringify } from '../../util/json.js';
import { UNKNOWN_KEY } from '../../util/unknown.js';
import { isUnresolved } from '../../util/template.js';
import { embeddedKubernetesObjects } from '../embedded-yaml.js';
import { kubernetesArtifact } from '../kubernetes.js';
import type { Block, Expr, HclFile } from './ast.js';
import { providerKind, providerObject } from './kubernetes-provider.js';

/**
 * Kubernetes objects that Terraform applies, handed to the Kubernetes rules like any manifest:
 * - `kubernetes_manifest` (hashicorp/kubernetes): `manifest` as evaluated, located in the HCL object that
 *   writes it. An unknown value (`var.cidrs`, a data source) becomes a `${...}` template expression, which the
 *   Kubernetes rules read as unknown, as they read Helm's `{{ }}`. `yamldecode(<<EOT ... EOT)` is read like
 *   `kubectl_manifest`'s heredoc.
 * - `kubectl_manifest` (gavinbunney/kubectl, alekc/kubectl): a `yaml_body` heredoc, read as written (an
 *   interpolation stays a template expression, so unknown) at its own lines.
 * - the provider's typed resources (`kubernetes_deployment_v1`, `kubernetes_role`, ...), read as the objects
 *   they create (kubernetes-provider.ts).
 * Not read: heredocs with `%{ }` directives, `templatefile(...)` and `file(...)` (the file is scanned on its
 * own), `each.value` from `kubectl_file_documents` and other computed values.
 */
export function isKubernetesObjectType(type: string): boolean {
  return type === 'kubernetes_manifest' || type === 'kubectl_manifest' || providerKind(type) !== undefined;
}

export interface KubernetesObjectSource {
  /** The evaluated Terraform resource instance, of a type `isKubernetesObjectType` accepts. */
  resource: Resource;
  /** The block that declares it, and the file that holds the block. */
  block: Block;
  file: HclFile;
  sourceFile: (file: HclFile) => SourceFile;
}

export function terraformKubernetesObjects(sources: readonly KubernetesObjectSource[]): { documents: LoadedDocument[]; resources: Resource[] } {
  const documents: LoadedDocument[] = [];
  const resources: Resource[] = [];
  const seen = new Set<string>();
  // Document indexes per file: 0 is the file's Terraform document.
  const documentCount = new Map<string, number>();
  const add = (loaded: { documents: LoadedDocument[]; resources: Resource[] }): void => {
    for (const document of loaded.documents) documentCount.set(document.file.path, document.index + 1);
    documents.push(...loaded.documents);
    resources.push(...loaded.resources);
  };
  const addYaml = (file: SourceFile, expr: Expr): void => {
    const region = heredocContent(file.text, expr);
    const key = region && `${file.path}\u0000${region.start}`;
    if (!region || !key || seen.has(key)) return; // one heredoc, however many instances
    seen.add(key);
    add(embeddedKubernetesObjects(file, region.start, region.end, documentCount.get(file.path) ?? 1));
  };

  const addObject = (resource: Resource, object: JsonObject, sourceMap: SourceMap): void => {
    if (!kubernetesArtifact.matches(object) || isUnresolved(object.kind) || isUnresolved(object.apiVersion)) return;
    const key = `${resource.document.file.path}\u0000${stableStringify(object)}`;
    if (seen.has(key)) return; // the same object from several root modules or identical instances
    seen.add(key);
    const { file } = resource.document;
    const document: LoadedDocument = { file, artifact: 'kubernetes', index: documentCount.get(file.path) ?? 1, data: object, sourceMap };
    add({ documents: [document], resources: kubernetesArtifact.resources(document) });
  };

  for (const source of sources) {
    const { resource } = source;
    if (resource.type !== 'kubernetes_manifest' && resource.type !== 'kubectl_manifest') {
      const body = withTemplates(resource.body);
      const converted = isObject(body) ? providerObject(resource.type, body, resource.document.sourceMap, resource.basePath) : undefined;
      if (converted) addObject(resource, converted.object, converted.sourceMap);
      continue;
    }
    const attributeName = resource.type === 'kubectl_manifest' ? 'yaml_body' : 'manifest';
    const attribute = source.block.body.items.find((item) => item.kind === 'attribute' && item.name === attributeName);
    if (attribute?.kind !== 'attribute') continue;
    const written = attribute.expr;
    const writtenIn = source.sourceFile(attribute.file ?? source.file);
    if (resource.type === 'kubectl_manifest') {
      addYaml(writtenIn, written);
      continue;
    }
    if (written.k === 'call' && written.name === 'yamldecode' && written.args[0]) {
      addYaml(writtenIn, written.args[0]);
      continue;
    }
    const manifest = withTemplates(resource.body.manifest);
    if (isObject(manifest)) addObject(resource, manifest, prefixed(resource.document.sourceMap, [...resource.basePath, 'manifest']));
  }
  return { documents, resources };
}

/** The content lines of a heredoc without `%{ }` directives, as offsets into `text`. */
function heredocContent(text: string, expr: Expr): { start: number; end: number } | undefined {
  if (expr.k !== 'template' || !text.startsWith('<<', expr.start)) return undefined;
  const first = expr.parts[0];
  const last = expr.parts[expr.parts.length - 1];
  if (!first || !last || expr.parts.some((part) => part.k !== 'text' && part.k !== 'interp')) return undefined;
  return { start: first.span.start, end: last.span.end };
}

/** Unknown Terraform values (`{ "$unknown": "var.x" }`) as template expressions (`"${var.x}"`). */
function withTemplates(value: JsonValue | undefined): JsonValue | undefined {
  if (Array.isArray(value)) return value.map((item) => withTemplates(item) ?? null);
  if (!isObject(value)) return value;
  const unknown = value[UNKNOWN_KEY];
  if (typeof unknown === 'string' && Object.keys(value).length === 1) return `\${${unknown.replace(/[{}]/g, '')}}`;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withTemplates(item) ?? null]));
}

/** `map` read at `base` and below: the object's own paths are relative to where it is written. */
function prefixed(map: SourceMap, base: NodePath): SourceMap {
  return {
    locate: (path) => map.locate([...base, ...path]),
    locateValue: (path) => map.locateValue([...base, ...path]),
  };
}
