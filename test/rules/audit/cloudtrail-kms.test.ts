import rule from '../../../src/rules/audit/cloudtrail-kms.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: KMSKeyId from a key in the template, an alias (as Checkov CKV_AWS_35 passes it), a parameter; the misspelling KmsKeyId (as in Trivy AVD-AWS-0015)',
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
            Properties: { IsLogging: true, S3BucketName: logs, KMSKeyId: !GetAtt TrailKey.Arn }
          B:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: logs, KmsKeyId: alias/CloudtrailKey }
          C:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: logs, KMSKeyId: !Ref Key }
          D:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: logs, KMSKeyId: alias/MyAliasName }
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
      name: 'CloudFormation: no KMSKeyId, reported at Properties',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: logs
      `,
      errors: [{ line: 4, message: 'The trail sets no KMSKeyId' }],
    },
    {
      name: 'CloudFormation JSON: empty KMSKeyId',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'logs', KMSKeyId: '' } } } }, null, 2),
      errors: [{ line: 8, message: 'KMSKeyId is empty' }],
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
