import rule from '../../../src/rules/iam/duplicate-statements.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: distinct statements in jsonencode and in a policy document',
      filename: 'main.tf',
      code: `resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::a/*" },
      { Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" },
    ]
  })
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:us-east-1:123456789012:q"]
  }
  statement {
    actions   = ["sqs:ReceiveMessage"]
    resources = ["arn:aws:sqs:us-east-1:123456789012:q"]
  }
}
resource "aws_iam_role_policy" "d" {
  role   = "r"
  policy = data.aws_iam_policy_document.d.json
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: a duplicate, statements that never apply (jsonencode and policy document)',
      filename: 'main.tf',
      code: `resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Read", Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::a/*" },
      { Sid = "ReadAgain", Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::a/*" },
      { Effect = "Allow", Action = [], Resource = "*" },
    ]
  })
}
data "aws_iam_policy_document" "d" {
  statement {
    not_actions = ["*"]
    resources   = ["*"]
  }
}
resource "aws_iam_role_policy" "d" {
  role   = "r"
  policy = data.aws_iam_policy_document.d.json
}
`,
      errors: [
        { line: 7, message: 'policy statement "ReadAgain" duplicates statement "Read".' },
        { line: 8, message: 'policy Statement[2] can never apply' },
        { line: 13, message: 'policy document Statement[0] can never apply' },
      ],
    },
    {
      name: 'CloudFormation JSON: a statement shadowed by a wildcard, and NotAction "*"',
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
                    { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' },
                    { Sid: 'ReadAll', Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::a/*' },
                    { Sid: 'Never', Effect: 'Allow', NotAction: '*', Resource: '*' },
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
        { line: 10, message: 'PolicyDocument statement "Read" is redundant' },
        { line: 22, message: 'PolicyDocument statement "Never" can never apply' },
      ],
    },
  ],
});
