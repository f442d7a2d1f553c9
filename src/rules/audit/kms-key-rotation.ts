import { keyFor, setting } from '../../graph/aws.js';
import { asBoolean, asString } from '../../util/json.js';
import { createRule } from '../rule.js';

const KEY = { cloudformation: 'AWS::KMS::Key', terraform: 'aws_kms_key' };

export default createRule({
  meta: {
    id: 'audit/kms-key-rotation',
    title: 'Customer managed KMS keys must rotate their key material',
    severity: 'medium',
    seedPoints: [],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports a symmetric encryption KMS key (CloudFormation `AWS::KMS::Key`, Terraform `aws_kms_key`) without automatic rotation: `EnableKeyRotation` / `enable_key_rotation` missing (the default is false) or false. Keys that AWS cannot rotate automatically are not reported: asymmetric and HMAC keys (`KeySpec` / `customer_master_key_spec` other than `SYMMETRIC_DEFAULT`, `KeyUsage` other than `ENCRYPT_DECRYPT`), keys with imported key material (`Origin: EXTERNAL`, `aws_kms_external_key`) and keys in a custom key store.',
    rationale:
      'The customer managed keys that encrypt CloudTrail logs, ECR images, log groups and EKS Secrets (OBS-1, OBS-5, IMG-5, EKS-3) protect data for years. Automatic rotation creates new key material every year (or the period set) without changing the key ID or breaking decryption of older data, which limits how much data any one key material protects.',
    remediation:
      'CloudFormation: `EnableKeyRotation: true` (and `RotationPeriodInDays` if a year is too long). Terraform: `enable_key_rotation = true` (and `rotation_period_in_days`).',
    limitations: 'Rotation enabled outside the scanned files (console, CLI) is not seen. Unresolved values are unknown and not reported.',
    references: {
      peers: [
        { tool: 'cdk-nag', id: 'AwsSolutions-KMS5' },
        { tool: 'checkov', id: 'CKV_AWS_7' },
        { tool: 'trivy', id: 'AVD-AWS-0065' },
        { tool: 'prowler', id: 'kms_cmk_rotation_enabled' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'KMS.4' },
        { framework: 'CIS AWS Foundations Benchmark 3.0', id: '3.6' },
      ],
      links: ['https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.type === KEY[resource.artifact as keyof typeof KEY],
  check({ resource, report }) {
    for (const [cloudformation, terraform, rotatable] of [
      ['KeySpec', 'customer_master_key_spec', 'SYMMETRIC_DEFAULT'],
      ['KeyUsage', 'key_usage', 'ENCRYPT_DECRYPT'],
      ['Origin', 'origin', 'AWS_KMS'],
    ] as const) {
      const found = setting(resource, [keyFor(resource, cloudformation, terraform)]);
      if (found.unknown) return;
      const value = asString(found.value);
      if (found.exists && value !== rotatable) return;
    }
    if (setting(resource, [keyFor(resource, 'CustomKeyStoreId', 'custom_key_store_id')]).exists) return;
    const key = keyFor(resource, 'EnableKeyRotation', 'enable_key_rotation');
    const found = setting(resource, [key]);
    if (found.unknown || asBoolean(found.value) === true) return;
    const written = found.exists && found.value !== null; // `enable_key_rotation = null` leaves the default
    report({
      path: found.path,
      message: written ? `The key material of this KMS key is never rotated (${key} is false).` : `The key material of this KMS key is never rotated: ${key} is not set (default false).`,
      fix: `Set ${key} to true.`,
    });
  },
});
