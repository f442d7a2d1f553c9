import { isBucket, referrersOf, setting, trailNames, trailsByBucket } from '../../graph/aws.js';
import type { JsonValue, NodePath } from '../../model/types.js';
import { asArray, isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

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
    title: 'The S3 bucket that receives CloudTrail logs must not be public',
    severity: 'high',
    seedPoints: ['OBS-6'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'For each S3 bucket that a scanned trail delivers to (`S3BucketName` / `s3_bucket_name`, followed through `Ref`, imports, Terraform references, or a literal name matching one scanned bucket), reports a canned ACL that grants access to everyone or to any AWS account (CloudFormation `AccessControl: PublicRead | PublicReadWrite | AuthenticatedRead`; Terraform `acl` on the bucket or an `aws_s3_bucket_acl`), and a bucket policy statement that allows `Principal: "*"` without any `Condition`.',
    rationale:
      'CloudTrail logs map the whole account: resource names, principals, IP addresses, errors. A public log bucket hands an attacker that map, and a writable one lets them forge or delete the audit trail.',
    remediation:
      'Remove the public ACL (`AccessControl: Private`, or better `OwnershipControls: BucketOwnerEnforced`), restrict the bucket policy to `cloudtrail.amazonaws.com` with an `aws:SourceArn` condition, and add a public access block with all four settings on.',
    limitations:
      'Trails and buckets in different, unlinked templates, and account-level public access blocks, are not seen. Policies allowing `*` with a condition are not judged (the condition may or may not restrict). Unresolved values are unknown and not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0161' },
        { tool: 'prowler', id: 'cloudtrail_logs_s3_bucket_is_not_publicly_accessible' },
      ],
      frameworks: [{ framework: 'CIS AWS Foundations Benchmark 1.4', id: '3.3' }],
      links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html'],
    },
  },
  appliesTo: isBucket,
  check({ resource, graph, report }) {
    const trails = trailsByBucket(graph).get(resource);
    if (!trails || trails.length === 0) return;
    const names = trailNames(trails);
    const cfn = resource.artifact === 'cloudformation';
    const acl = setting(resource, [cfn ? 'AccessControl' : 'acl']);
    const canned = acl.unknown ? undefined : publicAcl(acl.value);
    if (canned) report({ path: acl.path, message: `The CloudTrail log bucket (trail ${names}) has the public canned ACL ${String(acl.value)}.` });
    if (!cfn) {
      for (const aclResource of referrersOf(graph, resource, '', 'aws_s3_bucket_acl')) {
        const value = aclResource.body.acl;
        const grant = publicAcl(value);
        if (grant) report({ resource: aclResource, path: ['acl'], message: `The CloudTrail log bucket ${resource.name} (trail ${names}) has the public canned ACL ${String(value)}.` });
      }
    }
    for (const policy of referrersOf(graph, resource, 'AWS::S3::BucketPolicy', 'aws_s3_bucket_policy')) {
      const base: NodePath = cfn ? ['Properties', 'PolicyDocument'] : ['policy'];
      let document: JsonValue | undefined = cfn ? (isObject(policy.body.Properties) ? policy.body.Properties.PolicyDocument : undefined) : policy.body.policy;
      if (typeof document === 'string') {
        try {
          document = JSON.parse(document) as JsonValue;
        } catch {
          continue;
        }
      }
      if (!isObject(document) || isUnknown(document)) continue;
      const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
      statements.forEach((statement, position) => {
        if (!isObject(statement) || statement.Effect !== 'Allow' || statement.Condition !== undefined) return;
        if (!isEveryone(statement.Principal)) return;
        const path = Array.isArray(document.Statement) ? [...base, 'Statement', position] : [...base, 'Statement'];
        report({ resource: policy, path, message: `The bucket policy of the CloudTrail log bucket ${resource.name} (trail ${names}) allows everyone (Principal "*") without a condition.` });
      });
    }
  },
});

function isEveryone(principal: JsonValue | undefined): boolean {
  if (principal === '*') return true;
  if (!isObject(principal)) return false;
  return asArray(Array.isArray(principal.AWS) ? principal.AWS : [principal.AWS ?? null]).some((item) => item === '*');
}
