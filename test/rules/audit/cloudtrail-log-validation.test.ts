import rule from '../../../src/rules/audit/cloudtrail-log-validation.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: EnableLogFileValidation true',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              EnableLogFileValidation: true
              S3BucketName: logs
      `,
    },
    {
      name: 'CloudFormation: string "true" and a parameter (unknown)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Multi: { Type: String }
        Resources:
          A:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, EnableLogFileValidation: "true", S3BucketName: logs }
          B:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, EnableLogFileValidation: !Ref Multi, S3BucketName: logs }
      `,
    },
    {
      name: 'Terraform: enable_log_file_validation = true, and from an unknown value',
      filename: 'main.tf',
      code: yaml`
        variable "multi" {}
        resource "aws_cloudtrail" "a" {
          name                  = "a"
          s3_bucket_name        = "logs"
          enable_log_file_validation = true
        }
        resource "aws_cloudtrail" "b" {
          name                  = "b"
          s3_bucket_name        = "logs"
          enable_log_file_validation = var.multi
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: EnableLogFileValidation false',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              EnableLogFileValidation: false
              S3BucketName: logs
      `,
      errors: [{ line: 6, message: 'Log file integrity validation is off (EnableLogFileValidation is false)' }],
    },
    {
      name: 'CloudFormation: not set (default false), reported at Properties',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: logs
      `,
      errors: [{ line: 4, message: 'EnableLogFileValidation is not set' }],
    },
    {
      name: 'CloudFormation JSON: "false" as a string',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, EnableLogFileValidation: 'false', S3BucketName: 'logs' } } } }, null, 2),
      errors: [{ line: 7 }],
    },
    {
      name: 'Terraform: not set, and false',
      filename: 'main.tf',
      code: yaml`
        resource "aws_cloudtrail" "unset" {
          name           = "unset"
          s3_bucket_name = "logs"
        }
        resource "aws_cloudtrail" "off" {
          name                  = "off"
          s3_bucket_name        = "logs"
          enable_log_file_validation = false
        }
      `,
      errors: [
        { line: 1, message: 'enable_log_file_validation is not set' },
        { line: 8, message: 'enable_log_file_validation is false' },
      ],
    },
  ],
});
