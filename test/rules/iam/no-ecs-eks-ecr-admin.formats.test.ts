import rule from '../../../src/rules/iam/no-ecs-eks-ecr-admin.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: scoped ECS and ECR permissions; ecr:GetAuthorizationToken on "*"',
      filename: 'main.tf',
      code: `resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["ecs:UpdateService", "ecs:DescribeServices"], Resource = "arn:aws:ecs:us-east-1:123456789012:service/prod/web" },
      { Effect = "Allow", Action = "ecr:GetAuthorizationToken", Resource = "*" },
      { Effect = "Allow", Action = "ecr:*", Resource = "arn:aws:ecr:us-east-1:123456789012:repository/web" },
    ]
  })
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: ecs:* in jsonencode, eks:* in a policy document used by a role policy',
      filename: 'main.tf',
      code: `resource "aws_iam_policy" "ci" {
  name = "ci"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "Deploy", Effect = "Allow", Action = ["ecs:*", "ecr:GetAuthorizationToken"], Resource = "*" },
    ]
  })
}
data "aws_iam_policy_document" "ops" {
  statement {
    sid       = "Clusters"
    actions   = ["eks:*"]
    resources = ["*"]
  }
}
resource "aws_iam_role_policy" "ops" {
  role   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}
`,
      errors: [
        { line: 6, message: 'policy statement "Deploy" allows every ECS action ("ecs:*") on every resource.' },
        { line: 13, message: 'policy document statement "Clusters" allows every EKS action ("eks:*") on every resource.' },
      ],
    },
    {
      name: 'Terraform: every repository and every ECS resource of the caller account',
      filename: 'main.tf',
      code: `data "aws_caller_identity" "current" {}
resource "aws_iam_policy" "ci" {
  name = "ci"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "ecr:*", Resource = "arn:aws:ecr:*:\${data.aws_caller_identity.current.account_id}:repository/*" },
      { Effect = "Allow", Action = "ecr:*", Resource = "arn:aws:ecr:*:\${data.aws_caller_identity.current.account_id}:repository/\${var.repo}" },
    ]
  })
}
data "aws_iam_policy_document" "ops" {
  statement {
    actions   = ["ecs:*"]
    resources = ["arn:aws:ecs:us-east-1:\${var.account_id}:*"]
  }
}
resource "aws_iam_role_policy" "ops" {
  role   = "ops"
  policy = data.aws_iam_policy_document.ops.json
}
`,
      errors: [
        { line: 7, message: 'policy Statement[0] allows every ECR action ("ecr:*") on every ECR resource of the account ("arn:aws:ecr:*:\${data.aws_caller_identity.current.account_id}:repository/*").' },
        { line: 14, message: 'policy document Statement[0] allows every ECS action ("ecs:*") on every ECS resource of the account ("arn:aws:ecs:us-east-1:\${var.account_id}:*").' },
      ],
    },
    {
      name: 'CloudFormation JSON: ecs:* on every ECS resource of the account (Fn::Join)',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Ci: {
              Type: 'AWS::IAM::ManagedPolicy',
              Properties: {
                PolicyDocument: {
                  Statement: [{ Effect: 'Allow', Action: 'ecs:*', Resource: { 'Fn::Join': [':', ['arn:aws:ecs', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, '*']] } }],
                },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 10, message: 'PolicyDocument Statement[0] allows every ECS action ("ecs:*") on every ECS resource of the account ("arn:aws:ecs:${AWS::Region}:${AWS::AccountId}:*").' }],
    },
    {
      name: 'CloudFormation JSON: ecr:* on every resource',
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
                  Statement: [{ Sid: 'Images', Effect: 'Allow', Action: ['ecr:*'], Resource: '*' }],
                },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 14, message: 'PolicyDocument statement "Images" allows every ECR action ("ecr:*") on every resource.' },
      ],
    },
  ],
});
