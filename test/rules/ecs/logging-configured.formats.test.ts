import rule from '../../../src/rules/ecs/logging-configured.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: awslogs and awsfirelens',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    { name = "a", image = "a:1", logConfiguration = { logDriver = "awslogs", options = { awslogs-group = "web" } } },
    { name = "b", image = "b:1", logConfiguration = { logDriver = "awsfirelens" } },
  ])
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: no logConfiguration, json-file and none',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    { name = "a", image = "a:1" },
    {
      name             = "b"
      image            = "b:1"
      logConfiguration = { logDriver = "json-file" }
    },
    {
      name             = "c"
      image            = "c:1"
      logConfiguration = { logDriver = "none" }
    },
  ])
}
`,
      errors: [
        { line: 4, message: 'Container "a" has no logConfiguration' },
        { line: 8, message: 'Container "b" logs with the "json-file" driver, not awslogs or awsfirelens' },
        { line: 13, message: 'Container "c" logs with the "none" driver, not awslogs or awsfirelens' },
      ],
    },
  ],
});
