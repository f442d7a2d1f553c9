import rule from '../../../src/rules/ecs/trusted-registry.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: ECR private and public; an image from a variable is unknown',
      filename: 'main.tf',
      code: `variable "image" {}
resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    { name = "a", image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2" },
    { name = "b", image = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0" },
    { name = "c", image = var.image },
  ])
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: Docker Hub (implied) and GitHub Container Registry',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    { name = "a", image = "nginx:1.27" },
    { name = "b", image = "ghcr.io/acme/app:1.0" },
  ])
}
`,
      errors: [
        { line: 4, message: 'Container "a" runs image "nginx:1.27" from Docker Hub (docker.io, implied' },
        { line: 5, message: 'Container "b" runs image "ghcr.io/acme/app:1.0" from ghcr.io, which is not a trusted registry (allowed' },
      ],
    },
  ],
});
