import { ecsTaskDefinition } from '../../graph/ecs.js';
import { propsOf, serviceSubnets, subnetHasEgress, targetsOf, vpcEndpointServices, vpcOf, type EndpointService } from '../../graph/network.js';
import type { Resource } from '../../model/types.js';
import { isUnknown } from '../../util/unknown.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { createRule } from '../rule.js';

/** The endpoints the service's tasks need: ECR (API, Docker, S3 for layers) always; Logs and secrets stores when used. */
function neededServices(graph: ResourceGraph, service: Resource): { needed: EndpointService[]; taskKnown: boolean } {
  const needed: EndpointService[] = ['ecr.api', 'ecr.dkr', 's3'];
  const { path } = propsOf(service);
  const found = targetsOf(graph, service, [...path, service.artifact === 'terraform' ? 'task_definition' : 'TaskDefinition']);
  const task = found === 'unknown' ? undefined : found.map((resource) => ecsTaskDefinition(resource)).find((view) => view !== undefined);
  if (!task || task.containersUnknown) return { needed, taskKnown: false };
  const extra = new Set<EndpointService>();
  for (const container of task.containers) {
    const driver = container.get('logConfiguration', 'logDriver');
    if (driver && driver.value === 'awslogs') extra.add('logs');
    if (container.get('repositoryCredentials')) extra.add('secretsmanager');
    const secrets = container.get('secrets');
    if (secrets && Array.isArray(secrets.value)) {
      for (const secret of secrets.value) {
        const from = secret !== null && typeof secret === 'object' && !Array.isArray(secret) ? (secret.valueFrom ?? secret.ValueFrom) : undefined;
        if (typeof from === 'string' && !isUnknown(from)) extra.add(from.includes(':secretsmanager:') ? 'secretsmanager' : 'ssm');
        else extra.add('secretsmanager');
      }
    }
  }
  return { needed: [...needed, ...extra], taskKnown: true };
}

const LABELS: Record<EndpointService, string> = {
  'ecr.api': 'ecr.api (interface)',
  'ecr.dkr': 'ecr.dkr (interface)',
  s3: 's3 (gateway)',
  logs: 'logs (interface)',
  secretsmanager: 'secretsmanager (interface)',
  ssm: 'ssm (interface)',
};

export default createRule({
  meta: {
    id: 'net/vpc-endpoints',
    title: 'ECS services in subnets without NAT or internet gateway must have the VPC endpoints their tasks need',
    severity: 'high',
    seedPoints: ['NET-4'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Follows an ECS service (`AWS::ECS::Service` / `aws_ecs_service`) to its subnets, their route table associations and routes. When none of its subnets has a default route (through an internet gateway, a NAT gateway, a transit gateway or an instance), the VPC must have endpoints for `ecr.api`, `ecr.dkr` and S3 (image pulls), `logs` when a container uses the `awslogs` driver, and `secretsmanager` / `ssm` when the task reads secrets; the rule reports the missing ones. It decides only when the subnets, their route tables and the VPC are all in the scan.',
    rationale:
      'Tasks in isolated subnets reach AWS APIs only through VPC endpoints. Without them, tasks fail to start (image pull, secret retrieval) or run without logs; the usual "fix" under pressure is to add a NAT or a public IP, widening egress. Endpoints keep AWS API traffic on the AWS network and let endpoint policies and security groups restrict it.',
    remediation:
      'Add `AWS::EC2::VPCEndpoint` / `aws_vpc_endpoint` resources in the service\'s VPC: interface endpoints (private DNS on, in the task subnets, with a security group allowing 443 from the task security group) for `com.amazonaws.<region>.ecr.api`, `ecr.dkr`, `logs`, `secretsmanager` (or `ssm`), and a gateway endpoint for `com.amazonaws.<region>.s3` associated with the subnets\' route tables. Or route the subnets through a NAT gateway.',
    limitations:
      'Subnets, route tables or endpoints declared outside the scan (another stack, a remote module, a parameter) make the answer unknown: nothing is reported. Routes added to a route table from another template are not seen. Endpoint service names built from unknown parts are matched on their known suffix. Images from registries other than ECR cannot be pulled through endpoints at all; this is not reported separately.',
    references: {
      peers: [],
      frameworks: [{ framework: 'AWS FSBP', id: 'EC2.55' }, { framework: 'AWS FSBP', id: 'EC2.56' }],
      links: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html'],
    },
  },
  appliesTo: (resource) =>
    (resource.artifact === 'cloudformation' && resource.type === 'AWS::ECS::Service') || (resource.artifact === 'terraform' && resource.type === 'aws_ecs_service'),
  check({ resource, graph, report }) {
    const placement = serviceSubnets(graph, resource);
    if (placement === undefined || placement === 'unknown') return;
    const isolated: Resource[] = [];
    for (const subnet of placement.subnets) {
      const egress = subnetHasEgress(graph, subnet);
      if (egress === 'unknown') return;
      if (egress === false) isolated.push(subnet);
    }
    if (isolated.length === 0) return;
    const { needed } = neededServices(graph, resource);
    const vpcs = new Set<Resource>();
    for (const subnet of isolated) {
      const vpc = vpcOf(graph, subnet);
      if (vpc === 'unknown') return;
      vpcs.add(vpc);
    }
    for (const vpc of vpcs) {
      const present = vpcEndpointServices(graph, vpc);
      if (present === 'unknown') return;
      const missing = needed.filter((service) => !present.has(service));
      if (missing.length === 0) continue;
      const subnets = isolated.map((subnet) => subnet.name).join(', ');
      report({
        path: placement.path,
        message: `The service runs in subnets with no route to a NAT or internet gateway (${subnets}), and VPC ${vpc.name} has no endpoint for ${missing.map((service) => LABELS[service]).join(', ')}: tasks cannot pull images, read secrets or send logs.`,
        key: vpc.name,
      });
    }
  },
});
