import { referencedResource } from '../../graph/cloudformation.js';
import { terraformReferenced } from '../../graph/aws.js';
import { grantOf, identityPolicies, isIdentity, type Grant } from '../../graph/governance.js';
import { policiesOf, type PolicyDocument } from '../../graph/iam.js';
import type { Resource } from '../../model/types.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { createRule } from '../rule.js';
import { pushTo } from '../../util/collections.js';

const PUSH = ['ecr:PutImage'];
const DEPLOY = ['ecs:UpdateService', 'ecs:CreateService', 'ecs:RegisterTaskDefinition', 'eks:*', 'iam:PassRole'];

/** OIDC issuers of CI systems (GitHub Actions, GitLab, Terraform Cloud, CircleCI, Bitbucket Pipelines, Buildkite). */
const CI_ISSUER = /token\.actions\.githubusercontent\.com|gitlab\.com|gitlab\.|app\.terraform\.io|oidc\.circleci\.com|api\.bitbucket\.org|agent\.buildkite\.com/i;
const CI_SERVICE = /^(codebuild|codepipeline)\.amazonaws\.com(\.cn)?$/i;

function firstGrant(policies: readonly PolicyDocument[], actions: readonly string[]): Grant | undefined {
  for (const action of actions) {
    const grant = grantOf(policies, action);
    if (grant) return grant;
  }
  return undefined;
}

/** What makes the role a CI / deploy role, from its trust policy; undefined when it is not one. */
function ciTrust(trust: PolicyDocument | undefined): string | undefined {
  if (!trust) return undefined;
  for (const statement of trust.statements) {
    if (statement.effect !== 'Allow') continue;
    for (const entry of statement.principal?.entries ?? []) {
      if (entry.type === 'Federated' && CI_ISSUER.test(entry.value)) return `the OIDC provider ${entry.value}`;
      if (entry.type === 'Service' && CI_SERVICE.test(entry.value)) return `the ${entry.value} service`;
    }
    // `Federated: !Ref GitHubOidc`: the condition keys still name the issuer
    for (const condition of statement.conditions) {
      const issuer = condition.key.split(':')[0] ?? '';
      if (CI_ISSUER.test(issuer)) return `the OIDC provider ${issuer}`;
    }
  }
  return undefined;
}

interface RoleUse {
  taskDefinition: Resource;
  field: string;
}

/** Roles used by ECS task definitions of the scan, as task role or execution role. */
function taskRoleUses(graph: ResourceGraph): ReadonlyMap<Resource, RoleUse[]> {
  return graph.memo('governance:task-role-uses', (g) => {
    const uses = new Map<Resource, RoleUse[]>();
    const add = (role: Resource | undefined, use: RoleUse): void => {
      if (!role) return;
      pushTo(uses, role, use);
    };
    for (const taskDefinition of g.ofType('cloudformation', 'AWS::ECS::TaskDefinition')) {
      const properties = taskDefinition.body.Properties;
      if (!properties || typeof properties !== 'object' || Array.isArray(properties)) continue;
      for (const field of ['TaskRoleArn', 'ExecutionRoleArn']) {
        const value = properties[field];
        if (value === undefined) continue;
        const role = referencedResource(g, taskDefinition, value);
        if (role?.type === 'AWS::IAM::Role') add(role, { taskDefinition, field });
      }
    }
    for (const taskDefinition of g.ofType('terraform', 'aws_ecs_task_definition')) {
      for (const field of ['task_role_arn', 'execution_role_arn']) {
        if (taskDefinition.body[field] === undefined) continue;
        add(terraformReferenced(g, taskDefinition, [field], ['aws_iam_role']), { taskDefinition, field });
      }
    }
    return uses;
  });
}

function where(grant: Grant, principal: Resource): string {
  return grant.policy.resource === principal ? `${grant.pattern} in ${grant.policy.label}` : `${grant.pattern} in ${grant.policy.resource.name}`;
}

