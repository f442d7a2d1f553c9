import rule from '../../../src/rules/iam/no-ecs-eks-ecr-admin.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
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
        { line: 16, message: 'Policies[1] "ecr" allows every ECR action' },
      ],
    },
  ],
});
