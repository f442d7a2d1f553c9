import { keyFor, setting } from '../../graph/aws.js';
import { createRule } from '../rule.js';

const LOG_GROUP = { cloudformation: 'AWS::Logs::LogGroup', terraform: 'aws_cloudwatch_log_group' };
/** Shortest retention that leaves time to notice and investigate an incident (CIS and PCI DSS ask for 1 year). */
export const MIN_RETENTION_DAYS = 90;

export default createRule({
  meta: {
    id: 'audit/log-group-retention',
    title: `CloudWatch log groups must set a retention of at least ${MIN_RETENTION_DAYS} days`,
    severity: 'low',
    seedPoints: ['OBS-1'],
    artifacts: ['cloudformation', 'terraform'],
    description: `Reports a CloudWatch Logs log group whose retention (CloudFormation \`RetentionInDays\`, Terraform \`retention_in_days\`) is set below ${MIN_RETENTION_DAYS} days, and one that sets no retention: its logs are then kept forever by default, with no decision on how long they are needed (OBS-1 asks for a retention). An explicit \`retention_in_days = 0\` in Terraform (forever) is a decision and passes.`,
    rationale:
      'Intrusions are typically found weeks after they start; logs that expire after a few days are gone when the investigation needs them. A retention of at least 90 days (one year for CIS and PCI DSS scopes) keeps the evidence.',
    remediation: `Set \`RetentionInDays\` / \`retention_in_days\` to at least ${MIN_RETENTION_DAYS} (365 for audit and security logs), or export older logs to S3 with a lifecycle policy.`,
    limitations: 'Logs exported elsewhere (S3, a SIEM) before they expire are not seen. A value given by a parameter or another unresolved expression is unknown and not reported.',
    references: {
      peers: [{ tool: 'checkov', id: 'CKV_AWS_66' }],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.type === LOG_GROUP[resource.artifact as keyof typeof LOG_GROUP],
  check({ resource, report }) {
    const key = keyFor(resource, 'RetentionInDays', 'retention_in_days');
    const found = setting(resource, [key]);
    if (found.unknown) return;
    if (!found.exists) {
      report({
        path: found.path,
        message: `The log group sets no retention (${key}): its logs are kept forever by default.`,
        fix: `Set ${key} to how long the logs are needed: at least ${MIN_RETENTION_DAYS} days (365 for audit logs).`,
        key: 'unset',
      });
      return;
    }
    const days = typeof found.value === 'number' ? found.value : typeof found.value === 'string' && /^\d+$/.test(found.value) ? Number(found.value) : undefined;
    if (days === undefined || days === 0 || days >= MIN_RETENTION_DAYS) return;
    report({ path: found.path, message: `Logs expire after ${days} day${days === 1 ? '' : 's'} (${key}); keep them at least ${MIN_RETENTION_DAYS} days.`, fix: `Set ${key} to ${MIN_RETENTION_DAYS} or more (365 for audit logs).` });
  },
});
