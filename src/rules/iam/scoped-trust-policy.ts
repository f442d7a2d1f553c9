import { terraformReferenced } from '../../graph/aws.js';
import { referencedResource } from '../../graph/cloudformation.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { isAccountIdReference, oidcProviderHost, principalValues, templateText } from '../../graph/iam-arn.js';
import { carriesPolicies, conditionsOn, isMatchingOperator, narrowsCaller, policiesOf, requiresMfa, statementCoversAction, statementLabel, unnarrowedConditions, type ConditionEntry, type PolicyDocument, type PolicyStatement } from '../../graph/iam.js';
import type { JsonObject, JsonValue, NodePath } from '../../model/types.js';
import { asObject, asString, isObject } from '../../util/json.js';
import { UNKNOWN_KEY } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const CONFUSED_DEPUTY_KEYS = /^aws:(SourceAccount|SourceArn|SourceOrgID|SourceOrgPaths)$/i;
const POSITIVE_STRING = /^(ForAnyValue:|ForAllValues:)?(String|Arn)(Equals|Like)(IgnoreCase)?(IfExists)?$/i;

/** A `sub` value that lets any subject (or any service account of a namespace) assume the role. */
function wildcardSubject(value: string): boolean {
  const slash = value.indexOf('/');
  const head = slash < 0 ? value : value.slice(0, slash);
  return /[*?]/.test(head);
}

function positive(entries: ConditionEntry[]): ConditionEntry[] {
  return entries.filter((entry) => POSITIVE_STRING.test(entry.operator));
}

/** An OIDC provider a `Federated` principal names: its host path (the condition key prefix) when known. */
interface OidcProvider {
  /** How messages name it: the host path (`oidc.eks.<region>.amazonaws.com/id/<id>`) or the resource. */
  label: string;
  /** The condition key prefix when known; otherwise any `*:sub` / `*:aud` key counts. */
  host?: string;
  path: NodePath;
}

const TF_OIDC_TYPES = ['aws_iam_openid_connect_provider', 'data.aws_iam_openid_connect_provider'];
/** CloudFormation OIDC providers: the native resource and the CDK custom resource (`eks.Cluster`, `iam.OpenIdConnectProvider`). */
const CFN_OIDC_TYPES: ReadonlySet<string> = new Set(['AWS::IAM::OIDCProvider', 'Custom::AWSCDKOpenIdConnectProvider']);
/** A remote module output named as the ARN of an OIDC provider (`module.eks.oidc_provider_arn`). */
const MODULE_OIDC_OUTPUT = /^module\.[\w-]+(\[[^\]]*\])?\.\w*oidc_provider_arn$/;

