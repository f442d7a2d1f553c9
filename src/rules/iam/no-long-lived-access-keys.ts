import { referencedResource } from '../../graph/cloudformation.js';
import { terraformReferenced, terraformReferrers } from '../../graph/aws.js';
import { actionDenied, actionMatches, carriesPolicies, isFullWildcardAction, overridingDeny, patternCovers, policiesOf, statementLabel, type PolicyStatement } from '../../graph/iam.js';
import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import { asObject, isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { emulatesAws, isAwsSetting, PROVIDER_TYPE } from '../../loaders/terraform/variable-files.js';
import { createRule, type RuleReport } from '../rule.js';

const CFN_KEY = 'AWS::IAM::AccessKey';
const TF_KEY = 'aws_iam_access_key';
const CREATE_KEY = 'iam:CreateAccessKey';
/** Resources that only name the caller's own user (user names are unique in an account, whatever the path): the self-service pattern for people managing their own keys. */
const SELF = /:user\/(?:.*\/)?\$\{aws:username\}$/i;
/** Condition keys that harden a grant without narrowing whose keys can be created. */
const NON_SCOPING_CONDITION = /^aws:(SecureTransport|CurrentTime|EpochTime|SourceIp|RequestedRegion|MultiFactorAuth(Present|Age)|TokenIssueTime|ViaAWSService|CalledVia(First|Last)?)$/i;

/** Does any CloudFormation output of the template read the key's `SecretAccessKey`? */
function outputsSecret(resource: Resource): boolean {
  const data = resource.document.data;
  const outputs = isObject(data) ? asObject(data.Outputs) : undefined;
  if (!outputs) return false;
  const reads = (value: JsonValue | undefined): boolean => {
    if (Array.isArray(value)) return value.some(reads);
    if (!isObject(value)) return false;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && getAtt[0] === resource.name && getAtt[1] === 'SecretAccessKey') return true;
    if (typeof getAtt === 'string' && getAtt === `${resource.name}.SecretAccessKey`) return true;
    const sub = value['Fn::Sub'];
    const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    if (text?.includes(`\${${resource.name}.SecretAccessKey}`)) return true;
    return Object.values(value).some(reads);
  };
  return Object.values(outputs).some(reads);
}

/** Action entries of an Allow statement that grant `iam:CreateAccessKey` explicitly (not through `*` / `iam:*`, left to the admin rules). */
function createKeyEntries(statement: PolicyStatement): Array<{ value: string; path: NodePath }> {
  if (statement.effect !== 'Allow' || !statement.action) return [];
  return statement.action.values.filter((entry) => !isFullWildcardAction(entry.value) && actionMatches(entry.value, CREATE_KEY));
}

