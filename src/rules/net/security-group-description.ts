import { propsOf } from '../../graph/network.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const TERRAFORM_DEFAULT = 'Managed by Terraform';

export default createRule({
  meta: {
    id: 'net/security-group-description',
    title: 'Security groups must say what they are for',
    severity: 'low',
    seedPoints: [],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an `AWS::EC2::SecurityGroup` without a `GroupDescription` (or with an empty one) and an `aws_security_group` whose `description` is empty, missing (Terraform then writes "Managed by Terraform") or that default written out.',
    rationale:
      'A description tells reviewers and responders which workload a group protects and why it exists; groups without one are hard to audit and tend to be reused for unrelated services, which widens access.',
    remediation: 'Set `GroupDescription` / `description` to the workload and purpose, e.g. "orders-api tasks: 8080 from the ALB".',
    limitations: 'The description is set at creation: changing it replaces the group (plan the change).',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0099' },
      ],
      frameworks: [{ framework: 'Amazon VPC User Guide', id: 'Security groups: name and description' }],
      links: ['https://docs.aws.amazon.com/vpc/latest/userguide/creating-security-groups.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) =>
    (resource.artifact === 'cloudformation' && resource.type === 'AWS::EC2::SecurityGroup') || (resource.artifact === 'terraform' && resource.type === 'aws_security_group'),
  check({ resource, report }) {
    const { props, path } = propsOf(resource);
    const key = resource.artifact === 'terraform' ? 'description' : 'GroupDescription';
    const value = props[key];
    if (value !== undefined && isUnknown(value)) return;
    if (value !== undefined && typeof value !== 'string') return;
    // The provider's default, written out: the group says no more than one without a description.
    const placeholder = typeof value === 'string' && value.trim().toLowerCase() === TERRAFORM_DEFAULT.toLowerCase();
    if (typeof value === 'string' && value.trim() !== '' && !placeholder) return;
    report({
      path: value === undefined ? path : [...path, key],
      message:
        value === undefined
          ? `The security group has no ${key}${resource.artifact === 'terraform' ? ` (Terraform writes "${TERRAFORM_DEFAULT}")` : ''}: say which workload it protects.`
          : placeholder
            ? `The security group's ${key} is Terraform's default "${TERRAFORM_DEFAULT}": say which workload it protects.`
            : `The security group's ${key} is empty: say which workload it protects.`,
    });
  },
});