function hostOfUrl(value: JsonValue | undefined): string | undefined {
  const url = asString(value);
  return url && !/[${}]/.test(url) ? url.replace(/^https:\/\//i, '').replace(/\/$/, '') : undefined;
}

/** The host path in a literal `arn:...:oidc-provider/<host>` ARN. */
function hostOfArn(value: JsonValue | undefined): string | undefined {
  const arn = asString(value);
  const index = arn?.indexOf(':oidc-provider/') ?? -1;
  return arn && index >= 0 && !/[${}]/.test(arn) ? arn.slice(index + ':oidc-provider/'.length) : undefined;
}

/**
 * `Federated` principals that are references rather than literal ARNs (dropped from the parsed entries as
 * unknown), resolved to an OIDC provider of the scan: CloudFormation `!Ref Oidc` / `!GetAtt Oidc.Arn` (also
 * through `Fn::ImportValue`) to an `AWS::IAM::OIDCProvider` or CDK's `Custom::AWSCDKOpenIdConnectProvider`; Terraform `aws_iam_openid_connect_provider.x.arn`
 * or its data source, and remote module outputs named `*oidc_provider_arn`. Also ARNs built from parts
 * (`!Sub ...:oidc-provider/${Host}`, Terraform `"arn:aws:iam::${local.account}:oidc-provider/${local.host}"`).
 * When the provider URL is unresolved, any `*:sub` / `*:aud` condition key counts.
 */
function referencedProviders(graph: ResourceGraph, policy: PolicyDocument, statement: PolicyStatement): OidcProvider[] {
  const principal = statement.principal;
  if (!principal?.unknown) return [];
  const found: OidcProvider[] = [];
  // A web-identity statement whose conditions read a token's `sub` / `aud` trusts an OIDC issuer even when the
  // provider is given by reference (a variable, a parameter): judged with the issuer unknown.
  const webIdentity =
    statement.action?.values.some((entry) => entry.value.toLowerCase() === 'sts:assumerolewithwebidentity') === true &&
    statement.conditions.some((entry) => /:(sub|aud)$/i.test(entry.key));
  for (const { value, path } of principalValues(statement, 'Federated')) {
    // A Terraform heredoc policy: `"Federated": "${aws_iam_openid_connect_provider.eks.arn}"` names the provider resource.
    const interpolated = typeof value === 'string' && policy.resource.artifact === 'terraform' ? /^\$\{\s*(?:data\.)?aws_iam_openid_connect_provider\.[\w-]+(?:\[[^\]]*\])?\.arn\s*\}$/.test(value.trim()) : false;
    if (interpolated) {
      const target = terraformReferenced(graph, policy.resource, policy.path, TF_OIDC_TYPES, 'arn');
      if (target) {
        const host = hostOfUrl(target.body.url) ?? hostOfArn(target.body.arn);
        found.push(host ? { label: host, host, path } : { label: target.name, path });
      }
      continue;
    }
    if (typeof value === 'string' || !isObject(value)) continue;
    const before = found.length;
    const text = templateText(value);
    const templated = text === undefined ? undefined : oidcProviderHost(text);
    if (text !== undefined && templated !== undefined) {
      // `!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/${Host}`, a Terraform template string
      found.push(templated ? { label: templated, host: templated, path } : { label: text, path });
      continue;
    }
    const resource = policy.resource;
    if (resource.artifact === 'cloudformation') {
      const target = referencedResource(graph, resource, value);
      if (!target || !CFN_OIDC_TYPES.has(target.type)) continue;
      const host = hostOfUrl(asObject(target.body.Properties)?.Url);
      found.push(host ? { label: host, host, path } : { label: `${target.name} (${target.type})`, path });
    } else if (resource.artifact === 'terraform') {
      const target = terraformReferenced(graph, resource, path, TF_OIDC_TYPES);
      if (target) {
        const host = hostOfUrl(target.body.url) ?? hostOfArn(target.body.arn);
        found.push(host ? { label: host, host, path } : { label: target.name, path });
        continue;
      }
      const expression = asString(value[UNKNOWN_KEY])?.trim();
      if (expression && MODULE_OIDC_OUTPUT.test(expression)) found.push({ label: expression, path });
    }
    if (found.length === before && webIdentity) found.push({ label: describeReference(value), path });
  }
  return found;
}

/** A reference as written, for messages: `var.oidc_provider_arn`, `Ref OidcProviderArn`. */
function describeReference(value: JsonObject): string {
  const expression = asString(value[UNKNOWN_KEY])?.trim();
  if (expression) return expression;
  const [fn, args] = Object.entries(value)[0] ?? [];
  return fn === 'Ref' && typeof args === 'string' ? `Ref ${args}` : fn === 'Fn::ImportValue' ? 'imported from another stack' : 'given by reference';
}

/**
 * A Terraform policy document statement whose condition `variable` is a template
 * (`"${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:sub"`): the parser leaves its conditions
 * unknown; read them with the key as written. Undefined when a test or variable is otherwise unresolved.
 */
