import { eksctlNodeGroups, isEksctlConfig } from '../../graph/eks.js';
import { identityPolicies, policyAttachments } from '../../graph/governance.js';
import { containerHostRoles, type ContainerHost } from '../../graph/hosts.js';
import { matchesServiceWide, resourceEntries } from '../../graph/iam-arn.js';
import { actionMatches, appliesToAllResources, elementCovers, hasCondition, managedPolicyNameAt, parsePolicy, statementCoversAction, type PolicyDocument, type PolicyStatement } from '../../graph/iam.js';
import type { NodePath, Resource } from '../../model/types.js';
import { asArray, asObject } from '../../util/json.js';
import { createRule, type RuleReport } from '../rule.js';

/** AWS managed policies that only container hosts' roles carry: the role is an EKS node's or an ECS container instance's. */
const HOST_POLICIES: Readonly<Record<string, ContainerHost>> = {
  AmazonEKSWorkerNodePolicy: 'EKS node',
  AmazonEKSWorkerNodeMinimalPolicy: 'EKS node',
  AmazonEC2ContainerServiceforEC2Role: 'ECS container instance',
};

/** AWS managed policies that let their holder push images (the `*FullAccess` ones are reported by iam/no-admin-policy). */
const PUSH_POLICIES = new Set(['AmazonEC2ContainerRegistryPowerUser', 'AmazonElasticContainerRegistryPublicPowerUser']);

/** What a host must not do to images: write a tag (the manifest: PutImage), or delete them. */
const IMAGE_WRITES = [
  { actions: ['ecr:PutImage', 'ecr-public:PutImage'], does: 'push images', harm: 'overwrite the image tags other workloads deploy' },
  { actions: ['ecr:BatchDeleteImage', 'ecr-public:BatchDeleteImage'], does: 'delete images', harm: 'delete the images other workloads deploy' },
] as const;

const FIX =
  'Give the node role read-only ECR access (AmazonEC2ContainerRegistryReadOnly, or AmazonEC2ContainerRegistryPullOnly) and push images from the CI role that builds them.';

interface ImageWrite {
  policy: PolicyDocument;
  pattern: string;
  path: NodePath;
  does: string;
  harm: string;
}

/**
 * The first Allow entry of `policies` that lets its holder push (else delete) images, unless an unconditional Deny
 * of the same policies covers that action on all of the Allow's resources. With `deferToAdminRules`, grants the
 * wildcard rules report are skipped: `*`, and `ecr:*` / `ecr-public:*` on every resource (iam/no-admin-policy,
 * iam/no-wildcard-permissions) or on every repository of an account (iam/no-ecs-eks-ecr-admin); those rules do not
 * read eksctl's inline policies.
 */
function imageWrite(policies: readonly PolicyDocument[], deferToAdminRules: boolean): ImageWrite | undefined {
  const denies = policies.flatMap((policy) => policy.statements.filter((statement) => statement.effect === 'Deny' && !hasCondition(statement)));
  for (const { actions, does, harm } of IMAGE_WRITES) {
    for (const policy of policies) {
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow' || !statement.action) continue;
        for (const entry of statement.action.values) {
          if (deferToAdminRules && reportedAsAdmin(statement, entry.value)) continue;
          for (const action of actions) {
            if (!actionMatches(entry.value, action) || denies.some((deny) => deniesEverywhere(deny, action, statement))) continue;
            return { policy, pattern: entry.value, path: entry.path, does, harm };
          }
        }
      }
    }
  }
  return undefined;
}

/** The Deny covers `action` on all the resources the Allow `statement` names (a Deny on `*` on all of them). */
function deniesEverywhere(deny: PolicyStatement, action: string, statement: PolicyStatement): boolean {
  return statementCoversAction(deny, action) === true && (appliesToAllResources(deny) === true || elementCovers(deny.resource, statement.resource));
}

function reportedAsAdmin(statement: PolicyStatement, pattern: string): boolean {
  if (pattern === '*' || pattern === '*:*') return true;
  if (!/^ecr(-public)?:\*+$/i.test(pattern)) return false;
  return appliesToAllResources(statement) === true || (/^ecr:/i.test(pattern) && resourceEntries(statement).some((entry) => matchesServiceWide(entry.value, 'ecr')));
}

