/**
 * Examples for the rule pages, taken from the rules' own table tests (test/rules/<id>.test.ts and
 * <id>.formats.test.ts): the invalid case marked `example: true`, else the shortest at the rule's own severity (YAML or
 * HCL before JSON), and the valid case in the same format marked so, else the first. The tests run them,
 * so a page never shows an example the rule does not report (or reports when it says it does not). Cases whose code
 * is not a plain literal (built from variables, with other files, settings or a date) are not shown.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { RuleExample, RuleExamples } from '../src/docs/render.js';
import type { Rule } from '../src/rules/rule.js';

/** Longer cases make poor examples: the page shows the shortest that say the point. */
const MAX_LINES = 40;

export function ruleExamples(root: string, rules: readonly Rule[]): Map<string, RuleExamples> {
  const examples = new Map<string, RuleExamples>();
  for (const { meta } of rules) {
    const cases = ['test.ts', 'formats.test.ts'].flatMap((suffix) => casesIn(path.join(root, 'test', 'rules', `${meta.id}.${suffix}`)));
    // The shortest case at the rule's own severity (the cases that change it show its exceptions), in YAML or HCL when
    // the rule has such cases (people write manifests and templates so; JSON cases test the JSON path): the plainest.
    const invalid = cases.filter((entry) => entry.kind === 'invalid');
    const typical = invalid.filter((entry) => entry.severities.every((severity) => severity === meta.severity));
    const pool = typical.length > 0 ? typical : invalid;
    const written = pool.filter((entry) => extensionOf(entry.example.filename) !== '.json');
    const reported = invalid.find((entry) => entry.chosen) ?? shortest(written.length > 0 ? written : pool);
    if (!reported) continue;
    const format = extensionOf(reported.example.filename);
    const sameFormat = cases.filter((entry) => entry.kind === 'valid' && extensionOf(entry.example.filename) === format);
    const clean = sameFormat.find((entry) => entry.chosen) ?? sameFormat[0];
    examples.set(meta.id, { reported: reported.example, ...(clean ? { clean: clean.example } : {}) });
  }
  return examples;
}

interface FoundCase {
  kind: 'valid' | 'invalid';
  example: RuleExample;
  /** Severities the case's expected findings name (`severity: 'medium'`). */
  severities: string[];
  /** Marked `example: true` in the test: the case to show. */
  chosen: boolean;
}

function shortest(cases: readonly FoundCase[]): FoundCase | undefined {
  let best: FoundCase | undefined;
  for (const entry of cases) if (!best || lineCount(entry) < lineCount(best)) best = entry;
  return best;
}

function lineCount(entry: FoundCase): number {
  return entry.example.code.split('\n').length;
}

function casesIn(file: string): FoundCase[] {
  if (!existsSync(file)) return [];
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: FoundCase[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'ruleTester') {
      const table = node.arguments[1];
      if (table && ts.isObjectLiteralExpression(table)) {
        for (const kind of ['invalid', 'valid'] as const) {
          for (const element of arrayProperty(table, kind)) {
            const example = ts.isObjectLiteralExpression(element) ? exampleOf(element, kind) : undefined;
            if (example && ts.isObjectLiteralExpression(element)) found.push({ kind, example, severities: severitiesOf(element), chosen: isChosen(element) });
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function exampleOf(object: ts.ObjectLiteralExpression, kind: 'valid' | 'invalid'): RuleExample | undefined {
  const properties = new Map<string, ts.Expression>();
  for (const property of object.properties) {
    if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) return undefined; // spreads, shorthands
    properties.set(property.name.text, property.initializer);
  }
  // Cases that need more than their own text to mean what they show.
  if (['others', 'settings', 'today'].some((key) => properties.has(key))) return undefined;
  const name = literalText(properties.get('name'));
  const code = codeText(properties.get('code'));
  const filenameNode = properties.get('filename');
  const filename = filenameNode === undefined ? 'case.yaml' : literalText(filenameNode);
  if (name === undefined || code === undefined || filename === undefined) return undefined;
  if (code.split('\n').length > MAX_LINES) return undefined;
  if (kind === 'valid') return { name, filename, code };
  const errors = properties.get('errors');
  if (!errors || !ts.isArrayLiteralExpression(errors)) return undefined;
  const lines: number[] = [];
  for (const error of errors.elements) {
    if (!ts.isObjectLiteralExpression(error)) return undefined;
    const line = error.properties.find((property): property is ts.PropertyAssignment => ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'line');
    const path = error.properties.some((property) => ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'path');
    if (!line || !ts.isNumericLiteral(line.initializer) || path) return undefined;
    lines.push(Number(line.initializer.text));
  }
  return lines.length > 0 ? { name, filename, code, lines: [...new Set(lines)].sort((a, b) => a - b) } : undefined;
}

function isChosen(testCase: ts.ObjectLiteralExpression): boolean {
  return testCase.properties.some((property) => ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'example' && property.initializer.kind === ts.SyntaxKind.TrueKeyword);
}

function severitiesOf(testCase: ts.ObjectLiteralExpression): string[] {
  const severities: string[] = [];
  for (const error of arrayProperty(testCase, 'errors')) {
    if (!ts.isObjectLiteralExpression(error)) continue;
    for (const property of error.properties) {
      if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name) || property.name.text !== 'severity') continue;
      const severity = literalText(property.initializer);
      if (severity !== undefined) severities.push(severity);
    }
  }
  return severities;
}

function arrayProperty(object: ts.ObjectLiteralExpression, name: string): readonly ts.Expression[] {
  const property = object.properties.find((entry): entry is ts.PropertyAssignment => ts.isPropertyAssignment(entry) && ts.isIdentifier(entry.name) && entry.name.text === name);
  return property && ts.isArrayLiteralExpression(property.initializer) ? property.initializer.elements : [];
}

function literalText(node: ts.Expression | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** A case's file text: a literal, or a `yaml` tagged template without substitutions (dedented as the tester does). */
function codeText(node: ts.Expression | undefined): string | undefined {
  if (node && ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'yaml' && ts.isNoSubstitutionTemplateLiteral(node.template)) {
    return dedent(node.template.text);
  }
  return literalText(node);
}

/** As the `yaml` tag of test/helpers/rule-tester.ts. */
function dedent(raw: string): string {
  const lines = raw.replace(/^\n/, '').replace(/\n\s*$/, '\n').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

function extensionOf(filename: string): string {
  return path.extname(filename).toLowerCase() || filename;
}
