import rule from '../../../src/rules/ecs/run-as-non-root.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: numeric and named users; a user from a variable is unknown',
      filename: 'main.tf',
      code: `variable "user" {}
resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    { name = "a", image = "a:1", user = "1000:1000" },
    { name = "b", image = "b:1", user = "nobody" },
    { name = "c", image = "c:1", user = var.user },
  ])
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: root, 0:0 and no user',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    { name = "a", image = "a:1", user = "root" },
    { name = "b", image = "b:1", user = "0:0" },
    { name = "c", image = "c:1" },
  ])
}
`,
      errors: [
        { line: 4, message: 'Container "a" runs as root (user "root").' },
        { line: 5, message: 'Container "b" runs as root (user "0:0").' },
        { line: 6, message: 'Container "c" sets no user' },
      ],
    },
    {
      name: 'Terraform: a local module called with for_each; only the instance given root is reported, in the module file',
      filename: 'main.tf',
      code: `module "svc" {
  source   = "./svc"
  for_each = toset(["a", "b"])
  user     = each.key == "a" ? "root" : "1000"
}
`,
      others: [
        { filename: 'svc/main.tf', code: `variable "user" {}
resource "aws_ecs_task_definition" "this" {
  family = "svc"
  container_definitions = jsonencode([{
    name  = "app"
    image = "app:1"
    user  = var.user
  }])
}
` },
      ],
      errors: [
        { line: 7, path: 'svc/main.tf', message: 'Container "app" runs as root (user "root").' },
      ],
    },
  ],
});
