import rule from '../../../src/rules/ecs/task-role-separate.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'task-definition JSON: two roles',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'web',
        taskRoleArn: 'arn:aws:iam::123456789012:role/web-task',
        executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
        containerDefinitions: [{ name: 'web', image: 'web:1' }],
      }),
    },
    {
      name: 'CloudFormation: execution role only (no task role: no AWS credentials at all)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          ExecRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {}
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ExecutionRoleArn: !GetAtt ExecRole.Arn
              ContainerDefinitions:
                - Name: a
                  Image: a:1
      `,
    },
    {
      name: 'CloudFormation: two parameters cannot be compared',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          A: { Type: String }
          B: { Type: String }
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: !Ref A
              ExecutionRoleArn: !Ref B
              ContainerDefinitions:
                - Name: a
                  Image: a:1
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation YAML: Ref and GetAtt of the same role',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument: {}
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              TaskRoleArn: !Ref Role
              ExecutionRoleArn: !GetAtt Role.Arn
              ContainerDefinitions:
                - Name: a
                  Image: a:1
      `,
      errors: [{ line: 9, message: 'The task role is the execution role' }],
    },
    {
      name: 'task-definition JSON: ARN and role name',
      filename: 'taskdef.json',
      code: JSON.stringify(
        { family: 'web', taskRoleArn: 'arn:aws:iam::123456789012:role/service/app', executionRoleArn: 'app', containerDefinitions: [{ name: 'web', image: 'web:1' }] },
        null,
        2,
      ),
      errors: [{ line: 3 }],
    },
    {
      name: 'CloudFormation JSON: GetAtt in array form twice',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Task: {
              Type: 'AWS::ECS::TaskDefinition',
              Properties: { ExecutionRoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] }, TaskRoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] }, ContainerDefinitions: [{ Name: 'a', Image: 'a:1' }] },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 12 }],
    },
  ],
});
