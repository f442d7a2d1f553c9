import { appliesToAllResources, carriesPolicies, isFullWildcardAction, lacksResourceLevelPermissions, overridingDeny, policiesOf, serviceOf, statementLabel, unresolvedText, type PolicyStatement, type PolicyValue } from '../../graph/iam.js';
import { accountWideArn, resourceEntries } from '../../graph/iam-arn.js';
import { createRule } from '../rule.js';

function isEveryAction(action: string): boolean {
  return action === '*' || action === '*:*';
}

/** Service wildcards that iam/no-ecs-eks-ecr-admin reports (IAM-5), so one statement is not reported twice. */
const CONTAINER_SERVICES = new Set(['ecs', 'eks', 'ecr']);

/** `*`, or a whole service other than those iam/no-ecs-eks-ecr-admin reports. */
function isReportedWildcard(action: string): boolean {
  return isEveryAction(action) || (isFullWildcardAction(action) && !CONTAINER_SERVICES.has(serviceOf(action)));
}

export default createRule({
  meta: {
    id: 'iam/no-wildcard-permissions',
    title: 'Policies must not allow every action, or every action of a service, on any resource',
    severity: 'high',
    otherSeverities: ['critical', 'medium'],
    seedPoints: ['IAM-1'],
    artifacts: ['iam-policy', 'cloudformation', 'terraform', 'eksctl'],
    description:
      'Reports each Allow statement of an identity policy (standalone policy file, `AWS::IAM::Policy` / `ManagedPolicy` / `RolePolicy`, inline `Policies` of roles, users and groups, inline documents in the `Policies` of SAM functions and state machines, IAM Identity Center permission sets\' inline policies (`AWS::SSO::PermissionSet` `InlinePolicy`, `aws_ssoadmin_permission_set_inline_policy`); permissions boundaries and SCP content only cap what others grant and are not checked) that grants `*`, a whole service (`s3:*`), or everything but a list (`NotAction`) on every resource (`Resource: "*"`, an all-resources ARN such as `arn:aws:s3:::*`, or `NotResource`); `*` on the resources of one service only (`arn:aws:s3:::*`) comes down to that service\'s every action, reported high rather than as administrator access. Also (medium) `Action: "*"`, a whole service (`s3:*`) or `NotAction` on named resources, which grants every (other) action on them, their policies and deletion included; `*` or a whole service is high when those resources are every resource of the service, or of one of its types, in an account (`arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:*`, `arn:aws:ssm:us-east-1:123456789012:parameter/*`): as broad as `*` for that account. One finding per statement: `*` when it is among the actions, otherwise every service wildcard of the statement named together, at the first. An Allow that an unconditional Deny of the same policy entirely overrides grants nothing and is not reported. `ecs:*`, `eks:*` and `ecr:*` are left to `iam/no-ecs-eks-ecr-admin`. Trust and resource policies are checked by their own rules.',
    rationale:
      'A wildcard grant gives the workload every present and future permission of the service: a compromised task or pod can read every bucket, delete every table or escalate through IAM. Least privilege means naming the actions and resources the workload uses.',
    remediation:
      'List the actions the workload calls (e.g. `s3:GetObject`, `s3:PutObject`) and scope `Resource` to its ARNs (e.g. `arn:aws:s3:::my-bucket/*`). Actions without resource-level permissions (`ecr:GetAuthorizationToken`, `xray:PutTraceSegments`, `ec2:Describe*`, ...) may keep `Resource: "*"`.',
    limitations:
      'Conditions on a wildcard statement (e.g. `aws:ResourceTag`) may narrow it; the statement is still reported because the grant covers every action of the service. Partial wildcards (`s3:Get*`) are not reported. A wildcard on resources the files do not resolve (a parameter, a variable, a nested-stack output) is reported at medium, as on named resources, with the values as written and, for a value that is a reference as a whole, a note that it may be `*`: the rule cannot tell the high (every resource) case from the medium one; resources that certainly name one resource (`!GetAtt Bucket.Arn`, a `!Sub` of resource attributes, a Terraform resource attribute) get no such note. A Deny counts as overriding only when it has no condition, no NotAction / NotResource, and its own patterns cover every action and resource of the Allow. A standalone SCP cannot be told apart from an identity policy by its content: the default `FullAWSAccess` SCP (`Allow * on *`) is reported when scanned as a policy file; suppress it there.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0057' },
        { tool: 'trivy', id: 'AVD-AWS-0345' },
        { tool: 'checkov', id: 'CKV_AWS_1' },
        { tool: 'checkov', id: 'CKV_AWS_49' },
        { tool: 'checkov', id: 'CKV_AWS_63' },
        { tool: 'cdk-nag', id: 'AwsSolutions-IAM5' },
        { tool: 'prowler', id: 'iam_inline_policy_no_administrative_privileges' },
        { tool: 'prowler', id: 'iam_customer_attached_policy_no_administrative_privileges' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'IAM.1' },
        { framework: 'AWS FSBP', id: 'IAM.21' },
      ],
    },
  },
  appliesTo: carriesPolicies,
  check({ resource, graph, report }) {
    for (const policy of policiesOf(resource, graph)) {
      if (policy.kind !== 'identity') continue;
      for (const statement of policy.statements) {
        // An explicit Deny of the same policy that covers the whole statement: it grants nothing (iam/duplicate-statements says so).
        if (statement.effect !== 'Allow' || overridingDeny(policy, statement)) continue;
        const where = statementLabel(policy, statement);
        const allResources = appliesToAllResources(statement);
        if (allResources !== true) {
          // Every action (of a service) on named resources: their policies, deletion and whatever the services add later.
          const targets = statement.resource;
          if (!targets || targets.values.length + targets.unresolved.length === 0) continue;
          // Every action of a service is granted whatever the resources are. Unresolved ones that certainly name one
          // resource are shown by name; others as written, and they may stand for `*` (the message says so).
          const namedPaths = new Set(targets.named.map((entry) => entry.path.join('/')));
          const open = targets.unresolved.filter((entry) => !namedPaths.has(entry.path.join('/'))).map((entry) => ({ value: unresolvedText(entry.raw) }));
          // Only a value that is a reference as a whole (`${Target}`) may turn out to be "*"; an ARN template cannot.
          const mayBeAll = open.some((entry) => entry.value === '(unresolved)' || /^\$\{[^}]*\}$/.test(entry.value));
          const named = [...targets.values, ...targets.named, ...open].map((entry) => entry.value).join(', ') + (mayBeAll ? ' (values the files do not resolve, which may be "*")' : '');
          if (statement.notAction && statement.notResource === undefined) {
            // Every action but a few on those resources: deleting them and changing their policies included.
            // `NotAction: "*"` leaves no action (iam/duplicate-statements says the statement never applies).
            if ((statement.notAction.values.length === 0 && statement.notAction.unknown) || statement.notAction.values.some((v) => v.value === '*')) continue;
            report({
              path: statement.notAction.path,
              severity: 'medium',
              message: `${where} allows every action except ${statement.notAction.values.map((v) => v.value).join(', ') || 'none'} (NotAction) on ${named}: every present and future permission on them, deleting them and changing their policies included.`,
              key: 'not-action-scoped',
            });
            continue;
          }
          const actions = (statement.action?.values ?? []).filter((entry) => isReportedWildcard(entry.value));
          const every = actions.find((action) => isEveryAction(action.value));
          const [first] = actions;
          if (!first) continue;
          // Every resource of a service in an account (`arn:aws:dynamodb:${region}:${account}:*`, `...:parameter/*`)
          // is as broad as `*` for that account: high, as on every resource.
          const wide = accountWideResources(statement, every ? undefined : actions.map((action) => serviceOf(action.value)));
          const across = wide.length > 0 ? ` (${wide.join(' and ')} of the account)` : '';
          report({
            path: (every ?? first).path,
            severity: wide.length > 0 ? 'high' : 'medium',
            message: every
              ? `${where} allows every action ("${every.value}") on ${named}${across}: every present and future permission on them, changing their policies and deleting them included.`
              : `${where} allows ${describeServices(actions)} on ${named}${across}: every present and future ${describeServiceNames(actions)} permission on them, deleting them and changing their access policies included.`,
            key: every ? 'every-action-scoped' : `service-scoped:${actions.map((action) => action.value).join(',')}`,
          });
          continue;
        }
        const resources = statement.notResource ? 'every resource but those in NotResource' : 'every resource';
        if (statement.notAction) {
          if ((statement.notAction.values.length === 0 && statement.notAction.unknown) || statement.notAction.values.some((v) => v.value === '*')) continue;
          report({
            path: statement.notAction.path,
            message: `${where} allows every action except ${statement.notAction.values.map((v) => v.value).join(', ') || 'none'} (NotAction) on ${resources}.`,
            key: 'not-action',
          });
          continue;
        }
        // Every resource of one service only (`arn:aws:s3:::*`): every action comes down to that service's.
        const services = statement.notResource ? undefined : resourceServices(statement);
        const actions = (statement.action?.values ?? []).filter((action) => isReportedWildcard(action.value) && !lacksResourceLevelPermissions(action.value));
        // One finding per statement: `*` says it all; several service wildcards are listed together.
        const every = actions.find((action) => isEveryAction(action.value));
        const [first] = actions;
        if (!first) continue;
        const onService = every && services ? `every ${services.join(' and ')} resource (${statement.resource?.values.map((entry) => entry.value).join(', ') ?? ''})` : undefined;
        report({
          path: (every ?? first).path,
          severity: every && !onService ? 'critical' : 'high',
          message: every
            ? onService
              ? `${where} allows every action ("${every.value}") on ${onService}: every present and future ${services?.join(' and ')} permission, deleting them and changing their access policies included.`
              : `${where} allows every action ("${every.value}") on ${resources}: full administrator access.`
            : `${where} allows ${describeServices(actions)} on ${resources}.`,
          key: every ? every.value : actions.map((action) => action.value).join(','),
        });
      }
    }
  },
});

