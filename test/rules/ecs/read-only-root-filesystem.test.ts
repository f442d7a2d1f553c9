import rule from '../../../src/rules/ecs/read-only-root-filesystem.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'task-definition JSON with read-only root filesystems',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'web:1', readonlyRootFilesystem: true }] }),
    },
    {
      name: 'CloudFormation: true as a string, and an intrinsic (unknown)',
      filename: 'template.yaml',
      code: yaml`
        Conditions:
          Prod: !Equals [a, a]
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: a
                  Image: a:1
                  ReadonlyRootFilesystem: "true"
                - Name: b
                  Image: b:1
                  ReadonlyRootFilesystem: !If [Prod, true, false]
      `,
    },
  ],
  invalid: [
    {
      name: 'task-definition JSON: false and missing',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'web',
          containerDefinitions: [
            { name: 'web', image: 'web:1', readonlyRootFilesystem: false },
            { name: 'log', image: 'log:1' },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 7, message: 'sets readonlyRootFilesystem to false' },
        { line: 9, message: '"log" does not set readonlyRootFilesystem' },
      ],
    },
    {
      name: 'CloudFormation YAML: missing',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
      `,
      errors: [{ line: 6, column: 11 }],
    },
    {
      name: 'Terraform: readonly_root_filesystem inside container definitions is not the API field (the provider drops it)',
      filename: 'main.tf',
      code: [
        'resource "aws_ecs_task_definition" "snake" {',
        '  family                = "snake"',
        '  container_definitions = jsonencode([{ name = "app", image = "app:1", readonly_root_filesystem = true }])',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 3, message: '"app" does not set readonlyRootFilesystem' }],
    },
    {
      name: 'CloudFormation JSON: false',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'app:1', ReadonlyRootFilesystem: false }] } } } },
        null,
        2,
      ),
      errors: [{ line: 10, message: 'false' }],
    },
  ],
});
