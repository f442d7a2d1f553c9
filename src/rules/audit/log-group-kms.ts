import { isBlank, keyFor, setting } from '../../graph/aws.js';
import { createRule } from '../rule.js';

const LOG_GROUP = { cloudformation: 'AWS::Logs::LogGroup', terraform: 'aws_cloudwatch_log_group' };

export default createRule({
  meta: {
    id: 'audit/log-group-kms',
    title: 'CloudWatch log groups must be encrypted with a customer-managed KMS key',
    severity: 'low',
    seedPoints: ['OBS-1'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports a CloudWatch Logs log group without a KMS key: CloudFormation `KmsKeyId` or Terraform `kms_key_id` missing or empty (log data is then encrypted with a service-owned key). Log groups only accept customer-managed keys, so any key set passes.',
    rationale:
      'Application, audit and flow logs carry request data, identifiers and sometimes secrets. With a customer-managed key, reading them needs `kms:Decrypt` on a key you control, access is logged, and the key can be disabled to cut access off.',
    remediation:
      'Create a KMS key whose policy lets `logs.<region>.amazonaws.com` use it (conditioned on the log group ARN) and set CloudFormation `KmsKeyId: !GetAtt LogKey.Arn` / Terraform `kms_key_id = aws_kms_key.logs.arn`.',
    limitations: 'A key given by a parameter or another unresolved expression is unknown and not reported; the key policy is not checked. Log groups that services create on their own (Lambda, EKS) are not in templates and not checked.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0017' },
        { tool: 'checkov', id: 'CKV_AWS_158' },
      ],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.type === LOG_GROUP[resource.artifact as keyof typeof LOG_GROUP],
  check({ resource, report }) {
    const key = keyFor(resource, 'KmsKeyId', 'kms_key_id');
    const found = setting(resource, [key]);
    if (found.unknown || !isBlank(found.value)) return;
    report({
      path: found.path,
      message: found.exists && found.value !== null ? `The log group's ${key} is empty: log data is not encrypted with a customer-managed key.` : `The log group sets no ${key}: log data is not encrypted with a customer-managed key.`,
      fix: `Set ${key} to a customer-managed KMS key that CloudWatch Logs may use.`,
    });
  },
});
