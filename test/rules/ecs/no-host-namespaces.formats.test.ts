import rule from '../../../src/rules/ecs/no-host-namespaces.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: awsvpc networking, task-private PID and IPC',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family                = "web"
  network_mode          = "awsvpc"
  pid_mode              = "task"
  ipc_mode              = "none"
  container_definitions = jsonencode([{ name = "app", image = "app:1" }])
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: host network, PID and IPC namespaces',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family                = "web"
  network_mode          = "host"
  pid_mode              = "host"
  ipc_mode              = "host"
  container_definitions = jsonencode([{ name = "app", image = "app:1" }])
}
`,
      errors: [
        { line: 3, message: 'Task definition sets networkMode' },
        { line: 4, message: 'Task definition sets pidMode' },
        { line: 5, message: 'Task definition sets ipcMode' },
      ],
    },
  ],
});
