import { matchesServiceWide, resourceEntries } from '../../graph/iam-arn.js';
import { appliesToAllResources, carriesPolicies, overridingDeny, policiesOf, serviceOf, statementLabel } from '../../graph/iam.js';
import { createRule } from '../rule.js';

const SERVICES = new Set(['ecs', 'eks', 'ecr']);

export default createRule({
  meta: {
    id: 'iam/no-ecs-eks-ecr-admin',
    title: 'Policies must not allow every ECS, EKS or ECR action on every resource',
    severity: 'high',
    seedPoints: ['IAM-5'],
    artifacts: ['iam-policy', 'cloudformation', 'terraform', 'eksctl'],
    description:
      'Reports each Allow statement of an identity policy whose `Action` includes `ecs:*`, `eks:*` or `ecr:*` (or `ecs:**`-like variants) on every resource (`Resource: "*"`, `arn:aws:ecs:*:*:*`-style patterns, or `NotResource`) or on every resource of that service in an account (`arn:aws:ecs:us-east-1:123456789012:*`, `arn:aws:ecr:*:123456789012:repository/*`, also with the account unresolved as in `!Sub ...:${AWS::AccountId}:repository/*`), which is as broad as `*` for that account.',
    rationale:
      'Whoever holds `ecs:*` or `eks:*` on `*` can change any cluster, service and task definition (and so run any image with any task role); `ecr:*` on `*` can overwrite or delete every image of the account. People and CI pipelines need these services scoped to the clusters, services and repositories they manage.',
    remediation:
      'Grant the deploy actions the pipeline uses (`ecs:UpdateService`, `ecs:RegisterTaskDefinition`, `ecr:PutImage`, ...) on the ARNs of its cluster, service and repository; keep `ecr:GetAuthorizationToken` on `*` (it has no resource-level permissions).',
    references: {
      peers: [{ tool: 'cdk-nag', id: 'AwsSolutions-IAM5' }],
      frameworks: [{ framework: 'AWS FSBP', id: 'IAM.21' }],
    },
  },
  appliesTo: carriesPolicies,
  check({ resource, graph, report }) {
    for (const policy of policiesOf(resource, graph)) {
      if (policy.kind !== 'identity') continue;
      for (const statement of policy.statements) {
        if (statement.effect !== 'Allow' || !statement.action || overridingDeny(policy, statement)) continue;
        const everything = appliesToAllResources(statement) === true;
        const entries = everything ? [] : resourceEntries(statement);
        for (const action of statement.action.values) {
          const match = /^([a-z0-9-]+):\*+$/i.exec(action.value);
          const service = serviceOf(action.value);
          if (!match || !SERVICES.has(service)) continue;
          // Every resource of the service in an account (`arn:aws:ecs:us-east-1:123456789012:*`,
          // `arn:aws:ecr:*:123456789012:repository/*`, the account unresolved) is as broad as `*` for that account.
          const wide = everything ? undefined : entries.find((entry) => matchesServiceWide(entry.value, service));
          if (!everything && !wide) continue;
          const scope = wide ? `every ${service.toUpperCase()} resource of the account ("${wide.value}")` : 'every resource';
          report({
            path: action.path,
            key: action.value,
            message: `${statementLabel(policy, statement)} allows every ${service.toUpperCase()} action ("${action.value}") on ${scope}.`,
          });
        }
      }
    }
  },
});
