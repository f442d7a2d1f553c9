import rule from '../../../src/rules/ecs/no-plaintext-secrets.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

// Assembled at run time so that the repository carries no scannable secret.
const GITHUB_TOKEN = ['ghp_', 'R8vT2kLm9QxZ4wPn7YbC', '3dFh6JsA1eGu5NiK0oMq'].join('');

ruleTester(rule, {
  valid: [
    {
      name: 'task-definition JSON: secrets through valueFrom, harmless environment',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'web',
        containerDefinitions: [
          {
            name: 'web',
            image: 'web:1',
            environment: [
              { name: 'ENVIRONMENT', value: 'production' },
              { name: 'DB_PASSWORD_SECRET_ARN', value: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf' },
              { name: 'TOKEN_FILE', value: '/run/secrets/token' },
            ],
            secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/db/password' }],
          },
        ],
      }),
    },
    {
      name: 'CloudFormation: empty values; an unresolved value under a name that does not say it is the secret, or a secret\'s ARN',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          DbHost: { Type: String }
        Resources:
          Secret:
            Type: AWS::SecretsManager::Secret
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  Environment:
                    - Name: API_TOKEN
                      Value: ""
                    - Name: DB_HOST
                      Value: !Ref DbHost
                    - Name: DB_PASSWORD
                      Value: !Ref Secret
      `,
    },
    {
      name: 'Terraform: unresolved values under names that do not say they are the secret, or that name it',
      filename: 'main.tf',
      code: [
        'variable "db_host" {}',
        'resource "aws_secretsmanager_secret" "db" {}',
        'resource "aws_ecs_task_definition" "app" {',
        '  family = "app"',
        '  container_definitions = jsonencode([{',
        '    name  = "app"',
        '    image = "app:1"',
        '    environment = [',
        '      { name = "DB_HOST", value = var.db_host },',
        '      { name = "DB_PASSWORD_SECRET", value = aws_secretsmanager_secret.db.arn },',
        '      { name = "DB_PASSWORD", value = aws_secretsmanager_secret.db.arn },',
        '      { name = "TOKEN_TTL", value = var.db_host },',
        '      { name = "DB_SECRET_ID", value = "${var.db_host}/app/db" },',
        '      { name = "API_TOKEN", value = "arn:aws:secretsmanager:us-east-1:123456789012:secret:${var.db_host}-db" },',
        '      { name = "DB_CREDENTIALS_SECRET_ID", value = var.db_host }',
        '    ]',
        '  }])',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'secretAllowList',
      filename: 'taskdef.json',
      settings: { secretAllowList: ['TOKEN_AUDIENCE'] },
      code: JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'web:1', environment: [{ name: 'TOKEN_AUDIENCE', value: 'sts-audience-x' }] }] }),
    },
  ],
  invalid: [
    {
      name: 'Terrascan: a Terraform variable declared sensitive passed into the environment (also inside a string); a variable that is not sensitive',
      filename: 'main.tf',
      code: [
        'variable "db_password" {',
        '  type      = string',
        '  sensitive = true',
        '}',
        'variable "db_host" {}',
        'resource "aws_ecs_task_definition" "app" {',
        '  family = "app"',
        '  container_definitions = jsonencode([{',
        '    name  = "app"',
        '    image = "app:1"',
        '    environment = [',
        '      { name = "DB_PASSWORD", value = var.db_password },',
        '      { name = "DB_URL", value = "postgres://app:${var.db_password}@${var.db_host}:5432/app" },',
        '      { name = "DB_HOST", value = var.db_host },',
        '      { name = "HAS_DB_PASSWORD", value = var.db_password != "" ? "true" : "false" }',
        '    ]',
        '  }])',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 12, severity: 'high', message: 'Environment variable "DB_PASSWORD" of container "app" takes the sensitive variable "db_password": the configuration marks the value as secret' },
        { line: 13, severity: 'high', message: 'Environment variable "DB_URL" of container "app" takes the sensitive variable "db_password"' },
      ],
    },
    {
      name: 'a variable named as the secret takes an unresolved value: a parameter, a Terraform variable, a generated password, a secret version (medium)',
      filename: 'main.tf',
      code: [
        'variable "api_token" {}',
        'resource "random_password" "db" {',
        '  length = 32',
        '}',
        'resource "aws_secretsmanager_secret_version" "key" {',
        '  secret_id     = "x"',
        '  secret_string = "y"',
        '}',
        'resource "aws_ecs_task_definition" "app" {',
        '  family = "app"',
        '  container_definitions = jsonencode([{',
        '    name  = "app"',
        '    image = "app:1"',
        '    environment = [',
        '      { name = "API_TOKEN", value = var.api_token },',
        '      { name = "DB_PASSWORD", value = random_password.db.result },',
        '      { name = "SIGNING_KEY", value = aws_secretsmanager_secret_version.key.secret_string },',
        '      { name = "DB_PASSWORD_JSON", value = jsondecode(aws_secretsmanager_secret_version.key.secret_string)["password"] },',
        '      { name = "API_SECRET", value = "${var.api_token}-${random_password.db.result}" }',
        '    ]',
        '  }])',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 15, severity: 'medium', message: 'Environment variable "API_TOKEN" of container "app" takes var.api_token, and its name says it is a secret ("token"): whatever value it gets is stored in plain text in the task definition' },
        { line: 16, severity: 'medium', message: 'takes random_password.db.result, and its name says it is a secret ("password")' },
        { line: 17, severity: 'medium', message: 'takes aws_secretsmanager_secret_version.key.secret_string, and its name says it is a secret ("signing key")' },
        { line: 19, severity: 'medium', message: 'Environment variable "API_SECRET"' },
      ],
    },
    {
      name: 'CloudFormation: a parameter that is not NoEcho passed into a variable named as the secret (medium)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          DbPassword: { Type: String }
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  Environment:
                    - Name: DB_PASSWORD
                      Value: !Ref DbPassword
      `,
      errors: [{ line: 12, severity: 'medium', message: 'takes the parameter "DbPassword", and its name says it is a secret ("password")' }],
    },
    {
      name: 'Terrascan: a NoEcho parameter passed into the environment, through Ref and Sub; a parameter that is not NoEcho, a Sub variable that renames it',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          DbPassword: { Type: String, NoEcho: true }
          DbHost: { Type: String }
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  Environment:
                    - Name: DB_PASSWORD
                      Value: !Ref DbPassword
                    - Name: DB_URL
                      Value: !Sub "postgres://app:\${DbPassword}@\${DbHost}:5432/app"
                    - Name: DB_HOST
                      Value: !Ref DbHost
                    - Name: DB_USER_URL
                      Value: !Sub ["postgres://\${DbPassword}@db", { DbPassword: app }]
                    - Name: DB_DSN
                      Value: !Join ["", ["postgres://app:", !Ref DbPassword, "@db"]]
      `,
      errors: [
        { line: 13, message: 'Environment variable "DB_PASSWORD" of container "app" takes the NoEcho parameter "DbPassword": the template marks the value as secret' },
        { line: 15, message: 'Environment variable "DB_URL" of container "app" takes the NoEcho parameter "DbPassword"' },
        { line: 21, message: 'Environment variable "DB_DSN" of container "app" takes the NoEcho parameter "DbPassword"' },
      ],
    },
    {
      name: 'CloudFormation dynamic references to secrets in the environment (CDK unsafeUnwrap): literal, in a Join, SSM SecureString; secrets[].valueFrom is fine',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          DbSecret: { Type: AWS::SecretsManager::Secret }
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  Environment:
                    - Name: API_TOKEN
                      Value: "{{resolve:secretsmanager:prod/api:SecretString:token}}"
                    - Name: DATABASE_URL
                      Value: !Join ["", ["postgres://app:{{resolve:secretsmanager:", !Ref DbSecret, ":SecretString:password::}}@db:5432/app"]]
                    - Name: SIGNING_KEY
                      Value: "{{resolve:ssm-secure:/app/signing-key:1}}"
                    - Name: LOG_LEVEL
                      Value: "{{resolve:ssm:/app/log-level}}"
                  Secrets:
                    - Name: DB_PASSWORD
                      ValueFrom: !Sub "\${DbSecret}:password::"
      `,
      errors: [
        { line: 11, severity: 'high', message: 'Environment variable "API_TOKEN" of container "app" takes a Secrets Manager dynamic reference ({{resolve:secretsmanager:...}}): CloudFormation resolves it when it deploys and the task definition stores the secret in plain text' },
        { line: 13, severity: 'high', message: 'Environment variable "DATABASE_URL" of container "app" takes a Secrets Manager dynamic reference' },
        { line: 15, severity: 'high', message: 'Environment variable "SIGNING_KEY" of container "app" takes an SSM SecureString dynamic reference' },
      ],
    },
    {
      name: 'log driver options: a Splunk token and a FireLens output API key; secretOptions and plain options are fine',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'web',
          containerDefinitions: [
            {
              name: 'web',
              image: 'web:1',
              logConfiguration: {
                logDriver: 'splunk',
                options: { 'splunk-url': 'https://splunk.example.com:8088', 'splunk-token': 'f3c1a2b4-0000-4e5f-9a8b-7c6d5e4f3a2b' },
                secretOptions: [{ name: 'splunk-token-2', valueFrom: 'arn:aws:ssm:eu-west-1:111122223333:parameter/splunk' }],
              },
            },
            {
              name: 'app',
              image: 'app:1',
              logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'datadog', apikey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', Host: 'http-intake.logs.datadoghq.com' } },
            },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 11, message: 'Log option "splunk-token" of container "web" has a literal value, and its name says it is a secret' },
        { line: 28, message: 'Log option "apikey" of container "app"' },
      ],
    },
    {
      name: 'task-definition JSON: secret-named variable and a token under a neutral name',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'web',
          containerDefinitions: [
            {
              name: 'web',
              image: 'web:1',
              environment: [
                { name: 'DB_PASSWORD', value: 'hunter2hunter2' },
                { name: 'GIT_CONFIG', value: GITHUB_TOKEN },
              ],
            },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 10, message: '"DB_PASSWORD" of container "web" has a literal value although its name says it is a secret' },
        { line: 14, message: 'GitHub token' },
      ],
    },
    {
      name: 'CloudFormation YAML (Trivy AVD-AWS-0036): a literal AWS access key id',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          BadExample:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Environment:
                    - Name: AWS_ACCESS_KEY_ID
                      Value: AIPA8YOHGIS58IBFDU3E
                  Image: amazon/amazon-ecs-sample
      `,
      errors: [{ line: 8, message: 'literal AWS credential' }],
    },
    {
      name: 'CloudFormation JSON: placeholder password',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Task: {
              Type: 'AWS::ECS::TaskDefinition',
              Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'app:1', Environment: [{ Name: 'ADMIN_PASSWORD', Value: 'changeme' }] }] },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 13, message: 'placeholder' }],
    },
  ],
});
