import { describesCluster, asBoolean, clusterAddons, isEksctlConfig, missingSettingPath, cfnProperties, valueAt } from '../../graph/eks.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { asObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

/** Kubernetes objects in the scan that show a policy-enforcing CNI (Calico, Cilium) is installed. */
function alternativeCniInScan(graph: ResourceGraph): boolean {
  return graph.memo('eks:alternative-cni', (g) =>
    g.resources.some(
      (resource) =>
        resource.artifact === 'kubernetes' &&
        (/(^|\.)(projectcalico\.org|tigera\.io|cilium\.io)\//.test(resource.apiVersion ?? '') ||
          (resource.type === 'DaemonSet' && /^(calico-node|cilium)$/.test(resource.name))),
    ),
  );
}

export default createRule({
  meta: {
    id: 'eks/network-policy-enforcement',
    title: 'EKS clusters must enforce Kubernetes NetworkPolicies',
    severity: 'medium',
    seedPoints: ['NET-7'],
    artifacts: ['eksctl', 'cloudformation'],
    description:
      'Reports an EKS cluster whose VPC CNI add-on does not enable network policy (`enableNetworkPolicy: "true"` in its configuration values), or that declares no VPC CNI add-on configuration at all while no other policy engine is visible. eksctl `addons` and CloudFormation `AWS::EKS::Addon` resources of the cluster.',
    rationale:
      'The VPC CNI does not enforce NetworkPolicy objects unless its network policy agent is enabled: policies are accepted and silently ignored, so namespaces are not isolated however carefully the policies are written.',
    remediation:
      'eksctl: `addons: [{ name: vpc-cni, configurationValues: \'{"enableNetworkPolicy": "true"}\' }]`. CloudFormation: an `AWS::EKS::Addon` with `AddonName: vpc-cni` and `ConfigurationValues: \'{"enableNetworkPolicy":"true"}\'`. Or install Calico or Cilium in policy mode.',
    limitations:
      'Calico or Cilium installed by Helm or manifests outside the scan cannot be seen: the rule stays silent when Calico/Cilium objects are in the scan, when eksctl disables the default add-ons (`addonsConfig.disableDefaultAddons: true`) or CloudFormation sets `BootstrapSelfManagedAddons: false` (a CNI brought separately), and for EKS Auto Mode clusters (network policy is configured in the NodeClass there). Security groups for pods are not checked.',
    references: {
      peers: [],
      frameworks: [{ framework: 'CIS EKS Benchmark 1.5', id: '5.4.4' }],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html'],
    },
  },
  appliesTo: describesCluster,
  check({ resource, report, graph }) {
    if (alternativeCniInScan(graph)) return;
    if (isEksctlConfig(resource)) {
      const disableDefaults = valueAt(resource.body, ['addonsConfig'], ['disableDefaultAddons']);
      if (disableDefaults && asBoolean(disableDefaults.value) !== false) return;
      const auto = valueAt(resource.body, ['autoModeConfig'], ['enabled']);
      if (auto && asBoolean(auto.value) !== false) return;
    } else {
      const { props } = cfnProperties(resource);
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
    for (const addon of cni) {
      const configuration = addon.configuration;
      if (configuration === 'unknown') return;
      const value = configuration?.enableNetworkPolicy;
      if (value !== undefined && (isUnknown(value) || asBoolean(value) === true)) return;
    }
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
