import rule from '../../../src/rules/ecs/no-aws-credentials-in-env.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Terraform (and, where missing, CloudFormation JSON) cases beside the cases of the main test file.
ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: ordinary variables and secrets',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name        = "app"
    image       = "app:1"
    environment = [{ name = "AWS_REGION", value = "us-east-1" }, { name = "AWS_DEFAULT_REGION", value = "us-east-1" }]
    secrets     = [{ name = "DB_PASSWORD", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" }]
  }])
}
`,
    },
  ],
  invalid: [
    {
      name: 'Terraform: a literal secret key, keys through secrets, an access key ID under another name',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name  = "app"
    image = "app:1"
    environment = [
      { name = "AWS_SECRET_ACCESS_KEY", value = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
      { name = "LEGACY_KEY", value = "AKIAIOSFODNN7EXAMPLE" },
    ]
    secrets = [
      { name = "AWS_ACCESS_KEY_ID", valueFrom = "arn:aws:ssm:us-east-1:123456789012:parameter/ci/key-id" },
    ]
  }])
}
`,
      errors: [
        { line: 7, message: 'Container "app" sets AWS_SECRET_ACCESS_KEY to a literal AWS secret access key' },
        { line: 11, message: 'Container "app" reads AWS_ACCESS_KEY_ID from a secret' },
      ],
    },
  ],
});
