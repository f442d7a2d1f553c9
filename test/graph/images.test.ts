import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_REGISTRIES } from '../../src/engine/settings.js';
import {
  imageName,
  isFloatingTag,
  matchRegistryPattern,
  matchRegistryPatterns,
  parseImageReference,
  type ImageReference,
} from '../../src/graph/images.js';
import { containsTemplate } from '../../src/util/template.js';

function parse(raw: string): ImageReference {
  const image = parseImageReference(raw);
  if (!image) throw new Error(`${raw} does not parse`);
  return image;
}

const resolved = { registry: false, repository: false, tag: false, digest: false };
const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', undefined, undefined, true],
    ['nginx:1.27', 'docker.io', 'library/nginx', '1.27', undefined, true],
    ['bitnami/redis:7.2.4', 'docker.io', 'bitnami/redis', '7.2.4', undefined, true],
    ['docker.io/nginx', 'docker.io', 'library/nginx', undefined, undefined, false],
    ['index.docker.io/library/nginx:1', 'docker.io', 'library/nginx', '1', undefined, false],
    ['registry-1.docker.io/bitnami/redis', 'docker.io', 'bitnami/redis', undefined, undefined, false],
    ['ghcr.io/my-org/app:v1.2.3', 'ghcr.io', 'my-org/app', 'v1.2.3', undefined, false],
    ['localhost/app', 'localhost', 'app', undefined, undefined, false],
    ['localhost:5000/team/app:dev-1', 'localhost:5000', 'team/app', 'dev-1', undefined, false],
    ['registry.local:5000/app', 'registry.local:5000', 'app', undefined, undefined, false],
    ['Registry.Example.COM/app', 'registry.example.com', 'app', undefined, undefined, false],
    ['MyHost/app', 'myhost', 'app', undefined, undefined, false],
    ['[::1]:5000/app:1', '[::1]:5000', 'app', '1', undefined, false],
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0', '123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'app', '1.0', undefined, false],
    [`nginx@${DIGEST}`, 'docker.io', 'library/nginx', undefined, DIGEST, true],
    [`nginx:1.27@${DIGEST}`, 'docker.io', 'library/nginx', '1.27', DIGEST, true],
    ['a/b/c/d_e__f-g.h:Tag_1.x', 'docker.io', 'a/b/c/d_e__f-g.h', 'Tag_1.x', undefined, true],
  ])('%s', (raw, registry, repository, tag, digest, implicitRegistry) => {
    const image = parse(raw);
    expect(image).toMatchObject({ raw, registry, repository, tag, digest, implicitRegistry, unresolved: resolved });
  });

  it('names the port and the full name', () => {
    expect(parse('registry.local:5000/app').port).toBe(5000);
    expect(parse('ghcr.io/a/b').port).toBeUndefined();
    expect(imageName(parse('nginx:1'))).toBe('docker.io/library/nginx');
    expect(imageName(parse('ghcr.io/a/b:1'))).toBe('ghcr.io/a/b');
  });

  it.each([
    '',
    ' nginx',
    'nginx ',
    'Nginx',
    'ghcr.io/My-Org/app',
    'nginx:',
    'nginx:-bad',
    'nginx@sha256:abc',
    'nginx@',
    ':1.0',
    'ghcr.io//app',
    'host:99999/app',
    'bad-host.io:x/app',
    `nginx:${'x'.repeat(129)}`,
  ])('rejects %j', (raw) => {
    expect(parseImageReference(raw)).toBeUndefined();
  });

  it('marks a templated tag as unresolved but keeps the registry', () => {
    const image = parse('123456789012.dkr.ecr.us-east-1.amazonaws.com/app:{{ .Values.image.tag }}');
    expect(image.registry).toBe('123456789012.dkr.ecr.us-east-1.amazonaws.com');
    expect(image.unresolved).toEqual({ registry: false, repository: false, tag: true, digest: true });
  });

  it('marks a templated registry as unresolved', () => {
    expect(parse('{{ .Values.registry }}/app:1.0').unresolved).toEqual({ registry: true, repository: true, tag: false, digest: false });
    expect(parse('${REGISTRY}/team/app:1.0').unresolved.registry).toBe(true);
    expect(parse('${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1').unresolved).toMatchObject({ registry: true, tag: false });
  });

  it('treats a fully templated image as unknown in every part', () => {
    expect(parse('{{ .Values.image }}').unresolved).toEqual({ registry: true, repository: true, tag: true, digest: true });
    expect(parse('${var.image}').unresolved).toEqual({ registry: true, repository: true, tag: true, digest: true });
    expect(parse('{{ printf "%s:%s" .Values.repo .Values.tag }}').unresolved.tag).toBe(true);
  });

  it('a template in the repository keeps the registry but could carry a tag', () => {
    const image = parse('ghcr.io/{{ .Values.org }}/app');
    expect(image.registry).toBe('ghcr.io');
    expect(image.unresolved).toEqual({ registry: false, repository: true, tag: false, digest: false });
    expect(parse('ghcr.io/org/{{ .Values.name }}').unresolved).toEqual({ registry: false, repository: true, tag: true, digest: true });
    expect(parse('ghcr.io/org/app:$(TAG)').unresolved).toMatchObject({ tag: true, digest: true, registry: false });
  });

  it('reads envsubst-style $VARIABLES as templates, the literal parts around them known', () => {
    expect(parse('$REPO:latest')).toMatchObject({ tag: 'latest', unresolved: { registry: true, repository: true, tag: false, digest: false } });
    expect(parse('$PRIVATE_IMAGE_NAME').unresolved).toEqual({ registry: true, repository: true, tag: true, digest: true });
    expect(parse('ghcr.io/org/app:$TAG').unresolved).toMatchObject({ registry: false, tag: true, digest: true });
  });

  it('placeholders for a script to fill in are unresolved: an underscore in a host label, <angle brackets>', () => {
    expect(parse('ACCOUNT_ID.dkr.ecr.AWS_REGION.amazonaws.com/auth-service:latest')).toMatchObject({ tag: 'latest', unresolved: { registry: true, repository: true, tag: false, digest: false } });
    expect(parse('<account-id>.dkr.ecr.us-east-1.amazonaws.com/app')).toMatchObject({ tag: undefined, unresolved: { registry: true, tag: false, digest: false } });
    expect(parse('<image_url>').unresolved).toEqual({ registry: true, repository: true, tag: true, digest: true });
    expect(parse('Registry.Example.COM/app').unresolved.registry).toBe(false);
  });

  it('a templated digest is unresolved', () => {
    expect(parse('ghcr.io/org/app:1.0@{{ .Values.digest }}').unresolved).toEqual({ registry: false, repository: false, tag: false, digest: true });
  });
});

