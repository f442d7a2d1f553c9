import type { ResourceGraph } from '../../graph/graph.js';
import { describePublicIpMapping, firstBlock, propsOf, publicIpMapping, targetsOf, type PublicIpMapping } from '../../graph/network.js';
import { groupLaunchResources, hostLaunchView } from '../../graph/hosts.js';
import { servicePublicSubnets, subnetPublicRoute, type PublicRoute } from '../../graph/subnets.js';
import type { JsonValue, NodePath, Resource, Severity } from '../../model/types.js';
import { asArray, asBoolean, getPath, isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule, type RuleReport } from '../rule.js';

const TYPES: ReadonlySet<string> = new Set([
  'AWS::ECS::Service',
  'aws_ecs_service',
  'AWS::EC2::Subnet',
  'aws_subnet',
  'aws_default_subnet',
  'AWS::AutoScaling::LaunchConfiguration',
  'aws_launch_configuration',
  'AWS::EC2::Instance',
  'aws_instance',
  'AWS::EC2::LaunchTemplate',
  'aws_launch_template',
  'AWS::AutoScaling::AutoScalingGroup',
  'aws_autoscaling_group',
  'AWS::Events::Rule',
  'aws_cloudwatch_event_target',
  'AWS::Scheduler::Schedule',
  'aws_scheduler_schedule',
  'AWS::StepFunctions::StateMachine',
  'aws_sfn_state_machine',
]);

const TASK_LAUNCHER_MESSAGE = 'gives the ECS tasks it runs public IP addresses: tasks are reachable from the internet whenever their security group allows it. Run them in private subnets with AssignPublicIp DISABLED.';

/** `"AssignPublicIp": "ENABLED"` in a state machine definition (JSON text, or the definition object as written). */
const SFN_PUBLIC_IP = /\\?"AssignPublicIp\\?"\s*:\s*\\?"ENABLED\\?"/; // quotes escaped once inside an intrinsic's string

function finding(path: NodePath, message: string, severity: Severity): RuleReport {
  return { path, message, severity };
}

function isTrue(value: JsonValue | undefined): boolean {
  return asBoolean(value) === true; // undefined for a missing or unresolved value
}

function gatewayName(route: PublicRoute): string {
  return typeof route.gateway === 'string' ? route.gateway : route.gateway.name;
}

/**
 * Tasks placed in public subnets without a public IP of their own: reported once per service, at the first
 * public subnet of its list, naming the route that makes each public.
 */
function publicSubnetPlacement(graph: ResourceGraph, resource: Resource): RuleReport[] {
  const placements = servicePublicSubnets(graph, resource);
  const first = placements[0];
  if (!first) return [];
  const described = placements
    .map(({ subnet, route }) => `${subnet.name} (route table ${route.table.name} sends ${route.destination} to internet gateway ${gatewayName(route)})`)
    .join(', ');
  const which = placements.length === 1 ? 'a subnet that is public by its route table' : `${placements.length} subnets that are public by their route tables`;
  return [
    finding(
      first.path,
      `The ECS service places its tasks in ${which}: ${described}. Back-end tasks belong in private subnets (egress through a NAT gateway or VPC endpoints), reached through a load balancer; without a public IP they also have no way out through the internet gateway.`,
      'medium',
    ),
  ];
}

/** The subnets at `path` that give a public IPv4 address to everything launched in them (literal true, or a default subnet's default). */
function autoAssigningSubnets(graph: ResourceGraph, resource: Resource, path: NodePath): Array<{ subnet: Resource; mapping: PublicIpMapping }> {
  const targets = targetsOf(graph, resource, path);
  if (targets === 'unknown') return [];
  return targets.flatMap((subnet) => {
    const mapping = publicIpMapping(subnet);
    return mapping ? [{ subnet, mapping }] : [];
  });
}

