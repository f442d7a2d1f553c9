/**
 * Worker-thread entry (started by yaml-worker-client.ts): reads YAML streams for the main thread, which
 * meanwhile checks the files already read. In: `{ id, text }`; out: `{ id, json }` with the plain-data
 * YamlPreRead as JSON text, or `json: undefined` if something went wrong (the main thread then reads that
 * text itself).
 */
import { parentPort } from 'node:worker_threads';
import { preReadYamlStream, type YamlPreRead } from './yaml.js';
import type { WorkerRequest, WorkerResponse } from './yaml-worker-client.js';

parentPort?.on('message', ({ id, text }: WorkerRequest) => {
  let read: YamlPreRead | undefined;
  try {
    // The options loadFile parses every YAML file with (see loaders/index.ts).
    read = preReadYamlStream(text, { cloudformation: true });
  } catch {
    read = undefined;
  }
  parentPort?.postMessage({ id, json: read === undefined ? undefined : JSON.stringify(read) } satisfies WorkerResponse);
});
