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
    {
      name: 'Terraform: IRSA by reference to aws_iam_openid_connect_provider with sub and aud (any key: URL unresolved); variables unknown',
      filename: 'main.tf',
      code: `resource "aws_iam_openid_connect_provider" "eks" {
  url            = aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list = ["sts.amazonaws.com"]
}
locals {
  issuer = replace(aws_iam_openid_connect_provider.eks.url, "https://", "")
}
resource "aws_iam_role" "irsa" {
  name = "irsa"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "\${local.issuer}:sub" = "system:serviceaccount:web:app"
          "\${local.issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }, {
      Effect    = "Allow"
      Principal = { Federated = var.provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
    }, {
      Effect    = "Allow"
      Principal = { Federated = module.eks.cluster_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
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
        { line: 7, message: 'assume_role_policy Statement[0] trusts ecs-tasks.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition (confused deputy).' },
        { line: 18, message: 'assume_role_policy Statement[0] trusts the OIDC provider oidc.eks.us-east-1.amazonaws.com/id/ABC without an ":aud" condition (expected "sts.amazonaws.com").' },
        { line: 21, message: 'assume_role_policy Statement[0] accepts a wildcard subject ("system:serviceaccount:web:*") from oidc.eks.us-east-1.amazonaws.com/id/ABC' },
      ],
    },
    {
      name: 'Terraform: IRSA by reference to the provider resource, its data source, a module output, a built ARN',
      filename: 'main.tf',
      code: `resource "aws_iam_openid_connect_provider" "eks" {
  url            = aws_eks_cluster.this.identity[0].oidc[0].issuer
  client_id_list = ["sts.amazonaws.com"]
}
data "aws_iam_openid_connect_provider" "shared" {
  url = "https://oidc.eks.us-east-1.amazonaws.com/id/SHARED"
}
data "aws_caller_identity" "current" {}
resource "aws_iam_role" "irsa" {
  name = "irsa"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
    }, {
      Effect    = "Allow"
      Principal = { Federated = data.aws_iam_openid_connect_provider.shared.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = { "oidc.eks.us-east-1.amazonaws.com/id/SHARED:aud" = "sts.amazonaws.com" } }
    }, {
      Effect    = "Allow"
      Principal = { Federated = module.eks.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
    }, {
      Effect    = "Allow"
      Principal = { Federated = module.eks.oidc_provider_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = { StringEquals = { "\${module.eks.oidc_provider}:sub" = "system:serviceaccount:web:app" } }
    }]
  })
}
data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:oidc-provider/\${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}"]
    }
    condition {
      test     = "StringLike"
      variable = "\${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:sub"
      values   = ["system:serviceaccount:*"]
    }
    condition {
      test     = "StringEquals"
      variable = "\${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "built" {
  name               = "built"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
`,
      errors: [
        { line: 15, message: 'assume_role_policy Statement[0] trusts the OIDC provider aws_iam_openid_connect_provider.eks without a ":sub" condition' },
        { line: 15, message: 'assume_role_policy Statement[0] trusts the OIDC provider aws_iam_openid_connect_provider.eks without an ":aud" condition' },
        { line: 19, message: 'assume_role_policy Statement[1] trusts the OIDC provider oidc.eks.us-east-1.amazonaws.com/id/SHARED without a ":sub" condition: any identity of the provider (every service account of the cluster) can assume the role.' },
        { line: 24, message: 'assume_role_policy Statement[2] trusts the OIDC provider module.eks.oidc_provider_arn without a ":sub" condition' },
        { line: 24, message: 'assume_role_policy Statement[2] trusts the OIDC provider module.eks.oidc_provider_arn without an ":aud" condition' },
        // The condition key written as a template in jsonencode is read: the sub is pinned, the aud is missing.
        { line: 28, message: 'assume_role_policy Statement[3] trusts the OIDC provider module.eks.oidc_provider_arn without an ":aud" condition' },
        { line: 41, message: 'policy document Statement[0] accepts a wildcard subject ("system:serviceaccount:*") from arn:aws:iam::\${data.aws_caller_identity.current.account_id}:oidc-provider/\${replace(' },
      ],
    },
    {
      name: 'Terraform: the EKS Fargate pod execution role without aws:SourceArn; with it, scoped',
      filename: 'main.tf',
      code: `resource "aws_iam_role" "fargate" {
  name = "fargate"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "eks-fargate-pods.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
resource "aws_iam_role" "scoped" {
  name = "scoped"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "eks-fargate-pods.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { ArnLike = { "aws:SourceArn" = "arn:aws:eks:us-east-1:123456789012:fargateprofile/prod/*" } }
    }]
  })
}
`,
      errors: [{ line: 5, severity: 'medium', message: 'assume_role_policy Statement[0] trusts eks-fargate-pods.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition (confused deputy).' }],
    },
  ],
});
