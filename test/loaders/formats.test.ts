import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFile } from '../../src/loaders/index.js';
import runAsNonRoot from '../../src/rules/k8s/run-as-non-root.js';
import { scan } from '../../src/scan.js';
import { LOADER_FIXTURES, fixture, loadClean, onlyDocument, positionOf } from './helpers.js';

const names = (text: string, filename = 'case.yaml'): string[] =>
  loadClean(filename, text).resources.map((resource) => `${resource.type}/${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}`);

const scanText = async (files: Record<string, string | Buffer>): Promise<Awaited<ReturnType<typeof scan>>> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-formats-'));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    return await scan(['.'], { cwd: dir, noConfig: true, rules: [runAsNonRoot], today: '2026-01-01' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('multi-document YAML', () => {
  it('keeps every document, with its index in the file', () => {
    const text = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: b, namespace: a}\n';
    const { documents, resources } = loadClean('multi.yaml', text);
    expect(documents.map((doc) => doc.index)).toEqual([0, 1]);
    expect(resources.map((resource) => `${resource.type}:${resource.name}:${resource.namespace ?? ''}`)).toEqual(['Namespace:a:', 'ServiceAccount:b:a']);
  });

  it('keeps the good documents of a stream when one has a syntax error, and reports that one with its line', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: [\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';
    const result = loadFile({ path: 'mixed.yaml', text }, { explicit: false });
    expect(result.resources.map((resource) => resource.name)).toEqual(['a', 'c']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: 'mixed.yaml', line: 7 });
    expect(result.errors[0]?.message).toMatch(/^YAML syntax error: .+\(column \d+\)$/);
  });

  it('places an indentation error at the column of the misplaced item, not at the start of its line', () => {
    // Copilot's svc-prod fixture: LogConfiguration indented under Environment.
    const text = 'Resources:\n  TD:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      ContainerDefinitions:\n        - Name: app\n          Environment:\n            - Name: A\n              Value: b\n            LogConfiguration:\n              LogDriver: awslogs\n';
    const result = loadFile({ path: 'svc.yaml', text }, { explicit: true });
    expect(result.errors).toEqual([{ path: 'svc.yaml', line: 10, message: 'YAML syntax error: All mapping items must start at the same column (column 13)' }]);
  });
});

describe('Helm-rendered output', () => {
  const text = fixture('helm-rendered.yaml');

  it('skips `# Source:` comments, empty and comment-only documents, `---` with trailing spaces and `...` markers', () => {
    expect(names(text, 'helm.yaml')).toEqual(['ServiceAccount/release-web', 'Service/release-web', 'Deployment/release-web']);
  });

  it.each([
    ['LF', text],
    ['CRLF line endings', text.replace(/\n/g, '\r\n')],
    ['a leading BOM', `\ufeff${text}`],
    ['a BOM and CRLF', `\ufeff${text.replace(/\n/g, '\r\n')}`],
  ])('reads it the same with %s, findings on the same lines and columns', async (_label, variant) => {
    const report = await scanText({ 'helm.yaml': variant });
    expect(report.errors).toEqual([]);
    expect(report.summary).toMatchObject({ filesScanned: 1, documents: 3, resources: 3 });
    const at = positionOf(text, 'securityContext:\n            {}');
    expect(report.findings.map((finding) => [finding.location.startLine, finding.location.startColumn, finding.location.endLine])).toEqual([[at.line, at.column, at.line + 1]]);
  });

  it('counts a BOM-prefixed JSON file as JSON', () => {
    const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}';
    const doc = onlyDocument('bom.json', `\ufeff${text}`);
    // Columns count from the first character after the BOM, as editors show them.
    const at = positionOf(text, '"name"');
    expect(doc.sourceMap.locate(['metadata', 'name'])).toEqual({ startLine: 1, startColumn: at.column, endLine: 1, endColumn: at.column + '"name": "p"'.length });
  });
});

describe('Kustomize output', () => {
  it('reads sorted keys, hashed names and namespaces', () => {
    expect(names(fixture('kustomize-output.yaml'))).toEqual(['ConfigMap/prod/api-config-7m2f9h8k4b', 'Service/prod/prod-api', 'Deployment/prod/prod-api']);
  });

  it('reports nothing for a container that runs as non-root', async () => {
    const report = await scan(['kustomize-output.yaml'], { cwd: LOADER_FIXTURES, noConfig: true, rules: [runAsNonRoot] });
    expect(report.findings).toEqual([]);
    expect(report.summary.resources).toBe(3);
  });
});

