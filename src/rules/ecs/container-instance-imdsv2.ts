import { blocksContainerImds, ecsContainerInstanceLaunches, hostLaunchView, imdsV2Ami, isHostLaunchResource } from '../../graph/hosts.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'ecs/container-instance-imdsv2',
    title: 'ECS container instances must require IMDSv2 with a hop limit of 1',
    severity: 'high',
    otherSeverities: ['medium'],
    seedPoints: ['HOST-3'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'For launch templates, launch configurations and instances that start ECS container instances (user data or cfn-init metadata joining an ECS cluster, or used by an ECS capacity provider\'s Auto Scaling group), reports metadata options that allow IMDSv1 (`HttpTokens` / `http_tokens` not `required`; EC2 defaults to optional except for AMIs registered for IMDSv2 such as Amazon Linux 2023) and a PUT response hop limit above 1 (`HttpPutResponseHopLimit` / `http_put_response_hop_limit`; AL2023 AMIs default to 2).',
    rationale:
      'IMDSv1 answers any GET, so a server-side request forgery in any container yields the container instance role\'s credentials (ECR pull, ECS agent permissions, often more). With a hop limit above 1, containers in bridge mode reach the metadata service and can borrow the instance role instead of their task role.',
    remediation:
      'CloudFormation: `MetadataOptions: { HttpTokens: required, HttpPutResponseHopLimit: 1, HttpEndpoint: enabled }` in the launch template data or launch configuration. Terraform: `metadata_options { http_tokens = "required", http_put_response_hop_limit = 1 }`. Give containers AWS access through task roles; for awsvpc tasks also set `ECS_AWSVPC_BLOCK_IMDS=true` in /etc/ecs/ecs.config.',
    limitations:
      'The hop limit is not reported when the user data keeps containers from the metadata service itself, as the ECS guide and CDK\'s `addCapacity` do: an iptables rule dropping `docker` interface traffic to 169.254.169.254 together with `ECS_AWSVPC_BLOCK_IMDS=true`. When the metadata options leave the hop limit unset, the default depends on the AMI (1, or 2 for AMIs registered for IMDSv2): it is reported only when the AMI is known to be Amazon Linux 2023. The account-level IMDS defaults (`ModifyInstanceMetadataDefaults`) are not in the files. User data rendered from a file outside the scan (Terraform `templatefile()`) cannot be read: such hosts are recognized only through an ECS capacity provider of the scan. Launch templates inside remote Terraform modules are not in the scan. EKS nodes are checked by eks/nodegroup-imdsv2, which leaves ECS container instances to this rule.',
    references: {
      peers: [
        { tool: 'checkov', id: 'CKV_AWS_79' },
        { tool: 'trivy', id: 'AVD-AWS-0130' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'EC2.8' },
        { framework: 'AWS FSBP', id: 'AutoScaling.3' },
        { framework: 'AWS FSBP', id: 'EC2.170' },
      ],
      links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html'],
    },
  },
  appliesTo: isHostLaunchResource,
  check({ resource, graph, report }) {
    if (!ecsContainerInstanceLaunches(graph).has(resource)) return;
    const view = hostLaunchView(resource);
    if (view === undefined || view === 'unknown' || view.metadataOptions === 'unknown') return;
    // An instance started from a launch template takes the template's metadata options, unless it sets its own (and
    // whether the settings it leaves out come from the template is not documented: unknown).
    if (view.launchTemplate && view.metadataOptions === undefined) return;
    const partial = view.launchTemplate;
    const options = view.metadataOptions?.options;
    const optionsPath = view.metadataOptions?.path ?? view.dataPath;
    const { tokens: tokensKey, hops: hopsKey, endpoint: endpointKey } = view.keys;
    const endpoint = options?.[endpointKey];
    if (typeof endpoint === 'string' && endpoint.toLowerCase() === 'disabled') return; // no metadata service at all
    const v2Ami = imdsV2Ami(graph, view);
    const what = `The ${view.kind} of ECS container instances`;

    const tokens = options?.[tokensKey];
    if (tokens !== undefined && tokens !== null && isUnknown(tokens)) {
      // unknown
    } else if ((tokens === undefined || tokens === null) && (v2Ami || partial)) {
      // AMI registered for IMDSv2: required by default
    } else if (tokens === undefined || tokens === null) {
      report({
        path: optionsPath,
        message: `${what} allows IMDSv1: ${tokensKey} is not set (EC2 defaults to optional).`,
      });
    } else if (typeof tokens === 'string' && tokens.toLowerCase() !== 'required') {
      report({ path: [...optionsPath, tokensKey], message: `${what} allows IMDSv1: ${tokensKey} is "${tokens}".` });
    }

    const hops = options?.[hopsKey];
    if (hops !== undefined && hops !== null && isUnknown(hops)) return;
    if (blocksContainerImds(view.userData)) return; // the user data keeps containers from IMDS whatever the hop limit
    if (hops === undefined || hops === null) {
      if (!v2Ami || partial) return; // EC2 default: 1
      report({
        path: optionsPath,
        severity: 'medium',
        message: `${what} uses an Amazon Linux 2023 AMI, whose IMDS hop limit defaults to 2: containers in bridge mode can borrow the instance role. Set ${hopsKey} to 1.`,
      });
    } else if (Number(hops) !== 1) {
      report({
        path: [...optionsPath, hopsKey],
        severity: 'medium',
        message: `${what} sets ${hopsKey} to ${String(hops)}: containers in bridge mode can reach the instance metadata service and borrow the instance role. Set it to 1.`,
      });
    }
  },
});
