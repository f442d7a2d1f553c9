import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFile } from '../../src/loaders/index.js';
import { findExcessiveYamlNesting, MAX_YAML_NESTING_DEPTH } from '../../src/loaders/yaml.js';
import type { ScanError } from '../../src/model/types.js';
import runAsNonRoot from '../../src/rules/k8s/run-as-non-root.js';
import { scan, type ScanOptions } from '../../src/scan.js';
import { GOOD_POD, aliasBomb, deepBlockYaml, deepCompactYaml, deepFlowYaml, deepJson } from './inputs.js';

let dir = '';
const file = (name: string, content: string | Buffer): string => {
  const full = path.join(dir, name);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, content);
  return name;
};
const scanIn = (paths: string[], options: ScanOptions = {}): ReturnType<typeof scan> =>
  scan(paths, { cwd: dir, noConfig: true, rules: [runAsNonRoot], ...options });

/** Scans `name` next to a good manifest: the bad file gives exactly one error, the good one is still scanned. */
async function oneError(name: string, options: ScanOptions = {}): Promise<ScanError> {
  const report = await scanIn([name, 'good.yaml'], options);
  expect(report.summary.filesScanned).toBe(1);
  expect(report.findings.map((finding) => finding.location.path)).toEqual(['good.yaml']);
  expect(report.errors).toHaveLength(1);
  const error = report.errors[0] as ScanError;
  expect(error.path).toBe(name);
  return error;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-bad-'));
  file('good.yaml', GOOD_POD);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('syntax errors', () => {
  it('malformed YAML: path, line and what is wrong', async () => {
    const error = await oneError(file('broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "unterminated\nspec: {}\n'));
    expect(error).toEqual({ path: 'broken.yaml', line: 4, message: 'YAML syntax error: this double-quoted string is never closed (missing closing ") (column 9)' });
  });

  it('malformed JSON: path, line and what is wrong', async () => {
    const error = await oneError(file('broken.json', '{\n  "apiVersion": "v1",\n  "kind": "Pod"\n  "metadata": {}\n}\n'));
    expect(error).toEqual({ path: 'broken.json', line: 4, message: "JSON syntax error: ',' expected (column 3)" });
  });

  it('malformed JSON on standard input is reported as JSON, not as a confusing YAML error', async () => {
    const report = await scanIn(['-'], { readStdin: async () => Buffer.from('{"apiVersion": "v1", "kind": "Pod",, "metadata": {}}') });
    expect(report.errors).toEqual([{ path: '-', line: 1, message: 'JSON syntax error: property name expected (column 36)' }]);
  });

  it('YAML that is not Kubernetes: skipped and counted, no error', async () => {
    const report = await scanIn([file('compose.yaml', 'services:\n  web:\n    image: nginx\n'), 'good.yaml']);
    expect(report.errors).toEqual([]);
    expect(report.summary).toMatchObject({ filesScanned: 1, filesSkipped: 1 });
  });
});

describe('resource exhaustion', () => {
  it('a YAML alias bomb ("billion laughs") is refused fast with a clear error, not expanded', async () => {
    const started = performance.now();
    const error = await oneError(file('bomb.yaml', aliasBomb()));
    expect(performance.now() - started).toBeLessThan(2000);
    // The first alias, where the expansion starts.
    expect(error.line).toBe(6);
    expect(error.message).toMatch(/alias expansion refused.*billion laughs/);
  });

  it('a file over the size limit (lowered) is refused before it is read, naming the limit', async () => {
    const error = await oneError(file('big.yaml', `${GOOD_POD}# ${'x'.repeat(2000)}\n`), { maxFileBytes: 1024 });
    expect(error.message).toBe('file too large: 2.1 KiB exceeds the 1.0 KiB limit (--max-file-size), not read');
  });

  it('a real 50 MB file is refused under the default limit, without being read', async () => {
    const fd = openSync(path.join(dir, 'huge.yaml'), 'w');
    writeSync(fd, GOOD_POD);
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const started = performance.now();
    const error = await oneError('huge.yaml');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error.message).toBe('file too large: 50.0 MiB exceeds the 16.0 MiB limit (--max-file-size), not read');
  });

  it('standard input over the size limit is refused, naming the limit', async () => {
    const report = await scanIn(['-', 'good.yaml'], { maxFileBytes: 200, readStdin: async () => Buffer.alloc(500, 0x61) });
    expect(report.errors).toEqual([{ path: '-', message: 'input too large: standard input exceeds the 200 B limit (--max-file-size)' }]);
    expect(report.summary.filesScanned).toBe(1);
  });

  it.each([
    ['JSON', 'deep.json', deepJson, /^JSON nested deeper than 1000 levels/],
    ['YAML flow style', 'deep-flow.yaml', deepFlowYaml, /^YAML nested deeper than 256 levels/],
    ['YAML compact block sequences', 'deep-compact.yaml', deepCompactYaml, /^YAML nested deeper than 256 levels/],
  ])('a document nested 10,000 deep in %s: an error, no stack overflow', async (_label, name, make, message) => {
    const error = await oneError(file(name, make()));
    expect(error.message).toMatch(message);
    expect(error.line).toBeGreaterThanOrEqual(1);
  });

  it('a document nested 10,000 deep in YAML block style (indentation, 50 MB): an error, fast, no stack overflow', () => {
    const text = deepBlockYaml();
    const started = performance.now();
    const result = loadFile({ path: 'deep-block.yaml', text }, { explicit: false });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(result.errors).toEqual([{ path: 'deep-block.yaml', line: 3 + MAX_YAML_NESTING_DEPTH, message: expect.stringMatching(/^YAML nested deeper than 256 levels/) }]);
  });

  it('the nesting guard lets realistic documents through: deep CRD schemas, block scalars, brackets in text', () => {
    const schema = (depth: number): string => {
      let out = 'openAPIV3Schema:\n';
      for (let level = 1; level <= depth; level++) out += `${'  '.repeat(2 * level - 1)}properties:\n${'  '.repeat(2 * level)}f${level}:\n`;
      return out;
    };
    expect(findExcessiveYamlNesting(schema(100), MAX_YAML_NESTING_DEPTH)).toBe(-1);
    expect(findExcessiveYamlNesting(schema(130), MAX_YAML_NESTING_DEPTH)).not.toBe(-1);
    const text = [
      'data:',
      '  script: |',
      ...Array.from({ length: 400 }, (_, i) => `    ${' '.repeat(i)}{[ unbalanced "quote`),
      '  regex: a[b{c',
      "  quoted: '[[[[{{{{'",
      '  flow: [a, "]]]", {b: c}]',
      '  # [[[[[[ comment',
      '  items:',
      '  - - - [x]',
    ].join('\n');
    expect(findExcessiveYamlNesting(text, 10)).toBe(-1);
  });
});

