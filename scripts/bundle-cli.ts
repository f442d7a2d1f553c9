/**
 * Bundles the command-line entry (dist/cli/main.js, compiled by tsc) into one module plus lazily loaded
 * chunks, in place. A cold `seaworthy scan` otherwise spends a third of its time resolving and compiling
 * some 200 separate modules. The library entry (dist/index.js) stays unbundled, with its type declarations.
 *
 * Chunks sit beside main.js in dist/cli/ so that paths relative to a module (`../../package.json`) resolve
 * as they do in the unbundled tree. The WebAssembly Terraform parser stays external: it loads its .wasm
 * files relative to its own package.
 */
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'cli');

for (const name of readdirSync(OUT)) if (name.startsWith('chunk-')) rmSync(path.join(OUT, name));

await build({
  // The YAML worker thread's entry sits beside the chunks, where yaml-worker-client.js (bundled into one) looks.
  entryPoints: { main: path.join(OUT, 'main.js'), 'yaml-worker': path.join(ROOT, 'dist', 'loaders', 'yaml-worker.js') },
  outdir: OUT,
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ESM builds of dependencies that ship both (jsonc-parser's UMD build requires its parts dynamically).
  mainFields: ['module', 'main'],
  external: ['web-tree-sitter', '@tree-sitter-grammars/tree-sitter-hcl'],
  // CommonJS dependencies (commander) call require() for Node built-ins.
  banner: { js: 'import { createRequire as __seaworthyCreateRequire } from "node:module"; const require = __seaworthyCreateRequire(import.meta.url);' },
  logLevel: 'warning',
});