function withTemplatedKeys(statement: PolicyStatement): PolicyStatement | undefined {
  const blocks = statement.body.condition;
  if (!Array.isArray(blocks)) return undefined;
  const conditions: ConditionEntry[] = [];
  for (const [k, block] of blocks.entries()) {
    const object = asObject(block);
    const operator = asString(object?.test);
    const key = templateText(object?.variable);
    if (!object || !operator || !key || !Array.isArray(object.values)) return undefined;
    const values: string[] = [];
    let unknown = false;
    for (const value of object.values) {
      if (typeof value === 'string') values.push(value);
      else if (typeof value === 'boolean' || typeof value === 'number') values.push(String(value));
      else unknown = true;
    }
    conditions.push({ operator, key, values, unknown, path: [...statement.path, 'condition', k] });
  }
  return { ...statement, conditions, conditionUnknown: false };
}

export default createRule({
  meta: {
    id: 'iam/scoped-trust-policy',
    title: 'Role trust policies must be scoped to the account, service account or audience that needs them',
    severity: 'high',
    otherSeverities: ['critical', 'medium', 'low'],
    seedPoints: ['IAM-2'],
    artifacts: ['iam-policy', 'cloudformation', 'terraform'],
    description:
      'Checks the Allow statements of trust policies (`AssumeRolePolicyDocument`, standalone trust policy files) that allow assuming the role (`sts:AssumeRole`, `sts:AssumeRoleWithWebIdentity`, `sts:AssumeRoleWithSAML`, wildcards and `NotAction` included; a statement that only allows `sts:TagSession` or `sts:SetSourceIdentity` hands out nothing alone). Reports: trust in `ecs-tasks.amazonaws.com` or `eks-fargate-pods.amazonaws.com` (the EKS Fargate pod execution role) without an `aws:SourceAccount` / `aws:SourceArn` condition (confused deputy); trust in a federated OIDC provider (IRSA, GitHub Actions; a literal ARN, an ARN built with `:oidc-provider/`, or a reference to an OIDC provider resource of the scan) without a `<provider>:sub` condition, with a wildcard `sub` (`system:serviceaccount:ns:*`, `*`), or without `<provider>:aud` (a `StringLike` on `*` is none); and `Principal: "*"` / `{"AWS": "*"}` unless a condition narrows the caller (a matching operator on `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceAccount`, `aws:SourceArn` and similar, `IpAddress` on `aws:SourceIp`; not `aws:username`, `aws:PrincipalTag/*`, `aws:SecureTransport`, nor `ForAllValues:` or `...IfExists` operators, which a request without the key satisfies); and trust in a whole account (`arn:aws:iam::<account>:root`, a bare account ID, or the deploying account through `${AWS::AccountId}` / `data.aws_caller_identity`) unless a condition narrows the caller as above, requires `sts:ExternalId`, or requires MFA: medium for a named account, low for the deploying account itself.',
    rationale:
      'The trust policy decides who can become the role. Without `sub`, every service account of the cluster (or every repository on GitHub) can assume an IRSA / OIDC role; without `aud` tokens minted for another audience are accepted; without `aws:SourceAccount`, ECS in another account could be made to act with the role; `*` lets any AWS principal try; an account principal hands the role to whoever that account\'s policies allow, which for another account is decided by its administrators, not by you.',
    remediation:
      'IRSA: `"StringEquals": {"oidc.eks.<region>.amazonaws.com/id/<id>:sub": "system:serviceaccount:<ns>:<sa>", "oidc.eks.<region>.amazonaws.com/id/<id>:aud": "sts.amazonaws.com"}`. ECS tasks: `"StringEquals": {"aws:SourceAccount": "<account>"}` and `"ArnLike": {"aws:SourceArn": "arn:aws:ecs:<region>:<account>:*"}`. Never trust `*` without a condition that narrows the caller (`aws:PrincipalOrgID`, `aws:PrincipalArn`, `aws:SourceAccount`).',
    limitations:
      'Conditions written as unresolved intrinsics are unknown and not reported, except the JSON of a CDK `CfnJson` (`Custom::AWSCDKCfnJson`, `!GetAtt X.Value`), which CDK uses for IRSA conditions keyed by the cluster\'s issuer: it is read with the issuer unknown. A `sub` with wildcards after the first `/` (GitHub `repo:org/repo:*`) is accepted. A `Federated` principal given by reference is checked when it resolves to an OIDC provider of the scan (`AWS::IAM::OIDCProvider`, the CDK custom resource `Custom::AWSCDKOpenIdConnectProvider`, `aws_iam_openid_connect_provider` or its data source), is an ARN built with `:oidc-provider/`, or is a module output named `*oidc_provider_arn`; in a statement that allows `sts:AssumeRoleWithWebIdentity` with conditions on a token\'s `sub` or `aud`, any other reference (a parameter, a variable) is taken as an OIDC provider of unknown issuer; otherwise other parameters, variables and module outputs are unknown. When the provider URL is unresolved, any `*:sub` / `*:aud` key is taken as the provider\'s, also a key written as a template (`"${local.issuer}:sub"` in `jsonencode` or a heredoc, a `Fn::Sub` JSON key); in a Terraform heredoc, `"Federated": "${aws_iam_openid_connect_provider.x.arn}"` names that provider. A `sub` whose value is unresolved (`system:serviceaccount:${Namespace}:app`) is not judged; the `aud` next to it still is. Wildcards inside a value that narrows the caller (`arn:aws:iam::*:role/ci` for `aws:PrincipalArn`) are not judged. A statement that requires the `sub` of another issuer (a key the provider\'s tokens never carry) matches nothing and is not reported.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_AWS_60' },
        { tool: 'checkov', id: 'CKV_AWS_61' },
        { tool: 'prowler', id: 'iam_role_cross_service_confused_deputy_prevention' },
      ],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html', 'https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html'],
    },
  },
  appliesTo: carriesPolicies,
  check({ resource, graph, report }) {
    for (const policy of policiesOf(resource, graph)) {
      if (policy.kind !== 'trust') continue;
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow' || !statement.principal || grantsNoAssume(statement)) continue;
        const known = statement.conditionUnknown ? withTemplatedKeys(statement) : statement;
        if (!known) continue;
        const where = statementLabel(policy, statement);
        checkStatement(known, where, report);
        checkAccountTrust(known, where, report);
        for (const provider of referencedProviders(graph, policy, known)) checkOidc(known, where, provider, report);
      }
    }
  },
});

