import type { JsonObject, Resource } from '../model/types.js';
import { asArray, asObject, asString } from '../util/json.js';
import { containsUnresolved, isUnresolved } from '../util/template.js';
import { hostMatches } from './gateway-api.js';
import type { ResourceGraph } from './graph.js';
import { isKindOf } from './kubernetes.js';

/** Istio's API groups: traffic management (Gateway, VirtualService, DestinationRule) and security (PeerAuthentication). */
export const ISTIO_NETWORKING = 'networking.istio.io';
export const ISTIO_SECURITY = 'security.istio.io';

/** `"namespace/name"` (or `"name"`), for messages. */
export function quotedIstioName(resource: Resource): string {
  return resource.namespace !== undefined ? `"${resource.namespace}/${resource.name}"` : `"${resource.name}"`;
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
  /** `tls` is templated or not an object: what it says is unknown. */
  tlsUnknown: boolean;
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
      tlsUnknown: server.tls !== undefined && (asObject(server.tls) === undefined || containsUnresolved(server.tls)),
    });
  }
  return servers;
}

/** A Gateway as a VirtualService names it, resolved as Istio does; `namespace` undefined when neither object says. */
export interface GatewayReference {
  namespace: string | undefined;
  name: string;
}

/**
 * Resolves a `gateways` entry of a VirtualService (or of one of its matches) as Istio does: `namespace/name`
 * (`./name`: the VirtualService's namespace), `name.namespace[.svc.cluster.local]`, or a bare `name` in the
 * VirtualService's namespace. `mesh` (the sidecars) and templated entries name no Gateway.
 */
export function resolveGatewayReference(virtualService: Resource, reference: string): GatewayReference | undefined {
  if (reference === 'mesh' || reference === '' || isUnresolved(reference)) return undefined;
  const slash = reference.indexOf('/');
  if (slash !== -1) {
    const namespace = reference.slice(0, slash);
    return { namespace: namespace === '.' ? virtualService.namespace : namespace, name: reference.slice(slash + 1) };
  }
  const [name = reference, namespace] = reference.split('.');
  return { namespace: namespace ?? virtualService.namespace, name };
}

export function sameGateway(a: GatewayReference, b: GatewayReference): boolean {
  return a.name === b.name && (a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace);
}

/** The scan's Istio Gateways a reference names. An object without a namespace is taken to be applied where the other one is. */
export function referencedIstioGateways(reference: GatewayReference, graph: ResourceGraph): Resource[] {
  return graph
    .named('kubernetes', 'Gateway', reference.name)
    .filter((gateway) => isKindOf(gateway, ISTIO_NETWORKING, 'Gateway') && sameGateway(reference, { namespace: gateway.namespace, name: reference.name }));
}

/** An egress gateway (Istio's `istio: egressgateway` selector or its Helm chart's `app` label): its clients are the mesh's sidecars. */
export function isEgressGateway(gateway: Resource): boolean {
  const selector = asObject(asObject(gateway.body.spec)?.selector);
  return selector?.istio === 'egressgateway' || selector?.app === 'istio-egressgateway';
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
