import type { JsonObject, Resource } from '../model/types.js';
import { asArray, asObject, asString } from '../util/json.js';
import { isUnresolved } from '../util/template.js';
import { hostMatches } from './gateway-api.js';
import type { ResourceGraph } from './graph.js';

/** Istio's API groups: traffic management (Gateway, VirtualService, DestinationRule) and security (PeerAuthentication). */
export const ISTIO_NETWORKING = 'networking.istio.io';
export const ISTIO_SECURITY = 'security.istio.io';

/** An Istio object of `kind` in `group`, any served version (v1, v1beta1, v1alpha3). */
export function isIstio(resource: Resource, group: string, kind: string): boolean {
  return resource.artifact === 'kubernetes' && resource.type === kind && (resource.apiVersion ?? '').split('/')[0] === group;
}

/** A server of an Istio Gateway, with the facts the TLS checks read. */
export interface IstioServer {
  gateway: Resource;
  index: number;
  /** `port.protocol`, upper case (Istio reads it case-insensitively). */
  protocol: string;
  port: number | undefined;
  name: string | undefined;
  /** `hosts` as written: `[namespace/]dnsName`. */
  hosts: string[];
  tls: JsonObject | undefined;
}

export function istioGatewayServers(gateway: Resource): IstioServer[] {
  const servers: IstioServer[] = [];
  for (const [index, entry] of asArray(asObject(gateway.body.spec)?.servers).entries()) {
    const server = asObject(entry);
    const port = asObject(server?.port);
    const protocol = asString(port?.protocol);
    if (!server || !port || protocol === undefined || isUnresolved(protocol)) continue;
    servers.push({
      gateway,
      index,
      protocol: protocol.toUpperCase(),
      port: typeof port.number === 'number' ? port.number : undefined,
      name: asString(port.name),
      hosts: asArray(server.hosts).filter((host): host is string => typeof host === 'string'),
      tls: asObject(server.tls),
    });
  }
  return servers;
}

/**
 * The scan's Istio Gateways a VirtualService's `gateways` entry names: `namespace/name`, or `name` in the
 * VirtualService's namespace; `mesh` (the sidecars) and templated entries name none. An object without a namespace
 * is taken to be applied where the other one is.
 */
export function referencedIstioGateways(virtualService: Resource, reference: string, graph: ResourceGraph): Resource[] {
  if (reference === 'mesh' || isUnresolved(reference)) return [];
  const slash = reference.indexOf('/');
  const namespace = slash === -1 ? virtualService.namespace : reference.slice(0, slash);
  const name = slash === -1 ? reference : reference.slice(slash + 1);
  return graph
    .named('kubernetes', 'Gateway', name)
    .filter((gateway) => isIstio(gateway, ISTIO_NETWORKING, 'Gateway') && (namespace === undefined || gateway.namespace === undefined || gateway.namespace === namespace));
}

/**
 * A Gateway server exposes a VirtualService's hosts: one of its `hosts` admits the VirtualService's namespace
 * (`./` the Gateway's own, `*\/` or no prefix any, else the one named) and overlaps one of the VirtualService's
 * hosts (`*` matches all). Undefined when a templated host makes it unknown.
 */
export function serverExposes(server: IstioServer, virtualService: Resource, hosts: readonly string[]): boolean | undefined {
  if (hosts.some(isUnresolved) || server.hosts.some(isUnresolved)) return undefined;
  return server.hosts.some((entry) => {
    const slash = entry.indexOf('/');
    const namespace = slash === -1 ? '*' : entry.slice(0, slash);
    const dnsName = (slash === -1 ? entry : entry.slice(slash + 1)).toLowerCase();
    const admitted =
      namespace === '*' ||
      virtualService.namespace === undefined ||
      (namespace === '.' ? server.gateway.namespace === undefined || server.gateway.namespace === virtualService.namespace : namespace === virtualService.namespace);
    return admitted && hosts.some((host) => dnsName === '*' || host === '*' || hostMatches(dnsName, host.toLowerCase()));
  });
}