/** The launch settings say nothing of a public IP: the subnet's setting applies (an explicit false or true is judged elsewhere). */
function inheritsSubnetSetting(resource: Resource): boolean {
  const view = hostLaunchView(resource);
  if (view === undefined || view === 'unknown') return false;
  const key = view.resource.artifact === 'terraform' ? 'associate_public_ip_address' : 'AssociatePublicIpAddress';
  if (view.data[key] !== undefined) return false;
  const interfaces = view.data[view.resource.artifact === 'terraform' ? 'network_interfaces' : 'NetworkInterfaces'];
  return !asArray(interfaces).some((entry) => isObject(entry) && entry[key] !== undefined);
}

/**
 * A single instance that names no subnet, network interface or launch template (which may name a subnet);
 * CloudFormation network interfaces that name neither a subnet nor an existing interface name none either.
 */
function namesNoSubnet(resource: Resource): boolean {
  const { props } = propsOf(resource);
  const keys = resource.artifact === 'terraform' ? ['subnet_id', 'network_interface', 'launch_template'] : ['SubnetId', 'LaunchTemplate'];
  if (!keys.every((key) => props[key] === undefined)) return false;
  if (resource.artifact === 'terraform' || props.NetworkInterfaces === undefined) return true;
  const interfaces = props.NetworkInterfaces;
  return Array.isArray(interfaces) && interfaces.every((entry) => isObject(entry) && !isUnknown(entry) && entry.SubnetId === undefined && entry.NetworkInterfaceId === undefined);
}

/**
 * Instances and Auto Scaling groups placed in subnets that auto-assign public IPs, whose launch settings do not
 * say otherwise: they get a public IP from the subnet; a single instance that names no subnet gets one from a
 * default subnet.
 */
function subnetAssignedIp(graph: ResourceGraph, resource: Resource): RuleReport[] {
  const { props, path } = propsOf(resource);
  let at: NodePath | undefined;
  if (resource.type === 'AWS::EC2::Instance' || resource.type === 'aws_instance') {
    if (!inheritsSubnetSetting(resource)) return [];
    if (namesNoSubnet(resource)) {
      return [
        finding(
          path,
          'The instance names no subnet: it launches into a default subnet of the default VPC, which gives every instance a public IP address (default subnets map public IPs on launch), so it is reachable from the internet whenever its security group allows it (without a default VPC, the launch fails). Place it in a private subnet of your VPC.',
          'medium',
        ),
      ];
    }
    at = resource.type === 'aws_instance' ? ['subnet_id'] : props.SubnetId !== undefined ? [...path, 'SubnetId'] : [...path, 'NetworkInterfaces', 0, 'SubnetId'];
  } else {
    // Every launch template or configuration of the group leaves the setting to the subnet.
    const launches = groupLaunchResources(graph, resource);
    if (launches.length === 0 || !launches.every(inheritsSubnetSetting)) return [];
    at = resource.type === 'aws_autoscaling_group' ? ['vpc_zone_identifier'] : [...path, 'VPCZoneIdentifier'];
  }
  const subnets = autoAssigningSubnets(graph, resource, at);
  if (subnets.length === 0) return [];
  const what = resource.type === 'AWS::EC2::Instance' || resource.type === 'aws_instance' ? 'The instance gets' : 'Instances of the Auto Scaling group get';
  return [
    finding(
      at,
      `${what} a public IP address from subnet ${subnets.map(({ subnet, mapping }) => `${subnet.name} (${describePublicIpMapping(mapping)})`).join(', ')} and nothing in the launch settings turns it off: they are reachable from the internet whenever their security group allows it. Place them in private subnets, or set AssociatePublicIpAddress to false.`,
      'high',
    ),
  ];
}

