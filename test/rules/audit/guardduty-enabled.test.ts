import rule from '../../../src/rules/audit/guardduty-enabled.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: enabled detector with EKS audit logs and runtime monitoring next to a cluster',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties: { RoleArn: arn:aws:iam::111122223333:role/eks, ResourcesVpcConfig: { SubnetIds: [subnet-1] } }
          Detector:
            Type: AWS::GuardDuty::Detector
            Properties:
              Enable: true
              Features:
                - { Name: EKS_AUDIT_LOGS, Status: ENABLED }
                - Name: RUNTIME_MONITORING
                  Status: ENABLED
                  AdditionalConfiguration: [{ Name: EKS_ADDON_MANAGEMENT, Status: ENABLED }]
      `,
    },
    {
      name: 'CloudFormation: plain enabled detector, no EKS cluster in the scan; parameter-driven Enable',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          On: { Type: String }
        Resources:
          Detector:
            Type: AWS::GuardDuty::Detector
            Properties: { Enable: true }
          Other:
            Type: AWS::GuardDuty::Detector
            Properties: { Enable: !Ref On }
      `,
    },
    {
      name: 'Terraform: detector with feature resources, next to a cluster',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "main" {
          name     = "main"
          role_arn = "arn:aws:iam::111122223333:role/eks"
          vpc_config {
            subnet_ids = ["subnet-1"]
          }
        }
        resource "aws_guardduty_detector" "main" {
          enable = true
        }
        resource "aws_guardduty_detector_feature" "runtime" {
          detector_id = aws_guardduty_detector.main.id
          name        = "RUNTIME_MONITORING"
          status      = "ENABLED"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: detector turned off',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Detector:
            Type: AWS::GuardDuty::Detector
            Properties:
              Enable: false
      `,
      errors: [{ line: 5, message: 'The GuardDuty detector is turned off (Enable is false)' }],
    },
    {
      name: 'CloudFormation: EKS audit logs disabled; runtime monitoring missing while the scan defines a cluster',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Detector:
            Type: AWS::GuardDuty::Detector
            Properties:
              Enable: true
              Features:
                - Name: EKS_AUDIT_LOGS
                  Status: DISABLED
      `,
      others: [
        {
          filename: 'cluster.yaml',
          code: yaml`
            Resources:
              Cluster:
                Type: AWS::EKS::Cluster
                Properties: { RoleArn: arn:aws:iam::111122223333:role/eks, ResourcesVpcConfig: { SubnetIds: [subnet-1] } }
          `,
        },
      ],
      errors: [
        { line: 6, message: 'Runtime Monitoring is not enabled' },
        { line: 8, message: 'EKS audit log monitoring is disabled' },
      ],
    },
    {
      name: 'CloudFormation JSON: legacy Kubernetes audit logs data source off',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true, DataSources: { Kubernetes: { AuditLogs: { Enable: false } } } } } } },
        null,
        2,
      ),
      errors: [{ line: 10, message: 'Kubernetes audit logs data source' }],
    },
    {
      name: 'Terraform: disabled runtime feature resource next to a cluster; enable = false elsewhere',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "main" {
          name     = "main"
          role_arn = "arn:aws:iam::111122223333:role/eks"
          vpc_config {
            subnet_ids = ["subnet-1"]
          }
        }
        resource "aws_guardduty_detector" "main" {
          enable = true
        }
        resource "aws_guardduty_detector_feature" "runtime" {
          detector_id = aws_guardduty_detector.main.id
          name        = "RUNTIME_MONITORING"
          status      = "DISABLED"
        }
        resource "aws_guardduty_detector" "off" {
          enable = false
        }
      `,
      errors: [
        { line: 14, message: 'Runtime Monitoring is disabled' },
        { line: 17, message: 'turned off (enable is false)' },
      ],
    },
  ],
});
