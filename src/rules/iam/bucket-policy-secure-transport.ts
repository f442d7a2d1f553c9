import { conditionsOn, policiesOf, statementCoversAction, type PolicyDocument } from '../../graph/iam.js';
import { createRule } from '../rule.js';

/** A Deny of (at least) every S3 action to everyone when `aws:SecureTransport` is false. */
function deniesInsecureTransport(policy: PolicyDocument): boolean | undefined {
  let unknown = false;
  for (const statement of policy.statements) {
    if (statement.effect !== 'Deny') continue;
    if (statement.conditionUnknown) unknown = true;
    const insecure = conditionsOn(statement, 'aws:SecureTransport').some(
      (entry) => /^Bool(IfExists)?$/i.test(entry.operator) && entry.values.some((value) => value.toLowerCase() === 'false'),
    );
    if (!insecure) continue;
    const everyone = statement.principal?.entries.some((entry) => entry.value === '*') ?? false;
    if (!everyone && !statement.principal?.unknown) continue;
    const covers = ['s3:GetObject', 's3:PutObject'].map((action) => statementCoversAction(statement, action));
    if (covers.every((c) => c === true) && everyone) return true;
    unknown = true;
  }
  if (policy.unknownStatements > 0) unknown = true;
  return unknown ? undefined : false;
}

/** A standalone resource policy whose statements all name S3 resources. */
function isBucketPolicy(policy: PolicyDocument): boolean {
  if (policy.kind !== 'resource' || policy.statements.length === 0) return false;
  return policy.statements.every((s) => (s.resource?.values.length ?? 0) > 0 && (s.resource?.values ?? []).every((r) => /^arn:[^:]+:s3:::/.test(r.value)));
}

/** Every Allow statement requires `aws:SecureTransport` true: HTTP requests get no access either. */
function allowsOnlySecureTransport(policy: PolicyDocument): boolean {
  const allows = policy.statements.filter((s) => s.effect === 'Allow');
  return (
    allows.length > 0 &&
    allows.every((s) => conditionsOn(s, 'aws:SecureTransport').some((entry) => /^Bool$/i.test(entry.operator) && entry.values.length > 0 && entry.values.every((v) => v.toLowerCase() === 'true')))
  );
}

export default createRule({
  meta: {
    id: 'iam/bucket-policy-secure-transport',
    title: 'S3 bucket policies must deny requests that do not use TLS',
    severity: 'medium',
    seedPoints: ['NET-5'],
    artifacts: ['iam-policy', 'cloudformation', 'terraform'],
    description:
      'Reports an `AWS::S3::BucketPolicy`, a Terraform `aws_s3_bucket_policy` (its `policy` or the `aws_iam_policy_document` it uses), or a standalone bucket policy file: a resource policy whose resources are all S3 ARNs) whose `PolicyDocument` has no Deny statement for every principal (`*`) covering the S3 object actions (`s3:*` or `*`) with `"Bool": {"aws:SecureTransport": "false"}`, unless every Allow statement itself requires `aws:SecureTransport` true.',
    rationale:
      'S3 accepts plain HTTP requests. Without the Deny, a client or SDK misconfigured for HTTP sends data and credentials-signed requests in clear text; the bucket policy is the one place that enforces TLS for every caller.',
    remediation:
      'Add `{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::<bucket>", "arn:aws:s3:::<bucket>/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}` to the bucket policy.',
    limitations: 'Buckets without any bucket policy are not reported here. Statements built by unresolved intrinsics are unknown.',
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
    (resource.artifact === 'cloudformation' && resource.type === 'AWS::S3::BucketPolicy') ||
    (resource.artifact === 'terraform' && (resource.type === 'aws_s3_bucket_policy' || resource.type === 'data.aws_iam_policy_document')),
  check({ resource, graph, report }) {
    for (const policy of policiesOf(resource, graph)) {
      if (policy.problems.length > 0 && policy.statements.length === 0) continue;
      if (policy.service !== 's3-bucket' && !(resource.artifact === 'iam-policy' && isBucketPolicy(policy))) continue;
      const denies = deniesInsecureTransport(policy);
      if (denies !== false || allowsOnlySecureTransport(policy)) continue;
      report({
        path: policy.path,
        message: `The bucket policy has no Deny for requests with aws:SecureTransport false: the bucket accepts plain HTTP.`,
      });
    }
  },
});