describe('JSON', () => {
  it('reads a Kubernetes List in JSON, each item a resource located inside the list', async () => {
    const text = fixture('list.json');
    const { resources } = loadClean('list.json', text);
    expect(resources.map((resource) => [resource.type, resource.name, resource.namespace, resource.basePath])).toEqual([
      ['Deployment', 'web', 'shop', ['items', 0]],
      ['Pod', 'debug', 'shop', ['items', 1]],
    ]);
    const report = await scan(['list.json'], { cwd: LOADER_FIXTURES, noConfig: true, rules: [runAsNonRoot] });
    const at = positionOf(text, '"runAsUser": 0');
    expect(report.findings.map((finding) => [finding.location.path, finding.location.startLine, finding.location.startColumn, finding.resource.name])).toEqual([
      ['list.json', at.line, at.column, 'web'],
    ]);
  });

  it('reads a typed list whose items omit kind and apiVersion, as the API server returns them', () => {
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'PodList', items: [{ metadata: { name: 'a' }, spec: { containers: [] } }, { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'b' } }] });
    expect(loadClean('pods.json', text).resources.map((resource) => [resource.type, resource.apiVersion, resource.name])).toEqual([
      ['Pod', 'v1', 'a'],
      ['Pod', 'v1', 'b'],
    ]);
  });

  it('reads nested Lists and leaves out items that are not objects', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- 42\n- apiVersion: v1\n  kind: List\n  items:\n  - {apiVersion: v1, kind: Secret, metadata: {name: s}}\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}\n';
    expect(loadClean('list.yaml', text).resources.map((resource) => [resource.name, resource.basePath])).toEqual([
      ['s', ['items', 1, 'items', 0]],
      ['c', ['items', 2]],
    ]);
  });

  it('reads a JSON stream (several values one after another, as `jq .items[]` prints) with exact locations', () => {
    const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}\n{\n  "apiVersion": "v1",\n  "kind": "Pod",\n  "metadata": {"name": "b"}\n}\n';
    const { documents, resources } = loadClean('-', text);
    expect(resources.map((resource) => resource.name)).toEqual(['a', 'b']);
    expect(documents.map((doc) => doc.index)).toEqual([0, 1]);
    const at = positionOf(text, '"name": "b"');
    expect(documents[1]?.sourceMap.locate(['metadata', 'name'])).toEqual({ startLine: at.line, startColumn: at.column, endLine: at.line, endColumn: at.column + 11 });
  });

  it('keeps the values of a JSON stream before a syntax error, and reports the error with its line and column', () => {
    const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}}\n{"apiVersion": "v1",, "kind": "Pod"}\n';
    const result = loadFile({ path: 'stream.json', text }, { explicit: false });
    expect(result.resources.map((resource) => resource.name)).toEqual(['a']);
    expect(result.errors).toEqual([{ path: 'stream.json', line: 2, message: "JSON syntax error: property name expected (column 21)" }]);
  });

  it('reads JSON with comments and trailing commas (kubectl does not, but editors write them)', () => {
    expect(names('{\n  // a pod\n  "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p",},\n}\n', 'pod.json')).toEqual(['Pod/p']);
  });

  it('reads flow-style YAML that starts with `{` in a .yaml file as YAML', () => {
    expect(names('{apiVersion: v1, kind: Pod, metadata: {name: flow}}\n', 'flow.yaml')).toEqual(['Pod/flow']);
  });
});

