import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';

/**
 * The bundled command line (scripts/bundle-cli.ts writes both files beside main.js): one CommonJS file, and the
 * V8 code cache of a run over the repository's examples and fixtures. Node 20 has no code cache for ES modules
 * (module.enableCompileCache came in Node 22), so the bundle is run as a script, the way Node runs CommonJS,
 * with the cache V8 then skips compiling from.
 *
 * The cache file starts with the SHA-256 of the bundle it was made from: V8 itself checks only its version, its
 * flags and the source's length, so a bundle edited in place (same length) would otherwise run the old code.
 */
export const BUNDLE_FILE = 'cli.cjs';
export const CODE_CACHE_FILE = 'cli.cjs.cache';

const HASH_BYTES = 32;

export interface CliBundle {
  /** Runs the command line (process.argv) once. */
  run(): void;
  /** The cache file's content for everything compiled so far (after `run`: what the run needed). */
  codeCache(): Buffer;
  /** Whether the cache beside the bundle went unused: made from another bundle, or refused by V8 (undefined: no cache). */
  cacheRejected: boolean | undefined;
}

/**
 * Compiles the bundle at `bundlePath` with the code cache beside it when the cache was made from this very
 * bundle and V8 accepts it; otherwise from source. A stale or missing cache costs speed only.
 */
export function loadCliBundle(bundlePath: string): CliBundle {
  const bytes = readFileSync(bundlePath);
  const hash = createHash('sha256').update(bytes).digest();
  let cache: Buffer | undefined;
  try {
    cache = readFileSync(path.join(path.dirname(bundlePath), CODE_CACHE_FILE));
  } catch {
    cache = undefined; // compile from source
  }
  const cachedData = cache && cache.length > HASH_BYTES && cache.subarray(0, HASH_BYTES).equals(hash) ? cache.subarray(HASH_BYTES) : undefined;
  // The CommonJS wrapper, on the first line so that stack traces keep the bundle's line numbers.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`, { filename: bundlePath, cachedData });
  return {
    run: () => {
      const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
      const module = { exports: {} };
      wrapper.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, path.dirname(bundlePath));
    },
    codeCache: () => Buffer.concat([hash, script.createCachedData()]),
    cacheRejected: cache === undefined ? undefined : cachedData === undefined || script.cachedDataRejected === true,
  };
}
