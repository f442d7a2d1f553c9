import { keyFor, setting } from '../../graph/aws.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { Resource } from '../../model/types.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';
import { asBoolean } from '../../util/json.js';

const HUB = { cloudformation: 'AWS::SecurityHub::Hub', terraform: 'aws_securityhub_account' };
const FSBP = /standards\/aws-foundational-security-best-practices\//;

export default createRule({
  meta: {
    id: 'audit/securityhub-enabled',
    title: 'Security Hub must run the AWS Foundational Security Best Practices standard',
    severity: 'low',
    seedPoints: ['OBS-9'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'For a Security Hub hub defined in the scanned templates (`AWS::SecurityHub::Hub`, `aws_securityhub_account`) that turns the default standards off (`EnableDefaultStandards: false` / `enable_default_standards = false`), reports it when the scan subscribes to no AWS Foundational Security Best Practices standard (`AWS::SecurityHub::Standard` / `aws_securityhub_standards_subscription` whose ARN names `aws-foundational-security-best-practices`). A hub with the defaults on already runs FSBP.',
    rationale:
      'Security Hub without a standard only aggregates other services\' findings: the FSBP controls (public buckets, open security groups, unencrypted resources, EKS and ECS hardening) are what continuously checks the deployed account against the same practices this tool checks in files.',
    remediation:
      'Keep `EnableDefaultStandards: true` / `enable_default_standards = true`, or add `AWS::SecurityHub::Standard` with `StandardsArn: !Sub arn:${AWS::Partition}:securityhub:${AWS::Region}::standards/aws-foundational-security-best-practices/v/1.0.0` (Terraform: `aws_securityhub_standards_subscription`).',
    limitations:
      'Only hubs defined in the scanned files are checked; standards enabled by central configuration (`aws_securityhub_configuration_policy`) or in another stack are not seen, and a standard ARN built from unresolved values counts as FSBP.',
    references: {
      peers: [{ tool: 'prowler', id: 'securityhub_enabled' }],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html'],
    },
  },
  appliesTo: (resource) => resource.type === HUB[resource.artifact as keyof typeof HUB],
  check({ resource, graph, report }) {
    const key = keyFor(resource, 'EnableDefaultStandards', 'enable_default_standards');
    const defaults = setting(resource, [key]);
    if (defaults.unknown || asBoolean(defaults.value) !== false) return;
    if (subscribesFsbp(graph, resource)) return;
    report({
      path: defaults.path,
      message: `Security Hub is enabled without the AWS Foundational Security Best Practices standard (${key} is false and no FSBP subscription is defined).`,
      fix: `Set ${key} to true or subscribe to the FSBP standard.`,
    });
  },
});

function subscribesFsbp(graph: ResourceGraph, hub: Resource): boolean {
  const subscriptions = hub.artifact === 'cloudformation' ? graph.ofType('cloudformation', 'AWS::SecurityHub::Standard') : graph.ofType('terraform', 'aws_securityhub_standards_subscription');
  return subscriptions.some((subscription) => {
    const arn = setting(subscription, [keyFor(subscription, 'StandardsArn', 'standards_arn')]);
    if (!arn.exists) return false;
    if (typeof arn.value === 'string') return FSBP.test(arn.value);
    const sub = arn.value !== null && typeof arn.value === 'object' && !Array.isArray(arn.value) ? arn.value['Fn::Sub'] : undefined;
    if (typeof sub === 'string') return FSBP.test(sub);
    return isUnknown(arn.value);
  });
}
