import { setting, terraformCompanions } from '../../graph/aws.js';
import { createRule } from '../rule.js';

const REPOSITORY = { cloudformation: 'AWS::ECR::Repository', terraform: 'aws_ecr_repository' };
const TF_LIFECYCLE = 'aws_ecr_lifecycle_policy';

export default createRule({
  meta: {
    id: 'audit/ecr-lifecycle-policy',
    title: 'ECR repositories must have a lifecycle policy',
    severity: 'low',
    seedPoints: ['IMG-6'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an ECR repository without a lifecycle policy: CloudFormation `LifecyclePolicy` missing on the `AWS::ECR::Repository`; Terraform `aws_ecr_repository` that no `aws_ecr_lifecycle_policy` of the same root module names (by reference or by the literal repository name).',
    rationale:
      'Without a lifecycle policy every image ever pushed stays pullable: old builds with known vulnerabilities, secrets baked into retired images and untagged layers remain one `docker pull` away for anyone with read access, and nothing ever removes them.',
    remediation:
      'Add a lifecycle policy that expires untagged images after a few days and keeps only the last N release images (CloudFormation `LifecyclePolicy: { LifecyclePolicyText: ... }`, Terraform `aws_ecr_lifecycle_policy`).',
    limitations:
      'Whether the policy\'s rules expire enough is not judged. A Terraform lifecycle policy whose repository is an unresolved value may name any repository of its module: the module\'s repositories are then not reported. Lifecycle policies created outside the scan (another stack, the console, a registry-wide process) are not seen.',
    references: {
      peers: [{ tool: 'prowler', id: 'ecr_repositories_lifecycle_policy_enabled' }],
      frameworks: [{ framework: 'AWS FSBP', id: 'ECR.3' }],
      links: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html'],
    },
  },
  appliesTo: (resource) => resource.type === REPOSITORY[resource.artifact as keyof typeof REPOSITORY],
  check({ resource, graph, report }) {
    if (resource.artifact === 'cloudformation') {
      const found = setting(resource, ['LifecyclePolicy']);
      if (found.exists || found.unknown) return;
      report({ path: found.path, message: 'The repository has no LifecyclePolicy: every image ever pushed stays pullable.', fix: 'Add LifecyclePolicy with a LifecyclePolicyText that expires untagged and old images.' });
      return;
    }
    if (terraformCompanions(graph, resource, TF_LIFECYCLE, 'repository').length > 0) return;
    report({
      path: resource.body.name === undefined ? [] : ['name'],
      message: `No ${TF_LIFECYCLE} names the repository: every image ever pushed stays pullable.`,
      fix: `Add an ${TF_LIFECYCLE} with repository = ${resource.name}.name that expires untagged and old images.`,
    });
  },
});