describe('YAML 1.1 scalars, read as Kubernetes (go-yaml v2 through sigs.k8s.io/yaml) reads them', () => {
  const cases: Array<[string, unknown]> = [
    ['yes', true],
    ['Yes', true],
    ['on', true],
    ['ON', true],
    ['y', true],
    ['true', true],
    ['no', false],
    ['off', false],
    ['n', false],
    ['0644', 420],
    ['0o644', 420],
    ['0755', 493],
    ['0x1F', 31],
    ['0b101', 5],
    ['-0644', -420],
    ['1_000', 1000],
    ['08', 8],
    ['1e3', 1000],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['~', null],
    ['null', null],
    ['', null],
    ['1:20', '1:20'],
    ['190:20:30', '190:20:30'],
    ['2024-01-31', '2024-01-31'],
    ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'],
    ['"0644"', '0644'],
    ["'yes'", 'yes'],
    ['!!str 0644', '0644'],
    ['yes please', 'yes please'],
    ['.', '.'],
    ['0xFFFFFFFFFFFFFFFFFFFF', '0xFFFFFFFFFFFFFFFFFFFF'],
  ];
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: scalars}\ndata:\n${cases.map(([raw], index) => `  k${index}: ${raw}`).join('\n')}\n`;
  const data = (onlyDocument('scalars.yaml', text).data as { data: Record<string, unknown> }).data;

  it.each(cases.map(([raw, expected], index) => [raw, expected, index] as const))('%s reads as %j', (_raw, expected, index) => {
    expect(data[`k${index}`]).toEqual(expected);
  });

  it('gives a defaultMode of 0644 as 420 and decides runAsNonRoot: yes like the kubelet', async () => {
    const pod = (runAsNonRoot: string): string =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  volumes:\n  - name: v\n    secret: {secretName: s, defaultMode: 0644}\n  containers:\n  - name: c\n    image: x\n    securityContext:\n      runAsNonRoot: ${runAsNonRoot}\n`;
    const doc = onlyDocument('pod.yaml', pod('yes'));
    expect((doc.data as { spec: { volumes: Array<{ secret: { defaultMode: unknown } }> } }).spec.volumes[0]?.secret.defaultMode).toBe(420);
    const report = await scanText({ 'yes.yaml': pod('yes'), 'on.yaml': pod('on'), 'quoted.yaml': pod('"yes"') });
    // A quoted "yes" is a string, which the API server refuses for a boolean: not a non-root guarantee.
    expect(report.findings.map((finding) => finding.location.path)).toEqual(['quoted.yaml']);
  });

  it('reads configuration as YAML 1.2 elsewhere (no 1.1 surprises for GitHub Actions `on:`)', async () => {
    const { parseYamlStream } = await import('../../src/loaders/yaml.js');
    const { documents } = parseYamlStream('on: yes\nmode: 0644\n', { version: '1.2' });
    expect(documents[0]?.data).toEqual({ on: 'yes', mode: 644 });
  });
});

