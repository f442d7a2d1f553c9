import type { JsonValue } from '../model/types.js';
import { replaceTemplates } from '../util/template.js';
import { templateText } from './iam-arn.js';

/**
 * Container image references: parsing (the grammar of github.com/distribution/reference, with Docker's
 * normalisation: no registry means Docker Hub, `docker.io/nginx` is `docker.io/library/nginx`) and matching
 * against registry allow-list patterns. Shared by every artifact that names images (Kubernetes, task
 * definitions, CloudFormation, Terraform, Dockerfile `FROM`).
 *
 * Template expressions (`{{ .Values.tag }}`, `${var.tag}`, `${AWS::Region}`, `$(TAG)`, ...) and placeholders
 * (`<account-id>`, `ACCOUNT_ID.dkr.ecr.AWS_REGION.amazonaws.com`) are unknown: the parts of the reference they could
 * decide are marked unresolved, and rules must neither pass nor fail on them.
 */

/** Docker Hub, as Docker names it once normalised. */
export const DOCKER_HUB = 'docker.io';

/** Host names that are Docker Hub under another name. */
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);


export interface ImageReference {
  /** The reference as written. */
  raw: string;
  /**
   * Registry host, lower-cased, with its port when one is written (`registry.local:5000`); `docker.io` when the
   * reference names no registry. Meaningless when `unresolved.registry`.
   */
  registry: string;
  /** The reference names no registry: Docker Hub is implied. */
  implicitRegistry: boolean;
  /** Port of the registry host, when written. */
  port: number | undefined;
  /** Repository path inside the registry: `library/nginx`, `my-org/app`. Meaningless when `unresolved.repository`. */
  repository: string;
  /** Tag as written, when there is one. Meaningless when `unresolved.tag`. */
  tag: string | undefined;
  /** Digest (`sha256:<64 hex>`), when there is one. Meaningless when `unresolved.digest`. */
  digest: string | undefined;
  /** Parts decided by a template expression: unknown, neither safe nor unsafe. */
  unresolved: { registry: boolean; repository: boolean; tag: boolean; digest: boolean };
}

/** `registry/repository` (without tag or digest), e.g. `docker.io/library/nginx`. */
export function imageName(image: ImageReference): string {
  return `${image.registry}/${image.repository}`;
}

const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const IPV6_HOST = /^\[[0-9a-fA-F:.]+(?:%[\w.-]+)?\]$/;
/** Stand-in for a template expression while parsing: valid in every part of a reference, and never real. */
const PLACEHOLDER = 'zzseaworthytplzz';

/**
 * An image as text, its unresolved parts as `${...}` (a CloudFormation `Fn::Sub` / `Fn::Join`, a Terraform
 * template string), so that its literal parts (`docker.io/...`, `:latest`) can still be judged; undefined when
 * the whole value is unresolved (`!Ref Image`, `var.image`).
 */
export function imageText(value: JsonValue | undefined): string | undefined {
  // A string keeps its template expressions (`${ACCOUNT}.dkr.ecr...`, `{{ .Values.tag }}`): parsing marks them unresolved.
  if (typeof value === 'string') return value;
  return templateText(value);
}

/**
 * Parses an image reference. Returns undefined when the text is not a valid reference (an empty string,
 * whitespace, upper-case repository names, a malformed digest...): rules cannot say anything about it.
 */
export function parseImageReference(raw: string): Readonly<ImageReference> | undefined {
  // Several rules parse every container's image, and most images repeat across a scan.
  if (parsedImages.has(raw)) return parsedImages.get(raw);
  if (parsedImages.size >= MAX_CACHED_IMAGES) parsedImages.clear();
  const parsed = parseImage(raw);
  parsedImages.set(raw, parsed);
  return parsed;
}

const MAX_CACHED_IMAGES = 10_000;
const parsedImages = new Map<string, Readonly<ImageReference> | undefined>();

/** `$REPO`: an envsubst-style variable, which Kubernetes never expands in an image (manifests templated before apply). */
const SHELL_VARIABLE = /\$[A-Za-z_][A-Za-z0-9_]*/g;
/** `<account-id>`, `{aws_account_id}`: a placeholder for a person or a script to fill in. */
const ANGLE_PLACEHOLDER = /<[^<>\s]+>|\{[A-Za-z_][\w.-]*\}/g;
/**
 * A host label no registry has, written for `sed` to replace: `ACCOUNT_ID.dkr.ecr.AWS_REGION.amazonaws.com` (an
 * underscore, which DNS names cannot hold). Only in the first component, and only when it has a dot (a host).
 */
const HOST_PLACEHOLDER_LABEL = /^[A-Za-z0-9-]*_[A-Za-z0-9_-]*$/;

function maskHostPlaceholders(text: string, replacer: () => string): string {
  const slash = text.indexOf('/');
  const first = slash === -1 ? '' : text.slice(0, slash);
  if (!first.includes('.')) return text;
  return first.split('.').map((label) => (HOST_PLACEHOLDER_LABEL.test(label) ? replacer() : label)).join('.') + text.slice(slash);
}

