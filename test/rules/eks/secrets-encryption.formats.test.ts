import rule from '../../../src/rules/eks/secrets-encryption.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: encryption_config for secrets with a KMS key reference',
      filename: 'main.tf',
      code: `resource "aws_kms_key" "eks" {}
resource "aws_eks_cluster" "c" {
  name     = "c"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: no encryption_config',
      filename: 'main.tf',
      code: `resource "aws_eks_cluster" "c" {
  name     = "c"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
`,
      errors: [
        { line: 1, message: 'Kubernetes secrets are not envelope-encrypted with a KMS key you manage' },
      ],
    },
  ],
});
