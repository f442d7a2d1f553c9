import rule from '../../../src/rules/audit/cloudtrail-bucket-hardening.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: versioned trail bucket with every public access block setting on',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          TrailBucket:
            Type: AWS::S3::Bucket
            Properties:
              VersioningConfiguration: { Status: Enabled }
              PublicAccessBlockConfiguration:
                BlockPublicAcls: true
                BlockPublicPolicy: true
                IgnorePublicAcls: true
                RestrictPublicBuckets: true
          Unversioned:
            Type: AWS::S3::Bucket
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: !Ref TrailBucket }
      `,
    },
    {
      name: 'Terraform: aws_s3_bucket_versioning enabled, public access block on',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "trail" {
          bucket = "trail"
        }
        resource "aws_s3_bucket_versioning" "trail" {
          bucket = aws_s3_bucket.trail.id
          versioning_configuration {
            status = "Enabled"
          }
        }
        resource "aws_s3_bucket_public_access_block" "trail" {
          bucket                  = aws_s3_bucket.trail.id
          block_public_acls       = true
          block_public_policy     = true
          ignore_public_acls      = true
          restrict_public_buckets = true
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
      name: 'Terraform: companions naming the bucket by its literal name count (versioning enabled; a public access block turning a setting off)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "trail" {
          bucket = "trail-logs-123"
        }
        resource "aws_s3_bucket_versioning" "trail" {
          bucket = "trail-logs-123"
          versioning_configuration {
            status = "Enabled"
          }
        }
        resource "aws_s3_bucket_public_access_block" "trail" {
          bucket                  = "trail-logs-123"
          block_public_acls       = true
          block_public_policy     = true
          ignore_public_acls      = true
          restrict_public_buckets = false
        }
        resource "aws_cloudtrail" "main" {
          name           = "main"
          s3_bucket_name = aws_s3_bucket.trail.id
        }
      `,
      errors: [{ line: 15, message: 'turns restrict_public_buckets off' }],
    },
    {
      name: 'CloudFormation: a written public access block that leaves RestrictPublicBuckets out (sonar-iac S3Bucket5)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          TrailBucket:
            Type: AWS::S3::Bucket
            Properties:
              VersioningConfiguration: { Status: Enabled }
              PublicAccessBlockConfiguration:
                BlockPublicAcls: true
                BlockPublicPolicy: true
                IgnorePublicAcls: true
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: !Ref TrailBucket }
      `,
      errors: [{ line: 6, message: 'The public access block of the CloudTrail log bucket (trail Trail) leaves RestrictPublicBuckets out' }],
    },
    {
      name: 'Terraform: an aws_s3_bucket_versioning that suspends versioning is where the finding is',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "trail" {
          bucket = "trail"
        }
        resource "aws_s3_bucket_versioning" "trail" {
          bucket = aws_s3_bucket.trail.id
          versioning_configuration {
            status = "Suspended"
          }
        }
        resource "aws_cloudtrail" "main" {
          name           = "main"
          s3_bucket_name = aws_s3_bucket.trail.id
        }
      `,
      errors: [{ line: 7, message: 'The CloudTrail log bucket aws_s3_bucket.trail (trail aws_cloudtrail.main) does not keep object versions' }],
    },
    {
      name: 'CloudFormation: versioning suspended and two block settings off',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          TrailBucket:
            Type: AWS::S3::Bucket
            Properties:
              VersioningConfiguration:
                Status: Suspended
              PublicAccessBlockConfiguration:
                BlockPublicAcls: false
                BlockPublicPolicy: true
                IgnorePublicAcls: true
                RestrictPublicBuckets: false
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: !Ref TrailBucket }
      `,
      errors: [
        { line: 6, message: 'does not keep object versions' },
        { line: 8, message: 'turns BlockPublicAcls off' },
        { line: 11, message: 'turns RestrictPublicBuckets off' },
      ],
    },
    {
      name: 'CloudFormation JSON: no versioning',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { TrailBucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'trail-logs' } }, Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'trail-logs' } } } },
        null,
        2,
      ),
      errors: [{ line: 5, message: 'does not keep object versions' }],
    },
    {
      name: 'Terraform: no versioning; public access block with block_public_policy = false and two settings left out (false)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "trail" {
          bucket = "trail"
        }
        resource "aws_s3_bucket_public_access_block" "trail" {
          bucket              = aws_s3_bucket.trail.id
          block_public_acls   = true
          block_public_policy = false
        }
        resource "aws_cloudtrail" "main" {
          name           = "main"
          s3_bucket_name = aws_s3_bucket.trail.id
        }
      `,
      errors: [
        { line: 1, message: 'does not keep object versions' },
        { line: 4, message: 'leaves ignore_public_acls out, which turns it off (a written block replaces the all-on default)' },
        { line: 4, message: 'leaves restrict_public_buckets out' },
        { line: 7, message: 'turns block_public_policy off' },
      ],
    },
  ],
});
