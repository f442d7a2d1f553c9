import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configJsonSchema } from '../engine/config-file.js';
import { reportJsonSchema } from '../report/schema.js';
import type { Rule } from '../rules/rule.js';
import { renderCoverageMarkdown, renderRuleDoc, renderRuleTable, renderSeedPointsDoc, type RuleExamples } from './render.js';

/**
 * Everything `npm run docs` writes, computed without touching the disk so a test can compare it with the
 * committed files: JSON Schemas, one page per rule, the coverage table and the README rule table.
 */

export const README_START = '<!-- rules:start -->';
export const README_END = '<!-- rules:end -->';
export const RULE_DOCS_DIR = 'docs/rules';

export interface GeneratedFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  content: string;
}

export interface GeneratedDocs {
  files: GeneratedFile[];
  /** Files under docs/rules/ that no rule generates any more (to delete). */
  stale: string[];
}

/** `examples`: per rule id, cases of its table tests for its page (scripts/rule-examples.ts). */
export function generateDocs(root: string, rules: readonly Rule[], examples: ReadonlyMap<string, RuleExamples> = new Map()): GeneratedDocs {
  const files: GeneratedFile[] = [
    { path: 'schemas/report.schema.json', content: json(reportJsonSchema()) },
    { path: 'schemas/config.schema.json', content: json(configJsonSchema(rules.map((rule) => rule.meta.id))) },
    ...rules.map((rule) => ({ path: `${RULE_DOCS_DIR}/${rule.meta.id}.md`, content: renderRuleDoc(rule, examples.get(rule.meta.id)) })),
    { path: 'docs/coverage.md', content: renderCoverageDoc(rules) },
    { path: 'docs/seed-points.md', content: renderSeedPointsDoc(rules) },
    { path: 'README.md', content: spliceReadme(readIfExists(path.join(root, 'README.md')), renderRuleTable(rules)) },
  ];
  const wanted = new Set(files.map((file) => file.path));
  const stale = listFiles(path.join(root, RULE_DOCS_DIR))
    .map((file) => `${RULE_DOCS_DIR}/${file}`)
    .filter((file) => !wanted.has(file))
    .sort();
  return { files, stale };
}

export function renderCoverageDoc(rules: readonly Rule[]): string {
  return [
    '<!-- Generated from the rule metadata by `npm run docs`. Do not edit. -->',
    '# Seed-point coverage',
    '',
    'The rules enforcing each seed point ([seed-points.md](seed-points.md)), per artifact type its *check* column asks for.',
    '**gap** marks an artifact type with no rule yet; an empty cell means the point does not ask for that artifact',
    'type. `seaworthy rules --coverage -f markdown` prints this table (`-f json` the same as data).',
    '',
    renderCoverageMarkdown(rules),
    '',
  ].join('\n');
}

/** Replaces what is between the README markers with the rule table (creates a README holding just them). */
export function spliceReadme(readme: string | undefined, table: string): string {
  const block = `${README_START}\n${table}\n${README_END}`;
  if (readme === undefined) return `${block}\n`;
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END, start + 1);
  if (start === -1 || end === -1) {
    throw new Error(`README.md has no ${README_START} ... ${README_END} markers for the rule table`);
  }
  return `${readme.slice(0, start)}${block}${readme.slice(end + README_END.length)}`;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Files below `dir`, relative to it, with forward slashes. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}
