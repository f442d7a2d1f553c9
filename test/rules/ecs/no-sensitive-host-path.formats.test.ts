import rule from '../../../src/rules/ecs/no-sensitive-host-path.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: an application directory mounted; the Docker socket declared but mounted by no container',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name        = "app"
    image       = "app:1"
    mountPoints = [{ sourceVolume = "data", containerPath = "/data" }]
  }])
  volume {
    name      = "data"
    host_path = "/srv/app-data"
  }
  volume {
    name      = "docker"
    host_path = "/var/run/docker.sock"
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: the Docker socket and the host root, mounted',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "agent" {
  family = "agent"
  container_definitions = jsonencode([{
    name  = "agent"
    image = "agent:1"
    mountPoints = [
      { sourceVolume = "docker", containerPath = "/var/run/docker.sock" },
      { sourceVolume = "root", containerPath = "/host", readOnly = true },
    ]
  }])
  volume {
    name      = "docker"
    host_path = "/var/run/docker.sock"
  }
  volume {
    name      = "root"
    host_path = "/"
  }
}
`,
      errors: [
        { line: 13, message: 'Volume "docker" mounts the host path "/var/run/docker.sock", which exposes the Docker daemon socket' },
        { line: 17, message: 'Volume "root" mounts the host path "/" (read-only), which exposes the node\'s whole filesystem.' },
      ],
    },
  ],
});