const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'];

/** A statement whose actions are known and include no way to assume the role (`sts:TagSession` alone, a mistake). */
function grantsNoAssume(statement: PolicyStatement): boolean {
  if (!statement.action && !statement.notAction) return false; // invalid: iam/valid-policy-document reports it
  return ASSUME_ACTIONS.every((action) => statementCoversAction(statement, action) === false);
}

type Report = (r: { path: readonly (string | number)[]; message: string; key?: string; severity?: 'critical' | 'high' | 'medium' | 'low' }) => void;

/** `arn:aws:iam::<account>:root` or a bare account ID: the whole account. */
const ACCOUNT_ROOT = /^(?:arn:(?:aws[\w-]*|\$\{[^}]+\}):iam::((?:\$\{[^}]+\}|[^:/$])+):root|(\d{12}))$/;
/** The account the template or configuration is deployed to. */
const OWN_ACCOUNT = /^\$\{(?:AWS::AccountId|data\.aws_caller_identity\.[\w-]+\.account_id)\}$/;

interface AccountPrincipal {
  /** As written, templates included. */
  text: string;
  /** True when it is the deploying account itself; undefined when that is not known (a literal ID). */
  own: true | undefined;
  path: NodePath;
}

/**
 * `AWS` principals that name a whole account: literal (`arn:aws:iam::123456789012:root`, `123456789012`) or built
 * from the deploying account (`!Sub arn:aws:iam::${AWS::AccountId}:root`, `!Ref AWS::AccountId`, Terraform
 * `data.aws_caller_identity.current.account_id`).
 */
