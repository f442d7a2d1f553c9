import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFile, type FileLoadResult } from '../../src/loaders/index.js';
import type { LoadedDocument } from '../../src/model/types.js';
import { cloudformationEvaluation } from '../../src/loaders/cloudformation.js';

export const LOADER_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/loaders');

export function fixture(name: string): string {
  return readFileSync(path.join(LOADER_FIXTURES, name), 'utf8');
}

/**
 * Loads text as a file named on the command line; fails the test on any load error other than the
 * CloudFormation evaluation problems (tests of the evaluator look at those through cloudformationEvaluation).
 */
export function loadClean(filename: string, text: string): FileLoadResult {
  const result = loadFile({ path: filename, text }, { explicit: true });
  const evaluation = new Set(
    result.documents.filter((document) => document.artifact === 'cloudformation').flatMap((document) => cloudformationEvaluation(document).problems.map((problem) => problem.message)),
  );
  const errors = result.errors.filter((error) => !evaluation.has(error.message));
  if (errors.length > 0) throw new Error(`${filename} does not load: ${JSON.stringify(errors)}`);
  return result;
}

export function onlyDocument(filename: string, text: string): LoadedDocument {
  const { documents } = loadClean(filename, text);
  if (documents.length !== 1 || !documents[0]) throw new Error(`expected one document, got ${documents.length}`);
  return documents[0];
}

/**
 * 1-based line and column of the `occurrence`-th match of `needle` in `text`: the expected positions are
 * computed by plain string search, independently of the parsers under test.
 */
export function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" occurs fewer than ${occurrence} times`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - before.lastIndexOf('\n') };
}

/** Lines (1-based) carrying `marker`. */
export function markedLines(text: string, marker: string): number[] {
  return text.split('\n').flatMap((line, index) => (line.includes(marker) ? [index + 1] : []));
}