function parseImage(raw: string): ImageReference | undefined {
  const masked = (replacer: () => string): string =>
    maskHostPlaceholders(replaceTemplates(raw, replacer).replace(SHELL_VARIABLE, replacer).replace(ANGLE_PLACEHOLDER, replacer), replacer);
  if (raw === '' || /\s/.test(masked(() => ''))) return undefined;
  let count = 0;
  const text = masked(() => `${PLACEHOLDER}${count++}x`);
  const templated = (part: string): boolean => part.includes(PLACEHOLDER);

  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!templated(digest) && !DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/') && !rest.slice(colon).includes(']')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!templated(tag) && !TAG.test(tag)) return undefined;
  }
  if (rest === '') return undefined;

  const slash = rest.indexOf('/');
  const first = slash === -1 ? rest : rest.slice(0, slash);
  const hasDomain =
    slash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[') || first !== first.toLowerCase());
  let registry = DOCKER_HUB;
  let port: number | undefined;
  let path = rest;
  if (hasDomain) {
    path = rest.slice(slash + 1);
    const host = parseHost(first);
    if (!templated(first)) {
      if (!host) return undefined;
      registry = host.name + (host.port !== undefined ? `:${host.port}` : '');
      port = host.port;
      if (port === undefined && DOCKER_HUB_ALIASES.has(host.name)) registry = DOCKER_HUB;
    }
  }
  const components = path.split('/');
  if (components.some((component) => !templated(component) && !PATH_COMPONENT.test(component))) return undefined;
  if (registry === DOCKER_HUB && components.length === 1 && !templated(path)) path = `library/${path}`;

  const last = components[components.length - 1] ?? '';
  // A template in the first component, or anywhere in a single-component name, could expand to a registry host.
  const registryUnresolved = templated(first);
  const repositoryUnresolved = registryUnresolved || templated(path);
  // A template in the last component could carry its own `:tag` or `@digest`.
  const tagUnresolved = (tag !== undefined && templated(tag)) || (tag === undefined && digest === undefined && templated(last));
  // A digest comes last: after a literal tag (`${Repo.RepositoryUri}:latest`) no template can hold one.
  const digestUnresolved = (digest !== undefined && templated(digest)) || (digest === undefined && (tag === undefined ? templated(last) : templated(tag)));

  return {
    raw,
    registry,
    implicitRegistry: !hasDomain,
    port,
    repository: path,
    tag,
    digest,
    unresolved: { registry: registryUnresolved, repository: repositoryUnresolved, tag: tagUnresolved, digest: digestUnresolved },
  };
}

function parseHost(text: string): { name: string; port: number | undefined } | undefined {
  let name = text;
  let port: number | undefined;
  const portMatch = /:(\d+)$/.exec(text);
  if (portMatch && !(text.startsWith('[') && !text.slice(0, portMatch.index).endsWith(']'))) {
    port = Number(portMatch[1]);
    if (port < 1 || port > 65535) return undefined;
    name = text.slice(0, portMatch.index);
  }
  if (IPV6_HOST.test(name)) return { name: name.toLowerCase(), port };
  if (name === '' || !name.split('.').every((label) => HOST_LABEL.test(label))) return undefined;
  return { name: name.toLowerCase(), port };
}

/** Tags that name whatever was pushed last, not a release: as mutable as `latest`. */
const FLOATING_TAGS = new Set(['latest', 'stable', 'edge', 'nightly', 'master', 'main', 'develop', 'head', 'canary', 'rolling', 'mainline', 'lts']);
/** Channels that also float with a variant after them (`stable-alpine`, `lts-slim`, `mainline-alpine`). */
const FLOATING_CHANNELS = new Set(['latest', 'stable', 'edge', 'nightly', 'canary', 'rolling', 'mainline', 'lts']);

/**
 * The Kubernetes pause image (`registry.k8s.io/pause`, `public.ecr.aws/eks-distro/kubernetes/pause`, the EKS
 * `.../eks/pause`, `pause-amd64`...): a process that sleeps, deployed to hold node capacity or a network namespace.
 */
/** `pause`, or the per-architecture names of older releases (`pause-amd64`); not `pause-service`. */
const PAUSE_REPOSITORY = /^pause(-(amd64|arm64|arm|ppc64le|s390x|386|windows))?$/;

export function isPauseImage(value: JsonValue | undefined): boolean {
  const text = imageText(value);
  const image = text === undefined ? undefined : parseImageReference(text);
  if (!image || image.unresolved.repository) return false;
  return PAUSE_REPOSITORY.test(image.repository.slice(image.repository.lastIndexOf('/') + 1));
}

/**
 * The tag is a well-known floating tag (`latest`, `stable`, `edge`, `nightly`, `main`, ...), or a floating channel or
 * `latest` with a variant and no version, date or commit (`stable-alpine`, `lts-slim`, `latest-arm64`, `init-latest`;
 * not `stable-20240101`, `latest-1.2` or `canary-deadbeef`).
 */
