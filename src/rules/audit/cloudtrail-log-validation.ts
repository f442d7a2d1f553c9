import { isTrail, keyFor, setting } from '../../graph/aws.js';
import { createRule } from '../rule.js';
import { asBoolean } from '../../util/json.js';

export default createRule({
  meta: {
    id: 'audit/cloudtrail-log-validation',
    title: 'CloudTrail trails must enable log file integrity validation',
    severity: 'medium',
    seedPoints: ['OBS-5'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports a CloudTrail trail without log file validation: CloudFormation `EnableLogFileValidation` or Terraform `enable_log_file_validation` missing (the default is false) or false.',
    rationale:
      'With validation on, CloudTrail writes signed hourly digest files, so deleted or modified log files can be proven. Without it an attacker who reaches the log bucket can rewrite history undetected.',
    remediation: 'CloudFormation: `EnableLogFileValidation: true`. Terraform: `enable_log_file_validation = true`.',
    limitations: 'A value given by a parameter or another unresolved expression is unknown and not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0016' },
        { tool: 'checkov', id: 'CKV_AWS_36' },
        { tool: 'prowler', id: 'cloudtrail_log_file_validation_enabled' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'CloudTrail.4' },
        { framework: 'CIS AWS Foundations Benchmark 3.0', id: '3.2' },
      ],
      links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html'],
    },
  },
  scope: 'resource',
  appliesTo: isTrail,
  check({ resource, report }) {
    const key = keyFor(resource, 'EnableLogFileValidation', 'enable_log_file_validation');
    const found = setting(resource, [key]);
    if (found.unknown) return;
    const enabled = asBoolean(found.value);
    if (enabled === true || (found.exists && enabled === undefined)) return;
    report({
      path: found.path,
      message: found.exists ? `Log file integrity validation is off (${key} is false).` : `Log file integrity validation is off: ${key} is not set (default false).`,
      fix: `Set ${key} to true.`,
    });
  },
});
