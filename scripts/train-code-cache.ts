/**
 * Writes the code cache of the bundled CLI (see scripts/bundle-cli.ts): runs `seaworthy scan` from the bundle
 * over the repository's examples and fixtures (every artifact type), then saves what V8 compiled for it.
 * Usage: train-code-cache.ts <dist/cli>, from the repository root.
 */
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_FILE, CODE_CACHE_FILE, loadCliBundle } from '../src/cli/bundle.js';

const dir = path.resolve(process.argv[2] ?? 'dist/cli');
const bundle = loadCliBundle(path.join(dir, BUNDLE_FILE));
process.on('exit', () => {
  const file = path.join(dir, CODE_CACHE_FILE);
  writeFileSync(`${file}.tmp`, bundle.codeCache());
  renameSync(`${file}.tmp`, file);
});
process.argv = [process.argv[0] ?? 'node', path.join(dir, 'main.js'), 'scan', 'examples', 'test/fixtures', '-f', 'json'];
bundle.run();
