import rule from '../../../src/rules/iam/no-passrole-wildcard.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: named roles, or any role limited by iam:PassedToService',
      filename: 'main.tf',
      code: `resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/web-task" },
      {
        Effect    = "Allow"
        Action    = "iam:PassRole"
        Resource  = "*"
        Condition = { StringEquals = { "iam:PassedToService" = "ecs-tasks.amazonaws.com" } }
      },
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:role/\${var.role}" },
      { Effect = "Allow", Action = "iam:PassRole", Resource = aws_iam_role.task.arn },
    ]
  })
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: role/* in jsonencode, iam:Pass* on "*" in a policy document',
      filename: 'main.tf',
      code: `resource "aws_iam_policy" "ci" {
  name = "ci"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Pass", Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/*" },
    ]
  })
}
data "aws_iam_policy_document" "ops" {
  statement {
    sid       = "PassAny"
    actions   = ["iam:Pass*"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "ops" {
  role   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}
`,
      errors: [
        { line: 6, message: 'policy statement "Pass" allows iam:PassRole on every role ("arn:aws:iam::123456789012:role/*") without an iam:PassedToService condition.' },
        { line: 14, message: 'policy document statement "PassAny" allows iam:Pass* on every role ("*") without an iam:PassedToService condition.' },
      ],
    },
    {
      name: 'Terraform: role/* of the caller account (jsonencode and policy document)',
      filename: 'main.tf',
      code: `data "aws_caller_identity" "current" {}
resource "aws_iam_policy" "ci" {
  name = "ci"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:role/*" },
    ]
  })
}
data "aws_iam_policy_document" "ops" {
  statement {
    actions = ["iam:PassRole"]
    resources = [
      "arn:aws:iam::123456789012:role/web",
      "arn:\${data.aws_partition.current.partition}:iam::\${var.account_id}:role/*",
    ]
  }
}
resource "aws_iam_role_policy" "ops" {
  role   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}
`,
      errors: [
        { line: 7, message: 'policy Statement[0] allows iam:PassRole on every role ("arn:aws:iam::\${data.aws_caller_identity.current.account_id}:role/*") without an iam:PassedToService condition.' },
        { line: 16, message: 'policy document Statement[0] allows iam:PassRole on every role ("arn:\${data.aws_partition.current.partition}:iam::\${var.account_id}:role/*")' },
      ],
    },
    {
      name: 'CloudFormation JSON: iam:PassRole on every role of the account, and NotResource',
      filename: 'template.json',
      code: JSON.stringify(
        {
          AWSTemplateFormatVersion: '2010-09-09',
          Resources: {
            Ci: {
              Type: 'AWS::IAM::ManagedPolicy',
              Properties: {
                PolicyDocument: {
                  Version: '2012-10-17',
                  Statement: [
                    {
                      Sid: 'Pass',
                      Effect: 'Allow',
                      Action: 'iam:PassRole',
                      Resource: 'arn:aws:iam::123456789012:role/*',
                    },
                    {
                      Sid: 'PassAllBut',
                      Effect: 'Allow',
                      Action: 'iam:PassRole',
                      NotResource: 'arn:aws:iam::123456789012:role/admin',
                    },
                  ],
                },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 14, message: 'PolicyDocument statement "Pass" allows iam:PassRole on every role ("arn:aws:iam::123456789012:role/*") without an iam:PassedToService condition.' },
        { line: 20, message: 'PolicyDocument statement "PassAllBut" allows iam:PassRole on every role but those in NotResource without an iam:PassedToService condition.' },
      ],
    },
  ],
});