describe('containsTemplate', () => {
  it.each([
    ['{{ .Values.x }}', true],
    ['a-${var.x}', true],
    ['$(IMAGE)', true],
    ['%{ if x }', true],
    ['<%= x %>', true],
    ['#{Octopus.Var}', true],
    ['[[ .Values.x ]]', true],
    ['nginx:1.0', false],
    ['$HOME', false],
  ])('%s -> %s', (text, expected) => {
    expect(containsTemplate(text)).toBe(expected);
    expect(containsTemplate(text)).toBe(expected); // no state left in the regular expression
  });
});

describe('isFloatingTag', () => {
  it('knows latest and the usual moving tags, case-insensitively', () => {
    for (const tag of ['latest', 'LATEST', 'stable', 'edge', 'nightly', 'main', 'master', 'lts', 'stable-alpine', 'lts-slim', 'latest-arm64', 'init-latest', 'mainline-alpine', 'stable-x86_64']) expect(isFloatingTag(tag)).toBe(true);
    for (const tag of ['1.27', 'v1', 'latest-1.2', 'stable-20240101', 'sha-abc123', 'alpine', 'main-abc1234', 'stableish', 'canary-deadbeef', 'canary-4f3e2a1']) expect(isFloatingTag(tag)).toBe(false);
  });
});

