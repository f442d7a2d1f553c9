import rule from '../../../src/rules/audit/cloudtrail-kms.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: KmsKeyId from a key in the template, an alias, and a parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Key: { Type: String }
        Resources:
          TrailKey:
            Type: AWS::KMS::Key
            Properties: { EnableKeyRotation: true }
          A:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: logs, KmsKeyId: !GetAtt TrailKey.Arn }
          B:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: logs, KmsKeyId: alias/CloudtrailKey }
          C:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: logs, KmsKeyId: !Ref Key }
      `,
    },
    {
      name: 'Terraform: kms_key_id from a key resource',
      filename: 'main.tf',
      code: yaml`
        resource "aws_kms_key" "trail" {
          enable_key_rotation = true
        }
        resource "aws_cloudtrail" "a" {
          name           = "a"
          s3_bucket_name = "logs"
          kms_key_id     = aws_kms_key.trail.arn
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: no KmsKeyId, reported at Properties',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: logs
      `,
      errors: [{ line: 4, message: 'The trail sets no KmsKeyId' }],
    },
    {
      name: 'CloudFormation JSON: empty KmsKeyId',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'logs', KmsKeyId: '' } } } }, null, 2),
      errors: [{ line: 8, message: 'KmsKeyId is empty' }],
    },
    {
      name: 'Terraform: no kms_key_id',
      filename: 'main.tf',
      code: yaml`
        resource "aws_cloudtrail" "a" {
          name           = "a"
          s3_bucket_name = "logs"
        }
      `,
      errors: [{ line: 1, message: 'The trail sets no kms_key_id' }],
    },
  ],
});
