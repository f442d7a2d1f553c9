import { describe, expect, it } from 'vitest';
import type { JsonValue, NodePath } from '../../../src/model/types.js';
import { at, byName, hcl, load, loadClean, locate, where } from './helpers.js';

/**
 * Override files (https://developer.hashicorp.com/terraform/language/files/override): `override.tf`,
 * `*_override.tf` and their `.tf.json` forms are merged after the other files, in lexical order; a top-level block
 * merges into the block with the same header: arguments replace arguments, nested blocks of a type replace all
 * blocks of that type, `lifecycle` merges argument by argument, `locals` value by value.
 */

const main = hcl`
  variable "retention" {
    default = 7
  }

  locals {
    prefix = "base"
    suffix = "logs"
  }

  resource "aws_security_group" "web" {
    name        = "\${local.prefix}-web"
    description = "base"

    ingress {
      from_port   = 22
      to_port     = 22
      cidr_blocks = ["10.0.0.0/8"]
    }

    ingress {
      from_port = 80
      to_port   = 80
    }

    egress {
      from_port = 0
      to_port   = 0
    }
  }

  resource "aws_cloudwatch_log_group" "app" {
    name              = "\${local.prefix}-\${local.suffix}"
    retention_in_days = var.retention
  }

  module "svc" {
    source = "./svc"
    public = false
  }
`;

const svc = hcl`
  variable "public" {}
  resource "aws_ecs_service" "this" {
    assign_public_ip = var.public
  }
`;

const override = hcl`
  resource "aws_security_group" "web" {
    description = "override"

    ingress {
      from_port   = 22
      to_port     = 22
      cidr_blocks = ["0.0.0.0/0"]
    }
  }

  locals {
    suffix = "audit"
  }

  variable "retention" {
    default = 0
  }

  module "svc" {
    public = true
  }
`;

interface Case {
  name: string;
  files: Record<string, string>;
  resource: string;
  path: NodePath;
  expected: JsonValue;
  /** Where the value is reported: file and text at the start of the range. */
  located?: { file: string; text: string };
}

const files = { 'main.tf': main, 'override.tf': override, 'svc/main.tf': svc };

