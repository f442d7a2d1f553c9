import { terraformReferences } from '../../graph/aws.js';
import { propsOf } from '../../graph/network.js';
import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import { asArray, asObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const DEFAULT_GROUP = 'aws_default_security_group';
const STANDALONE_RULES = new Set(['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule']);

/** A CloudFormation `!GetAtt <Vpc>.DefaultSecurityGroup`, in either form. */
function isDefaultGroupAttribute(value: JsonValue | undefined): boolean {
  const args = asObject(value)?.['Fn::GetAtt'];
  if (typeof args === 'string') return args.endsWith('.DefaultSecurityGroup');
  return Array.isArray(args) && args[1] === 'DefaultSecurityGroup';
}

/** Where a standalone rule names a VPC's default group: the group argument, or undefined. */
function defaultGroupTarget(resource: Resource): NodePath | undefined {
  const { props, path } = propsOf(resource);
  if (resource.artifact === 'cloudformation') return isDefaultGroupAttribute(props.GroupId) ? [...path, 'GroupId'] : undefined;
  const named = terraformReferences(resource).some(
    (reference) =>
      reference.path[0] === 'security_group_id' &&
      ((reference.address.startsWith('aws_vpc.') && reference.attribute === 'default_security_group_id') || reference.address.startsWith(`${DEFAULT_GROUP}.`)),
  );
  return named ? ['security_group_id'] : undefined;
}

export default createRule({
  meta: {
    id: 'net/default-security-group-closed',
    title: "A VPC's default security group must allow no traffic",
    severity: 'medium',
    seedPoints: ['NET-2'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      "Reports rules added to a VPC's default security group: `ingress` / `egress` blocks of a Terraform `aws_default_security_group`, and standalone rules (`aws_security_group_rule`, `aws_vpc_security_group_ingress_rule` / `egress_rule`, CloudFormation `AWS::EC2::SecurityGroupIngress` / `Egress`) attached to `aws_vpc.<name>.default_security_group_id`, an `aws_default_security_group`, or `!GetAtt <Vpc>.DefaultSecurityGroup`.",
    rationale:
      'Every network interface launched without a security group lands in the default group: a task, an instance or an endpoint created in a hurry. Rules on it open whatever is put there by mistake, and tie unrelated resources together through the group\'s self-reference; a group per service (NET-2) makes each opening deliberate.',
    remediation:
      "Terraform: declare `aws_default_security_group` for each VPC with no `ingress` or `egress` blocks (Terraform then removes the default rules) and give every resource its own group. CloudFormation: remove rules that target `DefaultSecurityGroup` and attach a dedicated group instead.",
    limitations:
      "The default rules of a default group that the templates never touch (inbound from the group itself, all outbound) cannot be removed by CloudFormation and are not reported; nor are Terraform VPCs without an `aws_default_security_group`. A group id given by a variable, a parameter, a module output (`module.vpc.default_security_group_id`) or a data source is unknown, and so is a dynamic block over an unresolved collection.",
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV2_AWS_12' },
        { tool: 'prowler', id: 'ec2_securitygroup_default_restrict_traffic' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'EC2.2' }],
      links: ['https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => (resource.artifact === 'terraform' && resource.type === DEFAULT_GROUP) || STANDALONE_RULES.has(resource.type),
  check({ resource, report }) {
    if (resource.type === DEFAULT_GROUP) {
      for (const direction of ['ingress', 'egress'] as const) {
        asArray(resource.body[direction]).forEach((entry, index) => {
          // A dynamic block over an unresolved collection may produce no rule.
          if (isUnknown(entry)) return;
          report({ path: [direction, index], key: `${direction}:${index}`, message: `The VPC's default security group allows ${direction === 'ingress' ? 'inbound' : 'outbound'} traffic (${direction} rule): everything launched without a group of its own gets it.` });
        });
      }
      return;
    }
    const target = defaultGroupTarget(resource);
    if (!target) return;
    const egress = resource.type.endsWith('Egress') || resource.type.endsWith('egress_rule') || propsOf(resource).props.type === 'egress';
    report({ path: target, message: `This rule opens the VPC's default security group to ${egress ? 'outbound' : 'inbound'} traffic: everything launched without a group of its own gets it.` });
  },
});