function check(resource: Resource, graph: ResourceGraph): RuleReport[] {
  const { props, path } = propsOf(resource);
  const out: RuleReport[] = [];
  switch (resource.type) {
    case 'AWS::ECS::Service': {
      const network = props.NetworkConfiguration;
      const awsvpc = isObject(network) ? network.AwsvpcConfiguration : undefined;
      const assign = isObject(awsvpc) ? awsvpc.AssignPublicIp : undefined;
      if (assign === 'ENABLED') {
        out.push(finding([...path, 'NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp'], 'The ECS service gives its tasks public IP addresses (AssignPublicIp: ENABLED): tasks are reachable from the internet whenever their security group allows it.', 'high'));
      } else out.push(...publicSubnetPlacement(graph, resource));
      break;
    }
    case 'aws_ecs_service': {
      const block = firstBlock(props.network_configuration);
      if (block && isTrue(block.block.assign_public_ip)) {
        const base = block.index === undefined ? ['network_configuration'] : ['network_configuration', block.index];
        out.push(finding([...base, 'assign_public_ip'], 'The ECS service gives its tasks public IP addresses (assign_public_ip = true): tasks are reachable from the internet whenever their security group allows it.', 'high'));
      } else out.push(...publicSubnetPlacement(graph, resource));
      break;
    }
    case 'AWS::EC2::Subnet':
    case 'aws_subnet':
    case 'aws_default_subnet': {
      const mapping = publicIpMapping(resource);
      if (mapping) {
        // Hygiene: what is launched there (services, instances, node groups) is reported where it is placed.
        out.push(finding(mapping.path, `The subnet gives every instance launched in it a public IP address (${describePublicIpMapping(mapping)}): instances placed there, and the containers they run, become reachable from the internet by default (awsvpc tasks get one only through AssignPublicIp).`, 'low'));
      }
      // IPv6 addresses are public; they are reachable when the subnet routes the IPv6 internet to an internet gateway.
      const ipv6Key = resource.artifact === 'terraform' ? 'assign_ipv6_address_on_creation' : 'AssignIpv6AddressOnCreation';
      const route = isTrue(props[ipv6Key]) ? subnetPublicRoute(graph, resource, true) : false;
      if (route && route !== 'unknown') {
        out.push(
          finding(
            [...path, ipv6Key],
            `The subnet gives everything launched in it a public IPv6 address (${ipv6Key} is true) and route table ${route.table.name} sends ${route.destination} to internet gateway ${gatewayName(route)}: tasks and instances placed there are reachable from the internet by default. Use an egress-only internet gateway for outbound IPv6.`,
            'medium',
          ),
        );
      }
      break;
    }
    case 'AWS::AutoScaling::LaunchConfiguration':
    case 'aws_launch_configuration':
    case 'aws_instance': {
      const key = resource.artifact === 'terraform' ? 'associate_public_ip_address' : 'AssociatePublicIpAddress';
      if (isTrue(props[key])) {
        out.push(finding([...path, key], `Instances launched from this ${resource.type} get a public IP address (${key} is true).`, 'high'));
      } else if (resource.type === 'aws_instance') out.push(...subnetAssignedIp(graph, resource));
      break;
    }
    case 'AWS::AutoScaling::AutoScalingGroup':
    case 'aws_autoscaling_group':
      out.push(...subnetAssignedIp(graph, resource));
      break;
    case 'AWS::EC2::Instance':
    case 'AWS::EC2::LaunchTemplate':
    case 'aws_launch_template': {
      const cfnTemplate = resource.type === 'AWS::EC2::LaunchTemplate';
      const base = cfnTemplate ? [...path, 'LaunchTemplateData'] : path;
      const holder = cfnTemplate ? props.LaunchTemplateData : props;
      if (!isObject(holder)) break;
      const listKey = resource.artifact === 'terraform' ? 'network_interfaces' : 'NetworkInterfaces';
      const key = resource.artifact === 'terraform' ? 'associate_public_ip_address' : 'AssociatePublicIpAddress';
      const list = holder[listKey];
      if (resource.type === 'AWS::EC2::Instance') out.push(...subnetAssignedIp(graph, resource));
      if (!Array.isArray(list)) break;
      list.forEach((entry, index) => {
        if (isObject(entry) && isTrue(entry[key])) {
          out.push(finding([...base, listKey, index, key], `Instances launched from this ${resource.type} get a public IP address on network interface ${index} (${key} is true).`, 'high'));
        }
      });
      break;
    }
    case 'AWS::Events::Rule':
      asArray(props.Targets).forEach((target, index) => {
        const at = [...path, 'Targets', index, 'EcsParameters', 'NetworkConfiguration', 'AwsVpcConfiguration', 'AssignPublicIp'];
        if (getPath(resource.body, at) === 'ENABLED') out.push(finding(at, `The EventBridge rule's target ${index + 1} ${TASK_LAUNCHER_MESSAGE}`, 'high'));
      });
      break;
    case 'AWS::Scheduler::Schedule': {
      const at = [...path, 'Target', 'EcsParameters', 'NetworkConfiguration', 'AwsvpcConfiguration', 'AssignPublicIp'];
      if (getPath(resource.body, at) === 'ENABLED') out.push(finding(at, `The EventBridge schedule ${TASK_LAUNCHER_MESSAGE}`, 'high'));
      break;
    }
    case 'aws_cloudwatch_event_target':
    case 'aws_scheduler_schedule': {
      const target = resource.type === 'aws_scheduler_schedule' ? firstBlock(props.target) : { block: props, index: undefined };
      const ecs = target ? firstBlock(target.block[resource.type === 'aws_scheduler_schedule' ? 'ecs_parameters' : 'ecs_target']) : undefined;
      const network = ecs ? firstBlock(ecs.block.network_configuration) : undefined;
      if (!target || !ecs || !network || !isTrue(network.block.assign_public_ip)) break;
      const at = [
        ...(resource.type === 'aws_scheduler_schedule' ? ['target', ...(target.index === undefined ? [] : [target.index]), 'ecs_parameters'] : ['ecs_target']),
        ...(ecs.index === undefined ? [] : [ecs.index]),
        'network_configuration',
        ...(network.index === undefined ? [] : [network.index]),
        'assign_public_ip',
      ];
      out.push(finding(at, `The ${resource.type === 'aws_scheduler_schedule' ? 'EventBridge schedule' : 'EventBridge target'} ${TASK_LAUNCHER_MESSAGE}`, 'high'));
      break;
    }
    case 'AWS::StepFunctions::StateMachine':
    case 'aws_sfn_state_machine': {
      // ecs:runTask states carry the task's network configuration in the definition (often a JSON string).
      const key = resource.artifact === 'terraform' ? 'definition' : props.Definition !== undefined ? 'Definition' : 'DefinitionString';
      const definition = props[key];
      const written = typeof definition === 'string' ? definition : definition === undefined ? undefined : JSON.stringify(definition);
      if (written === undefined) break;
      const message = `The state machine ${TASK_LAUNCHER_MESSAGE}`;
      // Written in a definition string: located at its line (a YAML block, a heredoc).
      const literal = SFN_PUBLIC_IP.exec(written);
      if (literal) {
        out.push({ ...finding([...path, key], message, 'high'), ...(typeof definition === 'string' ? { textOffset: literal.index } : {}) });
        break;
      }
      // `"AssignPublicIp": "${AssignPublicIp}"` with `DefinitionSubstitutions: { AssignPublicIp: ENABLED }` (AWS
      // Copilot): located at the substitution that says ENABLED.
      const substitutions = isObject(props.DefinitionSubstitutions) ? props.DefinitionSubstitutions : {};
      const enabling = Object.entries(substitutions).find(([name, value]) => typeof value === 'string' && SFN_PUBLIC_IP.test(written.replaceAll(`\${${name}}`, value)));
      if (enabling) out.push(finding([...path, 'DefinitionSubstitutions', enabling[0]], message, 'high'));
      break;
    }
    default:
      break;
  }
  return out;
}

