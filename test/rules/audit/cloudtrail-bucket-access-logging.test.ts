import rule from '../../../src/rules/audit/cloudtrail-bucket-access-logging.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: trail bucket with LoggingConfiguration; other buckets are not concerned',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          AccessLogs:
            Type: AWS::S3::Bucket
          TrailBucket:
            Type: AWS::S3::Bucket
            Properties:
              LoggingConfiguration:
                DestinationBucketName: !Ref AccessLogs
                LogFilePrefix: cloudtrail/
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: !Ref TrailBucket }
      `,
    },
    {
      name: 'CloudFormation: the bucket comes from a parameter (not followed)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Bucket: { Type: String }
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: !Ref Bucket }
      `,
    },
    {
      name: 'Terraform: aws_s3_bucket_logging for the trail bucket',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "trail" {
          bucket = "trail"
        }
        resource "aws_s3_bucket_logging" "trail" {
          bucket        = aws_s3_bucket.trail.id
          target_bucket = "access-logs"
          target_prefix = "trail/"
        }
        resource "aws_cloudtrail" "main" {
          name           = "main"
          s3_bucket_name = aws_s3_bucket.trail.id
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: trail bucket by literal name without logging',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          TrailBucket:
            Type: AWS::S3::Bucket
            Properties:
              BucketName: my-bucket
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: my-bucket
      `,
      errors: [{ line: 4, message: 'The CloudTrail log bucket (trail Trail) has no server access logging' }],
    },
    {
      name: 'CloudFormation JSON: bucket without Properties',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { TrailBucket: { Type: 'AWS::S3::Bucket' }, Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: { Ref: 'TrailBucket' } } } } },
        null,
        2,
      ),
      errors: [{ line: 3 }],
    },
    {
      name: 'Terraform: no logging for the trail bucket',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "trail" {
          bucket = "trail"
        }
        resource "aws_cloudtrail" "main" {
          name           = "main"
          s3_bucket_name = aws_s3_bucket.trail.id
        }
      `,
      errors: [{ line: 1, message: 'trail aws_cloudtrail.main' }],
    },
  ],
});
