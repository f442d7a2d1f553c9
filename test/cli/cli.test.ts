import { execFileSync, spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SEVERITIES, severityRank, type Severity } from '../../src/model/types.js';
import type { ScanReport } from '../../src/scan.js';
import { CLI } from './build.js';
import { runCli, useBuiltCli, useTempDir, type CliResult } from './run-cli.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/cli');
const ANSI = /\u001b\[/;
const SCAN = ['scan', 'project', '--no-config'];

useBuiltCli();
const tmp = useTempDir('cli');
const cli = (args: string[], options: Parameters<typeof runCli>[1] = {}): Promise<CliResult> => runCli(args, { cwd: FIXTURES, ...options });

const worstRank = (report: ScanReport): number => Math.max(0, ...report.findings.map((finding) => severityRank(finding.severity)));

/** The exit code the report calls for under `--fail-on threshold`. */
const expectedExit = (report: ScanReport, threshold: Severity | 'none'): number =>
  threshold === 'none' ? 0 : worstRank(report) >= severityRank(threshold) ? 1 : 0;

// The spawns are independent: run them side by side.
describe.concurrent('seaworthy scan (built CLI)', () => {
  describe('usage errors exit 2 with a message', () => {
    it.each([
      [['scan', 'project', '--frobnicate'], /unknown option '--frobnicate'/],
      [['scan'], /missing required argument 'paths'/],
      [['scan', 'project', '--fail-on', 'severe'], /argument 'severe' is invalid/],
      [['scan', 'project', '--max-file-size', '0'], /expected a size above zero/],
    ])('%j', async (args, message) => {
      const result = await cli(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    });
  });

  it('--version and -V print the package version, as the bundled program does with other options', async () => {
    const { version } = JSON.parse(readFileSync(path.resolve(FIXTURES, '../../../package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) expect(await cli([flag])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    // Not alone: commander answers it (the launcher's shortcut is for the flag alone).
    expect(await cli(['--no-color', '--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('exits 2 on an invalid configuration file, naming it', async () => {
    const result = await cli(['scan', 'project', '-c', 'bad-config.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^seaworthy: bad-config\.yaml:2: /);
    expect(result.stdout).toBe('');
  });

  it('exits 2 when nothing scannable is found', async () => {
    const result = await cli(['scan', 'project/README.md', 'no-such-dir', '--no-config', '-f', 'json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('seaworthy: nothing scannable: no file was scanned (1 error in the report)\n');
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(report.errors).toEqual([{ path: 'no-such-dir', message: 'no such file or directory' }]);
    const unknownOnly = await cli(['scan', 'project/README.md', '--no-config', '-f', 'json']);
    expect(unknownOnly).toMatchObject({ code: 2, stderr: 'seaworthy: nothing scannable: no file of a known type was found\n' });
    expect(report.summary).toMatchObject({ filesScanned: 0, filesSkipped: 1 });
  });

  it('JSON: findings sorted, exit 1 at --fail-on high; byte-identical when written with --output; --fail-on critical as the findings call for', async () => {
    const out = path.join(tmp(), 'report.json');
    const [result, written] = await Promise.all([
      cli([...SCAN, '-f', 'json', '--fail-on', 'high']),
      cli([...SCAN, '-f', 'json', '--fail-on', 'critical', '--output', out]),
    ]);
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(result.code).toBe(1);
    expect(expectedExit(report, 'high')).toBe(1);
    expect(report.errors).toEqual([]);
    expect(report.summary).toMatchObject({ filesScanned: 2, filesSkipped: 0, resources: 2 });
    const root = report.findings.find((finding) => finding.ruleId === 'k8s/run-as-non-root');
    expect(root?.location).toEqual({ path: 'project/deploy/app.yaml', startLine: 17, startColumn: 11, endLine: 17, endColumn: 23 });
    const keys = report.findings.map((finding) => [finding.location.path, finding.location.startLine, finding.location.startColumn, finding.ruleId, finding.message] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : a[4] < b[4] ? -1 : a[4] > b[4] ? 1 : 0)));
    expect(keys).toEqual(sorted);

    expect(written).toMatchObject({ code: expectedExit(report, 'critical'), stdout: '' });
    expect(written.stderr).toBe(`seaworthy: json report written to ${out}: ${report.summary.findings} findings (${SEVERITIES.filter((severity) => report.summary.bySeverity[severity] > 0).map((severity) => `${report.summary.bySeverity[severity]} ${severity}`).join(', ')}) in 2 files (2 resources, 0 skipped)\n`);
    // Every threshold from the same report: "high" and below fail because of run-as-non-root; none never does.
    expect([...SEVERITIES, 'none' as const].map((threshold) => expectedExit(report, threshold))).toEqual([expectedExit(report, 'critical'), 1, 1, 1, 1, 0]);
    expect(readFileSync(out, 'utf8')).toBe(result.stdout);
    expect(readdirSync(tmp()).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('exits 0 on a file whose findings are below --fail-on, or that has none', async () => {
    const result = await cli(['scan', 'configmap.yaml', '--no-config', '-f', 'json']);
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(report.summary.filesScanned).toBe(1);
    expect(result.code).toBe(expectedExit(report, 'low'));
  });

  it('--show-suppressed lists the accepted findings with their reasons; they never fail the run', async () => {
    const dir = path.join(tmp(), 'suppressed');
    mkdirSync(dir);
    const pod = ['apiVersion: v1', 'kind: Pod', 'metadata: { name: cni, namespace: kube-system }', 'spec:', '  containers:', '    - name: agent', '      image: public.ecr.aws/acme/agent@sha256:' + 'a'.repeat(64), '      securityContext:', '        privileged: true  # seaworthy-ignore k8s/no-privileged: the CNI agent programs the host network', ''].join('\n');
    writeFileSync(path.join(dir, 'pod.yaml'), pod);
    const [plain, shown] = await Promise.all([
      cli(['scan', 'pod.yaml', '--no-config', '-f', 'json', '--fail-on', 'critical'], { cwd: dir }),
      cli(['scan', 'pod.yaml', '--no-config', '-f', 'json', '--fail-on', 'critical', '--show-suppressed'], { cwd: dir }),
    ]);
    const [before, after] = [JSON.parse(plain.stdout) as ScanReport, JSON.parse(shown.stdout) as ScanReport];
    expect(before.suppressedFindings).toBeUndefined();
    expect(after.findings).toEqual(before.findings);
    expect(after.suppressedFindings?.map((finding) => [finding.ruleId, finding.severity, finding.location.startLine, finding.suppression])).toEqual([
      ['k8s/no-privileged', 'critical', 9, { kind: 'inSource', reason: 'the CNI agent programs the host network' }],
    ]);
    expect([plain.code, shown.code]).toEqual([expectedExit(before, 'critical'), expectedExit(before, 'critical')]);
  });

  it('text: grouped by file with code frames, no colour on a pipe; the same bytes again with FORCE_COLOR and --no-color', async () => {
    const [plain, again] = await Promise.all([cli([...SCAN, '--fail-on', 'none']), cli([...SCAN, '--fail-on', 'none', '--no-color'], { env: { FORCE_COLOR: '1' } })]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toMatch(ANSI);
    expect(plain.stdout).toContain('project/deploy/app.yaml\n');
    expect(plain.stdout).toMatch(/\n {2}17:11 {2}HIGH +Container "api" runs as UID 0 \(root\)\.\n/);
    expect(plain.stdout).toContain('17 |           runAsUser: 0');
    expect(plain.stdout).toMatch(/in 2 files \(2 resources, 0 skipped\)\n$/);
    expect(again.stdout).toBe(plain.stdout);
  });

  it('colours with FORCE_COLOR on a pipe; NO_COLOR wins over it', async () => {
    const [forced, noColor] = await Promise.all([cli([...SCAN], { env: { FORCE_COLOR: '1' } }), cli([...SCAN], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })]);
    expect(forced.stdout).toMatch(ANSI);
    expect(noColor.stdout).not.toMatch(ANSI);
    expect(noColor.stdout).toContain('runs as UID 0');
  });

  it.skipIf(!existsSync('/usr/bin/script'))('colours on a terminal unless NO_COLOR is set', async () => {
    const onTty = (env: Record<string, string>): Promise<CliResult> =>
      new Promise((resolve) => {
        const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} scan project --no-config`;
        const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], { cwd: FIXTURES, env: { ...process.env, FORCE_COLOR: undefined, NO_COLOR: undefined, ...env } });
        const chunks: Buffer[] = [];
        child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
        child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: '', timedOut: false }));
        child.stdin.end();
      });
    const [tty, ttyNoColor] = await Promise.all([onTty({}), onTty({ NO_COLOR: '1' })]);
    expect(tty.stdout).toContain('runs as UID 0');
    expect(tty.stdout).toMatch(ANSI);
    expect(ttyNoColor.stdout).toContain('runs as UID 0');
    expect(ttyNoColor.stdout).not.toMatch(ANSI);
  });

  it('SARIF: a valid 2.1.0 log; --output refuses to overwrite without --force, replaces atomically with it', async () => {
    const out = path.join(tmp(), 'report.sarif');
    writeFileSync(out, 'keep me');
    const refused = await cli([...SCAN, '-f', 'sarif', '--output', out]);
    expect(refused).toMatchObject({ code: 2, stdout: '', stderr: `seaworthy: ${out} already exists (use --force to overwrite)\n` });
    expect(readFileSync(out, 'utf8')).toBe('keep me');

    const [stdout, forced] = await Promise.all([cli([...SCAN, '-f', 'sarif']), cli([...SCAN, '-f', 'sarif', '--output', out, '--force'])]);
    expect(forced).toMatchObject({ code: 1, stdout: '' });
    const sarif = JSON.parse(stdout.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results.map((result) => result.ruleId)).toContain('k8s/run-as-non-root');
    expect(readFileSync(out, 'utf8')).toBe(stdout.stdout);
    expect(readdirSync(tmp()).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('--force never replaces what is not a regular file (a directory, a FIFO, a link to a device); a replaced file keeps its mode', async () => {
    const dir = tmp();
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    mkdirSync(path.join(dir, 'adir'));
    symlinkSync('/dev/null', path.join(dir, 'devnull'));
    for (const name of ['fifo', 'adir', 'devnull']) {
      const result = await cli([...SCAN, '-f', 'json', '--output', path.join(dir, name), '--force']);
      expect(result).toMatchObject({ code: 2, stderr: `seaworthy: ${path.join(dir, name)} exists and is not a regular file: give the path of a file\n` });
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    const own = path.join(dir, 'own.json');
    writeFileSync(own, 'old', { mode: 0o600 });
    expect((await cli([...SCAN, '-f', 'json', '--output', own, '--force'])).code).toBe(1);
    expect(statSync(own).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 2 with a message when the output cannot be written', async () => {
    const out = path.join(tmp(), 'missing-dir', 'report.json');
    const result = await cli([...SCAN, '-f', 'json', '--output', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`seaworthy: cannot write ${out}: its directory does not exist\n`);
  });

  it('--fail-on-error: a file that cannot be parsed fails the run too; without it the exit status follows the findings', async () => {
    // Its own directory: the tests run side by side and write into tmp() too.
    const dir = path.join(tmp(), 'fail-on-error');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n');
    writeFileSync(path.join(dir, 'ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  mode: prod\n');
    const [lenient, strict] = await Promise.all([cli(['scan', dir, '--no-config', '-f', 'json']), cli(['scan', dir, '--no-config', '-f', 'json', '--fail-on-error'])]);
    expect((JSON.parse(lenient.stdout) as ScanReport).errors).toHaveLength(1);
    expect([lenient.code, strict.code]).toEqual([0, 1]);

    // A notice (a kustomization whose build changes what it lists) is not an error.
    const kustomized = path.join(tmp(), 'kustomized');
    mkdirSync(kustomized);
    writeFileSync(path.join(kustomized, 'kustomization.yaml'), 'namespace: app\nresources: [config.yaml]\n');
    writeFileSync(path.join(kustomized, 'config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\ndata:\n  mode: prod\n');
    const noticed = await cli(['scan', kustomized, '--no-config', '-f', 'json', '--fail-on-error']);
    expect((JSON.parse(noticed.stdout) as ScanReport).errors.map((error) => error.notice)).toEqual([true]);
    expect((JSON.parse(noticed.stdout) as ScanReport).summary).toMatchObject({ errors: 1, notices: 1 });
    expect(noticed.code).toBe(0);
  });

  it('says Dockerfiles are not checked yet when nothing else was given', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine\n');
    expect(await cli(['scan', path.join(dir, 'Dockerfile'), '--no-config'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^seaworthy: nothing scannable: Dockerfiles are not checked yet/) });
    // Beside other files of no known type (a compose file), still said.
    writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  web:\n    image: nginx\n');
    expect(await cli(['scan', path.join(dir, 'Dockerfile'), path.join(dir, 'docker-compose.yml'), '--no-config'])).toMatchObject({
      code: 2,
      stderr: 'seaworthy: nothing scannable: no file of a known type was found (Dockerfiles, 1 of the skipped files, are not checked yet)\n',
    });
  });

  it('reads Terraform from standard input by its content', async () => {
    const hcl = 'resource "aws_security_group" "x" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n';
    const result = await cli(['scan', '-', '--no-config', '-f', 'json'], { input: hcl });
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(report.errors).toEqual([]);
    expect(report.findings.find((finding) => finding.ruleId === 'net/no-public-ingress')?.location).toMatchObject({ path: '-', startLine: 6 });
  });

  it('--var-file applies a Terraform variable file as terraform plan -var-file does; without it a notice names the file', async () => {
    // Its own directory: the tests run side by side in the file's temporary directory.
    const dir = path.join(tmp(), 'var-file');
    mkdirSync(path.join(dir, 'envs'), { recursive: true });
    writeFileSync(
      path.join(dir, 'main.tf'),
      'variable "public_access" {\n  default = false\n}\nresource "aws_eks_cluster" "this" {\n  name     = "c"\n  role_arn = "arn:aws:iam::111122223333:role/eks"\n  vpc_config {\n    subnet_ids             = ["subnet-1"]\n    endpoint_public_access = var.public_access\n  }\n}\n',
    );
    writeFileSync(path.join(dir, 'envs', 'prod.tfvars'), 'public_access = true\n');
    const scan = async (extra: string[]): Promise<ScanReport> => JSON.parse((await cli(['scan', '.', '--no-config', '-f', 'json', ...extra], { cwd: dir })).stdout) as ScanReport;
    const endpoint = (report: ScanReport) => report.findings.filter((finding) => finding.ruleId === 'eks/endpoint-access').map((finding) => finding.location.startLine);
    const defaults = await scan([]);
    expect(endpoint(defaults)).toEqual([]);
    expect(defaults.errors).toEqual([expect.objectContaining({ path: 'envs/prod.tfvars', notice: true, message: expect.stringContaining('--var-file envs/prod.tfvars') })]);
    const prod = await scan(['--var-file', 'envs/prod.tfvars']);
    expect(endpoint(prod)).toEqual([9]);
    expect(prod.errors).toEqual([]);
    // Only variable files by their extension; anything else is said and not applied.
    writeFileSync(path.join(dir, 'prod.vars'), 'public_access = true\n');
    const refused = await scan(['--var-file', 'prod.vars']);
    expect(endpoint(refused)).toEqual([]);
    expect(refused.errors).toContainEqual({ path: 'prod.vars', message: expect.stringContaining('--var-file: not applied') });
    // A variable file outside the scanned paths is read too.
    expect(endpoint(JSON.parse((await cli(['scan', 'main.tf', '--no-config', '-f', 'json', '--var-file', 'envs/prod.tfvars'], { cwd: dir })).stdout) as ScanReport)).toEqual([9]);
  });

  it('rules: --coverage as JSON, a suggestion for a misspelt id', async () => {
    const [coverage, misspelt] = await Promise.all([cli(['rules', '--coverage', '-f', 'json']), cli(['rules', 'k8s/run-as-nonroot'])]);
    const points = JSON.parse(coverage.stdout) as Array<{ id: string; point: string; rules: Record<string, string[]> }>;
    const run1 = points.find((point) => point.id === 'RUN-1');
    expect(run1?.point).toBe('Containers do not run as root');
    expect(run1?.rules.kubernetes).toContain('k8s/run-as-non-root');
    expect(misspelt).toMatchObject({ code: 2, stderr: 'seaworthy: unknown rule "k8s/run-as-nonroot" (did you mean "k8s/run-as-non-root"?) (run `seaworthy rules` for the list)\n' });
  });

  it('reads - from standard input', async () => {
    const manifest = readFileSync(path.join(FIXTURES, 'project/deploy/app.yaml'));
    const result = await cli(['scan', '-', '--no-config', '-f', 'json'], { input: manifest });
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(result.code).toBe(1);
    expect(report.summary.filesScanned).toBe(1);
    expect(report.findings.find((finding) => finding.ruleId === 'k8s/run-as-non-root')?.location).toMatchObject({ path: '-', startLine: 17 });
  });

  it('honours .gitignore (nested, negated) and --exclude in directory walks', async () => {
    const dir = path.join(tmp(), 'walk');
    const manifest = readFileSync(path.join(FIXTURES, 'project/deploy/app.yaml'), 'utf8');
    for (const name of ['keep.yaml', 'build/out.yaml', 'charts/a.yaml', 'charts/b.yaml', 'charts/generated/x.yaml', 'tests/t.yaml']) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), manifest);
    }
    writeFileSync(path.join(dir, '.gitignore'), 'build/\ncharts/*.yaml\n');
    writeFileSync(path.join(dir, 'charts/.gitignore'), '!b.yaml\n');
    const result = await cli(['scan', '.', '--no-config', '-f', 'json', '--exclude', 'tests/', '-e', '**/generated/**'], { cwd: dir });
    const report = JSON.parse(result.stdout) as ScanReport;
    expect([...new Set(report.findings.map((finding) => finding.location.path))]).toEqual(['charts/b.yaml', 'keep.yaml']);
  });

  it('stops quietly when the reader of its output goes away (EPIPE), still exiting by its findings', async () => {
    const closedEarly = (args: string[]): Promise<{ code: number | null; stderr: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { cwd: FIXTURES });
        child.stdout.destroy();
        const stderr: Buffer[] = [];
        child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
        child.on('close', (code) => resolve({ code, stderr: Buffer.concat(stderr).toString('utf8') }));
        child.stdin.end();
      });
    const [rules, scan] = await Promise.all([closedEarly(['rules']), closedEarly([...SCAN, '--fail-on', 'high'])]);
    expect(rules).toEqual({ code: 0, stderr: '' });
    expect(scan).toEqual({ code: 1, stderr: '' });
  });
});
