import { propsOf } from '../../graph/aws.js';
import { isEksctlConfig, tfBlock } from '../../graph/eks.js';
import type { JsonValue, NodePath } from '../../model/types.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import type { RuleReport } from '../rule.js';
import { createRule } from '../rule.js';

const CLUSTER_ADMIN_POLICY = /\/AmazonEKSClusterAdminPolicy$/;

/** The principal an access entry names, for messages (`the principal` when unresolved). */
function principalText(value: JsonValue | undefined): string {
  const text = asString(value);
  return text !== undefined && !isUnknown(text) && !text.includes('${') ? `"${text}"` : 'the principal';
}

/**
 * An access policy association that gives AmazonEKSClusterAdminPolicy over the whole cluster. The scope type is
 * required by the API; an unresolved policy or scope is unknown.
 */
function clusterAdminAtClusterScope(policyArn: JsonValue | undefined, scopeType: JsonValue | undefined): boolean {
  const policy = asString(policyArn);
  const scope = asString(scopeType);
  return policy !== undefined && !isUnknown(policy) && CLUSTER_ADMIN_POLICY.test(policy) && scope !== undefined && !isUnknown(scope) && scope.toLowerCase() === 'cluster';
}

/** `grant`: who gets the policy, as the message starts (`The access entry gives "arn:..."`). */
function clusterAdminReport(path: NodePath, grant: string): RuleReport {
  return {
    path,
    message: `${grant} AmazonEKSClusterAdminPolicy over the whole cluster: the access-entry form of cluster-admin, every verb on every object of every namespace.`,
  };
}

