import type { JsonObject, JsonValue, LoadedDocument, NodePath, Resource, SourceFile, SourceMap } from '../../model/types.js';
import { asArray, asObject, isObject, stableStringify } from '../../util/json.js';
import { UNKNOWN_KEY } from '../../util/unknown.js';
import { isUnresolved } from '../../util/template.js';
import { addKubernetesDocument, embeddedKubernetesObjects, maskExpressions, placeInNamespace, type EmbeddedObjects } from '../embedded-yaml.js';
import { registerEmbedded } from '../embedded-registry.js';
import { kubernetesArtifact } from '../kubernetes.js';
import type { Block, Expr, HclFile } from './ast.js';
import type { ParsedTemplate } from './functions.js';
import { providerKind, providerObject } from './kubernetes-provider.js';

/**
 * Kubernetes objects that Terraform applies, handed to the Kubernetes rules like any manifest:
 * - `kubernetes_manifest` (hashicorp/kubernetes): `manifest` as evaluated, located in the HCL object that
 *   writes it. An unknown value (`var.cidrs`, a data source) becomes a `${...}` template expression, which the
 *   Kubernetes rules read as unknown, as they read Helm's `{{ }}`. `yamldecode(<<EOT ... EOT)` is read like
 *   `kubectl_manifest`'s heredoc.
 * - `kubectl_manifest` (gavinbunney/kubectl, alekc/kubectl): a `yaml_body` heredoc, read as written (an
 *   interpolation stays a template expression, so unknown) at its own lines, or `yamlencode({...})` as evaluated.
 * - the provider's typed resources (`kubernetes_deployment_v1`, `kubernetes_role`, ...), read as the objects
 *   they create (kubernetes-provider.ts).
 * - a `yaml_body` (or `yamldecode(...)`) that is `templatefile("<file in the scan>", ...)`: the template read as
 *   written, at its own lines, its interpolations unknown as in a heredoc (loadSources then drops what reading the
 *   file on its own gave).
 * Not read: heredocs and templates with `%{ }` directives, `file(...)` (the file is scanned on its own),
 * `each.value` from `kubectl_file_documents` and other computed values.
 */
export function isKubernetesObjectType(type: string): boolean {
  return type === 'kubernetes_manifest' || type === 'kubectl_manifest' || providerKind(type) !== undefined;
}

export interface KubernetesObjectSource {
  /** The evaluated Terraform resource instance, of a type `isKubernetesObjectType` accepts. */
  resource: Resource;
  /** The root module it was evaluated from: two roots (`envs/dev`, `envs/prod`) have the same addresses. */
  rootDir: string;
  /** The block that declares it, and the file that holds the block. */
  block: Block;
  file: HclFile;
  sourceFile: (file: HclFile) => SourceFile;
  /** The template file a `templatefile()` path names, parsed, and its text as a file of the scan; undefined when not in the scan. */
  template?: (path: Expr, file: HclFile) => { parsed: ParsedTemplate; file: SourceFile } | undefined;
}

const NOTHING: EmbeddedObjects = { documents: [], resources: [] };

