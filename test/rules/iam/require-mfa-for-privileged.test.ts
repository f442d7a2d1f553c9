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
  ],
  invalid: [
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
      errors: [{ line: 11, message: 'can be assumed by people (account or IAM user principals) without MFA, and grants "iam:*" on every resource (PolicyDocument)' }],
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
  ],
});
