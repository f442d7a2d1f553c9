import { bucketNamedBy, referrersOf } from '../../graph/aws.js';
import { conditionsOn, policiesOf, statementCoversAction, terraformPolicyAt, type PolicyDocument, type PolicyStatement } from '../../graph/iam.js';
import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { TerraformResource } from '../../loaders/terraform/index.js';
import { isObject } from '../../util/json.js';
import { isUnknown, UNKNOWN_KEY } from '../../util/unknown.js';
import { createRule, type RuleReport } from '../rule.js';

/** Stands for a value we cannot read but that is never empty (a bucket name, an account id, a region). */
const HOLE = '\u0001';
/** Stands for the name inside the ARN of a bucket (`!GetAtt B.Arn`): text appended to it names another bucket. */
const BUCKET_HOLE = '\u0002';
const ARN_HOLE = `arn:aws:s3:::${BUCKET_HOLE}`;

/**
 * The text of an ARN as written, unknown parts replaced by `HOLE`: a literal, CloudFormation `Fn::Sub` (with its
 * variable map), `Fn::Join`, `Fn::GetAtt X.Arn`, `Ref`; a Terraform unknown (`aws_s3_bucket.b.arn`,
 * `"${aws_s3_bucket.b.arn}/*"`). `undefined` when it cannot be read (`Fn::If`, a function call...).
 */
function arnText(value: JsonValue | undefined, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  if (typeof value === 'string') return value;
  if (!isObject(value)) return undefined;
  const unknown = value[UNKNOWN_KEY];
  if (typeof unknown === 'string') return terraformText(unknown);
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') return subText(sub, {});
  if (Array.isArray(sub) && typeof sub[0] === 'string') return subText(sub[0], isObject(sub[1]) ? (sub[1] as Record<string, JsonValue>) : {}, depth);
  const getAtt = value['Fn::GetAtt'];
  if (getAtt !== undefined) {
    const attribute = Array.isArray(getAtt) ? getAtt[1] : typeof getAtt === 'string' ? getAtt.split('.').slice(1).join('.') : undefined;
    return attribute === 'Arn' ? ARN_HOLE : HOLE;
  }
  if (typeof value.Ref === 'string') return value.Ref === 'AWS::Partition' ? 'aws' : HOLE;
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = join[1].map((part) => arnText(part, depth + 1));
    return parts.every((part): part is string => part !== undefined) ? parts.join(join[0]) : undefined;
  }
  return undefined;
}

function subText(template: string, variables: Record<string, JsonValue>, depth = 0): string | undefined {
  return template.replace(/\$\{([^}!]*)\}/g, (_, name: string) => {
    const variable = variables[name];
    if (variable !== undefined) return arnText(variable, depth + 1) ?? HOLE;
    if (name === 'AWS::Partition') return 'aws';
    return name.endsWith('.Arn') ? ARN_HOLE : HOLE;
  });
}

/** A Terraform expression as written: a bare reference (`aws_s3_bucket.b.arn`) or a quoted template. */
function terraformText(expression: string): string | undefined {
  const text = expression.trim();
  const arnLike = (reference: string): boolean => /(^|[._])arn$/i.test(reference.trim());
  if (/^"[^"]*"$/.test(text)) {
    const inner = text.slice(1, -1);
    if (inner.includes('%{')) return undefined;
    return inner.replace(/\$\{([^}]*)\}/g, (_, reference: string) => (arnLike(reference) ? ARN_HOLE : HOLE));
  }
  return /^[\w.[\]"-]+$/.test(text) && arnLike(text) ? ARN_HOLE : undefined;
}

type Scope = 'all' | 'bucket' | 'objects' | 'narrow' | 'other-bucket' | 'unknown';