export default createRule({
  meta: {
    id: 'iam/host-role-image-push',
    title: 'The roles of container hosts must not push images',
    severity: 'medium',
    seedPoints: ['IMG-6', 'HOST-3'],
    artifacts: ['cloudformation', 'terraform', 'eksctl'],
    description:
      'Reports rights to push or delete ECR images on the role of EKS nodes or ECS container instances: the AWS managed policies `AmazonEC2ContainerRegistryPowerUser` and `AmazonElasticContainerRegistryPublicPowerUser` (attached by `ManagedPolicyArns`, `managed_policy_arns`, `aws_iam_role_policy_attachment` or `aws_iam_policy_attachment`), and identity policies that allow `ecr:PutImage` (which writes a tag; uploading layers alone does not) or `ecr:BatchDeleteImage`, or their `ecr-public` forms, by name or by a pattern such as `ecr:Put*`, unless an unconditional Deny of the same role covers the action on all of the statement\'s resources. A CloudFormation or Terraform role is a host role when it carries `AmazonEKSWorkerNodePolicy` (or `AmazonEKSWorkerNodeMinimalPolicy`) or `AmazonEC2ContainerServiceforEC2Role`, which only node and container-instance roles need, or when the scan shows a host using it (the node role of an `AWS::EKS::Nodegroup` / `aws_eks_node_group`, the role of the instance profile of a launch template, launch configuration or instance that starts EKS nodes or ECS container instances); eksctl: the `iam.attachPolicyARNs` and `iam.attachPolicy` of node groups.',
    rationale:
      'A node role is every pod\'s role once a pod reaches the instance metadata service, and the role of whatever runs on the host. With push rights, one compromised container can overwrite an image tag that other services deploy (or that this cluster pulls on its next rollout), and so spread to every workload that runs that image; with delete rights it can take those images away. Nodes only need to pull; images are pushed by the pipeline that builds them.',
    remediation: FIX,
    limitations:
      '`AmazonEC2ContainerRegistryFullAccess` and eksctl\'s `imageBuilder` policy are reported by iam/no-admin-policy, `*`, `ecr:*` and `ecr-public:*` on every resource by iam/no-wildcard-permissions, and `ecr:*` on every repository of an account by iam/no-ecs-eks-ecr-admin; and `ecr:*` on named repositories is reported here (in eksctl node groups\' `attachPolicy` too). A role without those managed policies is recognised by its use in the scan: the `NodeRole` / `node_role_arn` of a managed node group, or the role of the instance profile of a launch template, launch configuration or instance that starts EKS nodes or ECS container instances; a role used only by hosts outside the scan is not. Tag immutability (audit/ecr-immutable-tags) limits what a push can overwrite but not what it can add.',
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
        const who = `node group "${group.name}"`;
        const iam = asObject(group.body.iam);
        asArray(iam?.attachPolicyARNs).forEach((_, index) => {
          const path = [...group.path, 'iam', 'attachPolicyARNs', index];
          const name = managedPolicyNameAt(graph, resource, path);
          if (name !== undefined && PUSH_POLICIES.has(name)) report(managedFinding(`The ${who}'s role`, { name, resource, path }));
        });
        const inline = iam?.attachPolicy === undefined ? undefined : parsePolicy(resource, iam.attachPolicy, [...group.path, 'iam', 'attachPolicy'], 'identity', 'iam.attachPolicy');
        const write = inline && imageWrite([inline], true);
        if (write) report(grantFinding(`The ${who}'s role`, write));
      }
      return;
    }
    const attachments = policyAttachments(graph, resource).flatMap(({ resource: attachment, path }) => {
      const name = managedPolicyNameAt(graph, attachment, path);
      return name === undefined ? [] : [{ name, resource: attachment, path }];
    });
    const host = attachments.map((attachment) => HOST_POLICIES[attachment.name]).find((kind) => kind !== undefined) ?? containerHostRoles(graph).get(resource);
    if (!host) return;
    const who = `The role ${resource.name} of ${host}s`;
    for (const attachment of attachments) if (PUSH_POLICIES.has(attachment.name)) report(managedFinding(who, attachment));
    const write = imageWrite(identityPolicies(graph, resource).identity, true);
    if (write) report(grantFinding(who, write));
  },
});

function grantFinding(who: string, write: ImageWrite): RuleReport {
  return {
    resource: write.policy.resource,
    path: write.path,
    key: write.does,
    message: `${who} can ${write.does} (${write.pattern} in ${write.policy.label}): every container on those hosts that reaches the instance metadata can ${write.harm}.`,
    fix: FIX,
  };
}

function managedFinding(who: string, attachment: { name: string; resource: Resource; path: NodePath }): RuleReport {
  return {
    resource: attachment.resource,
    path: attachment.path,
    key: attachment.name,
    message: `${who} has ${attachment.name}, which pushes images to every repository of the account: every container on those hosts that reaches the instance metadata can overwrite the image tags other workloads deploy.`,
    fix: FIX,
  };
}