export default createRule({
  meta: {
    id: 'gov/separation-of-duties',
    title: 'The identity that pushes images must not deploy, and CI roles must not be workload roles',
    severity: 'medium',
    seedPoints: ['IAM-9'],
    artifacts: ['cloudformation', 'terraform', 'iam-policy'],
    description:
      'For each IAM role and user (CloudFormation `AWS::IAM::Role` / `User`, Terraform `aws_iam_role` / `aws_iam_user`), with the inline and attached policies the scan shows (and each standalone identity policy JSON on its own): reports (1) an identity allowed both to push images (`ecr:PutImage`, also through `ecr:*` or `ecr:Put*`) and to deploy (`ecs:UpdateService`, `ecs:CreateService`, `ecs:RegisterTaskDefinition`, `eks:*`) or pass roles (`iam:PassRole`); (2) a CI / deploy role (trusted by a CI OIDC provider such as `token.actions.githubusercontent.com`, or by `codebuild.amazonaws.com` / `codepipeline.amazonaws.com`) that an ECS task definition of the scan also uses as task role or execution role.',
    rationale:
      'When one credential can both publish an image and roll it out (or hand a role to a new task), a compromised build step ships code to production with no second party involved, and registry-side controls (scanning, signing, tag immutability) are bypassed by deploying right away. A CI role reused as a runtime role gives every running container the power of the pipeline, and every pipeline run the data access of the workload.',
    remediation:
      'Split the roles: a build role that may push to ECR only, a deploy role (separate trust, ideally a protected environment or a separate pipeline stage) that may update services and pass only the task roles it needs, and runtime task / execution roles trusted by `ecs-tasks.amazonaws.com` only.',
    limitations:
      'Only policies defined in the scanned files are seen (AWS managed policies attached by ARN, permission boundaries and SCPs are not expanded). Grants through a full wildcard `*` are left to iam/no-admin-policy; `NotAction` allows are not expanded. A Deny with a condition is assumed not to remove the grant. Task definitions referring to a role by a literal ARN are not matched to the role. Whether the deployment target is production cannot be decided from files. Deploying to EKS is authorized by Kubernetes RBAC / EKS access entries, not IAM actions: a role with only `eks:DescribeCluster` plus an access entry is not recognized as a deploy role (only a grant of every `eks:` action is).',
    references: {
      peers: [],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/sec_permissions_define.html'],
    },
  },
  appliesTo: (resource) => isIdentity(resource) || resource.artifact === 'iam-policy',
  check({ resource, graph, report }) {
    const file = resource.artifact === 'iam-policy';
    const { identity, trust } = file ? { identity: policiesOf(resource, graph).filter((p) => p.kind === 'identity'), trust: undefined } : identityPolicies(graph, resource);
    const kind = file ? 'policy' : resource.type === 'AWS::IAM::User' || resource.type === 'aws_iam_user' ? 'user' : 'role';
    const push = firstGrant(identity, PUSH);
    const deploy = push ? firstGrant(identity, DEPLOY) : undefined;
    if (push && deploy) {
      const passes = deploy.pattern.toLowerCase().startsWith('iam:');
      report({
        path: [],
        key: 'push-and-deploy',
        message: `The ${kind} ${file ? 'allows' : 'can'} both ${file ? 'pushing' : 'push'} images (${where(push, resource)}) and ${passes ? (file ? 'passing roles' : 'pass roles') : file ? 'deploying' : 'deploy'} (${where(deploy, resource)}): the identity that pushes images must not be the one that deploys.`,
        fix: 'Give image pushes and deployments separate roles: the build role keeps ecr:PutImage, the deploy role gets ecs:UpdateService / iam:PassRole.',
      });
    }
    if (kind !== 'role') return;
    const ci = ciTrust(trust);
    const uses = ci ? taskRoleUses(graph).get(resource) : undefined;
    if (!ci || !uses || uses.length === 0) return;
    const list = uses.map((use) => `${use.taskDefinition.name} (${use.field})`).join(', ');
    report({
      path: trust?.resource === resource ? trust.path : [],
      key: 'ci-role-at-runtime',
      message: `The role is trusted by ${ci} (a CI / deploy role) and is also used by ECS task definition ${list}: CI roles must be separate from runtime roles.`,
      fix: 'Create a dedicated task / execution role trusted only by ecs-tasks.amazonaws.com and use it in the task definition.',
    });
  },
});
