import { forEachContainer, isWorkload } from '../../graph/kubernetes.js';
import { isFloatingTag, parseImageReference } from '../../graph/images.js';
import { asString } from '../../util/json.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/image-digest-pinned',
    title: 'Container images should be pinned by digest',
    severity: 'low',
    seedPoints: ['IMG-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports every container (init and ephemeral included) whose image names a version tag but no digest (`@sha256:...`). Images without a tag or with a floating tag (`latest`...) are left to `k8s/image-tag-pinned`, so an image is reported by one of the two rules, never both. Templated tags and digests are not reported.',
    rationale:
      'A tag is a movable pointer: unless the repository enforces tag immutability, whoever can push to it can change what `app:1.4.2` runs, and nodes that pull later get different content than the one that was tested and scanned. A digest names the content itself, and is what admission controllers verify signatures against.',
    remediation:
      'Append the digest of the tested image to the reference (`app:1.4.2@sha256:...`; `crane digest` or `aws ecr describe-images` gives it), or let the deployment pipeline resolve tags to digests (kustomize `images[].digest`, `helm` values). Enable ECR tag immutability as well.',
    limitations:
      'Whether the repository makes tags immutable (ECR `imageTagMutability: IMMUTABLE`) is registry configuration that manifests do not show; with immutable tags this finding is defence in depth.',
    references: {
      peers: [{ tool: 'checkov', id: 'CKV_K8S_43' }],
      frameworks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Container image integrity' }],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, report }) {
    forEachContainer(resource, ({ container, name, path }) => {
      const raw = asString(container.image);
      if (raw === undefined) return;
      const image = parseImageReference(raw);
      if (!image || image.unresolved.tag || image.unresolved.digest) return;
      if (image.digest !== undefined || image.tag === undefined || isFloatingTag(image.tag)) return;
      report({
        path: [...path, 'image'],
        container: name,
        key: 'tag-only',
        message: `Container "${name}" runs image "${raw}" by tag only: the tag can be moved to other content.`,
        fix: `Pin the digest of the tested image: "${raw}@sha256:<digest>".`,
      });
    });
  },
});
