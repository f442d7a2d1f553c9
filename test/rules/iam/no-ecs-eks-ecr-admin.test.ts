import rule from '../../../src/rules/iam/no-ecs-eks-ecr-admin.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'an Allow that an unconditional Deny of the same policy entirely overrides grants nothing',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Action: 'ecs:*', Resource: '*' },
            { Effect: 'Allow', Action: 'ecs:*', Resource: '*' },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'deploy actions scoped to the service; GetAuthorizationToken on *',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Deploy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: [ecs:UpdateService, ecs:DescribeServices]
                    Resource: arn:aws:ecs:eu-west-1:123456789012:service/prod/web
                  - Effect: Allow
                    Action: ecr:GetAuthorizationToken
                    Resource: "*"
                  - Effect: Allow
                    Action: ecr:*
                    Resource: arn:aws:ecr:eu-west-1:123456789012:repository/web
      `,
    },
    {
      name: 'one repository or one cluster\'s services of an unresolved account; another service\'s resources',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Repo: { Type: String }
        Resources:
          Deploy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: ecr:*
                    Resource:
                      - !Sub arn:\${AWS::Partition}:ecr:\${AWS::Region}:\${AWS::AccountId}:repository/\${Repo}
                      - !Sub arn:aws:ecr:\${AWS::Region}:\${AWS::AccountId}:repository/web
                  - Effect: Allow
                    Action: ecs:*
                    Resource:
                      - arn:aws:ecs:us-east-1:123456789012:service/prod/*
                      - arn:aws:ecr:us-east-1:123456789012:repository/*
      `,
    },
    {
      name: 'Deny ecs:* is fine',
      filename: 'scp.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ecs:*', Resource: '*' }] }, null, 2),
    },
  ],
  invalid: [
    {
      name: 'ecs:*, eks:* and ecr:* on * in a policy file',
      filename: 'ci.json',
      code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'CI', Effect: 'Allow', Action: ['ecs:*', 'eks:*', 'ecr:*', 's3:GetObject'], Resource: '*' }] }, null, 2),
      errors: [
        { line: 8, message: 'statement "CI" allows every ECS action ("ecs:*") on every resource' },
        { line: 9, message: 'EKS' },
        { line: 10, message: 'ECR' },
      ],
    },
    {
      name: 'inline user policy in CloudFormation YAML',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Ci:
            Type: AWS::IAM::User
            Properties:
              Policies:
                - PolicyName: deploy
                  PolicyDocument:
                    Statement:
                      Effect: Allow
                      Action: ecs:*
                      Resource: "*"
                - PolicyName: ecr
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: [ecr:*]
                        Resource: arn:aws:ecr:*:*:repository/*
      `,
      errors: [
        { line: 10, message: 'Policies[0] "deploy" allows every ECS action' },
        { line: 16, message: 'Policies[1] "ecr" Statement[0] allows every ECR action' },
      ],
    },
    {
      name: 'every resource of the service in one account (policy file)',
      filename: 'policy.json',
      code: JSON.stringify(
        {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: 'ecs:*', Resource: 'arn:aws:ecs:us-east-1:123456789012:*' },
            { Effect: 'Allow', Action: 'ecr:*', Resource: ['arn:aws:ecr:us-east-1:123456789012:repository/web', 'arn:aws:ecr:*:123456789012:repository/*'] },
            { Effect: 'Allow', Action: 'eks:*', Resource: 'arn:aws:eks:*:*:*' },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 6, message: 'policy Statement[0] allows every ECS action ("ecs:*") on every ECS resource of the account ("arn:aws:ecs:us-east-1:123456789012:*").' },
        { line: 11, message: 'allows every ECR action ("ecr:*") on every ECR resource of the account ("arn:aws:ecr:*:123456789012:repository/*").' },
        { line: 19, message: 'allows every EKS action ("eks:*") on every resource.' },
      ],
    },
    {
      name: 'every repository or cluster of an unresolved account (Fn::Sub)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Ci:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - { Effect: Allow, Principal: { Service: codebuild.amazonaws.com }, Action: sts:AssumeRole }
              Policies:
                - PolicyName: deploy
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: [ecr:*, eks:*]
                        Resource:
                          - !Sub arn:\${AWS::Partition}:ecr:\${AWS::Region}:\${AWS::AccountId}:repository/*
                          - !Sub arn:\${AWS::Partition}:eks:\${AWS::Region}:\${AWS::AccountId}:cluster/*
      `,
      errors: [
        { line: 13, message: 'Policies[0] "deploy" Statement[0] allows every ECR action ("ecr:*") on every ECR resource of the account ("arn:aws:ecr:${AWS::Region}:${AWS::AccountId}:repository/*").' },
        { line: 13, message: 'Policies[0] "deploy" Statement[0] allows every EKS action ("eks:*") on every EKS resource of the account ("arn:aws:eks:${AWS::Region}:${AWS::AccountId}:cluster/*").' },
      ],
    },
  ],
});
