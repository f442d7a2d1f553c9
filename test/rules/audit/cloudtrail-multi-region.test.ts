import rule from '../../../src/rules/audit/cloudtrail-multi-region.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: IsMultiRegionTrail true',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              IsMultiRegionTrail: true
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
            Properties: { IsLogging: true, IsMultiRegionTrail: "true", S3BucketName: logs }
          B:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, IsMultiRegionTrail: !Ref Multi, S3BucketName: logs }
      `,
    },
    {
      name: 'Terraform: is_multi_region_trail = true, and from an unknown value',
      filename: 'main.tf',
      code: yaml`
        variable "multi" {}
        resource "aws_cloudtrail" "a" {
          name                  = "a"
          s3_bucket_name        = "logs"
          is_multi_region_trail = true
        }
        resource "aws_cloudtrail" "b" {
          name                  = "b"
          s3_bucket_name        = "logs"
          is_multi_region_trail = var.multi
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: IsMultiRegionTrail false',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              IsMultiRegionTrail: false
              S3BucketName: logs
      `,
      errors: [{ line: 6, message: 'records only its own region (IsMultiRegionTrail is false)' }],
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
      errors: [{ line: 4, message: 'IsMultiRegionTrail is not set' }],
    },
    {
      name: 'CloudFormation JSON: "false" as a string',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, IsMultiRegionTrail: 'false', S3BucketName: 'logs' } } } }, null, 2),
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
          is_multi_region_trail = false
        }
      `,
      errors: [
        { line: 1, message: 'is_multi_region_trail is not set' },
        { line: 8, message: 'is_multi_region_trail is false' },
      ],
    },
  ],
});
