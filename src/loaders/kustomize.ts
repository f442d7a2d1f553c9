import { promises as fs } from 'node:fs';
import path from 'node:path';
import { asArray, asObject, asString } from '../util/json.js';
import type { DiscoveredFile } from './discover.js';
import { parseYamlStream } from './yaml.js';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * Files that a kustomization of the scan lists as patches (`patches[].path`, `patchesStrategicMerge`,
 * `patchesJson6902[].path`). A strategic-merge patch looks like a Deployment but is a fragment: scanned as an
 * object of its own it would be reported for every setting it leaves to the base, so such files are skipped.
 * A kustomization that cannot be read is simply not used (it is not a scan error).
 */
export async function kustomizePatchFiles(files: readonly DiscoveredFile[]): Promise<Set<string>> {
  const patches = new Set<string>();
  for (const file of files) {
    if (file.absolutePath === '-' || !KUSTOMIZATION_NAMES.has(path.basename(file.absolutePath))) continue;
    let text: string;
    try {
      text = await fs.readFile(file.absolutePath, 'utf8');
    } catch {
      continue;
    }
    const kustomization = asObject(parseYamlStream(text).documents[0]?.data);
    if (!kustomization) continue;
    const dir = path.dirname(file.absolutePath);
    const add = (relative: string | undefined): void => {
      // Inline patches (YAML text) are not file names.
      if (relative && !relative.includes('\n')) patches.add(path.resolve(dir, relative));
    };
    for (const entry of asArray(kustomization.patchesStrategicMerge)) add(asString(entry));
    for (const key of ['patches', 'patchesJson6902'] as const) {
      for (const entry of asArray(kustomization[key])) add(asString(asObject(entry)?.path) ?? asString(entry));
    }
  }
  return patches;
}
