import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { asArray, asObject, asString } from '../util/json.js';
import { isUnresolved } from '../util/template.js';
import type { ResourceGraph } from './graph.js';
import { isKindOf, labelsOf, selectorMatches } from './kubernetes.js';

/**
 * Kubernetes Gateway API (gateway.networking.k8s.io): which listeners of the Gateways in the scan a route
 * attaches to. Follows the spec's attachment rules: a parentRef names a Gateway (group and kind defaulted,
 * namespace defaulting to the route's), optionally one listener (`sectionName`) or port; the listener must allow
 * the route's namespace (`allowedRoutes.namespaces.from`, `Same` by default) and kind, and its hostname must
 * intersect the route's hostnames. What the scan cannot tell (a Gateway outside it, a namespace selector over
 * Namespaces it does not hold, templated values) attaches nothing: unknown, never assumed.
 */

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** A Gateway API object of `kind` (any served version). */
export function isGatewayApi(resource: Resource, kind: string): boolean {
  return isKindOf(resource, GATEWAY_GROUP, kind);
}

export interface GatewayListener {
  gateway: Resource;
  name: string;
  protocol: string;
  port: number | undefined;
  hostname: string | undefined;
  body: JsonObject;
}

export interface ListenerAttachment {
  /** Index of the parentRef in `spec.parentRefs`. */
  parentRef: number;
  listeners: GatewayListener[];
}

/** The listeners of the scan's Gateways each parentRef of `route` attaches it to (parentRefs attaching none left out). */
export function routeAttachments(route: Resource, graph: ResourceGraph): ListenerAttachment[] {
  const spec = asObject(route.body.spec);
  if (!spec) return [];
  const hostnames = asArray(spec.hostnames).filter((host): host is string => typeof host === 'string');
  if (hostnames.some(isUnresolved)) return [];
  const attachments: ListenerAttachment[] = [];
  asArray(spec.parentRefs).forEach((entry, index) => {
    const ref = asObject(entry);
    const name = asString(ref?.name);
    if (!ref || name === undefined || isUnresolved(name)) return;
    if ((asString(ref.group) ?? GATEWAY_GROUP) !== GATEWAY_GROUP || (asString(ref.kind) ?? 'Gateway') !== 'Gateway') return;
    const namespace = asString(ref.namespace) ?? route.namespace;
    const gateway = graph.named('kubernetes', 'Gateway', name).find((candidate) => isGatewayApi(candidate, 'Gateway') && candidate.namespace === namespace);
    if (!gateway) return;
    // A templated or malformed listener choice is unknown, not "every listener".
    if ((ref.sectionName !== undefined && (typeof ref.sectionName !== 'string' || isUnresolved(ref.sectionName))) || (ref.port !== undefined && typeof ref.port !== 'number')) return;
    const sectionName = asString(ref.sectionName);
    const port = typeof ref.port === 'number' ? ref.port : undefined;
    const listeners = gatewayListeners(gateway).filter(
      (listener) =>
        (sectionName === undefined || listener.name === sectionName) &&
        (port === undefined || listener.port === port) &&
        allowsRoute(listener, route, graph) &&
        hostnamesIntersect(listener.hostname, hostnames),
    );
    if (listeners.length > 0) attachments.push({ parentRef: index, listeners });
  });
  return attachments;
}

export function gatewayListeners(gateway: Resource): GatewayListener[] {
  const listeners: GatewayListener[] = [];
  for (const entry of asArray(asObject(gateway.body.spec)?.listeners)) {
    const body = asObject(entry);
    const name = asString(body?.name);
    const protocol = asString(body?.protocol);
    if (!body || name === undefined || protocol === undefined) continue;
    const hostname = asString(body.hostname);
    listeners.push({ gateway, name, protocol: protocol.toUpperCase(), port: typeof body.port === 'number' ? body.port : undefined, hostname, body });
  }
  return listeners;
}

/** The route's namespace and kind are allowed on the listener (a selector over Namespaces outside the scan: no). */
function allowsRoute(listener: GatewayListener, route: Resource, graph: ResourceGraph): boolean {
  const allowed = asObject(listener.body.allowedRoutes);
  const kinds = asArray(allowed?.kinds);
  if (kinds.length > 0 && !kinds.some((kind) => asString(asObject(kind)?.kind) === route.type && (asString(asObject(kind)?.group) ?? GATEWAY_GROUP) === GATEWAY_GROUP)) return false;
  const namespaces = asObject(allowed?.namespaces);
  const from = asString(namespaces?.from) ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return route.namespace === listener.gateway.namespace;
  if (from !== 'Selector' || route.namespace === undefined) return false;
  const namespace = graph.named('kubernetes', 'Namespace', route.namespace)[0];
  // Every Namespace carries its name as a label; that one is known without the Namespace object.
  const labels = { ...labelsOf(asObject(namespace?.body.metadata)?.labels), 'kubernetes.io/metadata.name': route.namespace };
  const selector = namespaces?.selector;
  if (!namespace && !readsOnlyNameLabel(selector)) return false;
  return selectorMatches(selector, labels);
}

/** A selector that reads no label but the namespace's name (`{}` reads none): decidable without the Namespace. */
function readsOnlyNameLabel(selector: JsonValue | undefined): boolean {
  const object = asObject(selector);
  if (!object) return false;
  const keys = [...Object.keys(labelsOf(object.matchLabels)), ...asArray(object.matchExpressions).map((expression) => asString(asObject(expression)?.key))];
  return keys.every((key) => key === 'kubernetes.io/metadata.name');
}

/** Hostnames as the spec intersects them: no hostname matches all; `*.example.com` matches names below it. */
function hostnamesIntersect(listener: string | undefined, route: readonly string[]): boolean {
  if (listener === undefined || route.length === 0) return true;
  if (isUnresolved(listener)) return false;
  return route.some((host) => hostMatches(listener.toLowerCase(), host.toLowerCase()));
}

/** Two hostnames overlap: equal, or one a `*.` wildcard above the other. */
export function hostMatches(a: string, b: string): boolean {
  if (a === b) return true;
  const below = (wildcard: string, name: string): boolean => wildcard.startsWith('*.') && name.endsWith(wildcard.slice(1)) && name.length > wildcard.length - 1;
  return below(a, b) || below(b, a);
}

/** The path of a parentRef in a route's body. */
export function parentRefPath(index: number): NodePath {
  return ['spec', 'parentRefs', index];
}
