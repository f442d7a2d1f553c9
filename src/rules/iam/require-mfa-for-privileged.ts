import { terraformReferenced, terraformRoot } from '../../graph/aws.js';
import { identityPolicies, policyAttachments } from '../../graph/governance.js';
import { isAccountIdReference, principalValues, templateText } from '../../graph/iam-arn.js';
import { appliesToAllResources, deniesWithoutMfa, managedPolicyNameAt, overridingDeny, patternCovers, policiesOf, type PolicyDocument, type PolicyStatement, requiresMfa, statementCoversAction } from '../../graph/iam.js';
import type { NodePath, Resource } from '../../model/types.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { asArray, asObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleReport } from '../rule.js';
import { pushTo } from '../../util/collections.js';

const CFN_HUMAN_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']);
const TF_HUMAN_TYPES = new Set(['aws_iam_role', 'aws_iam_user', 'aws_iam_group']);
/** Account roots, account ids and IAM users: principals that are people (roles assumed by roles are automation). */
const HUMAN_PRINCIPAL = /^(\d{12}|arn:[^:]+:iam::\d{12}:(root|user\/.+))$/;
/** The same shape with the account (or partition) left to a template: `arn:${AWS::Partition}:iam::${AWS::AccountId}:root`. */
const HUMAN_PRINCIPAL_TEMPLATE = /^arn:[^:]+:iam::[^:/]+:(root|user\/.+)$/;
/** Action patterns that make a grant privileged: everything, all of IAM, or managing the container platform (ECS / EKS). */
const PRIVILEGED_PATTERNS = ['*', 'iam:*', 'ecs:*', 'eks:*'];
/** AWS managed policies that grant administrator, IAM-wide or ECS / EKS-wide access. */
const PRIVILEGED_MANAGED = new Set(['AdministratorAccess', 'PowerUserAccess', 'IAMFullAccess', 'AmazonECS_FullAccess']);
/** Conditions on a trust statement that still leave "people of that account" as who may assume it (hardening, not scoping). */
const NON_SCOPING_CONDITION = /^aws:(SecureTransport|CurrentTime|EpochTime|SourceIp|RequestedRegion|MultiFactorAuth(Present|Age)|TokenIssueTime|ViaAWSService)$/i;

interface Grant {
  resource: Resource;
  path: NodePath;
  what: string;
  statement?: PolicyStatement;
}

/** Statements granting `*`, all of IAM, ECS or EKS on every resource, or everything but a NotAction list that leaves IAM in. */
function privilegedGrants(policy: PolicyDocument): Grant[] {
  const grants: Grant[] = [];
  const label = policy.resource.artifact === 'iam-policy' ? '' : ` (${policy.label})`;
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow' || appliesToAllResources(statement) !== true || overridingDeny(policy, statement)) continue;
    if (statement.action) {
      const entry = statement.action.values.find((a) => PRIVILEGED_PATTERNS.some((pattern) => patternCovers(a.value, pattern)));
      if (entry) grants.push({ resource: policy.resource, path: entry.path, what: `"${entry.value}" on every resource${label}`, statement });
    } else if (statement.notAction && statementCoversAction(statement, 'iam:CreateAccessKey') === true && statementCoversAction(statement, 'iam:AttachRolePolicy') === true) {
      grants.push({ resource: policy.resource, path: statement.notAction.path, what: `every action but NotAction, IAM included${label}`, statement });
    }
  }
  return grants;
}

function isHumanPrincipal(text: string): boolean {
  if (HUMAN_PRINCIPAL.test(text)) return true;
  if (!text.includes('${')) return false;
  return HUMAN_PRINCIPAL_TEMPLATE.test(text.replace(/\$\{[^}]*\}/g, 'X'));
}

/**
 * The `AWS` principals of a statement that are people: known entries, and entries whose account (or user name) is
 * templated but whose shape (`...:root`, `...:user/...`) is written out. Returns the paths to report.
 */
