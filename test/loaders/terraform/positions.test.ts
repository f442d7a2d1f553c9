import { describe, expect, it } from 'vitest';
import type { NodePath, SourceRange } from '../../../src/model/types.js';
import { byName, hcl, locate, loadClean, span, where } from './helpers.js';

const main = hcl`
  locals {
    common_tags = {
      Env = "prod"
    }
  }

  resource "aws_security_group" "web" {
    name = "web"
    tags = merge(local.common_tags, {
      Name = "web"
    })

    ingress {
      from_port   = 443
      cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
    }
    ingress {
      from_port = 80
    }

    dynamic "egress" {
      for_each = var.egress_ports
      content {
        to_port = egress.value
      }
    }
    description = var.description
  }

  resource "aws_ecs_task_definition" "app" {
    family = "app"
    container_definitions = jsonencode([
      {
        name       = "app"
        privileged = true
        linuxParameters = {
          capabilities = { add = ["SYS_ADMIN"] }
        }
      }
    ])
  }

  module "svc" {
    source = "./modules/svc"
    public = true
  }
`;

const variables = hcl`
  variable "egress_ports" {
    default = [8080, 8443]
  }
  variable "description" {
    default = "from another file"
  }
`;

const child = hcl`
  variable "public" {
    default = false
  }

  resource "aws_ecs_service" "this" {
    name = "svc"
    network_configuration {
      assign_public_ip = var.public
      subnets          = ["subnet-1"]
    }
  }
`;

async function project() {
  return loadClean({ 'main.tf': main, 'variables.tf': variables, 'modules/svc/main.tf': child, 'modules/svc/variables.tf': 'variable "unused" {\n  default = 1\n}\n' });
}

function at(line: number, column: number, endLine: number, endColumn: number): SourceRange {
  return { startLine: line, startColumn: column, endLine, endColumn };
}

