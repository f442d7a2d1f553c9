import { keyFor, setting } from '../../graph/aws.js';
import { createRule } from '../rule.js';

const REPOSITORY = { cloudformation: 'AWS::ECR::Repository', terraform: 'aws_ecr_repository' };

export default createRule({
  meta: {
    id: 'audit/ecr-immutable-tags',
    title: 'ECR repositories must make image tags immutable',
    severity: 'medium',
    seedPoints: ['IMG-2'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an ECR repository whose tags can be overwritten: CloudFormation `ImageTagMutability` or Terraform `image_tag_mutability` missing (the default is MUTABLE), `MUTABLE` or `MUTABLE_WITH_EXCLUSION`. `IMMUTABLE` and `IMMUTABLE_WITH_EXCLUSION` pass.',
    rationale:
      'With mutable tags anyone who may push can replace `app:1.4.2` by another image; every deployment that names the tag then silently runs it. Immutable tags make a tag a stable name for one image, which reviews, scans and rollbacks rely on.',
    remediation: 'CloudFormation: `ImageTagMutability: IMMUTABLE`. Terraform: `image_tag_mutability = "IMMUTABLE"`. Push a new tag per build (the commit SHA, a version).',
    limitations: 'A value given by a parameter or another unresolved expression is unknown and not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0031' },
        { tool: 'checkov', id: 'CKV_AWS_51' },
        { tool: 'prowler', id: 'ecr_repositories_tag_immutability' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'ECR.2' }],
      links: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => resource.type === REPOSITORY[resource.artifact as keyof typeof REPOSITORY],
  check({ resource, report }) {
    const key = keyFor(resource, 'ImageTagMutability', 'image_tag_mutability');
    const found = setting(resource, [key]);
    if (found.unknown) return;
    if (found.exists && typeof found.value !== 'string') return;
    const value = typeof found.value === 'string' ? found.value.toUpperCase() : undefined;
    if (value !== undefined && value.startsWith('IMMUTABLE')) return;
    if (value !== undefined && !value.startsWith('MUTABLE')) return;
    report({
      path: found.path,
      message: value === undefined ? `Image tags are mutable: ${key} is not set (default MUTABLE).` : `Image tags are mutable (${key} is ${found.value as string}).`,
      fix: `Set ${key} to IMMUTABLE.`,
    });
  },
});