export default createRule({
  meta: {
    id: 'eks/cluster-access-least-privilege',
    title: 'EKS cluster access must not map IAM principals into system:masters, whole accounts or cluster-wide admin',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['EKS-1'],
    artifacts: ['eksctl', 'cloudformation', 'terraform'],
    description:
      'The IAM side of cluster access, where it is written outside the aws-auth ConfigMap (which k8s/aws-auth-system-masters reads). eksctl `iamIdentityMappings`: an entry whose `groups` include `system:masters` (high), or an `account` entry, which maps every IAM principal of the account (high). Access entries with the `AmazonEKSClusterAdminPolicy` access policy at `cluster` scope (medium): eksctl `accessConfig.accessEntries[].accessPolicies` and `capabilities[].accessPolicies` (the access entry eksctl makes for an EKS capability such as managed Argo CD or ACK), CloudFormation `AWS::EKS::AccessEntry` `AccessPolicies`, Terraform `aws_eks_access_policy_association`.',
    rationale:
      '`system:masters` bypasses RBAC entirely: no binding can narrow or revoke it. An account mapping authenticates every user and role of the account, including ones created later. AmazonEKSClusterAdminPolicy at cluster scope is cluster-admin: EKS-1 asks access entries to be least privilege, which means namespaced scopes and the Admin / Edit / View policies (or Kubernetes groups bound by your own RBAC) for everyone but a break-glass administrator.',
    remediation:
      'Map people to a Kubernetes group bound to a narrower ClusterRole (access entry `kubernetesGroups`, or a custom group in `iamIdentityMappings`) instead of `system:masters`; replace `account` mappings with explicit role ARNs; give AmazonEKSClusterAdminPolicy only to one break-glass role (suppress this finding there, with the reason) and scope other entries to namespaces with AmazonEKSAdminPolicy / AmazonEKSEditPolicy / AmazonEKSViewPolicy.',
    limitations:
      'Who the principal is cannot be told from the file: a cluster-admin access entry for the platform team\'s break-glass role is expected and should carry a suppression with its reason. A policy ARN or scope given by a parameter or variable is unknown. Access entries passed to a registry module (terraform-aws-modules/eks `access_entries`) are only seen when the module is installed or local. `bootstrapClusterCreatorAdminPermissions` (the creator\'s implicit admin entry) is not reported.',
    references: {
      peers: [],
      frameworks: [{ framework: 'CIS EKS Benchmark 1.5', id: '4.1.1' }],
      links: [
        'https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html',
        'https://eksctl.io/usage/iam-identity-mappings/',
        'https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html',
      ],
    },
  },
  scope: 'resource',
  appliesTo: (resource) =>
    isEksctlConfig(resource) ||
    (resource.artifact === 'cloudformation' && resource.type === 'AWS::EKS::AccessEntry') ||
    (resource.artifact === 'terraform' && resource.type === 'aws_eks_access_policy_association'),
  check({ resource, report }) {
    const { body } = resource;
    if (resource.artifact === 'eksctl') {
      asArray(body.iamIdentityMappings).forEach((entry, index) => {
        const mapping = asObject(entry);
        if (!mapping || isUnknown(mapping)) return;
        const path: NodePath = ['iamIdentityMappings', index];
        const account = mapping.account;
        if ((typeof account === 'string' || typeof account === 'number') && !isUnknown(account)) {
          report({ path: [...path, 'account'], message: `iamIdentityMappings maps every IAM principal of account ${String(account)} into the cluster, including users and roles created later.` });
        }
        const groups = asArray(mapping.groups);
        const masters = groups.findIndex((group) => group === 'system:masters');
        if (masters !== -1) {
          const arn = asString(mapping.arn);
          report({
            path: [...path, 'groups', masters],
            message: `iamIdentityMappings maps ${arn !== undefined && !isUnknown(arn) ? `"${arn}"` : `entry ${index + 1}`} into system:masters: unrestricted cluster access that no RBAC binding can narrow or revoke.`,
          });
        }
      });
      asArray(asObject(body.accessConfig)?.accessEntries).forEach((entry, index) => {
        const accessEntry = asObject(entry);
        if (!accessEntry) return;
        asArray(accessEntry.accessPolicies).forEach((item, policyIndex) => {
          const policy = asObject(item);
          if (!policy || !clusterAdminAtClusterScope(policy.policyARN, asObject(policy.accessScope)?.type)) return;
          report({ ...clusterAdminReport(['accessConfig', 'accessEntries', index, 'accessPolicies', policyIndex, 'policyARN'], `The access entry gives ${principalText(accessEntry.principalARN)}`), severity: 'medium' });
        });
      });
      // EKS capabilities (managed ACK, kro, Argo CD): eksctl creates the capability's access entry with these policies.
      asArray(body.capabilities).forEach((entry, index) => {
        const capability = asObject(entry);
        if (!capability) return;
        asArray(capability.accessPolicies).forEach((item, policyIndex) => {
          const policy = asObject(item);
          if (!policy || !clusterAdminAtClusterScope(policy.policyARN, asObject(policy.accessScope)?.type)) return;
          report({ ...clusterAdminReport(['capabilities', index, 'accessPolicies', policyIndex, 'policyARN'], `The access entry of EKS capability ${principalText(capability.name)} gets`), severity: 'medium' });
        });
      });
      return;
    }
    if (resource.artifact === 'cloudformation') {
      const { props, path } = propsOf(resource);
      asArray(props.AccessPolicies).forEach((item, index) => {
        const policy = asObject(item);
        if (!policy || !clusterAdminAtClusterScope(policy.PolicyArn, asObject(policy.AccessScope)?.Type)) return;
        report({ ...clusterAdminReport([...path, 'AccessPolicies', index, 'PolicyArn'], `The access entry gives ${principalText(props.PrincipalArn)}`), severity: 'medium' });
      });
      return;
    }
    const scope = tfBlock(body, [], 'access_scope');
    if (scope === undefined || scope === 'unknown') return;
    if (clusterAdminAtClusterScope(body.policy_arn, scope.block.type)) report({ ...clusterAdminReport(['policy_arn'], `The access entry gives ${principalText(body.principal_arn)}`), severity: 'medium' });
  },
});
