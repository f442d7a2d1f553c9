import rule from '../../../src/rules/audit/log-group-retention.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: 90 and 365 days, parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Days: { Type: Number }
        Resources:
          A:
            Type: AWS::Logs::LogGroup
            Properties: { RetentionInDays: 90 }
          B:
            Type: AWS::Logs::LogGroup
            Properties: { RetentionInDays: "365" }
          D:
            Type: AWS::Logs::LogGroup
            Properties: { RetentionInDays: !Ref Days }
      `,
    },
    {
      name: 'Terraform: 0 (never expire) and 400 days',
      filename: 'main.tf',
      code: yaml`
        resource "aws_cloudwatch_log_group" "a" {
          name              = "a"
          retention_in_days = 0
        }
        resource "aws_cloudwatch_log_group" "b" {
          name              = "b"
          retention_in_days = 400
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: 30 days and 1 day',
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
              RetentionInDays: 1
      `,
      errors: [
        { line: 5, message: 'Logs expire after 30 days (RetentionInDays)' },
        { line: 9, message: 'Logs expire after 1 day (RetentionInDays)' },
      ],
    },
    {
      name: 'CloudFormation JSON: 14 days',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 14 } } } }, null, 2),
      errors: [{ line: 6 }],
    },
    {
      name: 'no retention set: kept forever by default (Checkov CKV_AWS_66)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Logs:
            Type: AWS::Logs::LogGroup
          Named:
            Type: AWS::Logs::LogGroup
            Properties:
              LogGroupName: app
      `,
      others: [{ filename: 'main.tf', code: 'resource "aws_cloudwatch_log_group" "fail" {\n}\n' }],
      errors: [
        { path: 'main.tf', line: 1, message: 'The log group sets no retention (retention_in_days): its logs are kept forever by default.' },
        { line: 2, message: 'The log group sets no retention (RetentionInDays)' },
        { line: 6, message: 'The log group sets no retention (RetentionInDays)' },
      ],
    },
    {
      name: 'Terraform: 7 days',
      filename: 'main.tf',
      code: yaml`
        resource "aws_cloudwatch_log_group" "a" {
          name              = "a"
          retention_in_days = 7
        }
      `,
      errors: [{ line: 3, message: 'retention_in_days' }],
    },
  ],
});
