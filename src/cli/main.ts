#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUNDLE_FILE, loadCliBundle } from './bundle.js';

// The built package (`npm run build`) runs the bundle with its code cache: a cold start compiles no JavaScript of
// its own. Without the bundle (tsc alone, into a clean dist/), the program module runs.
const bundle = fileURLToPath(new URL(`./${BUNDLE_FILE}`, import.meta.url));
if (existsSync(bundle)) loadCliBundle(bundle).run();
else await import('./program.js');
