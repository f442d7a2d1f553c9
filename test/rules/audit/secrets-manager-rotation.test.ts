import rule from '../../../src/rules/audit/secrets-manager-rotation.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: rotation schedules by Ref, by name, and one whose secret is unresolved (may be any)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          SecretArn: { Type: String }
        Resources:
          DbSecret:
            Type: AWS::SecretsManager::Secret
            Properties:
              GenerateSecretString: { SecretStringTemplate: '{"username":"app"}', GenerateStringKey: password }
          DbRotation:
            Type: AWS::SecretsManager::RotationSchedule
            Properties:
              SecretId: !Ref DbSecret
              HostedRotationLambda: { RotationType: PostgreSQLSingleUser }
              RotationRules: { AutomaticallyAfterDays: 30 }
          Named:
            Type: AWS::SecretsManager::Secret
            Properties: { Name: prod/api }
          ViaAttachment:
            Type: AWS::SecretsManager::Secret
            Properties: { GenerateSecretString: {} }
          Attachment:
            Type: AWS::SecretsManager::SecretTargetAttachment
            Properties: { SecretId: !Ref ViaAttachment, TargetId: db, TargetType: AWS::RDS::DBInstance }
          AttachmentRotation:
            Type: AWS::SecretsManager::RotationSchedule
            Properties: { SecretId: !Ref Attachment, RotationLambdaARN: arn:aws:lambda:us-east-1:123456789012:function:rotate, RotationRules: { ScheduleExpression: rate(30 days) } }
          NamedRotation:
            Type: AWS::SecretsManager::RotationSchedule
            Properties: { SecretId: prod/api, RotationLambdaARN: arn:aws:lambda:us-east-1:123456789012:function:rotate, RotationRules: { AutomaticallyAfterDays: 7 } }
      `,
    },
    {
      name: 'Terraform: aws_secretsmanager_secret_rotation by reference, and the legacy inline rotation_rules',
      filename: 'main.tf',
      code: yaml`
        resource "aws_secretsmanager_secret" "db" {
          name = "db"
        }
        resource "aws_secretsmanager_secret_rotation" "db" {
          secret_id           = aws_secretsmanager_secret.db.id
          rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
          rotation_rules {
            automatically_after_days = 30
          }
        }
        resource "aws_secretsmanager_secret" "legacy" {
          name                = "legacy"
          rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
          rotation_rules {
            automatically_after_days = 30
          }
        }
      `,
    },
  ],
  invalid: [
    {
      // Checkov CKV2_AWS_57 and cdk-nag SMG4 shapes: a secret alone, and one next to another secret's rotation.
      name: 'CloudFormation: a secret with no rotation schedule, and one whose schedule rotates another secret',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          ApiKey:
            Type: AWS::SecretsManager::Secret
            Properties: { Description: third-party key }
          Rotated:
            Type: AWS::SecretsManager::Secret
            Properties: { GenerateSecretString: {} }
          Rotation:
            Type: AWS::SecretsManager::RotationSchedule
            Properties: { SecretId: !Ref Rotated, RotationLambdaARN: arn:aws:lambda:us-east-1:123456789012:function:rotate, RotationRules: { AutomaticallyAfterDays: 30 } }
      `,
      errors: [
        {
          line: 4,
          message: 'No AWS::SecretsManager::RotationSchedule in the template rotates the secret: it stays valid until someone changes it by hand.',
        },
      ],
    },
    {
      name: 'Terraform: a secret whose module rotates only another secret',
      filename: 'main.tf',
      code: yaml`
        resource "aws_secretsmanager_secret" "api" {
          name = "api"
        }
        resource "aws_secretsmanager_secret" "db" {
          name = "db"
        }
        resource "aws_secretsmanager_secret_rotation" "db" {
          secret_id           = aws_secretsmanager_secret.db.id
          rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"
          rotation_rules {
            automatically_after_days = 30
          }
        }
      `,
      errors: [{ line: 2, message: 'No aws_secretsmanager_secret_rotation in the module rotates the secret' }],
    },
    {
      // cdk-nag SMG4 noncompliance 2 and 3: schedules reached through a SecretTargetAttachment, without rules or function.
      name: 'CloudFormation: a schedule without RotationRules, and one without a rotation function',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          NoRules:
            Type: AWS::SecretsManager::Secret
            Properties: { GenerateSecretString: {} }
          NoRulesAttachment:
            Type: AWS::SecretsManager::SecretTargetAttachment
            Properties: { SecretId: !Ref NoRules, TargetId: db, TargetType: AWS::RDS::DBInstance }
          NoRulesSchedule:
            Type: AWS::SecretsManager::RotationSchedule
            Properties: { SecretId: !Ref NoRulesAttachment, HostedRotationLambda: { RotationType: PostgreSQLSingleUser } }
          NoFunction:
            Type: AWS::SecretsManager::Secret
            Properties: { GenerateSecretString: {} }
          NoFunctionSchedule:
            Type: AWS::SecretsManager::RotationSchedule
            Properties: { SecretId: !Ref NoFunction, RotationRules: { AutomaticallyAfterDays: 42 } }
      `,
      errors: [
        { line: 4, message: "The secret's AWS::SecretsManager::RotationSchedule NoRulesSchedule has no RotationRules: the secret never rotates automatically." },
        { line: 13, message: 'has no rotation function (RotationLambdaARN or HostedRotationLambda)' },
      ],
    },
  ],
});
