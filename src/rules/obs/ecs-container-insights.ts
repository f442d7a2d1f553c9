import { keyFor, settingsOf } from '../../graph/aws.js';
import type { JsonValue, NodePath } from '../../model/types.js';
import { isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const CLUSTER = { cloudformation: 'AWS::ECS::Cluster', terraform: 'aws_ecs_cluster' };
const ON = new Set(['enabled', 'enhanced']);

export default createRule({
  meta: {
    id: 'obs/ecs-container-insights',
    title: 'ECS clusters must have Container Insights enabled',
    severity: 'low',
    seedPoints: ['OBS-2'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an ECS cluster whose `containerInsights` setting is missing or not `enabled` / `enhanced`: CloudFormation `AWS::ECS::Cluster` `ClusterSettings: [{ Name: containerInsights, Value: enabled }]`, Terraform `aws_ecs_cluster` `setting { name = "containerInsights" value = "enabled" }`.',
    rationale:
      'Container Insights collects per-cluster, per-service and per-task CPU, memory, network and storage metrics and task events; without them abnormal usage (a crypto-miner, a runaway task, a denial of service) goes unseen and incidents cannot be reconstructed.',
    remediation:
      'CloudFormation: `ClusterSettings: [{ Name: containerInsights, Value: enhanced }]` (or `enabled`). Terraform: `setting { name = "containerInsights" value = "enhanced" }`.',
    limitations:
      'The account-level default (`aws ecs put-account-setting-default --name containerInsights`) applies to clusters created without the setting and is not visible in files: such a cluster is still reported. Unresolved values are unknown and not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0034' },
        { tool: 'checkov', id: 'CKV_AWS_65' },
        { tool: 'cdk-nag', id: 'AwsSolutions-ECS4' },
        { tool: 'prowler', id: 'ecs_cluster_container_insights_enabled' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'ECS.12' }],
      links: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/ContainerInsights.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.type === CLUSTER[resource.artifact as keyof typeof CLUSTER],
  check({ resource, report }) {
    const { object, path } = settingsOf(resource);
    if (resource.artifact === 'cloudformation' && resource.body.Properties !== undefined && !isObject(resource.body.Properties)) return;
    if (object !== undefined && isUnknown(object)) return;
    const listKey = keyFor(resource, 'ClusterSettings', 'setting');
    const nameKey = keyFor(resource, 'Name', 'name');
    const valueKey = keyFor(resource, 'Value', 'value');
    const list: JsonValue | undefined = object?.[listKey];
    const fix = `Add a ${listKey} entry with ${nameKey} containerInsights and ${valueKey} enhanced (or enabled).`;
    if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) {
      // An empty list written is where the entry goes; an absent one, the resource.
      report({ path: list === undefined ? path : [...path, listKey], message: `Container Insights is not enabled: ${listKey} has no containerInsights entry.`, fix });
      return;
    }
    if (isUnknown(list) || !Array.isArray(list)) return;
    let sawUnknown = false;
    for (const [index, item] of list.entries()) {
      if (!isObject(item) || isUnknown(item)) {
        sawUnknown = true;
        continue;
      }
      const name = item[nameKey];
      if (isUnknown(name) || typeof name !== 'string') {
        sawUnknown = true;
        continue;
      }
      if (name !== 'containerInsights') continue;
      const value = item[valueKey];
      if (isUnknown(value) || typeof value !== 'string') return;
      if (ON.has(value.trim().toLowerCase())) return;
      const at: NodePath = [...path, listKey, index, valueKey];
      report({ path: at, message: `Container Insights is not enabled: containerInsights is "${value}".`, fix });
      return;
    }
    if (sawUnknown) return;
    report({ path: [...path, listKey], message: `Container Insights is not enabled: ${listKey} has no containerInsights entry.`, fix });
  },
});
