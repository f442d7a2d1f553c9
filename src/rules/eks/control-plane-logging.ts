import { propsOf } from '../../graph/aws.js';
import { cdkClusterConfigPath, describesCluster, hasUnknown, isCdkCluster, isTfCluster, missingSettingPath, valueAt } from '../../graph/eks.js';
import type { NodePath } from '../../model/types.js';
import { asArray, asBoolean, asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';

export const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

export default createRule({
  meta: {
    id: 'eks/control-plane-logging',
    title: 'EKS clusters must send all control-plane log types to CloudWatch',
    severity: 'medium',
    seedPoints: ['OBS-8'],
    artifacts: ['eksctl', 'cloudformation', 'terraform'],
    description:
      'Reports an EKS cluster that does not enable every control-plane log type: api, audit, authenticator, controllerManager and scheduler. eksctl `cloudWatch.clusterLogging.enableTypes` (`"*"` / `all` count as all, `disableTypes` is subtracted) CloudFormation `Logging.ClusterLogging.EnabledTypes` and Terraform `enabled_cluster_log_types`. Control-plane logging is off by default. The cluster the CDK\'s L2 `eks.Cluster` synthesizes (`Custom::AWSCDK-EKS-Cluster`, whose `Config` is the CreateCluster request: `logging.clusterLogging[].enabled` / `types`) is read too, with the API\'s defaults.',
    rationale:
      'Without the audit and authenticator logs there is no record of who did what against the Kubernetes API: incidents cannot be investigated and credential misuse goes unnoticed. The api, controllerManager and scheduler logs explain failures and unexpected scheduling.',
    remediation:
      'eksctl: `cloudWatch: { clusterLogging: { enableTypes: ["*"], logRetentionInDays: 90 } }`. CloudFormation: `Logging: { ClusterLogging: { EnabledTypes: [{Type: api}, {Type: audit}, {Type: authenticator}, {Type: controllerManager}, {Type: scheduler}] } }`. Terraform: `enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]`.',
    limitations: 'Log types given by a parameter or another unresolved expression are unknown and not reported. An eksctl `ClusterConfig` with only `metadata` and node groups is also the input of `eksctl create nodegroup -f` for an existing cluster, so its cluster settings are unknown and not reported; `metadata.version` or a cluster section (`vpc`, `iam`, `cloudWatch`, `addons`, ...) makes it a cluster definition, checked with eksctl\'s defaults.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0038' },
        { tool: 'checkov', id: 'CKV_AWS_37' },
        { tool: 'cdk-nag', id: 'AwsSolutions-EKS2' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'EKS.8' },
        { framework: 'CIS EKS Benchmark 1.5', id: '2.1.1' },
      ],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => describesCluster(resource) || isTfCluster(resource) || isCdkCluster(resource),
  check({ resource, report }) {
    const enabled = new Set<string>();
    let listPath: NodePath | undefined;
    let anchor: NodePath;
    let setting: string;
    if (resource.artifact === 'eksctl') {
      setting = 'cloudWatch.clusterLogging.enableTypes';
      const enable = valueAt(resource.body, ['cloudWatch', 'clusterLogging'], ['enableTypes']);
      const disable = valueAt(resource.body, ['cloudWatch', 'clusterLogging'], ['disableTypes']);
      if (hasUnknown(enable?.value) || hasUnknown(disable?.value)) return;
      anchor = missingSettingPath(resource, ['cloudWatch', 'clusterLogging', 'enableTypes']);
      listPath = enable?.path;
      for (const item of asArray(enable?.value)) {
        const type = asString(item);
        if (type === undefined) continue;
        if (type === '*' || type.toLowerCase() === 'all') LOG_TYPES.forEach((each) => enabled.add(each));
        else enabled.add(canonical(type));
      }
      for (const item of asArray(disable?.value)) {
        const type = asString(item);
        if (type === undefined) continue;
        if (type === '*' || type.toLowerCase() === 'all') enabled.clear();
        else enabled.delete(canonical(type));
      }
    } else if (resource.artifact === 'terraform') {
      setting = 'enabled_cluster_log_types';
      const list = valueAt(resource.body, [], ['enabled_cluster_log_types']);
      if (hasUnknown(list?.value)) return;
      anchor = [];
      listPath = list?.path;
      for (const item of asArray(list?.value)) {
        const type = asString(item);
        if (type !== undefined) enabled.add(canonical(type));
      }
    } else if (isCdkCluster(resource)) {
      setting = 'Config.logging.clusterLogging';
      const config = cdkClusterConfigPath(resource);
      const list = config && valueAt(resource.body, config, ['logging', 'clusterLogging']);
      if (!config || hasUnknown(valueAt(resource.body, config, ['logging'])?.value)) return;
      anchor = missingSettingPath(resource, [...config, 'logging', 'clusterLogging']);
      listPath = list?.path;
      for (const item of asArray(list?.value)) {
        const entry = asObject(item);
        if (!entry || asBoolean(entry.enabled) !== true) continue;
        for (const type of asArray(entry.types)) if (typeof type === 'string') enabled.add(canonical(type));
      }
    } else {
      setting = 'Logging.ClusterLogging.EnabledTypes';
      const base = [...propsOf(resource).path, 'Logging', 'ClusterLogging'];
      const list = valueAt(resource.body, base, ['EnabledTypes']);
      if (hasUnknown(list?.value) || hasUnknown(valueAt(resource.body, propsOf(resource).path, ['Logging'])?.value)) return;
      anchor = missingSettingPath(resource, [...base, 'EnabledTypes']);
      listPath = list?.path;
      for (const item of asArray(list?.value)) {
        // The schema wants `{Type: api}`; a plain `api` (which the CloudFormation resource rejects) names the type too.
        const type = asString(item) ?? asString(asObject(item)?.Type);
        if (type !== undefined) enabled.add(canonical(type));
      }
    }
    const missing = LOG_TYPES.filter((type) => !enabled.has(type));
    if (missing.length === 0) return;
    const message =
      missing.length === LOG_TYPES.length
        ? `Control-plane logging is off: no log type is enabled (${setting}); enable ${LOG_TYPES.join(', ')}.`
        : `Control-plane log types not enabled: ${missing.join(', ')} (${setting}).`;
    report({ path: listPath ?? anchor, message });
  },
});

function canonical(type: string): string {
  return LOG_TYPES.find((known) => known.toLowerCase() === type.toLowerCase()) ?? type;
}
