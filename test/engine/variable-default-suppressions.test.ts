import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';

/**
 * A Terraform finding located at a variable default (the value other resources may share) is also suppressed by a
 * comment at the resource's attribute that takes the value, or above the resource; not by one above another resource.
 */
describe('comment suppressions of findings located outside their resource', () => {
  const scanText = async (text: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-variable-'));
    try {
      writeFileSync(path.join(dir, 'main.tf'), text);
      const report = await scan([dir], { cwd: dir, noConfig: true, today: '2026-06-01', showSuppressed: true });
      const lines = (findings: typeof report.findings) =>
        findings.filter((finding) => finding.ruleId === 'net/no-public-ingress').map((finding) => `${finding.resource.name}:${finding.location.startLine}`);
      return { reported: lines(report.findings), suppressed: lines(report.suppressedFindings ?? []) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const groups = (aboveFirst: string, atAttribute: string) =>
    [
      'variable "ssh_cidrs" {',
      '  default = ["0.0.0.0/0"]',
      '}',
      aboveFirst,
      'resource "aws_security_group" "bastion" {',
      '  ingress {',
      '    from_port   = 22',
      '    to_port     = 22',
      '    protocol    = "tcp"',
      atAttribute,
      '    cidr_blocks = var.ssh_cidrs',
      '  }',
      '}',
      'resource "aws_security_group" "admin" {',
      '  ingress {',
      '    from_port   = 22',
      '    to_port     = 22',
      '    protocol    = "tcp"',
      '    cidr_blocks = var.ssh_cidrs',
      '  }',
      '}',
      '',
    ].join('\n');

  it('without a comment the default is reported once (at the first resource that takes it)', async () => {
    expect(await scanText(groups('', ''))).toEqual({ reported: ['aws_security_group.bastion:2'], suppressed: [] });
  });

  it('a comment above the resource suppresses its finding only: the other resource\'s is still reported', async () => {
    const result = await scanText(groups('# seaworthy-ignore net/no-public-ingress: bastion behind a VPN-only route', ''));
    expect(result).toEqual({ reported: ['aws_security_group.admin:2'], suppressed: ['aws_security_group.bastion:2'] });
  });

  it('a comment at the attribute that takes the value suppresses that resource\'s finding', async () => {
    const result = await scanText(groups('', '    # seaworthy-ignore net/no-public-ingress: bastion behind a VPN-only route'));
    expect(result).toEqual({ reported: ['aws_security_group.admin:2'], suppressed: ['aws_security_group.bastion:2'] });
  });
});
