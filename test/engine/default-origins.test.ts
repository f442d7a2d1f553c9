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

/** Who could set the variable follows where it is declared, not where the resource is. */
describe('a default that crosses a module boundary is named by the module that declares it', () => {
  const dir = tempDir();
  const task = (readOnly: string): string =>
    `jsonencode([{ name = "app", image = "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1", user = "1000", readonlyRootFilesystem = ${readOnly} }])`;
  writeFiles(dir, {
    // The root passes its own variable into the module: a deployment sets it.
    'passed/main.tf': ['variable "read_only" {', '  default = false', '}', 'module "c" {', '  source    = "./child"', '  read_only = var.read_only', '}', ''].join('\n'),
    'passed/child/main.tf': ['variable "read_only" {}', 'resource "aws_ecs_task_definition" "t" {', '  family                = "t"', `  container_definitions = ${task('var.read_only')}`, '}', ''].join('\n'),
    // The module builds the definitions from its own default and the root reads its output: only the call could set it.
    'output/main.tf': ['module "c" {', '  source = "./child"', '}', 'resource "aws_ecs_task_definition" "t" {', '  family                = "t"', '  container_definitions = module.c.json', '}', ''].join('\n'),
    'output/child/main.tf': ['variable "read_only" {', '  default = false', '}', 'output "json" {', `  value = ${task('var.read_only')}`, '}', ''].join('\n'),
  });

  it('says who could pass another value', async () => {
    const report = await scan(['.'], { cwd: dir, noConfig: true });
    const messages = report.findings.filter((finding) => finding.ruleId === 'ecs/read-only-root-filesystem').map((finding) => `${finding.resource.name}: ${finding.message.replace(/^.*\(/, '(')}`);
    expect(messages).toEqual([
      'aws_ecs_task_definition.t: (the default of variable "read_only", which the module call does not set).',
      'module.c.aws_ecs_task_definition.t: (the default of variable "read_only": a deployment may pass another value).',
    ]);
  });
});
