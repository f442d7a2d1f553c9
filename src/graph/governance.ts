import type { NodePath, Resource } from '../model/types.js';
import { asArray, asObject } from '../util/json.js';
import { isUnknown } from '../util/unknown.js';
import type { ResourceGraph } from './graph.js';
import { terraformReferenced, terraformReferrers } from './aws.js';
import { actionMatches, attachedPolicyResources, hasCondition, parsePolicy, policiesOf, serviceOf, statementCoversAction, terraformPolicyAt, type PolicyDocument } from './iam.js';

/**
 * Organization governance helpers: which resources of a scan are service control policies (SCPs).
 *
 * An SCP is:
 * - a CloudFormation `AWS::Organizations::Policy` with `Type: SERVICE_CONTROL_POLICY` (its `Content`);
 * - a Terraform `aws_organizations_policy` whose `type` is missing (the provider default) or
 *   `SERVICE_CONTROL_POLICY` (its `content`, a JSON string, a decoded `jsonencode(...)` or a
 *   `data.aws_iam_policy_document`'s `json`);
 * - a standalone policy JSON file that is clearly one: every statement is a `Deny` without `Principal` /
 *   `NotPrincipal` (an SCP may also carry the `FullAWSAccess` allow `*` on `*`), and either the file name says
 *   so (`scp`, `service-control`, `guardrail`) or some statement denies actions of the audit services
 *   (CloudTrail, GuardDuty, Config, Organizations). Identity policies are never Deny-only in practice, except
 *   deny boundaries that these two conditions keep out.
 */

export interface ServiceControlPolicy {
  resource: Resource;
  /** Where the content sits in the resource body (for reports). */
  path: NodePath;
  /** `undefined` when the content is unresolved: what it denies is unknown. */
  policy: PolicyDocument | undefined;
}

const SCP_TYPE = 'SERVICE_CONTROL_POLICY';
const GUARDRAIL_SERVICES = new Set(['cloudtrail', 'guardduty', 'config', 'organizations']);
const SCP_FILE_NAME = /scp|service[-_ ]?control|guardrail/i;

function cfnScp(resource: Resource): ServiceControlPolicy | undefined {
  const properties = resource.body.Properties;
  if (!properties || typeof properties !== 'object' || Array.isArray(properties) || isUnknown(properties)) return undefined;
  if (properties.Type !== SCP_TYPE) return undefined; // unknown types are not assumed to be SCPs
  const path: NodePath = ['Properties', 'Content'];
  return { resource, path, policy: parsePolicy(resource, properties.Content, path, 'identity', 'Content') };
}

function tfScp(resource: Resource, graph: ResourceGraph): ServiceControlPolicy | undefined {
  const type = resource.body.type;
  if (type !== undefined && type !== SCP_TYPE) return undefined;
  const path: NodePath = ['content'];
  return { resource, path, policy: terraformPolicyAt(graph, resource, path, 'identity') };
}

function isFullAccessAllow(statement: PolicyDocument['statements'][number]): boolean {
  return (
    statement.effect === 'Allow' &&
    !statement.notAction &&
    !statement.notResource &&
    statement.action?.values.length === 1 &&
    statement.action.values[0]?.value === '*' &&
    !statement.action.unknown &&
    (statement.resource === undefined || (statement.resource.values.length === 1 && statement.resource.values[0]?.value === '*')) &&
    statement.conditions.length === 0
  );
}

function fileScp(resource: Resource, graph: ResourceGraph): ServiceControlPolicy | undefined {
  const policy = policiesOf(resource, graph)[0];
  if (!policy || policy.unknownStatements > 0 || policy.statements.length === 0) return undefined;
  const denies = policy.statements.filter((s) => s.effect === 'Deny');
  if (denies.length === 0) return undefined;
  for (const statement of policy.statements) {
    if (statement.principal || statement.notPrincipal) return undefined;
    if (statement.effect !== 'Deny' && !isFullAccessAllow(statement)) return undefined;
  }
  const touchesAudit = denies.some((s) => (s.action?.values ?? []).some((a) => GUARDRAIL_SERVICES.has(serviceOf(a.value))));
  const fileName = resource.document.file.path.split(/[\\/]/).pop() ?? '';
  if (!touchesAudit && !SCP_FILE_NAME.test(fileName)) return undefined;
  return { resource, path: [], policy };
}

/** Every SCP of the scan, in scan order (memoized). */
export function serviceControlPolicies(graph: ResourceGraph): readonly ServiceControlPolicy[] {
  return graph.memo('governance:scps', (g) => {
    const out: ServiceControlPolicy[] = [];
    for (const resource of g.resources) {
      let scp: ServiceControlPolicy | undefined;
      if (resource.artifact === 'cloudformation' && resource.type === 'AWS::Organizations::Policy') scp = cfnScp(resource);
      else if (resource.artifact === 'terraform' && resource.type === 'aws_organizations_policy') scp = tfScp(resource, g);
      else if (resource.artifact === 'iam-policy') scp = fileScp(resource, g);
      if (scp) out.push(scp);
    }
    return out;
  });
}

