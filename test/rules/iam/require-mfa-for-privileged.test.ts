import rule from '../../../src/rules/iam/require-mfa-for-privileged.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'operator role with MFA on the trust statement',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Admin:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: arn:aws:iam::123456789012:root }
                    Action: sts:AssumeRole
                    Condition: { Bool: { aws:MultiFactorAuthPresent: "true" } }
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
      `,
    },
    {
      name: 'service roles and roles assumed by other roles are automation',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - { Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }
              Policies:
                - PolicyName: all
                  PolicyDocument: { Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
          CrossAccount:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - { Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/deployer }, Action: sts:AssumeRole }
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
      `,
    },
    {
      name: 'group with a force-MFA Deny; user with non-privileged access',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Admins:
            Type: AWS::IAM::Group
            Properties:
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
              Policies:
                - PolicyName: force-mfa
                  PolicyDocument:
                    Statement:
                      - Effect: Deny
                        NotAction: [iam:CreateVirtualMFADevice, iam:EnableMFADevice, sts:GetSessionToken]
                        Resource: "*"
                        Condition: { BoolIfExists: { aws:MultiFactorAuthPresent: "false" } }
          Reader:
            Type: AWS::IAM::User
            Properties:
              Policies:
                - PolicyName: read
                  PolicyDocument: { Statement: [{ Effect: Allow, Action: [s3:Get*, iam:Get*], Resource: "*" }] }
      `,
    },
    {
      name: 'Terraform: operator role whose trust document requires MFA; task role with admin',
      filename: 'main.tf',
      code: yaml`
        data "aws_caller_identity" "current" {}
        data "aws_iam_policy_document" "ops_trust" {
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "AWS"
              identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root"]
            }
            condition {
              test     = "Bool"
              variable = "aws:MultiFactorAuthPresent"
              values   = ["true"]
            }
          }
        }
        resource "aws_iam_role" "ops" {
          assume_role_policy  = data.aws_iam_policy_document.ops_trust.json
          managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
        }
        resource "aws_iam_role" "task" {
          assume_role_policy = jsonencode({
            Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
          })
        }
        resource "aws_iam_role_policy_attachment" "task_admin" {
          role       = aws_iam_role.task.name
          policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }
      `,
    },
    {
      name: 'Terraform: a trust policy that may or may not be the data source (conditional, coalesce) is unknown',
      filename: 'main.tf',
      code: yaml`
        variable "create" {}
        variable "trust" {
          type    = string
          default = null
        }
        data "aws_iam_policy_document" "trust" {
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "AWS"
              identifiers = ["arn:aws:iam::123456789012:root"]
            }
          }
        }
        resource "aws_iam_role" "conditional" {
          assume_role_policy  = var.create ? data.aws_iam_policy_document.trust.json : ""
          managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
        }
        resource "aws_iam_role" "coalesce" {
          assume_role_policy  = coalesce(var.trust, data.aws_iam_policy_document.trust.json)
          managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
        }
      `,
    },
    {
      name: 'review: a user declared in the scan, whose own policy denies everything without MFA, given admin by an attachment that names it literally',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_user" "alice" {
          name = "alice"
        }
        resource "aws_iam_user_policy" "force_mfa" {
          user   = aws_iam_user.alice.name
          policy = jsonencode({ Statement = [{ Effect = "Deny", NotAction = ["iam:*MFA*"], Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } } }] })
        }
        resource "aws_iam_user_policy_attachment" "admin" {
          user       = "alice"
          policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }
      `,
    },
    {
      name: 'Terraform: a group named literally whose other policy denies everything without MFA; a group granted nothing privileged',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_group_policy" "admins" {
          group  = "admins"
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
        }
        resource "aws_iam_group_policy" "admins_mfa" {
          group  = "admins"
          policy = jsonencode({ Statement = [{ Effect = "Deny", NotAction = ["iam:*MFA*"], Resource = "*", Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } } }] })
        }
        resource "aws_iam_group_policy" "readers" {
          group  = "readers"
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
        }
      `,
    },
    {
      name: 'Terraform: group with a force-MFA Deny; groups without privileged policies (Trivy AVD-AWS-0123 shapes)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_group" "admins" {
          name = "admins"
        }
        resource "aws_iam_group_policy_attachment" "admin" {
          group      = aws_iam_group.admins.name
          policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }
        data "aws_iam_policy_document" "force_mfa" {
          statement {
            effect      = "Deny"
            not_actions = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "sts:GetSessionToken"]
            resources   = ["*"]
            condition {
              test     = "BoolIfExists"
              variable = "aws:MultiFactorAuthPresent"
              values   = ["false"]
            }
          }
        }
        resource "aws_iam_group_policy" "force_mfa" {
          group  = aws_iam_group.admins.name
          policy = data.aws_iam_policy_document.force_mfa.json
        }
        resource "aws_iam_group" "developers" {
          name = "developers"
        }
        resource "aws_iam_group" "support" {
          name = "support"
        }
        resource "aws_iam_group_policy" "mfa" {
          group  = aws_iam_group.support.name
          policy = <<EOF
        {"Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": ["true"]}}}]}
        EOF
        }
      `,
    },
    {
      name: 'policy file: admin policy without any sign of being for people (a workload policy)',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2),
    },
    {
      name: 'policy file: the AWS "self-manage MFA" policy with its force-MFA Deny',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'AllowManageOwnVirtualMFADevice', Effect: 'Allow', Action: ['iam:CreateVirtualMFADevice'], Resource: 'arn:aws:iam::*:mfa/*' },
            { Sid: 'AllowManageOwnUserMFA', Effect: 'Allow', Action: ['iam:EnableMFADevice', 'iam:ListMFADevices'], Resource: 'arn:aws:iam::*:user/${aws:username}' },
            { Sid: 'Admin', Effect: 'Allow', Action: '*', Resource: '*' },
            {
              Sid: 'DenyAllExceptListedIfNoMFA',
              Effect: 'Deny',
              NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'sts:GetSessionToken'],
              Resource: '*',
              Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
            },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'trust policy files: a service, a third party with an external id, people with MFA',
      filename: 'trust.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } },
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': true } } },
          ],
        },
        null,
        2,
      ),
    },
  ],
  invalid: [
    {
      name: 'the account given by reference (!Ref AWS::AccountId, data.aws_caller_identity) is the account root: people',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Ops:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: !Ref AWS::AccountId }
                    Action: sts:AssumeRole
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
      `,
      errors: [{ line: 8, message: 'can be assumed by people (account or IAM user principals) without MFA' }],
    },
    {
      name: 'a force-MFA Deny with plain Bool lets requests signed with access keys through (AWS: use BoolIfExists)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Admins:
            Type: AWS::IAM::Group
            Properties:
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
              Policies:
                - PolicyName: force-mfa
                  PolicyDocument:
                    Statement:
                      - Effect: Deny
                        NotAction: [iam:EnableMFADevice, sts:GetSessionToken]
                        Resource: "*"
                        Condition: { Bool: { aws:MultiFactorAuthPresent: "false" } }
      `,
      errors: [{ line: 5, message: 'is granted' }],
    },
    {
      name: 'role assumable by the account root, with admin attached by a separate policy',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Ops:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:root" }
                    Action: sts:AssumeRole
                  - Effect: Allow
                    Principal: { AWS: "123456789012" }
                    Action: sts:AssumeRole
          OpsPolicy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: ops
              Roles: [!Ref Ops]
              PolicyDocument:
                Statement: [{ Effect: Allow, Action: "iam:*", Resource: "*" }]
      `,
      errors: [
        { line: 8, message: 'can be assumed by people (account or IAM user principals) without MFA, and grants "iam:*" on every resource (PolicyDocument)' },
        { line: 11, message: 'can be assumed by people (account or IAM user principals) without MFA' },
      ],
    },
    {
      name: 'user with inline admin, group with AdministratorAccess (CloudFormation JSON)',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Alice: { Type: 'AWS::IAM::User', Properties: { Policies: [{ PolicyName: 'admin', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }] } },
            Admins: { Type: 'AWS::IAM::Group', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 13, message: 'The user "Alice" is granted "*" on every resource' },
        { line: 26, message: 'The group "Admins" is granted the AWS managed policy AdministratorAccess without requiring MFA' },
      ],
    },
    {
      name: 'Terraform: operator roles trusted by the account root (templated account) and by an IAM user',
      filename: 'main.tf',
      code: yaml`
        data "aws_caller_identity" "current" {}
        data "aws_iam_policy_document" "ops_trust" {
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "AWS"
              identifiers = ["arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root"]
            }
          }
        }
        resource "aws_iam_role" "ops" {
          assume_role_policy  = data.aws_iam_policy_document.ops_trust.json
          managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
        }
        resource "aws_iam_role" "ecs_operator" {
          assume_role_policy = jsonencode({
            Statement = [{
              Effect    = "Allow"
              Action    = "sts:AssumeRole"
              Principal = { AWS = "arn:aws:iam::123456789012:user/alice" }
              Condition = { Bool = { "aws:SecureTransport" = "true" } }
            }]
          })
        }
        resource "aws_iam_policy" "ecs_admin" {
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["ecs:*"], Resource = "*" }] })
        }
        resource "aws_iam_role_policy_attachment" "ecs_admin" {
          role       = aws_iam_role.ecs_operator.name
          policy_arn = aws_iam_policy.ecs_admin.arn
        }
      `,
      errors: [
        { line: 7, message: 'The role "aws_iam_role.ops" can be assumed by people (account or IAM user principals) without MFA, and grants the AWS managed policy AdministratorAccess' },
        { line: 20, message: 'grants "ecs:*" on every resource (policy)' },
      ],
    },
    {
      name: 'Terraform: documents from data sources in inline_policy and aws_iam_user_policy (located in the data source)',
      filename: 'main.tf',
      code: yaml`
        data "aws_iam_policy_document" "trust" {
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "AWS"
              identifiers = ["arn:aws:iam::123456789012:root"]
            }
          }
        }
        data "aws_iam_policy_document" "admin" {
          statement {
            actions   = ["iam:*"]
            resources = ["*"]
          }
        }
        resource "aws_iam_role" "ops" {
          assume_role_policy = data.aws_iam_policy_document.trust.json
          inline_policy {
            name   = "admin"
            policy = data.aws_iam_policy_document.admin.json
          }
        }
        resource "aws_iam_user" "bob" {
          name = "bob"
        }
        resource "aws_iam_user_policy" "bob" {
          user   = aws_iam_user.bob.name
          policy = data.aws_iam_policy_document.admin.json
        }
      `,
      errors: [
        { line: 6, message: 'The role "aws_iam_role.ops" can be assumed by people (account or IAM user principals) without MFA, and grants "iam:*" on every resource (policy document)' },
        { line: 12, message: 'The user "aws_iam_user.bob" is granted "iam:*" on every resource (policy document) without requiring MFA' },
      ],
    },
    {
      name: 'Terraform: user with AdministratorAccess attached, group with an ecs:* heredoc policy and no MFA',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_user" "alice" {
          name = "alice"
        }
        resource "aws_iam_user_policy_attachment" "alice_admin" {
          user       = aws_iam_user.alice.name
          policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }
        resource "aws_iam_group" "ops" {
          name = "ops"
        }
        resource "aws_iam_group_policy" "ops" {
          group  = aws_iam_group.ops.name
          policy = <<EOF
        {"Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*"}]}
        EOF
        }
      `,
      errors: [
        { line: 6, message: 'The user "aws_iam_user.alice" is granted the AWS managed policy AdministratorAccess without requiring MFA' },
        { line: 14, message: 'The group "aws_iam_group.ops" is granted "ecs:*" on every resource (policy)' },
      ],
    },
    {
      name: 'Terrascan: users and groups named literally (not declared in the scan) granted admin access',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_user_policy" "alice" {
          user   = "alice"
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] })
        }
        resource "aws_iam_group_policy" "admins" {
          group  = "admins"
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
        }
        resource "aws_iam_user_policy_attachment" "bob" {
          user       = "bob"
          policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }
        resource "aws_iam_policy_attachment" "ops" {
          name       = "ops"
          groups     = ["ops", var.other]
          policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
        }
      `,
      errors: [
        { line: 3, message: 'The user "alice" (named literally by this policy) is granted "iam:*" on every resource (policy) without requiring MFA' },
        { line: 7, message: 'The group "admins" (named literally by this policy) is granted "*" on every resource (policy)' },
        { line: 11, message: 'The user "bob" (named literally by this policy) is granted the AWS managed policy AdministratorAccess' },
        { line: 16, message: 'The group "ops" (named literally by this policy) is granted the AWS managed policy PowerUserAccess' },
      ],
    },
    {
      name: 'CloudFormation: a policy for a group named literally',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          AdminPolicy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: admin
              Groups: [admins]
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: "*"
                    Resource: "*"
      `,
      errors: [{ line: 10, message: 'The group "admins" (named literally by this policy) is granted "*" on every resource' }],
    },
    {
      name: 'Terraform: user with AdministratorAccess attached through a data "aws_iam_policy" lookup',
      filename: 'main.tf',
      code: yaml`
        data "aws_iam_policy" "admin" {
          arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }
        resource "aws_iam_user" "ops" {
          name = "ops"
        }
        resource "aws_iam_user_policy_attachment" "via_data" {
          user       = aws_iam_user.ops.name
          policy_arn = data.aws_iam_policy.admin.arn
        }
      `,
      errors: [{ line: 9, message: 'The user "aws_iam_user.ops" is granted the AWS managed policy AdministratorAccess without requiring MFA' }],
    },
    {
      name: 'trust policy file: account root and an IAM user may assume without MFA (only a TLS condition)',
      filename: 'trust.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::123456789012:root'] }, Action: 'sts:AssumeRole' },
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:user/bob' }, Action: ['sts:AssumeRole', 'sts:TagSession'], Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 8, severity: 'low', message: 'The trust policy lets people (account or IAM user principals) assume the role without MFA' },
        { line: 16, message: 'The trust policy lets people' },
      ],
    },
    {
      name: 'policy file for people (self-service ${aws:username}) granting iam:* without MFA',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['iam:ChangePassword', 'iam:GetUser'], Resource: 'arn:aws:iam::*:user/${aws:username}' },
            { Effect: 'Allow', Action: ['iam:*', 's3:Get*'], Resource: '*' },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 15, message: 'The policy is written for people (it has MFA, password or ${aws:username} self-service statements) and grants "iam:*" on every resource without requiring MFA' }],
    },
    {
      name: 'CloudFormation: ECS operator role trusted by the account root built with Fn::Join, AmazonECS_FullAccess',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          EcsOperator:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS: [!Join ["", ["arn:aws:iam::", !Ref "AWS::AccountId", ":root"]]]
                    Action: sts:AssumeRole
                    Condition: { DateLessThan: { aws:CurrentTime: "2027-01-01T00:00:00Z" } }
              ManagedPolicyArns:
                - !Sub arn:\${AWS::Partition}:iam::aws:policy/AmazonECS_FullAccess
          Reader:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - { Effect: Allow, Principal: { AWS: "123456789012" }, Action: sts:AssumeRole, Condition: { NumericLessThan: { aws:MultiFactorAuthAge: 3600 } } }
              ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
      `,
      errors: [{ line: 9, message: 'can be assumed by people (account or IAM user principals) without MFA, and grants the AWS managed policy AmazonECS_FullAccess' }],
    },
  ],
});
