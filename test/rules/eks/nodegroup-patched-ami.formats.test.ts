import rule from '../../../src/rules/eks/nodegroup-patched-ami.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: AL2023 managed nodes without a pinned AMI',
      filename: 'main.tf',
      code: `resource "aws_eks_node_group" "ng" {
  cluster_name    = "c"
  node_group_name = "ng"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  ami_type = "AL2023_x86_64_STANDARD"
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: an Amazon Linux 2 AMI type, and a launch template pinning an AMI ID',
      filename: 'main.tf',
      code: `resource "aws_eks_node_group" "al2" {
  cluster_name    = "c"
  node_group_name = "al2"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  ami_type = "AL2_x86_64"
}
resource "aws_launch_template" "pinned" {
  name     = "pinned"
  image_id = "ami-0123456789abcdef0"
}
resource "aws_eks_node_group" "pinned" {
  cluster_name    = "c"
  node_group_name = "pinned"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  launch_template {
    id      = aws_launch_template.pinned.id
    version = "1"
  }
}
`,
      errors: [
        { line: 11, message: 'The node group runs Amazon Linux 2 (ami_type AL2_x86_64), whose EKS AMIs are no longer published (since 2025-11-26); use AL2023_* or BOTTLEROCKET_*.' },
        { line: 15, message: 'This launch template of EKS nodes pins the hard-coded AMI ami-0123456789abcdef0' },
      ],
    },
  ],
});
