import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFiles } from '../../../src/loaders/discover.js';
import { loadSources } from '../../../src/loaders/sources.js';
import { scan } from '../../../src/scan.js';
import { isUnknown } from '../../../src/util/unknown.js';
import { at, byName, hcl, load, names } from './helpers.js';

/**
 * Registry / Git modules installed by `terraform init` under `.terraform/modules/` (listed, key -> directory, in
 * `.terraform/modules/modules.json`) are evaluated like local modules; modules not installed stay unknown.
 */

const root = hcl`
  module "vpc" {
    source  = "terraform-aws-modules/vpc/aws"
    version = "5.0.0"
    name    = "prod"
  }

  module "missing" {
    source = "git::https://example.com/modules.git//x"
  }

  resource "aws_ecs_service" "api" {
    name           = "api"
    vpc_id         = module.vpc.vpc_id
    security_group = module.missing.group_id
  }
`;

const vpc = hcl`
  variable "name" {}

  resource "aws_vpc" "this" {
    cidr_block = "10.0.0.0/16"
    tags       = { Name = var.name }
  }

  module "flow_logs" {
    source = "./modules/flow-logs"
    vpc_id = aws_vpc.this.id
  }

  output "vpc_id" {
    value = aws_vpc.this.id
  }
`;

const flowLogs = hcl`
  variable "vpc_id" {}

  resource "aws_flow_log" "this" {
    vpc_id       = var.vpc_id
    traffic_type = "ALL"
  }
`;

const manifest = JSON.stringify({
  Modules: [
    { Key: '', Source: '', Dir: '.' },
    { Key: 'vpc', Source: 'registry.terraform.io/terraform-aws-modules/vpc/aws', Version: '5.0.0', Dir: '.terraform/modules/vpc' },
    { Key: 'vpc.flow_logs', Source: './modules/flow-logs', Dir: '.terraform/modules/vpc/modules/flow-logs' },
    { Key: 'stale', Source: 'registry.terraform.io/x/y/aws', Version: '1.0.0', Dir: '.terraform/modules/stale' },
  ],
});

const stale = 'resource "aws_s3_bucket" "stale" {\n  bucket = "never-evaluated"\n}\n';

describe('installed Terraform modules (loader)', () => {
  const files = (prefix: string): Record<string, string> => ({
    [`${prefix}main.tf`]: root,
    [`${prefix}.terraform/modules/modules.json`]: manifest,
    [`${prefix}.terraform/modules/vpc/main.tf`]: vpc,
    [`${prefix}.terraform/modules/vpc/modules/flow-logs/main.tf`]: flowLogs,
    [`${prefix}.terraform/modules/stale/main.tf`]: stale,
  });

  for (const prefix of ['', 'envs/prod/']) {
    it(`registry modules load like local ones, with module addresses (root ${prefix || '.'})`, async () => {
      const result = await load(files(prefix));
      expect(result.errors).toEqual([]);
      expect(names(result).sort()).toEqual(['aws_ecs_service.api', 'module.vpc.aws_vpc.this', 'module.vpc.module.flow_logs.aws_flow_log.this']);
      expect(at(byName(result, 'module.vpc.aws_vpc.this'), 'tags')).toEqual({ Name: 'prod' });
      const flowLog = byName(result, 'module.vpc.module.flow_logs.aws_flow_log.this');
      expect(flowLog.document.file.path).toBe(`${prefix}.terraform/modules/vpc/modules/flow-logs/main.tf`);
      expect(flowLog.references).toEqual([{ path: ['vpc_id'], address: 'module.vpc.aws_vpc.this', attribute: 'id' }]);
      const service = byName(result, 'aws_ecs_service.api');
      expect(service.references).toContainEqual({ path: ['vpc_id'], address: 'module.vpc.aws_vpc.this', attribute: 'id' });
      // Not installed: unknown, no error.
      expect(isUnknown(at(service, 'security_group'))).toBe(true);
      expect(service.refs).toContain('module.missing');
    });
  }

  it('without the manifest, installed copies are not used (and never roots)', async () => {
    const all = files('');
    delete all['.terraform/modules/modules.json'];
    const result = await load(all);
    expect(names(result)).toEqual(['aws_ecs_service.api']);
    expect(isUnknown(at(byName(result, 'aws_ecs_service.api'), 'vpc_id'))).toBe(true);
  });

  it('modules not installed in several root modules: one notice at the first call in file order, naming the directories', async () => {
    const call = (name: string) => `module "${name}" {\n  source = "terraform-aws-modules/${name}/aws"\n}\n`;
    const result = await load({ 'karpenter/main.tf': call('eks') + call('vpc'), 'fargate/main.tf': call('eks'), 'ipv6/main.tf': call('eks') });
    expect(result.notices.map((notice) => [notice.path, notice.line, notice.message.split(':')[0]])).toEqual([['fargate/main.tf', 1, 'module "eks" (and 3 more module calls, in 3 directories']]);
    expect(result.notices[0]?.message).toContain('in 3 directories: fargate, ipv6, karpenter)');
  });

  it('a broken manifest is an error; the scan goes on', async () => {
    const all = files('');
    all['.terraform/modules/modules.json'] = '{"Modules": [';
    const result = await load(all);
    expect(result.errors.map((error) => error.path)).toEqual(['.terraform/modules/modules.json']);
    expect(names(result)).toEqual(['aws_ecs_service.api']);
  });
});

