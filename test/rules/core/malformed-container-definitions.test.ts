import rule from '../../../src/rules/core/malformed-container-definitions.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: a jsonencode list, a heredoc list, a variable, a module output',
      filename: 'main.tf',
      code: [
        'variable "definitions" {}',
        'resource "aws_ecs_task_definition" "a" {',
        '  family                = "a"',
        '  container_definitions = jsonencode([{ name = "app", image = "app:1" }])',
        '}',
        'resource "aws_ecs_task_definition" "b" {',
        '  family                = "b"',
        '  container_definitions = <<EOF',
        '[{ "name": "app", "image": "app:1" }]',
        'EOF',
        '}',
        'resource "aws_ecs_task_definition" "c" {',
        '  family                = "c"',
        '  container_definitions = var.definitions',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'CloudFormation: a list of containers',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions: [{ Name: app, Image: app:1 }]
      `,
    },
  ],
  invalid: [
    {
      name: 'Terraform: one object instead of a list (KICS fixture shape), JSON that does not parse, an entry that is a string',
      filename: 'main.tf',
      code: [
        'resource "aws_ecs_task_definition" "object" {',
        '  family                = "object"',
        '  container_definitions = jsonencode({ name = "app", image = "app:1", privileged = true })',
        '}',
        'resource "aws_ecs_task_definition" "broken" {',
        '  family                = "broken"',
        '  container_definitions = <<EOF',
        '[{ "name": "app", "image": "app:1", }]',
        'EOF',
        '}',
        'resource "aws_ecs_task_definition" "entry" {',
        '  family                = "entry"',
        '  container_definitions = jsonencode(["app"])',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 3, message: "The task definition's container definitions are an object, not a list: ECS rejects it, and the containers it describes were not checked." },
        { line: 7, message: 'are a string that is not valid JSON' },
        { line: 13, message: 'have an entry (0) that is not an object' },
      ],
    },
    {
      name: 'CloudFormation: ContainerDefinitions written as a map',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                Name: app
                Image: app:1
      `,
      errors: [{ line: 5, message: 'are an object, not a list' }],
    },
  ],
});
