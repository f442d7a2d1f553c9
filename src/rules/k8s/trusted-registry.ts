import { forEachContainer, isWorkload } from '../../graph/kubernetes.js';
import { describeRegistry, imageName, matchRegistryPatterns, parseImageReference } from '../../graph/images.js';
import { asString } from '../../util/json.js';
import { createRule } from '../rule.js';

function listPatterns(patterns: readonly string[]): string {
  if (patterns.length === 0) return 'the allow-list is empty';
  const shown = patterns.slice(0, 5).join(', ');
  return `allowed: ${shown}${patterns.length > 5 ? `, and ${patterns.length - 5} more` : ''}`;
}

export default createRule({
  meta: {
    id: 'k8s/trusted-registry',
    title: 'Container images must come from a trusted registry',
    severity: 'medium',
    seedPoints: ['IMG-1'],
    artifacts: ['kubernetes'],
    description:
      "Reports every container (init and ephemeral included) whose image does not match one of the allowed registry patterns: by default Amazon ECR private registries (`*.dkr.ecr.*.amazonaws.com`, the China partition `*.dkr.ecr.*.amazonaws.com.cn`, ECR FIPS endpoints `*.dkr.ecr-fips.*.amazonaws.com`) and ECR Public (`public.ecr.aws`); `registries.allowed` in seaworthy.config.yaml adds hosts or image prefixes (`ghcr.io/my-org/`). An image without a registry is read as Docker Hub (`nginx` is `docker.io/library/nginx`), as the container runtime reads it. Images whose registry is decided by a template are not reported.",
    rationale:
      "An image runs with the pod's identity, its service account token and network reach. Pulling from public or unknown registries hands that to whoever controls the repository (typosquatting, account takeover, a compromised upstream) and makes every deployment depend on that registry's availability and rate limits. Images in a private ECR registry are scanned, encrypted, access-controlled by IAM and pulled over the VPC.",
    remediation:
      'Push the image to a private Amazon ECR repository (or pull it through an ECR pull-through cache rule for Docker Hub, Quay, GHCR or registry.k8s.io) and reference it by its ECR URI, e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2`. If the registry is trusted, add it to `registries.allowed` in seaworthy.config.yaml.',
    limitations:
      'Registry patterns name hosts and path prefixes; whether an ECR registry belongs to your organisation (account id) is only checked if the pattern names the account. A registry mirror configured on the nodes (containerd `hosts.toml`) is not visible in manifests.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0125' },
        { tool: 'kubescape', id: 'C-0078' },
      ],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Container image scanning and trusted registries' },
        { framework: 'CIS EKS Benchmark 1.5', id: '5.1.4' },
      ],
    },
  },
  scope: 'resource',
  appliesTo: isWorkload,
  check({ resource, settings, report }) {
    const patterns = settings.allowedRegistries;
    forEachContainer(resource, ({ container, name, path }) => {
      const raw = asString(container.image);
      if (raw === undefined) return;
      const image = parseImageReference(raw);
      if (!image || image.unresolved.registry) return;
      if (matchRegistryPatterns(image, patterns) !== 'no-match') return;
      report({
        path: [...path, 'image'],
        container: name,
        key: 'untrusted-registry',
        message: `Container "${name}" runs image "${raw}" from ${describeRegistry(image)}, which is not a trusted registry (${listPatterns(patterns)}).`,
        fix: `Mirror ${imageName(image)} into a private Amazon ECR repository (or an ECR pull-through cache) and reference it by its ECR URI, or add its registry to \`registries.allowed\` in seaworthy.config.yaml if it is trusted.`,
      });
    });
  },
});