function humanPrincipals(statement: PolicyStatement): NodePath[] {
  const found: NodePath[] = [];
  const principal = statement.principal;
  if (!principal) return found;
  for (const entry of principal.entries) if (entry.type === 'AWS' && HUMAN_PRINCIPAL.test(entry.value)) found.push(entry.path);
  if (!principal.unknown) return found;
  // Unresolved entries: read the values as written.
  for (const { value, path } of principalValues(statement, 'AWS')) {
    if (typeof value === 'string' && !isUnknown(value)) continue;
    const text = templateText(value);
    if ((text && isHumanPrincipal(text)) || isAccountIdReference(value)) found.push(path);
  }
  return found;
}

/** Allow statements of a trust policy that let people (account or IAM user principals) assume the role. */
function humanTrustStatements(trust: PolicyDocument): Array<{ statement: PolicyStatement; path: NodePath }> {
  const out: Array<{ statement: PolicyStatement; path: NodePath }> = [];
  for (const statement of trust.statements) {
    if (statement.effect !== 'Allow' || statementCoversAction(statement, 'sts:AssumeRole') !== true) continue;
    const paths = humanPrincipals(statement);
    const first = paths[0];
    if (first) out.push({ statement, path: first });
  }
  return out;
}

interface Principal {
  trust: PolicyDocument | undefined;
  identity: PolicyDocument[];
  managed: Grant[];
}

function managedGrant(graph: ResourceGraph, resource: Resource, path: NodePath): Grant | undefined {
  const name = managedPolicyNameAt(graph, resource, path);
  return name && PRIVILEGED_MANAGED.has(name) ? { resource, path, what: `the AWS managed policy ${name}` } : undefined;
}

/** A role's, user's or group's policies as the scan shows them, and the privileged AWS managed policies among them. */
function principalOf(graph: ResourceGraph, resource: Resource): Principal {
  return { ...identityPolicies(graph, resource), managed: managedGrants(graph, resource) };
}

/** The privileged AWS managed policies attached to a principal, where they are named. */
function managedGrants(graph: ResourceGraph, principal: Resource): Grant[] {
  return policyAttachments(graph, principal).flatMap(({ resource, path }) => managedGrant(graph, resource, path) ?? []);
}

/**
 * Policy resources that name IAM users or groups by a literal name rather than through a resource of the scan
 * (`user = "alice"`, `Groups: [admins]`): the principal is managed elsewhere, but the grant is here. Per type, the
 * attribute (or property) naming users or groups, and whether it holds a list.
 */
const LITERAL_PRINCIPAL_FIELDS: Record<string, ReadonlyArray<{ field: string; kind: 'user' | 'group'; list: boolean }>> = {
  aws_iam_user_policy: [{ field: 'user', kind: 'user', list: false }],
  aws_iam_group_policy: [{ field: 'group', kind: 'group', list: false }],
  aws_iam_user_policy_attachment: [{ field: 'user', kind: 'user', list: false }],
  aws_iam_group_policy_attachment: [{ field: 'group', kind: 'group', list: false }],
  aws_iam_policy_attachment: [
    { field: 'users', kind: 'user', list: true },
    { field: 'groups', kind: 'group', list: true },
  ],
  'AWS::IAM::Policy': [
    { field: 'Users', kind: 'user', list: true },
    { field: 'Groups', kind: 'group', list: true },
  ],
  'AWS::IAM::ManagedPolicy': [
    { field: 'Users', kind: 'user', list: true },
    { field: 'Groups', kind: 'group', list: true },
  ],
  'AWS::IAM::UserPolicy': [{ field: 'UserName', kind: 'user', list: false }],
  'AWS::IAM::GroupPolicy': [{ field: 'GroupName', kind: 'group', list: false }],
};

/** The users and groups a policy resource names literally (`user = "alice"`, `Groups: [admins]`). */
function literalPrincipals(resource: Resource): Array<{ kind: 'user' | 'group'; name: string }> {
  const fields = LITERAL_PRINCIPAL_FIELDS[resource.type];
  if (!fields) return [];
  const props = resource.artifact === 'cloudformation' ? asObject(resource.body.Properties) : resource.body;
  const found: Array<{ kind: 'user' | 'group'; name: string }> = [];
  for (const { field, kind, list } of fields) {
    for (const value of list ? asArray(props?.[field]) : [props?.[field]]) {
      if (typeof value === 'string' && value !== '' && !isUnknown(value)) found.push({ kind, name: value });
    }
  }
  return found;
}

