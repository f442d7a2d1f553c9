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
      name: 'Terraform: snake_case fields inside container definitions (jsonencode and heredoc); nested names are left alone',
      filename: 'main.tf',
      code: [
        'resource "aws_ecs_task_definition" "snake" {',
        '  family                = "snake"',
        '  container_definitions = jsonencode([{',
        '    name                     = "app"',
        '    image                    = "app:1"',
        '    readonly_root_filesystem = true',
        '    log_configuration        = { logDriver = "awslogs", options = { awslogs-group = "/ecs/app" } }',
        '    not_a_field              = 1',
        '  }])',
        '}',
        'resource "aws_ecs_task_definition" "heredoc" {',
        '  family                = "heredoc"',
        '  container_definitions = <<EOF',
        '[{ "name": "app", "image": "app:1", "port_mappings": [{ "container_port": 80 }] }]',
        'EOF',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 6, message: 'Container "app" sets "readonly_root_filesystem", which the AWS provider drops without a word: the field is "readonlyRootFilesystem", so the container is deployed as if "readonly_root_filesystem" were not there.' },
        { line: 7, message: '"log_configuration"' },
        { line: 14, message: '"port_mappings"' },
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
