import { isBlank, isTrail, keyFor, setting } from '../../graph/aws.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'audit/cloudtrail-cloudwatch-logs',
    title: 'CloudTrail trails must deliver events to CloudWatch Logs',
    severity: 'low',
    seedPoints: ['OBS-5'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports a CloudTrail trail that does not send its events to a CloudWatch Logs log group: CloudFormation `CloudWatchLogsLogGroupArn` or Terraform `cloud_watch_logs_group_arn` missing or empty.',
    rationale:
      'Events only in S3 are read after the fact. In CloudWatch Logs they can drive metric filters and alarms (root login, IAM policy changes, CloudTrail stopped, security group changes) within minutes, which is what the CIS monitoring controls rely on.',
    remediation:
      'Create a log group and a role that CloudTrail assumes to write to it, then set CloudFormation `CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn` and `CloudWatchLogsRoleArn` / Terraform `cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"` and `cloud_watch_logs_role_arn`.',
    limitations: 'A log group given by a parameter or another unresolved expression is unknown and not reported. The role CloudTrail writes with (`CloudWatchLogsRoleArn`) is not checked: nothing is delivered without it, but CloudTrail\'s API takes the two together (a log group alone is, by our reading, refused when the trail is created), and Trivy AVD-AWS-0162 counts the log group alone as integrated (KICS reports it).',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0162' },
        { tool: 'checkov', id: 'CKV2_AWS_10' },
        { tool: 'prowler', id: 'cloudtrail_cloudwatch_logging_enabled' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'CloudTrail.5' },
        { framework: 'CIS AWS Foundations Benchmark 1.4', id: '3.4' },
      ],
      links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html'],
    },
  },
  scope: 'resource',
  appliesTo: isTrail,
  check({ resource, report }) {
    const key = keyFor(resource, 'CloudWatchLogsLogGroupArn', 'cloud_watch_logs_group_arn');
    const found = setting(resource, [key]);
    if (found.unknown || !isBlank(found.value)) return;
    report({
      path: found.path,
      message: found.exists && found.value !== null ? `The trail's ${key} is empty: events are not delivered to CloudWatch Logs.` : `The trail sets no ${key}: events are not delivered to CloudWatch Logs.`,
      fix: `Set ${key} (and the role CloudTrail uses to write to it) to deliver events to a CloudWatch Logs log group.`,
    });
  },
});
