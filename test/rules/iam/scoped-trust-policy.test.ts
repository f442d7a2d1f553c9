import rule from '../../../src/rules/iam/scoped-trust-policy.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const OIDC = 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC';
const KEY = 'oidc.eks.eu-west-1.amazonaws.com/id/ABC';

ruleTester(rule, {
  valid: [
    {
      name: 'ecs-tasks trust with aws:SourceAccount and aws:SourceArn',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          TaskRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Service: ecs-tasks.amazonaws.com }
                    Action: sts:AssumeRole
                    Condition:
                      ArnLike: { aws:SourceArn: !Sub "arn:aws:ecs:\${AWS::Region}:\${AWS::AccountId}:*" }
                      StringEquals: { aws:SourceAccount: !Ref AWS::AccountId }
      `,
    },
    {
      name: 'IRSA trust pinned to one service account and audience (trust policy file)',
      filename: 'trust.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: OIDC },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Condition: { StringEquals: { [`${KEY}:sub`]: 'system:serviceaccount:app:web', [`${KEY}:aud`]: 'sts.amazonaws.com' } },
            },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'GitHub OIDC scoped to a repository; unresolved condition is unknown; other services',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Deploy:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: { Federated: arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com }
                    Action: sts:AssumeRoleWithWebIdentity
                    Condition:
                      StringLike: { "token.actions.githubusercontent.com:sub": "repo:org/app:*" }
                      StringEquals: { "token.actions.githubusercontent.com:aud": sts.amazonaws.com }
                  - Effect: Allow
                    Principal: { Service: ecs-tasks.amazonaws.com }
                    Action: sts:AssumeRole
                    Condition: !If [IsProd, { StringEquals: { aws:SourceAccount: "1" } }, !Ref AWS::NoValue]
                  - Effect: Allow
                    Principal: { Service: [lambda.amazonaws.com, ec2.amazonaws.com] }
                    Action: sts:AssumeRole
      `,
    },
  ],
  invalid: [
    {
      name: 'ecs-tasks trust without confused-deputy conditions (YAML and list form)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          TaskExecutionRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: 2012-10-17
                Statement:
                  - Effect: Allow
                    Principal:
                      Service:
                        - ecs-tasks.amazonaws.com
                    Action: sts:AssumeRole
      `,
      errors: [{ line: 11, message: 'trusts ecs-tasks.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition' }],
    },
    {
      name: 'IRSA without sub, with wildcard sub, without aud (trust policy file)',
      filename: 'trust.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Federated: OIDC }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [`${KEY}:aud`]: 'sts.amazonaws.com' } } },
            { Sid: 'Wild', Effect: 'Allow', Principal: { Federated: OIDC }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { [`${KEY}:sub`]: 'system:serviceaccount:app:*' } } },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 7, message: 'without a ":sub" condition' },
        { line: 20, message: 'statement "Wild" trusts the OIDC provider oidc.eks.eu-west-1.amazonaws.com/id/ABC without an ":aud" condition' },
        { line: 25, message: 'accepts a wildcard subject ("system:serviceaccount:app:*")' },
      ],
    },
    {
      name: 'Principal "*" and AWS "*" without conditions (CloudFormation JSON)',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Role: {
              Type: 'AWS::IAM::Role',
              Properties: {
                AssumeRolePolicyDocument: {
                  Statement: [
                    { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
                    { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'sts:AssumeRole' },
                    { Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } },
                  ],
                },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 10, message: 'lets any AWS principal ("*") assume the role, with no condition' },
        { line: 18, message: 'lets any AWS principal' },
      ],
    },
  ],
});
