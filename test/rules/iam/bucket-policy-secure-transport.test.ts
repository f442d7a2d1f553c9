import rule from '../../../src/rules/iam/bucket-policy-secure-transport.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: a TLS statement whose Effect is an unresolved variable may be the Deny (sonar-iac compliant_effect_unusual_value)',
      filename: 'main.tf',
      code: yaml`
        variable "effect" {}
        resource "aws_s3_bucket" "b" {
          bucket = "b"
        }
        resource "aws_s3_bucket_policy" "b" {
          bucket = aws_s3_bucket.b.id
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [{
              Effect    = var.effect
              Principal = "*"
              Action    = "s3:*"
              Resource  = [aws_s3_bucket.b.arn, "\${aws_s3_bucket.b.arn}/*"]
              Condition = { Bool = { "aws:SecureTransport" = "false" } }
            }]
          })
        }
      `,
    },
    {
      name: 'CloudFormation: Deny on the bucket ARN and bucket/* (GetAtt, Sub, Join), bucket and policy both scanned',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Data:
            Type: AWS::S3::Bucket
          DataPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Data
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Principal: "*"
                    Action: s3:*
                    Resource: [!GetAtt Data.Arn, !Sub "\${Data.Arn}/*"]
                    Condition: { Bool: { aws:SecureTransport: "false" } }
          Logs:
            Type: AWS::S3::Bucket
          LogsPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Logs
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Principal: { AWS: "*" }
                    Action: "*"
                    Resource:
                      - !Join ["", ["arn:", !Ref AWS::Partition, ":s3:::", !Ref Logs]]
                    Condition: { Bool: { aws:SecureTransport: false } }
                  - Effect: Deny
                    Principal: "*"
                    Action: s3:*
                    Resource: !Join ["", ["arn:aws:s3:::", !Ref Logs, "/*"]]
                    Condition: { BoolIfExists: { aws:SecureTransport: false } }
      `,
    },
    {
      name: 'CloudFormation: policies found by literal name and by the same parameter; a website bucket; Resource "*"',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Name: { Type: String }
        Resources:
          Named:
            Type: AWS::S3::Bucket
            Properties: { BucketName: my-named-bucket }
          NamedPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: my-named-bucket
              PolicyDocument:
                Statement: [{ Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { aws:SecureTransport: "false" } } }]
          FromParameter:
            Type: AWS::S3::Bucket
            Properties: { BucketName: !Ref Name }
          FromParameterPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Name
              PolicyDocument:
                Statement: [{ Effect: Deny, Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::*"], Condition: { Bool: { aws:SecureTransport: "false" } } }]
          Site:
            Type: AWS::S3::Bucket
            Properties:
              WebsiteConfiguration: { IndexDocument: index.html }
      `,
    },
    {
      name: 'CloudFormation: a Deny whose resources cannot be read is unknown',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref B
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Principal: "*"
                    Action: s3:*
                    Resource: [!Sub "arn:aws:s3:::\${B}/\${Prefix}*", !If [C, "arn:aws:s3:::b", "arn:aws:s3:::c"]]
                    Condition: { Bool: { aws:SecureTransport: "false" } }
      `,
    },
    {
      name: 'Terraform: jsonencode, aws_iam_policy_document and legacy policy argument covering bucket and objects',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "a" {
          bucket = "a"
        }
        resource "aws_s3_bucket_policy" "a" {
          bucket = aws_s3_bucket.a.id
          policy = jsonencode({
            Statement = [{
              Effect    = "Deny"
              Principal = "*"
              Action    = "s3:*"
              Resource  = [aws_s3_bucket.a.arn, "\${aws_s3_bucket.a.arn}/*"]
              Condition = { Bool = { "aws:SecureTransport" = "false" } }
            }]
          })
        }
        resource "aws_s3_bucket" "b" {
          bucket = "b"
        }
        resource "aws_s3_bucket_policy" "b" {
          bucket = aws_s3_bucket.b.id
          policy = data.aws_iam_policy_document.b.json
        }
        data "aws_iam_policy_document" "b" {
          statement {
            effect    = "Deny"
            actions   = ["s3:*"]
            resources = ["arn:aws:s3:::\${aws_s3_bucket.b.id}", "arn:aws:s3:::\${aws_s3_bucket.b.id}/*"]
            principals {
              type        = "*"
              identifiers = ["*"]
            }
            condition {
              test     = "Bool"
              variable = "aws:SecureTransport"
              values   = ["false"]
            }
          }
        }
        resource "aws_s3_bucket" "legacy" {
          bucket = "legacy"
          policy = jsonencode({
            Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = ["arn:aws:s3:::legacy", "arn:aws:s3:::legacy/*"], Condition = { Bool = { "aws:SecureTransport" = "false" } } }]
          })
        }
        resource "aws_s3_bucket" "site" {
          bucket = "site"
        }
        resource "aws_s3_bucket_website_configuration" "site" {
          bucket = aws_s3_bucket.site.id
        }
      `,
    },
    {
      name: 'Terraform: a bucket policy whose bucket is a variable may be any bucket of the module',
      filename: 'main.tf',
      code: yaml`
        variable "bucket" {}
        resource "aws_s3_bucket" "a" {}
        resource "aws_s3_bucket_policy" "p" {
          bucket = var.bucket
          policy = jsonencode({ Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } } }] })
        }
      `,
    },
    {
      name: 'every Allow requires aws:SecureTransport true; unresolved statements are unknown',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          A:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: b
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: arn:aws:iam::123456789012:root }
                    Action: s3:GetObject
                    Resource: arn:aws:s3:::b/*
                    Condition: { Bool: { aws:SecureTransport: "true" } }
          B:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: b
              PolicyDocument:
                Statement:
                  - !If [Tls, { Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*" }, !Ref AWS::NoValue]
      `,
    },
    {
      name: 'Denies split by action add up; a bucket name from a dynamic reference is not compared',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Split:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: foo
              PolicyDocument:
                Statement:
                  - { Effect: Deny, Principal: "*", Action: [s3:GetObject], Resource: [arn:aws:s3:::foo, arn:aws:s3:::foo/*], Condition: { Bool: { aws:SecureTransport: "false" } } }
                  - { Effect: Deny, Principal: "*", Action: [s3:PutObject], Resource: [arn:aws:s3:::foo, arn:aws:s3:::foo/*], Condition: { Bool: { aws:SecureTransport: "false" } } }
          Dynamic:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: "{{resolve:ssm:/app/bucket}}"
              PolicyDocument:
                Statement:
                  - { Effect: Deny, Principal: "*", Action: s3:*, Resource: [arn:aws:s3:::app-data, arn:aws:s3:::app-data/*], Condition: { Bool: { aws:SecureTransport: "false" } } }
      `,
    },
  ],
  invalid: [
    {
      name: 'Denies split by action that leave out object writes',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          ReadsOnly:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: foo
              PolicyDocument:
                Statement:
                  - { Effect: Deny, Principal: "*", Action: [s3:GetObject, s3:ListBucket], Resource: [arn:aws:s3:::foo, arn:aws:s3:::foo/*], Condition: { Bool: { aws:SecureTransport: "false" } } }
      `,
      errors: [{ line: 8, message: 'does not cover s3:PutObject (Action: s3:GetObject, s3:ListBucket): those requests over plain HTTP are accepted' }],
    },
    {
      // cdk-nag S3.test.ts S3BucketSSLRequestsOnly noncompliance 2, 3 and 7 shapes.
      name: 'a Deny whose actions leave out S3 object reads or writes, and one whose object ARN names another bucket',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          NotS3:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: foo
              PolicyDocument:
                Statement:
                  - { Effect: Deny, Principal: "*", Action: "nots3:*", Resource: [arn:aws:s3:::foo, arn:aws:s3:::foo/*], Condition: { Bool: { aws:SecureTransport: "false" } } }
          DeleteOnly:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: bar
              PolicyDocument:
                Statement:
                  - { Effect: Deny, Principal: "*", Action: [s3:DeleteObject], Resource: [arn:aws:s3:::bar, arn:aws:s3:::bar/*], Condition: { Bool: { aws:SecureTransport: "false" } } }
          Food:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref FooBucket
              PolicyDocument:
                Statement:
                  - { Effect: Deny, Principal: { AWS: "*" }, Action: "s3:*", Resource: [arn:aws:s3:::baz, arn:aws:s3:::food/*], Condition: { Bool: { aws:SecureTransport: "false" } } }
          FooBucket:
            Type: AWS::S3::Bucket
            Properties: { BucketName: baz }
      `,
      errors: [
        {
          line: 8,
          message:
            'The Deny for requests with aws:SecureTransport false does not cover s3:GetObject or s3:PutObject (Action: nots3:*): those requests over plain HTTP are accepted. Deny s3:*.',
        },
        { line: 15, message: '(Action: s3:DeleteObject)' },
        { line: 22, message: 'covers only arn:aws:s3:::food/* (another bucket): plain HTTP requests for the other objects of the bucket are accepted' },
      ],
    },
    {
      name: 'a bucket ARN with more text is another bucket\'s (sonar-iac joined resources); a Deny on no resource covers nothing',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          B:
            Type: AWS::S3::Bucket
          Policy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref B
              PolicyDocument:
                Statement:
                  - Effect: Deny
                    Principal: "*"
                    Action: "s3:*"
                    Resource: [!GetAtt B.Arn, !Sub "\${B.Arn}-replica/*"]
                    Condition: { Bool: { aws:SecureTransport: "false" } }
          Other:
            Type: AWS::S3::Bucket
          Empty:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Other
              PolicyDocument:
                Statement:
                  - { Effect: Deny, Principal: "*", Action: "s3:*", Resource: [], Condition: { Bool: { aws:SecureTransport: "false" } } }
      `,
      errors: [
        { line: 13, message: "covers only ${B.Arn}-replica/* (another bucket)" },
        { line: 23, message: 'covers no resource: plain HTTP requests for the other objects of the bucket are accepted' },
      ],
    },
    {
      name: 'a Deny on the objects only, not the bucket ARN (low)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          LogsBucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref LogsBucket
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Resource: [!Sub "arn:\${AWS::Partition}:s3:::\${LogsBucket}/*"]
                    Principal: { AWS: !FindInMap [Region2ELBAccountId, !Ref AWS::Region, AccountId] }
                    Action: [s3:PutObject]
                  - Action: s3:*
                    Condition: { Bool: { aws:SecureTransport: false } }
                    Effect: Deny
                    Principal: { AWS: '*' }
                    Resource: [!Sub "arn:\${AWS::Partition}:s3:::\${LogsBucket}/*"]
      `,
      errors: [{ line: 17, message: 'covers the objects but not the bucket ARN itself: bucket-level requests (ListBucket, GetBucketPolicy, PutBucketAcl...) over plain HTTP are accepted' }],
    },
    {
      name: 'a Deny on a key prefix only (ELB_Access_Logs_And_Connection_Draining)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          LogsBucket:
            Type: AWS::S3::Bucket
            DeletionPolicy: Retain
          LogsBucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref LogsBucket
              PolicyDocument:
                Statement:
                  - Action: s3:*
                    Condition: { Bool: { aws:SecureTransport: false } }
                    Effect: Deny
                    Principal: { AWS: '*' }
                    Resource:
                      - !Sub arn:\${AWS::Partition}:s3:::\${LogsBucket}/Logs/AWSLogs/\${AWS::AccountId}
                      - !Sub arn:\${AWS::Partition}:s3:::\${LogsBucket}/Logs/AWSLogs/\${AWS::AccountId}/*
      `,
      errors: [
        {
          line: 15,
          message:
            'The Deny for requests with aws:SecureTransport false covers only arn:aws:s3:::${LogsBucket}/Logs/AWSLogs/${AWS::AccountId}, arn:aws:s3:::${LogsBucket}/Logs/AWSLogs/${AWS::AccountId}/*: plain HTTP requests for the other objects of the bucket are accepted. Cover arn:aws:s3:::<bucket>/* and the bucket ARN itself.',
        },
      ],
    },
    {
      name: 'CloudFormation JSON: buckets with no bucket policy (AWS Config bucket; another bucket\'s policy does not count)',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            ConfigBucket: { Type: 'AWS::S3::Bucket', Properties: { PublicAccessBlockConfiguration: { BlockPublicAcls: true } } },
            ArtifactBucket: { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain' },
            Other: { Type: 'AWS::S3::Bucket' },
            OtherPolicy: {
              Type: 'AWS::S3::BucketPolicy',
              Properties: {
                Bucket: { Ref: 'Other' },
                PolicyDocument: {
                  Statement: [
                    { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [{ 'Fn::GetAtt': ['Other', 'Arn'] }, { 'Fn::Sub': '${Other.Arn}/*' }], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
                  ],
                },
              },
            },
            External: {
              Type: 'AWS::S3::BucketPolicy',
              Properties: { Bucket: { 'Fn::ImportValue': 'shared-bucket' }, PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] } },
            },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 3, message: 'The bucket has no bucket policy (no AWS::S3::BucketPolicy in the template refers to it): nothing denies requests without TLS, so the bucket accepts plain HTTP.' },
        { line: 11, message: 'The bucket has no bucket policy' },
      ],
    },
    {
      name: 'Terraform: no policy, a data document Deny on a prefix, a legacy policy argument without Deny',
      filename: 'main.tf',
      code: yaml`
        resource "aws_s3_bucket" "state" {
          bucket = "tf-state"
        }
        resource "aws_s3_bucket" "logs" {
          bucket = "logs"
        }
        resource "aws_s3_bucket_policy" "logs" {
          bucket = aws_s3_bucket.logs.id
          policy = data.aws_iam_policy_document.logs.json
        }
        data "aws_iam_policy_document" "logs" {
          statement {
            effect    = "Deny"
            actions   = ["s3:*"]
            resources = ["\${aws_s3_bucket.logs.arn}/alb/*"]
            principals {
              type        = "AWS"
              identifiers = ["*"]
            }
            condition {
              test     = "Bool"
              variable = "aws:SecureTransport"
              values   = ["false"]
            }
          }
        }
        resource "aws_s3_bucket" "legacy" {
          bucket = "legacy"
          policy = jsonencode({
            Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "s3:GetObject", Resource = "arn:aws:s3:::legacy/*" }]
          })
        }
      `,
      errors: [
        { line: 1, message: 'The bucket has no bucket policy (no aws_s3_bucket_policy in the module refers to it)' },
        { line: 15, message: 'covers only \${aws_s3_bucket.logs.arn}/alb/*: plain HTTP requests for the other objects' },
        { line: 29, message: 'The bucket policy has no Deny for requests with aws:SecureTransport false' },
      ],
    },
    {
      name: 'bucket policy file: a Deny on the bucket ARN only',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/r' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
            { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 16, message: 'covers only the bucket itself: plain HTTP requests for the other objects of the bucket are accepted. Cover arn:aws:s3:::<bucket>/*.' }],
    },
    {
      name: 'bucket policy granting CloudFront read without a TLS Deny',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          BucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: !Ref Bucket
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Service: cloudfront.amazonaws.com }
                    Action: s3:GetObject
                    Resource: arn:aws:s3:::site/*
      `,
      errors: [{ line: 6, message: 'no Deny for requests with aws:SecureTransport false' }],
    },
    {
      name: 'a Deny that only covers one principal or uses the wrong value (JSON), and a bucket policy file',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            P: {
              Type: 'AWS::S3::BucketPolicy',
              Properties: {
                Bucket: 'b',
                PolicyDocument: {
                  Statement: [
                    { Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
                    { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
                  ],
                },
              },
            },
          },
        },
        null,
        2,
      ),
      others: [
        {
          filename: 'bucket-policy.json',
          code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/r' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2),
        },
      ],
      errors: [
        { line: 1, path: 'bucket-policy.json', message: 'no Deny' },
        { line: 7, message: 'no Deny' },
      ],
    },
    {
      name: 'standalone bucket policy: a TLS Deny on another bucket, and one narrowed by another condition, leave HTTP open',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::foo/*' },
            { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::food', 'arn:aws:s3:::food/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
          ],
        },
        null,
        2,
      ),
      others: [
        {
          filename: 'narrowed.json',
          code: JSON.stringify(
            {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bkt/*' },
                {
                  Effect: 'Deny',
                  Principal: '*',
                  Action: 's3:*',
                  Resource: ['arn:aws:s3:::bkt', 'arn:aws:s3:::bkt/*'],
                  Condition: { Bool: { 'aws:SecureTransport': 'false' }, StringEquals: { 'aws:PrincipalAccount': '999999999999' } },
                },
              ],
            },
            null,
            2,
          ),
        },
      ],
      errors: [
        { line: 10, path: 'narrowed.json', message: 'The Deny for requests with aws:SecureTransport false also requires aws:PrincipalAccount: plain HTTP requests that do not match it are accepted.' },
        { line: 14, message: 'covers only arn:aws:s3:::food (another bucket), arn:aws:s3:::food/* (another bucket)' },
      ],
    },
  ],
});
