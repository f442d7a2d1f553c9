import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { getPath } from '../util/json.js';
import { isUnknown } from '../util/unknown.js';
import type { ResourceGraph } from './graph.js';
import { isWorldCidr, routeTableRoutes, serviceSubnetListPath, SUBNET_TYPES, subnetRouteTables, targetsOf } from './network.js';

/**
 * Public subnets by their route table, for CloudFormation and Terraform alike. A subnet is public when the route
 * table associated with it (`AWS::EC2::SubnetRouteTableAssociation`, `aws_route_table_association`) sends the
 * whole internet (`0.0.0.0/0` or `::/0`) to an internet gateway (`AWS::EC2::InternetGateway`,
 * `aws_internet_gateway`, or a literal `igw-...` id), through a separate route (`AWS::EC2::Route`, `aws_route`) or
 * an inline `route` block of `aws_route_table`. A subnet with no association in the scan uses its VPC's main route
 * table, which the scan does not show: unknown. So are routes whose destination or gateway cannot be read.
 */

const GATEWAY_TYPES: ReadonlySet<string> = new Set(['AWS::EC2::InternetGateway', 'aws_internet_gateway']);

export interface PublicRoute {
  /** The route table that sends the internet to the gateway. */
  table: Resource;
  /** The separate route resource, when the route is not inline. */
  route: Resource | undefined;
  /** The internet gateway resource, or its literal id. */
  gateway: Resource | string;
  /** The destination as written (`0.0.0.0/0`, `::/0`). */
  destination: string;
}

/** Where a subnet's route table sends the internet: a public route, `false` (known, no such route) or `unknown`. */
type SubnetPublicity = PublicRoute | false | 'unknown';

/** Whether the gateway of a route (the value at `path` of `from`) is an internet gateway. */
function isInternetGateway(graph: ResourceGraph, from: Resource, path: NodePath, value: JsonValue | undefined): { gateway: Resource | string } | false | 'unknown' {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value === 'string' && !isUnknown(value)) {
    if (value.startsWith('igw-')) return { gateway: value };
    // `local`, `vgw-...`: not an internet gateway. Other literals are not gateway ids we know.
    return value === 'local' || value.startsWith('vgw-') ? false : 'unknown';
  }
  const targets = targetsOf(graph, from, path);
  if (targets === 'unknown') return 'unknown';
  const gateway = targets.find((target) => GATEWAY_TYPES.has(target.type));
  if (gateway) return { gateway };
  return targets.length > 0 ? false : 'unknown';
}

/** The whole-internet destination of a route, `undefined` when it has none, `unknown` when it cannot be read. */
function worldDestination(route: JsonObject, tf: boolean): string | undefined | 'unknown' {
  const destinations = tf ? [route.cidr_block, route.ipv6_cidr_block, route.destination_cidr_block, route.destination_ipv6_cidr_block] : [route.DestinationCidrBlock, route.DestinationIpv6CidrBlock];
  let unknown = false;
  for (const value of destinations) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value === 'string' && isWorldCidr(value)) return value.trim();
    if (isUnknown(value) || typeof value !== 'string') unknown = true;
  }
  return unknown ? 'unknown' : undefined;
}

/** Public route of one route entry (inline or separate), checked at `base` inside `holder`. */
function routeToInternet(graph: ResourceGraph, holder: Resource, route: JsonObject, base: NodePath, table: Resource, ipv6Only: boolean): PublicRoute | false | 'unknown' {
  const tf = holder.artifact === 'terraform';
  const destination = worldDestination(route, tf);
  if (destination === undefined || (ipv6Only && destination !== 'unknown' && !destination.includes(':'))) return false;
  const key = tf ? 'gateway_id' : 'GatewayId';
  const gateway = isInternetGateway(graph, holder, [...base, key], route[key]);
  if (gateway === false) return false;
  if (gateway === 'unknown' || destination === 'unknown') return 'unknown';
  return { table, route: holder === table ? undefined : holder, gateway: gateway.gateway, destination };
}

/** Whether a route table sends the internet to an internet gateway. */
function routeTablePublicRoute(graph: ResourceGraph, table: Resource, ipv6Only: boolean): SubnetPublicity {
  let unknown = false;
  for (const entry of routeTableRoutes(graph, table)) {
    const result = entry === 'unknown' ? 'unknown' : routeToInternet(graph, entry.holder, entry.route, entry.path, table, ipv6Only);
    if (result === 'unknown') unknown = true;
    else if (result) return result;
  }
  return unknown ? 'unknown' : false;
}

/**
 * Whether a subnet is public by its route table (see the file header); with `ipv6Only`, whether it sends the IPv6
 * internet (`::/0`) to an internet gateway (an egress-only internet gateway lets nothing in).
 */
export function subnetPublicRoute(graph: ResourceGraph, subnet: Resource, ipv6Only = false): SubnetPublicity {
  return graph.memo(`subnets:public${ipv6Only ? '6' : ''}:${subnet.artifact}:${subnet.document.file.path}:${subnet.name}`, () => {
    const associations = subnetRouteTables(graph, subnet);
    let unknown = associations.length === 0;
    for (const tables of associations) {
      if (tables.length === 0) unknown = true;
      for (const table of tables) {
        const result = routeTablePublicRoute(graph, table, ipv6Only);
        if (result === 'unknown') unknown = true;
        else if (result) return result;
      }
    }
    return unknown ? 'unknown' : false;
  });
}

export interface ServicePublicSubnet {
  subnet: Resource;
  route: PublicRoute;
  /** Path of the subnet's entry in the service's subnet list (the list itself when the entry is not known). */
  path: NodePath;
}

/**
 * The subnets of an ECS service (`AwsvpcConfiguration.Subnets`, `network_configuration.subnets`) that are public
 * by their route table. Subnets that cannot be followed are left out (unknown), not taken as private or public.
 */
export function servicePublicSubnets(graph: ResourceGraph, service: Resource): ServicePublicSubnet[] {
  const listPath = serviceSubnetListPath(service);
  if (listPath === undefined || listPath === 'unknown') return [];
  const found = targetsOf(graph, service, listPath);
  if (found === 'unknown') return [];
  const list = getPath(service.body, listPath);
  const out: ServicePublicSubnet[] = [];
  for (const subnet of found) {
    if (!SUBNET_TYPES.has(subnet.type) || out.some((entry) => entry.subnet === subnet)) continue;
    const route = subnetPublicRoute(graph, subnet);
    if (route === false || route === 'unknown') continue;
    let at: NodePath = listPath;
    if (Array.isArray(list)) {
      for (let index = 0; index < list.length; index++) {
        const element = targetsOf(graph, service, [...listPath, index]);
        if (element !== 'unknown' && element.includes(subnet)) {
          at = [...listPath, index];
          break;
        }
      }
    }
    out.push({ subnet, route, path: at });
  }
  return out;
}