describe('anchors and merge keys', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: anchors
spec:
  containers:
  - name: a
    image: x
    securityContext: &hardened
      runAsNonRoot: true
      allowPrivilegeEscalation: false
  - name: b
    image: x
    securityContext: *hardened
  - name: c
    image: x
    securityContext:
      <<: *hardened
      runAsNonRoot: false
`;

  it('expands aliases and merge keys, explicit keys winning over merged ones', () => {
    const data = onlyDocument('anchors.yaml', text).data as { spec: { containers: Array<{ securityContext: unknown }> } };
    expect(data.spec.containers.map((container) => container.securityContext)).toEqual([
      { runAsNonRoot: true, allowPrivilegeEscalation: false },
      { runAsNonRoot: true, allowPrivilegeEscalation: false },
      { allowPrivilegeEscalation: false, runAsNonRoot: false },
    ]);
  });

  it('locates a value reached through an alias or a merge key at the alias / `<<` entry in the resource itself', () => {
    const { sourceMap } = onlyDocument('anchors.yaml', text);
    const alias = positionOf(text, 'securityContext: *hardened');
    expect(sourceMap.locate(['spec', 'containers', 1, 'securityContext', 'allowPrivilegeEscalation'])).toMatchObject({ startLine: alias.line, startColumn: alias.column });
    const merge = positionOf(text, '<<: *hardened');
    expect(sourceMap.locate(['spec', 'containers', 2, 'securityContext', 'allowPrivilegeEscalation'])).toMatchObject({ startLine: merge.line, startColumn: merge.column });
    // Explicit keys next to a merge are located where they are written.
    const own = positionOf(text, 'runAsNonRoot: false');
    expect(sourceMap.locate(['spec', 'containers', 2, 'securityContext', 'runAsNonRoot'])).toMatchObject({ startLine: own.line, startColumn: own.column });
    // The value itself (for masking secrets) is where the anchor writes it.
    const value = positionOf(text, 'false', 1);
    expect(sourceMap.locateValue(['spec', 'containers', 1, 'securityContext', 'allowPrivilegeEscalation'])).toMatchObject({ startLine: value.line, startColumn: value.column });
  });

  it('reports each container that runs as root through an alias on its own line', async () => {
    const rootText = text.replace('runAsNonRoot: true', 'runAsUser: 0');
    const report = await scanText({ 'anchors.yaml': rootText });
    expect(report.findings.map((finding) => `${finding.resource.name}:${finding.location.startLine}:${finding.message.slice(0, 13)}`)).toEqual([
      `anchors:${positionOf(rootText, 'runAsUser: 0').line}:Container "a"`,
      `anchors:${positionOf(rootText, 'securityContext: *hardened').line}:Container "b"`,
      // runAsUser: 0 comes in through the merge key (and wins over runAsNonRoot: false).
      `anchors:${positionOf(rootText, '<<: *hardened').line}:Container "c"`,
    ]);
  });
});

describe('documents that are not Kubernetes', () => {
  it('are skipped and counted in summary.filesSkipped, without errors', async () => {
    const report = await scan(['not-kubernetes.yaml', 'kustomize-output.yaml'], { cwd: LOADER_FIXTURES, noConfig: true, rules: [runAsNonRoot] });
    expect(report.errors).toEqual([]);
    expect(report.summary).toMatchObject({ filesScanned: 1, filesSkipped: 1 });
  });

  it('leaves out scalars, sequences and objects without apiVersion/kind in a stream', () => {
    expect(names('just a string\n---\n- a\n- b\n---\nkind: Pod\n---\napiVersion: v1\nkind: ""\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: ok}\n')).toEqual(['Pod/ok']);
  });
});

describe('content detection', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-detect-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'manifest.txt'), fixture('manifest.txt'));
  writeFileSync(path.join(dir, 'Kubefile'), fixture('manifest.txt'));
  writeFileSync(path.join(dir, 'manifest.yml'), fixture('manifest.txt'));
  writeFileSync(path.join(dir, 'README.md'), '# Notes\n\nkey: [unbalanced\n');

  it('scans a Kubernetes manifest named on the command line whatever its extension', async () => {
    const report = await scan(['manifest.txt', 'Kubefile'], { cwd: dir, noConfig: true, rules: [runAsNonRoot] });
    expect(report.errors).toEqual([]);
    expect(report.findings.map((finding) => `${finding.location.path}:${finding.location.startLine}`)).toEqual(['Kubefile:10', 'manifest.txt:10']);
  });

  it('reads only candidate extensions in a directory walk', async () => {
    const report = await scan(['.'], { cwd: dir, noConfig: true, rules: [runAsNonRoot] });
    expect(report.findings.map((finding) => finding.location.path)).toEqual(['manifest.yml']);
    expect(report.summary).toMatchObject({ filesScanned: 1, filesSkipped: 0 });
  });

  it('skips, without a syntax error, a file named on the command line that is not meant to be a manifest', async () => {
    const report = await scan(['README.md', 'manifest.yml'], { cwd: dir, noConfig: true, rules: [runAsNonRoot] });
    expect(report.errors).toEqual([]);
    expect(report.summary).toMatchObject({ filesScanned: 1, filesSkipped: 1 });
  });

  it('decides JSON or YAML by content for standard input', async () => {
    const json = await scan(['-'], { cwd: dir, noConfig: true, rules: [runAsNonRoot], readStdin: async () => Buffer.from(fixture('list.json')) });
    expect(json.findings.map((finding) => `${finding.location.path}:${finding.location.startLine}`)).toEqual([`-:${positionOf(fixture('list.json'), '"runAsUser": 0').line}`]);
    const yaml = await scan(['-'], { cwd: dir, noConfig: true, rules: [runAsNonRoot], readStdin: async () => Buffer.from(fixture('manifest.txt')) });
    expect(yaml.findings.map((finding) => `${finding.location.path}:${finding.location.startLine}`)).toEqual(['-:10']);
  });

  it('reads UTF-16 text with a byte order mark (Windows PowerShell redirection)', async () => {
    const text = fixture('manifest.txt').replace(/\n/g, '\r\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const report = await scan(['-'], { cwd: dir, noConfig: true, rules: [runAsNonRoot], readStdin: async () => utf16 });
    expect(report.errors).toEqual([]);
    expect(report.findings.map((finding) => finding.location.startLine)).toEqual([10]);
  });
});
