import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan.js';

/**
 * Paths below the working directory are shown relative, others absolute: a local module reached with `../`
 * from a scanned root must be found under either spelling, and evaluated with the caller's inputs only.
 */
describe('a local module outside the working directory', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-tf-outside-'));
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write('mod/main.tf', ['variable "cidr" {', '  default = "10.0.0.0/8"', '}', 'resource "aws_security_group" "open" {', '  ingress {', '    from_port   = 22', '    to_port     = 22', '    protocol    = "tcp"', '    cidr_blocks = [var.cidr]', '  }', '}', ''].join('\n'));
    write('work/root/main.tf', ['module "m" {', '  source = "../../mod"', '  cidr   = "0.0.0.0/0"', '}', ''].join('\n'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the called module, whichever directory the scan runs from', async () => {
    for (const [cwd, paths] of [
      [path.join(dir, 'work'), ['root', '../mod']],
      [dir, ['work/root', 'mod']],
      // From the module's own directory, which the scan calls `.`.
      [path.join(dir, 'mod'), ['../work/root', '.']],
    ] as const) {
      const report = await scan([...paths], { cwd, noConfig: true });
      expect(report.errors).toEqual([]);
      const ingress = report.findings.filter((finding) => finding.ruleId === 'net/no-public-ingress');
      expect(ingress.map((finding) => finding.resource.name)).toEqual(['module.m.aws_security_group.open']);
    }
  });
});
