import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';

/**
 * The bundled command line (scripts/bundle-cli.ts writes both files beside main.js): one CommonJS file, and the
 * V8 code cache of a run over the repository's examples and fixtures. Node 20 has no code cache for ES modules
 * (module.enableCompileCache came in Node 22), so the bundle is run as a script, the way Node runs CommonJS,
 * with the cache V8 then skips compiling from.
 */
export const BUNDLE_FILE = 'cli.cjs';
export const CODE_CACHE_FILE = 'cli.cjs.cache';

export interface CliBundle {
  /** Runs the command line (process.argv) once. */
  run(): void;
  /** The code cache of everything compiled so far (after `run`: what the run needed). */
  codeCache(): Buffer;
  /** Whether V8 refused the cache beside the bundle (undefined: there was none). */
  cacheRejected: boolean | undefined;
}

/**
 * Compiles the bundle at `bundlePath` with the code cache beside it, if any. V8 checks the cache against this
 * source, its own version and its flags, and compiles from source when it does not match: a stale or missing
 * cache costs speed only.
 */
export function loadCliBundle(bundlePath: string): CliBundle {
  const source = readFileSync(bundlePath, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(path.join(path.dirname(bundlePath), CODE_CACHE_FILE));
  } catch {
    cachedData = undefined; // compile from source
  }
  // The CommonJS wrapper, on the first line so that stack traces keep the bundle's line numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundlePath,
    cachedData,
  });
  return {
    run: () => {
      const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
      const module = { exports: {} };
      wrapper.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, path.dirname(bundlePath));
    },
    codeCache: () => script.createCachedData(),
    cacheRejected: cachedData === undefined ? undefined : script.cachedDataRejected === true,
  };
}
