import type { Resource } from '../../model/types.js';
import { asArray, asObject, asString } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

/** Filters that pin the image to its publisher or to one image. */
const PINNING_FILTERS: ReadonlySet<string> = new Set(['owner-id', 'owner-alias', 'image-id']);

function isAmiLookup(resource: Resource): boolean {
  return resource.artifact === 'terraform' && resource.type === 'data.aws_ami';
}

export default createRule({
  meta: {
    id: 'eks/ami-lookup-owners',
    title: 'AMI lookups for nodes and instances must name the AMI owner',
    severity: 'medium',
    seedPoints: ['HOST-1'],
    artifacts: ['terraform'],
    description:
      'Reports a Terraform `data "aws_ami"` lookup without `owners` and without an `owner-id`, `owner-alias` or `image-id` filter: it takes the (most recent) image whose name matches from any account that shares one, public AMIs included. Applies to every lookup, whatever launches from it (EKS nodes, ECS container instances, other instances).',
    rationale:
      'Anyone can publish a public AMI under any name. A lookup that filters on the name alone (`amzn2-ami-ecs-*`, `ubuntu/images/*`) picks up a look-alike image as soon as it is newer, and every node or container instance launched from it runs the publisher\'s code as root.',
    remediation:
      'Name the publisher: `owners = ["amazon"]` (or the account ID of Canonical, Bottlerocket, or your image pipeline), or better, resolve the ECS- or EKS-optimized AMI from its SSM public parameter (`data "aws_ssm_parameter"` with `/aws/service/eks/optimized-ami/...` or `/aws/service/ecs/optimized-ami/...`).',
    limitations: '`owners` given by an unresolved variable is unknown and not reported. `data "aws_ami_ids"` lookups are not read.',
    references: {
      peers: [{ tool: 'trivy', id: 'AVD-AWS-0344' }],
      frameworks: [],
      links: ['https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/ami', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharing-amis.html'],
    },
  },
  scope: 'resource',
  appliesTo: isAmiLookup,
  check({ resource, report }) {
    const owners = resource.body.owners;
    if (owners !== undefined && owners !== null && (isUnknown(owners) || asArray(owners).length > 0)) return;
    if (isUnknown(resource.body.filter)) return;
    const filters = asArray(resource.body.filter);
    if (filters.some((filter) => isUnknown(filter) || isUnknown(asObject(filter)?.name))) return;
    if (filters.some((filter) => PINNING_FILTERS.has(asString(asObject(filter)?.name) ?? ''))) return;
    report({
      path: owners === undefined || owners === null ? [] : ['owners'],
      message: `AMI lookup ${resource.name} names no owner: it takes the ${resource.body.most_recent === true ? 'most recent ' : ''}image matching its filters from any account, public AMIs included.`,
    });
  },
});
