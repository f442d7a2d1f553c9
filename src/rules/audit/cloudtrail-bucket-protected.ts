import { bucketNamedBy, bucketReferrers, CLOUDTRAIL_TYPES, isBucket, keyFor, setting, trailNames, trailsByBucket } from '../../graph/aws.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { actionMatches, narrowsCaller, policiesOf, statementCoversAction, terraformPolicyAt, unnarrowedConditions, type PolicyDocument, type PolicyStatement } from '../../graph/iam.js';
import type { JsonValue, Resource } from '../../model/types.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleReport } from '../rule.js';

const PUBLIC_ACLS: Record<string, string> = {
  publicread: 'public-read',
  publicreadwrite: 'public-read-write',
  authenticatedread: 'authenticated-read',
};

function publicAcl(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? PUBLIC_ACLS[value.toLowerCase().replace(/[-_]/g, '')] : undefined;
}

export default createRule({
  meta: {
    id: 'audit/cloudtrail-bucket-protected',
    title: 'The S3 bucket that receives CloudTrail logs must not be public, and only few principals may delete or rewrite the logs',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['OBS-6'],
    artifacts: ['cloudformation', 'terraform', 'iam-policy'],
    description:
      'For each S3 bucket that a scanned trail delivers to (`S3BucketName` / `s3_bucket_name`, followed through `Ref`, imports, Terraform references, or a literal name matching one scanned bucket), reports a canned ACL that grants access to everyone or to any AWS account (CloudFormation `AccessControl: PublicRead | PublicReadWrite | AuthenticatedRead`; Terraform `acl` on the bucket or an `aws_s3_bucket_acl`). In its bucket policy (`AWS::S3::BucketPolicy`, `aws_s3_bucket_policy` with a literal, `jsonencode` or `data.aws_iam_policy_document` policy, or the legacy `policy` argument of `aws_s3_bucket`), in the `AWS::S3::BucketPolicy` / `aws_s3_bucket_policy` of a bucket outside the scan that a trail of the scan names by the same literal name, and in a standalone bucket policy file or a bucket policy resource that is a CloudTrail log bucket policy (a resource policy letting `cloudtrail.amazonaws.com` write or read the ACL of S3 ARNs), reports: an Allow for everyone (`Principal: "*"` or `{"AWS": "*"}`) unless a condition narrows the caller (a matching operator on `aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpce` and similar, `IpAddress` on `aws:SourceIp`; not `aws:SecureTransport`, `s3:x-amz-*` headers, time, `aws:username`, `aws:PrincipalTag/*`, nor `ForAllValues:` or `...IfExists` operators, which a request without the key satisfies); and (medium) an Allow letting named AWS principals delete objects, versions or the bucket, or change its policy, lifecycle, versioning or Object Lock configuration.',
    rationale:
      'CloudTrail logs map the whole account: resource names, principals, IP addresses, errors. A public log bucket hands an attacker that map, and principals that can delete or rewrite the logs (or lift versioning and lifecycle protections) can erase the trail of what they did. The seed asks for access limited to few people, ideally in a separate management / log-archive account.',
    remediation:
      'Remove the public ACL (`AccessControl: Private`, or better `OwnershipControls: BucketOwnerEnforced`), restrict the bucket policy to `cloudtrail.amazonaws.com` with an `aws:SourceArn` condition plus read-only grants for the few auditors, keep the bucket in a log-archive account, and add a public access block with all four settings on.',
    limitations:
      'Trails and buckets in different, unlinked templates (unless the bucket policy is a CloudTrail delivery policy, or the trail names the bucket by the literal name its policy gives), and account-level public access blocks, are not seen. Policies allowing `*` under a condition on the caller (`aws:PrincipalOrgID`, `aws:SourceArn`, `aws:SourceVpce`, ...) are not judged, wildcards inside that condition\'s values included, nor principals given as unresolved values (e.g. the template\'s own account). A missing explicit Deny of deletion is not reported: the seed asks for few principals, not for a Deny; an action that a Deny for everyone covers (whatever its condition) is not reported as granted. Identity policies elsewhere that reach the bucket are not considered.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0161' },
        { tool: 'prowler', id: 'cloudtrail_logs_s3_bucket_is_not_publicly_accessible' },
      ],
      frameworks: [{ framework: 'CIS AWS Foundations Benchmark 1.4', id: '3.3' }],
      links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html', 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html'],
    },
  },
  appliesTo: (resource) => isBucket(resource) || isBucketPolicy(resource) || resource.artifact === 'iam-policy',
  check({ resource, graph, report }) {
    if (isBucketPolicy(resource)) {
      checkPolicyOfUnscannedTrailBucket(resource, graph, report);
      return;
    }
    if (resource.artifact === 'iam-policy') {
      for (const policy of policiesOf(resource, graph)) {
        if (!isTrailBucketPolicy(policy)) continue;
        const buckets = bucketNames(policy);
        checkBucketPolicy(policy, `The CloudTrail log bucket policy${buckets ? ` (bucket ${buckets})` : ''}`, report);
      }
      return;
    }
    const trails = trailsByBucket(graph).get(resource);
    if (!trails || trails.length === 0) return;
    const names = trailNames(trails);
    const cfn = resource.artifact === 'cloudformation';
    const acl = setting(resource, [cfn ? 'AccessControl' : 'acl']);
    const canned = acl.unknown ? undefined : publicAcl(acl.value);
    if (canned) report({ path: acl.path, message: `The CloudTrail log bucket (trail ${names}) has the public canned ACL ${String(acl.value)}.` });
    if (!cfn) {
      for (const aclResource of bucketReferrers(graph, resource, '', 'aws_s3_bucket_acl')) {
        const value = aclResource.body.acl;
        const grant = publicAcl(value);
        if (grant) report({ resource: aclResource, path: ['acl'], message: `The CloudTrail log bucket ${resource.name} (trail ${names}) has the public canned ACL ${String(value)}.` });
      }
    }
    // `follow`: a Terraform `policy = data.aws_iam_policy_document.x.json` gives that document (report at its lines).
    const policies = bucketReferrers(graph, resource, BUCKET_POLICY_TYPES.cloudformation, BUCKET_POLICY_TYPES.terraform).map((policyResource) => policiesOf(policyResource, graph, { follow: true })[0]);
    // The inline `policy` of `aws_s3_bucket` (AWS provider before v4, deprecated since): a bucket policy too.
    if (!cfn && resource.body.policy !== undefined) policies.push(terraformPolicyAt(graph, resource, ['policy'], 'resource', 's3-bucket', 'policy'));
    for (const policy of policies) {
      if (policy) checkBucketPolicy(policy, `The bucket policy of the CloudTrail log bucket ${resource.name} (trail ${names})`, (r) => report({ ...r, resource: policy.resource }));
    }
  },
});

