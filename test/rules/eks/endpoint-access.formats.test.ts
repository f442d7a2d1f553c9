import rule from '../../../src/rules/eks/endpoint-access.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: private endpoint only; public endpoint limited to an office range',
      filename: 'main.tf',
      code: `resource "aws_eks_cluster" "private" {
  name     = "private"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}
resource "aws_eks_cluster" "office" {
  name     = "office"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_private_access = true
    public_access_cidrs     = ["203.0.113.0/24"]
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: the provider default (public, 0.0.0.0/0), and an explicit open CIDR',
      filename: 'main.tf',
      code: `resource "aws_eks_cluster" "default" {
  name     = "default"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}
resource "aws_eks_cluster" "open" {
  name     = "open"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids              = ["subnet-1", "subnet-2"]
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = ["0.0.0.0/0"]
  }
}
`,
      errors: [
        { line: 4, message: 'The cluster API endpoint is open to the internet' },
        { line: 15, message: 'The cluster API endpoint is open to the internet' },
      ],
    },
  ],
});
