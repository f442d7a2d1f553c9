import rule from '../../../src/rules/eks/pod-identity-role-per-service-account.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: one role per service account; one service account associated with the same role in two clusters; an unresolved role',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          SharedRole: { Type: String }
        Resources:
          AppRole:
            Type: AWS::IAM::Role
            Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } }
          WorkerRole:
            Type: AWS::IAM::Role
            Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } }
          App:
            Type: AWS::EKS::PodIdentityAssociation
            Properties: { ClusterName: blue, Namespace: shop, ServiceAccount: app, RoleArn: !GetAtt AppRole.Arn }
          AppGreen:
            Type: AWS::EKS::PodIdentityAssociation
            Properties: { ClusterName: green, Namespace: shop, ServiceAccount: app, RoleArn: !GetAtt AppRole.Arn }
          Worker:
            Type: AWS::EKS::PodIdentityAssociation
            Properties: { ClusterName: blue, Namespace: shop, ServiceAccount: worker, RoleArn: !GetAtt WorkerRole.Arn }
          Other:
            Type: AWS::EKS::PodIdentityAssociation
            Properties: { ClusterName: blue, Namespace: shop, ServiceAccount: other, RoleArn: !Ref SharedRole }
          Another:
            Type: AWS::EKS::PodIdentityAssociation
            Properties: { ClusterName: blue, Namespace: shop, ServiceAccount: another, RoleArn: !Ref SharedRole }
      `,
    },
    {
      name: 'Terraform: one controller given the same role as an add-on in one cluster and directly in another (its namespace is the add-on\'s)',
      filename: 'main.tf',
      code: [
        'resource "aws_iam_role" "ebs" { assume_role_policy = "{}" }',
        'resource "aws_eks_addon" "ebs" {',
        '  cluster_name = "blue"',
        '  addon_name   = "aws-ebs-csi-driver"',
        '  pod_identity_association {',
        '    service_account = "ebs-csi-controller-sa"',
        '    role_arn        = aws_iam_role.ebs.arn',
        '  }',
        '}',
        'resource "aws_eks_pod_identity_association" "green" {',
        '  cluster_name    = "green"',
        '  namespace       = "kube-system"',
        '  service_account = "ebs-csi-controller-sa"',
        '  role_arn        = aws_iam_role.ebs.arn',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'Terraform: a role per association, roles from variables without values',
      filename: 'main.tf',
      code: [
        'variable "role_arn" { type = string }',
        'resource "aws_iam_role" "app" { assume_role_policy = "{}" }',
        'resource "aws_eks_pod_identity_association" "app" {',
        '  cluster_name    = "blue"',
        '  namespace       = "shop"',
        '  service_account = "app"',
        '  role_arn        = aws_iam_role.app.arn',
        '}',
        'resource "aws_eks_pod_identity_association" "a" {',
        '  cluster_name    = "blue"',
        '  namespace       = "shop"',
        '  service_account = "a"',
        '  role_arn        = var.role_arn',
        '}',
        'resource "aws_eks_pod_identity_association" "b" {',
        '  cluster_name    = "blue"',
        '  namespace       = "shop"',
        '  service_account = "b"',
        '  role_arn        = var.role_arn',
        '}',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: one role resource for two service accounts, and a literal ARN shared with an add-on',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          SharedRole:
            Type: AWS::IAM::Role
            Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } }
          App:
            Type: AWS::EKS::PodIdentityAssociation
            Properties: { ClusterName: blue, Namespace: shop, ServiceAccount: app, RoleArn: !GetAtt SharedRole.Arn }
          Worker:
            Type: AWS::EKS::PodIdentityAssociation
            Properties: { ClusterName: blue, Namespace: shop, ServiceAccount: worker, RoleArn: !GetAtt SharedRole.Arn }
          Metrics:
            Type: AWS::EKS::PodIdentityAssociation
            Properties: { ClusterName: blue, Namespace: monitoring, ServiceAccount: agent, RoleArn: 'arn:aws:iam::111122223333:role/telemetry' }
          Observability:
            Type: AWS::EKS::Addon
            Properties:
              ClusterName: blue
              AddonName: amazon-cloudwatch-observability
              PodIdentityAssociations:
                - { ServiceAccount: cloudwatch-agent, RoleArn: 'arn:aws:iam::111122223333:role/telemetry' }
      `,
      errors: [
        { line: 7, message: 'IAM role "SharedRole" is associated with service account "shop/app" and also with "shop/worker": each workload should have its own role.' },
        { line: 10, message: 'IAM role "SharedRole" is associated with service account "shop/worker" and also with "shop/app"' },
        { line: 13, message: 'IAM role "arn:aws:iam::111122223333:role/telemetry" is associated with service account "monitoring/agent" and also with "cloudwatch-agent" of add-on "amazon-cloudwatch-observability"' },
        { line: 20, message: 'is associated with service account "cloudwatch-agent" of add-on "amazon-cloudwatch-observability" and also with "monitoring/agent"' },
      ],
    },
    {
      name: 'Terraform: one aws_iam_role for an association and an add-on',
      filename: 'main.tf',
      code: [
        'resource "aws_iam_role" "shared" { assume_role_policy = "{}" }',
        'resource "aws_eks_pod_identity_association" "app" {',
        '  cluster_name    = "blue"',
        '  namespace       = "shop"',
        '  service_account = "app"',
        '  role_arn        = aws_iam_role.shared.arn',
        '}',
        'resource "aws_eks_addon" "ebs" {',
        '  cluster_name = "blue"',
        '  addon_name   = "aws-ebs-csi-driver"',
        '  pod_identity_association {',
        '    service_account = "ebs-csi-controller-sa"',
        '    role_arn        = aws_iam_role.shared.arn',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 6, message: 'IAM role aws_iam_role.shared is associated with service account "shop/app" and also with "ebs-csi-controller-sa" of add-on "aws-ebs-csi-driver"' },
        { line: 13, message: 'IAM role aws_iam_role.shared is associated with service account "ebs-csi-controller-sa" of add-on "aws-ebs-csi-driver" and also with "shop/app"' },
      ],
    },
    {
      name: 'eksctl: one roleARN for two pod identity associations',
      filename: 'cluster.yaml',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: blue, region: us-east-1, version: "1.33" }
        iam:
          podIdentityAssociations:
            - namespace: shop
              serviceAccountName: app
              roleARN: arn:aws:iam::111122223333:role/shop
            - namespace: shop
              serviceAccountName: worker
              roleARN: arn:aws:iam::111122223333:role/shop
      `,
      errors: [
        { line: 8, message: 'service account "shop/app" and also with "shop/worker"' },
        { line: 11, message: 'service account "shop/worker" and also with "shop/app"' },
      ],
    },
  ],
});
