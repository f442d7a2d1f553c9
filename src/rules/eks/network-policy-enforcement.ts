import { clusterAddons, helmReleases, isCdkCluster, isEksctlConfig, isTfCluster, missingSettingPath, parseConfiguration, terraformAddons, tfBlock, valueAt, type AddonView, type HelmRelease, isCloudCluster } from '../../graph/eks.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { Resource } from '../../model/types.js';
import { propsOf } from '../../graph/aws.js';
import { asBoolean, asObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleContext } from '../rule.js';

/** A Helm chart that installs a NetworkPolicy-enforcing CNI. */
const POLICY_CNI_CHART = /(^|\/)(calico|tigera-operator|cilium)(-v?\d[\w.+-]*)?(\.tgz)?$/i;

function installsPolicyCni(release: HelmRelease): boolean {
  if (release.chart !== undefined) return POLICY_CNI_CHART.test(release.chart.replace(/\/+$/, ''));
  // The chart is unknown (a variable): the release name is the remaining evidence.
  return release.release !== undefined && POLICY_CNI_CHART.test(release.release);
}

/**
 * Objects in the scan that show a policy-enforcing CNI (Calico, Cilium) is installed: Kubernetes objects of
 * their API groups or their node DaemonSets, or a Helm release of their charts (Terraform, CDK).
 */