const BUCKET_POLICY_TYPES = { cloudformation: 'AWS::S3::BucketPolicy', terraform: 'aws_s3_bucket_policy' } as const;

function isBucketPolicy(resource: Resource): boolean {
  return resource.type === BUCKET_POLICY_TYPES[resource.artifact as keyof typeof BUCKET_POLICY_TYPES];
}

/**
 * A bucket policy whose bucket is not a trail bucket of the scan (the bucket is in another stack, or the trail is):
 * checked when a trail of the scan names its bucket by the same literal name, or when it is itself a CloudTrail
 * log bucket policy. A policy of a trail bucket of the scan is checked with that bucket.
 */
function checkPolicyOfUnscannedTrailBucket(resource: Resource, graph: ResourceGraph, report: (report: RuleReport) => void): void {
  const named = setting(resource, [keyFor(resource, 'Bucket', 'bucket')]);
  if (!named.exists) return;
  const bucket = bucketNamedBy(graph, resource, named.path, named.value);
  if (bucket && trailsByBucket(graph).has(bucket)) return;
  const name = typeof named.value === 'string' && !isUnknown(named.value) ? named.value : undefined;
  const trails = name === undefined ? [] : graph.ofType(resource.artifact, CLOUDTRAIL_TYPES[resource.artifact as keyof typeof CLOUDTRAIL_TYPES]).filter((trail) => setting(trail, [keyFor(trail, 'S3BucketName', 's3_bucket_name')]).value === name);
  const [policy] = policiesOf(resource, graph, { follow: true });
  if (!policy || (trails.length === 0 && !isTrailBucketPolicy(policy))) return;
  const subject = trails.length > 0 ? `The bucket policy of the CloudTrail log bucket ${name} (trail ${trailNames(trails)})` : `The CloudTrail log bucket policy${name ? ` (bucket ${name})` : ''}`;
  checkBucketPolicy(policy, subject, (found) => report({ ...found, resource: policy.resource }));
}

const CLOUDTRAIL_SERVICE = /^cloudtrail\.amazonaws\.com(\.cn)?$/i;
/** Actions that erase or rewrite the audit trail, or lift the protections around it. */
const TAMPER_ACTIONS = [
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:DeleteBucket',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutLifecycleConfiguration',
  's3:PutBucketVersioning',
  's3:PutBucketObjectLockConfiguration',
  's3:BypassGovernanceRetention',
];

