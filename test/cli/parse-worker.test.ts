import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateBenchCorpus } from '../../scripts/generate-bench-corpus.js';
import { aliasBomb } from '../bad-input/inputs.js';
import type { ScanOptions, ScanReport } from '../../src/scan.js';
import type * as WorkerClient from '../../src/loaders/yaml-worker-client.js';
import type * as Yaml from '../../src/loaders/yaml.js';
import { ROOT } from './build.js';
import { runCli, useBuiltCli, useTempDir } from './run-cli.js';

// The worker thread runs only from the compiled tree (dist/), so these tests import and spawn the build.
useBuiltCli();
const tmp = useTempDir('parse-worker');

const dist = async <T>(relative: string): Promise<T> => (await import(pathToFileURL(path.join(ROOT, 'dist', relative)).href)) as T;
const scanBuilt = async (paths: string[], options: ScanOptions): Promise<ScanReport> =>
  (await dist<{ scan: (paths: string[], options: ScanOptions) => Promise<ScanReport> }>('scan.js')).scan(paths, options);

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

describe('YAML read in a worker thread (built)', () => {
  it('gives byte-identical reports with and without the worker, from the library and the bundled CLI', async () => {
    const dir = path.join(tmp(), 'corpus');
    writeCorpus(dir);
    const options = { cwd: dir, noConfig: true, today: '2026-06-01' };
    const withWorker = JSON.stringify(await scanBuilt([dir], { ...options, parseWorker: true }));
    const without = JSON.stringify(await scanBuilt([dir], { ...options, parseWorker: false }));
    expect(withWorker).toBe(without);
    const report = JSON.parse(without) as ScanReport;
    expect(report.summary.resources).toBeGreaterThan(2_500);
    expect(report.errors.map((error) => error.path).sort()).toEqual(['odd/bomb.yaml', 'odd/broken.yaml', 'odd/deep.yaml']);
    // The CLI decides by itself (more than 2 MiB of YAML here) and must print the same findings.
    expect(existsSync(path.join(ROOT, 'dist', 'cli', 'yaml-worker.js'))).toBe(true);
    const cli = await runCli(['scan', '.', '--no-config', '-f', 'json', '--fail-on', 'none'], { cwd: dir, timeoutMs: 60_000 });
    expect(cli.stderr).toBe('');
    const printed = JSON.parse(cli.stdout) as ScanReport;
    expect(printed.findings).toEqual(report.findings);
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
    inputs.forEach((input, index) => stopped?.add(index, input));
    stopped?.close();
    expect(await stopped?.preRead(3)).toBeUndefined();
  });

  it('starts whatever flags the parent process was given (node -e, --input-type)', () => {
    const client = pathToFileURL(path.join(ROOT, 'dist', 'loaders', 'yaml-worker-client.js')).href;
    const code = `const { startYamlWorker } = await import(${JSON.stringify(client)});
      const worker = startYamlWorker();
      worker.add(0, { path: 'a.yaml', text: 'a: 1\\n' });
      console.log(JSON.stringify(await worker.preRead(0)));
      worker.close();`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 30_000 });
    expect(JSON.parse(output)).toEqual({ kind: 'fast', values: [{ a: 1 }], slices: [{ start: 0, end: 5 }] });
  });
});
