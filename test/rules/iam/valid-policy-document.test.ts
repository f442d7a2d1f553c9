import { describe, expect, it } from 'vitest';
import { loadFile } from '../../../src/loaders/index.js';
import rule from '../../../src/rules/iam/valid-policy-document.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

describe('iam-policy loader', () => {
  it('reads a standalone policy named by its base name, with a single-object Statement', () => {
    const loaded = loadFile({ path: 'policies/ci.json', text: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}' }, { explicit: false });
    expect(loaded.errors).toEqual([]);
    expect(loaded.resources.map((r) => [r.artifact, r.type, r.name])).toEqual([['iam-policy', 'IAMPolicyDocument', 'ci.json']]);
  });
  it('never claims CloudFormation templates, Kubernetes objects or other JSON', () => {
    for (const text of [
      '{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"R":{"Type":"AWS::IAM::Role"}},"Statement":[]}',
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"Statement":[]}',
      '{"PolicyVersion":{"Document":{"Statement":[]}}}',
      '{"name":"package","version":"1.0.0"}',
    ]) {
      const loaded = loadFile({ path: 'x.json', text }, { explicit: false });
      expect(loaded.resources.every((r) => r.artifact !== 'iam-policy')).toBe(true);
    }
  });
});

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: principals from a dynamic block over an unknown list may be none (terraform-aws-ecs task role statements)',
      filename: 'main.tf',
      code: yaml`
        variable "statements" {
          type = any
        }
        data "aws_iam_policy_document" "tasks" {
          dynamic "statement" {
            for_each = var.statements
            content {
              actions   = statement.value.actions
              resources = statement.value.resources
              dynamic "principals" {
                for_each = statement.value.principals != null ? statement.value.principals : []
                content {
                  type        = principals.value.type
                  identifiers = principals.value.identifiers
                }
              }
            }
          }
          statement {
            actions   = ["s3:GetObject"]
            resources = ["arn:aws:s3:::b/*"]
            dynamic "principals" {
              for_each = var.statements
              content {
                type        = "AWS"
                identifiers = principals.value
              }
            }
          }
        }
        data "aws_iam_policy_document" "known" {
          dynamic "statement" {
            for_each = [{ actions = ["s3:List*"], resources = ["arn:aws:s3:::*"], principals = null }]
            content {
              actions   = statement.value.actions
              resources = statement.value.resources
              dynamic "principals" {
                for_each = statement.value.principals != null ? statement.value.principals : []
                content {
                  type        = principals.value.type
                  identifiers = principals.value.identifiers
                }
              }
            }
          }
        }
        resource "aws_iam_policy" "tasks" {
          name   = "tasks"
          policy = data.aws_iam_policy_document.tasks.json
        }
        resource "aws_iam_policy" "known" {
          name   = "known"
          policy = data.aws_iam_policy_document.known.json
        }
      `,
    },
    {
      name: 'a policy that is only a template placeholder (Octopus, shell, ERB, Go) is unknown, not invalid JSON',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          R:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: "#{Octopus.Trust.Json}"
              Policies:
                - { PolicyName: a, PolicyDocument: "$(POLICY_JSON)" }
                - { PolicyName: b, PolicyDocument: "<%= @policy_json %>" }
                - { PolicyName: c, PolicyDocument: "[[ .policy ]]" }
      `,
    },
    {
      name: 'well-formed policies: list, single object, trust policy without Resource',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } }, null, 2),
    },
    {
      name: 'unresolved statements are unknown, not malformed',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          R:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }] }
              Policies:
                - PolicyName: p
                  PolicyDocument:
                    Statement:
                      - !If [C, { Effect: Allow, Action: s3:GetObject, Resource: "*" }, !Ref AWS::NoValue]
                      - { Effect: !If [C, Allow, Deny], Action: s3:GetObject, Resource: "*" }
                - PolicyName: q
                  PolicyDocument: !Ref Doc
      `,
    },
  ],
  invalid: [
    {
      name: 'a Principal written in an identity policy is refused whatever its value (a parameter too)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Account: { Type: String }
        Resources:
          Policy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: !Ref Account }
                    Action: s3:GetObject
                    Resource: 'arn:aws:s3:::b/*'
      `,
      errors: [{ line: 10, message: 'has Principal, which IAM does not accept in an identity policy' }],
    },
    {
      name: 'elements outside the grammar, a map in Resource, a bucket policy and a trust policy statement without a principal (cfn-lint E3510/E3512/E3530)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Policy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: '2012-10-17'
                BadProperty: x
                Statement:
                  - Effect: Allow
                    Action: s3:GetObject
                    Resource: [{ Effect: Allow }]
                    Resources: 'arn:aws:s3:::b/*'
          BucketPolicy:
            Type: AWS::S3::BucketPolicy
            Properties:
              Bucket: b
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: s3:GetObject
                    Resource: 'arn:aws:s3:::b/*'
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: sts:AssumeRole
      `,
      errors: [
        { line: 7, message: 'PolicyDocument has the element BadProperty, which is not part of the policy grammar (Version, Id, Statement): IAM refuses the document.' },
        { line: 11, message: 'Statement[0] Resource entries must be strings, not a map.' },
        { line: 12, message: 'Statement[0] has the element Resources, which is not part of a statement' },
        { line: 19, message: 'Statement[0] has no Principal, which a resource policy statement requires.' },
        { line: 27, message: 'Statement[0] has no Principal, which a trust policy statement requires.' },
      ],
    },
    {
      name: "actions IAM refuses: a wildcard in the service prefix, no prefix, two colons",
      filename: 'policy.json',
      code: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"*:Put*\",\n        \"iam*:*\",\n        \"GetObject\",\n        \"s3:Get:Object\",\n        \"s3:GetObject\"\n      ],\n      \"Resource\": \"*\"\n    }\n  ]\n}",
      errors: [{ line: 7, message: "Statement[0] Action \"*:Put*\" has a wildcard in its service prefix, which IAM refuses" }, { line: 8, message: "Action \"iam*:*\" has a wildcard in its service prefix" }, { line: 9, message: "Action \"GetObject\" has no service prefix" }, { line: 10, message: "has more than one colon" }],
    },
    {
      name: 'a bare ARN or a list as Principal, and a Condition that is not an object (sonar-iac fixtures)',
      filename: 'bucket-policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: 'arn:aws:iam::123456789012:root', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
            { Effect: 'Allow', Principal: ['*'], Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
            { Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: 'test' },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 6, message: 'Statement[0] Principal must be "*" or an object naming the principal type ({"AWS": [...]}, {"Service": ...}), not a string.' },
        { line: 12, message: 'Statement[1] Principal must be "*" or an object naming the principal type ({"AWS": [...]}, {"Service": ...}), not a list.' },
        { line: 25, message: 'Statement[2] Condition must be an object of condition operators, not a string.' },
      ],
    },
    {
      name: 'a wildcard inside an AWS principal ARN (cdk-nag ECR1 test input); "*" alone and literal ARNs pass',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS:
                        - arn:aws:iam::*:root
                        - arn:aws:iam::111122223333:root
                    Action: ecr:BatchGetImage
                  - Effect: Allow
                    Principal: "*"
                    Action: ecr:BatchGetImage
                    Condition: { StringEquals: { aws:PrincipalOrgID: o-abc123 } }
      `,
      errors: [{ line: 11, message: 'names the principal "arn:aws:iam::*:root", which IAM rejects (a wildcard may not stand for part of a principal ARN or account)' }],
    },
    {
      name: 'review: Resource entries that are not strings are invalid, not unresolved',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*', 123, null] }] }, null, 2),
      errors: [
        { line: 9, message: 'policy: Statement[0] Resource entries must be strings, not a number.' },
        { line: 10, message: 'policy: Statement[0] Resource entries must be strings, not null.' },
      ],
    },
    {
      name: 'an identity policy statement without Resource',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets' }] }, null, 2),
      errors: [{ line: 4, message: 'Statement[0] has neither Resource nor NotResource, which an identity policy requires' }],
    },
    {
      name: 'IAM rejects: an unknown Version, a repeated Sid, NotPrincipal with Allow',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-18',
          Statement: [
            { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
            { Sid: 'Read', Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b' },
            { Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: '*' },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 2, message: 'Version "2012-10-18" is not a policy language version' },
        { line: 11, message: 'Sid "Read" is used twice' },
        { line: 18, message: 'Statement[2] uses NotPrincipal with Allow: it allows everyone but the listed principals' },
      ],
    },
    {
      name: 'Statement that is neither an object nor a list (policy file)',
      filename: 'bad.json',
      code: '{\n  "Version": "2012-10-17",\n  "Statement": "Allow everything"\n}\n',
      errors: [{ line: 3, message: 'policy: Statement must be an object or a list of objects, not a string' }],
    },
    {
      name: 'bad entries, bad Effect, Action and NotAction together (policy file)',
      filename: 'bad.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [42, { Effect: 'allow', Action: 's3:*', NotAction: 'iam:*', Resource: '*' }, { Effect: 'Deny', Resource: '*' }] }, null, 2),
      errors: [
        { line: 4, message: 'Statement[0] must be an object, not a number' },
        { line: 5, message: 'Statement[1] has both Action and NotAction' },
        { line: 6, message: 'Statement[1] must have Effect "Allow" or "Deny"' },
        { line: 11, message: 'Statement[2] has neither Action nor NotAction' },
      ],
    },
    {
      name: 'CloudFormation: null Statement, empty PolicyDocument (Trivy AVD-AWS-0057 bad-1.yaml shape), a policy string that is not JSON',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
          Empty:
            Type: AWS::IAM::Policy
            Properties:
              PolicyDocument:
              PolicyName: p
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText: "not json"
      `,
      errors: [
        { line: 6, message: 'PolicyDocument: Statement must be an object or a list of objects, not null' },
        { line: 10, message: 'PolicyDocument is empty' },
        { line: 15, message: 'RepositoryPolicyText is a string that is not valid JSON' },
      ],
    },
    {
      name: 'a Resource in a trust policy (CloudFormation and a Terraform policy document)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal: { AWS: "arn:aws:iam::111122223333:root" }
                    Action: sts:AssumeRole
                    Resource: "*"
      `,
      errors: [{ line: 11, message: 'AssumeRolePolicyDocument: Statement[0] has Resource, which IAM does not accept in a trust policy.' }],
    },
    {
      name: 'Terraform: resources in a policy document used as a trust policy',
      filename: 'main.tf',
      code: yaml`
        data "aws_iam_policy_document" "trust" {
          statement {
            actions   = ["sts:AssumeRole"]
            resources = ["*"]
            principals {
              type        = "Service"
              identifiers = ["ecs-tasks.amazonaws.com"]
            }
          }
        }
        resource "aws_iam_role" "r" {
          name               = "r"
          assume_role_policy = data.aws_iam_policy_document.trust.json
        }
      `,
      errors: [{ line: 4, message: 'has Resource, which IAM does not accept in a trust policy' }],
    },
    {
      name: 'Terraform: a principal in an identity policy (jsonencode) and in a policy document attached to a role',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_policy" "p" {
          name = "p"
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [{
              Effect    = "Allow"
              Principal = { AWS = "*" }
              Action    = "s3:GetObject"
              Resource  = "arn:aws:s3:::b/*"
            }]
          })
        }
        data "aws_iam_policy_document" "inline" {
          statement {
            actions   = ["sqs:SendMessage"]
            resources = ["arn:aws:sqs:eu-west-1:123456789012:q"]
            principals {
              type        = "AWS"
              identifiers = ["arn:aws:iam::123456789012:root"]
            }
          }
        }
        resource "aws_iam_role_policy" "inline" {
          role   = "r"
          policy = data.aws_iam_policy_document.inline.json
        }
      `,
      errors: [
        { line: 7, message: 'has Principal, which IAM does not accept in an identity policy' },
        { line: 17, message: 'has Principal, which IAM does not accept in an identity policy' },
      ],
    },
  ],
});
