#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FILE, loadCliBundle } from './bundle.js';
import { toolVersion } from '../util/version.js';

const args = process.argv.slice(2);
const bundle = fileURLToPath(new URL(`./${BUNDLE_FILE}`, import.meta.url));
// `seaworthy --version` alone is answered here, without reading the bundle and its 2 MB code cache.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) process.stdout.write(`${toolVersion()}\n`);
// The built package (`npm run build`) runs the bundle with its code cache: a cold start compiles no JavaScript of
// its own. Without the bundle (tsc alone, into a clean dist/), the program module runs.
else if (existsSync(bundle)) loadCliBundle(bundle).run();
else await import('./program.js');
