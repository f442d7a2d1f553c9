import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateDocs, README_END, README_START, spliceReadme } from '../../src/docs/generate.js';
import { ALL_RULES } from '../../src/rules/index.js';
import type { Rule } from '../../src/rules/rule.js';
import { ruleExamples } from '../../scripts/rule-examples.js';

const root = path.resolve(import.meta.dirname, '../..');
const HINT = 'out of date: run `npm run docs` and commit the result';

describe('generated files match the generator (npm run docs)', () => {
  const { files, stale } = generateDocs(root, ALL_RULES, ruleExamples(root, ALL_RULES));

  it.each(files.map((file) => [file.path, file.content] as const))('%s', (file, content) => {
    const target = path.join(root, file);
    expect(existsSync(target), `${file} is missing: ${HINT}`).toBe(true);
    expect(readFileSync(target, 'utf8'), `${file} is ${HINT}`).toBe(content);
  });

  it('no page is left for a rule that no longer exists', () => {
    expect(stale, HINT).toEqual([]);
  });

  it('the README keeps its rule table markers', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme.indexOf(README_START)).toBeGreaterThan(-1);
    expect(readme.indexOf(README_END)).toBeGreaterThan(readme.indexOf(README_START));
  });
});

describe('README rule table', () => {
  it('a missing README becomes just the marked table', () => {
    expect(spliceReadme(undefined, '| t |')).toBe(`${README_START}\n| t |\n${README_END}\n`);
  });

  it('only the text between the markers is replaced', () => {
    const readme = `# Title\n\nintro\n${README_START}\nold table\n${README_END}\n\n## After\n`;
    expect(spliceReadme(readme, '| new |')).toBe(`# Title\n\nintro\n${README_START}\n| new |\n${README_END}\n\n## After\n`);
    expect(spliceReadme(spliceReadme(readme, '| new |'), '| new |')).toBe(spliceReadme(readme, '| new |'));
  });

  it('a README without markers is an error, not a silent rewrite', () => {
    expect(() => spliceReadme('# Title\n', '| t |')).toThrow(/markers/);
  });
});

describe('rule files and the registry', () => {
  const rulesDir = path.join(root, 'src/rules');
  const areas = readdirSync(rulesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const files = areas.flatMap((area) =>
    readdirSync(path.join(rulesDir, area.name))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .map((name) => `${area.name}/${name.slice(0, -'.ts'.length)}`),
  );

  it('finds rule files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('src/rules/%s.ts is registered under its path, if it is a rule', async (file) => {
    const module = (await import(pathToFileURL(path.join(rulesDir, `${file}.ts`)).href)) as { default?: unknown };
    if (!isRule(module.default)) return; // a helper shared by the rules of an area
    expect(module.default.meta.id, `the id of src/rules/${file}.ts must be its path`).toBe(file);
    expect(ALL_RULES.includes(module.default), `src/rules/${file}.ts is not in ALL_RULES (src/rules/index.ts)`).toBe(true);
  });

  it('every registered rule lives at src/rules/<id>.ts', () => {
    const missing = ALL_RULES.map((rule) => rule.meta.id).filter((id) => !files.includes(id));
    expect(missing).toEqual([]);
  });

  it('rule ids are unique and ALL_RULES is sorted by id', () => {
    const ids = ALL_RULES.map((rule) => rule.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });
});

function isRule(value: unknown): value is Rule {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Rule>;
  return typeof candidate.check === 'function' && typeof candidate.appliesTo === 'function' && typeof candidate.meta?.id === 'string';
}
