import rule from '../../../src/rules/obs/tracing-enabled.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: "a vendor's trace agent: the Datadog agent (here its own daemon task, the collector itself)",
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'datadog-agent-task', containerDefinitions: [{ name: 'datadog-agent', image: 'public.ecr.aws/datadog/agent:latest', essential: true }] }, null, 2),
    },
    {
      name: 'task-definition JSON: X-Ray daemon sidecar',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'web',
        containerDefinitions: [
          { name: 'web', image: 'web:1' },
          { name: 'xray', image: 'public.ecr.aws/xray/aws-xray-daemon:3.3.7', essential: false },
        ],
      }),
    },
    {
      name: 'CloudFormation: ADOT collector; an unknown image; an unknown container list',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Image: { Type: String }
        Resources:
          A:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                - Name: otel
                  Image: public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0
          B:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                - Name: sidecar
                  Image: !Ref Image
          C:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions: !If [Prod, [], []]
      `,
    },
    {
      name: 'Terraform: jsonencode with an amazon/aws-xray-daemon sidecar',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_task_definition" "a" {
          family = "a"
          container_definitions = jsonencode([
            { name = "app", image = "app:1" },
            { name = "xray-daemon", image = "amazon/aws-xray-daemon" },
          ])
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'task-definition JSON: only the application',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'web:1' }] }, null, 2),
      errors: [{ line: 3, message: 'No container of the task runs an X-Ray daemon or ADOT collector (containers: "web")' }],
    },
    {
      name: 'CloudFormation YAML: app and log router, no collector',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                - Name: log_router
                  Image: public.ecr.aws/aws-observability/aws-for-fluent-bit:stable
      `,
      errors: [{ line: 6, message: '(containers: "app", "log_router")' }],
    },
    {
      name: 'CloudFormation JSON',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'app:1' }] } } } },
        null,
        2,
      ),
      errors: [{ line: 6, message: 'containers: "app"' }],
    },
    {
      name: 'Terraform: jsonencode and heredoc JSON string',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_task_definition" "a" {
          family = "a"
          container_definitions = jsonencode([
            { name = "app", image = "app:1" },
          ])
        }
        resource "aws_ecs_task_definition" "b" {
          family = "b"
          container_definitions = <<EOT
        [{"name": "api", "image": "api:2"}]
        EOT
        }
      `,
      errors: [
        { line: 3, message: 'containers: "app"' },
        { line: 9, message: 'containers: "api"' },
      ],
    },
  ],
});
