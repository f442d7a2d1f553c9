import rule from '../../../src/rules/ecs/task-role-separate.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: separate roles; no task role at all',
      filename: 'main.tf',
      code: `resource "aws_iam_role" "task" {
  name = "task"
}
resource "aws_iam_role" "exec" {
  name = "exec"
}
resource "aws_ecs_task_definition" "web" {
  family                = "web"
  task_role_arn         = aws_iam_role.task.arn
  execution_role_arn    = aws_iam_role.exec.arn
  container_definitions = jsonencode([{ name = "app", image = "app:1" }])
}
resource "aws_ecs_task_definition" "batch" {
  family                = "batch"
  execution_role_arn    = aws_iam_role.exec.arn
  container_definitions = jsonencode([{ name = "app", image = "app:1" }])
}
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation YAML: the same role through every form of GetAtt (dotted, flow list, block list, long form)',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Role:
    Type: AWS::IAM::Role
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: !GetAtt [Role, Arn]
      ExecutionRoleArn: !GetAtt Role.Arn
      ContainerDefinitions:
        - {Name: app, Image: app:1}
  Other:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: !GetAtt
        - Role
        - Arn
      ExecutionRoleArn: {"Fn::GetAtt": ["Role", "Arn"]}
      ContainerDefinitions:
        - {Name: app, Image: app:1}
`,
      errors: [
        { line: 8, message: 'The task role is the execution role' },
        { line: 15, message: 'The task role is the execution role' },
      ],
    },
    {
      name: 'Terraform: the same role by reference, and by literal ARN',
      filename: 'main.tf',
      code: `resource "aws_iam_role" "exec" {
  name = "exec"
}
resource "aws_ecs_task_definition" "web" {
  family                = "web"
  task_role_arn         = aws_iam_role.exec.arn
  execution_role_arn    = aws_iam_role.exec.arn
  container_definitions = jsonencode([{ name = "app", image = "app:1" }])
}
resource "aws_ecs_task_definition" "batch" {
  family                = "batch"
  task_role_arn         = "arn:aws:iam::123456789012:role/ecs"
  execution_role_arn    = "arn:aws:iam::123456789012:role/ecs"
  container_definitions = jsonencode([{ name = "app", image = "app:1" }])
}
`,
      errors: [
        { line: 6, message: 'The task role is the execution role' },
        { line: 12, message: 'The task role is the execution role' },
      ],
    },
  ],
});