function alternativeCniInScan(graph: ResourceGraph): boolean {
  return graph.memo(
    'eks:alternative-cni',
    (g) =>
      g.resources.some(
        (resource) =>
          resource.artifact === 'kubernetes' &&
          (/(^|\.)(projectcalico\.org|tigera\.io|cilium\.io)\//.test(resource.apiVersion ?? '') || (resource.type === 'DaemonSet' && /^(calico-node|cilium)$/.test(resource.name))),
      ) || helmReleases(g).some(installsPolicyCni),
  );
}

interface TfAddons {
  /** `aws_eks_addon`s of the cluster (by reference or by its literal name). */
  addons: AddonView[];
  /** A vpc-cni add-on of the same configuration whose cluster cannot be told (an unresolved name). */
  unattributedCni: boolean;
}

/** The `aws_eks_addon`s naming a Terraform cluster: `cluster_name = aws_eks_cluster.x.name` / `.id`, or its literal name. */
function tfClusterAddons(graph: ResourceGraph, cluster: Resource): TfAddons {
  const out: TfAddons = { addons: [], unattributedCni: false };
  for (const { addon, belongs } of terraformAddons(graph, cluster)) {
    const addonName = addon.body.addon_name;
    if (typeof addonName !== 'string') {
      if (belongs !== false && isUnknown(addonName)) out.unattributedCni = true; // may be the vpc-cni
      continue;
    }
    if (belongs === 'unknown') {
      if (addonName === 'vpc-cni') out.unattributedCni = true;
      continue;
    }
    if (!belongs) continue;
    const raw = addon.body.configuration_values;
    const hasConfig = raw !== undefined && raw !== null;
    out.addons.push({
      name: addonName,
      configuration: hasConfig ? parseConfiguration(raw) : undefined, // a `jsonencode(...)` object as the loader gives it, or JSON / YAML text
      resource: addon,
      path: [],
      configurationPath: hasConfig ? ['configuration_values'] : undefined,
    });
  }
  return out;
}

export default createRule({
  meta: {
    id: 'eks/network-policy-enforcement',
    title: 'EKS clusters must enforce Kubernetes NetworkPolicies',
    severity: 'medium',
    seedPoints: ['NET-7'],
    artifacts: ['eksctl', 'cloudformation', 'terraform'],
    description:
      'Reports an EKS cluster whose VPC CNI add-on does not enable network policy (`enableNetworkPolicy: "true"` in its configuration values), or that declares no VPC CNI add-on configuration at all while no other policy engine is visible. eksctl `addons`, CloudFormation `AWS::EKS::Addon` and Terraform `aws_eks_addon` resources of the cluster (Terraform `configuration_values` as `jsonencode({...})` or a JSON string; add-ons of the terraform-aws-modules/eks module are seen when the module source is scanned locally). The cluster the CDK\'s L2 `eks.Cluster` synthesizes (`Custom::AWSCDK-EKS-Cluster`) is read too: the `AWS::EKS::Addon`s naming it, and its `Config` (the CreateCluster request: `bootstrapSelfManagedAddons`, `computeConfig`). Calico or Cilium in the scan (their Kubernetes objects, or a Helm release of the `calico`, `tigera-operator` or `cilium` chart: Terraform `helm_release`, CDK `cluster.addHelmChart()`) count as enforcement.',
    rationale:
      'The VPC CNI does not enforce NetworkPolicy objects unless its network policy agent is enabled: policies are accepted and silently ignored, so namespaces are not isolated however carefully the policies are written.',
    remediation:
      'eksctl: `addons: [{ name: vpc-cni, configurationValues: \'{"enableNetworkPolicy": "true"}\' }]`. CloudFormation: an `AWS::EKS::Addon` with `AddonName: vpc-cni` and `ConfigurationValues: \'{"enableNetworkPolicy":"true"}\'`. Terraform: `resource "aws_eks_addon" "vpc_cni" { cluster_name = aws_eks_cluster.this.name, addon_name = "vpc-cni", configuration_values = jsonencode({ enableNetworkPolicy = "true" }) }` (terraform-aws-modules/eks: `addons = { vpc-cni = { configuration_values = jsonencode({ enableNetworkPolicy = "true" }) } }`). Or install Calico or Cilium in policy mode.',
    limitations:
      'Calico or Cilium installed by Helm or manifests outside the scan cannot be seen: the rule stays silent when Calico/Cilium objects are in the scan, when eksctl disables the default add-ons (`addonsConfig.disableDefaultAddons: true`) or CloudFormation sets `BootstrapSelfManagedAddons: false` (`bootstrapSelfManagedAddons: false` in a CDK cluster\'s `Config`; a CNI brought separately; in Terraform, `bootstrap_self_managed_addons = false` with no `aws_eks_addon` vpc-cni in the scan), and for EKS Auto Mode clusters (network policy is configured in the NodeClass there). Terraform modules from a registry or Git source are not loaded: a cluster created by a remote `terraform-aws-modules/eks` call is not in the scan, so nothing is reported for it (scan the module source locally to check its `addons`). A Terraform add-on whose `cluster_name` cannot be resolved makes the verdict unknown. Security groups for pods are not checked. An eksctl `ClusterConfig` with only `metadata` and node groups is also the input of `eksctl create nodegroup -f` for an existing cluster, so its cluster settings are unknown and not reported; `metadata.version` or a cluster section (`vpc`, `iam`, `cloudWatch`, `addons`, ...) makes it a cluster definition, checked with eksctl\'s defaults. EKS local clusters on AWS Outposts (eksctl `outpost.controlPlaneOutpostARN`, `OutpostConfig`, `outpost_config`) do not support add-ons and are not reported.',
    references: {
      peers: [],
      frameworks: [{ framework: 'CIS EKS Benchmark 1.5', id: '5.4.4' }],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html'],
    },
  },
  appliesTo: isCloudCluster,
  check({ resource, report, graph }) {
    if (alternativeCniInScan(graph)) return;
    if (isTfCluster(resource)) {
      checkTerraform(resource, graph, report);
      return;
    }
    if (isEksctlConfig(resource)) {
      const disableDefaults = valueAt(resource.body, ['addonsConfig'], ['disableDefaultAddons']);
      if (disableDefaults && asBoolean(disableDefaults.value) !== false) return;
      const auto = valueAt(resource.body, ['autoModeConfig'], ['enabled']);
      if (auto && asBoolean(auto.value) !== false) return;
    } else if (isCdkCluster(resource)) {
      // The CDK cluster's CreateCluster request, with the API's names.
      const config = asObject(propsOf(resource).props.Config);
      if (!config || isUnknown(config)) return;
      if (config.bootstrapSelfManagedAddons !== undefined && asBoolean(config.bootstrapSelfManagedAddons) !== true) return;
      if (config.computeConfig !== undefined && asBoolean(asObject(config.computeConfig)?.enabled) !== false) return;
    } else {
      const { props } = propsOf(resource);
      if (props.BootstrapSelfManagedAddons !== undefined && asBoolean(props.BootstrapSelfManagedAddons) !== true) return;
      if (props.ComputeConfig !== undefined && asBoolean(asObject(props.ComputeConfig)?.Enabled) !== false) return;
    }
    const cni = clusterAddons(graph, resource).filter((addon) => addon.name === 'vpc-cni');
    if (cni.length === 0) {
      report({
        path: resource.artifact === 'eksctl' ? missingSettingPath(resource, ['addons']) : [],
        message:
          resource.artifact === 'eksctl'
            ? 'NetworkPolicies are not enforced: no vpc-cni add-on with enableNetworkPolicy "true" is configured (the default VPC CNI ignores NetworkPolicy objects).'
            : 'NetworkPolicies are not enforced: no AWS::EKS::Addon vpc-cni with enableNetworkPolicy "true" exists for this cluster in the scan (the default VPC CNI ignores NetworkPolicy objects).',
      });
      return;
    }
    if (enforcedOrUnknown(cni)) return;
    const addon = cni[0];
    if (!addon) return;
    report({
      ...(addon.resource === resource ? {} : { resource: addon.resource }),
      path: addon.configurationPath ?? addon.path,
      message:
        addon.configurationPath === undefined
          ? 'NetworkPolicies are not enforced: the vpc-cni add-on has no configuration values setting enableNetworkPolicy to "true".'
          : 'NetworkPolicies are not enforced: the vpc-cni add-on configuration does not set enableNetworkPolicy to "true".',
    });
  },
});

type Report = RuleContext['report'];

/** True when one of the vpc-cni add-ons enables network policy or leaves it unknown. */
function enforcedOrUnknown(cni: readonly AddonView[]): boolean {
  for (const addon of cni) {
    const configuration = addon.configuration;
    if (configuration === 'unknown') return true;
    const value = configuration?.enableNetworkPolicy;
    if (value !== undefined && (isUnknown(value) || asBoolean(value) === true)) return true;
  }
  return false;
}

function checkTerraform(cluster: Resource, graph: ResourceGraph, report: Report): void {
  // EKS Auto Mode (`compute_config { enabled = true }`): network policy is configured in the NodeClass.
  const compute = tfBlock(cluster.body, [], 'compute_config');
  if (compute === 'unknown') return;
  if (compute && asBoolean(compute.block.enabled) !== false) return;
  const { addons, unattributedCni } = tfClusterAddons(graph, cluster);
  const cni = addons.filter((addon) => addon.name === 'vpc-cni');
  if (cni.length === 0) {
    if (unattributedCni) return;
    const bootstrap = cluster.body.bootstrap_self_managed_addons;
    if (bootstrap !== undefined && bootstrap !== null && asBoolean(bootstrap) !== true) return; // CNI brought separately, or unknown
    report({
      path: [],
      message:
        'NetworkPolicies are not enforced: no aws_eks_addon "vpc-cni" with enableNetworkPolicy "true" exists for this cluster in the scan (the default VPC CNI ignores NetworkPolicy objects).',
    });
    return;
  }
  if (enforcedOrUnknown(cni) || unattributedCni) return;
  const addon = cni[0];
  if (!addon) return;
  const setting = addon.configurationPath ? valueAt(addon.resource.body, addon.configurationPath, ['enableNetworkPolicy']) : undefined;
  report({
    resource: addon.resource,
    path: setting?.path ?? addon.configurationPath ?? addon.path,
    message:
      addon.configurationPath === undefined
        ? 'NetworkPolicies are not enforced: the vpc-cni add-on has no configuration_values setting enableNetworkPolicy to "true".'
        : 'NetworkPolicies are not enforced: the vpc-cni add-on configuration_values do not set enableNetworkPolicy to "true".',
  });
}
