import rule from '../../../src/rules/iam/no-admin-policy.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'task execution role and read-only managed policies',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ecs-tasks.amazonaws.com }, Action: sts:AssumeRole }] }
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy
                - !Sub arn:\${AWS::Partition}:iam::aws:policy/ReadOnlyAccess
                - !Ref CustomPolicy
                - !Ref PolicyArnParameter
      `,
    },
    {
      name: 'customer managed policy named like an AWS one is not an AWS managed policy',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              ManagedPolicyArns: [arn:aws:iam::123456789012:policy/AdministratorAccess-limited]
      `,
    },
  ],
  invalid: [
    {
      name: 'AdministratorAccess literal and *FullAccess via Fn::Sub on a role',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/AdministratorAccess
                - !Sub arn:\${AWS::Partition}:iam::aws:policy/AmazonS3FullAccess
                - arn:aws:iam::aws:policy/AmazonECS_FullAccess
      `,
      errors: [
        { line: 6, message: 'AdministratorAccess: administrator-level access' },
        { line: 7, message: 'AmazonS3FullAccess' },
        { line: 8, message: 'AmazonECS_FullAccess' },
      ],
    },
    {
      name: 'Fn::Join ARN on a group (CloudFormation JSON)',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Ops: { Type: 'AWS::IAM::Group', Properties: { ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/IAMFullAccess']] }] } } } },
        null,
        2,
      ),
      errors: [{ line: 7, message: 'The group has the AWS managed policy IAMFullAccess' }],
    },
  ],
});
