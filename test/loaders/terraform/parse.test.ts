import { describe, expect, it } from 'vitest';
import { at, byName, hcl, load, loadClean, names } from './helpers.js';

describe('Terraform parsing', () => {
  it('reads blocks with labels, attributes, nested blocks and comments', async () => {
    const result = await loadClean({
      'main.tf': hcl`
        # comment
        // another
        /* block
           comment */
        resource "aws_s3_bucket" "logs" {
          bucket = "logs" # trailing
          versioning {
            enabled = true
          }
          lifecycle {
            prevent_destroy = true
          }
          count = 1
        }
        terraform {
          required_version = ">= 1.5"
        }
        provider "aws" {
          region = "eu-west-1"
        }
        moved {
          from = aws_s3_bucket.old
          to   = aws_s3_bucket.logs
        }
      `,
    });
    expect(names(result)).toEqual(['aws_s3_bucket.logs[0]']);
    // Meta-arguments (count, lifecycle) are not attributes of the resource.
    expect(byName(result, 'aws_s3_bucket.logs[0]').body).toEqual({ bucket: 'logs', versioning: [{ enabled: true }] });
  });

  it('handles CRLF line endings and a byte-order mark', async () => {
    const result = await loadClean({ 'main.tf': '\ufeffresource "x" "y" {\r\n  a = "b"\r\n  n = 1\r\n}\r\n' });
    expect(byName(result, 'x.y').body).toEqual({ a: 'b', n: 1 });
  });

  it('reads operators without parentheses, nested conditionals and for expressions', async () => {
    const result = await loadClean({
      'main.tf': hcl`
        locals {
          list = [1, 2, 3]
        }
        resource "x" "y" {
          a = 1 + 2 == 3 && !false || false
          b = true ? false ? "a" : "b" : "c"
          c = { for i, v in local.list : "k\${i}" => v if v != 2 }
          d = [for v in local.list : { value = v }][1].value
          e = { "quoted key" = 1, (local.list[0] == 1 ? "computed" : "other") = 2, plain = 3 }
        }
      `,
    });
    expect(byName(result, 'x.y').body).toEqual({ a: true, b: 'b', c: { k0: 1, k2: 3 }, d: 2, e: { 'quoted key': 1, computed: 2, plain: 3 } });
  });

  const malformed: Array<{ name: string; code: string; line: number; message: RegExp }> = [
    { name: 'an attribute without a value', code: 'resource "x" "y" {\n  a = \n}\n', line: 2, message: /"a =" has no value/ },
    { name: 'an unclosed block', code: 'resource "x" "y" {\n  a = 1\n', line: 3, message: /missing '}' \(to close the block opened on line 1\)/ },
    { name: 'an extra closing brace', code: 'resource "x" "y" {\n  a = 1\n}\n}\n', line: 4, message: /unexpected "}"/ },
    { name: 'an unclosed list', code: 'variable "a" {\n  default = [1, 2\n}\n', line: 3, message: /missing '\]' \(to close the list opened on line 2\)/ },
    { name: 'an unterminated string', code: 'locals {\n  a = "unterminated\n  b = 2\n}\n', line: 2, message: /unterminated string/ },
    { name: 'a string over two lines', code: 'resource "x" "y" {\n  a = 1\n  b = "x\n  c = 2\n}\n', line: 3, message: /unterminated string/ },
    { name: 'a dangling operator', code: 'resource "x" "y" {\n  a = 1 +\n}\n', line: 2, message: /unexpected "\+"/ },
    { name: 'a doubled comma', code: 'resource "x" "y" {\n  a = 1\n  b = f(1,,2)\n}\n', line: 3, message: /unexpected ","/ },
    { name: 'an unclosed interpolation', code: 'resource "x" "y" {\n  a = "${foo"\n}\n', line: 2, message: /HCL syntax error/ },
    { name: 'binary content', code: '\u0000\u0001\u0002binary', line: 1, message: /HCL syntax error/ },
  ];
  for (const testCase of malformed) {
    it(`reports ${testCase.name} with its line, and loads the other files`, async () => {
      const result = await load({
        'bad.tf': testCase.code,
        'good.tf': 'resource "aws_s3_bucket" "ok" {\n  bucket = "ok"\n}\n',
        'other/main.tf': 'resource "aws_s3_bucket" "elsewhere" {}\n',
      });
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ path: 'bad.tf', line: testCase.line });
      expect(result.errors[0]?.message).toMatch(testCase.message);
      expect(result.errors[0]?.message).toMatch(new RegExp(`\\(line ${testCase.line}, column \\d+\\)$`));
      expect(names(result)).toEqual(['aws_s3_bucket.ok', 'aws_s3_bucket.elsewhere']);
      expect(result.documents.map((document) => document.file.path)).not.toContain('bad.tf');
    });
  }

  it('expressions nested too deeply give an error, not a crash', async () => {
    const result = await load({ 'deep.tf': `locals {\n  a = ${'['.repeat(5000)}1${']'.repeat(5000)}\n}\n`, 'ok.tf': 'resource "x" "y" {}\n' });
    expect(result.errors).toEqual([{ path: 'deep.tf', message: 'HCL could not be read: expressions nested too deeply' }]);
    expect(names(result)).toEqual(['x.y']);
  });

  it('references into a file that did not parse are not reported as undeclared', async () => {
    const result = await load({
      'bad.tf': 'resource "aws_iam_role" "r" {\n  name = \n}\nvariable "v" {}\n',
      'main.tf': 'resource "x" "y" {\n  role = aws_iam_role.r.arn\n  v = var.v\n}\n',
    });
    expect(result.errors.map((error) => error.path)).toEqual(['bad.tf']);
    expect(at(byName(result, 'x.y'), 'role')).toEqual({ $unknown: 'aws_iam_role.r.arn' });
    expect(at(byName(result, 'x.y'), 'v')).toEqual({ $unknown: 'var.v' });
  });

  it('ignores files that are not Terraform, and loads nothing without Terraform files', async () => {
    const empty = await load({ 'a.yaml': 'kind: Pod\n', 'b.json': '{}' });
    expect(empty).toMatchObject({ documents: [], resources: [], errors: [] });
  });

  it('serves file() from the files of the scan', async () => {
    const result = await loadClean({
      'main.tf': 'resource "aws_iam_policy" "p" {\n  policy = file("${path.module}/policy.json")\n  decoded = jsondecode(file("./policy.json")).Version\n  missing = file("nope.json")\n}\n',
      'policy.json': '{"Version": "2012-10-17"}',
    });
    const policy = byName(result, 'aws_iam_policy.p');
    expect(at(policy, 'policy')).toBe('{"Version": "2012-10-17"}');
    expect(at(policy, 'decoded')).toBe('2012-10-17');
    expect(at(policy, 'missing')).toEqual({ $unknown: 'file("nope.json")' });
  });
});