describe('matchRegistryPattern', () => {
  it.each([
    ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1', 'match'],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app:1', 'match'],
    ['123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/app:1', 'match'],
    ['public.ecr.aws/eks/aws-load-balancer-controller:v2.7.0', 'match'],
    ['602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.0', 'match'],
    ['nginx:1.27', 'no-match'],
    ['docker.io/library/nginx:1.27', 'no-match'],
    ['ghcr.io/org/app:1', 'no-match'],
    // `*` never crosses a dot: no look-alike hosts.
    ['123.dkr.ecr.eu-west-1.amazonaws.com.evil.io/app:1', 'no-match'],
    ['evil.io.dkr.ecr.eu-west-1.amazonaws.com/app:1', 'no-match'],
    ['public.ecr.aws.evil.io/app:1', 'no-match'],
    ['public.ecr.aws:8443/app:1', 'no-match'],
    ['{{ .Values.registry }}/app:1', 'unknown'],
  ])('default allow-list: %s -> %s', (raw, expected) => {
    expect(matchRegistryPatterns(parse(raw), DEFAULT_ALLOWED_REGISTRIES)).toBe(expected);
  });

  it.each([
    ['ghcr.io/my-org/', 'ghcr.io/my-org/app:1', 'match'],
    ['ghcr.io/my-org/', 'ghcr.io/my-org/team/app:1', 'match'],
    ['ghcr.io/my-org', 'ghcr.io/my-org/app:1', 'match'],
    ['ghcr.io/my-org', 'ghcr.io/my-org-fork/app:1', 'no-match'],
    // A trailing slash means below the path: not a repository of that name.
    ['ghcr.io/my-org/', 'ghcr.io/my-org:1', 'no-match'],
    ['ghcr.io/my-org', 'ghcr.io/my-org:1', 'match'],
    ['ghcr.io/my-org/', 'ghcr.io/other/app:1', 'no-match'],
    ['ghcr.io/my-org/', 'ghcr.io/{{ .Values.org }}/app:1', 'unknown'],
    ['ghcr.io/*/app', 'ghcr.io/anyone/app:1', 'match'],
    ['ghcr.io/*/app', 'ghcr.io/anyone/other:1', 'no-match'],
    ['docker.io/library/', 'nginx:1', 'match'],
    ['docker.io/library/', 'bitnami/redis:1', 'no-match'],
    ['index.docker.io/bitnami', 'bitnami/redis:1', 'match'],
    ['docker.io', 'nginx', 'match'],
    // A first segment without a dot or port is a Docker Hub namespace, as in image references (Gatekeeper's allowed-repos sample).
    ['openpolicyagent/', 'openpolicyagent/opa:0.9.2', 'match'],
    ['openpolicyagent/', 'docker.io/openpolicyagent/opa:0.9.2', 'match'],
    ['openpolicyagent/', 'openpolicyagentevil/opa:1', 'no-match'],
    ['library/', 'nginx:1', 'match'],
    ['localhost/', 'localhost/app:1', 'match'],
    ['registry.local', 'registry.local:5000/app', 'no-match'],
    ['registry.local:5000', 'registry.local:5000/app', 'match'],
    ['registry.local:*', 'registry.local:5000/app', 'match'],
    ['REGISTRY.local', 'registry.local/app', 'match'],
    ['https://registry.local/', 'registry.local/app', 'match'],
    ['*.example.com', 'a.example.com/app', 'match'],
    ['*.example.com', 'a.b.example.com/app', 'no-match'],
    ['*.example.com', 'example.com/app', 'no-match'],
    ['ecr-*.example.com', 'ecr-fips.example.com/app', 'match'],
    ['', 'nginx', 'no-match'],
  ])('%s vs %s -> %s', (pattern, raw, expected) => {
    expect(matchRegistryPattern(parse(raw), pattern)).toBe(expected);
  });

  it('an empty allow-list allows nothing', () => {
    expect(matchRegistryPatterns(parse('public.ecr.aws/a/b:1'), [])).toBe('no-match');
  });
});
