import { bucketReferrers, isBucket, setting, trailNames, trailsByBucket } from '../../graph/aws.js';
import type { NodePath, Resource } from '../../model/types.js';
import { asBoolean, asObject, asString, isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const BLOCKS: readonly (readonly [string, string])[] = [
  ['BlockPublicAcls', 'block_public_acls'],
  ['BlockPublicPolicy', 'block_public_policy'],
  ['IgnorePublicAcls', 'ignore_public_acls'],
  ['RestrictPublicBuckets', 'restrict_public_buckets'],
];

export default createRule({
  meta: {
    id: 'audit/cloudtrail-bucket-hardening',
    title: 'The S3 bucket that receives CloudTrail logs must keep object versions and block public access',
    severity: 'medium',
    seedPoints: ['OBS-6'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'For each S3 bucket that a scanned trail delivers to (followed like audit/cloudtrail-bucket-protected): reports versioning not enabled (CloudFormation `VersioningConfiguration.Status`, Terraform `versioning { enabled }` or an `aws_s3_bucket_versioning` resource) and a public access block setting turned off (`PublicAccessBlockConfiguration` / `aws_s3_bucket_public_access_block`: `BlockPublicAcls`, `BlockPublicPolicy`, `IgnorePublicAcls`, `RestrictPublicBuckets`), explicitly or by leaving it out of a written block (its default is false there). A missing public access block is not reported: new buckets have all four settings on by default since April 2023.',
    rationale:
      'Versioning keeps overwritten or deleted log files recoverable, so an intruder cannot erase the trail by deleting objects (with MFA delete or Object Lock, not even with the bucket owner\'s keys). Turning a public access block setting off removes the guard that keeps a mistaken ACL or policy from exposing the logs.',
    remediation:
      'CloudFormation: `VersioningConfiguration: { Status: Enabled }` and all four `PublicAccessBlockConfiguration` settings true. Terraform: `aws_s3_bucket_versioning` with `versioning_configuration { status = "Enabled" }` and an `aws_s3_bucket_public_access_block` with all four arguments true. Consider Object Lock and MFA delete on the log bucket.',
    limitations:
      'MFA delete cannot be set from templates and is not checked; account-level public access blocks are not seen. Trails and buckets in different, unlinked templates are not followed. Unresolved values are unknown and not reported.',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html'],
    },
  },
  appliesTo: isBucket,
  check({ resource, graph, report }) {
    const trails = trailsByBucket(graph).get(resource);
    if (!trails || trails.length === 0) return;
    const names = trailNames(trails);
    const cfn = resource.artifact === 'cloudformation';
    const unversioned = versioningGap(graph, resource);
    if (unversioned) {
      const whose = unversioned.resource ? `The CloudTrail log bucket ${resource.name}` : 'The CloudTrail log bucket';
      report({ ...unversioned, message: `${whose} (trail ${names}) does not keep object versions: deleted or overwritten log files are lost.`, key: 'versioning' });
    }
    // Without a public access block all four settings are on (S3's default since April 2023); a block that is
    // written replaces that default, and a setting it leaves out is off.
    const cfnBlock = cfn ? setting(resource, ['PublicAccessBlockConfiguration']) : undefined;
    const blocks: { owner: Resource; prefix: readonly string[] }[] = cfnBlock
      ? cfnBlock.exists && !cfnBlock.unknown && isObject(cfnBlock.value)
        ? [{ owner: resource, prefix: ['PublicAccessBlockConfiguration'] }]
        : []
      : bucketReferrers(graph, resource, '', 'aws_s3_bucket_public_access_block').map((owner) => ({ owner, prefix: [] }));
    for (const { owner, prefix } of blocks) {
      for (const [cfnKey, tfKey] of BLOCKS) {
        const key = cfn ? cfnKey : tfKey;
        const found = setting(owner, [...prefix, key]);
        if (found.unknown || (found.exists && asBoolean(found.value) !== false)) continue;
        const whose = `The public access block of the CloudTrail log bucket ${owner === resource ? '' : `${resource.name} `}(trail ${names})`;
        const message = found.exists ? `${whose} turns ${key} off.` : `${whose} leaves ${key} out, which turns it off (a written block replaces the all-on default).`;
        report(owner === resource ? { path: found.path, message, key: cfnKey } : { resource: owner, path: found.path, message, key: cfnKey });
      }
    }
  },
});

/**
 * Where the bucket is known not to keep versions: the setting that says so (an `aws_s3_bucket_versioning` whose status
 * is `Suspended` or `Disabled`), or the bucket when nothing enables it; undefined when versioning is on or unknown.
 */
function versioningGap(graph: Parameters<typeof bucketReferrers>[0], bucket: Resource): { resource?: Resource; path: NodePath } | undefined {
  if (bucket.artifact === 'cloudformation') {
    const status = setting(bucket, ['VersioningConfiguration', 'Status']);
    return status.unknown || asString(status.value) === 'Enabled' ? undefined : { path: status.path };
  }
  const inline = setting(bucket, ['versioning', 'enabled']);
  if (inline.unknown || asBoolean(inline.value) === true) return undefined;
  let gap: { resource?: Resource; path: NodePath } = { path: inline.path };
  for (const resource of bucketReferrers(graph, bucket, '', 'aws_s3_bucket_versioning')) {
    const configuration = resource.body.versioning_configuration;
    const block = Array.isArray(configuration) ? configuration[0] : configuration;
    if (isUnknown(configuration) || isUnknown(block)) return undefined;
    const status = asObject(block)?.status;
    if (isUnknown(status) || asString(status) === 'Enabled') return undefined;
    const blockPath: NodePath = Array.isArray(configuration) ? ['versioning_configuration', 0] : ['versioning_configuration'];
    gap = { resource, path: status === undefined ? blockPath : [...blockPath, 'status'] };
  }
  return gap;
}
