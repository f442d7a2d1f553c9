import rule from '../../../src/rules/eks/nodegroup-imdsv2.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: a managed node group whose launch template requires tokens with hop limit 1',
      filename: 'main.tf',
      code: `resource "aws_launch_template" "nodes" {
  name = "nodes"
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}
resource "aws_eks_node_group" "ng" {
  cluster_name    = "c"
  node_group_name = "ng"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  launch_template {
    id      = aws_launch_template.nodes.id
    version = "$Latest"
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: IMDSv1 allowed in a node launch template, and a node group without a launch template',
      filename: 'main.tf',
      code: `resource "aws_launch_template" "nodes" {
  name = "nodes"
  metadata_options {
    http_tokens                 = "optional"
    http_put_response_hop_limit = 1
  }
}
resource "aws_eks_node_group" "lt" {
  cluster_name    = "c"
  node_group_name = "lt"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  launch_template {
    id      = aws_launch_template.nodes.id
    version = "$Latest"
  }
}
resource "aws_eks_node_group" "bare" {
  cluster_name    = "c"
  node_group_name = "bare"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
}
`,
      errors: [
        { line: 4, message: 'The launch template allows IMDSv1' },
        { line: 23, message: 'The node group has no launch_template' },
      ],
    },
  ],
});
