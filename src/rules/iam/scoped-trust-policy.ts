import { carriesPolicies, conditionsOn, policiesOf, type ConditionEntry, type PolicyStatement } from '../../graph/iam.js';
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

export default createRule({
  meta: {
    id: 'iam/scoped-trust-policy',
    title: 'Role trust policies must be scoped to the account, service account or audience that needs them',
    severity: 'high',
    seedPoints: ['IAM-2'],
    artifacts: ['iam-policy', 'cloudformation', 'terraform'],
    description:
      'Checks the Allow statements of trust policies (`AssumeRolePolicyDocument`, standalone trust policy files). Reports: trust in `ecs-tasks.amazonaws.com` without an `aws:SourceAccount` / `aws:SourceArn` condition (confused deputy); trust in a federated OIDC provider (IRSA, GitHub Actions) without a `<provider>:sub` condition, with a wildcard `sub` (`system:serviceaccount:ns:*`, `*`), or without `<provider>:aud`; and `Principal: "*"` / `{"AWS": "*"}` without any condition.',
    rationale:
      'The trust policy decides who can become the role. Without `sub`, every service account of the cluster (or every repository on GitHub) can assume an IRSA / OIDC role; without `aud` tokens minted for another audience are accepted; without `aws:SourceAccount`, ECS in another account could be made to act with the role; `*` lets any AWS principal try.',
    remediation:
      'IRSA: `"StringEquals": {"oidc.eks.<region>.amazonaws.com/id/<id>:sub": "system:serviceaccount:<ns>:<sa>", "oidc.eks.<region>.amazonaws.com/id/<id>:aud": "sts.amazonaws.com"}`. ECS tasks: `"StringEquals": {"aws:SourceAccount": "<account>"}` and `"ArnLike": {"aws:SourceArn": "arn:aws:ecs:<region>:<account>:*"}`. Never trust `*` without conditions.',
    limitations:
      'Conditions written as unresolved intrinsics are unknown and not reported. A `sub` with wildcards after the first `/` (GitHub `repo:org/repo:*`) is accepted.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_AWS_60' },
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
        if (statement.effect !== 'Allow' || !statement.principal || statement.conditionUnknown) continue;
        const where = `${policy.label}${statement.sid ? ` statement "${statement.sid}"` : ''}`;
        checkStatement(statement, where, report);
      }
    }
  },
});

function checkStatement(statement: PolicyStatement, where: string, report: (r: { path: readonly (string | number)[]; message: string; key?: string; severity?: 'critical' | 'high' | 'medium' }) => void): void {
  const principal = statement.principal;
  if (!principal) return;
  for (const entry of principal.entries) {
    if ((entry.type === '*' || entry.type === 'AWS') && entry.value === '*') {
      if (statement.conditionPath === undefined) {
        report({ path: entry.path, severity: 'critical', key: 'any-principal', message: `${where} lets any AWS principal ("*") assume the role, with no condition.` });
      }
      continue;
    }
    if (entry.type === 'Service' && entry.value.toLowerCase() === 'ecs-tasks.amazonaws.com') {
      if (conditionsOn(statement, CONFUSED_DEPUTY_KEYS).some((c) => !c.unknown || c.values.length > 0)) continue;
      if (statement.conditions.some((c) => c.unknown)) continue;
      report({
        path: entry.path,
        severity: 'medium',
        key: 'ecs-tasks',
        message: `${where} trusts ecs-tasks.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition (confused deputy).`,
      });
      continue;
    }
    if (entry.type === 'Federated' && /:oidc-provider\//.test(entry.value)) {
      const provider = entry.value.slice(entry.value.indexOf(':oidc-provider/') + ':oidc-provider/'.length);
      const providerKey = (suffix: string): RegExp => new RegExp(`^${provider.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${suffix}$`, 'i');
      const exact = !/[$*{]/.test(provider);
      const keyPattern = (suffix: string): RegExp => (exact ? providerKey(suffix) : new RegExp(`:${suffix}$`, 'i'));
      const subs = positive(conditionsOn(statement, keyPattern('sub')));
      const auds = positive(conditionsOn(statement, keyPattern('aud')));
      if (statement.conditions.some((c) => c.unknown && /:(sub|aud)$/i.test(c.key))) continue;
      if (subs.length === 0) {
        report({ path: entry.path, key: 'oidc-sub', message: `${where} trusts the OIDC provider ${provider} without a ":sub" condition: any identity of the provider (every service account of the cluster, every repository) can assume the role.` });
      } else {
        for (const sub of subs) {
          if (!/Like/i.test(sub.operator)) continue; // StringEquals compares `*` literally
          const wild = sub.values.filter((value) => wildcardSubject(value));
          if (wild.length > 0) {
            report({ path: sub.path, key: `oidc-sub-wildcard:${wild.join(',')}`, message: `${where} accepts a wildcard subject (${wild.map((v) => `"${v}"`).join(', ')}) from ${provider}: pin it to one subject, e.g. system:serviceaccount:<namespace>:<name>.` });
          }
        }
      }
      if (auds.length === 0) {
        report({ path: entry.path, severity: 'medium', key: 'oidc-aud', message: `${where} trusts the OIDC provider ${provider} without an ":aud" condition (expected "sts.amazonaws.com").` });
      }
    }
  }
}