describe('bytes that are not text', () => {
  it('a binary file with NUL bytes', async () => {
    const error = await oneError(file('blob.yaml', Buffer.from([0x61, 0x3a, 0x20, 0x0a, 0x00, 0x01, 0x02])));
    expect(error).toEqual({ path: 'blob.yaml', line: 2, message: 'binary file (NUL byte at offset 4), not scanned' });
  });

  it('a PNG image, named as such', async () => {
    const error = await oneError(file('logo.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52])));
    expect(error.message).toBe('binary file (PNG image), not scanned');
  });

  it('invalid UTF-8: the line and the offending byte', async () => {
    const error = await oneError(file('latin1.yaml', Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')])));
    expect(error).toEqual({ path: 'latin1.yaml', line: 4, message: 'invalid UTF-8: byte 0xE9 at offset 46 cannot start or continue a character; save the file as UTF-8' });
  });

  it('invalid UTF-8 that looks almost valid (an encoded surrogate)', async () => {
    const error = await oneError(file('surrogate.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xed, 0xa0, 0x80, 0x0a])));
    expect(error).toMatchObject({ line: 1, message: expect.stringMatching(/^invalid UTF-8: byte 0xED at offset 3/) });
  });
});

describe('files that cannot be read', () => {
  it.skipIf(process.getuid?.() === 0)('a file without read permission', async () => {
    chmodSync(path.join(dir, file('secret.yaml', GOOD_POD)), 0o000);
    const error = await oneError('secret.yaml');
    expect(error.message).toBe('permission denied: cannot be read');
  });

  it('a dangling symbolic link, named on the command line and met in a walk', async () => {
    mkdirSync(path.join(dir, 'dangling'));
    symlinkSync('missing.yaml', path.join(dir, 'dangling', 'link.yaml'));
    const error = await oneError('dangling/link.yaml');
    expect(error.message).toBe('broken symbolic link: its target "missing.yaml" does not exist');
    const walked = await scanIn(['dangling']);
    expect(walked.errors).toEqual([{ path: 'dangling/link.yaml', message: 'broken symbolic link: its target "missing.yaml" does not exist' }]);
  });

  it('a path that does not exist', async () => {
    const error = await oneError('nowhere.yaml');
    expect(error.message).toBe('no such file or directory');
  });

  it('a FIFO never hangs the scan, named on the command line or met in a walk', async () => {
    mkdirSync(path.join(dir, 'fifo'));
    try {
      execFileSync('mkfifo', [path.join(dir, 'fifo', 'pipe.yaml')]);
    } catch {
      return; // no mkfifo here: nothing to test
    }
    const error = await oneError('fifo/pipe.yaml');
    expect(error.message).toBe('not a regular file (a named pipe), not read');
    const walked = await scanIn(['fifo']);
    expect(walked.errors).toEqual([{ path: 'fifo/pipe.yaml', message: 'not a regular file (a named pipe), skipped' }]);
  }, 5000);

  it('symbolic link loops in directories and between files', async () => {
    mkdirSync(path.join(dir, 'loops/sub'), { recursive: true });
    writeFileSync(path.join(dir, 'loops/sub/pod.yaml'), GOOD_POD);
    symlinkSync('..', path.join(dir, 'loops/sub/up'));
    symlinkSync('self.yaml', path.join(dir, 'loops/self.yaml'));
    symlinkSync('b.yaml', path.join(dir, 'loops/a.yaml'));
    symlinkSync('a.yaml', path.join(dir, 'loops/b.yaml'));
    const report = await scanIn(['loops']);
    expect(report.summary.filesScanned).toBe(1);
    expect(report.errors).toEqual([
      { path: 'loops/a.yaml', message: 'symbolic link loop (too many levels of symbolic links)' },
      { path: 'loops/b.yaml', message: 'symbolic link loop (too many levels of symbolic links)' },
      { path: 'loops/self.yaml', message: 'symbolic link loop (too many levels of symbolic links)' },
      { path: 'loops/sub/up', message: 'symbolic link loop: this directory is already being scanned, skipped' },
    ]);
  });
});

describe('a directory full of bad input', () => {
  it('gives one clear error per bad file and scans the rest', async () => {
    const mixed = path.join(dir, 'mixed');
    mkdirSync(mixed);
    writeFileSync(path.join(mixed, 'a-good.yaml'), GOOD_POD);
    writeFileSync(path.join(mixed, 'bomb.yaml'), aliasBomb());
    writeFileSync(path.join(mixed, 'broken.json'), '{"a": }');
    writeFileSync(path.join(mixed, 'broken.yaml'), 'a: [\n');
    writeFileSync(path.join(mixed, 'deep.json'), deepJson());
    writeFileSync(path.join(mixed, 'binary.yml'), Buffer.from([0, 1, 2]));
    writeFileSync(path.join(mixed, 'notes.txt'), '\u0000 not a candidate, never read');
    writeFileSync(path.join(mixed, 'z-good.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'z' }, spec: { containers: [{ name: 'c', image: 'x' }] } }));
    const report = await scanIn(['mixed']);
    expect(report.errors.map((error) => `${error.path}:${error.line ?? '-'}`)).toEqual(['mixed/binary.yml:1', 'mixed/bomb.yaml:6', 'mixed/broken.json:1', 'mixed/broken.yaml:2', 'mixed/deep.json:1']);
    expect(report.summary).toMatchObject({ filesScanned: 2, errors: 5 });
    expect(report.findings.map((finding) => finding.location.path)).toEqual(['mixed/a-good.yaml', 'mixed/z-good.json']);
  });
});

describe('hostile shapes in custom resources (every rule runs)', () => {
  it('maps where strings belong, keys named like Object methods, wrong types in Argo, Tekton and operator fields: no rule fails', async () => {
    const hostile = [
      'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: { name: wf }\nspec:\n  entrypoint: main\n  podMetadata:\n    labels: { app: { toString: x } }\n    annotations: { container.apparmor.security.beta.kubernetes.io/main: { toString: x } }\n  securityContext: { runAsUser: { toString: x } }\n  templateDefaults: [1, 2]\n  templates: [{ name: main, container: { image: alpine } }, null, "x", { name: { a: 1 }, containerSet: { containers: { a: 1 }, volumeMounts: "m" } }]\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nmetadata: { name: cron }\nspec: { schedule: "* * * * *" }\n',
      'apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: { name: t }\nspec: { templates: "x", podSpecPatch: 42 }\n',
      'apiVersion: tekton.dev/v1\nkind: Task\nmetadata: { name: t }\nspec: { stepTemplate: "x", steps: [null, { name: __proto__, image: alpine, computeResources: [] }], sidecars: { a: 1 }, volumes: "v" }\n',
      'apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata: { name: r }\nspec: { taskRunTemplate: { podTemplate: "p" }, pipelineSpec: { tasks: [{ name: constructor, taskSpec: { steps: [{ image: alpine }] } }] } }\n',
      'apiVersion: ray.io/v1\nkind: RayCluster\nmetadata: { name: toString }\nspec:\n  headGroupSpec: { template: { spec: { containers: [{ name: h, image: ray }] } } }\n  workerGroupSpecs: { a: { template: { spec: { containers: [{ name: w, image: ray }] } } } }\n',
      'apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata: { name: j }\nspec: { pytorchReplicaSpecs: { hasOwnProperty: { template: { spec: { containers: [{ name: p, image: t }] } } } } }\n',
    ];
    // A podSpecPatch that is an alias bomb: refused by the loader's alias limit, not expanded.
    const levels = Array.from({ length: 9 }, (_, i) => `l${i}: &a${i} [${i === 0 ? 'x, x, x, x, x, x, x, x, x, x' : Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    hostile.push(`apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: { name: bomb }\nspec:\n  templates:\n    - name: t\n      podSpecPatch: |\n${levels.map((line) => `        ${line}`).join('\n')}\n      container: { image: alpine, securityContext: { privileged: true } }\n`);
    hostile.forEach((text, index) => file(`hostile/${index}.yaml`, text));
    const report = await scan(['hostile'], { cwd: dir, noConfig: true, today: '2026-06-01' });
    expect(report.errors).toEqual([]);
    expect(report.summary.filesScanned).toBe(hostile.length);
  });
});
