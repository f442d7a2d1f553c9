import {
  adminManagedPolicy,
  appliesToAllResources,
  attachedPolicyResources,
  awsManagedPolicyName,
  deniesWithoutMfa,
  patternCovers,
  policiesOf,
  requiresMfa,
  statementCoversAction,
  type PolicyDocument,
  type PolicyStatement,
} from '../../graph/iam.js';
import type { NodePath, Resource } from '../../model/types.js';
import { asArray, asObject } from '../../util/json.js';
import { createRule } from '../rule.js';

const HUMAN_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']);
/** Account roots, account ids and IAM users: principals that are people (roles assumed by roles are automation). */
const HUMAN_PRINCIPAL = /^(\d{12}|arn:[^:]+:iam::\d{12}:(root|user\/.+))$/;

interface Grant {
  resource: Resource;
  path: NodePath;
  what: string;
  statement?: PolicyStatement;
}

/** Statements granting `*` or all of IAM on every resource. */
function privilegedGrants(policy: PolicyDocument): Grant[] {
  const grants: Grant[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow' || appliesToAllResources(statement) !== true) continue;
    if (statement.action) {
      const entry = statement.action.values.find((a) => patternCovers(a.value, 'iam:*'));
      if (entry) grants.push({ resource: policy.resource, path: entry.path, what: `"${entry.value}" on every resource (${policy.label})`, statement });
    } else if (statement.notAction && statementCoversAction(statement, 'iam:CreateAccessKey') === true && statementCoversAction(statement, 'iam:AttachRolePolicy') === true) {
      grants.push({ resource: policy.resource, path: statement.notAction.path, what: `every action but NotAction, IAM included (${policy.label})`, statement });
    }
  }
  return grants;
}

export default createRule({
  meta: {
    id: 'iam/require-mfa-for-privileged',
    title: 'Administrator and IAM-wide access for people must require MFA',
    severity: 'high',
    seedPoints: ['IAM-4'],
    artifacts: ['cloudformation'],
    description:
      'Looks at principals used by people: `AWS::IAM::User`, `AWS::IAM::Group`, and `AWS::IAM::Role` whose trust policy lets an account root, account id or IAM user assume it. When such a principal is granted `*` or `iam:*` on every resource (inline, through `AWS::IAM::Policy` / `ManagedPolicy` resources attached to it, or the `AdministratorAccess` / `IAMFullAccess` managed policies), reports it unless MFA is required: for roles, an `aws:MultiFactorAuthPresent: true` (or `aws:MultiFactorAuthAge`) condition on the trust statement; for users and groups, the condition on the granting statement or a Deny when `aws:MultiFactorAuthPresent` is false in one of its policies.',
    rationale:
      'A stolen password or access key of an administrator is the most direct route to account takeover. Requiring MFA for the privileged part of human access makes stolen static credentials insufficient.',
    remediation:
      'For operator roles add `"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}` to the trust statement; for users and groups attach a Deny of everything but MFA self-management when `"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}`, or prefer IAM Identity Center.',
    limitations:
      'Roles assumed by other roles, services or federated identities are treated as automation and not checked; MFA enforced by IAM Identity Center or an SCP outside the scanned files is not visible. Standalone policy files do not say who they are attached to and are not checked.',
    references: {
      peers: [],
      frameworks: [{ framework: 'CIS AWS Foundations Benchmark 3.0', id: '1.10' }],
      links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_users-self-manage-mfa-and-creds.html'],
    },
  },
  appliesTo: (resource) => resource.artifact === 'cloudformation' && HUMAN_TYPES.has(resource.type),
  check({ resource, graph, report }) {
    const own = policiesOf(resource, graph);
    const trust = own.find((policy) => policy.kind === 'trust');
    let humanTrust: PolicyStatement[] = [];
    if (resource.type === 'AWS::IAM::Role') {
      if (!trust) return;
      humanTrust = trust.statements.filter(
        (s) => s.effect === 'Allow' && (s.principal?.entries.some((e) => e.type === 'AWS' && HUMAN_PRINCIPAL.test(e.value)) ?? false) && statementCoversAction(s, 'sts:AssumeRole') === true,
      );
      if (humanTrust.length === 0) return;
    }
    const identity = [...own.filter((policy) => policy.kind === 'identity'), ...attachedPolicyResources(graph, resource).flatMap((r) => policiesOf(r, graph))];
    const grants = identity.flatMap(privilegedGrants);
    asArray(asObject(resource.body.Properties)?.ManagedPolicyArns).forEach((arn, index) => {
      const name = awsManagedPolicyName(arn);
      if (name && (name === 'AdministratorAccess' || name === 'IAMFullAccess') && adminManagedPolicy(name)) {
        grants.push({ resource, path: ['Properties', 'ManagedPolicyArns', index], what: `the AWS managed policy ${name}` });
      }
    });
    if (grants.length === 0) return;
    const kind = resource.type.replace('AWS::IAM::', '').toLowerCase();

    if (resource.type === 'AWS::IAM::Role') {
      for (const statement of humanTrust) {
        if (statement.conditionUnknown || requiresMfa(statement)) continue;
        const first = grants[0];
        report({
          path: statement.principal?.path ?? statement.path,
          message: `The role can be assumed by people (account or IAM user principals) without MFA, and grants ${first?.what ?? 'administrator access'}: add a Bool aws:MultiFactorAuthPresent "true" condition to the trust statement.`,
        });
      }
      return;
    }
    if (identity.some((policy) => policy.statements.some((s) => deniesWithoutMfa(s) || s.conditionUnknown))) return;
    for (const grant of grants) {
      if (grant.statement && requiresMfa(grant.statement)) continue;
      const message = `The ${kind} "${resource.name}" is granted ${grant.what} without requiring MFA (no aws:MultiFactorAuthPresent condition or Deny).`;
      if (grant.resource === resource) report({ path: grant.path, message });
      else report({ path: grant.path, message, resource: grant.resource, key: `${resource.name}:${grant.what}` });
    }
  },
});