const cases: Case[] = [
  { name: 'an argument replaces the original one, located in the override file', files, resource: 'aws_security_group.web', path: ['description'], expected: 'override', located: { file: 'override.tf', text: 'description = "override"' } },
  { name: 'arguments not overridden stay, located in the original file', files, resource: 'aws_security_group.web', path: ['name'], expected: 'base-web', located: { file: 'main.tf', text: 'name        =' } },
  {
    name: 'nested blocks of a type replace all the original blocks of that type',
    files,
    resource: 'aws_security_group.web',
    path: ['ingress'],
    expected: [{ from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] }],
    located: { file: 'override.tf', text: 'ingress {' },
  },
  { name: 'inside an overriding nested block, located in the override file', files, resource: 'aws_security_group.web', path: ['ingress', 0, 'cidr_blocks'], expected: ['0.0.0.0/0'], located: { file: 'override.tf', text: 'cidr_blocks = ["0.0.0.0/0"]' } },
  { name: 'nested block types not overridden stay', files, resource: 'aws_security_group.web', path: ['egress'], expected: [{ from_port: 0, to_port: 0 }], located: { file: 'main.tf', text: 'egress {' } },
  { name: 'locals are overridden value by value', files, resource: 'aws_cloudwatch_log_group.app', path: ['name'], expected: 'base-audit' },
  { name: 'a variable default is overridden', files, resource: 'aws_cloudwatch_log_group.app', path: ['retention_in_days'], expected: 0 },
  { name: 'a module call argument is overridden', files, resource: 'module.svc.aws_ecs_service.this', path: ['assign_public_ip'], expected: true },
  {
    name: '*_override.tf files apply in lexical order: the later wins',
    files: {
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  acl = "private"\n}\n',
      'b_override.tf': 'resource "aws_s3_bucket" "b" {\n  acl = "public-read"\n}\n',
      'a_override.tf': 'resource "aws_s3_bucket" "b" {\n  acl = "log-delivery-write"\n}\n',
    },
    resource: 'aws_s3_bucket.b',
    path: ['acl'],
    expected: 'public-read',
    located: { file: 'b_override.tf', text: 'acl = "public-read"' },
  },
  {
    name: 'a JSON override file over a native file',
    files: {
      'main.tf': 'resource "aws_eks_cluster" "c" {\n  name = "c"\n  vpc_config {\n    endpoint_public_access = false\n  }\n}\n',
      'override.tf.json': JSON.stringify({ resource: { aws_eks_cluster: { c: { vpc_config: { endpoint_public_access: true } } } } }, null, 2),
    },
    resource: 'aws_eks_cluster.c',
    path: ['vpc_config', 0, 'endpoint_public_access'],
    expected: true,
    located: { file: 'override.tf.json', text: '"endpoint_public_access": true' },
  },
  {
    name: 'a native override file over a JSON file',
    files: {
      'main.tf.json': JSON.stringify({ resource: { aws_ecr_repository: { r: { name: 'r', image_tag_mutability: 'IMMUTABLE' } } } }, null, 2),
      'main_override.tf': 'resource "aws_ecr_repository" "r" {\n  image_tag_mutability = "MUTABLE"\n}\n',
    },
    resource: 'aws_ecr_repository.r',
    path: ['image_tag_mutability'],
    expected: 'MUTABLE',
    located: { file: 'main_override.tf', text: 'image_tag_mutability = "MUTABLE"' },
  },
  {
    name: 'lifecycle is merged argument by argument; count overridden',
    files: {
      'main.tf': 'resource "aws_sqs_queue" "q" {\n  count = 1\n  name  = "q${count.index}"\n  lifecycle {\n    ignore_changes = [tags]\n  }\n}\n',
      'override.tf': 'resource "aws_sqs_queue" "q" {\n  count = 2\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n',
    },
    resource: 'aws_sqs_queue.q[1]',
    path: ['name'],
    expected: 'q1',
  },
];

describe('Terraform override files', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const result = await loadClean(testCase.files);
      const resource = byName(result, testCase.resource);
      expect(at(resource, ...testCase.path)).toEqual(testCase.expected);
      if (testCase.located) {
        const range = locate(resource, ...testCase.path);
        const expected = where(testCase.files[testCase.located.file] ?? '', testCase.located.text);
        expect({ path: range.file ?? resource.document.file.path, line: range.startLine, column: range.startColumn }).toEqual({ path: testCase.located.file, ...expected });
      }
    });
  }

  it('the resource itself is still reported at its original block', async () => {
    const result = await loadClean(files);
    const group = byName(result, 'aws_security_group.web');
    expect(group.document.file.path).toBe('main.tf');
    expect(locate(group).startLine).toBe(where(main, 'resource "aws_security_group"').line);
  });

  it('an override without a block to override, and depends_on in an override, are errors (as for Terraform)', async () => {
    const result = await load({
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
      'override.tf': 'resource "aws_s3_bucket" "b" {\n  depends_on = [aws_s3_bucket.b]\n}\n\nresource "aws_s3_bucket" "missing" {\n  bucket = "x"\n}\n\nlocals {\n  nope = 1\n}\n',
    });
    expect(result.errors.map((error) => [error.path, error.line, error.message])).toEqual([
      ['override.tf', 2, 'depends_on may not be used in override blocks: ignored'],
      ['override.tf', 5, 'missing resource "aws_s3_bucket" "missing" to override: an override file can only override a block declared in the module\'s other files'],
      ['override.tf', 10, 'missing local value "nope" to override: an override file can only override a value declared in the module\'s other files'],
    ]);
    expect(result.resources.map((resource) => resource.name)).toEqual(['aws_s3_bucket.b']);
  });

  it('override files do not count as duplicate declarations', async () => {
    const result = await load(files);
    expect(result.errors).toEqual([]);
  });
});
