import { clusterAddons, helmReleases, isTfCluster, missingSettingPath, terraformAddons, isCloudCluster } from '../../graph/eks.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { Resource } from '../../model/types.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export const OBSERVABILITY_ADDON = 'amazon-cloudwatch-observability';

/** Helm charts that install the CloudWatch agent for Container Insights (the add-on's chart, eks-charts' one). */
const AGENT_CHART = /(^|\/)(amazon-cloudwatch-observability|aws-cloudwatch-metrics|cloudwatch-agent)(-v?\d[\w.+-]*)?(\.tgz)?$/i;

/** The CloudWatch agent installed by Helm (Terraform `helm_release`, CDK `addHelmChart`) or manifests, in the scan. */
function agentInScan(graph: ResourceGraph): boolean {
  return graph.memo('eks:cloudwatch-agent', (g) =>
    g.resources.some(
      (resource) =>
        resource.artifact === 'kubernetes' &&
        ((resource.type === 'DaemonSet' && /^(cloudwatch-agent|fluent-bit)$/.test(resource.name) && resource.namespace === 'amazon-cloudwatch') ||
          /^cloudwatch\.aws\.amazon\.com\//.test(resource.apiVersion ?? '')),
    ) || helmReleases(g).some((release) => release.chart !== undefined && AGENT_CHART.test(release.chart)),
  );
}

/**
 * Whether the Terraform configuration holds an `amazon-cloudwatch-observability` `aws_eks_addon` for `cluster`:
 * `cluster_name` refers to it (`aws_eks_cluster.x.name` / `.id`, through locals and module inputs) or equals its
 * literal name, as network-policy-enforcement matches add-ons. `unknown` when an add-on of the same root module
 * may be it (its name or its cluster cannot be read).
 */
function tfObservabilityAddon(graph: ResourceGraph, cluster: Resource): boolean | 'unknown' {
  let unknown = false;
  for (const { addon, belongs } of terraformAddons(graph, cluster)) {
    const addonName = addon.body.addon_name;
    if (typeof addonName === 'string' && addonName !== OBSERVABILITY_ADDON) continue;
    if (typeof addonName !== 'string' && !isUnknown(addonName)) continue;
    if (belongs === false) continue;
    if (belongs === true && addonName === OBSERVABILITY_ADDON) return true;
    unknown = true;
  }
  return unknown ? 'unknown' : false;
}

export default createRule({
  meta: {
    id: 'eks/container-insights',
    title: 'EKS clusters must run Container Insights (CloudWatch observability add-on)',
    severity: 'low',
    seedPoints: ['OBS-2'],
    artifacts: ['eksctl', 'cloudformation', 'terraform'],
    description:
      'Reports an EKS cluster with no `amazon-cloudwatch-observability` add-on: eksctl `addons`, an `AWS::EKS::Addon` of the cluster in the scanned CloudFormation, or a Terraform `aws_eks_addon` whose `cluster_name` refers to the `aws_eks_cluster` (or equals its name; add-ons of the terraform-aws-modules/eks module are seen when the module source is scanned locally). The cluster the CDK\'s L2 `eks.Cluster` synthesizes (`Custom::AWSCDK-EKS-Cluster`) is checked like a CloudFormation one. A CloudWatch agent DaemonSet, `cloudwatch.aws.amazon.com` objects, or a Helm release of the `amazon-cloudwatch-observability` / `aws-cloudwatch-metrics` chart in the scan (Terraform `helm_release`, CDK `cluster.addHelmChart()`) count as well. EKS Auto Mode clusters are checked like the others: Auto Mode does not collect Container Insights metrics without the add-on.',
    rationale:
      'Without node, pod and container metrics there is no baseline to spot crypto-mining, resource exhaustion or a compromised workload\'s unusual behaviour, and no evidence afterwards.',
    remediation:
      'eksctl: `addons: [{ name: amazon-cloudwatch-observability }]` (with `iam.withOIDC: true` or a pod identity for its role). CloudFormation: an `AWS::EKS::Addon` with `AddonName: amazon-cloudwatch-observability` and `ClusterName: !Ref <cluster>`. Terraform: `resource "aws_eks_addon" "observability" { cluster_name = aws_eks_cluster.this.name, addon_name = "amazon-cloudwatch-observability" }` (terraform-aws-modules/eks: `addons = { amazon-cloudwatch-observability = {} }`), with a role for the agent (pod identity or IRSA) allowed `CloudWatchAgentServerPolicy`.',
    limitations:
      'An add-on created in another stack or by the console, or another metrics stack (Prometheus, Datadog) cannot be seen in these files. Terraform: a cluster created by a remote module (registry, Git) is not in the scan, so nothing is reported for it; an `aws_eks_addon` whose name or `cluster_name` cannot be resolved makes the verdict unknown (nothing reported). An eksctl `ClusterConfig` with only `metadata` and node groups is also the input of `eksctl create nodegroup -f` for an existing cluster, so its cluster settings are unknown and not reported; `metadata.version` or a cluster section (`vpc`, `iam`, `cloudWatch`, `addons`, ...) makes it a cluster definition, checked with eksctl\'s defaults. EKS local clusters on AWS Outposts (eksctl `outpost.controlPlaneOutpostARN`, `OutpostConfig`, `outpost_config`) do not support add-ons and are not reported.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Container-Insights-setup-EKS-addon.html'],
    },
  },
  appliesTo: isCloudCluster,
  check({ resource, report, graph }) {
    if (agentInScan(graph)) return;
    if (isTfCluster(resource)) {
      if (tfObservabilityAddon(graph, resource) !== false) return;
      report({ path: [], message: `Container Insights is not enabled: no aws_eks_addon "${OBSERVABILITY_ADDON}" for this cluster in the scan.` });
      return;
    }
    if (clusterAddons(graph, resource).some((addon) => addon.name === OBSERVABILITY_ADDON)) return;
    report({
      path: resource.artifact === 'eksctl' ? missingSettingPath(resource, ['addons']) : [],
      message: `Container Insights is not enabled: no ${OBSERVABILITY_ADDON} add-on${resource.artifact === 'eksctl' ? ' in addons' : ' (AWS::EKS::Addon) for this cluster in the scan'}.`,
    });
  },
});
