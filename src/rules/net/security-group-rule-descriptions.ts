import { inlineRuleEntries, propsOf } from '../../graph/network.js';
import type { JsonObject, NodePath, Resource } from '../../model/types.js';
import { isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleReport } from '../rule.js';

const TYPES: ReadonlySet<string> = new Set([
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
]);

function rulesOf(resource: Resource): { rule: JsonObject; path: NodePath; direction: string }[] {
  const { props, path } = propsOf(resource);
  const out: { rule: JsonObject; path: NodePath; direction: string }[] = [];
  const lists: [string, string][] =
    resource.type === 'AWS::EC2::SecurityGroup'
      ? [['SecurityGroupIngress', 'ingress'], ['SecurityGroupEgress', 'egress']]
      : resource.type === 'aws_security_group'
        ? [['ingress', 'ingress'], ['egress', 'egress']]
        : [];
  if (lists.length === 0) {
    const direction = /egress/i.test(resource.type) ? 'egress' : /ingress/i.test(resource.type) ? 'ingress' : typeof props.type === 'string' ? props.type : 'rule';
    return [{ rule: props, path, direction }];
  }
  for (const [key, direction] of lists) {
    if (resource.type === 'AWS::EC2::SecurityGroup') {
      for (const { entry, path: at } of inlineRuleEntries(props, path, key)) out.push({ rule: entry, path: at, direction });
      continue;
    }
    const list = props[key];
    if (!Array.isArray(list)) continue;
    list.forEach((rule, index) => {
      if (isObject(rule) && !isUnknown(rule)) out.push({ rule, path: [...path, key, index], direction });
    });
  }
  return out;
}

export default createRule({
  meta: {
    id: 'net/security-group-rule-descriptions',
    title: 'Security group rules must say why they exist',
    severity: 'low',
    seedPoints: [],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports ingress and egress rules without a description (or with an empty one): entries of `SecurityGroupIngress` / `SecurityGroupEgress`, standalone `AWS::EC2::SecurityGroupIngress` / `Egress`, Terraform `ingress` / `egress` blocks of `aws_security_group`, `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule` and `aws_vpc_security_group_egress_rule`.',
    rationale:
      'A rule\'s description records who needs the opening and why; without it, reviews cannot tell a needed rule from a forgotten one, and stale openings stay forever.',
    remediation: 'Set `Description` / `description` on every rule, e.g. "8080 from the orders ALB".',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0124' },
        { tool: 'checkov', id: 'CKV_AWS_23' },
      ],
      frameworks: [{ framework: 'Amazon VPC User Guide', id: 'Security group rules: description' }],
      links: ['https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => (resource.artifact === 'cloudformation' || resource.artifact === 'terraform') && TYPES.has(resource.type),
  check({ resource, report }) {
    const key = resource.artifact === 'terraform' ? 'description' : 'Description';
    const out: RuleReport[] = [];
    for (const { rule, path, direction } of rulesOf(resource)) {
      const value = rule[key];
      if (value !== undefined && (isUnknown(value) || typeof value !== 'string' || value.trim() !== '')) continue;
      out.push({
        path: value === undefined ? path : [...path, key],
        message: `The ${direction} rule has ${value === undefined ? 'no' : 'an empty'} ${key}: say who needs this opening and why.`,
      });
    }
    for (const entry of out) report(entry);
  },
});
