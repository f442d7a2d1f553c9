import { carriesPolicies, narrowsCaller, policiesOf, statementLabel, unnarrowedConditions } from '../../graph/iam.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'iam/no-public-ecr-repository-policy',
    title: 'ECR repository policies must not allow any principal unless a condition narrows the caller',
    severity: 'critical',
    seedPoints: ['IMG-6'],
    artifacts: ['iam-policy', 'cloudformation', 'terraform'],
    description:
      'Reports each Allow statement of an `AWS::ECR::Repository` `RepositoryPolicyText`, a Terraform `aws_ecr_repository_policy` (its `policy` or the `aws_iam_policy_document` it uses), or a standalone resource policy file granting `ecr:` actions, whose principal is `*` or `{"AWS": "*"}` (alone or in a list) unless a condition narrows the caller: a matching operator (`StringEquals`, `StringLike`, `ArnEquals`, `ArnLike`, `ForAnyValue:` forms) on `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:userid`, `aws:SourceAccount`, `aws:SourceArn`, `aws:SourceVpc`, `aws:SourceVpce` (and similar), `IpAddress` on `aws:SourceIp`, or `aws:PrincipalIsAWSService` true. Conditions such as `aws:username` (any account can create a user of that name), `aws:PrincipalTag/*` (set by the caller\'s own account) or `aws:SecureTransport` do not narrow it, nor `ForAllValues:` and `...IfExists` operators, which a request without the key satisfies.',
    rationale:
      'A repository policy with principal `*` and no condition on who calls makes the repository public to every AWS account: anyone can pull the images (and their secrets and code), and with push actions, replace them with their own.',
    remediation:
      'Name the account roots or roles that pull and push (`arn:aws:iam::<account>:root`, the CI role), or keep `*` only with a condition such as `"StringEquals": {"aws:PrincipalOrgID": "o-xxxx"}`.',
    limitations: 'A condition whose key or values are unresolved (a parameter, a Terraform variable) may narrow the caller: such statements are not reported. Wildcards inside a narrowing value (`arn:aws:iam::*:role/ci`) are not judged.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0032' },
        { tool: 'checkov', id: 'CKV_AWS_32' },
        { tool: 'cdk-nag', id: 'AwsSolutions-ECR1' },
      ],
      frameworks: [],
    },
  },
  appliesTo: carriesPolicies,
  check({ resource, graph, report }) {
    for (const policy of policiesOf(resource, graph)) {
      const ecr =
        policy.service === 'ecr-repository' ||
        (policy.service === undefined && resource.artifact !== 'cloudformation' && policy.kind === 'resource' && policy.statements.some((s) => s.action?.values.some((a) => /^ecr:/i.test(a.value))));
      if (!ecr) continue;
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow' || !statement.principal || narrowsCaller(statement) !== false) continue;
        const any = statement.principal.entries.find((entry) => entry.value === '*' && (entry.type === '*' || entry.type === 'AWS'));
        if (!any) continue;
        const actions = statement.action?.values.map((a) => a.value).join(', ') ?? 'NotAction';
        report({
          path: any.path,
          message: `${statementLabel(policy, statement)} allows any principal ("*") to ${actions} ${unnarrowedConditions(statement)}: the repository is public.`,
        });
      }
    }
  },
});
