import rule from '../../../src/rules/ecs/efs-transit-encryption.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: transit encryption enabled',
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
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: transit encryption missing (DISABLED by default), and DISABLED',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family                = "web"
  container_definitions = jsonencode([{ name = "app", image = "app:1" }])
  volume {
    name = "data"
    efs_volume_configuration {
      file_system_id = "fs-1"
    }
  }
  volume {
    name = "shared"
    efs_volume_configuration {
      file_system_id     = "fs-2"
      transit_encryption = "DISABLED"
    }
  }
}
`,
      errors: [
        { line: 6, message: 'EFS volume "data" does not set transit_encryption' },
        { line: 14, message: 'EFS volume "shared" sets transit_encryption to DISABLED' },
      ],
    },
  ],
});
