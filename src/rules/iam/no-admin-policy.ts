import { adminManagedPolicy, managedPolicyNameAt } from '../../graph/iam.js';
import type { JsonObject, NodePath, Resource } from '../../model/types.js';
import { asArray, asBoolean, asObject, asString, getPath } from '../../util/json.js';
import { createRule, type RuleReport } from '../rule.js';
import { eksctlNodeGroups, eksctlPodRoles, isEksctlConfig } from '../../graph/eks.js';

const PRINCIPAL_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']);
/** SAM resources whose `Policies` name managed policies for the role SAM creates. */
const SAM_TYPES: Record<string, string> = { 'AWS::Serverless::Function': 'function', 'AWS::Serverless::StateMachine': 'state machine' };
/** Terraform: attachment resources (`policy_arn`) and roles with `managed_policy_arns`. */
const TF_ATTACHMENTS: Record<string, string> = {
  aws_iam_role_policy_attachment: 'role',
  aws_iam_user_policy_attachment: 'user',
  aws_iam_group_policy_attachment: 'group',
  aws_iam_policy_attachment: 'role, user or group',
};

/** IAM Identity Center: managed policies of a permission set, given to the people it is assigned to in each account. */
const SSO_PERMISSION_SET = 'AWS::SSO::PermissionSet';
const SSO_ATTACHMENT = 'aws_ssoadmin_managed_policy_attachment';
const PERMISSION_SET = 'IAM Identity Center permission set (the people it is assigned to)';

/**
 * AWS managed policies that are neither administrator nor `*FullAccess` by name but grant broad data access on
 * every resource, with the policy to use instead.
 */
const OVERLY_BROAD: Record<string, { grants: string; instead: string }> = {
  AmazonEC2RoleforSSM: {
    grants: 'deprecated by AWS; grants s3:GetObject / s3:PutObject / s3:ListBucket on every bucket of the account, ssm:* (every parameter, every document) and ds:CreateComputer on every resource',
    instead: 'Attach AmazonSSMManagedInstanceCore instead (plus a scoped policy for the S3 bucket and parameters the instance needs)',
  },
};

/** `*FullAccess` policies whose name promises more than they grant: what they grant instead. */
const FULL_ACCESS_GRANTS: Record<string, string> = {
  AmazonElasticFileSystemClientFullAccess: 'elasticfilesystem:ClientMount, ClientWrite and ClientRootAccess (NFS root access) on every file system of the account',
};

