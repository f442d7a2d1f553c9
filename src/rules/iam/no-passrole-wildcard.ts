import { matchesEveryRole, mayNameRoles, resourceEntries } from '../../graph/iam-arn.js';
import { actionDenied, carriesPolicies, conditionsOn, isAllResources, isFullWildcardAction, overridingDeny, patternCovers, policiesOf, statementCoversAction, statementLabel, type ConditionEntry } from '../../graph/iam.js';
import { createRule } from '../rule.js';

/** Condition keys on the tags of the role being passed. */
const ROLE_TAG_KEY = /^(?:iam|aws):ResourceTag\//i;

export default createRule({
  meta: {
    id: 'iam/no-passrole-wildcard',
    title: 'iam:PassRole must be limited to named roles or to the services they are passed to',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['IAM-1'],
    artifacts: ['iam-policy', 'cloudformation', 'terraform', 'eksctl'],
    description:
      'Reports each Allow statement of an identity policy that names `iam:PassRole` (directly or through `iam:Pass*` / `iam:*Role`) on every role (`Resource: "*"` or an all-resources ARN that can name roles — not `arn:aws:s3:::*` —, `arn:aws:iam::<account>:role/*` — also with the account unresolved, as in `!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*` or Terraform `"arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/*"` — or `NotResource`) without an `iam:PassedToService` condition that names services (a positive `StringEquals` / `StringLike` on values other than `*`: `StringNotEquals` leaves every service but one); at medium when a condition on the role\'s tags (`iam:ResourceTag/<key>`, `aws:ResourceTag/<key>`, `StringEquals` / `StringLike`, also with an unresolved `StringEquals` value such as AWS Copilot\'s `!Sub ${AppName}`) narrows it to tagged roles. Statements granting `*` or `iam:*` are reported by `iam/no-wildcard-permissions` instead.',
    rationale:
      'Passing a role to a service (ECS task, Lambda, EC2) lets the caller act with that role. `iam:PassRole` on every role lets a deploy pipeline or workload hand an administrator role to a task it starts: privilege escalation.',
    remediation:
      'Scope `Resource` to the ARNs of the task and execution roles the principal deploys, and add `"Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}`.',
    references: {
      peers: [{ tool: 'cdk-nag', id: 'AwsSolutions-IAM5' }],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html'],
    },
  },
  appliesTo: carriesPolicies,
  check({ resource, graph, report }) {
    for (const policy of policiesOf(resource, graph)) {
      if (policy.kind !== 'identity') continue;
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow' || !statement.action || overridingDeny(policy, statement) || actionDenied(policy, statement, 'iam:PassRole')) continue;
        const explicit = statement.action.values.find((entry) => !isFullWildcardAction(entry.value) && patternCovers(entry.value, 'iam:PassRole'));
        if (!explicit || statementCoversAction(statement, 'iam:PassRole') !== true) continue;
        if (statement.conditionUnknown || conditionsOn(statement, 'iam:PassedToService').some(limitsServices)) continue;
        let target: string | undefined;
        let path = statement.notResource?.path;
        if (statement.notResource) target = 'every role but those in NotResource';
        else {
          // `role/*` of an unresolved account (`${AWS::AccountId}`) is still every role of that account.
          const broad = resourceEntries(statement).find((entry) => (!entry.partial && isAllResources(entry.value) && mayNameRoles(entry.value)) || matchesEveryRole(entry.value));
          if (!broad) continue;
          target = broad.value === '*' ? 'every role ("*")' : `every role ("${broad.value}")`;
          path = broad.path;
        }
        // A role-tag condition narrows "every role" to the tagged ones (AWS Copilot's `copilot-application` tag). An
        // unresolved value (Copilot's is a template parameter) still names one tag under StringEquals; under StringLike
        // it could be `*`.
        const tags = conditionsOn(statement, ROLE_TAG_KEY).filter((entry) => (entry.unknown ? /^StringEquals(IgnoreCase)?$/ : /^(StringEquals|StringLike)(IgnoreCase)?$/).test(entry.operator) && (entry.unknown || entry.values.length > 0));
        const tagged = tags.map((entry) => `${entry.key.replace(ROLE_TAG_KEY, '')}=${[...entry.values, ...(entry.unknown ? ['(a value the files do not give)'] : [])].join('|')}`).join(', ');
        report({
          path: path ?? explicit.path,
          ...(tags.length > 0 ? { severity: 'medium' as const } : {}),
          message: `${statementLabel(policy, statement)} allows ${explicit.value} on ${target}${tags.length > 0 ? ` tagged ${tagged}` : ''} without an iam:PassedToService condition.`,
        });
      }
    }
  },
});

/**
 * An `iam:PassedToService` condition that names the services roles may go to: a positive string match (`StringEquals`,
 * `StringLike`, `ForAnyValue:` forms) on values that are not a bare `*`. A negated operator (`StringNotEquals`: every
 * service but one), `*`, `...IfExists` or `Null` leave every service. An unresolved value is taken as limiting.
 */
function limitsServices(entry: ConditionEntry): boolean {
  const operator = entry.operator.replace(/^ForAnyValue:/i, '');
  if (!/^String(Equals|Like)(IgnoreCase)?$/i.test(operator)) return false;
  // Values are ORed; under StringLike a leading `*` (`*.amazonaws.com`) matches every service.
  const like = /Like/i.test(operator);
  return entry.unknown || (entry.values.length > 0 && !entry.values.some((value) => /^\*+$/.test(value.trim()) || (like && value.trim().startsWith('*'))));
}
