import rule from '../../../src/rules/eks/tainted-node-groups.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: a sensitive node group with a NoSchedule taint; an ordinary node group needs none',
      filename: 'main.tf',
      code: `resource "aws_eks_node_group" "pci" {
  cluster_name    = "c"
  node_group_name = "pci"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  labels = { "seaworthy.dev/sensitive" = "true" }
  taint {
    key    = "dedicated"
    value  = "sensitive"
    effect = "NO_SCHEDULE"
  }
}
resource "aws_eks_node_group" "general" {
  cluster_name    = "c"
  node_group_name = "general"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  labels = { team = "web" }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: a sensitive node group without a taint, and one with a PreferNoSchedule taint',
      filename: 'main.tf',
      code: `resource "aws_eks_node_group" "pci" {
  cluster_name    = "c"
  node_group_name = "pci"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  labels = { "seaworthy.dev/sensitive" = "true" }
}
resource "aws_eks_node_group" "soft" {
  cluster_name    = "c"
  node_group_name = "soft"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  labels = { "seaworthy.dev/sensitive" = "true" }
  taint {
    key    = "dedicated"
    value  = "sensitive"
    effect = "PREFER_NO_SCHEDULE"
  }
}
`,
      errors: [
        { line: 11, message: 'Node group "pci" is for sensitive workloads (seaworthy.dev/sensitive=true) but has no NoSchedule taint "dedicated"' },
        { line: 24, message: 'Node group "soft" is for sensitive workloads (seaworthy.dev/sensitive=true) but its "dedicated" taint has effect PreferNoSchedule' },
      ],
    },
    {
      name: 'Terraform: labels and taint key from the sensitiveWorkloads setting',
      filename: 'main.tf',
      settings: { sensitiveWorkloads: { labels: { tier: 'pci' }, namespaces: [], taintKey: 'pci' } },
      code: `resource "aws_eks_node_group" "pci" {
  cluster_name    = "c"
  node_group_name = "pci"
  node_role_arn   = "arn:aws:iam::123456789012:role/node"
  subnet_ids      = ["subnet-1"]
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
  labels = { tier = "pci" }
  taint {
    key    = "dedicated"
    value  = "pci"
    effect = "NO_SCHEDULE"
  }
}
`,
      errors: [
        { line: 11, message: 'Node group "pci" is for sensitive workloads (tier=pci) but has no NoSchedule taint "pci"' },
      ],
    },
  ],
});
