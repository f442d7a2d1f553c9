import rule from '../../../src/rules/ecs/fargate-platform.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: Fargate task and service on LATEST; a capacity provider strategy leaves the launch type to the cluster',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  container_definitions    = jsonencode([{ name = "app", image = "app:1" }])
}
resource "aws_ecs_service" "web" {
  name             = "web"
  task_definition  = aws_ecs_task_definition.web.arn
  launch_type      = "FARGATE"
  platform_version = "LATEST"
}
resource "aws_ecs_service" "spot" {
  name            = "spot"
  task_definition = aws_ecs_task_definition.web.arn
  capacity_provider_strategy {
    capacity_provider = "FARGATE_SPOT"
    weight            = 1
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: EC2 task definitions, an EC2 service and an old platform version',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "implicit" {
  family                = "implicit"
  container_definitions = jsonencode([{ name = "app", image = "app:1" }])
}
resource "aws_ecs_task_definition" "ec2" {
  family                   = "ec2"
  requires_compatibilities = ["EC2"]
  container_definitions    = jsonencode([{ name = "app", image = "app:1" }])
}
resource "aws_ecs_service" "ec2" {
  name        = "ec2"
  launch_type = "EC2"
}
resource "aws_ecs_service" "old" {
  name             = "old"
  launch_type      = "FARGATE"
  platform_version = "1.3.0"
}
`,
      errors: [
        { line: 1, message: 'Task definition does not set requiresCompatibilities' },
        { line: 7, message: 'Task definition requires EC2 and not FARGATE' },
        { line: 12, message: 'Service runs on the EC2 launch type' },
        { line: 17, message: 'Service pins Fargate platform version 1.3.0, older than the newest (LATEST / 1.4.0).' },
      ],
    },
  ],
});
