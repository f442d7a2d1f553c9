import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { tempDir, writeFiles } from './helpers.js';

/** A finding on a value that is a default says so: who could give another value. */
describe('findings on default values name where the value comes from', () => {
  const dir = tempDir();
  writeFiles(dir, {
    'main.tf': [
      'variable "cluster_cidrs" {',
      '  default = ["0.0.0.0/0"]',
      '}',
      'resource "aws_eks_cluster" "root" {',
      '  name     = "root"',
      '  role_arn = "arn:aws:iam::111122223333:role/eks"',
      '  vpc_config {',
      '    subnet_ids          = ["subnet-1"]',
      '    public_access_cidrs = var.cluster_cidrs',
      '  }',
      '}',
      'module "child" {',
      '  source = "./child"',
      '}',
      '',
    ].join('\n'),
    'child/main.tf': [
      'variable "cidrs" {',
      '  default = ["0.0.0.0/0"]',
      '}',
      'resource "aws_eks_cluster" "child" {',
      '  name     = "child"',
      '  role_arn = "arn:aws:iam::111122223333:role/eks"',
      '  vpc_config {',
      '    subnet_ids          = ["subnet-1"]',
      '    public_access_cidrs = var.cidrs',
      '  }',
      '}',
      '',
    ].join('\n'),
  });

  it('a root module variable: a deployment may pass another value; a called module variable: the module call does not set it', async () => {
    const report = await scan(['.'], { cwd: dir, noConfig: true });
    const messages = report.findings.filter((finding) => finding.ruleId === 'eks/endpoint-access').map((finding) => `${finding.location.path}: ${finding.message.replace(/^.*\(/, '(')}`);
    expect(messages).toEqual([
      'child/main.tf: (the default of variable "cidrs", which the module call does not set).',
      'main.tf: (the default of variable "cluster_cidrs": a deployment may pass another value).',
    ]);
  });
});
