import { bucketReferrers, isBucket, setting, trailNames, trailsByBucket } from '../../graph/aws.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'audit/cloudtrail-bucket-access-logging',
    title: 'The S3 bucket that receives CloudTrail logs must have server access logging',
    severity: 'low',
    seedPoints: ['OBS-6'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'For each S3 bucket that a scanned trail delivers to (followed like audit/cloudtrail-bucket-protected), reports missing server access logging: no CloudFormation `LoggingConfiguration`, no Terraform `logging` block on the bucket and no `aws_s3_bucket_logging` resource for it.',
    rationale:
      'Access logs of the log bucket record who read, changed or deleted the audit trail itself, which CloudTrail management events do not show: they are how tampering with the trail is investigated.',
    remediation:
      'CloudFormation: `LoggingConfiguration: { DestinationBucketName: !Ref AccessLogBucket, LogFilePrefix: cloudtrail/ }`. Terraform: an `aws_s3_bucket_logging` resource with `bucket = aws_s3_bucket.trail.id` and a separate `target_bucket`.',
    limitations: 'Trails and buckets in different, unlinked templates are not seen. CloudTrail S3 data events on the bucket are an alternative that this rule does not look for.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0163' },
        { tool: 'prowler', id: 'cloudtrail_logs_s3_bucket_access_logging_enabled' },
      ],
      frameworks: [{ framework: 'CIS AWS Foundations Benchmark 1.4', id: '3.6' }],
      links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html'],
    },
  },
  appliesTo: isBucket,
  check({ resource, graph, report }) {
    const trails = trailsByBucket(graph).get(resource);
    if (!trails || trails.length === 0) return;
    const cfn = resource.artifact === 'cloudformation';
    const logging = setting(resource, [cfn ? 'LoggingConfiguration' : 'logging']);
    if (logging.exists) return;
    if (!cfn && bucketReferrers(graph, resource, '', 'aws_s3_bucket_logging').length > 0) return;
    report({
      path: logging.path,
      message: `The CloudTrail log bucket (trail ${trailNames(trails)}) has no server access logging.`,
      fix: cfn ? 'Add LoggingConfiguration with a separate DestinationBucketName.' : 'Add an aws_s3_bucket_logging resource for this bucket (or a logging block).',
    });
  },
});
