import rule from '../../../src/rules/ecs/drop-all-capabilities.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: ALL dropped (any case); a Windows task is skipped',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    { name = "a", image = "a:1", linuxParameters = { capabilities = { drop = ["ALL"] } } },
    { name = "b", image = "b:1", linuxParameters = { capabilities = { add = ["NET_BIND_SERVICE"], drop = ["all"] } } },
  ])
}
resource "aws_ecs_task_definition" "win" {
  family = "win"
  runtime_platform {
    operating_system_family = "WINDOWS_SERVER_2019_CORE"
  }
  container_definitions = jsonencode([{ name = "iis", image = "iis:1" }])
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: a drop list without ALL, and no linuxParameters at all',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    {
      name  = "app"
      image = "app:1"
      linuxParameters = {
        capabilities = { drop = ["NET_RAW"] }
      }
    },
    {
      name  = "sidecar"
      image = "sidecar:1"
    },
  ])
}
`,
      errors: [
        { line: 8, message: 'Container "app" does not drop all capabilities' },
        { line: 11, message: 'Container "sidecar" does not drop all capabilities' },
      ],
    },
    {
      name: 'Terraform: heredoc container definitions are reported inside the heredoc',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family                = "web"
  container_definitions = <<EOF
[{"name": "app", "image": "app:1", "linuxParameters": {"capabilities": {"drop": ["SYS_ADMIN"]}}}]
EOF
}
`,
      errors: [
        { line: 4, message: 'Container "app" does not drop all capabilities' },
      ],
    },
    {
      name: 'CloudFormation JSON: a drop list without ALL and a container without LinuxParameters',
      filename: 'template.json',
      code: JSON.stringify(
        {
          AWSTemplateFormatVersion: '2010-09-09',
          Resources: {
            Task: {
              Type: 'AWS::ECS::TaskDefinition',
              Properties: {
                ContainerDefinitions: [
                  { Name: 'app', Image: 'app:1', LinuxParameters: { Capabilities: { Drop: ['NET_RAW'] } } },
                  { Name: 'ok', Image: 'app:1', LinuxParameters: { Capabilities: { Drop: ['ALL'] } } },
                  { Name: 'bare', Image: 'app:1' },
                ],
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 13, message: 'Container "app" does not drop all capabilities' },
        { line: 30, message: 'Container "bare" does not drop all capabilities' },
      ],
    },
  ],
});
