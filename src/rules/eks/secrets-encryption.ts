import { propsOf } from '../../graph/aws.js';
import { cdkClusterConfigPath, hasUnknown, isCdkCluster, missingSettingPath, tfBlock, valueAt, isCloudCluster } from '../../graph/eks.js';
import { asArray, asObject, asString, isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'eks/secrets-encryption',
    title: 'EKS clusters must envelope-encrypt Kubernetes secrets with a KMS key',
    severity: 'medium',
    seedPoints: [],
    artifacts: ['eksctl', 'cloudformation', 'terraform'],
    description:
      'Reports an EKS cluster without KMS envelope encryption of Kubernetes secrets: eksctl without `secretsEncryption.keyARN`, CloudFormation `AWS::EKS::Cluster` without an `EncryptionConfig` entry whose `Resources` include `secrets` and whose `Provider.KeyArn` is set (one entry written as an object instead of a list is read as that entry), Terraform `aws_eks_cluster` without an `encryption_config` block for `secrets` with `provider.key_arn`. The cluster the CDK\'s L2 `eks.Cluster` synthesizes (`Custom::AWSCDK-EKS-Cluster`, whose `Config` is the CreateCluster request: `encryptionConfig[].resources` / `provider.keyArn`) is read too, with the API\'s defaults.',
    rationale:
      'With a customer-managed KMS key, secrets in etcd are encrypted with a key you control, audit in CloudTrail and can revoke; a copy of etcd or its backups alone does not reveal them.',
    remediation:
      'eksctl: `secretsEncryption: { keyARN: arn:aws:kms:<region>:<account>:key/<id> }`. CloudFormation: `EncryptionConfig: [{ Provider: { KeyArn: !GetAtt EksSecretsKey.Arn }, Resources: [secrets] }]`.',
    limitations:
      'Clusters on Kubernetes 1.28 and later have all API data envelope-encrypted by default with an AWS-owned key; this rule asks for a key you manage (CIS / FSBP EKS.3). A key given by a parameter counts as set. An eksctl `ClusterConfig` with only `metadata` and node groups is also the input of `eksctl create nodegroup -f` for an existing cluster, so its cluster settings are unknown and not reported; `metadata.version` or a cluster section (`vpc`, `iam`, `cloudWatch`, `addons`, ...) makes it a cluster definition, checked with eksctl\'s defaults. EKS local clusters on AWS Outposts (eksctl `outpost.controlPlaneOutpostARN`, `OutpostConfig`, `outpost_config`) do not support KMS secrets encryption and are not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0039' },
        { tool: 'checkov', id: 'CKV_AWS_58' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'EKS.3' },
        { framework: 'CIS EKS Benchmark 1.5', id: '5.3.1' },
      ],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html'],
    },
  },
  scope: 'resource',
  appliesTo: isCloudCluster,
  check({ resource, report }) {
    if (resource.artifact === 'eksctl') {
      const key = valueAt(resource.body, ['secretsEncryption'], ['keyARN']);
      if (key !== undefined && (isUnknown(key.value) || (typeof key.value === 'string' && key.value.trim() !== ''))) return;
      report({
        path: key?.path ?? missingSettingPath(resource, ['secretsEncryption', 'keyARN']),
        message: 'Kubernetes secrets are not envelope-encrypted with a KMS key you manage: secretsEncryption.keyARN is not set.',
      });
      return;
    }
    if (resource.artifact === 'terraform') {
      const block = tfBlock(resource.body, [], 'encryption_config');
      if (block === 'unknown') return;
      if (block !== undefined) {
        const resources = block.block.resources;
        const coversSecrets = isUnknown(resources) || asArray(resources).some((item) => isUnknown(item) || asString(item) === 'secrets');
        const provider = tfBlock(resource.body, block.path, 'provider');
        if (provider === 'unknown') return;
        const keyArn = provider?.block.key_arn;
        const hasKey = keyArn !== undefined && (isUnknown(keyArn) || (typeof keyArn === 'string' && keyArn !== ''));
        if (coversSecrets && hasKey) return;
      }
      report({
        path: block?.path ?? [],
        message:
          block === undefined
            ? 'Kubernetes secrets are not envelope-encrypted with a KMS key you manage: encryption_config is not set.'
            : 'encryption_config does not encrypt `secrets` with a KMS key (provider.key_arn).',
      });
      return;
    }
    // AWS::EKS::Cluster, or the CDK's cluster custom resource (the CreateCluster request in `Config`, camelCase).
    const cdk = isCdkCluster(resource);
    const path = cdk ? cdkClusterConfigPath(resource) : propsOf(resource).path;
    if (!path) return;
    const names = cdk
      ? { list: 'encryptionConfig', resources: 'resources', provider: 'provider', keyArn: 'keyArn' }
      : { list: 'EncryptionConfig', resources: 'Resources', provider: 'Provider', keyArn: 'KeyArn' };
    const config = valueAt(resource.body, path, [names.list]);
    if (config !== undefined && hasUnknown(config.value) && !Array.isArray(config.value)) return;
    // One entry written as an object instead of a list (Trivy's older examples): read as that entry.
    const value = config?.value;
    const entries = isObject(value) && !isUnknown(value) ? [value] : asArray(value);
    for (const entry of entries) {
      if (isUnknown(entry)) return;
      const object = asObject(entry);
      if (!object) continue;
      const resources = object[names.resources];
      const coversSecrets = isUnknown(resources) || asArray(resources).some((item) => isUnknown(item) || asString(item) === 'secrets');
      const keyArn = asObject(object[names.provider])?.[names.keyArn];
      const hasKey = keyArn !== undefined && (isUnknown(keyArn) || (typeof keyArn === 'string' && keyArn !== '') || asObject(keyArn) !== undefined);
      if (coversSecrets && hasKey) return;
    }
    const setting = cdk ? 'Config.encryptionConfig' : 'EncryptionConfig';
    report({
      path: config?.path ?? missingSettingPath(resource, [...path, names.list]),
      message:
        config === undefined
          ? `Kubernetes secrets are not envelope-encrypted with a KMS key you manage: ${setting} is not set.`
          : `${setting} has no entry encrypting \`secrets\` with a KMS key (${names.provider}.${names.keyArn}).`,
    });
  },
});
