import { describe, expect, it } from 'vitest';
import type { JsonValue, NodePath } from '../../../src/model/types.js';
import { isUnknown } from '../../../src/util/unknown.js';
import { at, byName, load, loadClean, locate, names, where } from './helpers.js';

/** Terraform JSON syntax (`*.tf.json`, `*.tfvars.json`): https://developer.hashicorp.com/terraform/language/syntax/json */

const json = (value: unknown): string => JSON.stringify(value, null, 2);

interface ValueCase {
  name: string;
  files: Record<string, string>;
  resource: string;
  path: NodePath;
  /** Expected value; `'<unknown>'` for an unknown marker. */
  expected: JsonValue | '<unknown>';
  /** Text whose first occurrence (in `in`, default main.tf.json) the located range starts at. */
  line?: string;
  in?: string;
}

const cases: ValueCase[] = [
  {
    name: 'resource -> type -> name -> body; literals as written (an argument set to null is omitted)',
    files: { 'main.tf.json': json({ resource: { aws_ecs_cluster: { main: { name: 'prod', capacity_providers: ['FARGATE'], count_limit: 3, enabled: true, x: null } } } }) },
    resource: 'aws_ecs_cluster.main',
    path: [],
    expected: { name: 'prod', capacity_providers: ['FARGATE'], count_limit: 3, enabled: true },
    line: '"main"',
  },
  {
    name: 'a string holding one interpolation is the value itself (not a string)',
    files: { 'main.tf.json': json({ locals: { ports: [80, 443] }, resource: { aws_lb_listener: { web: { ports: '${local.ports}' } } } }) },
    resource: 'aws_lb_listener.web',
    path: ['ports'],
    expected: [80, 443],
    line: '"ports": "${local.ports}"',
  },
  {
    name: 'templates with text are strings; $${ is a literal ${',
    files: { 'main.tf.json': json({ variable: { env: { default: 'prod' } }, resource: { aws_s3_bucket: { logs: { bucket: 'logs-${var.env}', note: 'a $${literal}' } } } }) },
    resource: 'aws_s3_bucket.logs',
    path: [],
    expected: { bucket: 'logs-prod', note: 'a ${literal}' },
  },
  {
    name: 'template directives',
    files: { 'main.tf.json': json({ resource: { aws_s3_bucket: { logs: { bucket: '%{ if true }on%{ else }off%{ endif }' } } } }) },
    resource: 'aws_s3_bucket.logs',
    path: ['bucket'],
    expected: 'on',
  },
  {
    name: '"//" comments in block bodies and at the root are ignored; in an expression object they are keys',
    files: { 'main.tf.json': json({ '//': 'generated', resource: { aws_s3_bucket: { logs: { '//': 'a comment', bucket: 'b', tags: { '//': 'kept' } } } } }) },
    resource: 'aws_s3_bucket.logs',
    path: [],
    expected: { bucket: 'b', tags: { '//': 'kept' } },
  },
  {
    name: 'nested blocks: an object, or an array of objects, become arrays of objects',
    files: {
      'main.tf.json': json({
        resource: {
          aws_security_group: {
            web: {
              ingress: [
                { from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] },
                { from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'] },
              ],
              egress: { from_port: 0, to_port: 0, protocol: '-1' },
            },
          },
        },
      }),
    },
    resource: 'aws_security_group.web',
    path: [],
    expected: {
      ingress: [
        { from_port: 22, to_port: 22, cidr_blocks: ['0.0.0.0/0'] },
        { from_port: 443, to_port: 443, cidr_blocks: ['10.0.0.0/8'] },
      ],
      egress: [{ from_port: 0, to_port: 0, protocol: '-1' }],
    },
  },
  {
    name: 'a nested block element is located at its object',
    files: {
      'main.tf.json': json({ resource: { aws_security_group: { web: { ingress: [{ from_port: 22 }, { from_port: 443, cidr_blocks: ['0.0.0.0/0'] }] } } } }),
    },
    resource: 'aws_security_group.web',
    path: ['ingress', 1, 'cidr_blocks', 0],
    expected: '0.0.0.0/0',
    line: '"0.0.0.0/0"',
  },
  {
    name: 'map arguments (tags, keys that are not snake_case) stay maps',
    files: { 'main.tf.json': json({ resource: { aws_ecs_service: { api: { tags: { team: 'a' }, annotations_map: { 'app.kubernetes.io/name': 'x' } } } } }) },
    resource: 'aws_ecs_service.api',
    path: [],
    expected: { tags: { team: 'a' }, annotations_map: { 'app.kubernetes.io/name': 'x' } },
  },
  {
    name: 'jsonencode inside a template: the policy is read structurally, positions inside the JSON string',
    files: {
      'main.tf.json': json({
        resource: { aws_iam_policy: { admin: { policy: '${jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })}' } } },
      }),
    },
    resource: 'aws_iam_policy.admin',
    path: ['policy', 'Statement', 0, 'Action'],
    expected: '*',
    line: 'Action = \\"*\\"',
  },
  {
    name: 'escaped quotes inside an interpolation keep exact columns',
    files: { 'main.tf.json': '{"resource": {"aws_iam_role": {"r": {"policy": "${jsonencode({\\"Version\\" = \\"2012-10-17\\"})}"}}}}' },
    resource: 'aws_iam_role.r',
    path: ['policy', 'Version'],
    expected: '2012-10-17',
    line: '\\"Version\\"',
  },
  {
    name: 'references stay unknown and are listed',
    files: { 'main.tf.json': json({ resource: { aws_iam_role: { task: { name: 't' } }, aws_ecs_task_definition: { app: { task_role_arn: '${aws_iam_role.task.arn}' } } } }) },
    resource: 'aws_ecs_task_definition.app',
    path: ['task_role_arn'],
    expected: '<unknown>',
  },
  {
    name: 'count and for_each are expressions; meta-arguments are left out of the body',
    files: {
      'main.tf.json': json({ resource: { aws_s3_bucket: { b: { for_each: '${toset(["a", "b"])}', bucket: 'x-${each.key}', provider: 'aws.west', depends_on: ['aws_s3_bucket.c'] }, c: { bucket: 'c' } } } }),
    },
    resource: 'aws_s3_bucket.b["b"]',
    path: [],
    expected: { bucket: 'x-b' },
  },
  {
    name: 'variable: type is a type expression, default literal (no template); module inputs are converted',
    files: {
      'main.tf.json': json({ module: { app: { source: './app', sizes: { a: '1' } } } }),
      'app/variables.tf.json': json({ variable: { sizes: { type: 'map(number)' }, label: { default: '${not_a_template}' } } }),
      'app/main.tf.json': json({ resource: { aws_ecs_service: { svc: { sizes: '${var.sizes}', label: '${var.label}' } } } }),
    },
    resource: 'module.app.aws_ecs_service.svc',
    path: [],
    expected: { sizes: { a: 1 }, label: '${not_a_template}' },
  },
  {
    name: 'several blocks of one label level as an array; provider blocks are not resources',
    files: { 'main.tf.json': json({ provider: { aws: [{ region: 'us-east-1' }, { alias: 'west', region: 'us-west-2' }] }, resource: [{ aws_sqs_queue: { a: { name: 'a' } } }, { aws_sqs_queue: { b: { name: 'b' } } }] }) },
    resource: 'aws_sqs_queue.b',
    path: ['name'],
    expected: 'b',
    line: '"name": "b"',
  },
  {
    name: 'dynamic blocks',
    files: {
      'main.tf.json': json({
        locals: { ports: [80, 443] },
        resource: { aws_security_group: { web: { dynamic: { ingress: { for_each: '${local.ports}', content: { from_port: '${ingress.value}' } } } } } },
      }),
    },
    resource: 'aws_security_group.web',
    path: ['ingress'],
    expected: [{ from_port: 80 }, { from_port: 443 }],
  },
  {
    name: 'data sources and outputs',
    files: {
      'main.tf.json': json({
        data: { aws_iam_policy_document: { assume: { statement: { actions: ['sts:AssumeRole'], principals: { type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] } } } } },
        output: { arn: { value: '${data.aws_iam_policy_document.assume.json}', description: '${literal}' } },
      }),
    },
    resource: 'data.aws_iam_policy_document.assume',
    path: ['statement', 0, 'principals', 0, 'identifiers'],
    expected: ['ecs-tasks.amazonaws.com'],
  },
  {
    name: '.tfvars.json values reach the root module',
    files: {
      'main.tf': 'variable "name" {}\nresource "aws_ecr_repository" "r" {\n  name = var.name\n}\n',
      'terraform.tfvars.json': json({ name: 'images' }),
    },
    resource: 'aws_ecr_repository.r',
    path: ['name'],
    expected: 'images',
    line: 'name = var.name',
    in: 'main.tf',
  },
  {
    name: 'JSON and native files form one module',
    files: {
      'main.tf': 'resource "aws_ecs_cluster" "c" {\n  name = local.cluster\n}\n',
      'locals.tf.json': json({ locals: { cluster: 'from-json' } }),
    },
    resource: 'aws_ecs_cluster.c',
    path: ['name'],
    expected: 'from-json',
    line: 'name = local.cluster',
    in: 'main.tf',
  },
];

