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
      name: 'a public policy of a bucket outside the scan that no trail names and CloudTrail does not write to',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          WebsitePolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: my-website
              PolicyDocument:
                Statement: [{ Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: arn:aws:s3:::my-website/* }]
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: org-trail-logs }
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
    {
      name: 'policy file: the CloudTrail bucket policy from the AWS documentation, with read access for an auditor role',
      filename: 'trail-bucket-policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'AWSCloudTrailAclCheck',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:GetBucketAcl',
              Resource: 'arn:aws:s3:::org-trail-logs',
              Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org' } },
            },
            {
              Sid: 'AWSCloudTrailWrite',
              Effect: 'Allow',
              Principal: { Service: 'cloudtrail.amazonaws.com' },
              Action: 's3:PutObject',
              Resource: 'arn:aws:s3:::org-trail-logs/AWSLogs/111122223333/*',
              Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org' } },
            },
            { Sid: 'Auditors', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/auditor' }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::org-trail-logs', 'arn:aws:s3:::org-trail-logs/*'] },
            {
              Sid: 'OrgRead',
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::org-trail-logs/*',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } },
            },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'policy files that are not CloudTrail bucket policies: a public website bucket, a KMS key policy for CloudTrail',
      filename: 'website-policy.json',
      code: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::www.example.com/*' }] }, null, 2),
      others: [
        {
          filename: 'key-policy.json',
          code: JSON.stringify({
            Statement: [
              { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*' },
              { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
            ],
          }),
        },
      ],
    },
    {
      name: 'policy file: an admin role may manage the trail bucket, but deletion and policy changes are denied to all but break-glass',
      filename: 'trail-bucket-policy.json',
      code: JSON.stringify(
        {
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::trail-logs/AWSLogs/*' },
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/admin' }, Action: ['s3:Get*', 's3:DeleteObject', 's3:PutBucketPolicy'], Resource: ['arn:aws:s3:::trail-logs', 'arn:aws:s3:::trail-logs/*'] },
            {
              Effect: 'Deny',
              Principal: '*',
              Action: ['s3:DeleteObject*', 's3:PutBucketPolicy'],
              Resource: ['arn:aws:s3:::trail-logs', 'arn:aws:s3:::trail-logs/*'],
              Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::444455556666:role/break-glass' } },
            },
          ],
        },
        null,
        2,
      ),
    },
  ],
  invalid: [
    {
      name: 'the policy of a trail bucket outside the scan, named by its literal name (Mondoo); a CloudTrail delivery policy for a bucket of another stack',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: my-log-bucket }
          LogBucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: my-log-bucket
              PolicyDocument:
                Statement: [{ Sid: PublicRead, Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: arn:aws:s3:::my-log-bucket/* }]
          ArchivePolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !ImportValue archive-bucket
              PolicyDocument:
                Statement:
                  - { Effect: Allow, Principal: { Service: cloudtrail.amazonaws.com }, Action: s3:PutObject, Resource: !Sub "arn:\${AWS::Partition}:s3:::archive/AWSLogs/\${AWS::AccountId}/*" }
                  - { Effect: Allow, Principal: { AWS: "*" }, Action: s3:ListBucket, Resource: arn:aws:s3:::archive }
      `,
      errors: [
        { line: 10, message: 'The bucket policy of the CloudTrail log bucket my-log-bucket (trail Trail) allows everyone (Principal "*") with no condition (statement "PublicRead")' },
        { line: 18, message: 'The CloudTrail log bucket policy allows everyone' },
      ],
    },
    {
      name: 'Terraform: an ACL and a bucket policy naming the trail bucket by its literal name',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "trail" {
          bucket = "trail-logs-123"
        }
        resource "aws_s3_bucket_acl" "trail" {
          bucket = "trail-logs-123"
          acl    = "public-read"
        }
        resource "aws_s3_bucket_policy" "trail" {
          bucket = "trail-logs-123"
          policy = jsonencode({
            Version   = "2012-10-17"
            Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::trail-logs-123/*" }]
          })
        }
        resource "aws_cloudtrail" "main" {
          name           = "main"
          s3_bucket_name = "trail-logs-123"
        }
      `,
      errors: [
        { line: 6, message: 'has the public canned ACL public-read' },
        { line: 12, message: 'allows everyone' },
      ],
    },
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
      errors: [{ line: 15, message: 'allows everyone (Principal "*") with no condition' }],
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
      errors: [{ line: 10, message: 'allows everyone' }],
    },
    {
      name: 'Terraform: the legacy inline policy of aws_s3_bucket open to everyone (heredoc)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "trail" {
          bucket = "trail"
          policy = <<POLICY
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Principal": "*",
              "Action": ["s3:GetObject", "s3:PutObject"],
              "Resource": "arn:aws:s3:::trail/*"
            }
          ]
        }
        POLICY
        }
        resource "aws_cloudtrail" "main" {
          name           = "main"
          s3_bucket_name = aws_s3_bucket.trail.id
        }
      `,
      errors: [{ line: 9, message: 'The bucket policy of the CloudTrail log bucket aws_s3_bucket.trail (trail aws_cloudtrail.main) allows everyone' }],
    },
    {
      name: 'policy file: CloudTrail bucket policy readable by everyone over TLS, and another account may delete logs',
      filename: 'trail-bucket-policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::trail-logs/AWSLogs/*' },
            { Sid: 'Read', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::trail-logs', 'arn:aws:s3:::trail-logs/*'], Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
            { Sid: 'Ops', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444455556666:root'] }, Action: ['s3:GetObject', 's3:DeleteObject*', 's3:PutBucketPolicy'], Resource: ['arn:aws:s3:::trail-logs', 'arn:aws:s3:::trail-logs/*'] },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 17, message: 'The CloudTrail log bucket policy (bucket trail-logs) allows everyone (Principal "*") with only conditions that do not narrow the caller (Bool aws:SecureTransport) (statement "Read")' },
        { line: 43, message: 'lets arn:aws:iam::444455556666:root s3:DeleteObject, s3:DeleteObjectVersion, s3:PutBucketPolicy (statement "Ops")' },
      ],
    },
    {
      name: 'Terraform: bucket policy from a policy document letting everyone list the trail bucket',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "trail" {
          bucket = "trail"
        }
        data "aws_iam_policy_document" "trail" {
          statement {
            actions   = ["s3:ListBucket"]
            resources = [aws_s3_bucket.trail.arn]
            principals {
              type        = "*"
              identifiers = ["*"]
            }
          }
        }
        resource "aws_s3_bucket_policy" "trail" {
          bucket = aws_s3_bucket.trail.id
          policy = data.aws_iam_policy_document.trail.json
        }
        resource "aws_cloudtrail" "main" {
          name           = "main"
          s3_bucket_name = aws_s3_bucket.trail.id
        }
      `,
      errors: [{ line: 10, message: 'The bucket policy of the CloudTrail log bucket aws_s3_bucket.trail (trail aws_cloudtrail.main) allows everyone (Principal "*") with no condition' }],
    },
    {
      name: 'CloudFormation: a named account may administer the trail bucket (s3:*)',
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
                    Principal: { AWS: arn:aws:iam::444455556666:role/admin }
                    Action: ["s3:Get*", "s3:*"]
                    Resource: [!GetAtt LogBucket.Arn, !Sub "\${LogBucket.Arn}/*"]
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: !Ref LogBucket }
      `,
      errors: [{ line: 12, message: 'lets arn:aws:iam::444455556666:role/admin s3:DeleteObject, s3:DeleteObjectVersion, s3:DeleteBucket, ...' }],
    },
  ],
});
