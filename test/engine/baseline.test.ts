import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runScanCommand, type ScanCommandOptions } from '../../src/cli/scan-command.js';
import { BaselineError, baselineFor, loadBaseline } from '../../src/engine/baseline.js';
import { scan } from '../../src/scan.js';
import { deployment, tempDir, TEST_RULES, TODAY, writeFiles } from './helpers.js';

const options: ScanCommandOptions = { format: 'json', force: false, failOn: 'low', exclude: [], color: false, config: false };

function quiet(): { stderr: () => string } {
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return { stderr: () => stderr.mock.calls.map((call) => String(call[0])).join('') };
}

describe('baselines', () => {
  afterEach(() => vi.restoreAllMocks());

  it('--write-baseline then --baseline: accepted findings are hidden, new ones still show', async () => {
    const dir = tempDir();
    const app = path.join(dir, 'app.yaml');
    const baseline = path.join(dir, 'baseline.json');
    writeFiles(dir, { 'app.yaml': deployment('web') });
    quiet();

    expect(await runScanCommand([app], { ...options, output: path.join(dir, 'first.json'), writeBaseline: baseline })).toBe(1);
    const first = JSON.parse(readFileSync(path.join(dir, 'first.json'), 'utf8')) as { findings: Array<{ fingerprint: string }> };
    const written = JSON.parse(readFileSync(baseline, 'utf8')) as { version: number; findings: Array<{ fingerprint: string; ruleId: string; path: string }> };
    expect(written.version).toBe(1);
    expect(written.findings.map((entry) => entry.fingerprint)).toEqual([...new Set(first.findings.map((finding) => finding.fingerprint))].sort());
    expect(written.findings.filter((entry) => entry.ruleId === 'k8s/run-as-non-root')).toHaveLength(2);
    expect(written.findings.every((entry) => entry.path.endsWith('app.yaml'))).toBe(true);

    // Lines move (a comment above), and a second Deployment appears: only its findings are new.
    writeFileSync(app, `# moved down by two lines\n\n${deployment('web')}---\n${deployment('api')}`);
    expect(await runScanCommand([app], { ...options, output: path.join(dir, 'second.json'), baseline })).toBe(1);
    const second = JSON.parse(readFileSync(path.join(dir, 'second.json'), 'utf8')) as {
      findings: Array<{ ruleId: string; fingerprint: string; resource: { name: string }; location: { startLine: number } }>;
      summary: { baselined: number; findings: number };
    };
    // The CLI runs every registered rule; this rule's findings are the ones the test controls.
    const ours = second.findings.filter((finding) => finding.ruleId === 'k8s/run-as-non-root');
    expect(ours.map((finding) => `${finding.resource.name}:${finding.location.startLine}`)).toEqual(['api:24', 'api:26']);
    expect(second.findings.filter((finding) => written.findings.some((entry) => entry.fingerprint === finding.fingerprint))).toEqual([]);
    expect(second.summary.baselined).toBe(first.findings.length);

    // Once the new findings are accepted too, nothing is left and the exit code is 0.
    expect(await runScanCommand([app], { ...options, output: path.join(dir, 'third.json'), writeBaseline: baseline, force: true })).toBe(1);
    expect(await runScanCommand([app], { ...options, output: path.join(dir, 'fourth.json'), baseline })).toBe(0);
  });

  it('fingerprints survive edits that change a message but not the problem (an image tag bump, a new sidecar)', async () => {
    const dir = tempDir();
    const manifest = (tag: string, sidecar: boolean): string =>
      `apiVersion: v1\nkind: Pod\nmetadata: { name: web, namespace: shop }\nspec:\n  containers:\n    - name: web\n      image: nginx:${tag}\n${sidecar ? '    - name: proxy\n      image: envoy:1.30\n' : ''}`;
    const task = (sidecar: boolean): string =>
      JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'web:1' }, ...(sidecar ? [{ name: 'proxy', image: 'envoy:1' }] : [])] });
    const fingerprints = async (tag: string, sidecar: boolean): Promise<Map<string, string>> => {
      writeFiles(dir, { 'pod.yaml': manifest(tag, sidecar), 'task.json': task(sidecar) });
      const report = await scan(['pod.yaml', 'task.json'], { cwd: dir, today: TODAY, noConfig: true });
      const keep = ['k8s/image-digest-pinned', 'k8s/trusted-registry', 'obs/tracing-enabled'];
      return new Map(report.findings.filter((f) => keep.includes(f.ruleId) && !f.message.includes('"proxy" runs')).map((f) => [`${f.ruleId}:${f.location.path}`, f.fingerprint]));
    };
    const before = await fingerprints('1.25.3', false);
    const after = await fingerprints('1.27.0', true);
    expect(before.size).toBe(3);
    expect(after).toEqual(before);
  });

  it('the library option hides baselined findings and counts them', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.yaml': deployment('web') });
    const before = await scan(['app.yaml'], { cwd: dir, rules: TEST_RULES, today: TODAY, noConfig: true });
    writeFileSync(path.join(dir, 'baseline.json'), JSON.stringify(baselineFor(before.findings.slice(0, 1))));
    const after = await scan(['app.yaml'], { cwd: dir, rules: TEST_RULES, today: TODAY, noConfig: true, baselinePath: 'baseline.json' });
    expect(after.findings).toEqual(before.findings.slice(1));
    expect(after.summary.baselined).toBe(1);
    expect(after.summary.findings).toBe(1);
  });

  it('baseline files are sorted and hold each fingerprint once', () => {
    const finding = (fingerprint: string) => ({
      ruleId: 'k8s/run-as-non-root',
      severity: 'high' as const,
      seedPoints: ['RUN-1'],
      message: 'm',
      fix: 'f',
      location: { path: 'a.yaml', startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
      resource: { type: 'Pod', name: 'p' },
      fingerprint,
    });
    expect(baselineFor([finding('b'), finding('a'), finding('b')]).findings.map((entry) => entry.fingerprint)).toEqual(['a', 'b']);
  });

  it('--write-baseline does not overwrite an existing file without --force', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.yaml': deployment('web'), 'baseline.json': 'keep me' });
    const { stderr } = quiet();
    const code = await runScanCommand([path.join(dir, 'app.yaml')], { ...options, output: path.join(dir, 'r.json'), writeBaseline: path.join(dir, 'baseline.json') });
    expect(code).toBe(2);
    expect(stderr()).toMatch(/baseline\.json already exists \(use --force to overwrite\)/);
    expect(readFileSync(path.join(dir, 'baseline.json'), 'utf8')).toBe('keep me');
  });

  it.each([
    ['not JSON', '{ nope', /not a seaworthy baseline: not valid JSON/],
    ['the wrong shape', '{"version": 2, "findings": []}', /not a seaworthy baseline/],
    ['a list', '[]', /not a seaworthy baseline/],
  ])('a baseline that is %s is a usage error', async (_name, content, message) => {
    const dir = tempDir();
    writeFiles(dir, { 'app.yaml': deployment('web'), 'baseline.json': content });
    expect(() => loadBaseline(path.join(dir, 'baseline.json'))).toThrow(BaselineError);
    expect(() => loadBaseline(path.join(dir, 'baseline.json'))).toThrow(message);
    const { stderr } = quiet();
    expect(await runScanCommand([path.join(dir, 'app.yaml')], { ...options, baseline: path.join(dir, 'baseline.json') })).toBe(2);
    expect(stderr()).toMatch(message);
  });

  it('fingerprints name files from the repository root: a baseline matches wherever in the repository the scan runs', async () => {
    const repo = tempDir();
    mkdirSync(path.join(repo, '.git'));
    writeFiles(repo, { 'deploy/k8s/app.yaml': deployment('web') });
    const fingerprints = async (cwd: string, target: string): Promise<string[]> =>
      (await scan([target], { cwd, noConfig: true, rules: TEST_RULES, today: TODAY })).findings.map((finding) => finding.fingerprint);
    const fromRoot = await fingerprints(repo, 'deploy/k8s/app.yaml');
    expect(fromRoot.length).toBeGreaterThan(0);
    expect(await fingerprints(path.join(repo, 'deploy'), 'k8s/app.yaml')).toEqual(fromRoot);
    expect(await fingerprints(path.join(repo, 'deploy', 'k8s'), path.join(repo, 'deploy', 'k8s', 'app.yaml'))).toEqual(fromRoot);

    // A path through a symbolic link to the repository (macOS's /tmp, a linked checkout) is still below its root.
    const links = tempDir();
    symlinkSync(repo, path.join(links, 'repo'));
    expect(await fingerprints(repo, path.join(links, 'repo', 'deploy', 'k8s', 'app.yaml'))).toEqual(fromRoot);

    // Outside a repository the working directory is the root, as before: the same path from it, the same fingerprints.
    const plain = tempDir();
    writeFiles(plain, { 'deploy/k8s/app.yaml': deployment('web') });
    expect(await fingerprints(plain, 'deploy/k8s/app.yaml')).toEqual(fromRoot);

    // Scanned from outside the repository (another checkout, a sibling directory): named from its own root.
    const elsewhere = tempDir();
    expect(await fingerprints(elsewhere, path.join(repo, 'deploy', 'k8s', 'app.yaml'))).toEqual(fromRoot);
  });

  it('a missing baseline file is a usage error', async () => {
    const dir = tempDir();
    expect(() => loadBaseline(path.join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read baseline/);
  });
});
