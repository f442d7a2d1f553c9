import rule from '../../../src/rules/audit/cloudtrail-logging-on.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: IsLogging true, "true", from a parameter (unknown)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Logging: { Type: String }
        Resources:
          A:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: logs }
          B:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: "true", S3BucketName: logs }
          C:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: !Ref Logging, S3BucketName: logs }
      `,
    },
    {
      name: 'Terraform: enable_logging left at its default, true, or from a variable without default',
      filename: 'main.tf',
      code: yaml`
        variable "logging" {}
        resource "aws_cloudtrail" "a" {
          name           = "a"
          s3_bucket_name = "logs"
        }
        resource "aws_cloudtrail" "b" {
          name           = "b"
          s3_bucket_name = "logs"
          enable_logging = true
        }
        resource "aws_cloudtrail" "c" {
          name           = "c"
          s3_bucket_name = "logs"
          enable_logging = var.logging
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation YAML and JSON: IsLogging false',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: false
              IsMultiRegionTrail: true
              S3BucketName: logs
      `,
      others: [
        {
          filename: 'template.json',
          code: JSON.stringify({ Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: 'false', S3BucketName: 'logs' } } } }, null, 2),
        },
      ],
      errors: [
        { path: 'template.json', line: 6, message: 'The trail is stopped (IsLogging is false): it records no API activity.' },
        { line: 5, message: 'The trail is stopped (IsLogging is false)' },
      ],
    },
    {
      name: 'Terraform: enable_logging = false (Checkov CKV_AWS_251), also through a variable default',
      filename: 'main.tf',
      code: yaml`
        variable "logging" {
          default = false
        }
        resource "aws_cloudtrail" "fail" {
          name           = "fail"
          s3_bucket_name = "logs"
          enable_logging = false
        }
        resource "aws_cloudtrail" "by_default" {
          name           = "by_default"
          s3_bucket_name = "logs"
          enable_logging = var.logging
        }
      `,
      errors: [
        { line: 7, message: 'The trail is stopped (enable_logging is false)' },
        { line: 12, message: 'The trail is stopped (enable_logging is false)' },
      ],
    },
  ],
});
