import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateBenchCorpus } from '../../scripts/generate-bench-corpus.js';
import { aliasBomb } from '../bad-input/inputs.js';
import type { ScanReport } from '../../src/scan.js';
import type * as WorkerClient from '../../src/loaders/yaml-worker-client.js';
import type * as Yaml from '../../src/loaders/yaml.js';
import { CLI, ROOT } from './build.js';
import { useBuiltCli, useTempDir } from './run-cli.js';

// The worker thread runs only from the compiled tree (dist/), so these tests import and spawn the build.
useBuiltCli();
const tmp = useTempDir('parse-worker');

const dist = async <T>(relative: string): Promise<T> => (await import(pathToFileURL(path.join(ROOT, 'dist', relative)).href)) as T;
/** Preload that counts the messages worker threads post back (test/fixtures/count-worker-messages.mjs). */
const COUNT_HOOK = pathToFileURL(path.join(ROOT, 'test', 'fixtures', 'count-worker-messages.mjs')).href;

/** A corpus with every kind of YAML the loader treats differently, and more than enough for the worker to start. */
function writeCorpus(dir: string): void {
  generateBenchCorpus(dir, { objects: 2_500, seed: 7 });
  const odd = path.join(dir, 'odd');
  mkdirSync(odd, { recursive: true });
  writeFileSync(path.join(odd, 'anchors.yaml'), 'base: &b\n  image: app\napiVersion: v1\nkind: Pod\nmetadata: { name: anchored }\nspec:\n  containers:\n    - <<: *b\n      name: a\n');
  writeFileSync(path.join(odd, 'broken.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n');
  writeFileSync(path.join(odd, 'deep.yaml'), `apiVersion: v1\nkind: ConfigMap\ndata: ${'['.repeat(300)}${']'.repeat(300)}\n`);
  writeFileSync(path.join(odd, 'bomb.yaml'), aliasBomb());
  writeFileSync(path.join(odd, 'bom.yaml'), '\ufeffapiVersion: v1\nkind: Pod\nmetadata: { name: bom }\nspec: { containers: [{ name: a, image: app }] }\n');
  writeFileSync(path.join(odd, 'pod.json'), '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"}, "spec": {"containers": [{"name": "a", "image": "app"}]}}\n');
  copyFileSync(path.join(ROOT, 'test', 'fixtures', 'cloudformation', 'service.yaml'), path.join(odd, 'template.yaml'));
}

/** Runs node with the preload that counts worker messages; returns stdout and that count. */
function runCounted(args: string[], cwd: string): { stdout: string; workerMessages: number } {
  const result = spawnSync(process.execPath, ['--import', COUNT_HOOK, ...args], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  const count = /^worker messages: (\d+)$/m.exec(result.stderr);
  if (!count) throw new Error(`no worker count on stderr: ${result.stderr}`);
  expect(result.stderr.replace(count[0], '').trim()).toBe('');
  return { stdout: result.stdout, workerMessages: Number(count[1]) };
}

describe('YAML read in a worker thread (built)', () => {
  it('reads every YAML file in the worker, and the report is byte-identical to one read on one thread (library and bundled CLI)', () => {
    const dir = path.join(tmp(), 'corpus');
    writeCorpus(dir);
    const yamlFiles = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.yaml')).length;
    // Under `node -e --input-type=module`, whose flags once kept the worker from starting.
    const scanWith = (parseWorker: boolean) =>
      runCounted(
        [
          '--input-type=module',
          '-e',
          `const { scan } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'dist', 'scan.js')).href)});
           const report = await scan(['.'], { cwd: process.cwd(), noConfig: true, today: '2026-06-01', parseWorker: ${String(parseWorker)} });
           process.stdout.write(JSON.stringify(report));`,
        ],
        dir,
      );
    const withWorker = scanWith(true);
    const without = scanWith(false);
    expect(withWorker.workerMessages).toBe(yamlFiles);
    expect(without.workerMessages).toBe(0);
    expect(withWorker.stdout).toBe(without.stdout);
    const report = JSON.parse(without.stdout) as ScanReport;
    expect(report.summary.resources).toBeGreaterThan(2_500);
    expect(report.errors.map((error) => error.path).sort()).toEqual(['odd/bomb.yaml', 'odd/broken.yaml', 'odd/deep.yaml']);
    // The bundled CLI decides by itself (more than 2 MiB of YAML here): its worker sits beside its chunks.
    const cli = runCounted([CLI, 'scan', '.', '--no-config', '-f', 'json', '--fail-on', 'none'], dir);
    expect(cli.workerMessages).toBe(yamlFiles);
    expect((JSON.parse(cli.stdout) as ScanReport).findings).toEqual(report.findings);
  }, 120_000);

  it('reads each YAML file of the inputs, and a closed worker leaves the rest to this thread', async () => {
    const { startYamlWorker } = await dist<typeof WorkerClient>('loaders/yaml-worker-client.js');
    const { preReadYamlStream } = await dist<typeof Yaml>('loaders/yaml.js');
    const inputs = ['a: 1\n', 'kind: Pod\n---\nkind: Service\n', '{"json": true}', 'x: &a 1\ny: *a\n'].map((text, index) => ({ path: `f${index}.yaml`, text, explicit: false }));
    const worker = startYamlWorker();
    if (!worker) throw new Error('the compiled worker did not start');
    inputs.forEach((input, index) => worker.add(index, input));
    const reads = await Promise.all(inputs.map((_, index) => worker.preRead(index)));
    expect(reads).toEqual(inputs.map(({ text }, index) => (index === 2 ? undefined : preReadYamlStream(text, { cloudformation: true }))));
    worker.close();
    const stopped = startYamlWorker();
    if (!stopped) throw new Error('the compiled worker did not start');
    inputs.forEach((input, index) => stopped.add(index, input));
    stopped.close();
    expect(await Promise.all(inputs.map((_, index) => stopped.preRead(index)))).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads ahead of the caller only so far, and still gives any file asked out of order', async () => {
    const { startYamlWorker } = await dist<typeof WorkerClient>('loaders/yaml-worker-client.js');
    const { preReadYamlStream } = await dist<typeof Yaml>('loaders/yaml.js');
    // Six files of about 1 MiB each: more than the worker may hold ahead (2 MiB).
    const inputs = Array.from({ length: 6 }, (_, file) => ({
      path: `big${file}.yaml`,
      text: Array.from({ length: 40_000 }, (_, line) => `key${file}_${line}: value-${line}-padding-padding\n`).join(''),
      explicit: false,
    }));
    const worker = startYamlWorker();
    if (!worker) throw new Error('the compiled worker did not start');
    inputs.forEach((input, index) => worker.add(index, input));
    // 2 MiB ahead: the first two files are posted, the others wait for the caller.
    expect(worker.posted()).toBe(2);
    const expected = (index: number) => preReadYamlStream(inputs[index]?.text ?? '', { cloudformation: true });
    expect(await worker.preRead(0)).toEqual(expected(0));
    expect(worker.posted()).toBe(3);
    expect(await worker.preRead(4)).toEqual(expected(4));
    expect(worker.posted()).toBe(5);
    for (const index of [1, 2, 3, 5]) expect(await worker.preRead(index)).toEqual(expected(index));
    // Given once: a second ask is answered here (the caller reads the file itself).
    expect(await worker.preRead(4)).toBeUndefined();
    worker.close();
  }, 60_000);
});
