import rule from '../../../src/rules/ecs/no-privileged.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: unprivileged, only NET_BIND_SERVICE added',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name            = "app"
    image           = "app:1"
    privileged      = false
    linuxParameters = { capabilities = { add = ["NET_BIND_SERVICE"], drop = ["ALL"] } }
  }])
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: container definitions from templatefile() (the template in the scan; a variable left unresolved)',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family                = "web"
  container_definitions = templatefile("\${path.module}/templates/web.json.tpl", { image = var.image })
}
variable "image" {
  type = string
}
`,
      others: [{ filename: 'templates/web.json.tpl', code: '[{ "name": "web", "image": "${image}", "essential": true, "privileged": true }]\n' }],
      errors: [{ line: 3, message: 'Container "web" is privileged' }],
    },
    {
      name: 'Terraform: privileged, and dangerous capabilities added',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([
    { name = "a", image = "a:1", privileged = true },
    {
      name            = "b"
      image           = "b:1"
      linuxParameters = { capabilities = { add = ["SYS_ADMIN", "CAP_NET_ADMIN"] } }
    },
  ])
}
`,
      errors: [
        { line: 4, message: 'Container "a" is privileged' },
        { line: 8, message: 'Container "b" adds the SYS_ADMIN capability, which allows mount, namespace and BPF operations (the classic container escape, close to full root on the container instance).' },
        { line: 8, message: 'Container "b" adds the NET_ADMIN capability, which allows reconfiguring interfaces, routes and iptables of the task network namespace (and of the instance with networkMode' },
      ],
    },
  ],
});