describe('installed Terraform modules (directory walk)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-tf-modules-'));
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    mkdirSync(path.join(dir, '.git'));
    write('.gitignore', '.terraform/\n');
    write('main.tf', root);
    write('.terraform/modules/modules.json', manifest);
    write('.terraform/modules/vpc/main.tf', vpc);
    write('.terraform/modules/vpc/modules/flow-logs/main.tf', flowLogs);
    write('.terraform/modules/vpc/examples/complete/main.tf', 'module "vpc" {\n  source = "../../"\n}\n');
    write('.terraform/modules/vpc/README.yaml', 'kind: Pod\n');
    write('.terraform/providers/registry.terraform.io/hashicorp/aws/x.tf', 'garbage {');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the walk picks the manifest and the listed module directories only, despite .gitignore', async () => {
    const { files, errors } = await discoverFiles(['.'], { cwd: dir });
    expect(errors).toEqual([]);
    expect(files.map((file) => file.displayPath).sort()).toEqual([
      '.terraform/modules/modules.json',
      '.terraform/modules/vpc/main.tf',
      '.terraform/modules/vpc/modules/flow-logs/main.tf',
      'main.tf',
    ]);
  });

  it('a scan of the directory evaluates them as module calls of the root module', async () => {
    const { files } = await discoverFiles(['.'], { cwd: dir });
    const inputs = files.map((file) => ({ path: file.displayPath, text: readFileSync(file.absolutePath, 'utf8'), explicit: file.explicit }));
    const loaded = await loadSources(inputs);
    // The Git module that is not installed is said once, as a notice.
    expect(loaded.errors).toEqual([
      {
        path: 'main.tf',
        line: 7,
        notice: true,
        message: 'module "missing": its registry or Git source is not installed in the scan (.terraform/modules): its resources are not checked; run terraform init and scan the root module with its .terraform directory',
      },
    ]);
    expect(loaded.resources.map((resource) => resource.name).sort()).toEqual(['aws_ecs_service.api', 'module.vpc.aws_vpc.this', 'module.vpc.module.flow_logs.aws_flow_log.this']);
  });

  it('a file named alone does not bring installed modules in', async () => {
    const { files } = await discoverFiles(['main.tf'], { cwd: dir });
    expect(files.map((file) => file.displayPath)).toEqual(['main.tf']);
  });
});

describe('findings in an installed module', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-tf-installed-'));
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write(
      'main.tf',
      [
        'module "eks" {',
        '  source          = "terraform-aws-modules/eks/aws"',
        '  version         = "20.0.0"',
        '  cluster_version = "1.24"',
        '  # seaworthy-ignore eks/endpoint-access: sandbox cluster, torn down nightly',
        '  cluster_endpoint_public_access = true',
        '}',
        '',
      ].join('\n'),
    );
    write('.terraform/modules/modules.json', JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'eks', Source: 'registry.terraform.io/terraform-aws-modules/eks/aws', Version: '20.0.0', Dir: '.terraform/modules/eks' }] }));
    write(
      '.terraform/modules/eks/main.tf',
      [
        'variable "cluster_version" {}',
        'variable "cluster_endpoint_public_access" { default = false }',
        'resource "aws_eks_cluster" "this" {',
        '  name     = "c"',
        '  role_arn = "arn:aws:iam::111122223333:role/eks"',
        '  version  = var.cluster_version',
        '  vpc_config {',
        '    subnet_ids             = ["subnet-1"]',
        '    endpoint_public_access = var.cluster_endpoint_public_access',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are located at the module call\'s argument that gives the value, where a suppression comment applies; the module\'s own settings stay in it', async () => {
    const report = await scan(['.'], { cwd: dir, noConfig: true, showSuppressed: true, today: '2026-12-01' });
    const where = (findings: typeof report.findings, ruleId: string) => findings.filter((finding) => finding.ruleId === ruleId).map((finding) => `${finding.location.path}:${finding.location.startLine}`);
    expect(where(report.findings, 'eks/supported-kubernetes-version')).toEqual(['main.tf:4']);
    expect(where(report.suppressedFindings ?? [], 'eks/endpoint-access')).toEqual(['main.tf:6']);
    expect(where(report.findings, 'eks/control-plane-logging')).toEqual(['.terraform/modules/eks/main.tf:3']);
  });
});
