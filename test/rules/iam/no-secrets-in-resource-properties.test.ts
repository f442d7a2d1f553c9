import rule from '../../../src/rules/iam/no-secrets-in-resource-properties.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: an AWS provider pointed at LocalStack or moto holds placeholder keys',
      filename: 'main.tf',
      code: yaml`
        provider "aws" {
          region                      = "us-east-1"
          access_key                  = "test"
          secret_key                  = "test-secret-for-localstack"
          skip_credentials_validation = true
          endpoints {
            s3 = "http://localhost:4566"
          }
        }
        provider "aws" {
          alias      = "moto"
          access_key = "testing"
          secret_key = "testing-secret-value"
          endpoints {
            sts = "http://127.0.0.1:5000"
          }
        }
      `,
    },
    {
      name: 'Terraform provider and backend without credentials: a profile, a role to assume, a sensitive variable',
      filename: 'main.tf',
      code: yaml`
        terraform {
          backend "s3" {
            bucket  = "tf-state"
            key     = "prod/terraform.tfstate"
            region  = "eu-west-1"
            profile = "deploy"
          }
        }
        variable "db_password" {
          type      = string
          sensitive = true
        }
        provider "aws" {
          region = "eu-west-1"
          assume_role {
            role_arn = "arn:aws:iam::123456789012:role/deploy"
          }
        }
        provider "postgresql" {
          host     = "db.internal"
          password = var.db_password
        }
      `,
    },
    {
      name: 'Terraform policy documents: a GitHub OIDC trust whose condition key names a token (terraform-aws-iam github-oidc-role)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_iam_role" "github" {
          name = "github-deploy"
          assume_role_policy = jsonencode({
            Version = "2012-10-17"
            Statement = [{
              Effect    = "Allow"
              Action    = "sts:AssumeRoleWithWebIdentity"
              Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
              Condition = {
                StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
                StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:org/app:ref:refs/heads/main" }
              }
            }]
          })
        }
        resource "aws_iam_policy" "deploy" {
          name   = "deploy"
          policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "ecs:UpdateService", Resource = "*", Condition = { StringEquals = { "aws:ResourceTag/token" = "deploy-token-holder" } } }] })
        }
      `,
    },
    {
      name: 'CloudFormation: dynamic references, parameters, generated and service-managed secrets, identifiers of secrets, container definitions and user data (own rules)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          DbPassword: { Type: String, NoEcho: true }
        Resources:
          Db:
            Type: AWS::RDS::DBInstance
            Properties:
              MasterUserPassword: !Ref DbPassword
          Aurora:
            Type: AWS::RDS::DBCluster
            Properties:
              ManageMasterUserPassword: true
              MasterUserSecret: { KmsKeyId: alias/aws/secretsmanager }
          Cache:
            Type: AWS::ElastiCache::ReplicationGroup
            Properties:
              AuthToken: "{{resolve:secretsmanager:cache:SecretString:token}}"
          Secret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: { SecretStringTemplate: '{"username":"app"}', GenerateStringKey: password, PasswordLength: 32 }
          Build:
            Type: AWS::CodeBuild::Project
            Properties:
              Environment:
                EnvironmentVariables:
                  - { Name: DB_PASSWORD, Value: "prod-db:password", Type: SECRETS_MANAGER }
                  - { Name: API_TOKEN, Value: /app/token, Type: PARAMETER_STORE }
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions: [{ Name: app, Image: app, Environment: [{ Name: DB_PASSWORD, Value: hunter2 }] }]
          Pool:
            Type: AWS::Cognito::UserPoolClient
            Properties:
              GenerateSecret: true
              AccessTokenValidity: 60
      `,
    },
    {
      name: 'Terraform: variables, resources, key names that name something else, public and PGP keys',
      filename: 'main.tf',
      code: [
        'variable "db_password" {',
        '  sensitive = true',
        '}',
        'resource "aws_db_instance" "db" {',
        '  password = var.db_password',
        '}',
        'resource "aws_iam_user_login_profile" "u" {',
        '  user    = "alice"',
        '  pgp_key = "keybase:alice"',
        '}',
        'resource "aws_key_pair" "deployer" {',
        '  key_name   = "deployer"',
        '  public_key = "ssh-rsa AAAAB3NzaC1yc2E"',
        '}',
        'resource "aws_s3_object" "o" {',
        '  key    = "secrets/readme.txt"',
        '  s3_key = "x"',
        '}',
        'resource "aws_secretsmanager_secret_version" "v" {',
        '  secret_id     = "prod/app/db"',
        '  secret_string = random_password.db.result',
        '}',
        '',
      ].join('\n'),
    },
    {
      // data-on-eks JupyterHub: CreateFileSystem's idempotency key ("a randomly generated UUID").
      name: 'idempotency tokens: an EFS creation token, a client token',
      filename: 'main.tf',
      code: yaml`
        resource "aws_efs_file_system" "efs" {
          creation_token = "efs-jupyter-single-user"
          encrypted      = true
        }
        resource "aws_ec2_capacity_reservation" "gpu" {
          instance_type     = "p5.48xlarge"
          instance_platform = "Linux/UNIX"
          availability_zone = "us-west-2a"
          instance_count    = 1
        }
      `,
    },
    {
      name: 'CloudFormation: an EFS CreationToken',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Fs:
            Type: AWS::EFS::FileSystem
            Properties:
              CreationToken: shared-data-volume-2024
      `,
    },
  ],
  invalid: [
    {
      name: 'Terraform: a variable default taken whole names the variable; one written in the block does not',
      filename: 'main.tf',
      code: `variable "password" {
  default = "Aa1234321Bb"
}
resource "aws_db_instance" "default" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
  password       = var.password
}
resource "aws_elasticache_replication_group" "cache" {
  description = "cache"
  auth_token  = "Zq81kLm0Pw7x4Rt2Ab"
}
`,
      errors: [
        { line: 7, message: 'has a literal value although its name says it is a secret ("password"): it is committed with the template (the default of variable "password": a deployment may pass another value).' },
        { line: 11, message: /\("token"\): it is committed with the template\.$/ },
      ],
    },
    {
      name: 'SAM Globals: an environment variable every function gets is checked where it is written; ServiceToken is an ARN, not a token',
      example: true,
      filename: 'template.yaml',
      code: yaml`
        Transform: AWS::Serverless-2016-10-31
        Globals:
          Function:
            Runtime: python3.12
            Environment:
              Variables:
                DB_PASSWORD: hunter2hunter2
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              CodeUri: src/
          Custom:
            Type: Custom::Thing
            Properties:
              ServiceToken: providerFunction
      `,
      errors: [{ line: 7, message: 'AWS::Serverless::Globals "Globals.Function" property Environment.Variables.DB_PASSWORD has a literal value although its name says it is a secret' }],
    },
    {
      name: 'Terraform: static AWS keys in the provider and the S3 backend, a token in another provider (also through a tfvars-less default)',
      filename: 'main.tf',
      code: yaml`
        terraform {
          backend "s3" {
            bucket     = "tf-state"
            key        = "prod/terraform.tfstate"
            region     = "eu-west-1"
            secret_key = "q8Jd7Ls2Kx9Vw3Nb5Tz1Rm6Hc4Yp0Ge8Fa2Ui7Ok"
          }
        }
        locals {
          github_token = "ghp_1234567890abcdefghijklmnopqrstuvwxyzAB"
        }
        provider "aws" {
          alias      = "west"
          region     = "us-west-2"
          secret_key = "q8Jd7Ls2Kx9Vw3Nb5Tz1Rm6Hc4Yp0Ge8Fa2Ui7Ok"
        }
        provider "github" {
          token = local.github_token
        }
      `,
      errors: [
        { line: 6, message: 'terraform.backend.s3 attribute secret_key has a literal value although its name says it is a secret', fix: 'let the environment that runs Terraform provide them' },
        { line: 15, message: 'provider.aws.west attribute secret_key has a literal value', fix: 'OIDC to a deploy role' },
        { line: 18, message: 'provider.github attribute token has a literal value' },
      ],
    },
    {
      name: 'cfn_nag: a literal master password and login profile password; Lambda and CodeBuild environment; a literal secret; a URL with a password',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Db:
            Type: AWS::RDS::DBInstance
            Properties:
              MasterUsername: admin
              MasterUserPassword: hunter2hunter2
          User:
            Type: AWS::IAM::User
            Properties:
              LoginProfile: { Password: changeme, PasswordResetRequired: true }
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Environment:
                Variables:
                  DB_PASSWORD: s3cr3tpw
                  DB_URL: postgres://app:s3cretpw@db:5432/app
                  LOG_LEVEL: info
          Build:
            Type: AWS::CodeBuild::Project
            Properties:
              Environment:
                EnvironmentVariables:
                  - { Name: GITHUB_TOKEN, Value: ghp_abcdefghijklmnopqrstuvwxyz0123456789, Type: PLAINTEXT }
          Secret:
            Type: AWS::SecretsManager::Secret
            Properties:
              SecretString: '{"username":"admin","password":"literal-pw"}'
      `,
      errors: [
        { line: 6, message: 'AWS::RDS::DBInstance "Db" property MasterUserPassword has a literal value although its name says it is a secret ("password"): it is committed with the template.' },
        { line: 10, message: 'AWS::IAM::User "User" property LoginProfile.Password has a literal value' },
        { line: 16, message: 'property Environment.Variables.DB_PASSWORD has a literal value' },
        { line: 17, message: 'property Environment.Variables.DB_URL contains a URL with an embedded password' },
        { line: 24, message: 'property Environment.EnvironmentVariables[0].Value has a literal value although its name says it is a secret ("token")' },
        { line: 28, message: 'AWS::SecretsManager::Secret "Secret" property SecretString has a literal value' },
      ],
    },
    {
      name: 'Terraform: a literal database password, an auth token, a secret string written with jsonencode, a private key in a heredoc',
      filename: 'main.tf',
      code: [
        'resource "aws_db_instance" "db" {',
        '  username = "admin"',
        '  password = "hunter2hunter2"',
        '}',
        'resource "aws_elasticache_replication_group" "cache" {',
        '  auth_token = "0123456789abcdef0123"',
        '}',
        'resource "aws_secretsmanager_secret_version" "v" {',
        '  secret_id     = aws_secretsmanager_secret.s.id',
        '  secret_string = jsonencode({ username = "app", password = "literal-pw" })',
        '}',
        'resource "aws_iam_server_certificate" "cert" {',
        '  name             = "cert"',
        '  certificate_body = "cert"',
        '  private_key      = <<EOF',
        '-----BEGIN RSA PRIVATE KEY-----',
        'MIIEowIBAAKCAQEA1x9Kq2LmN7pR4sT1vW8yZ',
        '-----END RSA PRIVATE KEY-----',
        'EOF',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 3, message: 'aws_db_instance.db attribute password has a literal value although its name says it is a secret ("password")' },
        { line: 6, message: 'aws_elasticache_replication_group.cache attribute auth_token has a literal value' },
        { line: 10, message: 'aws_secretsmanager_secret_version.v attribute secret_string.password has a literal value' },
        { line: 15, message: 'aws_iam_server_certificate.cert attribute private_key has a literal value' },
      ],
    },
    {
      name: 'a literal secret among the variables an Fn::ForEach loop of the properties generates, at the written entry',
      filename: 'template.yaml',
      code: yaml`
        Transform: AWS::LanguageExtensions
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Environment:
                Variables:
                  Fn::ForEach::Vars:
                    - Name
                    - [DB_PASSWORD, LOG_LEVEL]
                    - \${Name}: hunter2hunter2X9
      `,
      errors: [{ line: 11, message: 'property Environment.Variables.DB_PASSWORD has a literal value although its name says it is a secret ("password")' }],
    },
  ],
});