export function isFloatingTag(tag: string): boolean {
  const lower = tag.toLowerCase();
  if (FLOATING_TAGS.has(lower)) return true;
  // Split on `-` and `.` only: `x86_64` is one word (an architecture, not a version).
  const parts = lower.split(/[-.]/);
  // A version, a date or a commit (`stable-20240101`, `latest-1.2`, `canary-deadbeef`): a build, not a channel.
  if (parts.some((part) => /^v?\d/.test(part) || /^[0-9a-f]{7,40}$/.test(part))) return false;
  return FLOATING_CHANNELS.has(parts[0] ?? '') || parts.includes('latest');
}

export type PatternMatch = 'match' | 'no-match' | 'unknown';

/**
 * Matches an image against one allow-list pattern.
 *
 * A pattern is a registry host, optionally followed by a repository path prefix: `public.ecr.aws`,
 * `*.dkr.ecr.*.amazonaws.com`, `registry.local:5000`, `ghcr.io/my-org/`. `*` matches within one host label (it
 * never crosses a `.`) or within one path segment (never a `/`). A port must be matched explicitly:
 * `registry.local` does not allow `registry.local:5000`. A path prefix matches whole segments: `ghcr.io/my-org`
 * allows `ghcr.io/my-org/app` and not `ghcr.io/my-org-fork/app`; with a trailing `/` (`ghcr.io/my-org/`) only what is
 * below it, not a repository named `my-org`. Docker Hub's aliases (`index.docker.io`, ...)
 * are read as `docker.io`, whose official images live under `docker.io/library/`. As in image references, a pattern
 * whose first segment has no `.` or `:` (and is not `localhost`) names a Docker Hub namespace: `bitnami/` is
 * `docker.io/bitnami/`.
 *
 * `unknown` when a template decides the part of the image that the pattern looks at.
 */
export function matchRegistryPattern(image: ImageReference, pattern: string): PatternMatch {
  const compiled = compilePattern(pattern);
  if (!compiled) return 'no-match';
  if (image.unresolved.registry) return 'unknown';
  if (!compiled.host.test(image.registry)) return 'no-match';
  if (compiled.path.length === 0) return 'match';
  if (image.unresolved.repository) return 'unknown';
  const segments = image.repository.split('/');
  if (segments.length < compiled.path.length || (compiled.below && segments.length === compiled.path.length)) return 'no-match';
  return compiled.path.every((segment, index) => segment.test(segments[index] ?? '')) ? 'match' : 'no-match';
}

/** Matches an image against an allow-list: `match` when one pattern allows it, `unknown` when templates hide the answer. */
export function matchRegistryPatterns(image: ImageReference, patterns: readonly string[]): PatternMatch {
  let unknown = false;
  for (const pattern of patterns) {
    const result = matchRegistryPattern(image, pattern);
    if (result === 'match') return 'match';
    if (result === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'no-match';
}

interface CompiledPattern {
  host: RegExp;
  path: RegExp[];
  /** Written with a trailing `/` (`ghcr.io/acme/`): repositories below the path, not the path itself. */
  below: boolean;
}

const compiledPatterns = new Map<string, CompiledPattern | undefined>();

function compilePattern(pattern: string): CompiledPattern | undefined {
  if (compiledPatterns.has(pattern)) return compiledPatterns.get(pattern);
  let compiled: CompiledPattern | undefined;
  const trimmed = pattern.trim().replace(/^[a-z]+:\/\//i, '');
  const slash = trimmed.indexOf('/');
  let host = (slash === -1 ? trimmed : trimmed.slice(0, slash)).toLowerCase();
  const path = slash === -1 ? [] : trimmed.slice(slash + 1).split('/').filter((segment) => segment !== '');
  // As in an image reference, a first segment without `.` or `:` (and not `localhost`) is a Docker Hub
  // namespace, not a host: `openpolicyagent/` allows `docker.io/openpolicyagent/...`.
  if (slash !== -1 && !/[.:*]/.test(host) && host !== 'localhost') {
    path.unshift(host);
    host = DOCKER_HUB;
  }
  if (DOCKER_HUB_ALIASES.has(host)) host = DOCKER_HUB;
  if (host !== '') {
    compiled = {
      host: new RegExp(`^${wildcard(host, '[^.:/]*')}$`),
      path: path.map((segment) => new RegExp(`^${wildcard(segment, '[^/]*')}$`)),
      below: path.length > 0 && trimmed.endsWith('/'),
    };
  }
  compiledPatterns.set(pattern, compiled);
  return compiled;
}

function wildcard(text: string, star: string): string {
  return text
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(star);
}

/** How to name an image's origin in a message: `Docker Hub (implied: no registry in the reference)`, `ghcr.io`. */
export function describeRegistry(image: ImageReference): string {
  if (image.registry === DOCKER_HUB) return image.implicitRegistry ? 'Docker Hub (docker.io, implied: the reference names no registry)' : 'Docker Hub (docker.io)';
  return image.registry;
}
