import { ecsTaskDefinition, isEcsTaskDefinition } from '../../graph/ecs.js';
import { imageText, isFloatingTag, parseImageReference } from '../../graph/images.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'ecs/image-tag-pinned',
    title: 'ECS container images must name a version: no missing or `latest` tag',
    severity: 'medium',
    seedPoints: ['IMG-2'],
    artifacts: ['task-definition', 'cloudformation', 'terraform'],
    description:
      'Reports every container definition whose `image` has neither a digest nor a tag (which means `latest`), or whose tag is `latest` or another floating tag (`stable`, `edge`, `nightly`, `main`, `master`, ..., and those channels or `latest` with a variant but no version: `stable-alpine`, `latest-arm64`). An image pinned by digest passes; registry ports are not tags; tags decided by an intrinsic or template are not reported, but a literal tag after a templated repository is (`!Sub ${Repo.RepositoryUri}:latest`, the CDK\'s `Fn::Join` of a repository URI and `:latest`).',
    rationale:
      'A floating tag is resolved when each task starts: tasks of one service can run different code, a scale-out or a replaced task silently picks up whatever was pushed last, and rolling back the task definition does not roll back the image.',
    remediation: 'Reference an immutable version (`app:1.4.2`, ideally `app:1.4.2@sha256:...`) and make the ECR repository\'s tags immutable (`ImageTagMutability: IMMUTABLE`).',
    limitations: 'Any tag can be moved unless the repository makes tags immutable; only a digest guarantees the content.',
    references: {
      peers: [],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Container image integrity' }],
    },
  },
  scope: 'resource',
  appliesTo: isEcsTaskDefinition,
  check({ resource, report }) {
    const task = ecsTaskDefinition(resource);
    if (!task) return;
    for (const container of task.containers) {
      const field = container.get('image');
      const raw = imageText(field?.value);
      if (!field || raw === undefined) continue;
      const image = parseImageReference(raw);
      if (!image || image.unresolved.tag || image.unresolved.digest || image.digest !== undefined) continue;
      if (image.tag === undefined) {
        report({
          path: field.path,
          container: container.name,
          key: 'untagged',
          message: `Container "${container.name}" runs image "${raw}" without a tag or digest, which means "latest".`,
          fix: `Pin "${raw}" to a release tag and its digest, e.g. "${raw}:<version>@sha256:<digest>".`,
        });
      } else if (isFloatingTag(image.tag)) {
        report({
          path: field.path,
          container: container.name,
          key: 'floating-tag',
          message: `Container "${container.name}" runs image "${raw}" with the floating tag "${image.tag}".`,
          fix: `Replace the "${image.tag}" tag with a release tag and its digest.`,
        });
      }
    }
  },
});
