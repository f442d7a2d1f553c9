import rule from '../../../src/rules/audit/cloudtrail-bucket-protected.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: private trail bucket, policy for the CloudTrail service only',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          TrailBucket:
            Type: AWS::S3::Bucket
            Properties:
              AccessControl: Private
          TrailBucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref TrailBucket
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Service: cloudtrail.amazonaws.com }
                    Action: s3:PutObject
                    Resource: !Sub "\${TrailBucket.Arn}/AWSLogs/*"
                  - Effect: Deny
                    Principal: "*"
                    Action: "s3:*"
                    Resource: "*"
                    Condition: { Bool: { aws:SecureTransport: false } }
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: !Ref TrailBucket }
      `,
    },
    {
      name: 'CloudFormation: a public bucket that no trail writes to is not this rule\'s concern',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Website:
            Type: AWS::S3::Bucket
            Properties: { AccessControl: PublicRead }
          Logs:
            Type: AWS::S3::Bucket
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: !Ref Logs }
      `,
    },
    {
      name: 'Terraform: private bucket with aws_s3_bucket_acl private',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "trail" {
          bucket = "trail-logs"
        }
        resource "aws_s3_bucket_acl" "trail" {
          bucket = aws_s3_bucket.trail.id
          acl    = "private"
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
      name: 'CloudFormation: trail names the bucket by literal name; AuthenticatedRead ACL',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          LogBucket:
            Type: AWS::S3::Bucket
            Properties:
              AccessControl: AuthenticatedRead
              BucketName: my-bucket
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: my-bucket
      `,
      errors: [{ line: 5, message: 'The CloudTrail log bucket (trail Trail) has the public canned ACL AuthenticatedRead' }],
    },
    {
      name: 'CloudFormation: bucket policy allowing everyone without a condition',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          LogBucket:
            Type: AWS::S3::Bucket
          LogBucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref LogBucket
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Service: cloudtrail.amazonaws.com }
                    Action: s3:PutObject
                    Resource: "*"
                  - Effect: Allow
                    Principal: { AWS: "*" }
                    Action: s3:GetObject
                    Resource: "*"
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: !Ref LogBucket }
      `,
      errors: [{ line: 14, message: 'allows everyone (Principal "*") without a condition' }],
    },
    {
      name: 'CloudFormation JSON: PublicReadWrite',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            LogBucket: { Type: 'AWS::S3::Bucket', Properties: { AccessControl: 'PublicReadWrite' } },
            Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: { Ref: 'LogBucket' } } },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 6, message: 'PublicReadWrite' }],
    },
    {
      name: 'Terraform: acl on the bucket, and an aws_s3_bucket_acl',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "a" {
          bucket = "a"
          acl    = "public-read"
        }
        resource "aws_s3_bucket" "b" {
          bucket = "b"
        }
        resource "aws_s3_bucket_acl" "b" {
          bucket = aws_s3_bucket.b.id
          acl    = "authenticated-read"
        }
        resource "aws_cloudtrail" "a" {
          name           = "a"
          s3_bucket_name = aws_s3_bucket.a.id
        }
        resource "aws_cloudtrail" "b" {
          name           = "b"
          s3_bucket_name = aws_s3_bucket.b.bucket
        }
      `,
      errors: [
        { line: 3, message: 'public canned ACL public-read' },
        { line: 10, message: 'The CloudTrail log bucket aws_s3_bucket.b (trail aws_cloudtrail.b) has the public canned ACL authenticated-read' },
      ],
    },
    {
      name: 'Terraform: bucket policy (jsonencode) open to everyone',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "trail" {
          bucket = "trail"
        }
        resource "aws_s3_bucket_policy" "trail" {
          bucket = aws_s3_bucket.trail.id
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [{
              Effect    = "Allow"
              Principal = "*"
              Action    = "s3:GetObject"
              Resource  = "\${aws_s3_bucket.trail.arn}/*"
            }]
          })
        }
        resource "aws_cloudtrail" "main" {
          name           = "main"
          s3_bucket_name = aws_s3_bucket.trail.id
        }
      `,
      errors: [{ line: 8, message: 'allows everyone' }],
    },
  ],
});