/** Could the resource be an SCP (cheap `appliesTo` guard)? */
export function maybeServiceControlPolicy(resource: Resource): boolean {
  return (
    (resource.artifact === 'cloudformation' && resource.type === 'AWS::Organizations::Policy') ||
    (resource.artifact === 'terraform' && resource.type === 'aws_organizations_policy') ||
    resource.artifact === 'iam-policy'
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Identities (roles and users) and what they are allowed to do, for separation-of-duties checks.

const IDENTITY_TYPES = {
  cloudformation: ['AWS::IAM::Role', 'AWS::IAM::User'],
  terraform: ['aws_iam_role', 'aws_iam_user'],
} as const;

export function isIdentity(resource: Resource): boolean {
  if (resource.artifact === 'cloudformation') return (IDENTITY_TYPES.cloudformation as readonly string[]).includes(resource.type);
  if (resource.artifact === 'terraform') return (IDENTITY_TYPES.terraform as readonly string[]).includes(resource.type);
  return false;
}

export interface IdentityPolicies {
  /** Identity policies (inline and attached) found in the scan. */
  identity: PolicyDocument[];
  /** The role's trust policy, when known. */
  trust: PolicyDocument | undefined;
}

/** Terraform attachments per principal type: [inline policy type, attachment type, its attribute, `aws_iam_policy_attachment` list]. */
const TF_ATTACHMENTS: Readonly<Record<string, readonly [string, string, string, string]>> = {
  aws_iam_role: ['aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'role', 'roles'],
  aws_iam_user: ['aws_iam_user_policy', 'aws_iam_user_policy_attachment', 'user', 'users'],
  aws_iam_group: ['aws_iam_group_policy', 'aws_iam_group_policy_attachment', 'group', 'groups'],
};

/**
 * Where policies are attached to a role, user or group by ARN (AWS managed or customer policies): the entries of a
 * CloudFormation principal's `ManagedPolicyArns`, and in Terraform a role's `managed_policy_arns` entries and the
 * `policy_arn` of `aws_iam_*_policy_attachment` and `aws_iam_policy_attachment` resources naming it.
 */
export function policyAttachments(graph: ResourceGraph, principal: Resource): Array<{ resource: Resource; path: NodePath }> {
  const found: Array<{ resource: Resource; path: NodePath }> = [];
  if (principal.artifact === 'cloudformation') {
    asArray(asObject(principal.body.Properties)?.ManagedPolicyArns).forEach((_, index) => found.push({ resource: principal, path: ['Properties', 'ManagedPolicyArns', index] }));
    return found;
  }
  const spec = TF_ATTACHMENTS[principal.type];
  if (principal.artifact !== 'terraform' || !spec) return found;
  asArray(principal.body.managed_policy_arns).forEach((_, index) => found.push({ resource: principal, path: ['managed_policy_arns', index] }));
  const [, attachmentType, attribute, listAttribute] = spec;
  for (const attachment of [...terraformReferrers(graph, principal, attachmentType, [attribute]), ...terraformReferrers(graph, principal, 'aws_iam_policy_attachment', [listAttribute])]) {
    found.push({ resource: attachment, path: ['policy_arn'] });
  }
  return found;
}

/** Identity and trust policies of a role, user or group (CloudFormation or Terraform), as far as the scan shows them. */
export function identityPolicies(graph: ResourceGraph, principal: Resource): IdentityPolicies {
  const identity: PolicyDocument[] = [];
  let trust: PolicyDocument | undefined;
  if (principal.artifact === 'cloudformation') {
    for (const policy of policiesOf(principal, graph)) {
      if (policy.kind === 'trust') trust = policy;
      else identity.push(policy);
    }
    for (const attached of attachedPolicyResources(graph, principal)) identity.push(...policiesOf(attached, graph).filter((p) => p.kind === 'identity'));
    return { identity, trust };
  }
  const followed = (resource: Resource): PolicyDocument[] => policiesOf(resource, graph, { follow: true });
  for (const policy of followed(principal)) {
    if (policy.kind === 'trust') trust = policy;
    else if (policy.kind === 'identity') identity.push(policy);
  }
  const spec = TF_ATTACHMENTS[principal.type];
  if (!spec) return { identity, trust };
  for (const inline of terraformReferrers(graph, principal, spec[0], [spec[2]])) identity.push(...followed(inline).filter((policy) => policy.kind === 'identity'));
  for (const { resource, path } of policyAttachments(graph, principal)) {
    const customer = terraformReferenced(graph, resource, path, ['aws_iam_policy']);
    if (customer) identity.push(...followed(customer).filter((policy) => policy.kind === 'identity'));
  }
  return { identity, trust };
}

export interface Grant {
  /** The action pattern that grants it. */
  pattern: string;
  policy: PolicyDocument;
  path: NodePath;
}

/**
 * The first Allow entry granting `action` in `policies` (by `Action` only: `NotAction` allows are left to the
 * wildcard rules), unless a Deny of the same policies covers the action. Full wildcards (`*`) are skipped: admin
 * identities are reported by the admin-policy rules.
 */
export function grantOf(policies: readonly PolicyDocument[], action: string): Grant | undefined {
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (statement.effect === 'Deny' && statementCoversAction(statement, action) === true && !hasCondition(statement)) return undefined;
    }
  }
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (statement.effect !== 'Allow' || !statement.action) continue;
      const entry = statement.action.values.find((value) => value.value !== '*' && value.value !== '*:*' && actionMatches(value.value, action));
      if (entry) return { pattern: entry.value, policy, path: entry.path };
    }
  }
  return undefined;
}