/** What a policy resource that names its principals literally grants: its own document, or the policy it attaches. */
function literalPrincipalGrants(graph: ResourceGraph, resource: Resource): { identity: PolicyDocument[]; managed: Grant[] } {
  if (resource.artifact === 'cloudformation' || !resource.type.endsWith('_attachment')) {
    return { identity: policiesOf(resource, graph, { follow: true }).filter((policy) => policy.kind === 'identity'), managed: [] };
  }
  const grant = managedGrant(graph, resource, ['policy_arn']);
  if (grant) return { identity: [], managed: [grant] };
  const customer = terraformReferenced(graph, resource, ['policy_arn'], ['aws_iam_policy']);
  return { identity: customer ? policiesOf(customer, graph, { follow: true }).filter((policy) => policy.kind === 'identity') : [], managed: [] };
}

/** The identity policies of the scan's policy resources, by the user or group they name literally (artifact, kind, name). */
function literalPrincipalPolicies(graph: ResourceGraph): ReadonlyMap<string, PolicyDocument[]> {
  return graph.memo('iam:literalPrincipalPolicies', (g) => {
    const index = new Map<string, PolicyDocument[]>();
    for (const artifact of ['cloudformation', 'terraform'] as const) {
      for (const type of Object.keys(LITERAL_PRINCIPAL_FIELDS)) {
        for (const other of g.ofType(artifact, type)) {
          const principals = literalPrincipals(other);
          if (principals.length === 0) continue;
          const identity = literalPrincipalGrants(g, other).identity;
          for (const { kind, name } of principals) for (const policy of identity) pushTo(index, `${artifact}\u0000${kind}\u0000${name}`, policy);
        }
      }
    }
    return index;
  });
}

/** The IAM users or groups of the scan (same template or root module) that `kind` and `name` name. */
function declaredPrincipals(graph: ResourceGraph, resource: Resource, kind: 'user' | 'group', name: string): Resource[] {
  if (resource.artifact === 'cloudformation') {
    const [type, field] = kind === 'user' ? ['AWS::IAM::User', 'UserName'] : ['AWS::IAM::Group', 'GroupName'];
    return graph.ofType('cloudformation', type).filter((other) => other.document === resource.document && asObject(other.body.Properties)?.[field] === name);
  }
  const root = terraformRoot(resource);
  return graph.ofType('terraform', kind === 'user' ? 'aws_iam_user' : 'aws_iam_group').filter((other) => terraformRoot(other) === root && other.body.name === name);
}

/**
 * A policy resource granting privileged access to users or groups named literally: reported unless one of the
 * scan's policies for the same principal requires MFA (a grant's condition, or a Deny without MFA).
 */
function checkLiteralPrincipals(graph: ResourceGraph, resource: Resource, report: (r: RuleReport) => void): void {
  const principals = literalPrincipals(resource);
  if (principals.length === 0) return;
  const { identity, managed } = literalPrincipalGrants(graph, resource);
  const grants = [...identity.flatMap(privilegedGrants), ...managed];
  if (grants.length === 0) return;
  for (const { kind, name } of principals) {
    // Every policy of the scan for this principal, named literally or attached to the user or group the scan
    // declares under that name: a Deny without MFA in any of them covers the grant.
    const policies = [
      ...(literalPrincipalPolicies(graph).get(`${resource.artifact}\u0000${kind}\u0000${name}`) ?? []),
      ...declaredPrincipals(graph, resource, kind, name).flatMap((principal) => identityPolicies(graph, principal).identity),
    ];
    if (policies.some((policy) => policy.unknownStatements > 0 || policy.statements.some((statement) => deniesWithoutMfa(statement) || statement.conditionUnknown))) continue;
    for (const grant of grants) {
      if (grant.statement && requiresMfa(grant.statement)) continue;
      report({
        path: grant.path,
        key: `${kind}:${name}:${grant.what}`,
        message: `The ${kind} "${name}" (named literally by this policy) is granted ${grant.what} without requiring MFA (no aws:MultiFactorAuthPresent condition or Deny in the scanned policies for it).`,
      });
    }
  }
}

