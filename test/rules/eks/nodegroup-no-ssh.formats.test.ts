import rule from '../../../src/rules/eks/nodegroup-no-ssh.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: a node group without remote_access',
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
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: remote_access open to everyone, and one limited to a security group',
      filename: 'main.tf',
      code: `resource "aws_eks_node_group" "open" {
  cluster_name    = "c"
  node_group_name = "open"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  remote_access {
    ec2_ssh_key = "ops"
  }
}
resource "aws_eks_node_group" "sg" {
  cluster_name    = "c"
  node_group_name = "sg"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = ["sg-123"]
  }
}
`,
      errors: [
        { line: 11, message: 'The node group enables SSH (remote_access) from 0.0.0.0/0' },
        { line: 25, message: 'The node group enables SSH (remote_access).' },
      ],
    },
  ],
});