describe('Terraform JSON syntax', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const result = await loadClean(testCase.files);
      const resource = byName(result, testCase.resource);
      const value = at(resource, ...testCase.path);
      if (testCase.expected === '<unknown>') expect(isUnknown(value)).toBe(true);
      else expect(value).toEqual(testCase.expected);
      if (testCase.line !== undefined) {
        const file = testCase.in ?? 'main.tf.json';
        const text = testCase.files[file] ?? '';
        const expected = where(text, testCase.line);
        const range = locate(resource, ...testCase.path);
        expect(resource.document.file.path).toBe(file);
        expect({ line: range.startLine, column: range.startColumn }).toEqual(expected);
      }
    });
  }

  it('references are listed with their paths, as for native files', async () => {
    const result = await loadClean({
      'main.tf.json': json({ resource: { aws_iam_role: { task: { name: 't' } }, aws_ecs_task_definition: { app: { task_role_arn: 'arn:${aws_iam_role.task.arn}', depends_on: ['aws_iam_role.task'] } } } }),
    });
    expect(byName(result, 'aws_ecs_task_definition.app').references).toEqual([
      { path: ['task_role_arn'], address: 'aws_iam_role.task', attribute: 'arn' },
      { path: ['depends_on'], address: 'aws_iam_role.task' },
    ]);
  });

  const broken: Array<{ name: string; text: string; line: number; message: RegExp }> = [
    { name: 'JSON syntax error', text: '{\n  "resource": {\n    "aws_s3_bucket": {,\n  }\n}', line: 3, message: /JSON syntax error/ },
    { name: 'a label level that is not an object', text: '{\n  "resource": {\n    "aws_s3_bucket": "x"\n  }\n}', line: 3, message: /"resource" must be given as an object/ },
    { name: 'a broken template', text: '{\n  "resource": {"aws_s3_bucket": {"b": {\n    "bucket": "${var.x"\n  }}}\n}', line: 3, message: /invalid string template/ },
    { name: 'not an object', text: '[1, 2]', line: 1, message: /must hold one object/ },
    { name: 'nesting deeper than the parsers allow', text: `{\n  "locals": {"x": ${'['.repeat(1001)}${']'.repeat(1001)}}\n}`, line: 1, message: /JSON nested deeper than 1000 levels: not parsed/ },
  ];
  for (const testCase of broken) {
    it(`error with line: ${testCase.name}`, async () => {
      const result = await load({ 'main.tf.json': testCase.text, 'ok.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n' });
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.line).toBe(testCase.line);
      expect(result.errors[0]?.message).toMatch(testCase.message);
      // The other files of the scan are still read.
      expect(names(result)).toEqual(['aws_sqs_queue.q']);
    });
  }
});