/** The resources a statement lets keys be created for, beyond the caller's own user; undefined when unknown or only self. */
function otherUsers(statement: PolicyStatement): string | undefined {
  if (statement.notResource) return 'every IAM user but those in NotResource';
  const resource = statement.resource;
  if (!resource) return undefined;
  const others = resource.values.filter((entry) => !SELF.test(entry.value) && (patternCovers(entry.value, 'arn:aws:iam::123456789012:user/x') || /:iam::[^:]*:user\//.test(entry.value) || entry.value === '*'));
  if (others.length === 0) return undefined;
  if (others.some((entry) => entry.value === '*' || /:user\/\*$/.test(entry.value) || /^arn:[^:]*:iam::[^:]*:\*$/.test(entry.value))) return 'any IAM user';
  return `the IAM users ${others.map((entry) => entry.value).join(', ')}`;
}

function checkPolicies(resource: Resource, graph: Parameters<typeof policiesOf>[1], report: (r: RuleReport) => void): void {
  for (const policy of policiesOf(resource, graph)) {
    if (policy.kind !== 'identity') continue;
    for (const statement of policy.statements) {
      const entries = createKeyEntries(statement);
      const first = entries[0];
      if (!first || statement.conditionUnknown || overridingDeny(policy, statement) || actionDenied(policy, statement, CREATE_KEY)) continue;
      if (statement.conditions.some((entry) => !NON_SCOPING_CONDITION.test(entry.key))) continue;
      const whose = otherUsers(statement);
      if (!whose) continue;
      const where = resource.artifact === 'iam-policy' ? 'The policy' : statementLabel(policy, statement);
      report({
        path: first.path,
        severity: 'medium',
        key: `create-access-key:${policy.label}:${statement.index}`,
        message: `${where} allows creating access keys (long-lived credentials) for ${whose} ("${first.value}"): workloads and pipelines should use roles with temporary credentials instead.`,
        fix: 'Remove iam:CreateAccessKey, or restrict it to the caller\'s own user (`arn:aws:iam::<account>:user/${aws:username}`) for people managing their own keys; give workloads roles (task roles, IRSA, instance profiles) and CI an OIDC role.',
      });
    }
  }
}

/**
 * An AWS provider or S3 backend given an access key pair without a session token: Terraform runs with an IAM
 * user's long-lived keys, whatever the values (literal ones are also reported as committed secrets).
 */
function checkSetting(resource: Resource, report: (r: RuleReport) => void): void {
  const { access_key: accessKey, secret_key: secretKey, token } = resource.body;
  if (accessKey === undefined || secretKey === undefined || token !== undefined || emulatesAws(resource)) return;
  const what = resource.type === PROVIDER_TYPE ? `The AWS provider ${resource.name}` : 'The S3 backend';
  report({
    path: ['access_key'],
    severity: 'medium',
    message: `${what} is given an access key pair (access_key, secret_key) and no session token: Terraform ${resource.type === PROVIDER_TYPE ? 'deploys' : 'reads and writes its state'} with an IAM user's long-lived keys.`,
    fix: 'Remove access_key and secret_key: run Terraform with temporary credentials from the environment (SSO or a profile with role_arn locally, OIDC to a deploy role in CI, an instance or task role), or set `assume_role` / `assume_role_with_web_identity` on the provider.',
  });
}

export default createRule({
  meta: {
    id: 'iam/no-long-lived-access-keys',
    title: 'Workloads and deployments must use temporary credentials, not IAM access keys',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['IAM-3'],
    artifacts: ['cloudformation', 'terraform', 'iam-policy'],
    description:
      'Reports each active IAM access key a template creates (CloudFormation `AWS::IAM::AccessKey`, Terraform `aws_iam_access_key`, unless its status is `Inactive`), noting when the template outputs the secret, when Terraform keeps it unencrypted in state (no `pgp_key`), and when the user also has a console password (`LoginProfile`, `aws_iam_user_login_profile`: CIS 1.11). In every policy document (CloudFormation and Terraform policies, standalone identity policy files), reports an Allow statement that explicitly grants `iam:CreateAccessKey` (also `iam:Create*`, `iam:*AccessKey*`) on users other than the caller itself (`*`, `user/*`, named users), without a condition narrowing it (medium), unless an unconditional Deny of the policy takes the action away. A Terraform AWS provider or S3 backend given `access_key` and `secret_key` (any value: literal, variable) without a session `token` is reported too (medium): Terraform then runs with an IAM user\'s keys; not one pointed at a local emulator (LocalStack, moto: an endpoint on localhost), whose keys are placeholders.',
    rationale:
      'Access keys are long-lived: they work from anywhere until someone rotates or deletes them, end up in CI variables, laptops and images, and are the most common source of leaked AWS credentials. Roles (ECS task roles, IRSA / EKS Pod Identity, EC2 instance profiles, OIDC federation for CI, AssumeRole across accounts) give short-lived credentials that expire by themselves. A policy that may create keys for other users lets its holder mint such credentials at will (a persistence and privilege-escalation path).',
    remediation:
      'Delete the access key and give the workload a role: a task role for ECS, IRSA or Pod Identity for EKS, an instance profile for EC2, an OIDC-federated role for CI (GitHub Actions `aws-actions/configure-aws-credentials` with `role-to-assume`), `sts:AssumeRole` across accounts. Limit `iam:CreateAccessKey` to `user/${aws:username}` for people.',
    limitations:
      'A template cannot tell whether an IAM user is a person or a workload: keys created by infrastructure code are treated as workload keys. Keys created outside the scanned files (console, CLI) are not visible. `iam:CreateAccessKey` granted through `*` or `iam:*` is left to the administrator-access rules; statements with conditions other than MFA, TLS, source IP or time are not judged.',
    references: {
      peers: [],
      frameworks: [{ framework: 'CIS AWS Foundations Benchmark 3.0', id: '1.11' }],
      links: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      ],
    },
  },
  appliesTo: (resource) =>
    (resource.artifact === 'cloudformation' && resource.type === CFN_KEY) ||
    (resource.artifact === 'terraform' && (resource.type === TF_KEY || isAwsSetting(resource))) ||
    carriesPolicies(resource),
  check({ resource, graph, report }) {
    if (isAwsSetting(resource)) {
      checkSetting(resource, report);
      return;
    }
    if (resource.artifact === 'cloudformation' && resource.type === CFN_KEY) {
      const properties = asObject(resource.body.Properties);
      const status = properties?.Status;
      if (typeof status === 'string' && status.toLowerCase() === 'inactive') return;
      if (isUnknown(status)) return;
      const user = properties?.UserName;
      const owner = user === undefined ? undefined : referencedResource(graph, resource, user);
      const notes: string[] = [];
      if (owner?.type === 'AWS::IAM::User' && asObject(owner.body.Properties)?.LoginProfile !== undefined) notes.push('the user also has a console password');
      if (outputsSecret(resource)) notes.push('the template outputs its secret access key');
      report({
        path: user === undefined ? (properties ? ['Properties'] : ['Type']) : ['Properties', 'UserName'],
        message: `The template creates a long-lived access key for ${owner?.type === 'AWS::IAM::User' ? `the IAM user ${owner.name}` : 'an IAM user'}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}: workloads and deployments should use roles with temporary credentials.`,
      });
      return;
    }
    if (resource.artifact === 'terraform' && resource.type === TF_KEY) {
      const status = resource.body.status;
      if (typeof status === 'string' && status.toLowerCase() === 'inactive') return;
      if (isUnknown(status)) return;
      const owner = terraformReferenced(graph, resource, ['user'], ['aws_iam_user']);
      const notes: string[] = [];
      if (owner && terraformReferrers(graph, owner, 'aws_iam_user_login_profile', ['user']).length > 0) notes.push('the user also has a console password');
      if (resource.body.pgp_key === undefined) notes.push('without pgp_key its secret is stored unencrypted in the Terraform state');
      report({
        path: resource.body.user === undefined ? [] : ['user'],
        message: `The configuration creates a long-lived access key for ${owner ? `the IAM user ${owner.name}` : 'an IAM user'}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}: workloads and deployments should use roles with temporary credentials.`,
      });
      return;
    }
    checkPolicies(resource, graph, report);
  },
});
