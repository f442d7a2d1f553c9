import rule from '../../../src/rules/ecs/efs-iam-authorization.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: IAM authorization enabled; a host volume is not EFS',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family                = "web"
  container_definitions = jsonencode([{ name = "app", image = "app:1" }])
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-1"
      transit_encryption = "ENABLED"
      authorization_config {
        access_point_id = "fsap-1"
        iam             = "ENABLED"
      }
    }
  }
  volume {
    name = "scratch"
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: no authorization_config, and iam DISABLED',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family                = "web"
  container_definitions = jsonencode([{ name = "app", image = "app:1" }])
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id     = "fs-1"
      transit_encryption = "ENABLED"
    }
  }
  volume {
    name = "shared"
    efs_volume_configuration {
      file_system_id     = "fs-2"
      transit_encryption = "ENABLED"
      authorization_config {
        iam = "DISABLED"
      }
    }
  }
}
`,
      errors: [
        { line: 6, message: 'EFS volume "data" is mounted without IAM authorization (authorization_config.iam is not set)' },
        { line: 17, message: 'EFS volume "shared" sets authorization_config.iam to DISABLED' },
      ],
    },
  ],
});
