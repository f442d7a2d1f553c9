import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ScanError } from '../model/types.js';
import { asArray, asObject, asString } from '../util/json.js';
import type { DiscoveredFile } from './discover.js';
import { parseYamlStream } from './yaml.js';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * Kustomization fields that change what the listed resources deploy in ways the rules judge: their content
 * (patches, replacements, vars, transformer plugins, components), images, namespace, the labels selectors match,
 * annotations (suppressions, controller settings), and resources rendered from Helm charts. Name prefixes and replica
 * counts change nothing a rule looks at; objects that generators create (ConfigMaps, Secrets) are not in the files,
 * so not scanned, whatever the kustomization does.
 */
const TRANSFORMERS = ['patches', 'patchesStrategicMerge', 'patchesJson6902', 'images', 'namespace', 'commonLabels', 'labels', 'commonAnnotations', 'replacements', 'vars', 'transformers', 'components', 'helmCharts'];

export interface Kustomizations {
  /**
   * Files that a kustomization of the scan lists as patches (`patches[].path`, `patchesStrategicMerge`,
   * `patchesJson6902[].path`). A strategic-merge patch looks like a Deployment but is a fragment: scanned as an
   * object of its own it would be reported for every setting it leaves to the base, so such files are skipped.
   */
  patchFiles: Set<string>;
  /**
   * One notice for the kustomizations that transform what they list: the findings are on the files as written.
   * One for all of them, at the first: a Kustomize repository has an overlay per environment and component.
   */
  notices: ScanError[];
}

/** Reads the kustomizations of the scan. One that cannot be read is simply not used (it is not a scan error). */
export async function readKustomizations(files: readonly DiscoveredFile[]): Promise<Kustomizations> {
  const patches = new Set<string>();
  const transforming: Array<{ file: DiscoveredFile; line: number; used: string[] }> = [];
  for (const file of files) {
    if (file.absolutePath === '-' || !KUSTOMIZATION_NAMES.has(path.basename(file.absolutePath))) continue;
    let text: string;
    try {
      text = await fs.readFile(file.absolutePath, 'utf8');
    } catch {
      continue;
    }
    const document = parseYamlStream(text).documents[0];
    const kustomization = asObject(document?.data);
    if (!document || !kustomization) continue;
    const used = TRANSFORMERS.filter((key) => kustomization[key] !== undefined && kustomization[key] !== null);
    const first = used[0];
    if (first !== undefined) transforming.push({ file, line: document.sourceMap.locate([first]).startLine, used });
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
  return { patchFiles: patches, notices: transformationNotice(transforming) };
}

function transformationNotice(transforming: ReadonlyArray<{ file: DiscoveredFile; line: number; used: string[] }>): ScanError[] {
  const sorted = [...transforming].sort((a, b) => a.file.displayPath.localeCompare(b.file.displayPath));
  const [first, ...others] = sorted;
  if (!first) return [];
  const directory = path.dirname(first.file.displayPath) || '.';
  const shown = others.slice(0, 3).map((other) => other.file.displayPath);
  const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
  const also = others.length === 0 ? '' : ` So ${others.length === 1 ? 'does another kustomization' : `do ${others.length} other kustomizations`} of the scan (${shown.join(', ')}${more}).`;
  return [
    {
      path: first.file.displayPath,
      line: first.line,
      notice: true,
      message: `Kustomization: \`kustomize build\` changes the resources it lists (${first.used.join(', ')}); the findings on them are about the files as written.${also} To check what is deployed, scan the build: kustomize build ${directory} | seaworthy scan -`,
    },
  ];
}