/** Evidence that a standalone identity policy is written for people: MFA conditions, `${aws:username}` self-service, password / MFA device actions. */
function forPeople(policy: PolicyDocument): boolean {
  return policy.statements.some(
    (statement) =>
      statement.conditions.some((entry) => /^aws:MultiFactorAuth(Present|Age)$/i.test(entry.key)) ||
      (statement.resource?.values ?? []).some((entry) => /\$\{aws:username\}/i.test(entry.value)) ||
      (statement.action?.values ?? []).some((entry) => /^iam:(ChangePassword|(Create|Enable|Resync|Deactivate)(Virtual)?MFADevice|CreateLoginProfile|UpdateLoginProfile)$/i.test(entry.value)),
  );
}

function checkPolicyFile(policy: PolicyDocument, report: (r: RuleReport) => void): void {
  if (policy.kind === 'trust') {
    for (const { statement, path } of humanTrustStatements(policy)) {
      if (statement.conditionUnknown || requiresMfa(statement)) continue;
      // A condition on who the caller is (sts:ExternalId, aws:PrincipalArn, tags, ...) scopes the trust: not judged.
      if (statement.conditions.some((entry) => !NON_SCOPING_CONDITION.test(entry.key))) continue;
      // What the role may do is not in this file: low, a reminder for roles that people assume. Workloads of another
      // account (cert-manager's cross-account DNS role) cannot present MFA; name their role instead.
      report({
        path,
        severity: 'low',
        message: `The trust policy lets people (account or IAM user principals) assume the role without MFA: if the role grants privileged access (this file does not say) and people assume it, add a Bool aws:MultiFactorAuthPresent "true" condition; if a workload assumes it, name that workload's role instead of the account.`,
      });
    }
    return;
  }
  if (policy.kind !== 'identity' || !forPeople(policy)) return;
  if (policy.unknownStatements > 0 || policy.statements.some((s) => deniesWithoutMfa(s) || s.conditionUnknown)) return;
  for (const grant of privilegedGrants(policy)) {
    if (grant.statement && requiresMfa(grant.statement)) continue;
    report({
      path: grant.path,
      message: `The policy is written for people (it has MFA, password or \${aws:username} self-service statements) and grants ${grant.what} without requiring MFA (no aws:MultiFactorAuthPresent condition or Deny).`,
    });
  }
}