/**
 * What the statement's resources name when they are every resource of a service in an account (`accountWideArn`):
 * `every dynamodb resource`, `every ssm parameter`. Among the services of the wildcards granted (`services`), or of
 * any service for every action (`services` undefined).
 */
function accountWideResources(statement: PolicyStatement, services: readonly string[] | undefined): string[] {
  const wide = resourceEntries(statement).flatMap((entry) => {
    const arn = accountWideArn(entry.value);
    return arn && (services === undefined || services.includes(arn.service)) ? [arn] : [];
  });
  return [...new Set(wide.map((arn) => `every ${arn.service} ${arn.type ?? 'resource'}`))].sort();
}

/** `every s3 action ("s3:*")`, or `every action of 3 services ("s3:*", "sqs:*", "logs:*")`. */
function describeServices(actions: readonly PolicyValue[]): string {
  const [only] = actions;
  if (only && actions.length === 1) return `every ${serviceOf(only.value)} action ("${only.value}")`;
  return `every action of ${actions.length} services (${actions.map((action) => `"${action.value}"`).join(', ')})`;
}

/** `s3`, or `s3, sqs and logs`. */
function describeServiceNames(actions: readonly PolicyValue[]): string {
  const names = [...new Set(actions.map((action) => serviceOf(action.value)))];
  return names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** The services of a statement whose resources are all ARNs of named services (`arn:aws:s3:::*`), else undefined. */
function resourceServices(statement: PolicyStatement): string[] | undefined {
  const entries = statement.resource?.values ?? [];
  if (entries.length === 0 || statement.resource?.unknown) return undefined;
  const services = new Set<string>();
  for (const { value } of entries) {
    const service = /^arn:[^:]+:([a-z0-9-]+):/.exec(value)?.[1];
    if (service === undefined) return undefined;
    services.add(service);
  }
  return [...services].sort();
}
