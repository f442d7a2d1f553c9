import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { runEngine, type EngineResult } from '../../src/engine/engine.js';
import { DEFAULT_SETTINGS } from '../../src/engine/settings.js';
import { loadFile } from '../../src/loaders/index.js';
import type { Finding } from '../../src/model/types.js';
import expiredSuppression from '../../src/rules/core/expired-suppression.js';
import invalidSuppression from '../../src/rules/core/invalid-suppression.js';
import { RULE_IDS } from '../../src/rules/index.js';
import runAsNonRoot from '../../src/rules/k8s/run-as-non-root.js';
import type { Rule } from '../../src/rules/rule.js';

/** The rules these tests run: one real rule (others are written in parallel) plus the suppression checks. */
export const TEST_RULES: readonly Rule[] = [runAsNonRoot, expiredSuppression, invalidSuppression];
export const TODAY = '2026-06-01';

/** Metadata for rules written inside tests (add an `id`). */
export const TEST_RULE_META = {
  severity: 'medium',
  seedPoints: [],
  artifacts: ['kubernetes'],
  title: 'Test rule',
  description: 'test',
  rationale: 'test',
  remediation: 'test',
  references: { peers: [], frameworks: [] },
} as const;

/** Runs the engine over one in-memory file, as a scan would. */
export function runOn(code: string, options: { rules?: readonly Rule[]; today?: string; filename?: string } = {}): EngineResult {
  const loaded = loadFile({ path: options.filename ?? 'case.yaml', text: code }, { explicit: true });
  if (loaded.errors.length > 0) throw new Error(`fixture does not load: ${JSON.stringify(loaded.errors)}`);
  return runEngine(loaded.resources, {
    rules: options.rules ?? TEST_RULES,
    settings: { ...DEFAULT_SETTINGS, today: options.today ?? TODAY },
    knownRuleIds: RULE_IDS,
  });
}

/** `ruleId:line` per finding, plus the container for run-as-non-root findings. */
export function summarize(findings: readonly Finding[]): string[] {
  return findings.map((finding) => {
    const container = /^Container "([^"]+)"/.exec(finding.message)?.[1];
    return `${finding.ruleId}:${finding.location.startLine}${container ? ` ${container}` : ''}`;
  });
}

/** A temporary directory removed after the test file. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'seaworthy-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** A Deployment whose two containers (web, sidecar) may run as root: two k8s/run-as-non-root findings. */
export function deployment(name = 'web', extraMetadata = ''): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...(extraMetadata ? extraMetadata.replace(/\n$/, '').split('\n') : []),
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    '          image: nginx',
    '        - name: sidecar',
    '          image: envoy',
    '',
  ].join('\n');
}