export function terraformKubernetesObjects(sources: readonly KubernetesObjectSource[]): EmbeddedObjects {
  const documents: LoadedDocument[] = [];
  const resources: Resource[] = [];
  // One object per heredoc or per distinct evaluated object, however many instances or root modules give it.
  const seen = new Map<string, EmbeddedObjects>();
  // Document indexes per file: 0 is the file's Terraform document.
  const documentCount = new Map<string, number>();
  const once = (key: string, load: () => EmbeddedObjects): EmbeddedObjects => {
    const known = seen.get(key);
    if (known) return known;
    const loaded = load();
    seen.set(key, loaded);
    for (const document of loaded.documents) documentCount.set(document.file.path, document.index + 1);
    documents.push(...loaded.documents);
    resources.push(...loaded.resources);
    return loaded;
  };
  // `shift`: where the heredoc's text starts in `file` less where it starts in `text` (a template file, parsed wrapped in a heredoc).
  const yamlObjects = (file: SourceFile, expr: Expr, text = file.text, shift = 0): EmbeddedObjects => {
    const heredoc = heredocOf(text, expr);
    if (!heredoc) return NOTHING;
    const start = heredoc.start + shift;
    return once(`${file.path}\u0000${start}`, () =>
      embeddedKubernetesObjects(file, start, heredoc.end + shift, documentCount.get(file.path) ?? 1, {
        mask: (region) => maskExpressions(region, heredoc.interpolations),
        tabsIndent: heredoc.stripsIndentation,
      }),
    );
  };
  // The block being read: two blocks that create alike objects (one per cluster, through provider aliases) give two.
  let block = 0;
  const object = (resource: Resource, body: JsonObject, sourceMap: SourceMap): EmbeddedObjects => {
    if (!kubernetesArtifact.matches(body) || isUnresolved(body.kind) || isUnresolved(body.apiVersion)) return NOTHING;
    const { file } = resource.document;
    return once(`${file.path}\u0000${block}\u0000${stableStringify(body)}`, () => {
      const loaded: EmbeddedObjects = { documents: [], resources: [] };
      addKubernetesDocument(loaded, file, documentCount.get(file.path) ?? 1, body, sourceMap);
      return loaded;
    });
  };

  const names = siblingNames(sources);
  for (const source of sources) {
    block = source.block.start;
    try {
      registerEmbedded(source.resource, objectsOf(source, yamlObjects, object, names).resources);
    } catch {
      // An object that cannot be read costs only itself.
    }
  }
  return { documents, resources };
}

/** The documents of one Terraform resource instance (`yaml` reads a heredoc, `object` an evaluated object). */
function objectsOf(
  source: KubernetesObjectSource,
  yaml: (file: SourceFile, expr: Expr, text?: string, shift?: number) => EmbeddedObjects,
  object: (resource: Resource, body: JsonObject, sourceMap: SourceMap) => EmbeddedObjects,
  names: ReadonlyMap<string, string>,
): EmbeddedObjects {
  const { resource } = source;
  const withTemplates = (value: JsonValue | undefined): JsonValue | undefined => templated(value, `${source.rootDir}\u0000${modulePrefix(resource)}`, names);
  if (resource.type !== 'kubernetes_manifest' && resource.type !== 'kubectl_manifest') {
    const body = withTemplates(resource.body);
    const converted = isObject(body) ? providerObject(resource.type, body, resource.document.sourceMap, resource.basePath) : undefined;
    return converted ? object(resource, converted.object, converted.sourceMap) : NOTHING;
  }
  const attributeName = resource.type === 'kubectl_manifest' ? 'yaml_body' : 'manifest';
  const attribute = source.block.body.items.find((item) => item.kind === 'attribute' && item.name === attributeName);
  if (attribute?.kind !== 'attribute') return NOTHING;
  const written = attribute.expr;
  const writtenIn = source.sourceFile(attribute.file ?? source.file);
  const fromTemplate = (call: Expr): EmbeddedObjects => {
    const found = call.k === 'call' && call.name === 'templatefile' && call.args[0] ? source.template?.(call.args[0], attribute.file ?? source.file) : undefined;
    // The template was parsed wrapped in a heredoc: its offsets there are shifted by where its text starts.
    return found ? yaml(found.file, found.parsed.expr, found.parsed.file.text, -found.parsed.writtenStart) : NOTHING;
  };
  if (resource.type === 'kubectl_manifest') {
    // `yaml_body = yamlencode({...})` is an object as evaluated; a heredoc is read as written.
    const encoded = withTemplates(resource.body.yaml_body);
    const found = isObject(encoded) ? object(resource, encoded, prefixed(resource.document.sourceMap, [...resource.basePath, 'yaml_body'])) : written.k === 'call' ? fromTemplate(written) : yaml(writtenIn, written);
    const namespace = resource.body.override_namespace;
    if (typeof namespace === 'string' && namespace !== '') placeInNamespace(found.resources, namespace, () => true);
    return found;
  }
  if (written.k === 'call' && written.name === 'yamldecode' && written.args[0]) return written.args[0].k === 'call' ? fromTemplate(written.args[0]) : yaml(writtenIn, written.args[0]);
  const manifest = withTemplates(resource.body.manifest);
  return isObject(manifest) ? object(resource, manifest, prefixed(resource.document.sourceMap, [...resource.basePath, 'manifest'])) : NOTHING;
}

