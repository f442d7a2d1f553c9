import rule from '../../../src/rules/audit/cloudtrail-cloudwatch-logs.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: CloudWatchLogsLogGroupArn from a log group in the template, an ARN, and a parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Key: { Type: String }
        Resources:
          TrailLogs:
            Type: AWS::Logs::LogGroup
            Properties: { RetentionInDays: 365 }
          A:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: logs, CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn, CloudWatchLogsRoleArn: !GetAtt TrailRole.Arn }
          B:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: logs, CloudWatchLogsLogGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*", CloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/trail" }
          C:
            Type: AWS::CloudTrail::Trail
            Properties: { IsLogging: true, S3BucketName: logs, CloudWatchLogsLogGroupArn: !Ref Key }
      `,
    },
    {
      name: 'Terraform: cloud_watch_logs_group_arn from a log group resource',
      filename: 'main.tf',
      code: yaml`
        resource "aws_cloudwatch_log_group" "trail" {
          name = "trail"
        }
        resource "aws_cloudtrail" "a" {
          name           = "a"
          s3_bucket_name = "logs"
          cloud_watch_logs_group_arn = "\${aws_cloudwatch_log_group.trail.arn}:*"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: no CloudWatchLogsLogGroupArn, reported at Properties',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Trail:
            Type: AWS::CloudTrail::Trail
            Properties:
              IsLogging: true
              S3BucketName: logs
      `,
      errors: [{ line: 4, message: 'The trail sets no CloudWatchLogsLogGroupArn' }],
    },
    {
      name: 'CloudFormation JSON: empty CloudWatchLogsLogGroupArn',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, S3BucketName: 'logs', CloudWatchLogsLogGroupArn: '' } } } }, null, 2),
      errors: [{ line: 8, message: 'CloudWatchLogsLogGroupArn is empty' }],
    },
    {
      name: 'Terraform: no cloud_watch_logs_group_arn',
      filename: 'main.tf',
      code: yaml`
        resource "aws_cloudtrail" "a" {
          name           = "a"
          s3_bucket_name = "logs"
        }
      `,
      errors: [{ line: 1, message: 'The trail sets no cloud_watch_logs_group_arn' }],
    },
  ],
});
