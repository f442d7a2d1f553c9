import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../src/engine/engine.js';
import { DEFAULT_SETTINGS } from '../../../src/engine/settings.js';
import { loadTerraformFiles } from '../../../src/loaders/terraform/index.js';
import { RULE_IDS } from '../../../src/rules/index.js';
import bucketPolicySecureTransport from '../../../src/rules/iam/bucket-policy-secure-transport.js';
import noAdminPolicy from '../../../src/rules/iam/no-admin-policy.js';
import noPublicEcrRepositoryPolicy from '../../../src/rules/iam/no-public-ecr-repository-policy.js';
import noWildcardPermissions from '../../../src/rules/iam/no-wildcard-permissions.js';
import scopedTrustPolicy from '../../../src/rules/iam/scoped-trust-policy.js';
import type { Rule } from '../../../src/rules/rule.js';
import { yaml } from '../../helpers/rule-tester.js';

/** Terraform is not wired into `loadFile` yet: the IAM rules read its resources through the same policy model. */
async function run(rule: Rule, code: string): Promise<string[]> {
  const loaded = await loadTerraformFiles([{ path: 'main.tf', text: code }]);
  expect(loaded.errors).toEqual([]);
  const result = runEngine(loaded.resources, { rules: [rule], settings: { ...DEFAULT_SETTINGS, today: '2026-06-01' }, knownRuleIds: RULE_IDS });
  return result.findings.map((finding) => `${finding.location.startLine} ${finding.resource.name}: ${finding.message}`);
}

describe('IAM rules on Terraform', () => {
  it('no-wildcard-permissions: jsonencode policy and a policy document used as a role policy', async () => {
    const findings = await run(
      noWildcardPermissions,
      yaml`
        resource "aws_iam_policy" "bad" {
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
          })
        }
        data "aws_iam_policy_document" "doc" {
          statement {
            actions   = ["dynamodb:*", "xray:PutTraceSegments"]
            resources = ["*"]
          }
          statement {
            effect    = "Deny"
            actions   = ["dynamodb:DeleteTable"]
            resources = ["*"]
          }
        }
        resource "aws_iam_role_policy" "p" {
          role   = "r"
          policy = data.aws_iam_policy_document.doc.json
        }
      `,
    );
    expect(findings).toEqual([
      '4 aws_iam_policy.bad: policy Statement[0] allows every s3 action ("s3:*") on every resource.',
      '9 data.aws_iam_policy_document.doc: policy document Statement[0] allows every dynamodb action ("dynamodb:*") on every resource.',
    ]);
  });

  it('no-wildcard-permissions: a heredoc policy that interpolates an attribute is read around the interpolation', async () => {
    const findings = await run(
      noWildcardPermissions,
      yaml`
        variable "actions" {}
        resource "aws_s3_bucket" "b" { bucket = "b" }
        resource "aws_iam_policy" "p" {
          policy = <<EOF
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "*", "Resource": "*"},
          {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::\${aws_s3_bucket.b.id}/*"}]}
        EOF
        }
        resource "aws_iam_policy" "spliced" {
          policy = <<EOF
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": \${jsonencode(var.actions)}, "Resource": "*"}]}
        EOF
        }
      `,
    );
    // Located at each statement: the interpolation sits inside a JSON string, so the text keeps the document's shape.
    expect(findings).toEqual([
      '6 aws_iam_policy.p: policy Statement[0] allows every action ("*") on every resource: full administrator access.',
      // The interpolation stays as written: the statement is scoped to that bucket, whatever its name turns out to be.
      expect.stringMatching(/^7 aws_iam_policy\.p: policy Statement\[1\] allows every s3 action \("s3:\*"\) on arn:aws:s3:::\$\{aws_s3_bucket\.b\.id\}\/\*/),
    ]);
  });

  it('no-wildcard-permissions: heredoc and quoted policies with an IAM policy variable ($${aws:username}) are read', async () => {
    const findings = await run(
      noWildcardPermissions,
      yaml`
        resource "aws_iam_policy" "heredoc" {
          policy = <<EOF
        {"Statement": [
          {"Effect": "Allow", "Resource": "arn:aws:s3:::b/$\${aws:username}/*", "Action": "s3:GetObject"},
          {"Effect": "Allow", "Action": "*", "Resource": "*"}]}
        EOF
        }
        resource "aws_iam_policy" "quoted" {
          policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Resource\\": \\"arn:aws:s3:::b/$\${aws:username}/*\\", \\"Action\\": \\"s3:*\\"}]}"
        }
      `,
    );
    expect(findings).toEqual([
      '5 aws_iam_policy.heredoc: policy Statement[1] allows every action ("*") on every resource: full administrator access.',
      expect.stringMatching(/^9 aws_iam_policy\.quoted: policy Statement\[0\] allows every s3 action \("s3:\*"\) on arn:aws:s3:::b\/\$\{aws:username\}\/\*/),
    ]);
  });

  it('no-public-ecr-repository-policy: heredoc JSON and a policy document with principals "*" (Trivy AVD-AWS-0032 shapes)', async () => {
    const findings = await run(
      noPublicEcrRepositoryPolicy,
      yaml`
        data "aws_iam_policy_document" "example" {
          statement {
            sid    = "new policy"
            effect = "Allow"
            principals {
              type        = "*"
              identifiers = ["*"]
            }
            actions = ["ecr:SetRepositoryPolicy"]
          }
        }
        resource "aws_ecr_repository_policy" "example" {
          repository = "bar"
          policy     = data.aws_iam_policy_document.example.json
        }
        resource "aws_ecr_repository_policy" "heredoc" {
          repository = "bar"
          policy     = <<EOF
        {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage"]}]}
        EOF
        }
      `,
    );
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatch(/^7 data\.aws_iam_policy_document\.example: policy document statement "new policy" allows any principal/);
    expect(findings[1]).toMatch(/aws_ecr_repository_policy\.heredoc: policy Statement\[0\] allows any principal \("\*"\) to ecr:BatchGetImage/);
  });

  it('no-admin-policy, scoped-trust-policy and bucket-policy-secure-transport', async () => {
    const code = yaml`
      resource "aws_iam_role" "task" {
        assume_role_policy = jsonencode({
          Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
        })
        managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
      }
      resource "aws_iam_role_policy_attachment" "admin" {
        role       = aws_iam_role.task.name
        policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
      }
      resource "aws_s3_bucket_policy" "b" {
        bucket = "b"
        policy = jsonencode({
          Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }]
        })
      }
    `;
    expect(await run(noAdminPolicy, code)).toEqual(['9 aws_iam_role_policy_attachment.admin: The role has the AWS managed policy AdministratorAccess: administrator-level access to the account.']);
    expect(await run(scopedTrustPolicy, code)).toEqual([
      '3 aws_iam_role.task: assume_role_policy Statement[0] trusts ecs-tasks.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition (confused deputy).',
    ]);
    expect(await run(bucketPolicySecureTransport, code)).toEqual(['13 aws_s3_bucket_policy.b: The bucket policy has no Deny for requests with aws:SecureTransport false: the bucket accepts plain HTTP.']);
  });
});
