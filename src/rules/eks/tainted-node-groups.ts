import { isCfnNodegroup, isEksctlConfig, isTfNodegroup, nodeGroupLabels, nodeGroupTaints, nodeGroupsOf } from '../../graph/eks.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'eks/tainted-node-groups',
    title: 'Node groups for sensitive workloads must be tainted so other pods stay off',
    severity: 'medium',
    seedPoints: ['HOST-4'],
    artifacts: ['eksctl', 'cloudformation', 'terraform'],
    description:
      'Reports a node group labelled as dedicated to sensitive workloads (its labels include every label of the `sensitiveWorkloads.labels` setting) that has no `NoSchedule` or `NoExecute` taint with the `sensitiveWorkloads.taintKey` key. eksctl `nodeGroups` / `managedNodeGroups` (`labels`, `taints` in list or map form) CloudFormation `AWS::EKS::Nodegroup` (`Labels`, `Taints`) and Terraform `aws_eks_node_group` (`labels`, `taint` blocks).',
    rationale:
      'A label only attracts the pods that select it; without a taint any other pod can be scheduled on the sensitive nodes and share their kernel, node role and network. The taint keeps everything off except pods that tolerate it (checked on the Kubernetes side by `k8s/sensitive-workload-isolation`).',
    remediation:
      'Add a taint to the node group: eksctl `taints: [{ key: <taintKey>, value: "true", effect: NoSchedule }]`; CloudFormation `Taints: [{ Key: <taintKey>, Value: "true", Effect: NO_SCHEDULE }]`, and give the sensitive pods the matching toleration and node selector.',
    limitations:
      'Which node groups are sensitive is known only from their labels and the `sensitiveWorkloads` setting; with no labels configured the rule reports nothing. Taints added after creation (kubectl, Karpenter) are not in these files.',
    references: {
      peers: [],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Pod security: separate sensitive workloads' }],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/node-taints-managed-node-groups.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => isEksctlConfig(resource) || isCfnNodegroup(resource) || isTfNodegroup(resource),
  check({ resource, report, settings }) {
    const wanted = Object.entries(settings.sensitiveWorkloads.labels);
    if (wanted.length === 0) return;
    const taintKey = settings.sensitiveWorkloads.taintKey;
    for (const group of nodeGroupsOf(resource)) {
      const labels = nodeGroupLabels(group);
      if (!labels || isUnknown(labels.labels as never)) continue;
      if (!wanted.every(([key, value]) => labels.labels[key] !== undefined && String(labels.labels[key]) === value)) continue;
      const taints = nodeGroupTaints(group);
      if (taints === 'unknown') continue;
      if (taints.some((taint) => taint.key === undefined)) continue; // an intrinsic key: unknown
      const matching = taints.filter((taint) => taint.key === taintKey);
      if (matching.some((taint) => taint.effect === 'NoSchedule' || taint.effect === 'NoExecute')) continue;
      const label = wanted.map(([key, value]) => `${key}=${value}`).join(', ');
      const weak = matching[0];
      report({
        path: weak?.path ?? labels.path,
        message: weak
          ? `Node group "${group.name}" is for sensitive workloads (${label}) but its "${taintKey}" taint has effect ${weak.effect ?? '(none)'}: use NoSchedule so other pods cannot land there.`
          : `Node group "${group.name}" is for sensitive workloads (${label}) but has no NoSchedule taint "${taintKey}": any pod can be scheduled on it.`,
      });
    }
  },
});