export default createRule({
  meta: {
    id: 'iam/require-mfa-for-privileged',
    title: 'Administrator, IAM-wide and ECS / EKS-wide access for people must require MFA',
    severity: 'high',
    otherSeverities: ['low'],
    seedPoints: ['IAM-4'],
    artifacts: ['cloudformation', 'terraform', 'iam-policy'],
    description:
      'Looks at principals used by people: IAM users and groups (`AWS::IAM::User` / `Group`, `aws_iam_user` / `aws_iam_group`), and roles (`AWS::IAM::Role`, `aws_iam_role`) whose trust policy lets an account root, account id or IAM user assume them (also when the account is templated: `arn:${AWS::Partition}:iam::${AWS::AccountId}:root`, `arn:aws:iam::${data.aws_caller_identity.current.account_id}:root`). When such a principal is granted `*`, `iam:*`, `ecs:*` or `eks:*` on every resource (inline; through CloudFormation `AWS::IAM::Policy` / `ManagedPolicy` resources; Terraform `inline_policy`, `aws_iam_*_policy`, `aws_iam_*_policy_attachment` / `aws_iam_policy_attachment` of an `aws_iam_policy`, `data.aws_iam_policy_document` followed) or the `AdministratorAccess`, `PowerUserAccess`, `IAMFullAccess`, `AmazonECS_FullAccess` managed policies, reports it unless MFA is required (a user or group that a policy resource names literally, `user = "alice"` or `Groups: [admins]`, is judged on the scan\'s policies for that name, those of a user or group the scan declares under it included, and reported on the granting policy): for roles, a `Bool aws:MultiFactorAuthPresent "true"` (or bounded `aws:MultiFactorAuthAge`) condition on the trust statement; for users and groups, the condition on the granting statement or a Deny when `aws:MultiFactorAuthPresent` is false in one of their policies (`BoolIfExists`, or `Null` true: a Deny with plain `Bool` does not count, since requests signed with long-term access keys carry no such key and `Bool` never matches a missing one). Standalone policy files: a trust policy letting account or IAM user principals assume the role with no MFA condition (medium: the file does not say what the role grants); an identity policy evidently written for people (MFA conditions, `${aws:username}` self-service, password or MFA-device actions) that grants the privileged actions above without MFA.',
    rationale:
      'A stolen password or access key of an administrator is the most direct route to account takeover. Requiring MFA for the privileged part of human access (the seed names managing the ECS service) makes stolen static credentials insufficient.',
    remediation:
      'For operator roles add `"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}` (Terraform: `condition { test = "Bool", variable = "aws:MultiFactorAuthPresent", values = ["true"] }`) to the trust statement, optionally with an `aws:CurrentTime` window; for users and groups attach a Deny of everything but MFA self-management when `"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}`, or prefer IAM Identity Center.',
    limitations:
      'Roles assumed by other roles, services or federated identities are treated as automation and not checked; MFA enforced by IAM Identity Center, an SCP or a permissions boundary outside the scanned files is not visible. A standalone policy file does not say who it is attached to: identity policy files are checked only when their content shows they are for people, and a trust policy file whose statement carries a condition on the caller (`sts:ExternalId`, `aws:PrincipalArn`, tags) is not judged; one without is reported low, since the file does not say what the role may do. `aws:SecureTransport` is not required for identity access: the IAM and STS APIs only accept TLS. Users reached through group membership are judged at the group.',
    references: {
      peers: [],
      frameworks: [{ framework: 'CIS AWS Foundations Benchmark 3.0', id: '1.10' }],
      links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/tutorial_users-self-manage-mfa-and-creds.html', 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html'],
    },
  },
  appliesTo: (resource) =>
    (resource.artifact === 'cloudformation' && CFN_HUMAN_TYPES.has(resource.type)) ||
    (resource.artifact === 'terraform' && TF_HUMAN_TYPES.has(resource.type)) ||
    resource.artifact === 'iam-policy' ||
    ((resource.artifact === 'cloudformation' || resource.artifact === 'terraform') && resource.type in LITERAL_PRINCIPAL_FIELDS),
  check({ resource, graph, report }) {
    if (resource.artifact === 'iam-policy') {
      for (const policy of policiesOf(resource, graph)) checkPolicyFile(policy, report);
      return;
    }
    if (resource.type in LITERAL_PRINCIPAL_FIELDS) return checkLiteralPrincipals(graph, resource, report);
    const role = resource.type === 'AWS::IAM::Role' || resource.type === 'aws_iam_role';
    const { trust, identity, managed } = principalOf(graph, resource);
    let humanTrust: Array<{ statement: PolicyStatement; path: NodePath }> = [];
    if (role) {
      if (!trust) return;
      humanTrust = humanTrustStatements(trust);
      if (humanTrust.length === 0) return;
    }
    const grants = [...identity.flatMap(privilegedGrants), ...managed];
    if (grants.length === 0) return;
    const kind = role ? 'role' : resource.type === 'AWS::IAM::User' || resource.type === 'aws_iam_user' ? 'user' : 'group';

    if (role && trust) {
      for (const { statement, path } of humanTrust) {
        if (statement.conditionUnknown || requiresMfa(statement)) continue;
        const first = grants[0];
        const message = `The role ${trust.resource === resource ? '' : `"${resource.name}" `}can be assumed by people (account or IAM user principals) without MFA, and grants ${first?.what ?? 'administrator access'}: add a Bool aws:MultiFactorAuthPresent "true" condition to the trust statement.`;
        if (trust.resource === resource) report({ path, message });
        else report({ path, message, resource: trust.resource, key: `${resource.name}:${statement.index}` });
      }
      return;
    }
    if (identity.some((policy) => policy.unknownStatements > 0 || policy.statements.some((s) => deniesWithoutMfa(s) || s.conditionUnknown))) return;
    for (const grant of grants) {
      if (grant.statement && requiresMfa(grant.statement)) continue;
      const message = `The ${kind} "${resource.name}" is granted ${grant.what} without requiring MFA (no aws:MultiFactorAuthPresent condition or Deny).`;
      if (grant.resource === resource) report({ path: grant.path, message });
      else report({ path: grant.path, message, resource: grant.resource, key: `${resource.name}:${grant.what}` });
    }
  },
});