describe('Terraform source positions', () => {
  const cases: Array<{ name: string; resource: string; path: NodePath; expected: SourceRange }> = [
    { name: 'the resource block', resource: 'aws_security_group.web', path: [], expected: span(main, 'resource "aws_security_group"', '\n}', 1) },
    { name: 'an attribute, key to end of value', resource: 'aws_security_group.web', path: ['name'], expected: span(main, 'name = "web"', '"web"') },
    { name: 'an element of a list literal', resource: 'aws_security_group.web', path: ['ingress', 0, 'cidr_blocks', 1], expected: span(main, '"0.0.0.0/0"', '"0.0.0.0/0"') },
    { name: 'the first of repeated blocks', resource: 'aws_security_group.web', path: ['ingress', 0], expected: span(main, 'ingress {', '}') },
    { name: 'an attribute of the second block', resource: 'aws_security_group.web', path: ['ingress', 1, 'from_port'], expected: span(main, 'from_port = 80', '80') },
    { name: 'the block type: from the first to the last block', resource: 'aws_security_group.web', path: ['ingress'], expected: { ...span(main, 'ingress {', '}', 1), ...endOf(span(main, 'ingress {', '}', 2)) } },
    { name: 'an object literal inside merge()', resource: 'aws_security_group.web', path: ['tags', 'Name'], expected: span(main, 'Name = "web"', '"web"') },
    { name: 'a value from a local of the same file', resource: 'aws_security_group.web', path: ['tags', 'Env'], expected: span(main, 'Env = "prod"', '"prod"') },
    { name: 'a dynamic block element', resource: 'aws_security_group.web', path: ['egress', 1], expected: span(main, 'dynamic "egress"', '\n  }') },
    { name: 'an attribute inside a dynamic block content', resource: 'aws_security_group.web', path: ['egress', 1, 'to_port'], expected: span(main, 'to_port = egress.value', 'egress.value') },
    { name: 'a value from another file stops at the attribute', resource: 'aws_security_group.web', path: ['description'], expected: span(main, 'description = var.description', 'var.description') },
    { name: 'a missing path gives the nearest ancestor', resource: 'aws_security_group.web', path: ['ingress', 1, 'nope', 3], expected: span(main, 'ingress {', '}', 2) },
    { name: 'inside jsonencode: a container attribute', resource: 'aws_ecs_task_definition.app', path: ['container_definitions', 0, 'privileged'], expected: span(main, 'privileged = true', 'true') },
    { name: 'inside jsonencode: deeper', resource: 'aws_ecs_task_definition.app', path: ['container_definitions', 0, 'linuxParameters', 'capabilities', 'add', 0], expected: span(main, '"SYS_ADMIN"', '"SYS_ADMIN"') },
    { name: 'inside jsonencode: the element object', resource: 'aws_ecs_task_definition.app', path: ['container_definitions', 0], expected: span(main, '{\n      name       = "app"', '\n    }') },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const resource = byName(await project(), testCase.resource);
      expect(locate(resource, ...testCase.path)).toEqual(testCase.expected);
    });
  }

  it('a resource of a child module instance is located in the child file', async () => {
    const service = byName(await project(), 'module.svc.aws_ecs_service.this');
    expect(service.document.file.path).toBe('modules/svc/main.tf');
    expect(locate(service, 'network_configuration', 0)).toEqual(span(child, 'network_configuration {', '\n  }'));
    // The value comes from the calling module: the attribute of the child file that reads it.
    expect(locate(service, 'network_configuration', 0, 'assign_public_ip')).toEqual(span(child, 'assign_public_ip = var.public', 'var.public'));
    expect(locate(service, 'network_configuration', 0, 'subnets', 0)).toEqual(span(child, '"subnet-1"', '"subnet-1"'));
    expect(service.document.sourceMap.locateValue([...service.basePath, 'network_configuration', 0, 'assign_public_ip'])).toBeUndefined();
  });

  it('locateValue gives the value alone', async () => {
    const sg = byName(await project(), 'aws_security_group.web');
    expect(sg.document.sourceMap.locateValue([...sg.basePath, 'name'])).toEqual(span(main, '"web"', '"web"', 2));
    expect(sg.document.sourceMap.locateValue([...sg.basePath, 'nope'])).toBeUndefined();
  });

  it('lines and columns are 1-based with an exclusive end column', async () => {
    const sg = byName(await project(), 'aws_security_group.web');
    const start = where(main, 'from_port   = 443');
    expect(locate(sg, 'ingress', 0, 'from_port')).toEqual(at(start.line, start.column, start.line, start.column + 'from_port   = 443'.length));
  });

  it('each file is one document holding its resource instances', async () => {
    const result = await project();
    const document = result.documents.find((doc) => doc.file.path === 'main.tf');
    expect(Object.keys((document?.data ?? {}) as object)).toEqual(['aws_security_group.web', 'aws_ecs_task_definition.app']);
    expect(result.documents.map((doc) => doc.file.path).sort()).toEqual(['main.tf', 'modules/svc/main.tf', 'modules/svc/variables.tf', 'variables.tf']);
    expect(document?.sourceMap.locate([])).toEqual(at(1, 1, main.split('\n').length, 1));
  });
});

function endOf(range: SourceRange): Pick<SourceRange, 'endLine' | 'endColumn'> {
  return { endLine: range.endLine, endColumn: range.endColumn };
}