/**
 * The content lines of a heredoc without `%{ }` directives, as offsets into `text`, with its interpolations
 * (offsets into the content) and whether it is a `<<-` heredoc, whose indentation Terraform strips.
 */
function heredocOf(text: string, expr: Expr): { start: number; end: number; stripsIndentation: boolean; interpolations: Array<{ start: number; end: number; open: number; close: number }> } | undefined {
  if (expr.k !== 'template' || !text.startsWith('<<', expr.start)) return undefined;
  const first = expr.parts[0];
  const last = expr.parts[expr.parts.length - 1];
  if (!first || !last || expr.parts.some((part) => part.k !== 'text' && part.k !== 'interp')) return undefined;
  const start = first.span.start;
  const interpolations = expr.parts.filter((part) => part.k === 'interp').map((part) => ({ start: part.span.start - start, end: part.span.end - start, open: 2, close: 1 }));
  return { start, end: last.span.end, stripsIndentation: text.startsWith('<<-', expr.start), interpolations };
}

/**
 * Unknown Terraform values (`{ "$unknown": "var.x" }`) as template expressions (`"${var.x}"`), except the name or
 * namespace of a Kubernetes object another resource of the module writes literally
 * (`kubernetes_cluster_role.r.metadata[0].name`, as a RoleBinding's `role_ref` names its role): that name.
 */
function templated(value: JsonValue | undefined, prefix: string, names: ReadonlyMap<string, string>): JsonValue | undefined {
  if (Array.isArray(value)) return value.map((item) => templated(item, prefix, names) ?? null);
  if (!isObject(value)) return value;
  const unknown = value[UNKNOWN_KEY];
  if (typeof unknown === 'string' && Object.keys(value).length === 1) return names.get(`${prefix}${unknown}`) ?? `\${${unknown.replace(/[{}]/g, '')}}`;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, templated(item, prefix, names) ?? null]));
}

/** Typed resources of cluster-scoped objects, whose ID is their name. */
const CLUSTER_SCOPED_TYPE = /^kubernetes_(namespace|cluster_role|cluster_role_binding)(_v1)?$/;

/** `module.app.` of `module.app.kubernetes_role.r`: where the resource's module-relative references point. */
function modulePrefix(resource: Resource): string {
  const at = resource.name.lastIndexOf(`${resource.type}.`);
  return at <= 0 ? '' : resource.name.slice(0, at);
}

/**
 * The literal names and namespaces of the objects the provider's typed resources and `kubernetes_manifest`s
 * create, by their root module and the references that read them (`module.app.kubernetes_namespace_v1.this.metadata[0].name`,
 * also `.metadata.0.name` and `.id`). Resources with `count` or `for_each` are left out: their references carry a key.
 */
function siblingNames(sources: readonly KubernetesObjectSource[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const { resource, rootDir } of sources) {
    if (/\]$/.test(resource.name) || resource.type === 'kubectl_manifest') continue;
    const metadata = resource.type === 'kubernetes_manifest' ? asObject(asObject(resource.body.manifest)?.metadata) : asObject(asArray(resource.body.metadata)[0]);
    const name = metadata?.name;
    const namespace = metadata?.namespace;
    if (typeof name !== 'string' || isUnresolved(name)) continue;
    const reference = `${rootDir}\u0000${resource.name}`;
    for (const form of ['metadata[0]', 'metadata.0']) names.set(`${reference}.${form}.name`, name);
    const literalNamespace = typeof namespace === 'string' && !isUnresolved(namespace) ? namespace : undefined;
    if (literalNamespace !== undefined) for (const form of ['metadata[0]', 'metadata.0']) names.set(`${reference}.${form}.namespace`, literalNamespace);
    // The provider's ID: `<namespace>/<name>` for namespaced objects, the name for cluster-scoped ones.
    if (literalNamespace !== undefined) names.set(`${reference}.id`, `${literalNamespace}/${name}`);
    else if (CLUSTER_SCOPED_TYPE.test(resource.type)) names.set(`${reference}.id`, name);
  }
  return names;
}

/** `map` read at `base` and below: the object's own paths are relative to where it is written. */
function prefixed(map: SourceMap, base: NodePath): SourceMap {
  return {
    locate: (path) => map.locate([...base, ...path]),
    locateValue: (path) => map.locateValue([...base, ...path]),
  };
}
