import { propsOf } from '../../graph/aws.js';
import type { JsonValue, NodePath } from '../../model/types.js';
import { asArray } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const FIX =
  'Grant permissions to IAM groups (people) or roles (workloads, CI through OIDC, people through IAM Identity Center), and add users to groups: permissions are then reviewed and revoked in one place. Workloads should not be IAM users at all.';

/** Where a resource attaches policies to users: the field and how to say it. */
const USER_FIELDS: Readonly<Record<string, { field: string; what: string }>> = {
  'AWS::IAM::User': { field: 'Policies', what: 'has inline policies' },
  'AWS::IAM::Policy': { field: 'Users', what: 'is attached to IAM users' },
  'AWS::IAM::ManagedPolicy': { field: 'Users', what: 'is attached to IAM users' },
  aws_iam_policy_attachment: { field: 'users', what: 'attaches a policy to IAM users' },
};

/** Resources that exist only to give one user a policy. */
const USER_POLICY_TYPES = new Set(['AWS::IAM::UserPolicy', 'aws_iam_user_policy', 'aws_iam_user_policy_attachment']);

/** A list given and not empty: unresolved values count (they name users, or the field would not be written). */
function nonEmpty(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (isUnknown(value)) return true;
  // The AWS provider drops empty names (`users = [""]`): they attach to no one.
  return asArray(value).some((item) => item !== '' && item !== null);
}

export default createRule({
  meta: {
    id: 'iam/no-user-attached-policies',
    title: 'IAM policies must be granted through groups or roles, not attached to users',
    severity: 'low',
    seedPoints: ['IAM-3'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports permissions given directly to IAM users: CloudFormation `AWS::IAM::User` with `Policies` or `ManagedPolicyArns`, `AWS::IAM::Policy` / `AWS::IAM::ManagedPolicy` with `Users`, `AWS::IAM::UserPolicy`; Terraform `aws_iam_user_policy`, `aws_iam_user_policy_attachment`, and `aws_iam_policy_attachment` with `users`.',
    rationale:
      'Permissions attached user by user are hard to review and easy to forget when someone leaves or a workload is retired; a user with its own policies is also the usual sign of a workload or pipeline running with an IAM user\'s long-lived keys instead of a role. Groups for people and roles for everything else keep grants in a few reviewed places (CIS AWS Foundations 1.15).',
    remediation: FIX,
    limitations: 'Policies attached outside the scanned files (console, another stack) are not seen. Whether a user is a person or a workload cannot be told from the files: both are reported.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_AWS_40' },
        { tool: 'trivy', id: 'AVD-AWS-0143' },
        { tool: 'prowler', id: 'iam_policy_attached_only_to_group_or_roles' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'IAM.2' },
        { framework: 'CIS AWS Foundations Benchmark 3.0', id: '1.15' },
      ],
      links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => (resource.artifact === 'cloudformation' || resource.artifact === 'terraform') && (resource.type in USER_FIELDS || USER_POLICY_TYPES.has(resource.type)),
  check({ resource, report }) {
    const { props, path } = propsOf(resource);
    // A Terraform address names its type already.
    const subject = resource.artifact === 'terraform' ? resource.name : `${resource.type} "${resource.name}"`;
    if (USER_POLICY_TYPES.has(resource.type)) {
      const userField = resource.artifact === 'cloudformation' ? 'UserName' : 'user';
      const at: NodePath = props[userField] !== undefined ? [...path, userField] : path;
      report({ path: at, message: `${subject} gives a policy to one IAM user directly.`, fix: FIX });
      return;
    }
    const spec = USER_FIELDS[resource.type];
    if (!spec) return;
    const fields = resource.type === 'AWS::IAM::User' ? [spec.field, 'ManagedPolicyArns'] : [spec.field];
    const given = fields.filter((field) => nonEmpty(props[field]));
    const first = given[0];
    if (first === undefined) return;
    const message =
      resource.type === 'AWS::IAM::User'
        ? `IAM user "${resource.name}" has ${given.map((field) => (field === 'Policies' ? 'inline policies' : 'managed policies attached')).join(' and ')}.`
        : `${subject} ${spec.what}.`;
    report({ path: [...path, first], message, fix: FIX });
  },
});
