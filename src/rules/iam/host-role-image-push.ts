import { terraformReferrers } from '../../graph/aws.js';
import { eksctlNodeGroups, isEksctlConfig } from '../../graph/eks.js';
import { grantOf, identityPolicies, type Grant } from '../../graph/governance.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { managedPolicyNameAt } from '../../graph/iam.js';
import type { NodePath, Resource } from '../../model/types.js';
import { asArray, asObject } from '../../util/json.js';
import { createRule, type RuleReport } from '../rule.js';

/** AWS managed policies that only container hosts' roles carry: the role is an EKS node's or an ECS container instance's. */
const HOST_POLICIES: Readonly<Record<string, string>> = {
  AmazonEKSWorkerNodePolicy: 'EKS node',
  AmazonEKSWorkerNodeMinimalPolicy: 'EKS node',
  AmazonEC2ContainerServiceforEC2Role: 'ECS container instance',
};

/** AWS managed policies that let their holder push images (the `*FullAccess` ones are reported by iam/no-admin-policy). */
const PUSH_POLICIES = new Set(['AmazonEC2ContainerRegistryPowerUser', 'AmazonElasticContainerRegistryPublicPowerUser']);

/** Actions that write images into a repository. `ecr:*` grants are left to iam/no-ecs-eks-ecr-admin. */
const PUSH_ACTIONS = ['ecr:PutImage', 'ecr:CompleteLayerUpload', 'ecr:BatchDeleteImage', 'ecr-public:PutImage', 'ecr-public:CompleteLayerUpload'];

const FIX =
  'Give the node role read-only ECR access (AmazonEC2ContainerRegistryReadOnly, or AmazonEC2ContainerRegistryPullOnly) and push images from the CI role that builds them.';

interface ManagedAttachment {
  name: string;
  /** The resource and path naming the policy (the role's own list, or a separate attachment). */
  resource: Resource;
  path: NodePath;
}

/** AWS managed policies attached to a CloudFormation or Terraform role, where they are named. */
function managedPolicies(graph: ResourceGraph, role: Resource): ManagedAttachment[] {
  const found: ManagedAttachment[] = [];
  const add = (resource: Resource, path: NodePath): void => {
    const name = managedPolicyNameAt(graph, resource, path);
    if (name !== undefined) found.push({ name, resource, path });
  };
  if (role.artifact === 'cloudformation') {
    asArray(asObject(role.body.Properties)?.ManagedPolicyArns).forEach((_, index) => add(role, ['Properties', 'ManagedPolicyArns', index]));
    return found;
  }
  asArray(role.body.managed_policy_arns).forEach((_, index) => add(role, ['managed_policy_arns', index]));
  for (const attachment of terraformReferrers(graph, role, 'aws_iam_role_policy_attachment', ['role'])) add(attachment, ['policy_arn']);
  return found;
}

export default createRule({
  meta: {
    id: 'iam/host-role-image-push',
    title: 'The roles of container hosts must not push images',
    severity: 'medium',
    seedPoints: ['IMG-6', 'HOST-3'],
    artifacts: ['cloudformation', 'terraform', 'eksctl'],
    description:
      'Reports permissions to push images to ECR on the role of EKS nodes or ECS container instances: the AWS managed policies `AmazonEC2ContainerRegistryPowerUser` and `AmazonElasticContainerRegistryPublicPowerUser`, and identity policies that allow `ecr:PutImage`, `ecr:CompleteLayerUpload`, `ecr:BatchDeleteImage` (or their `ecr-public` forms) by name or by a pattern such as `ecr:Put*`. A CloudFormation or Terraform role is a host role when it carries `AmazonEKSWorkerNodePolicy` (or `AmazonEKSWorkerNodeMinimalPolicy`) or `AmazonEC2ContainerServiceforEC2Role`, which only node and container-instance roles need; eksctl: the `iam.attachPolicyARNs` of node groups.',
    rationale:
      'A node role is every pod\'s role once a pod reaches the instance metadata service, and the role of whatever runs on the host. With push rights, one compromised container can overwrite an image tag that other services deploy (or that this cluster pulls on its next rollout), and so spread to every workload that runs that image. Nodes only need to pull; images are pushed by the pipeline that builds them.',
    remediation: FIX,
    limitations:
      '`AmazonEC2ContainerRegistryFullAccess`, eksctl\'s `imageBuilder` policy and `ecr:*` grants are reported by iam/no-admin-policy and iam/no-ecs-eks-ecr-admin. A role is recognised as a host role only by those managed policies: a node role whose policies are all written inline, or attached by a policy the scan does not contain, is not. Tag immutability (audit/ecr-immutable-tags) limits what a push can overwrite but not what it can add.',
    references: {
      peers: [],
      frameworks: [{ framework: 'Amazon EKS Best Practices Guide', id: 'Identity and Access Management: restrict access to the instance profile assigned to the worker node' }],
      links: [
        'https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html',
        'https://docs.aws.amazon.com/AmazonECR/latest/userguide/security-iam-awsmanpol.html',
      ],
    },
  },
  appliesTo: (resource) =>
    isEksctlConfig(resource) ||
    (resource.artifact === 'cloudformation' && resource.type === 'AWS::IAM::Role') ||
    (resource.artifact === 'terraform' && resource.type === 'aws_iam_role'),
  check({ resource, graph, report }) {
    if (resource.artifact === 'eksctl') {
      for (const group of eksctlNodeGroups(resource)) {
        asArray(asObject(group.body.iam)?.attachPolicyARNs).forEach((_, index) => {
          const path = [...group.path, 'iam', 'attachPolicyARNs', index];
          const name = managedPolicyNameAt(graph, resource, path);
          if (name !== undefined && PUSH_POLICIES.has(name)) report(managedFinding(`node group "${group.name}"`, 'EKS node', { name, resource, path }));
        });
      }
      return;
    }
    const managed = managedPolicies(graph, resource);
    const host = managed.map((attachment) => HOST_POLICIES[attachment.name]).find((kind) => kind !== undefined);
    if (!host) return;
    for (const attachment of managed) if (PUSH_POLICIES.has(attachment.name)) report(managedFinding(`role ${resource.name}`, host, attachment));
    const { identity } = identityPolicies(graph, resource);
    const grant = PUSH_ACTIONS.map((action) => grantOf(identity, action)).find((found): found is Grant => found !== undefined && !/^ecr(-public)?:\*$/i.test(found.pattern));
    if (!grant) return;
    report({
      resource: grant.policy.resource,
      path: grant.path,
      key: 'push-grant',
      message: `The role ${resource.name} of ${host}s can push images (${grant.pattern} in ${grant.policy.label}): every container on those hosts that reaches the instance metadata can overwrite the images other workloads deploy.`,
      fix: FIX,
    });
  },
});

function managedFinding(who: string, host: string, attachment: ManagedAttachment): RuleReport {
  return {
    resource: attachment.resource,
    path: attachment.path,
    key: attachment.name,
    message: `The ${who} of ${host}s has ${attachment.name}, which pushes images to every repository of the account: every container on those hosts that reaches the instance metadata can overwrite the images other workloads deploy.`,
    fix: FIX,
  };
}
