/**
 * `npm run docs`: writes the JSON Schemas (schemas/), one page per rule (docs/rules/<id>.md, with examples from
 * the rule's table tests; stale pages removed), docs/coverage.md and the README rule table between its markers. test/docs/drift.test.ts fails
 * when the committed files differ from what this would write.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDocs } from '../src/docs/generate.js';
import { ALL_RULES } from '../src/rules/index.js';
import { ruleExamples } from './rule-examples.js';

const root = path.resolve(import.meta.dirname, '..');
const { files, stale } = generateDocs(root, ALL_RULES, ruleExamples(root, ALL_RULES));

let written = 0;
for (const file of files) {
  const target = path.join(root, file.path);
  if (existsSync(target) && readFileSync(target, 'utf8') === file.content) continue;
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, file.content);
  process.stdout.write(`wrote ${file.path}\n`);
  written++;
}
for (const file of stale) {
  unlinkSync(path.join(root, file));
  process.stdout.write(`removed ${file}\n`);
  removeEmptyParents(path.dirname(path.join(root, file)), path.join(root, 'docs', 'rules'));
}
process.stdout.write(`${files.length} generated files, ${written} changed, ${stale.length} removed\n`);

function removeEmptyParents(dir: string, stop: string): void {
  let current = dir;
  while (current.startsWith(stop) && current !== stop && readdirSync(current).length === 0) {
    rmdirSync(current);
    current = path.dirname(current);
  }
}