function accountPrincipals(statement: PolicyStatement): AccountPrincipal[] {
  const principal = statement.principal;
  if (!principal) return [];
  const found: AccountPrincipal[] = [];
  for (const entry of principal.entries) {
    const match = entry.type === 'AWS' ? ACCOUNT_ROOT.exec(entry.value) : null;
    if (match) found.push({ text: entry.value, own: undefined, path: entry.path });
  }
  if (!principal.unknown) return found;
  for (const { value, path } of principalValues(statement, 'AWS')) {
    if (typeof value === 'string' || !isObject(value)) continue;
    const text = templateText(value);
    if (isAccountIdReference(value)) {
      // `!Ref AWS::AccountId` and a bare Terraform reference have no template text: name them as one.
      found.push({ text: text ?? (value.Ref === 'AWS::AccountId' ? '${AWS::AccountId}' : String(value[UNKNOWN_KEY])), own: true, path });
      continue;
    }
    const match = text === undefined ? null : ACCOUNT_ROOT.exec(text);
    const account = match?.[1];
    if (text !== undefined && account !== undefined && account.includes('${')) found.push({ text, own: OWN_ACCOUNT.test(account) ? true : undefined, path });
  }
  return found;
}

const EXTERNAL_ID = /^sts:ExternalId$/i;

/**
 * Trust in a whole account without a condition that names the callers (`aws:PrincipalArn`, ...), an external ID
 * (a third party's confused-deputy guard) or MFA: any principal that the account's own policies allow can assume
 * the role.
 */
function checkAccountTrust(statement: PolicyStatement, where: string, report: Report): void {
  const accounts = accountPrincipals(statement);
  // A statement that also trusts "*" is reported for that.
  if (accounts.length === 0 || statement.principal?.entries.some((entry) => entry.value === '*')) return;
  const narrowed = narrowsCaller(statement);
  if (narrowed !== false || requiresMfa(statement)) return;
  if (conditionsOn(statement, EXTERNAL_ID).some((entry) => isMatchingOperator(entry.operator))) return;
  for (const account of accounts) {
    report(
      account.own
        ? {
            path: account.path,
            severity: 'low',
            key: `account:${account.text}`,
            message: `${where} trusts its own whole account (${account.text}) ${unnarrowedConditions(statement)}: every user and role of the account whose policies allow sts:AssumeRole on it can assume the role. Name the principals that need it (their ARNs, or an aws:PrincipalArn condition).`,
          }
        : {
            path: account.path,
            severity: 'medium',
            key: `account:${account.text}`,
            message: `${where} trusts the whole account ${account.text} ${unnarrowedConditions(statement)}: every principal that account allows can assume the role. Name the role that needs it (its ARN, or an aws:PrincipalArn condition); for a third party, require sts:ExternalId.`,
          },
    );
  }
}

/**
 * Services that assume workload roles and whose trust AWS documents with `aws:SourceAccount` / `aws:SourceArn`
 * (ECS tasks; EKS Fargate's pod execution role, `arn:aws:eks:<region>:<account>:fargateprofile/<cluster>/*`), with
 * the finding key of each.
 */
const CONFUSED_DEPUTY_SERVICES: ReadonlyMap<string, string> = new Map([
  ['ecs-tasks.amazonaws.com', 'ecs-tasks'],
  ['eks-fargate-pods.amazonaws.com', 'eks-fargate-pods'],
]);

