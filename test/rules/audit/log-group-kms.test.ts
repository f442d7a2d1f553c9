import rule from '../../../src/rules/audit/log-group-kms.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: KmsKeyId from a key, an ARN, a parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Key: { Type: String }
        Resources:
          LogKey:
            Type: AWS::KMS::Key
          A:
            Type: AWS::Logs::LogGroup
            Properties: { RetentionInDays: 365, KmsKeyId: !GetAtt LogKey.Arn }
          B:
            Type: AWS::Logs::LogGroup
            Properties: { KmsKeyId: "arn:aws:kms:us-west-2:111122223333:key/abcd" }
          C:
            Type: AWS::Logs::LogGroup
            Properties: { KmsKeyId: !Ref Key }
      `,
    },
    {
      name: 'Terraform: kms_key_id from a key resource',
      filename: 'main.tf',
      code: yaml`
        resource "aws_kms_key" "logs" {}
        resource "aws_cloudwatch_log_group" "a" {
          name       = "a"
          kms_key_id = aws_kms_key.logs.arn
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: no KmsKeyId, and an empty one',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          A:
            Type: AWS::Logs::LogGroup
            Properties:
              RetentionInDays: 30
          B:
            Type: AWS::Logs::LogGroup
            Properties:
              KmsKeyId: ""
              LogGroupName: b
          C:
            Type: AWS::Logs::LogGroup
      `,
      errors: [
        { line: 4, message: 'The log group sets no KmsKeyId' },
        { line: 9, message: 'KmsKeyId is empty' },
        { line: 11, message: 'The log group sets no KmsKeyId' },
      ],
    },
    {
      name: 'CloudFormation JSON: no KmsKeyId',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } } } }, null, 2),
      errors: [{ line: 5 }],
    },
    {
      name: 'Terraform: no kms_key_id',
      filename: 'main.tf',
      code: yaml`
        resource "aws_cloudwatch_log_group" "a" {
          name              = "a"
          retention_in_days = 90
        }
      `,
      errors: [{ line: 1, message: 'kms_key_id' }],
    },
    {
      name: 'Terraform: kms_key_id from a module variable whose default is null (not set)',
      filename: 'main.tf',
      code: yaml`
        variable "kms_key_id" {
          type    = string
          default = null
        }
        resource "aws_cloudwatch_log_group" "a" {
          name       = "a"
          kms_key_id = var.kms_key_id
        }
      `,
      errors: [{ line: 5, message: 'The log group sets no kms_key_id' }],
    },
  ],
});
