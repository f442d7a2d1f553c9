import rule from '../../../src/rules/ecs/no-plaintext-secrets.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform table cases beside the CloudFormation and eksctl / task-definition cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: secrets from Secrets Manager, ordinary settings in the environment',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name        = "app"
    image       = "app:1"
    environment = [{ name = "LOG_LEVEL", value = "info" }, { name = "DB_PASSWORD_FILE", value = "/run/secrets/db" }]
    secrets     = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" }]
  }])
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: a password and a connection string with credentials in the environment',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name  = "app"
    image = "app:1"
    environment = [
      { name = "DB_PASSWORD", value = "hunter2-but-longer" },
      { name = "DATABASE_URL", value = "postgres://app:s3cr3t-pa55@db.internal:5432/app" },
    ]
  }])
}
`,
      errors: [
        { line: 7, message: 'Environment variable "DB_PASSWORD" of container "app" has a literal value although its name says it is a secret ("password")' },
        { line: 8, message: 'Environment variable "DATABASE_URL" of container "app" has a literal value that contains a URL with an embedded password' },
      ],
    },
  ],
});
