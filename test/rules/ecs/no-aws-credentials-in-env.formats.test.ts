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
    {
      name: 'Terraform: other attributes of the access key are no credential',
      filename: 'main.tf',
      code: `resource "aws_iam_access_key" "ci" {
  user = "ci"
}
resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name        = "app"
    image       = "app:1"
    environment = [
      { name = "KEY_CREATED", value = aws_iam_access_key.ci.create_date },
      { name = "KEY_LENGTH", value = length(aws_iam_access_key.ci.id) },
      { name = "KEY_HASH", value = "\${sha256(aws_iam_access_key.ci.secret)}" },
      { name = "LITERAL", value = "$\${aws_iam_access_key.ci.secret}" },
    ]
  }])
}
`,
    },
    {
      name: 'CloudFormation: a Ref to a resource that is no access key',
      filename: 'template.yaml',
      code: `Resources:
  Queue:
    Type: AWS::SQS::Queue
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: app:1
          Environment:
            - { Name: QUEUE_URL, Value: !Ref Queue }
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
    {
      name: 'Terraform: the key ID and secret of an aws_iam_access_key of the files, under any name, in a module too',
      filename: 'main.tf',
      code: `resource "aws_iam_access_key" "ci" {
  user = "ci"
}
resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name  = "app"
    image = "app:1"
    environment = [
      { name = "AWS_ACCESS_KEY_ID", value = aws_iam_access_key.ci.id },
      { name = "UPLOADER_SECRET", value = "\${aws_iam_access_key.ci.secret}" },
      { name = "SMTP_PASSWORD", value = aws_iam_access_key.ci.ses_smtp_password_v4 },
    ]
  }])
}
`,
      errors: [
        { line: 10, message: 'Container "app" sets AWS_ACCESS_KEY_ID to the key ID of the IAM user access key aws_iam_access_key.ci: static IAM credentials instead of the task role.' },
        { line: 11, message: 'Container "app" sets UPLOADER_SECRET to the secret access key of the IAM user access key aws_iam_access_key.ci' },
        { line: 12, message: 'Container "app" sets SMTP_PASSWORD to the SES SMTP password of the IAM user access key aws_iam_access_key.ci' },
      ],
    },
    {
      name: 'Terraform: for_each keys with dots, and a template holding both parts names the secret; the SMTP password gets the SES fix',
      filename: 'main.tf',
      code: `resource "aws_iam_access_key" "ci" {
  for_each = toset(["a.b"])
  user     = "ci"
}
resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name  = "app"
    image = "app:1"
    environment = [
      { name = "CREDENTIALS", value = "\${aws_iam_access_key.ci["a.b"].id}:\${aws_iam_access_key.ci["a.b"].secret}" },
      { name = "SMTP_PASSWORD", value = aws_iam_access_key.ci["a.b"].ses_smtp_password_v4 },
    ]
  }])
}
`,
      errors: [
        { line: 11, message: 'Container "app" sets CREDENTIALS to the secret access key of the IAM user access key aws_iam_access_key.ci["a.b"]' },
        { line: 12, message: 'Container "app" sets SMTP_PASSWORD to the SES SMTP password of the IAM user access key aws_iam_access_key.ci["a.b"]', fix: 'SES API' },
      ],
    },
    {
      name: 'Terraform: functions that pass the key on (nonsensitive, try, one of a splat, base64encode, a conditional) still hand it to the container; a digest does not',
      filename: 'main.tf',
      code: `resource "aws_iam_access_key" "ci" {
  count = 1
  user  = "ci"
}
resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name  = "app"
    image = "app:1"
    environment = [
      { name = "A", value = nonsensitive(aws_iam_access_key.ci[0].secret) },
      { name = "B", value = try(one(aws_iam_access_key.ci[*].id), "") },
      { name = "C", value = base64encode(sha256(aws_iam_access_key.ci[0].secret)) },
      { name = "D", value = var.enabled ? base64encode(aws_iam_access_key.ci[0].secret) : "" },
    ]
  }])
}
`,
      errors: [
        { line: 11, message: 'Container "app" sets A to the secret access key of the IAM user access key aws_iam_access_key.ci[0]' },
        { line: 12, message: 'Container "app" sets B to the key ID of the IAM user access key aws_iam_access_key.ci' },
        { line: 14, message: 'Container "app" sets D to the secret access key of the IAM user access key aws_iam_access_key.ci[0]' },
      ],
    },
    {
      name: 'CloudFormation: Ref, Fn::GetAtt and Fn::Sub of an AWS::IAM::AccessKey of the template',
      filename: 'template.yaml',
      code: `Resources:
  Key:
    Type: AWS::IAM::AccessKey
    Properties: { UserName: ci }
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: app:1
          Environment:
            - { Name: AWS_ACCESS_KEY_ID, Value: !Ref Key }
            - { Name: AWS_SECRET_ACCESS_KEY, Value: !GetAtt Key.SecretAccessKey }
            - Name: CREDENTIALS
              Value: !Sub "\${Key}:\${Key.SecretAccessKey}"
`,
      errors: [
        { line: 12, message: 'Container "app" sets AWS_ACCESS_KEY_ID to the key ID of the IAM user access key Key' },
        { line: 13, message: 'Container "app" sets AWS_SECRET_ACCESS_KEY to the secret access key of the IAM user access key Key' },
        { line: 15, message: 'Container "app" sets CREDENTIALS to the secret access key of the IAM user access key Key' },
      ],
    },
    {
      name: 'CloudFormation: the key of a user an Fn::ForEach loop creates',
      filename: 'template.yaml',
      code: `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Keys:
    - User
    - [Ci, Deploy]
    - Key\${User}:
        Type: AWS::IAM::AccessKey
        Properties: { UserName: !Ref User }
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: app:1
          Environment:
            - { Name: AWS_ACCESS_KEY_ID, Value: !Ref KeyCi }
`,
      errors: [{ line: 16, message: 'Container "app" sets AWS_ACCESS_KEY_ID to the key ID of the IAM user access key KeyCi' }],
    },
    {
      name: 'Terraform and CloudFormation: a credential variable filled in at deployment (an input variable, a parameter) is a static key whatever its value',
      filename: 'main.tf',
      code: `resource "aws_ecs_task_definition" "web" {
  family = "web"
  container_definitions = jsonencode([{
    name        = "app"
    image       = "app:1"
    environment = [{ name = "AWS_SECRET_ACCESS_KEY", value = var.secret_key }]
  }])
}
`,
      errors: [{ line: 6, message: 'Container "app" sets AWS_SECRET_ACCESS_KEY to a value filled in at deployment: static IAM credentials (an AWS secret access key) instead of the task role.' }],
    },
  ],
});