export default createRule({
  meta: {
    id: 'iam/no-admin-policy',
    title: 'Roles, users and groups must not have administrator, *FullAccess or deprecated over-broad managed policies',
    severity: 'high',
    otherSeverities: ['critical'],
    seedPoints: ['IAM-1'],
    artifacts: ['cloudformation', 'terraform', 'eksctl'],
    description:
      'Reports each entry of `ManagedPolicyArns` on an `AWS::IAM::Role`, `User` or `Group` (Terraform: `managed_policy_arns` of `aws_iam_role`, `policy_arn` of `aws_iam_*_policy_attachment`; SAM: the `Policies` of an `AWS::Serverless::Function` or `StateMachine`, where a bare name is an AWS managed policy; IAM Identity Center: the `ManagedPolicies` of an `AWS::SSO::PermissionSet`, `managed_policy_arn` of `aws_ssoadmin_managed_policy_attachment`; eksctl: `iam.attachPolicyARNs` of node groups, whose role every pod that reaches the instance metadata can use, `attachPolicyARNs` of `iam.serviceAccounts`, of `addons` (without `serviceAccountRoleARN`) and of `capabilities` (the role eksctl makes for an EKS capability without `roleArn`), `permissionPolicyARNs` of `iam.podIdentityAssociations` and of add-ons\' `podIdentityAssociations` (without `roleARN`); also eksctl\'s `imageBuilder` add-on / well-known policy, full ECR access), that names the AWS managed policies `AdministratorAccess`, `PowerUserAccess`, `IAMFullAccess` or any `*FullAccess` policy (`AmazonS3FullAccess`, `AmazonECS_FullAccess`, ...), and the deprecated `AmazonEC2RoleforSSM` (read and write on every S3 bucket and every SSM parameter; replaced by `AmazonSSMManagedInstanceCore`). The ARN may be literal, built with `Fn::Sub` / `Fn::Join` around `${AWS::Partition}`, or in Terraform the `arn` of a `data "aws_iam_policy"` that looks the policy up by a literal `arn` or `name`.',
    rationale:
      'AWS managed administrator and full-access policies grant every action of one or all services on every resource, including actions added later. A workload role with them turns any code execution in the task or pod into control of the account or the service.',
    remediation:
      'Replace the managed policy with a customer managed or inline policy listing the actions and resources the role needs; for human administrators, use a separate role with MFA and short sessions. For Systems Manager on instances, replace `AmazonEC2RoleforSSM` with `AmazonSSMManagedInstanceCore`.',
    limitations:
      'Customer managed policies are checked statement by statement by `iam/no-wildcard-permissions`; inline `*` statements are reported there. cdk-nag AwsSolutions-IAM4 flags every AWS managed policy; this rule reports the administrator and full-access ones, since narrow AWS managed policies (`AmazonECSTaskExecutionRolePolicy`, `AmazonEKSWorkerNodePolicy`) are what AWS recommends for those roles.',
    references: {
      peers: [
        { tool: 'cdk-nag', id: 'AwsSolutions-IAM4' },
        { tool: 'prowler', id: 'iam_aws_attached_policy_no_administrative_privileges' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'IAM.1' }],
    },
  },
  appliesTo: (resource) =>
    isEksctlConfig(resource) ||
    (resource.artifact === 'cloudformation' && (PRINCIPAL_TYPES.has(resource.type) || resource.type in SAM_TYPES || resource.type === SSO_PERMISSION_SET)) ||
    (resource.artifact === 'terraform' && (resource.type === 'aws_iam_role' || resource.type in TF_ATTACHMENTS || resource.type === SSO_ATTACHMENT)),
  check({ resource, graph, report }) {
    // Where managed policies are named, and whose role gets them.
    const found: Array<{ path: NodePath; who: string }> = [];
    if (resource.artifact === 'eksctl') {
      // The node role serves every pod that can reach the instance metadata; IRSA roles serve one service account.
      for (const group of eksctlNodeGroups(resource)) {
        const iam = asObject(group.body.iam);
        asArray(iam?.attachPolicyARNs).forEach((_, index) => found.push({ path: [...group.path, 'iam', 'attachPolicyARNs', index], who: `node group "${group.name}"` }));
        reportImageBuilder(asObject(iam?.withAddonPolicies), [...group.path, 'iam', 'withAddonPolicies', 'imageBuilder'], `node group "${group.name}"`, report);
      }
      asArray(asObject(resource.body.iam)?.serviceAccounts).forEach((entry, index) => {
        const account = asObject(entry);
        const metadata = asObject(account?.metadata);
        const who = `IRSA role of service account "${[metadata?.namespace, metadata?.name].filter((part) => typeof part === 'string').join('/')}"`;
        asArray(account?.attachPolicyARNs).forEach((_, policyIndex) => found.push({ path: ['iam', 'serviceAccounts', index, 'attachPolicyARNs', policyIndex], who }));
        reportImageBuilder(asObject(account?.wellKnownPolicies), ['iam', 'serviceAccounts', index, 'wellKnownPolicies', 'imageBuilder'], who, report);
      });
      // The roles eksctl creates for add-ons (IRSA) and Pod Identity associations, with these policies.
      const { addons, associations } = eksctlPodRoles(resource);
      for (const addon of addons) asArray(addon.body.attachPolicyARNs).forEach((_, index) => found.push({ path: [...addon.path, 'attachPolicyARNs', index], who: `role of ${addon.who}` }));
      for (const association of associations) {
        asArray(association.body.permissionPolicyARNs).forEach((_, index) => found.push({ path: [...association.path, 'permissionPolicyARNs', index], who: `role of ${association.who}` }));
      }
      // EKS capabilities (managed ACK, kro, Argo CD): eksctl creates each capability's IAM role with these policies.
      asArray(resource.body.capabilities).forEach((entry, index) => {
        const capability = asObject(entry);
        const name = asString(capability?.name);
        const who = `role of EKS capability ${name !== undefined ? `"${name}"` : index + 1}`;
        // With `roleArn` eksctl creates no role and ignores the policies.
        if (capability?.roleArn !== undefined && capability.roleArn !== '') return;
        asArray(capability?.attachPolicyARNs).forEach((_, policyIndex) => found.push({ path: ['capabilities', index, 'attachPolicyARNs', policyIndex], who }));
      });
    } else if (resource.artifact === 'terraform') {
      const who = TF_ATTACHMENTS[resource.type] ?? 'role';
      if (resource.type === 'aws_iam_role') asArray(resource.body.managed_policy_arns).forEach((_, index) => found.push({ path: ['managed_policy_arns', index], who }));
      else if (resource.type === SSO_ATTACHMENT) found.push({ path: ['managed_policy_arn'], who: PERMISSION_SET });
      else found.push({ path: ['policy_arn'], who });
    } else if (resource.type === SSO_PERMISSION_SET) {
      asArray(asObject(resource.body.Properties)?.ManagedPolicies).forEach((_, index) => found.push({ path: ['Properties', 'ManagedPolicies', index], who: PERMISSION_SET }));
    } else if (resource.type in SAM_TYPES) {
      const who = `${SAM_TYPES[resource.type] ?? 'function'}'s role`;
      const policies = asObject(resource.body.Properties)?.Policies;
      if (typeof policies === 'string') found.push({ path: ['Properties', 'Policies'], who });
      else asArray(policies).forEach((entry, index) => typeof entry === 'string' && found.push({ path: ['Properties', 'Policies', index], who }));
    } else {
      const who = resource.type.replace('AWS::IAM::', '').toLowerCase();
      asArray(asObject(resource.body.Properties)?.ManagedPolicyArns).forEach((_, index) => found.push({ path: ['Properties', 'ManagedPolicyArns', index], who }));
    }
    for (const { path, who } of found) reportManaged(managedPolicyNameAt(graph, resource, path) ?? samManagedPolicyName(resource, path), path, who, report);
  },
});

