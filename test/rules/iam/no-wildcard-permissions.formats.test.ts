import rule from '../../../src/rules/iam/no-wildcard-permissions.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: a later override document replaces an earlier one\'s statement of the same sid',
      filename: 'main.tf',
      code: `data "aws_iam_policy_document" "p" {
  override_policy_documents = [
    jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "X", Effect = "Allow", Action = "s3:*", Resource = "*" }] }),
    jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "X", Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] }),
  ]
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.p.json
}
`,
    },
    {
      name: 'Terraform: scoped actions; actions without resource-level permissions on "*"',
      filename: 'main.tf',
      code: `resource "aws_iam_policy" "p" {
  name = "p"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::a/*" },
      { Effect = "Allow", Action = ["ecr:GetAuthorizationToken", "ec2:DescribeInstances"], Resource = "*" },
      { Effect = "Deny", Action = "*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } },
    ]
  })
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: "*" on "*" in jsonencode, s3:* in a policy document, NotAction',
      filename: 'main.tf',
      code: `resource "aws_iam_policy" "admin" {
  name   = "admin"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:*"]
    resources = ["*"]
  }
  statement {
    not_actions = ["iam:*"]
    resources   = ["*"]
  }
}
resource "aws_iam_role_policy" "d" {
  role   = "r"
  policy = data.aws_iam_policy_document.d.json
}
`,
      errors: [
        { line: 3, message: 'policy Statement[0] allows every action ("*") on every resource' },
        { line: 7, message: 'policy document Statement[0] allows every s3 action ("s3:*") on every resource.' },
        { line: 11, message: 'policy document Statement[1] allows every action except iam:* (NotAction) on every resource.' },
      ],
    },
  ],
});
