import rule from '../../../src/rules/ecs/read-only-root-filesystem.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: read-only root filesystems; a Windows task is skipped',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family                = "web"
  container_definitions = jsonencode([{ name = "app", image = "app:1", readonlyRootFilesystem = true }])
}
resource "aws_ecs_task_definition" "win" {
  family = "win"
  runtime_platform {
    operating_system_family = "WINDOWS_SERVER_2022_CORE"
  }
  container_definitions = jsonencode([{ name = "iis", image = "iis:1" }])
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: false, and missing',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    {
      name                   = "app"
      image                  = "app:1"
      readonlyRootFilesystem = false
    },
    { name = "sidecar", image = "sidecar:1" },
  ])
}
`,
      errors: [
        { line: 7, message: 'Container "app" sets readonlyRootFilesystem to false' },
        { line: 9, message: 'Container "sidecar" does not set readonlyRootFilesystem' },
      ],
    },
  ],
});