describe('Terraform source positions: JSON written as a heredoc', () => {
  const policies = [
    'resource "aws_iam_policy" "plain" {',
    '  policy = <<EOF',
    '{',
    '  "Statement": [',
    '    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }',
    '  ]',
    '}',
    'EOF',
    '}',
    'resource "aws_iam_policy" "indented" {',
    '  policy = <<-EOT',
    '    {',
    '      "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "*" }]',
    '    }',
    '    EOT',
    '}',
    'resource "aws_iam_policy" "interpolated" {',
    '  policy = <<EOF',
    '{ "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": "${var.arn}" }] }',
    'EOF',
    '}',
    'resource "aws_iam_policy" "quoted" {',
    '  policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"',
    '}',
    'variable "arn" {',
    '  default = "arn:aws:s3:::bucket"',
    '}',
    'resource "aws_iam_policy" "structural" {',
    '  policy = <<EOF',
    '{ "Statement": [{ "Effect": "Allow", "Action": "*", "Resource": ${jsonencode([var.arn])} }] }',
    'EOF',
    '}',
    'variable "extra" { default = ["s3:PutObject", "iam:*"] }',
    'resource "aws_iam_policy" "joined" {',
    '  policy = <<EOF',
    '{ "Statement": [{ "Effect": "Allow", "Resource": "*", "Action": [',
    '  "s3:GetObject",',
    '  "${join("\\",\\"", var.extra)}",',
    '  "ec2:DescribeInstances"',
    '] }] }',
    'EOF',
    '}',
    'data "aws_caller_identity" "current" {}',
    'resource "aws_iam_policy" "unknown" {',
    '  policy = <<EOF',
    '{ "Statement": [{ "Effect": "Allow", "Resource": "arn:aws:s3:::${data.aws_caller_identity.current.account_id}-{x}",',
    '  "Action": "*" }] }',
    'EOF',
    '}',
    '',
  ].join('\n');

  it('a member inside the heredoc, key to end of value, and the value alone', async () => {
    const plain = byName(await loadClean({ 'main.tf': policies }), 'aws_iam_policy.plain');
    expect(locate(plain, 'policy', 'Statement', 0, 'Resource')).toEqual(span(policies, '"Resource": "*"', '"Resource": "*"'));
    expect(plain.document.sourceMap.locateValue([...plain.basePath, 'policy', 'Statement', 0, 'Resource'])).toEqual(span(policies, '"*" }', '"*"'));
    // A path that goes on past what the JSON holds: its nearest ancestor, and no value.
    expect(locate(plain, 'policy', 'Statement', 0, 'Condition')).toEqual(span(policies, '{ "Effect"', '}'));
    expect(plain.document.sourceMap.locateValue([...plain.basePath, 'policy', 'Statement', 0, 'Condition'])).toBeUndefined();
  });

  it('an indented heredoc (<<-) too', async () => {
    const indented = byName(await loadClean({ 'main.tf': policies }), 'aws_iam_policy.indented');
    expect(locate(indented, 'policy', 'Statement', 0, 'Action')).toEqual(span(policies, '"Action": "*"', '"Action": "*"'));
  });

  it('a heredoc that interpolates inside JSON strings, known or unknown values, keeps the positions of its text', async () => {
    const result = await loadClean({ 'main.tf': policies });
    expect(locate(byName(result, 'aws_iam_policy.interpolated'), 'policy', 'Statement', 0, 'Action')).toEqual(span(policies, '"Action": "*", "Resource": "${var.arn}"', '"Action": "*"'));
    const unknown = byName(result, 'aws_iam_policy.unknown');
    expect(locate(unknown, 'policy', 'Statement', 0, 'Action')).toEqual(span(policies, '"Action": "*" }] }', '"Action": "*"'));
  });

  it('a heredoc whose interpolation writes JSON structure, or a quoted string, stops at the attribute', async () => {
    const result = await loadClean({ 'main.tf': policies });
    // join() writes two list items where the text has one: the text does not say where the fourth action is.
    const joined = byName(result, 'aws_iam_policy.joined');
    expect(locate(joined, 'policy', 'Statement', 0, 'Action', 2)).toEqual(span(policies, 'policy = <<EOF\n{ "Statement": [{ "Effect": "Allow", "Resource": "*", "Action": [', '\nEOF'));
    expect(locate(byName(result, 'aws_iam_policy.structural'), 'policy', 'Statement', 0, 'Action')).toEqual(at(29, 3, 31, 4));
    expect(locate(byName(result, 'aws_iam_policy.quoted'), 'policy', 'Statement', 0, 'Action')).toEqual(span(policies, 'policy = "{', '}]}"'));
  });
});
