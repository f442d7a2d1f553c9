import rule from '../../../src/rules/iam/no-secrets-in-parameter-defaults.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'parameters given to properties that take a secret\'s ARN: registry credentials, container secrets, a policy resource',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          DockerhubCredentials: { Type: String, Description: ARN of the DockerHub credentials secret }
          DbPassword: { Type: String }
        Resources:
          Td:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: a
                  Image: grafana/grafana:7.0.3
                  RepositoryCredentials: { CredentialsParameter: !Ref DockerhubCredentials }
                  Secrets: [{ Name: DB_PASSWORD, ValueFrom: !Ref DbPassword }]
      `,
    },
    {
      name: 'parameters that name a secret: an identifier (Copilot GitHubAccessTokenSecretId), one read inside a dynamic reference',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          GitHubAccessTokenSecretId: { Type: String, Default: testGitHubSecret }
          DbPasswordSecret: { Type: String, Default: prod-db }
        Resources:
          Source:
            Type: AWS::CodePipeline::Webhook
            Properties:
              Authentication: GITHUB_HMAC
              AuthenticationConfiguration:
                SecretToken: !Sub "{{resolve:secretsmanager:\${GitHubAccessTokenSecretId}}}"
              TargetPipeline: app
              TargetAction: Source
              TargetPipelineVersion: 1
              Filters: [{ JsonPath: $.ref, MatchEquals: refs/heads/main }]
          Db:
            Type: AWS::RDS::DBInstance
            Properties:
              MasterUserPassword: !Sub "{{resolve:secretsmanager:\${DbPasswordSecret}:SecretString:password}}"
      `,
    },
    {
      name: 'Terraform: variables named like secrets that hold settings about them (enum constants, KMS aliases, schedules, names)',
      filename: 'variables.tf',
      code: yaml`
        variable "customer_master_key_spec" { default = "SYMMETRIC_DEFAULT" }
        variable "secret_version_stage" { default = "AWSCURRENT" }
        variable "secret_kms_key" { default = "alias/aws/secretsmanager" }
        variable "secret_rotation_schedule" { default = "rate(30 days)" }
        variable "secret_id" { default = "prod/app/db" }
        variable "ssh_key" { default = "deployer" }
        variable "password_secret_key" { default = "password" }
      `,
    },
    {
      name: 'Terraform: a variable file with ordinary values and references to secret stores',
      filename: 'terraform.tfvars',
      code: 'region = "eu-west-1"\ndb_password_secret_arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf"\ninstance_count = 3\n',
    },
    {
      name: 'secret parameters without defaults, non-secret defaults, sizes and SSM parameter names',
      example: true,
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          DBPassword: { Type: String, NoEcho: true }
          GitHubToken: { Type: String, NoEcho: true, Default: "" }
          PasswordLength: { Type: Number, Default: 32 }
          InstanceType: { Type: String, Default: t3.micro }
          TokenParameterName: { Type: "AWS::SSM::Parameter::Value<String>", Default: /app/api-token }
          SecretArn: { Type: String, Default: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf" }
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
      `,
    },
    {
      name: 'a template without parameters',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
      `,
    },
  ],
  invalid: [
    {
      name: 'cfn_nag: a password parameter without NoEcho (or with a sentinel default, cfn-lint W2501) shows at deploy time (low); NoEcho, SSM types and names of secrets are fine',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          DBPassword:
            Type: String
          GitHubToken:
            Type: String
            NoEcho: false
          PGMasterPassword:
            Type: String
            Default: NONE
          ApiKey:
            Type: String
            NoEcho: true
          DbPasswordParameter:
            Type: AWS::SSM::Parameter::Value<String>
          DbSecretArn:
            Type: String
          KeyName:
            Type: AWS::EC2::KeyPair::KeyName
          WebhookToken:
            Type: String
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
          Hook:
            Type: AWS::CodePipeline::Webhook
            Properties:
              AuthenticationConfiguration:
                # review: the parameter names the secret a dynamic reference reads; it holds none
                SecretToken: !Sub '{{resolve:secretsmanager:\${WebhookToken}:SecretString:token}}'
      `,
      errors: [
        { line: 3, severity: 'low', message: 'Parameter "DBPassword" is named like a secret but is not NoEcho: the value given at deploy time shows in plain text in the console and in DescribeStacks output.' },
        { line: 6, severity: 'low', message: 'Parameter "GitHubToken" is named like a secret but is not NoEcho' },
        { line: 8, severity: 'low', message: 'Parameter "PGMasterPassword" is named like a secret but is not NoEcho' },
      ],
    },
    {
      name: 'Terraform: a literal secret as a variable default (sensitive = true does not keep it out of the repository)',
      filename: 'variables.tf',
      code: yaml`
        variable "db_password" {
          type      = string
          sensitive = true
          default   = "Sup3r-S3cret!"
        }
        variable "region" {
          default = "eu-west-1"
        }
        variable "api_key" {
          type = string
        }
      `,
      errors: [{ line: 4, message: 'Variable "db_password" has a literal default although its name says it is a secret ("password")' }],
    },
    {
      name: 'Terraform: literal secrets in .tfvars and .tfvars.json files',
      filename: 'prod.auto.tfvars',
      code: 'region      = "eu-west-1"\ndb_password = "Sup3r-S3cret!"\n',
      others: [{ filename: 'ci.auto.tfvars.json', code: '{\n  "github_token": "ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R"\n}\n' }],
      errors: [
        { line: 2, path: 'ci.auto.tfvars.json', message: 'Variable "github_token" is given a literal value in a variable file' },
        { line: 2, message: 'Variable "db_password" is given a literal value in a variable file although its name says it is a secret ("password")' },
      ],
    },
    {
      name: 'Terraform: a variable file with syntax errors still has its readable lines checked',
      filename: 'prod.auto.tfvars',
      code: 'region = "eu-west-1\nreplicas = = 3\napi_token = "tok_9f8e7d6c5b4a39281706"\ntags = {\n  team = "payments"\n  oops\n}\n',
      errors: [{ line: 3, message: 'Variable "api_token" is given a literal value in a variable file' }],
    },
    {
      name: 'checked once per template even when its first resource is never created (a Condition always false)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          DbPassword: { Type: String, NoEcho: true, Default: hunter2hunter2 }
        Conditions:
          Never: !Equals [a, b]
        Resources:
          Skipped:
            Type: AWS::SQS::Queue
            Condition: Never
          Bucket:
            Type: AWS::S3::Bucket
      `,
      errors: [{ line: 2, message: 'Parameter "DbPassword" has a literal Default' }],
    },
    {
      name: 'NoEcho and secret-named parameters with literal defaults, and a detected token, reported once per template',
      example: true,
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          DBPassword:
            Type: String
            NoEcho: true
            Default: Sup3rS3cret!
          ApiKey:
            Type: String
            Default: changeme
          CiSettings:
            Type: String
            Default: ghp_1a2B3c4D5e6F7g8H9i0J1k2L3m4N5o6P7q8R
        Resources:
          Bucket:
            Type: AWS::S3::Bucket
          Queue:
            Type: AWS::SQS::Queue
      `,
      errors: [
        { line: 5, message: 'Parameter "DBPassword" has a literal Default although it is a NoEcho parameter' },
        { line: 8, message: 'Parameter "ApiKey" has a literal Default although its name says it is a secret ("api key").' },
        { line: 11, message: 'Parameter "CiSettings" has a literal Default although it contains a GitHub token' },
      ],
    },
    {
      name: 'CloudFormation JSON',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Parameters: { DatabasePassword: { Type: 'String', NoEcho: 'true', Default: 'hunter2-prod' } },
          Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { MasterUserPassword: { Ref: 'DatabasePassword' } } } },
        },
        null,
        2,
      ),
      errors: [{ line: 6, message: 'Parameter "DatabasePassword" has a literal Default' }],
    },
  ],
});
