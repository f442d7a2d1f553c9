import type { ScanError } from '../model/types.js';
import type { DiscoveredFile } from './discover.js';
import { yamlTextOf } from './index.js';
import { readSource, stripBom } from './read.js';
import { loadedOnItsOwn, type SourceInput } from './sources.js';
import { startYamlWorker, yamlWorkerPays, type YamlWorker } from './yaml-worker-client.js';

export interface ReadInputs {
  /** The files read, in the order given (unreadable ones left out). */
  inputs: SourceInput[];
  /** One per file that could not be read (missing, too large, binary, invalid UTF-8...). */
  errors: ScanError[];
  /** A worker thread pre-reading the YAML among `inputs` (by index there): loadSources' `preRead`; close it after. */
  worker: YamlWorker | undefined;
}

export interface ReadInputsOptions {
  maxBytes: number;
  readStdin: (maxBytes: number) => Promise<Buffer>;
  /** Read YAML in a worker thread: true or false decide; undefined starts one once the YAML read so far makes it pay. */
  parseWorker?: boolean | undefined;
}

/**
 * Reads the files of a scan into loadSources' inputs. The YAML worker is started as
 * soon as it is wanted, with the inputs read so far, and given each later one as it comes: it boots (about
 * 0.1 s) while the rest is being read.
 */
export async function readInputs(files: readonly DiscoveredFile[], options: ReadInputsOptions): Promise<ReadInputs> {
  const inputs: SourceInput[] = [];
  const errors: ScanError[] = [];
  let worker: YamlWorker | undefined;
  let decided = options.parseWorker === false;
  let yamlChars = 0;
  for (const file of files) {
    const read = await readSource(file, options.maxBytes, options.readStdin);
    if (!read.ok) {
      const error: ScanError = { path: file.displayPath, message: read.message };
      if (read.line !== undefined) error.line = read.line;
      errors.push(error);
      continue;
    }
    const input: SourceInput = { path: file.displayPath, text: stripBom(read.text), explicit: file.explicit };
    if (file.incompleteDirectory) input.incompleteDirectory = true;
    inputs.push(input);
    // Only what loadSources asks the worker for: the rest (Terraform) would hold its read-ahead budget for ever.
    if (!loadedOnItsOwn(input)) continue;
    if (decided) {
      worker?.add(inputs.length - 1, input);
      continue;
    }
    yamlChars += yamlTextOf(input)?.length ?? 0;
    if (options.parseWorker === true || yamlWorkerPays(yamlChars)) {
      decided = true;
      worker = startYamlWorker();
      inputs.forEach((earlier, earlierIndex) => {
        if (loadedOnItsOwn(earlier)) worker?.add(earlierIndex, earlier);
      });
    }
  }
  return { inputs, errors, worker };
}
