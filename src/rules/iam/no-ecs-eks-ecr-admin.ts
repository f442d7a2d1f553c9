import { appliesToAllResources, carriesPolicies, policiesOf, serviceOf } from '../../graph/iam.js';
import { createRule } from '../rule.js';

const SERVICES = new Set(['ecs', 'eks', 'ecr']);

export default createRule({
  meta: {
    id: 'iam/no-ecs-eks-ecr-admin',
    title: 'Policies must not allow every ECS, EKS or ECR action on every resource',
    severity: 'high',
    seedPoints: ['IAM-5'],
    artifacts: ['iam-policy', 'cloudformation', 'terraform'],
    description:
      'Reports each Allow statement of an identity policy whose `Action` includes `ecs:*`, `eks:*` or `ecr:*` (or `ecs:**`-like variants) on every resource (`Resource: "*"`, `arn:aws:ecs:*:*:*`-style patterns, or `NotResource`).',
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
        if (statement.effect !== 'Allow' || !statement.action) continue;
        if (appliesToAllResources(statement) !== true) continue;
        for (const action of statement.action.values) {
          const match = /^([a-z0-9-]+):\*+$/i.exec(action.value);
          if (!match || !SERVICES.has(serviceOf(action.value))) continue;
          report({
            path: action.path,
            key: action.value,
            message: `${policy.label}${statement.sid ? ` statement "${statement.sid}"` : ''} allows every ${serviceOf(action.value).toUpperCase()} action ("${action.value}") on every resource.`,
          });
        }
      }
    }
  },
});
