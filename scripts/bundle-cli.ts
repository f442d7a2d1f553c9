/**
 * Bundles the command line for a fast cold start, in dist/cli/ beside the tsc output:
 * - cli.cjs: the program (dist/cli/program.js) and everything it loads, as one CommonJS file. main.js (the
 *   `seaworthy` bin) runs it with a V8 code cache (see src/cli/bundle.ts). Unbundled, a cold `seaworthy scan`
 *   spent a third of its time resolving and compiling some 200 modules, and compiling still cost 55 ms of
 *   430 on the CloudFormation corpus once bundled as ES modules.
 * - cli.cjs.cache: the code cache, written by a run of the bundle over examples/ and test/fixtures/
 *   (scripts/train-code-cache.ts), so that it holds the functions a scan compiles.
 * - yaml-worker.js: the YAML worker thread's entry, where yaml-worker-client.js (bundled into cli.cjs) looks.
 *
 * The bundle sits in dist/cli/ so that paths relative to a module (`../../package.json`) resolve as they do in
 * the unbundled tree. The WebAssembly Terraform parser stays external: it loads its .wasm files relative to its
 * own package.
 */
import { build, type BuildOptions } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FILE, CODE_CACHE_FILE } from '../src/cli/bundle.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'cli');

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // ESM builds of dependencies that ship both (jsonc-parser's UMD build requires its parts dynamically).
  mainFields: ['module', 'main'],
  external: ['web-tree-sitter', '@tree-sitter-grammars/tree-sitter-hcl'],
  logLevel: 'warning',
};

rmSync(path.join(OUT, CODE_CACHE_FILE), { force: true });
await build({
  ...common,
  entryPoints: [path.join(OUT, 'program.js')],
  outfile: path.join(OUT, BUNDLE_FILE),
  format: 'cjs',
  // import() of the external Terraform parser becomes require() (its CommonJS build): a script run through
  // node:vm can import() only with an experimental loader option that prints a warning.
  supported: { 'dynamic-import': false },
  // The modules locate files relative to themselves: from the bundle, that is dist/cli/.
  define: { 'import.meta.url': 'bundleUrl' },
  banner: { js: 'const bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
await build({
  ...common,
  entryPoints: [path.join(ROOT, 'dist', 'loaders', 'yaml-worker.js')],
  outfile: path.join(OUT, 'yaml-worker.js'),
  allowOverwrite: true,
  format: 'esm',
  // CommonJS dependencies (yaml) call require() for Node built-ins.
  banner: { js: 'import { createRequire as __seaworthyCreateRequire } from "node:module"; const require = __seaworthyCreateRequire(import.meta.url);' },
});

// A fresh Node without flags (V8 refuses a cache made under other flags); its exit status is the scan's.
const env = { ...process.env };
delete env.NODE_OPTIONS;
const training = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'train-code-cache.ts'), OUT], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
if (!existsSync(path.join(OUT, CODE_CACHE_FILE))) {
  process.stderr.write(`warning: no code cache written (training exited with ${String(training.status ?? training.signal)}); the CLI works, but starts slower\n`);
}
