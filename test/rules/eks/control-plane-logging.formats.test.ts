import rule from '../../../src/rules/eks/control-plane-logging.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: all five log types',
      filename: 'main.tf',
      code: `resource "aws_eks_cluster" "c" {
  name                      = "c"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: no log types (the default), and a partial list',
      filename: 'main.tf',
      code: `resource "aws_eks_cluster" "none" {
  name     = "none"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
resource "aws_eks_cluster" "partial" {
  name                      = "partial"
  role_arn                  = "arn:aws:iam::123456789012:role/eks"
  enabled_cluster_log_types = ["api", "audit"]
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
`,
      errors: [
        { line: 1, message: 'Control-plane logging is off' },
        { line: 11, message: 'Control-plane log types not enabled' },
      ],
    },
  ],
});
