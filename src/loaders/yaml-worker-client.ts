import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { yamlTextOf } from './index.js';
import type { SourceFile } from '../model/types.js';
import type { YamlPreRead } from './yaml.js';

/** Below this much YAML, starting a worker (some 100 ms) costs more than reading in parallel saves. */
export const YAML_WORKER_MIN_CHARS = 2 * 1024 * 1024;

export interface WorkerRequest {
  id: number;
  text: string;
}

/**
 * The pre-read travels as JSON text rather than as a structured clone: JSON.parse is cheaper for the main
 * thread, and the objects it builds are the kind V8 reads fastest (rules ran 15-20% slower on cloned ones).
 * The values are JSON values already; the only thing lost is the sign of a `-0.0` float, which no rule reads.
 */
export interface WorkerResponse {
  id: number;
  json: string | undefined;
}

export interface YamlWorker {
  /** Sends the file at `index` of the inputs (called in increasing index order) to be pre-read if it is YAML. */
  add(index: number, input: SourceFile): void;
  /** The pre-read of the file at `index`; undefined when the worker cannot give it (read it here). */
  preRead(index: number): Promise<YamlPreRead | undefined>;
  /** Stops the worker (idempotent); reads still pending resolve to undefined. */
  close(): void;
}

/** Whether reading `chars` characters of YAML in a worker thread pays on this machine. */
export function yamlWorkerPays(chars: number): boolean {
  return chars >= YAML_WORKER_MIN_CHARS && availableParallelism() > 1;
}

/**
 * Starts a worker thread that pre-reads (preReadYamlStream) the YAML files it is given, in order, so that the
 * caller checks the first files while the worker reads the next (loadSources' `preRead`). Undefined when no
 * worker can run: from the TypeScript sources (tests, tsx) the compiled worker file does not exist. Bundled or
 * not, the worker file sits beside this module (scripts/bundle-cli.ts puts it beside the CLI's chunks).
 *
 * Only reading moves to the worker. Checking files there too was measured slower: on two cores the second
 * isolate's rules and garbage collection compete with the main thread, which has the rules that need the
 * whole scan left to run at the end.
 */
export function startYamlWorker(): YamlWorker | undefined {
  const url = new URL('./yaml-worker.js', import.meta.url);
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return undefined;
  let worker: Worker;
  try {
    // Not the parent's flags: `node -e` / `--input-type` (and others) stop a worker from starting.
    worker = new Worker(url, { execArgv: [] });
  } catch {
    return undefined;
  }

  const pending = new Map<number, (read: YamlPreRead | undefined) => void>();
  const results = new Map<number, Promise<YamlPreRead | undefined>>();
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const resolve of pending.values()) resolve(undefined);
    pending.clear();
    void worker.terminate();
  };
  worker.on('message', ({ id, json }: WorkerResponse) => {
    pending.get(id)?.(json === undefined ? undefined : (JSON.parse(json) as YamlPreRead));
    pending.delete(id);
  });
  // A worker that fails costs speed only: what it has not read is read in this thread.
  worker.on('error', close);
  worker.on('exit', close);
  return {
    add: (index, input) => {
      const text = yamlTextOf(input);
      if (text === undefined || closed) return;
      results.set(index, new Promise((resolve) => pending.set(index, resolve)));
      worker.postMessage({ id: index, text } satisfies WorkerRequest);
    },
    preRead: (index) => results.get(index) ?? Promise.resolve(undefined),
    close,
  };
}
