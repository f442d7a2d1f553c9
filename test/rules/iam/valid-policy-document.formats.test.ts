import rule from '../../../src/rules/iam/valid-policy-document.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: jsonencode, heredoc JSON and a policy document',
      filename: 'main.tf',
      code: `resource "aws_iam_policy" "a" {
  name   = "a"
  policy = jsonencode({ Version = "2012-10-17", Statement = { Effect = "Allow", Action = "s3:GetObject", Resource = "*" } })
}
resource "aws_iam_policy" "b" {
  name   = "b"
  policy = <<EOT
{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*"}]}
EOT
}
data "aws_iam_policy_document" "c" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "c" {
  role   = "r"
  policy = data.aws_iam_policy_document.c.json
}
`,
    },
  ],
  invalid: [
    {
      // The provider refuses such a document ("Found duplicate sid"); the first statement is not dropped.
      name: 'Terraform: a policy document whose own statements share a sid',
      filename: 'main.tf',
      code: `data "aws_iam_policy_document" "p" {
  statement {
    sid       = "1"
    actions   = ["*"]
    resources = ["*"]
  }
  statement {
    sid       = "1"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
}
`,
      errors: [{ line: 8, message: 'Sid "1" is used twice' }],
    },
    {
      name: 'Terraform: two own statements share a source statement\'s sid: the first replaces it, the second stays (and is reported)',
      filename: 'main.tf',
      code: `data "aws_iam_policy_document" "p" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = [{ Sid = "X", Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:us-east-1:123456789012:q" }] })]
  statement {
    sid       = "X"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
  statement {
    sid       = "X"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
}
`,
      errors: [{ line: 9, message: 'Sid "X" is used twice' }],
    },
    {
      name: 'Terraform: a string Statement in heredoc JSON, a policy that is not JSON, a bad Effect in jsonencode',
      filename: 'main.tf',
      code: `resource "aws_iam_role_policy" "broken" {
  role   = "node"
  policy = <<EOT
{
  "Version": "2012-10-17",
  "Statement": "Allow everything"
}
EOT
}
resource "aws_iam_policy" "notjson" {
  name   = "notjson"
  policy = "not json at all"
}
resource "aws_iam_policy" "effect" {
  name = "effect"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Permit", Action = "s3:GetObject", Resource = "*" }]
  })
}
`,
      errors: [
        { line: 6, message: 'policy: Statement must be an object or a list of objects, not a string.' },
        { line: 12, message: 'policy is a string that is not valid JSON.' },
        { line: 18, message: 'policy: Statement[0] must have Effect "Allow" or "Deny".' },
      ],
    },
    {
      name: 'CloudFormation JSON: a single-object Statement with Action and NotAction and a bad Effect',
      filename: 'template.json',
      code: JSON.stringify(
        {
          AWSTemplateFormatVersion: '2010-09-09',
          Resources: {
            Role: {
              Type: 'AWS::IAM::Role',
              Properties: {
                AssumeRolePolicyDocument: {
                  Statement: [
                    {
                      Effect: 'Allow',
                      Principal: { Service: 'ecs-tasks.amazonaws.com' },
                      Action: 'sts:AssumeRole',
                    },
                  ],
                },
                Policies: [
                  {
                    PolicyName: 'p',
                    PolicyDocument: {
                      Statement: { Effect: 'Permit', Action: 's3:GetObject', NotAction: 's3:PutObject', Resource: '*' },
                    },
                  },
                ],
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 22, message: 'Policies[0] "p": Statement has both Action and NotAction.' },
        { line: 23, message: 'Policies[0] "p": Statement must have Effect "Allow" or "Deny".' },
      ],
    },
  ],
});
