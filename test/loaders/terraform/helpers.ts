import type { JsonValue, NodePath, SourceRange } from '../../../src/model/types.js';
import { loadTerraformFiles, type TerraformLoadOptions, type TerraformLoadResult, type TerraformResource } from '../../../src/loaders/terraform/index.js';

/** Strips the common indentation of a template literal (fixtures read naturally in the test source). */
export function hcl(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, part, index) => out + part + (index < values.length ? String(values[index]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0));
  return lines.map((line) => line.slice(indent)).join('\n');
}

export async function load(files: Record<string, string>, options?: TerraformLoadOptions): Promise<TerraformLoadResult> {
  return loadTerraformFiles(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    options,
  );
}

/** Loads and fails on any error or warning. */
export async function loadClean(files: Record<string, string>, options?: TerraformLoadOptions): Promise<TerraformLoadResult> {
  const result = await load(files, options);
  if (result.errors.length > 0 || result.warnings.length > 0) throw new Error(`does not load cleanly: ${JSON.stringify([...result.errors, ...result.warnings])}`);
  return result;
}

export function byName(result: TerraformLoadResult, name: string): TerraformResource {
  const found = result.resources.find((resource) => resource.name === name);
  if (!found) throw new Error(`no resource ${name}; have: ${result.resources.map((resource) => resource.name).join(', ')}`);
  return found;
}

export function names(result: TerraformLoadResult): string[] {
  return result.resources.map((resource) => resource.name);
}

/** Reads a value inside a resource body. */
export function at(resource: TerraformResource, ...path: NodePath): JsonValue | undefined {
  let value: JsonValue | undefined = resource.body;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) value = value[String(segment)];
    else return undefined;
  }
  return value;
}

export function locate(resource: TerraformResource, ...path: NodePath): SourceRange {
  return resource.document.sourceMap.locate([...resource.basePath, ...path]);
}

/** 1-based line/column where `needle` occurs (the `occurrence`-th time) in `text`. */
export function where(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset === -1) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Range from the start of `from` to the end of the first `to` after it. */
export function span(text: string, from: string, to: string, occurrence = 1): SourceRange {
  const start = where(text, from, occurrence);
  let offset = -1;
  for (let i = 0; i < occurrence; i++) offset = text.indexOf(from, offset + 1);
  const endOffset = text.indexOf(to, offset) + to.length;
  const before = text.slice(0, endOffset);
  return { startLine: start.line, startColumn: start.column, endLine: before.split('\n').length, endColumn: endOffset - before.lastIndexOf('\n') };
}