const S3_ARN = /^arn:(?:[^:]+|\$\{AWS::Partition\}):s3:::/;
const S3_ARN_TEXT = /"arn:(?:[^:"]+|\$\{AWS::Partition\}):s3:::/;

/** A standalone resource policy that lets CloudTrail write to S3: the policy of a CloudTrail log bucket. */
function isTrailBucketPolicy(policy: PolicyDocument): boolean {
  if (policy.kind !== 'resource') return false;
  return policy.statements.some(
    (statement) =>
      statement.effect === 'Allow' &&
      (statement.principal?.entries.some((entry) => entry.type === 'Service' && CLOUDTRAIL_SERVICE.test(entry.value)) ?? false) &&
      // S3 ARNs, literal or built with `Fn::Sub` (`arn:${AWS::Partition}:s3:::${TrailBucket}/AWSLogs/*`).
      ((statement.resource?.values.some((entry) => S3_ARN.test(entry.value)) ?? false) || (statement.resource?.unresolved.some((entry) => S3_ARN_TEXT.test(JSON.stringify(entry.raw))) ?? false)) &&
      (statementCoversAction(statement, 's3:PutObject') === true || statementCoversAction(statement, 's3:GetBucketAcl') === true),
  );
}

/** Bucket names the policy's statements name (`arn:aws:s3:::name/...`). */
function bucketNames(policy: PolicyDocument): string {
  const names = new Set<string>();
  for (const statement of policy.statements) {
    for (const entry of statement.resource?.values ?? []) {
      const match = /^arn:[^:]+:s3:::([^/]+)/.exec(entry.value);
      if (match?.[1]) names.add(match[1]);
    }
  }
  return [...names].join(', ');
}

function where(statement: PolicyStatement): string {
  return statement.sid ? ` (statement "${statement.sid}")` : '';
}

/**
 * Reports, in the policy of a CloudTrail log bucket: Allow statements for everyone (`"*"`, `{"AWS": "*"}`) whose
 * conditions (if any) do not narrow who may call; and Allow statements letting named AWS principals delete or
 * rewrite the logs or lift the bucket's protections.
 */
function checkBucketPolicy(policy: PolicyDocument, subject: string, emit: (report: RuleReport) => void): void {
  // A Deny for everyone (conditional or not: "everyone but a break-glass role" is the recommended shape) protects the action.
  const denied = (action: string): boolean =>
    policy.statements.some(
      (statement) =>
        statement.effect === 'Deny' &&
        (statement.principal?.unknown === true || (statement.principal?.entries.some((entry) => entry.value === '*') ?? false)) &&
        statementCoversAction(statement, action) !== false,
    );
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow' || !statement.principal || statement.conditionUnknown) continue;
    const everyone = statement.principal.entries.find((entry) => entry.type === '*' || (entry.type === 'AWS' && entry.value === '*'));
    if (everyone) {
      if (narrowsCaller(statement) !== false) continue;
      emit({ path: everyone.path, key: `everyone:${statement.index}`, message: `${subject} allows everyone (Principal "*") ${unnarrowedConditions(statement)}${where(statement)}: the audit logs are public.` });
      continue;
    }
    const people = statement.principal.entries.filter((entry) => entry.type !== 'Service');
    if (people.length === 0) continue;
    const tamper = TAMPER_ACTIONS.filter((action) => statementCoversAction(statement, action) === true && !denied(action));
    if (tamper.length === 0) continue;
    const anchor = statement.action?.values.find((entry) => tamper.some((action) => actionMatches(entry.value, action)));
    emit({
      path: anchor?.path ?? statement.action?.path ?? statement.notAction?.path ?? statement.path,
      severity: 'medium',
      key: `tamper:${statement.index}`,
      message: `${subject} lets ${people.map((entry) => entry.value).join(', ')} ${tamper.length > 3 ? `${tamper.slice(0, 3).join(', ')}, ...` : tamper.join(', ')}${where(statement)}: whoever can delete or rewrite the audit logs or lift their protection can hide their tracks.`,
      fix: 'Grant log readers only s3:GetObject / s3:ListBucket, keep bucket administration in a separate log-archive account, and add a Deny of s3:DeleteObject* / s3:PutBucketPolicy / s3:PutLifecycleConfiguration for everyone but a break-glass role.',
    });
  }
}
