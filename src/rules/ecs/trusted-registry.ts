import { ecsTaskDefinition, isEcsTaskDefinition } from '../../graph/ecs.js';
import { describeRegistry, imageName, imageText, matchRegistryPatterns, parseImageReference } from '../../graph/images.js';
import { createRule } from '../rule.js';

function listPatterns(patterns: readonly string[]): string {
  if (patterns.length === 0) return 'the allow-list is empty';
  const shown = patterns.slice(0, 5).join(', ');
  return `allowed: ${shown}${patterns.length > 5 ? `, and ${patterns.length - 5} more` : ''}`;
}

export default createRule({
  meta: {
    id: 'ecs/trusted-registry',
    title: 'ECS container images must come from a trusted registry',
    severity: 'medium',
    seedPoints: ['IMG-1'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports every container definition whose `image` does not match an allowed registry pattern: by default Amazon ECR private registries (`*.dkr.ecr.*.amazonaws.com`, China and FIPS endpoints) and ECR Public (`public.ecr.aws`); `registries.allowed` in seaworthy.config.yaml adds hosts or prefixes. An image without a registry is Docker Hub. The parts of an image given by an intrinsic or a template are unknown: an image whose registry is templated (`!Sub ${AWS::AccountId}.dkr.ecr...`, `${var.image}`) is not reported, one with a literal registry and a templated tag (`!Sub docker.io/org/app:${Tag}`, a CDK `Fn::Join`) is.',
    rationale:
      "The image runs with the task role's credentials and the task's network reach. Pulling from public or unknown registries hands that to whoever controls the repository and makes deployments depend on that registry's availability and rate limits; ECR images are scanned, access-controlled by IAM and pulled through VPC endpoints.",
    remediation:
      'Push the image to a private ECR repository (or use an ECR pull-through cache rule for Docker Hub, Quay or GHCR) and reference it by its ECR URI; add a registry you trust to `registries.allowed`.',
    limitations: 'Whether an ECR registry belongs to your organisation is checked only when the pattern names the account id.',
    references: {
      peers: [],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Container image scanning and trusted registries' }],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, settings, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task) return;
    const patterns = settings.allowedRegistries;
    for (const container of task.containers) {
      const field = container.get('image');
      const raw = imageText(field?.value);
      if (!field || raw === undefined) continue;
      const image = parseImageReference(raw);
      if (!image || image.unresolved.registry) continue;
      if (matchRegistryPatterns(image, patterns) !== 'no-match') continue;
      report({
        path: field.path,
        container: container.name,
        key: 'untrusted-registry',
        message: `Container "${container.name}" runs image "${raw}" from ${describeRegistry(image)}, which is not a trusted registry (${listPatterns(patterns)}).`,
        fix: `Mirror ${imageName(image)} into a private Amazon ECR repository (or an ECR pull-through cache) and reference it by its ECR URI, or add its registry to \`registries.allowed\` in seaworthy.config.yaml if it is trusted.`,
      });
    }
  },
});
