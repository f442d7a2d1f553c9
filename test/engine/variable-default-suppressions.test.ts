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
  const scanFiles = async (files: Record<string, string>, ruleId: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-variable-'));
    try {
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
      const report = await scan([dir], { cwd: dir, noConfig: true, today: '2026-06-01', showSuppressed: true });
      const lines = (findings: typeof report.findings) =>
        findings.filter((finding) => finding.ruleId === ruleId).map((finding) => `${finding.resource.name}:${finding.location.startLine}`);
      return { reported: lines(report.findings), suppressed: lines(report.suppressedFindings ?? []) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const scanText = (text: string) => scanFiles({ 'main.tf': text }, 'net/no-public-ingress');
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

  it('not a finding inside a JSON file the resource reads: the comment cannot say which entry it means', async () => {
    const key = ['AKIA', 'Q3EGRWTZ6N5KPLXM'].join('');
    const definitions = JSON.stringify([{ name: 'app', image: 'app:1', environment: [{ name: 'AWS_ACCESS_KEY_ID', value: key }] }], null, 2);
    const main = ['resource "aws_ecs_task_definition" "t" {', '  family = "t"', '  # seaworthy-ignore ecs/no-aws-credentials-in-env: meant for another container', '  container_definitions = file("defs.json")', '}', ''].join('\n');
    expect(await scanFiles({ 'main.tf': main, 'defs.json': definitions }, 'ecs/no-aws-credentials-in-env')).toEqual({ reported: ['aws_ecs_task_definition.t:8'], suppressed: [] });
  });

  it('a comment at the attribute that takes the value suppresses that resource\'s finding', async () => {
    const result = await scanText(groups('', '    # seaworthy-ignore net/no-public-ingress: bastion behind a VPN-only route'));
    expect(result).toEqual({ reported: ['aws_security_group.admin:2'], suppressed: ['aws_security_group.bastion:2'] });
  });
});
