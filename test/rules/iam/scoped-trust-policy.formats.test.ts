import rule from '../../../src/rules/iam/scoped-trust-policy.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: ecs-tasks with aws:SourceAccount; IRSA with sub and aud',
      filename: 'main.tf',
      code: `resource "aws_iam_role" "task" {
  name = "task"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = "123456789012" } }
    }]
  })
}
resource "aws_iam_role" "irsa" {
  name = "irsa"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub" = "system:serviceaccount:web:app"
          "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: ecs-tasks without a source condition; IRSA with a wildcard subject and no aud',
      filename: 'main.tf',
      code: `resource "aws_iam_role" "task" {
  name = "task"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
resource "aws_iam_role" "irsa" {
  name = "irsa"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringLike = { "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub" = "system:serviceaccount:web:*" }
      }
    }]
  })
}
`,
      errors: [
        { line: 7, message: 'assume_role_policy trusts ecs-tasks.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition (confused deputy).' },
        { line: 18, message: 'assume_role_policy trusts the OIDC provider oidc.eks.us-east-1.amazonaws.com/id/ABC without an ":aud" condition (expected "sts.amazonaws.com").' },
        { line: 21, message: 'assume_role_policy accepts a wildcard subject ("system:serviceaccount:web:*") from oidc.eks.us-east-1.amazonaws.com/id/ABC' },
      ],
    },
  ],
});
