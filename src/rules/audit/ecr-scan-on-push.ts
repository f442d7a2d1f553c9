import { keyFor, setting } from '../../graph/aws.js';
import type { ResourceGraph } from '../../graph/graph.js';
import type { JsonValue, Resource } from '../../model/types.js';
import { asArray, asBoolean, asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';

const REPOSITORY = { cloudformation: 'AWS::ECR::Repository', terraform: 'aws_ecr_repository' };

export default createRule({
  meta: {
    id: 'audit/ecr-scan-on-push',
    title: 'ECR repositories must scan images on push',
    severity: 'medium',
    seedPoints: ['IMG-3'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports an ECR repository whose images are not scanned on push: CloudFormation `ImageScanningConfiguration.ScanOnPush` or Terraform `image_scanning_configuration.scan_on_push` missing (the default is false) or false. Not reported when the scan defines a registry scanning configuration (`AWS::ECR::RegistryScanningConfiguration` / `aws_ecr_registry_scanning_configuration`) with a rule that scans on push or continuously for the wildcard filter `*`, which supersedes the repository setting.',
    rationale:
      'Scanning on push finds known vulnerabilities in an image before it is deployed; without it, vulnerable images reach clusters and tasks unnoticed.',
    remediation:
      'CloudFormation: `ImageScanningConfiguration: { ScanOnPush: true }`. Terraform: `image_scanning_configuration { scan_on_push = true }`. Better: enhanced scanning for the registry (`aws_ecr_registry_scanning_configuration` with `scan_type = "ENHANCED"` and a `*` rule).',
    limitations:
      'Registry scanning configured outside the scanned files (console, another stack) is not seen; a repository it covers is still reported. Unresolved values are unknown and not reported.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0030' },
        { tool: 'checkov', id: 'CKV_AWS_163' },
        { tool: 'prowler', id: 'ecr_repositories_scan_images_on_push_enabled' },
      ],
      frameworks: [{ framework: 'AWS FSBP', id: 'ECR.1' }],
      links: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html'],
    },
  },
  appliesTo: (resource) => resource.type === REPOSITORY[resource.artifact as keyof typeof REPOSITORY],
  check({ resource, graph, report }) {
    const block = keyFor(resource, 'ImageScanningConfiguration', 'image_scanning_configuration');
    const key = keyFor(resource, 'ScanOnPush', 'scan_on_push');
    const found = setting(resource, [block, key]);
    if (found.unknown) return;
    const enabled = asBoolean(found.value);
    if (enabled === true || (found.exists && enabled === undefined)) return;
    if (registryScansEverything(graph, resource)) return;
    report({
      path: found.path,
      message: found.exists ? `Images are not scanned on push (${block}.${key} is false).` : `Images are not scanned on push: ${block}.${key} is not set (default false).`,
      fix: `Set ${block}.${key} to true, or configure registry-wide (enhanced) scanning.`,
    });
  },
});

/** A registry scanning configuration of the scan with a `*` rule that scans on push or continuously. */
function registryScansEverything(graph: ResourceGraph, resource: Resource): boolean {
  const configurations =
    resource.artifact === 'cloudformation'
      ? graph.ofType('cloudformation', 'AWS::ECR::RegistryScanningConfiguration')
      : graph.ofType('terraform', 'aws_ecr_registry_scanning_configuration');
  return configurations.some((configuration) => {
    const rules = setting(configuration, [keyFor(configuration, 'Rules', 'rule')]).value;
    return asArray(rules).some((rule) => {
      const object = asObject(rule);
      const frequency = asString(object?.[keyFor(configuration, 'ScanFrequency', 'scan_frequency')]);
      if (frequency !== 'SCAN_ON_PUSH' && frequency !== 'CONTINUOUS_SCAN') return false;
      const filters: JsonValue[] = asArray(object?.[keyFor(configuration, 'RepositoryFilters', 'repository_filter')]);
      return filters.some((filter) => asString(asObject(filter)?.[keyFor(configuration, 'Filter', 'filter')]) === '*');
    });
  });
}
