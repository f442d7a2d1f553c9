import { isBlank, isTrail, keyFor, setting } from '../../graph/aws.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'audit/cloudtrail-kms',
    title: 'CloudTrail logs must be encrypted with a customer-managed KMS key',
    severity: 'medium',
    seedPoints: ['OBS-5'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports a CloudTrail trail without SSE-KMS: CloudFormation `KMSKeyId` or Terraform `kms_key_id` missing or empty (the log files are then only encrypted with S3-managed keys). CloudTrail only accepts customer-managed keys, so any key set passes. `KmsKeyId`, the log group spelling that CloudFormation rejects on a trail, is read as the key too (Trivy\'s examples use it).',
    rationale:
      'With a customer-managed key, reading the logs needs both S3 read access and `kms:Decrypt` on the key: a leaked bucket permission or a mistaken bucket policy no longer exposes the account\'s activity, and key use is itself logged.',
    remediation:
      'Create a KMS key whose policy lets cloudtrail.amazonaws.com `GenerateDataKey*` (conditioned on the trail ARN) and set CloudFormation `KMSKeyId: !GetAtt TrailKey.Arn` / Terraform `kms_key_id = aws_kms_key.trail.arn`.',
    limitations: 'A key given by a parameter or another unresolved expression is unknown and not reported; the key policy is not checked.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0015' },
        { tool: 'checkov', id: 'CKV_AWS_35' },
        { tool: 'prowler', id: 'cloudtrail_kms_encryption_enabled' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'CloudTrail.2' },
        { framework: 'CIS AWS Foundations Benchmark 3.0', id: '3.5' },
      ],
      links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html'],
    },
  },
  scope: 'resource',
  appliesTo: isTrail,
  check({ resource, report }) {
    let key = keyFor(resource, 'KMSKeyId', 'kms_key_id');
    // `KmsKeyId` (the log group's spelling) is a common misspelling on trails; taken as set rather than reported twice.
    if (resource.artifact === 'cloudformation' && !setting(resource, [key]).exists && setting(resource, ['KmsKeyId']).exists) key = 'KmsKeyId';
    const found = setting(resource, [key]);
    if (found.unknown || !isBlank(found.value)) return;
    report({
      path: found.path,
      message: found.exists && found.value !== null ? `The trail's ${key} is empty: log files are not encrypted with a KMS key.` : `The trail sets no ${key}: log files are not encrypted with a KMS key.`,
      fix: `Set ${key} to a customer-managed KMS key that CloudTrail may use.`,
    });
  },
});
