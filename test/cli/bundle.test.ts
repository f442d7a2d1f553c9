import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FILE, CODE_CACHE_FILE, loadCliBundle } from '../../src/cli/bundle.js';
import { ROOT } from './build.js';
import { runCli, useBuiltCli, useTempDir } from './run-cli.js';

useBuiltCli();
const tmp = useTempDir('bundle');

const globals = globalThis as { bundleRuns?: number };

/**
 * A one-line bundle that counts its runs in a global. Each source is new to this process: V8 reuses a source it
 * has compiled before without looking at the cache.
 */
function writeBundle(name: string): string {
  const dir = path.join(tmp(), name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, BUNDLE_FILE);
  writeFileSync(file, `// ${name} ${String(Date.now())}\nglobalThis.bundleRuns = (globalThis.bundleRuns ?? 0) + (typeof require === 'function' && module.exports === exports ? 1 : 100);\n`);
  return file;
}

describe('loadCliBundle', () => {
  it('runs the bundle as CommonJS, with no cache beside it', () => {
    const file = writeBundle('plain');
    const bundle = loadCliBundle(file);
    expect(bundle.cacheRejected).toBeUndefined();
    globals.bundleRuns = 0;
    bundle.run();
    expect(globals.bundleRuns).toBe(1);
  });

  it('compiles from source when the cache beside it was made from another bundle, or is not V8 code cache', () => {
    const file = writeBundle('not-cache');
    writeFileSync(path.join(path.dirname(file), CODE_CACHE_FILE), 'not a code cache');
    const bundle = loadCliBundle(file);
    expect(bundle.cacheRejected).toBe(true);
    globals.bundleRuns = 0;
    bundle.run();
    expect(globals.bundleRuns).toBe(1);

    // The right hash in front of bytes V8 does not take (a new source: V8 would reuse the one it compiled above).
    const other = writeBundle('not-v8-data');
    const hash = createHash('sha256').update(readFileSync(other)).digest();
    writeFileSync(path.join(path.dirname(other), CODE_CACHE_FILE), Buffer.concat([hash, Buffer.from('not V8 data either')]));
    expect(loadCliBundle(other).cacheRejected).toBe(true);
  });
});

describe('the built CLI', () => {
  const dist = path.join(ROOT, 'dist', 'cli');

  // A fresh process: V8 looks at a cache only for a source it has not compiled yet.
  it('ships the bundle with a code cache that a plain node accepts', () => {
    expect(existsSync(path.join(dist, BUNDLE_FILE))).toBe(true);
    const probe = `import { loadCliBundle } from ${JSON.stringify(path.join(dist, 'bundle.js'))}; process.stdout.write(String(loadCliBundle(${JSON.stringify(path.join(dist, BUNDLE_FILE))}).cacheRejected));`;
    const result = spawnSync(process.execPath, ['--input-type=module'], { input: probe, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(result.stdout).toBe('false');
  });

  it('runs the old code from no cache when the bundle was edited in place (same length)', () => {
    const dir = path.join(tmp(), 'edited');
    mkdirSync(dir, { recursive: true });
    const bundle = path.join(dir, BUNDLE_FILE);
    copyFileSync(path.join(dist, BUNDLE_FILE), bundle);
    copyFileSync(path.join(dist, CODE_CACHE_FILE), path.join(dir, CODE_CACHE_FILE));
    const text = readFileSync(bundle, 'utf8');
    writeFileSync(bundle, text.replace('seaworthy', 'SEAWORTHY'));
    const probe = `import { loadCliBundle } from ${JSON.stringify(path.join(dist, 'bundle.js'))}; process.stdout.write(String(loadCliBundle(${JSON.stringify(bundle)}).cacheRejected));`;
    const result = spawnSync(process.execPath, ['--input-type=module'], { input: probe, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(result.stdout).toBe('true');
  });

  it('scans Terraform through the bundle (the parser is required from its package)', async () => {
    const result = await runCli(['scan', path.join(ROOT, 'test', 'fixtures', 'terraform'), '-f', 'json', '--fail-on', 'none']);
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as { summary: { resources: number } }).summary.resources).toBeGreaterThan(0);
  });

  it('prints no warning on a scan', async () => {
    const result = await runCli(['scan', path.join(ROOT, 'examples', 'eks-app-hardened'), '-f', 'json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toHaveProperty('findings');
  });
});
