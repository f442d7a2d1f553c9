import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScanReport } from '../../src/scan.js';
import { runCli, useBuiltCli, useTempDir } from '../cli/run-cli.js';
import { GOOD_POD, aliasBomb, deepCompactYaml, deepFlowYaml, deepJson } from './inputs.js';

useBuiltCli();
const tmp = useTempDir('bad-cli');

describe('bad input through the built CLI', () => {
  it('reports every bad file in `errors`, scans the good one, exits by its findings, and never hangs', async () => {
    const dir = path.join(tmp(), 'repo');
    mkdirSync(path.join(dir, 'loop'), { recursive: true });
    const write = (name: string, content: string | Buffer): void => writeFileSync(path.join(dir, name), content);
    write('good.yaml', GOOD_POD);
    write('bomb.yaml', aliasBomb());
    write('broken.json', '{\n  "kind": "Pod",\n  "apiVersion" "v1"\n}\n');
    write('broken.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: [x}\n');
    write('deep.json', deepJson());
    write('deep-flow.yaml', deepFlowYaml());
    write('deep-compact.yaml', deepCompactYaml());
    write('image.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    write('latin1.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    write('workflow.yml', 'on: push\njobs: {}\n');
    const fd = openSync(path.join(dir, 'huge.yaml'), 'w');
    writeSync(fd, GOOD_POD);
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    symlinkSync('..', path.join(dir, 'loop', 'parent'));
    symlinkSync('gone.yaml', path.join(dir, 'dangling.yaml'));
    let fifo = false;
    try {
      execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
      fifo = true;
    } catch {
      // no mkfifo: the rest still runs
    }

    const started = Date.now();
    const result = await runCli(['scan', '.', ...(fifo ? ['pipe.yaml'] : []), '--no-config', '-f', 'json', '--fail-on', 'high'], { cwd: dir, timeoutMs: 20_000 });
    expect(result.timedOut).toBe(false);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as ScanReport;
    expect(result.code).toBe(1); // good.yaml runs as root
    expect(report.summary).toMatchObject({ filesScanned: 1, filesSkipped: 1 });
    const errors = report.errors.map((error) => `${error.path}${error.line === undefined ? '' : `:${error.line}`} ${error.message.replace(/:.*|\(.*/, '').trim()}`);
    expect(errors).toEqual([
      'bomb.yaml:6 YAML alias expansion refused',
      'broken.json:3 JSON syntax error',
      'broken.yaml:3 YAML syntax error',
      'dangling.yaml broken symbolic link',
      'deep-compact.yaml:4 YAML nested deeper than 256 levels',
      'deep-flow.yaml:3 YAML nested deeper than 256 levels',
      'deep.json:1 JSON nested deeper than 1000 levels',
      'huge.yaml file too large',
      'image.yaml binary file',
      'latin1.yaml:1 invalid UTF-8',
      'loop/parent symbolic link loop',
      ...(fifo ? ['pipe.yaml not a regular file'] : []),
    ]);
  });

  it('refuses standard input over --max-file-size and exits 2: nothing scannable', async () => {
    const result = await runCli(['scan', '-', '--no-config', '--max-file-size', '1k', '-f', 'json'], { cwd: tmp(), input: `${GOOD_POD}#${'x'.repeat(4096)}\n` });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('nothing scannable');
    expect((JSON.parse(result.stdout) as ScanReport).errors).toEqual([{ path: '-', message: 'input too large: standard input exceeds the 1.0 KiB limit (--max-file-size)' }]);
  });
});