function checkStatement(statement: PolicyStatement, where: string, report: Report): void {
  const principal = statement.principal;
  if (!principal) return;
  for (const entry of principal.entries) {
    if ((entry.type === '*' || entry.type === 'AWS') && entry.value === '*') {
      if (narrowsCaller(statement) === false) {
        report({ path: entry.path, severity: 'critical', key: 'any-principal', message: `${where} lets any AWS principal ("*") assume the role, ${unnarrowedConditions(statement)}.` });
      }
      continue;
    }
    const service = entry.type === 'Service' ? CONFUSED_DEPUTY_SERVICES.get(entry.value.toLowerCase()) : undefined;
    if (service !== undefined) {
      if (conditionsOn(statement, CONFUSED_DEPUTY_KEYS).some((c) => !c.unknown || c.values.length > 0)) continue;
      if (statement.conditions.some((c) => c.unknown || c.key.includes('${'))) continue;
      report({
        path: entry.path,
        severity: 'medium',
        key: service,
        message: `${where} trusts ${entry.value.toLowerCase()} without an aws:SourceAccount or aws:SourceArn condition (confused deputy).`,
      });
      continue;
    }
    if (entry.type === 'Federated' && /:oidc-provider\//.test(entry.value)) {
      const provider = entry.value.slice(entry.value.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
      checkOidc(statement, where, { label: provider, ...(/[$*{]/.test(provider) ? {} : { host: provider }), path: entry.path }, report);
    }
  }
}

/** The `sub` and `aud` conditions a trust in an OIDC provider needs. */
function checkOidc(statement: PolicyStatement, where: string, provider: OidcProvider, report: Report): void {
  const { host, label } = provider;
  const keyPattern = (suffix: string): RegExp =>
    // A key written as a template (`${local.issuer}:sub`) may be the provider's: it counts.
    host !== undefined ? new RegExp(`^(?:${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|.*\\$\\{.*):${suffix}$`, 'i') : new RegExp(`:${suffix}$`, 'i');
  const subs = positive(conditionsOn(statement, keyPattern('sub')));
  // `StringLike` on `*` matches every audience: no `aud` condition at all (values are ORed: one `*` in a list is enough).
  const auds = positive(conditionsOn(statement, keyPattern('aud'))).filter((c) => !/Like/i.test(c.operator) || c.unknown || !c.values.some((value) => /^\*+$/.test(value.trim())));
  // An unresolved `sub` (`system:serviceaccount:${Namespace}:app`) or `aud` value leaves that claim unknown; the other is still judged.
  const subUnknown = statement.conditions.some((c) => c.unknown && /:sub$/i.test(c.key));
  const audUnknown = statement.conditions.some((c) => c.unknown && /:aud$/i.test(c.key));
  // A required `sub` of another issuer is never in this provider's tokens: the statement matches nothing.
  const foreignSub = conditionsOn(statement, /:sub$/i).some((c) => isMatchingOperator(c.operator) && !keyPattern('sub').test(c.key));
  if (subs.length === 0 && foreignSub) return;
  if (!subUnknown && subs.length === 0) {
    // Who the provider's identities are: an EKS cluster's service accounts, GitHub's repositories, or either.
    const identities = /oidc\.eks\./i.test(label) ? 'every service account of the cluster' : /token\.actions\.githubusercontent\.com/i.test(label) ? 'every GitHub repository' : 'every service account of the cluster, every repository';
    report({ path: provider.path, key: 'oidc-sub', message: `${where} trusts the OIDC provider ${label} without a ":sub" condition: any identity of the provider (${identities}) can assume the role.` });
  } else if (!subUnknown) {
    for (const sub of subs) {
      if (!/Like/i.test(sub.operator)) continue; // StringEquals compares `*` literally
      const wild = sub.values.filter((value) => wildcardSubject(value));
      if (wild.length > 0) {
        report({ path: sub.path, key: `oidc-sub-wildcard:${wild.join(',')}`, message: `${where} accepts a wildcard subject (${wild.map((v) => `"${v}"`).join(', ')}) from ${label}: pin it to one subject, e.g. ${/githubusercontent\.com/i.test(label) ? 'repo:<org>/<repo>:ref:refs/heads/main' : 'system:serviceaccount:<namespace>:<name>'}.` });
      }
    }
  }
  if (auds.length === 0 && !audUnknown) {
    report({ path: provider.path, severity: 'medium', key: 'oidc-aud', message: `${where} trusts the OIDC provider ${label} without an ":aud" condition (expected "sts.amazonaws.com").` });
  }
}
