import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';

/**
 * A finding located in a Terraform override file (`*_override.tf`) is suppressed by a comment written there, and
 * not by a comment that happens to sit at the same line of the file holding the resource.
 */
describe('comment suppressions in Terraform override files', () => {
  const scanFiles = async (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-override-'));
    try {
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
      const report = await scan([dir], { cwd: dir, noConfig: true, today: '2026-06-01' });
      return report.findings.filter((finding) => finding.ruleId === 'net/no-public-ingress').map((finding) => `${finding.location.path}:${finding.location.startLine}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  // The wrong-file comment targets line 7, where the override file's finding is.
  const main = [
    'resource "aws_security_group" "admin" {',
    '  name = "admin"',
    '  ingress {',
    '    from_port   = 443',
    '    to_port     = 443',
    '    # seaworthy-ignore net/no-public-ingress: a comment in the wrong file',
    '    cidr_blocks = ["10.0.0.0/8"]',
    '    protocol    = "tcp"',
    '  }',
    '}',
    '',
  ].join('\n');
  const override = (comment: string) =>
    ['resource "aws_security_group" "admin" {', '  ingress {', '    from_port   = 22', '    to_port     = 22', '    protocol    = "tcp"', comment, '    cidr_blocks = ["0.0.0.0/0"]', '  }', '}', ''].join('\n');

  it('the override file\'s own comment suppresses the finding located there', async () => {
    const plainMain = main.replace('# seaworthy-ignore net/no-public-ingress: a comment in the wrong file', '# reviewed');
    expect(await scanFiles({ 'main.tf': plainMain, 'main_override.tf': override('    # seaworthy-ignore net/no-public-ingress: bastion, removed next sprint') })).toEqual([]);
  });

  it('a comment in the other file at the same line does not', async () => {
    expect(await scanFiles({ 'main.tf': main, 'main_override.tf': override('    # nothing to see') })).toEqual(['main_override.tf:7']);
  });
});