/** eksctl's `imageBuilder` add-on / well-known policy: full access to ECR (push, delete, repository policies). */
function reportImageBuilder(policies: JsonObject | undefined, path: NodePath, who: string, report: (report: RuleReport) => void): void {
  if (asBoolean(policies?.imageBuilder) !== true) return;
  report({ path, severity: 'high', key: 'imageBuilder', message: `The ${who} has eksctl's imageBuilder policy: full access to every ECR repository (push, delete, change repository policies).` });
}

function reportManaged(name: string | undefined, path: NodePath, kind: string, report: (report: RuleReport) => void): void {
  if (!name) return;
  const broad = OVERLY_BROAD[name];
  if (broad) {
    report({ path, severity: 'high', message: `The ${kind} has the AWS managed policy ${name}: ${broad.grants}. ${broad.instead}.`, key: name });
    return;
  }
  const level = adminManagedPolicy(name);
  if (!level) return;
  report({
    path,
    severity: level === 'admin' ? 'critical' : 'high',
    message:
      level === 'admin'
        ? `The ${kind} has the AWS managed policy ${name}: administrator-level access to the account.`
        : `The ${kind} has the AWS managed policy ${name}: ${FULL_ACCESS_GRANTS[name] ?? 'full access to the service as AWS defines it, on every resource (AWS adds actions to it over time)'}.`,
    key: name,
  });
}

/** SAM also takes an AWS managed policy by its bare name (`Policies: [AmazonS3FullAccess]`). */
function samManagedPolicyName(resource: Resource, path: NodePath): string | undefined {
  if (!(resource.type in SAM_TYPES)) return undefined;
  const value = getPath(resource.body, path);
  return typeof value === 'string' && /^[\w+=,.@-]+$/.test(value) ? value : undefined;
}
