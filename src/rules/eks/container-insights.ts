import { describesCluster, clusterAddons, missingSettingPath } from '../../graph/eks.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { createRule } from '../rule.js';

export const OBSERVABILITY_ADDON = 'amazon-cloudwatch-observability';

/** The CloudWatch agent installed by Helm or manifests, in the scan. */
function agentInScan(graph: ResourceGraph): boolean {
  return graph.memo('eks:cloudwatch-agent', (g) =>
    g.resources.some(
      (resource) =>
        resource.artifact === 'kubernetes' &&
        ((resource.type === 'DaemonSet' && /^(cloudwatch-agent|fluent-bit)$/.test(resource.name) && resource.namespace === 'amazon-cloudwatch') ||
          /^cloudwatch\.aws\.amazon\.com\//.test(resource.apiVersion ?? '')),
    ),
  );
}

export default createRule({
  meta: {
    id: 'eks/container-insights',
    title: 'EKS clusters must run Container Insights (CloudWatch observability add-on)',
    severity: 'low',
    seedPoints: ['OBS-2'],
    artifacts: ['eksctl', 'cloudformation'],
    description:
      'Reports an EKS cluster with no `amazon-cloudwatch-observability` add-on: eksctl `addons`, or an `AWS::EKS::Addon` of the cluster in the scanned CloudFormation. A CloudWatch agent DaemonSet or `cloudwatch.aws.amazon.com` objects in the scan count as well.',
    rationale:
      'Without node, pod and container metrics there is no baseline to spot crypto-mining, resource exhaustion or a compromised workload\'s unusual behaviour, and no evidence afterwards.',
    remediation:
      'eksctl: `addons: [{ name: amazon-cloudwatch-observability }]` (with `iam.withOIDC: true` or a pod identity for its role). CloudFormation: an `AWS::EKS::Addon` with `AddonName: amazon-cloudwatch-observability` and `ClusterName: !Ref <cluster>`.',
    limitations:
      'An add-on created in another stack or by the console, or another metrics stack (Prometheus, Datadog) cannot be seen in these files.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-setup-EKS-addon.html'],
    },
  },
  appliesTo: describesCluster,
  check({ resource, report, graph }) {
    if (clusterAddons(graph, resource).some((addon) => addon.name === OBSERVABILITY_ADDON)) return;
    if (agentInScan(graph)) return;
    report({
      path: resource.artifact === 'eksctl' ? missingSettingPath(resource, ['addons']) : [],
      message: `Container Insights is not enabled: no ${OBSERVABILITY_ADDON} add-on${resource.artifact === 'eksctl' ? ' in addons' : ' (AWS::EKS::Addon) for this cluster in the scan'}.`,
    });
  },
});
