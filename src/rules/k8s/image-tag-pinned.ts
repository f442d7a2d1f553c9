import { forEachContainer, isWorkload } from '../../graph/kubernetes.js';
import { isFloatingTag, parseImageReference } from '../../graph/images.js';
import { asString } from '../../util/json.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'k8s/image-tag-pinned',
    title: 'Container images must name a version: no missing or `latest` tag',
    severity: 'medium',
    seedPoints: ['IMG-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports every container (init and ephemeral included) whose image has neither a digest nor a tag (which means `latest`), or whose tag is `latest` or another well-known floating tag (`stable`, `edge`, `nightly`, `main`, `master`, `develop`, `head`, `canary`, `rolling`, `mainline`, `lts`, and those channels or `latest` with a variant but no version: `stable-alpine`, `latest-arm64`). An image pinned by digest (`@sha256:...`) passes whatever its tag. Registry ports (`registry.local:5000/app`) are not mistaken for tags; templated tags are not reported.',
    rationale:
      'A floating tag points to whatever was pushed last: two pods of the same Deployment can run different code, a rollback redeploys the new image, and a compromised or broken upstream push reaches production on the next pod restart or node scale-out, without any change to the manifests.',
    remediation:
      'Reference an immutable version: a release tag (`nginx:1.27.3`), ideally with its digest (`nginx:1.27.3@sha256:...`), and enable tag immutability on the ECR repository so the tag cannot be moved.',
    limitations:
      'Any tag can be moved unless the registry makes tags immutable (ECR `imageTagMutability: IMMUTABLE`); only digest pinning guarantees the content (`k8s/image-digest-pinned`).',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0013' },
        { tool: 'polaris', id: 'polaris:tagNotSpecified' },
        { tool: 'checkov', id: 'CKV_K8S_14' },
        { tool: 'kube-linter', id: 'latest-tag' },
      ],
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
      if (!image || image.unresolved.tag || image.unresolved.digest || image.digest !== undefined) return;
      if (image.tag === undefined) {
        report({
          path: [...path, 'image'],
          container: name,
          key: 'untagged',
          message: `Container "${name}" runs image "${raw}" without a tag or digest, which means "latest".`,
          fix: `Pin "${raw}" to a release tag and its digest, e.g. "${raw}:<version>@sha256:<digest>".`,
        });
      } else if (isFloatingTag(image.tag)) {
        report({
          path: [...path, 'image'],
          container: name,
          key: 'floating-tag',
          message: `Container "${name}" runs image "${raw}" with the floating tag "${image.tag}".`,
          fix: `Replace the "${image.tag}" tag with a release tag and its digest.`,
        });
      }
    });
  },
});
