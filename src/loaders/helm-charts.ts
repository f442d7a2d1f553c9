import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ScanError, SourceFile } from '../model/types.js';
import { displayPathFor, type DiscoveredFile } from './discover.js';

/**
 * The files of a Helm chart's `templates/` folder (beside its `Chart.yaml`) are Go templates, not manifests: most
 * are YAML only once rendered. Those that parse anyway are checked like any manifest, their `{{ }}` values unknown;
 * the parse errors of the others are replaced by one error per chart that says what to scan instead, rather than a
 * YAML syntax error for each template. A template outside a chart keeps its error, with the same advice.
 */
export function groupHelmTemplateErrors(errors: readonly ScanError[], files: readonly DiscoveredFile[], inputs: readonly SourceFile[], cwd: string): ScanError[] {
  const absoluteByDisplay = new Map(files.map((file) => [file.displayPath, file.absolutePath]));
  const textByDisplay = new Map(inputs.map((input) => [input.path, input.text]));
  const chartOfDir = new Map<string, string | undefined>();
  const templatesByChart = new Map<string, string[]>();
  const kept: ScanError[] = [];
  for (const error of errors) {
    const absolute = absoluteByDisplay.get(error.path);
    // A file without template actions is broken YAML whatever the chart does: its own error stays.
    const isParseError = /^(YAML|JSON) syntax error/.test(error.message) && textByDisplay.get(error.path)?.includes('{{') === true;
    const chart = !isParseError || absolute === undefined || absolute === '-' ? undefined : chartOf(path.dirname(absolute), chartOfDir);
    if (chart === undefined || absolute === undefined) {
      // A template outside a chart (a loose Helm or Go template): the same advice, for this file.
      kept.push(isParseError ? { ...error, message: `${error.message} (the file holds {{ }} template actions: if it is a Helm or Go template, scan its rendered output)` } : error);
      continue;
    }
    const templates = templatesByChart.get(chart) ?? [];
    if (!templates.includes(absolute)) templates.push(absolute);
    templatesByChart.set(chart, templates);
  }
  for (const [chart, templates] of templatesByChart) {
    const shown = path.relative(cwd, chart) === '' ? '.' : displayPathFor(chart, cwd);
    const names = templates.map((template) => path.relative(chart, template).split(path.sep).join('/')).sort();
    const listed = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    kept.push({
      path: shown,
      message:
        `Helm chart: ${names.length === 1 ? 'a template is' : `${names.length} templates are`} not YAML until the chart is rendered (${listed}), so ${names.length === 1 ? 'it was' : 'they were'} not checked. ` +
        `Scan the rendered manifests instead: helm template ${shellWord(shown)} -f <your values> | seaworthy scan -`,
    });
  }
  return kept;
}

function shellWord(text: string): string {
  return /^[\w./@:+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The chart directory whose `templates/` folder holds `dir` (at any depth), or undefined. */
function chartOf(dir: string, cache: Map<string, string | undefined>): string | undefined {
  if (cache.has(dir)) return cache.get(dir);
  const parent = path.dirname(dir);
  let chart: string | undefined;
  if (path.basename(dir) === 'templates' && existsSync(path.join(parent, 'Chart.yaml'))) chart = parent;
  else if (parent !== dir) chart = chartOf(parent, cache);
  cache.set(dir, chart);
  return chart;
}