export default createRule({
  meta: {
    id: 'net/no-public-ip-for-tasks',
    title: 'Tasks and instances must not get public IP addresses',
    severity: 'high',
    otherSeverities: ['medium', 'low'],
    seedPoints: ['NET-1'],
    artifacts: ['cloudformation', 'terraform'],
    description:
      'Reports ECS services that give their tasks a public IP (`AssignPublicIp: ENABLED`, `assign_public_ip = true`); ECS services without a public IP whose subnets are public by their route table (the table associated with the subnet sends `0.0.0.0/0` or `::/0` to an internet gateway: tasks in a public subnet, medium), followed across templates (`Fn::ImportValue`) and Terraform references; subnets that auto-assign public IPs (`MapPublicIpOnLaunch`, `map_public_ip_on_launch`; an `aws_default_subnet` does unless it sets `map_public_ip_on_launch = false`, as the provider defaults it to true) or IPv6 addresses while their route table sends `::/0` to an internet gateway (`AssignIpv6AddressOnCreation`, `assign_ipv6_address_on_creation`; an egress-only internet gateway is fine), launch configurations, instances and launch templates that associate a public IP (`AssociatePublicIpAddress`, `associate_public_ip_address`), instances and Auto Scaling groups (ECS container instances, self-managed nodes) placed in a subnet that auto-assigns public IPs while their launch settings say nothing of it, single instances that name no subnet, network interface or launch template (medium: they launch into a default subnet, which maps public IPs), and ECS tasks started by EventBridge rules and schedules (`EcsParameters` / `ecs_target` network configuration) or Step Functions `ecs:runTask` states (`AssignPublicIp: ENABLED` in the definition, also through `DefinitionSubstitutions`) with a public IP.',
    rationale:
      'A public IP makes a task or a node directly addressable from the internet; its security group becomes the only barrier and a single permissive rule exposes it. Back ends belong in private subnets, reached through a load balancer, with egress through NAT or VPC endpoints.',
    remediation:
      'Set `AssignPublicIp: DISABLED` (Terraform `assign_public_ip = false`) and place the service in private subnets with a NAT gateway or VPC endpoints for ECR, CloudWatch Logs, S3 and Secrets Manager. Leave `MapPublicIpOnLaunch` false and `AssociatePublicIpAddress` unset; put only load balancers and NAT gateways in public subnets.',
    limitations:
      'A subnet that auto-assigns public IPs is reported (at low: the services, instances and Auto Scaling groups placed in it are reported where they are placed; EKS managed node groups are not) even when only load balancers or NAT gateways are placed in it (they do not use the setting): set it to false for such subnets, or suppress with that reason. Values from parameters or unresolved expressions are unknown and not reported. A subnet with no route table association in the scan uses its VPC\'s main route table, which the files do not show: its placement is not judged; neither is one whose subnets come from outside the scan (parameters, remote modules, data sources). IPv6 addresses given to single instances or launch templates (`Ipv6AddressCount`, `ipv6_address_count`) are not checked.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0164' },
        { tool: 'trivy', id: 'AVD-AWS-0009' },
        { tool: 'checkov', id: 'CKV_AWS_130' },
        { tool: 'checkov', id: 'CKV_AWS_88' },
        { tool: 'checkov', id: 'CKV_AWS_333' },
        { tool: 'prowler', id: 'ecs_service_no_assign_public_ip' },
      ],
      frameworks: [
        { framework: 'AWS FSBP', id: 'ECS.2' },
        { framework: 'AWS FSBP', id: 'EC2.15' },
        { framework: 'AWS FSBP', id: 'EC2.9' },
        { framework: 'AWS FSBP', id: 'AutoScaling.5' },
      ],
      links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-networking.html'],
    },
  },
  appliesTo: (resource) => (resource.artifact === 'cloudformation' || resource.artifact === 'terraform') && TYPES.has(resource.type),
  check({ resource, graph, report }) {
    for (const entry of check(resource, graph)) report(entry);
  },
});
