import rule from '../../../src/rules/iam/no-public-ecr-repository-policy.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: an account principal, and everyone limited by aws:PrincipalOrgID',
      filename: 'main.tf',
      code: `resource "aws_ecr_repository_policy" "r" {
  repository = "web"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = ["ecr:BatchGetImage"] },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }
      },
    ]
  })
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: Principal "*" in jsonencode, {"AWS": "*"} in a policy document',
      filename: 'main.tf',
      code: `resource "aws_ecr_repository_policy" "r" {
  repository = "web"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "Public", Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage"] }]
  })
}
data "aws_iam_policy_document" "open" {
  statement {
    sid     = "Everyone"
    actions = ["ecr:*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
resource "aws_ecr_repository_policy" "open" {
  repository = "api"
  policy     = data.aws_iam_policy_document.open.json
}
`,
      errors: [
        { line: 5, message: 'policy statement "Public" allows any principal ("*") to ecr:BatchGetImage with no condition' },
        { line: 14, message: 'policy document statement "Everyone" allows any principal ("*") to ecr:* with no condition' },
      ],
    },
  ],
});
