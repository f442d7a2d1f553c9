import rule from '../../../src/rules/ecs/image-tag-pinned.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: tags, digests, a registry port, and an image from a variable (unknown)',
      filename: 'main.tf',
      code: `variable "image" {}
resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    { name = "a", image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2" },
    { name = "b", image = "registry.local:5000/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" },
    { name = "c", image = var.image },
  ])
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: no tag, latest, a floating tag behind a registry port',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    { name = "a", image = "nginx" },
    { name = "b", image = "public.ecr.aws/nginx/nginx:latest" },
    { name = "c", image = "registry.local:5000/web:stable" },
  ])
}
`,
      errors: [
        { line: 4, message: 'Container "a" runs image "nginx" without a tag or digest, which means "latest".' },
        { line: 5, message: 'Container "b" runs image "public.ecr.aws/nginx/nginx:latest" with the floating tag "latest".' },
        { line: 6, message: 'Container "c" runs image "registry.local:5000/web:stable" with the floating tag "stable".' },
      ],
    },
  ],
});
