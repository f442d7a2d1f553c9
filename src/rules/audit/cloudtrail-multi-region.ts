import { isTrail, keyFor, setting } from '../../graph/aws.js';
import { createRule } from '../rule.js';
import { asBoolean } from '../../util/json.js';

export default createRule({
  meta: {
    id: 'audit/cloudtrail-multi-region',
    title: 'CloudTrail trails must record events in all regions',
    severity: 'medium',
    seedPoints: ['OBS-5'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports a CloudTrail trail that is not multi-region: CloudFormation `IsMultiRegionTrail` or Terraform `is_multi_region_trail` missing (the default is false) or false.',
    rationale:
      'A single-region trail misses API activity in every other region, which is exactly where an attacker with stolen credentials starts resources (crypto-mining, exfiltration) to stay unnoticed. Global-service events (IAM, STS) are also only guaranteed with a multi-region trail.',
    remediation: 'CloudFormation: `IsMultiRegionTrail: true`. Terraform: `is_multi_region_trail = true`.',
    limitations: 'A value given by a parameter or another unresolved expression is unknown and not reported. An organization trail defined in another account is not seen.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0014' },
        { tool: 'checkov', id: 'CKV_AWS_67' },
        { tool: 'prowler', id: 'cloudtrail_multi_region_enabled' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'CloudTrail.1' },
        { framework: 'CIS AWS Foundations Benchmark 3.0', id: '3.1' },
      ],
      links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html'],
    },
  },
  scope: 'resource',
  appliesTo: isTrail,
  check({ resource, report }) {
    const key = keyFor(resource, 'IsMultiRegionTrail', 'is_multi_region_trail');
    const found = setting(resource, [key]);
    if (found.unknown) return;
    const enabled = asBoolean(found.value);
    if (enabled === true) return;
    if (found.exists && enabled === undefined) return;
    report({
      path: found.path,
      message: found.exists ? `The trail records only its own region (${key} is false).` : `The trail records only its own region: ${key} is not set (default false).`,
      fix: `Set ${key} to true.`,
    });
  },
});