/** What one `Resource` entry of a bucket policy statement covers, for the bucket named `bucketName` when known. */
function scopeOf(value: JsonValue | undefined, bucketName: string | undefined): Scope {
  const text = arnText(value)?.trim();
  if (text === undefined) return 'unknown';
  if (text === '*') return 'all';
  const match = /^arn:[^:]*:s3:::(.*)$/.exec(text);
  if (!match) return 'unknown';
  const rest = match[1] ?? '';
  const slash = rest.indexOf('/');
  const name = slash === -1 ? rest : rest.slice(0, slash);
  // `${B.Arn}-replica/*`: a bucket's ARN with more text is another bucket's.
  if (name.includes(BUCKET_HOLE) && name !== BUCKET_HOLE && !/[*?]/.test(name)) return 'other-bucket';
  // `arn:aws:s3:::food/*` in the policy of bucket `foo`: another bucket, which this Deny does not protect.
  if (bucketName !== undefined && name !== BUCKET_HOLE && !name.includes(HOLE) && !/[*?]/.test(name) && name !== bucketName) return 'other-bucket';
  if (slash === -1) return rest.includes('*') ? 'all' : 'bucket';
  const key = rest.slice(slash + 1);
  if (key === '*') return 'objects';
  // Literal text in the key pattern (`logs/*`, `AWSLogs/<account>/*`): a prefix, narrower than the bucket.
  if (key.replaceAll(HOLE, '').replaceAll(BUCKET_HOLE, '').replace(/[/*]/g, '') !== '') return 'narrow';
  return 'unknown';
}

interface Verdict {
  /**
   * `partial`: a Deny for everyone on insecure transport exists, the other fields tell what it misses; `actions`:
   * the TLS Denies leave out S3 object reads or writes (`undenied`).
   */
  kind: 'ok' | 'unknown' | 'none' | 'partial' | 'actions';
  statement?: PolicyStatement;
  missingBucket?: boolean;
  missingObjects?: boolean;
  narrow?: string[];
  /** For `actions`: the object actions no TLS Deny covers. */
  undenied?: readonly string[];
}

function isInsecureTransportDeny(statement: PolicyStatement): boolean {
  return (
    statement.effect === 'Deny' &&
    conditionsOn(statement, 'aws:SecureTransport').some((entry) => /^Bool(IfExists)?$/i.test(entry.operator) && entry.values.some((value) => value.toLowerCase() === 'false')) &&
    // Condition operators are ANDed: another key (`aws:PrincipalAccount`, `s3:TlsVersion`, which plain HTTP requests
    // lack) leaves HTTP open to the requests that do not match it.
    // (`...IfExists` on `s3:TlsVersion` holds for a request without TLS, so it does not narrow.)
    statement.conditions.every((entry) => /^aws:SecureTransport$/i.test(entry.key) || (/^s3:TlsVersion$/i.test(entry.key) && /IfExists$/i.test(entry.operator)))
  );
}

/**
 * The one bucket the Allow statements of a standalone bucket policy name (`arn:aws:s3:::foo`, `arn:aws:s3:::foo/*`):
 * the policy's own bucket, so that a Deny on another one does not count. Undefined when they name none or several.
 */
function allowedBucket(policy: PolicyDocument): string | undefined {
  const names = new Set<string>();
  for (const statement of policy.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const entry of statement.resource?.values ?? []) {
      const name = /^arn:[^:]+:s3:::([^/*?$]+)(?:\/|$)/.exec(entry.value)?.[1];
      if (name === undefined) return undefined;
      names.add(name);
    }
  }
  return names.size === 1 ? [...names][0] : undefined;
}

function rawResources(statement: PolicyStatement): JsonValue | undefined {
  return statement.body.Resource ?? statement.body.resources;
}

/** Whether the policy denies every S3 request without TLS, to everyone, on the bucket and all its objects. */
/** Object reads and writes: what a TLS Deny must cover, together with the bucket-level actions `s3:*` brings. */
const OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject'] as const;

/**
 * Whether the policy denies every S3 request without TLS, to everyone, on the bucket and all its objects. Several
 * Deny statements add up (one for reads, one for writes).
 */
function judgePolicy(policy: PolicyDocument, bucketName: string | undefined): Verdict {
  let unknown = policy.unknownStatements > 0;
  const coverage = OBJECT_ACTIONS.map(() => ({ denied: false, bucket: false, objects: false }));
  let first: PolicyStatement | undefined;
  let actionGap: PolicyStatement | undefined;
  const narrow: string[] = [];
  for (const statement of policy.statements) {
    if (statement.effect !== 'Deny') {
      // An unresolved Effect (`"${var.effect}"`) may be the Deny.
      if (statement.effect === undefined && (statement.conditionUnknown || conditionsOn(statement, 'aws:SecureTransport').length > 0)) unknown = true;
      continue;
    }
    if (statement.conditionUnknown) unknown = true;
    if (!isInsecureTransportDeny(statement)) continue;
    const everyone = statement.principal?.entries.some((entry) => entry.value === '*') ?? false;
    if (!everyone) {
      if (statement.principal?.unknown) unknown = true;
      continue;
    }
    const covers = OBJECT_ACTIONS.map((action) => statementCoversAction(statement, action));
    if (covers.includes(undefined)) {
      unknown = true;
      continue;
    }
    if (covers.includes(false)) actionGap ??= statement;
    if (!covers.includes(true)) continue;
    if (statement.notResource || !statement.resource) {
      unknown = true;
      continue;
    }
    first ??= statement;
    let bucket = false;
    let objects = false;
    const raw = rawResources(statement);
    for (const entry of Array.isArray(raw) ? raw : [raw]) {
      const scope = scopeOf(entry, bucketName);
      if (scope === 'all') bucket = objects = true;
      else if (scope === 'bucket') bucket = true;
      else if (scope === 'objects') objects = true;
      else if (scope === 'unknown') unknown = true;
      else narrow.push(scope === 'other-bucket' ? `${describeArn(entry)} (another bucket)` : describeArn(entry));
    }
    covers.forEach((covered, index) => {
      const action = coverage[index];
      if (!covered || !action) return;
      action.denied = true;
      action.bucket ||= bucket;
      action.objects ||= objects;
    });
  }
  if (coverage.every((action) => action.bucket && action.objects)) return { kind: 'ok' };
  if (unknown) return { kind: 'unknown' };
  const undenied = OBJECT_ACTIONS.filter((_, index) => !coverage[index]?.denied);
  if (!first) return actionGap ? { kind: 'actions', statement: actionGap, undenied } : { kind: 'none' };
  if (undenied.length > 0) return { kind: 'actions', statement: actionGap ?? first, undenied };
  const missingBucket = !coverage.every((action) => action.bucket);
  const missingObjects = !coverage.every((action) => action.objects);
  return { kind: 'partial', statement: first, missingBucket, missingObjects, narrow };
}

/** A resource entry as written: a literal, a `Fn::Sub` template, a Terraform expression; else its reading. */
function describeArn(value: JsonValue | undefined): string {
  if (typeof value === 'string') return value;
  if (isObject(value)) {
    const written = value[UNKNOWN_KEY] ?? (Array.isArray(value['Fn::Sub']) ? value['Fn::Sub'][0] : value['Fn::Sub']);
    if (typeof written === 'string') return written.trim().replace(/^"|"$/g, '');
  }
  const text = arnText(value);
  return text === undefined ? '?' : text.replaceAll(ARN_HOLE, 'arn:aws:s3:::<bucket>').replaceAll(HOLE, '<...>');
}

/** Every Allow statement requires `aws:SecureTransport` true: HTTP requests get no access either. */
function allowsOnlySecureTransport(policy: PolicyDocument): boolean {
  const allows = policy.statements.filter((s) => s.effect === 'Allow');
  return (
    allows.length > 0 &&
    allows.every((s) => conditionsOn(s, 'aws:SecureTransport').some((entry) => /^Bool$/i.test(entry.operator) && entry.values.length > 0 && entry.values.every((v) => v.toLowerCase() === 'true')))
  );
}

/** A standalone resource policy whose statements all name S3 resources. */
function isBucketPolicy(policy: PolicyDocument): boolean {
  if (policy.kind !== 'resource' || policy.statements.length === 0) return false;
  return policy.statements.every((s) => (s.resource?.values.length ?? 0) > 0 && (s.resource?.values ?? []).every((r) => /^arn:[^:]+:s3:::/.test(r.value)));
}

const FIX = 'a Deny of s3:* for Principal "*" when aws:SecureTransport is false on both arn:aws:s3:::<bucket> and arn:aws:s3:::<bucket>/*';

function checkPolicy(policy: PolicyDocument, report: (report: RuleReport) => void, options: { resource?: Resource; bucketName?: string | undefined } = {}): void {
  const verdict = judgePolicy(policy, options.bucketName);
  if (verdict.kind === 'ok' || verdict.kind === 'unknown' || allowsOnlySecureTransport(policy)) return;
  const target = options.resource ? { resource: options.resource } : {};
  if (verdict.kind === 'none') {
    // A TLS Deny that other condition keys narrow is there, but leaves the other requests open.
    const otherKeys = (candidate: PolicyStatement): string[] => [...new Set(candidate.conditions.map((entry) => entry.key).filter((key) => !/^aws:SecureTransport$/i.test(key)))];
    const narrowed = policy.statements.find((candidate) => isInsecureTransportDeny({ ...candidate, conditions: candidate.conditions.filter((entry) => /^aws:SecureTransport$/i.test(entry.key)) }) && otherKeys(candidate).length > 0);
    const others = narrowed ? otherKeys(narrowed) : [];
    report({
      ...target,
      path: narrowed?.path ?? policy.path,
      message:
        others.length > 0
          ? `The Deny for requests with aws:SecureTransport false also requires ${others.join(', ')}: plain HTTP requests that do not match ${others.length === 1 ? 'it' : 'them'} are accepted. Deny on aws:SecureTransport alone.`
          : `The bucket policy has no Deny for requests with aws:SecureTransport false: the bucket accepts plain HTTP.`,
    });
    return;
  }
  const statement = verdict.statement;
  if (verdict.kind === 'actions') {
    const actions = statement?.action ?? statement?.notAction;
    report({
      ...target,
      path: actions?.path ?? statement?.path ?? policy.path,
      key: 'actions',
      message: `The Deny for requests with aws:SecureTransport false does not cover ${(verdict.undenied ?? OBJECT_ACTIONS).join(' or ')}${actions ? ` (${actions.key}: ${actions.values.map((v) => v.value).join(', ')})` : ''}: those requests over plain HTTP are accepted. Deny s3:*.`,
    });
    return;
  }
  const path: NodePath = statement?.resource?.path ?? statement?.path ?? policy.path;
  if (verdict.missingObjects) {
    const narrow = verdict.narrow && verdict.narrow.length > 0 ? ` only ${verdict.narrow.join(', ')}` : verdict.missingBucket ? ' no resource' : ' only the bucket itself';
    report({
      ...target,
      path,
      key: 'objects',
      message: `The Deny for requests with aws:SecureTransport false covers${narrow}: plain HTTP requests for the other objects of the bucket are accepted. Cover arn:aws:s3:::<bucket>/*${verdict.missingBucket ? ' and the bucket ARN itself' : ''}.`,
    });
    return;
  }
  report({
    ...target,
    path,
    key: 'bucket',
    severity: 'low',
    message: `The Deny for requests with aws:SecureTransport false covers the objects but not the bucket ARN itself: bucket-level requests (ListBucket, GetBucketPolicy, PutBucketAcl...) over plain HTTP are accepted. Add arn:aws:s3:::<bucket> to its Resource.`,
  });
}

const TF_POLICY = 'aws_s3_bucket_policy';
const CFN_POLICY = 'AWS::S3::BucketPolicy';

/**
 * The bucket policy resources of the scan that belong to each bucket, and whether a policy of the same template /
 * root module names a bucket we cannot identify (it may be any bucket of the scan).
 */
function policiesByBucket(graph: ResourceGraph): { map: Map<Resource, Resource[]>; unresolved: Set<string> } {
  return graph.memo('bucket-policy-secure-transport:policies', () => {
    const map = new Map<Resource, Resource[]>();
    const unresolved = new Set<string>();
    const add = (bucket: Resource, policy: Resource): void => {
      const list = map.get(bucket);
      if (!list) map.set(bucket, [policy]);
      else if (!list.includes(policy)) list.push(policy);
    };
    for (const policy of [...graph.ofType('cloudformation', CFN_POLICY), ...graph.ofType('terraform', TF_POLICY)]) {
      const cfn = policy.artifact === 'cloudformation';
      const props = cfn ? policy.body.Properties : policy.body;
      const value = isObject(props) ? props[cfn ? 'Bucket' : 'bucket'] : undefined;
      const path: NodePath = cfn ? ['Properties', 'Bucket'] : ['bucket'];
      let bucket = bucketNamedBy(graph, policy, path, value);
      if (!bucket && cfn && value !== undefined && typeof value !== 'string') {
        // `Bucket: !Ref BucketName` next to a bucket with `BucketName: !Ref BucketName`.
        const same = graph.ofType('cloudformation', 'AWS::S3::Bucket').filter((candidate) => {
          const properties = candidate.body.Properties;
          return candidate.document === policy.document && isObject(properties) && JSON.stringify(properties.BucketName) === JSON.stringify(value);
        });
        if (same.length === 1) bucket = same[0];
      }
      if (bucket) add(bucket, policy);
      else if (cfn ? isUnresolvedCfnBucket(value) : typeof value !== 'string') unresolved.add(scopeKey(policy));
    }
    return { map, unresolved };
  });
}

/**
 * A CloudFormation `Bucket` that could name a bucket of the template: not a literal, a parameter or an import
 * (those name buckets of other stacks), but a condition or a built string.
 */
function isUnresolvedCfnBucket(value: JsonValue | undefined): boolean {
  if (value === undefined || typeof value === 'string' || !isObject(value)) return false;
  return !('Ref' in value || 'Fn::ImportValue' in value);
}

/** The template (CloudFormation) or root module (Terraform) a resource belongs to. */
function scopeKey(resource: Resource): string {
  if (resource.artifact === 'terraform') {
    return `tf\u0000${(resource as Partial<TerraformResource>).rootDir ?? resource.document.file.path}`;
  }
  return `cfn\u0000${resource.document.file.path}`;
}

function isWebsiteBucket(graph: ResourceGraph, bucket: Resource): boolean {
  if (bucket.artifact === 'cloudformation') {
    const properties = bucket.body.Properties;
    return isObject(properties) && properties.WebsiteConfiguration !== undefined;
  }
  if (bucket.body.website !== undefined && !(Array.isArray(bucket.body.website) && bucket.body.website.length === 0)) return true;
  return referrersOf(graph, bucket, 'AWS::S3::Bucket', 'aws_s3_bucket_website_configuration').length > 0;
}

function checkBucket(resource: Resource, graph: ResourceGraph, report: (report: RuleReport) => void): void {
  const { map, unresolved } = policiesByBucket(graph);
  if ((map.get(resource)?.length ?? 0) > 0) return; // judged on the policy
  if (unresolved.has(scopeKey(resource))) return; // a policy of the same template / module may be this bucket's
  if (resource.artifact === 'terraform') {
    const legacy = resource.body.policy;
    if (legacy !== undefined && legacy !== null && legacy !== '') {
      // The inline `policy` of the AWS provider before v4: judge it like a bucket policy.
      const policy = terraformPolicyAt(graph, resource, ['policy'], 'resource', 's3-bucket', 'policy');
      if (policy && policy.statements.length > 0) checkPolicy(policy, report, { resource: policy.resource, bucketName: literalBucketName(resource) });
      return;
    }
  }
  if (isWebsiteBucket(graph, resource)) return;
  const policyType = resource.artifact === 'terraform' ? 'aws_s3_bucket_policy' : 'AWS::S3::BucketPolicy';
  report({
    path: [],
    message: `The bucket has no bucket policy (no ${policyType} in the ${resource.artifact === 'terraform' ? 'module' : 'template'} refers to it): nothing denies requests without TLS, so the bucket accepts plain HTTP. Add a bucket policy with ${FIX}.`,
  });
}

export default createRule({
  meta: {
    id: 'iam/bucket-policy-secure-transport',
    title: 'S3 buckets must have a bucket policy that denies requests that do not use TLS',
    severity: 'medium',
    otherSeverities: ['low'],
    seedPoints: ['NET-5'],
    artifacts: ['iam-policy', 'cloudformation', 'terraform'],
    description:
      'Reports an `AWS::S3::BucketPolicy`, a Terraform `aws_s3_bucket_policy` (its `policy` or the `aws_iam_policy_document` it uses), the legacy `policy` argument of `aws_s3_bucket`, or a standalone bucket policy file (a resource policy whose resources are all S3 ARNs) that has no Deny statement for every principal (`*`) covering the S3 object actions (`s3:*` or `*`) with `"Bool": {"aws:SecureTransport": "false"}` and no other condition (keys are ANDed: `aws:PrincipalAccount` or `s3:TlsVersion` next to it leaves HTTP open to the requests that do not match), unless every Allow statement itself requires `aws:SecureTransport` true. The Deny must cover the bucket ARN and `<bucket>/*` (or `*`): a Deny on a key prefix only (`<bucket>/logs/*`) or on the objects of another bucket (`arn:aws:s3:::food/*` in the policy of `foo`, both names literal; for a standalone file, the bucket its Allow statements name) is reported (medium), and one on the objects only, without the bucket ARN, is reported as low. When the Denies together leave out `s3:GetObject` or `s3:PutObject` (`s3:DeleteObject` only, a misspelt service), the actions left out are reported; Denies split by action (one for reads, one for writes) add up. An `AWS::S3::Bucket` / `aws_s3_bucket` of the scan that no bucket policy of its template (root module) refers to, through `Ref` / a Terraform reference or its literal name, is reported too (like cdk-nag AwsSolutions-S10), except website buckets.',
    rationale:
      'S3 accepts plain HTTP requests. Without the Deny, a client or SDK misconfigured for HTTP sends data and credentials-signed requests in clear text; the bucket policy is the one place that enforces TLS for every caller. A bucket without any bucket policy enforces nothing, and a Deny limited to one prefix leaves the rest of the bucket, and bucket-level calls (listing, ACL and policy changes), open to HTTP.',
    remediation:
      'Add `{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::<bucket>", "arn:aws:s3:::<bucket>/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}` to the bucket policy (CloudFormation: `!GetAtt Bucket.Arn` and `!Sub "${Bucket.Arn}/*"`; Terraform: `aws_s3_bucket.x.arn` and `"${aws_s3_bucket.x.arn}/*"`), creating an `AWS::S3::BucketPolicy` / `aws_s3_bucket_policy` when the bucket has none.',
    limitations:
      'Statements and resources built by unresolved intrinsics or expressions (`Fn::If`, `var.policy`) are unknown. A bucket is reported for lacking a policy only when no bucket policy of its template or root module could be its own: a policy in another stack or in an unscanned module is not seen, and a policy whose bucket cannot be identified silences the check for the buckets next to it. Website buckets (`WebsiteConfiguration`, `website`, `aws_s3_bucket_website_configuration`) are not reported for lacking a policy: their website endpoint only speaks HTTP; serve them through CloudFront instead.',
    references: {
      peers: [
        { tool: 'cdk-nag', id: 'AwsSolutions-S10' },
        { tool: 'prowler', id: 's3_bucket_secure_transport_policy' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'S3.5' }],
    },
  },
  appliesTo: (resource) =>
    resource.artifact === 'iam-policy' ||
    (resource.artifact === 'cloudformation' && (resource.type === CFN_POLICY || resource.type === 'AWS::S3::Bucket')) ||
    (resource.artifact === 'terraform' && (resource.type === TF_POLICY || resource.type === 'aws_s3_bucket' || resource.type === 'data.aws_iam_policy_document')),
  check({ resource, graph, report }) {
    if (resource.type === 'AWS::S3::Bucket' || resource.type === 'aws_s3_bucket') {
      checkBucket(resource, graph, report);
      return;
    }
    for (const policy of policiesOf(resource, graph)) {
      if (policy.problems.length > 0 && policy.statements.length === 0) continue;
      if (policy.service !== 's3-bucket' && !(resource.artifact === 'iam-policy' && isBucketPolicy(policy))) continue;
      checkPolicy(policy, report, { bucketName: resource.artifact === 'iam-policy' ? allowedBucket(policy) : policyBucketName(graph, resource) });
    }
  },
});

/** The literal name of a bucket resource (`BucketName` / `bucket`), when it has one. */
function literalBucketName(bucket: Resource): string | undefined {
  const props = bucket.artifact === 'cloudformation' ? bucket.body.Properties : bucket.body;
  const name = isObject(props) ? props[bucket.artifact === 'cloudformation' ? 'BucketName' : 'bucket'] : undefined;
  return typeof name === 'string' && !isUnknown(name) ? name : undefined;
}

/** The literal name of the bucket a bucket policy resource protects: its own `Bucket` / `bucket`, or its bucket's name. */
function policyBucketName(graph: ResourceGraph, policy: Resource): string | undefined {
  if (policy.type !== CFN_POLICY && policy.type !== TF_POLICY) return undefined;
  const cfn = policy.artifact === 'cloudformation';
  const props = cfn ? policy.body.Properties : policy.body;
  const value = isObject(props) ? props[cfn ? 'Bucket' : 'bucket'] : undefined;
  if (typeof value === 'string') return isUnknown(value) ? undefined : value;
  const bucket = bucketNamedBy(graph, policy, cfn ? ['Properties', 'Bucket'] : ['bucket'], value);
  return bucket ? literalBucketName(bucket) : undefined;
}
