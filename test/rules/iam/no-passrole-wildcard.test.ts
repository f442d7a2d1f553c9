import rule from '../../../src/rules/iam/no-passrole-wildcard.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'actions IAM refuses (a wildcard in the service prefix) grant nothing: only iam/valid-policy-document reports them',
      filename: 'policy.json',
      code: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"iam*:*\",\n        \"*:PassRole\"\n      ],\n      \"Resource\": \"*\"\n    }\n  ]\n}",
    },
    {
      name: "an unconditional Deny of iam:PassRole (or iam:*) takes it out of a broader Allow (cloudsplaining filter_deny_statements)",
      filename: 'policy.json',
      code: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"iam:PassRole\",\n        \"ec2:RunInstances\"\n      ],\n      \"Resource\": \"*\"\n    },\n    {\n      \"Effect\": \"Deny\",\n      \"Action\": \"iam:*\",\n      \"Resource\": \"*\"\n    }\n  ]\n}",
    },
    {
      name: 'cfn_nag: iam:PassRole on the ARNs of another service matches no role',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: ['arn:aws:s3:::*', 'arn:aws:ecs:*:*:*'] }] }, null, 2),
    },
    {
      name: 'full wildcards ("*:*", "iam:**") are left to iam/no-wildcard-permissions',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*:*', 'iam:**'], Resource: '*' }] }, null, 2),
    },
    {
      name: 'an Allow that an unconditional Deny of the same policy entirely overrides grants nothing',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' },
            { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'PassRole on named roles',
      filename: 'policy.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: ['arn:aws:iam::123456789012:role/app-task'] }] }, null, 2),
    },
    {
      name: 'PassRole on * with iam:PassedToService',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: iam:PassRole
                    Resource: "*"
                    Condition:
                      StringEquals: { iam:PassedToService: ecs-tasks.amazonaws.com }
                  - Effect: Deny
                    Action: iam:PassRole
                    Resource: "*"
      `,
    },
    {
      name: 'unresolved account but a named or unresolved role: not every role',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          RoleName: { Type: String }
          RoleArn: { Type: String }
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: iam:PassRole
                    Resource:
                      - !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/\${RoleName}
                      - !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/app-*
                      - !Join ['', ['arn:aws:iam::', !Ref AWS::AccountId, ':role/web-task']]
                      - !Ref RoleArn
      `,
    },
    {
      name: '"*" and iam:* are reported by iam/no-wildcard-permissions',
      filename: 'policy.json',
      code: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['*', 'iam:*'], Resource: '*' }] }, null, 2),
    },
  ],
  invalid: [
    {
      name: 'PassRole on every role narrowed by a role-tag condition (AWS Copilot environment manager role): medium',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          EnvManagerRole:
            Type: AWS::IAM::Role
            Properties:
              Policies:
                - PolicyName: root
                  PolicyDocument:
                    Version: 2012-10-17
                    Statement:
                      - Effect: Allow
                        Action: iam:PassRole
                        Resource: "*"
                        Condition:
                          StringEquals: { iam:ResourceTag/copilot-application: demo }
      `,
      errors: [{ line: 12, severity: 'medium', message: 'Policies[0] "root" Statement[0] allows iam:PassRole on every role ("*") tagged copilot-application=demo without an iam:PassedToService condition' }],
    },
    {
      name: 'the role-tag value is a parameter without a default, as Copilot writes it: still one tag value, medium',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          AppName: { Type: String }
        Resources:
          EnvManagerRole:
            Type: AWS::IAM::Role
            Properties:
              Policies:
                - PolicyName: root
                  PolicyDocument:
                    Statement:
                      - Sid: GetAndPassCopilotRoles
                        Effect: Allow
                        Action: [iam:GetRole, iam:PassRole]
                        Resource: "*"
                        Condition:
                          StringEquals: { iam:ResourceTag/copilot-application: !Sub "\${AppName}" }
      `,
      errors: [{ line: 14, severity: 'medium', message: 'allows iam:PassRole on every role ("*") tagged copilot-application=(a value the files do not give) without' }],
    },
    {
      name: 'CodePipeline role with iam:PassRole on * (ECS reference architecture)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          CodePipelineServiceRole:
            Type: AWS::IAM::Role
            Properties:
              Policies:
                - PolicyName: root
                  PolicyDocument:
                    Version: 2012-10-17
                    Statement:
                      - Resource: "*"
                        Effect: Allow
                        Action:
                          - ecs:UpdateService
                          - iam:PassRole
      `,
      errors: [{ line: 10, message: 'Policies[0] "root" Statement[0] allows iam:PassRole on every role ("*") without an iam:PassedToService condition' }],
    },
    {
      name: 'iam:Pass* on every role of the account, and NotResource',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Pass', Effect: 'Allow', Action: 'iam:Pass*', Resource: 'arn:aws:iam::123456789012:role/*' },
            { Effect: 'Allow', Action: ['iam:PassRole'], NotResource: 'arn:aws:iam::123456789012:role/admin' },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 8, message: 'statement "Pass" allows iam:Pass* on every role ("arn:aws:iam::123456789012:role/*")' },
        { line: 15, message: 'every role but those in NotResource' },
      ],
    },
    {
      name: 'role/* of an unresolved account (Fn::Sub, Fn::Join, list entry) is every role of that account',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Ci:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Action: iam:PassRole
                    Resource: !Sub arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/*
                  - Sid: Joined
                    Effect: Allow
                    Action: [ecs:RunTask, iam:PassRole]
                    Resource:
                      - arn:aws:iam::123456789012:role/web-task
                      - !Join ['', ['arn:', !Ref AWS::Partition, ':iam::', !Ref AWS::AccountId, ':role/*']]
                  - Effect: Allow
                    Action: iam:PassRole
                    Resource: !Sub
                      - arn:aws:iam::\${Account}:role/*
                      - { Account: !ImportValue shared-account }
      `,
      errors: [
        { line: 10, message: 'PolicyDocument Statement[0] allows iam:PassRole on every role ("arn:aws:iam::${AWS::AccountId}:role/*") without an iam:PassedToService condition.' },
        { line: 16, message: 'PolicyDocument statement "Joined" allows iam:PassRole on every role ("arn:aws:iam::${AWS::AccountId}:role/*")' },
        { line: 19, message: 'PolicyDocument Statement[2] allows iam:PassRole on every role ("arn:aws:iam::${Account}:role/*")' },
      ],
    },
    {
      name: 'iam:PassedToService conditions that name no service: a wildcard, a negated operator (every service but one)',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Sid: 'Any', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringLike: { 'iam:PassedToService': '*.amazonaws.com' } } },
            { Sid: 'AllBut', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringNotEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
            { Sid: 'Named', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringLike: { 'iam:PassedToService': ['ecs-tasks.amazonaws.com'] } } },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 8, message: 'statement "Any" allows iam:PassRole on every role ("*")' },
        { line: 19, message: 'statement "AllBut" allows iam:PassRole on every role ("*")' },
      ],
    },
  ],
});
