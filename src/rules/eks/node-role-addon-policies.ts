import { eksctlNodeGroups, isEksctlConfig } from '../../graph/eks.js';
import { asBoolean, asObject } from '../../util/json.js';
import { createRule } from '../rule.js';

/**
 * eksctl's `withAddonPolicies` that give a node role control over shared infrastructure, and what they allow.
 * `xRay` and `cloudWatch` only write telemetry; `imageBuilder` (full ECR access) is reported by iam/no-admin-policy.
 */
const ADDON_GRANTS: Readonly<Record<string, string>> = {
  autoScaler: 'resize the cluster\'s Auto Scaling groups and terminate their instances',
  externalDNS: 'change records in the account\'s Route 53 hosted zones',
  certManager: 'change records in the account\'s Route 53 hosted zones',
  albIngress: 'create and change load balancers, listeners and security group rules',
  awsLoadBalancerController: 'create and change load balancers, listeners and security group rules',
  ebs: 'create, attach, detach and delete EBS volumes and snapshots',
  efs: 'create and delete EFS access points',
  fsx: 'create and delete FSx file systems',
  appMesh: 'manage App Mesh and Cloud Map resources',
  appMeshPreview: 'manage App Mesh and Cloud Map resources',
};

export default createRule({
  meta: {
    id: 'eks/node-role-addon-policies',
    title: 'Cluster add-ons must get their AWS permissions from their own role, not from the node role',
    severity: 'medium',
    otherSeverities: ['low'],
    seedPoints: ['HOST-3'],
    artifacts: ['eksctl'],
    description:
      'Reports eksctl node groups whose `iam.withAddonPolicies` attach an add-on\'s permissions to the node role: `autoScaler`, `externalDNS`, `certManager`, `albIngress` / `awsLoadBalancerController`, `ebs`, `efs`, `fsx`, `appMesh`. Medium when pods on the nodes can reach the instance metadata service (`disablePodIMDS` not true), low when only host-network pods and the node itself can.',
    rationale:
      'Every process that reaches the instance metadata service gets the node role\'s credentials. With an add-on policy on the node role, any pod on those nodes, not only the add-on, can rewrite DNS records, open security groups, terminate instances or attach other workloads\' EBS volumes. IRSA and EKS Pod Identity give the add-on\'s permissions to its service account alone.',
    remediation:
      'Remove the entry from `withAddonPolicies` and give the add-on its own role: `iam.serviceAccounts` with `wellKnownPolicies` (`autoScaler`, `externalDNS`, `certManager`, `awsLoadBalancerController`, `ebsCSIController`, `efsCSIController`) and `iam.withOIDC: true`, or `iam.podIdentityAssociations`. Set `disablePodIMDS: true` on the node groups.',
    limitations:
      'Policies attached to the node role in other ways are checked by the IAM rules (iam/no-admin-policy, iam/no-wildcard-permissions). eksctl scopes some add-on policies with conditions on cluster tags (the autoscaler\'s); they still reach every pod on the nodes.',
    references: {
      peers: [],
      frameworks: [{ framework: 'Amazon EKS Best Practices Guide', id: 'Identity and Access Management: restrict access to the instance profile assigned to the worker node' }],
      links: ['https://eksctl.io/usage/iam-policies/', 'https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html#_restrict_access_to_the_instance_profile_assigned_to_the_worker_node'],
    },
  },
  scope: 'resource',
  appliesTo: isEksctlConfig,
  check({ resource, report }) {
    for (const group of eksctlNodeGroups(resource)) {
      const policies = asObject(asObject(group.body.iam)?.withAddonPolicies);
      if (!policies) continue;
      const podsReachImds = asBoolean(group.body.disablePodIMDS) !== true;
      for (const [name, grants] of Object.entries(ADDON_GRANTS)) {
        if (asBoolean(policies[name]) !== true) continue;
        report({
          path: [...group.path, 'iam', 'withAddonPolicies', name],
          severity: podsReachImds ? 'medium' : 'low',
          message: `Node group "${group.name}" gives its node role eksctl's ${name} add-on policy (${grants}): ${podsReachImds ? 'every pod on these nodes can use it through the instance metadata service' : 'host-network pods and anything running on the nodes can use it'}. Give the add-on its own role with IRSA or EKS Pod Identity.`,
        });
      }
    }
  },
});
