import rule from '../../../src/rules/iam/no-long-lived-access-keys.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: an AWS provider pointed at LocalStack or moto holds placeholder keys',
      filename: 'main.tf',
      code: yaml`
        provider "aws" {
          region                      = "us-east-1"
          access_key                  = "test"
          secret_key                  = "test-secret-for-localstack"
          skip_credentials_validation = true
          endpoints {
            s3 = "http://localhost:4566"
          }
        }
        provider "aws" {
          alias      = "moto"
          access_key = "testing"
          secret_key = "testing-secret-value"
          endpoints {
            sts = "http://127.0.0.1:5000"
          }
        }
      `,
    },
    {
      name: "iam:CreateAccessKey denied by the same policy grants nothing",
      filename: 'policy.json',
      code: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"iam:CreateAccessKey\",\n      \"Resource\": \"*\"\n    },\n    {\n      \"Effect\": \"Deny\",\n      \"Action\": \"iam:CreateAccessKey\",\n      \"Resource\": \"*\"\n    }\n  ]\n}",
    },
    {
      name: 'Terraform: providers and backends with temporary credentials: a session token, a role to assume, a profile, another provider',
      filename: 'main.tf',
      code: yaml`
        variable "access_key" {}
        variable "secret_key" {}
        variable "session_token" {}
        terraform {
          backend "s3" {
            bucket  = "state"
            key     = "prod.tfstate"
            region  = "eu-west-1"
            profile = "deploy"
          }
        }
        provider "aws" {
          access_key = var.access_key
          secret_key = var.secret_key
          token      = var.session_token
        }
        provider "aws" {
          alias = "ci"
          assume_role_with_web_identity {
            role_arn                = "arn:aws:iam::123456789012:role/ci"
            web_identity_token_file = "/var/run/token"
          }
        }
        provider "minio" {
          access_key = var.access_key
          secret_key = var.secret_key
        }
      `,
    },
    {
      name: 'inactive key, self-service key management for people, roles for workloads',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          OldKey:
            Type: AWS::IAM::AccessKey
            Properties:
              UserName: legacy
              Status: Inactive
          SelfService:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: [iam:CreateAccessKey, iam:DeleteAccessKey, iam:ListAccessKeys]
                    Resource: !Sub "arn:aws:iam::\${AWS::AccountId}:user/\${!aws:username}"
                  - Effect: Allow
                    Action: [iam:CreateRole, iam:CreatePolicy]
                    Resource: !Sub "arn:aws:iam::\${AWS::AccountId}:role/app-*"
          TaskRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }]
      `,
    },
    {
      name: 'key status from a parameter (unknown); iam:* is left to the admin rules',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Parameters: { KeyStatus: { Type: 'String' } },
          Resources: {
            Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'u', Status: { Ref: 'KeyStatus' } } },
            Admin: { Type: 'AWS::IAM::Policy', Properties: { PolicyName: 'a', Users: ['u'], PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }] } } },
          },
        },
        null,
        2,
      ),
    },
    {
      name: 'Terraform: inactive key; create keys only for oneself; a condition on the user tag',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_access_key" "old" {
          user   = "legacy"
          status = "Inactive"
        }
        data "aws_iam_policy_document" "self" {
          statement {
            actions   = ["iam:CreateAccessKey", "iam:UpdateAccessKey"]
            resources = ["arn:aws:iam::*:user/$\${aws:username}"]
          }
          statement {
            actions   = ["iam:CreateAccessKey"]
            resources = ["*"]
            condition {
              test     = "StringEquals"
              variable = "aws:ResourceTag/team"
              values   = ["platform"]
            }
          }
        }
      `,
    },
    {
      name: 'policy files: self-service key management, an SCP denying key creation',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey'], Resource: 'arn:aws:iam::*:user/${aws:username}' },
            { Effect: 'Deny', Action: 'iam:CreateAccessKey', Resource: '*' },
          ],
        },
        null,
        2,
      ),
    },
  ],
  invalid: [
    {
      name: 'Terraform: skip_credentials_validation alone is no emulator (an S3 backend on Cloudflare R2 with real keys)',
      filename: 'main.tf',
      code: yaml`
        variable "key" {}
        variable "secret" {}
        terraform {
          backend "s3" {
            bucket                      = "state"
            key                         = "k"
            region                      = "auto"
            access_key                  = var.key
            secret_key                  = var.secret
            skip_credentials_validation = true
            endpoints = {
              s3 = "https://acct.r2.cloudflarestorage.com"
            }
          }
        }
      `,
      errors: [{ line: 8, severity: 'medium', message: 'The S3 backend is given an access key pair' }],
    },
    {
      name: "${aws:username} followed by a wildcard names other users (bob-admin)",
      filename: 'policy.json',
      code: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"iam:CreateAccessKey\",\n      \"Resource\": [\n        \"arn:aws:iam::123456789012:user/${aws:username}*\",\n        \"arn:aws:iam::123456789012:user/admins/${aws:username}\"\n      ]\n    }\n  ]\n}",
      errors: [{ line: 6, message: "for the IAM users arn:aws:iam::123456789012:user/${aws:username}*" }],
    },
    {
      name: 'Terraform: an AWS provider (in a module too) and an S3 backend run with an access key pair',
      filename: 'main.tf',
      code: yaml`
        variable "access_key" {}
        variable "secret_key" {}
        terraform {
          backend "s3" {
            bucket     = "state"
            key        = "prod.tfstate"
            region     = "eu-west-1"
            access_key = var.access_key
            secret_key = var.secret_key
          }
        }
        provider "aws" {
          alias      = "west"
          region     = "us-west-2"
          access_key = var.access_key
          secret_key = var.secret_key
        }
      `,
      errors: [
        { line: 8, severity: 'medium', message: 'The S3 backend is given an access key pair (access_key, secret_key) and no session token: Terraform reads and writes its state with an IAM user\'s long-lived keys.' },
        { line: 15, severity: 'medium', message: 'The AWS provider provider.aws.west is given an access key pair (access_key, secret_key) and no session token: Terraform deploys with' },
      ],
    },
    {
      name: 'CloudFormation YAML: a deploy user with an access key whose secret is an output',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Deployer:
            Type: AWS::IAM::User
          DeployerKey:
            Type: AWS::IAM::AccessKey
            Properties:
              UserName: !Ref Deployer
          OtherKey:
            Type: AWS::IAM::AccessKey
            Properties:
              Serial: 1
        Outputs:
          Secret:
            Value: !GetAtt DeployerKey.SecretAccessKey
      `,
      errors: [
        { line: 7, message: 'The template creates a long-lived access key for the IAM user Deployer (the template outputs its secret access key): workloads' },
        { line: 10, message: 'The template creates a long-lived access key for an IAM user:' },
      ],
    },
    {
      name: 'CloudFormation JSON: an active key and a policy that may create keys for any user',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Key: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'ci', Status: 'Active' } },
            KeyMinter: {
              Type: 'AWS::IAM::Role',
              Properties: {
                AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
                Policies: [{ PolicyName: 'mint', PolicyDocument: { Statement: [{ Sid: 'Mint', Effect: 'Allow', Action: ['iam:ListUsers', 'iam:Create*'], Resource: '*' }] } }],
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 6, message: 'long-lived access key' },
        { line: 34, message: 'Policies[0] "mint" statement "Mint" allows creating access keys (long-lived credentials) for any IAM user ("iam:Create*")' },
      ],
    },
    {
      name: 'Terraform: a CI user with a key (secret in state), and a key created for named users',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_user" "ci" {
          name = "github-actions"
        }
        resource "aws_iam_access_key" "ci" {
          user = aws_iam_user.ci.name
        }
        resource "aws_iam_access_key" "encrypted" {
          user    = aws_iam_user.ci.name
          pgp_key = "keybase:someone"
        }
        resource "aws_iam_policy" "rotate" {
          policy = jsonencode({
            Statement = [{ Effect = "Allow", Action = ["iam:CreateAccessKey", "iam:DeleteAccessKey"], Resource = ["arn:aws:iam::123456789012:user/svc-*"] }]
          })
        }
        resource "aws_iam_user_login_profile" "ci" {
          user = aws_iam_user.ci.name
        }
      `,
      errors: [
        { line: 5, message: 'for the IAM user aws_iam_user.ci (the user also has a console password; without pgp_key its secret is stored unencrypted in the Terraform state): workloads' },
        { line: 8, message: 'long-lived access key for the IAM user aws_iam_user.ci (the user also has a console password): workloads' },
        { line: 13, message: 'for the IAM users arn:aws:iam::123456789012:user/svc-*' },
      ],
    },
    {
      name: 'policy file granting iam:CreateAccessKey on every user',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::123456789012:user/*' } }, null, 2),
      errors: [{ line: 5, message: 'The policy allows creating access keys (long-lived credentials) for any IAM user ("iam:CreateAccessKey")' }],
    },
  ],
});
