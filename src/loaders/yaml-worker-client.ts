import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { yamlTextOf } from './index.js';
import type { SourceFile } from '../model/types.js';
import type { YamlPreRead } from './yaml.js';

/** Below this much YAML, starting a worker (some 100 ms) costs more than reading in parallel saves. */
export const YAML_WORKER_MIN_CHARS = 2 * 1024 * 1024;

/**
 * How far the worker may read ahead of the caller, in characters of YAML. Ahead without a limit, every file's
 * text and pre-read would wait in memory at once while the caller checks the first (some 30 MB of a
 * 20,000-object scan's 290 MB peak); this keeps the worker busy while the caller checks one large file.
 */
const YAML_WORKER_AHEAD_CHARS = 2 * 1024 * 1024;

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
  /** The pre-read of the file at `index` (asked once per file); undefined when the worker cannot give it (read it here). */
  preRead(index: number): Promise<YamlPreRead | undefined>;
  /** Stops the worker (idempotent); reads still pending resolve to undefined. */
  close(): void;
  /** How many of the files given have been posted to the thread so far (the rest wait for the caller to catch up). */
  posted(): number;
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
  // Files given (sent from `nextToSend` on, in order), and the characters sent that the caller has not taken yet.
  const given: Array<{ index: number; text: string }> = [];
  let nextToSend = 0;
  const unclaimed = new Map<number, number>();
  let unclaimedChars = 0;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const resolve of pending.values()) resolve(undefined);
    pending.clear();
    nextToSend = given.length;
    void worker.terminate();
  };
  const send = (upTo: number): void => {
    for (let next = given[nextToSend]; next && (unclaimedChars < YAML_WORKER_AHEAD_CHARS || next.index <= upTo); next = given[nextToSend]) {
      nextToSend++;
      unclaimed.set(next.index, next.text.length);
      unclaimedChars += next.text.length;
      worker.postMessage({ id: next.index, text: next.text } satisfies WorkerRequest);
    }
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
      given.push({ index, text });
      send(-1);
    },
    preRead: (index) => {
      const result = results.get(index);
      if (result === undefined) return Promise.resolve(undefined);
      // Taken once: kept here, every file's pre-read would stay in memory until the scan ends.
      results.delete(index);
      unclaimedChars -= unclaimed.get(index) ?? 0;
      unclaimed.delete(index);
      send(index);
      return result;
    },
    close,
    posted: () => nextToSend,
  };
}
