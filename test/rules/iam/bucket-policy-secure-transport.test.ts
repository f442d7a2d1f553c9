import rule from '../../../src/rules/iam/bucket-policy-secure-transport.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Deny on aws:SecureTransport false (ELB access logs template)',
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
  ],
  invalid: [
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
  ],
});
