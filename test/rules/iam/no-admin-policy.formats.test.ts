import rule from '../../../src/rules/iam/no-admin-policy.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: read-only and customer managed policies',
      filename: 'main.tf',
      code: `resource "aws_iam_role" "r" {
  name                = "r"
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::123456789012:policy/AdministratorAccess"
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: AdministratorAccess attached, a *FullAccess policy in managed_policy_arns, a group attachment',
      filename: 'main.tf',
      code: `resource "aws_iam_role" "r" {
  name                = "r"
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3FullAccess"]
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.r.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
resource "aws_iam_group_policy_attachment" "ops" {
  group      = "ops"
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}
`,
      errors: [
        { line: 3, message: 'The role has the AWS managed policy AmazonS3FullAccess' },
        { line: 7, message: 'The role has the AWS managed policy AdministratorAccess' },
        { line: 11, message: 'The group has the AWS managed policy PowerUserAccess' },
      ],
    },
    {
      name: 'Terraform: a *FullAccess policy that grants less than its name says is described as it is',
      filename: 'main.tf',
      code: `resource "aws_iam_role_policy_attachment" "efs" {
  role       = "training"
  policy_arn = "arn:aws:iam::aws:policy/AmazonElasticFileSystemClientFullAccess"
}
`,
      errors: [
        {
          line: 3,
          severity: 'high',
          message: 'The role has the AWS managed policy AmazonElasticFileSystemClientFullAccess: elasticfilesystem:ClientMount, ClientWrite and ClientRootAccess (NFS root access) on every file system of the account.',
        },
      ],
    },
  ],
});
