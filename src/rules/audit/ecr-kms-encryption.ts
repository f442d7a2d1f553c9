import { isBlank, keyFor, setting } from '../../graph/aws.js';
import { createRule } from '../rule.js';

const REPOSITORY = { cloudformation: 'AWS::ECR::Repository', terraform: 'aws_ecr_repository' };

export default createRule({
  meta: {
    id: 'audit/ecr-kms-encryption',
    title: 'ECR repositories must be encrypted with a customer-managed KMS key',
    severity: 'low',
    otherSeverities: ['info'],
    seedPoints: ['IMG-5'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an ECR repository not encrypted with a customer-managed KMS key: no `EncryptionConfiguration` / `encryption_configuration` or encryption type `AES256` (S3-managed keys, the default), or type `KMS` / `KMS_DSSE` without a key or with the AWS-managed `alias/aws/ecr` key. The AWS-managed key case is reported at severity info: KMS encryption is enough for ordinary repositories (IMG-5), a customer-managed key is expected for sensitive workloads.',
    rationale:
      'With a customer-managed key, pulling an image layer also needs `kms:Decrypt` on a key whose policy you control and whose use CloudTrail records; the key can be disabled to cut off access at once. AES256 and the AWS-managed key give no such control.',
    remediation:
      'CloudFormation: `EncryptionConfiguration: { EncryptionType: KMS, KmsKey: !GetAtt EcrKey.Arn }`. Terraform: `encryption_configuration { encryption_type = "KMS"  kms_key = aws_kms_key.ecr.arn }`. Encryption is fixed at creation: the repository must be recreated.',
    limitations: 'Values given by a parameter or another unresolved expression are unknown and not reported; the key policy is not checked.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0033' },
        { tool: 'checkov', id: 'CKV_AWS_136' },
      ],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.type === REPOSITORY[resource.artifact as keyof typeof REPOSITORY],
  check({ resource, report }) {
    const block = keyFor(resource, 'EncryptionConfiguration', 'encryption_configuration');
    const typeKey = keyFor(resource, 'EncryptionType', 'encryption_type');
    const keyKey = keyFor(resource, 'KmsKey', 'kms_key');
    const type = setting(resource, [block, typeKey]);
    const key = setting(resource, [block, keyKey]);
    if (type.unknown || key.unknown) return;
    const kind = typeof type.value === 'string' ? type.value.toUpperCase() : undefined;
    if (type.exists && kind === undefined) return;
    if (kind === undefined || kind === 'AES256') {
      report({
        path: type.path,
        message: kind === undefined ? `The repository is encrypted with S3-managed keys only: no ${block}.${typeKey} (default AES256).` : `The repository is encrypted with S3-managed keys only (${typeKey} is AES256).`,
        fix: `Set ${typeKey} to KMS and ${keyKey} to a customer-managed key.`,
      });
      return;
    }
    if (!kind.startsWith('KMS')) return;
    if (isBlank(key.value)) {
      report({
        path: key.exists ? key.path : type.path,
        message: `The repository uses the AWS-managed aws/ecr key: ${block}.${keyKey} is not set.`,
        fix: `Set ${keyKey} to a customer-managed KMS key.`,
        severity: 'info',
      });
    } else if (typeof key.value === 'string' && /(^|:)alias\/aws\/ecr$/.test(key.value)) {
      report({ path: key.path, message: `The repository uses the AWS-managed key ${key.value}, not a customer-managed key.`, fix: `Set ${keyKey} to a customer-managed KMS key.`, severity: 'info' });
    }
  },
});
