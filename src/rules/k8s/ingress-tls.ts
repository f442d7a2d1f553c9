import type { ResourceGraph } from '../../graph/graph.js';
import { annotationPath, annotationsOf } from '../../graph/kubernetes.js';

import type { JsonObject, JsonValue, NodePath, Resource } from '../../model/types.js';
import { asArray, asObject, asString, isObject } from '../../util/json.js';
import { createRule, type RuleReport } from '../rule.js';
import { DEFAULT_ELB_SSL_POLICY, classifyElbSslPolicy } from '../../graph/network.js';
import { isUnresolved } from '../../util/template.js';

const ALB = 'alb.ingress.kubernetes.io/';
/** The AWS Load Balancer Controller, and EKS Auto Mode's built-in ALB controller. */
const ALB_CONTROLLERS = new Set(['ingress.k8s.aws/alb', 'eks.amazonaws.com/alb']);
const CERTIFICATE_ARN = `${ALB}certificate-arn`;
const LISTEN_PORTS = `${ALB}listen-ports`;
const SSL_REDIRECT = `${ALB}ssl-redirect`;
const SSL_POLICY = `${ALB}ssl-policy`;
const GROUP_NAME = `${ALB}group.name`;
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const NGINX_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';
const NGINX_FORCE_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/force-ssl-redirect';
const TRAEFIK_TLS = 'traefik.ingress.kubernetes.io/router.tls';

function isIngress(resource: Resource): boolean {
  if (resource.artifact !== 'kubernetes' || resource.type !== 'Ingress') return false;
  const group = (resource.apiVersion ?? '').split('/')[0];
  return group === 'networking.k8s.io' || group === 'extensions';
}

/** IngressClassParams (elbv2.k8s.aws) fields that change TLS, from the Ingress's IngressClass when it is in the scan. */
interface AlbClassParams {
  /** The IngressClass names IngressClassParams that are not in the scan: their settings are unknown. */
  unknown?: true;
  certificateArn: boolean;
  sslPolicy?: string;
  sslRedirectPort?: string;
  groupName?: string;
}

interface AlbView {
  resource: Resource;
  annotations: Record<string, string>;
  params: AlbClassParams | undefined;
  group: string | undefined;
  /** Who makes the ALB, as messages name it. */
  controllerName: string;
}

function ingressClassOf(resource: Resource, graph: ResourceGraph): { name?: string; controller?: string; params?: AlbClassParams; byDefault?: true } {
  const annotations = annotationsOf(resource);
  const name = asString(asObject(resource.body.spec)?.ingressClassName) ?? annotations[CLASS_ANNOTATION];
  const classes = graph.ofType('kubernetes', 'IngressClass');
  // Without a class, the cluster's default IngressClass (when the scan has it) takes the Ingress.
  const ingressClass =
    name !== undefined
      ? classes.find((candidate) => candidate.name === name)
      : classes.find((candidate) => annotationsOf(candidate)['ingressclass.kubernetes.io/is-default-class'] === 'true');
  if (!ingressClass) return name !== undefined ? { name } : {};
  const spec = asObject(ingressClass.body.spec) ?? {};
  const controller = asString(spec.controller);
  const parameters = asObject(spec.parameters);
  let params: AlbClassParams | undefined;
  if (parameters && parameters.kind === 'IngressClassParams') {
    const found = typeof parameters.name === 'string' ? graph.named('kubernetes', 'IngressClassParams', parameters.name)[0] : undefined;
    const body = asObject(found?.body.spec);
    if (!found) params = { unknown: true, certificateArn: false };
    else if (body) {
      // elbv2.k8s.aws uses certificateArn, EKS Auto Mode (eks.amazonaws.com) certificateARNs.
      params = { certificateArn: asArray(body.certificateArn).length > 0 || asArray(body.certificateARNs).length > 0 };
      const sslPolicy = asString(body.sslPolicy);
      if (sslPolicy !== undefined) params.sslPolicy = sslPolicy;
      const redirect = body.sslRedirectPort;
      if (typeof redirect === 'string' || typeof redirect === 'number') params.sslRedirectPort = String(redirect);
      const groupName = asString(asObject(body.group)?.name);
      if (groupName !== undefined) params.groupName = groupName;
    }
  }
  return { name: name ?? ingressClass.name, ...(controller !== undefined ? { controller } : {}), ...(params ? { params } : {}), ...(name === undefined ? { byDefault: true as const } : {}) };
}

/** Annotations that only another ingress controller reads: the Ingress is written for that controller. */
const OTHER_CONTROLLER_ANNOTATION = /^(nginx\.ingress\.kubernetes\.io|traefik\.ingress\.kubernetes\.io|haproxy\.org|haproxy\.router\.openshift\.io|konghq\.com|projectcontour\.io)\//;

/** Whether the AWS Load Balancer Controller reconciles the Ingress (an ALB). */
function albView(resource: Resource, graph: ResourceGraph): AlbView | undefined {
  const annotations = annotationsOf(resource);
  const ingressClass = ingressClassOf(resource, graph);
  const hasAlbAnnotations = Object.keys(annotations).some((key) => key.startsWith(ALB));
  const controller = ingressClass.controller;
  // A default ALB class found in the scan does not take an Ingress written for another controller: the scan may
  // hold several clusters' manifests, and this Ingress's cluster has its own default.
  const writtenForOther = ingressClass.byDefault === true && !hasAlbAnnotations && Object.keys(annotations).some((key) => OTHER_CONTROLLER_ANNOTATION.test(key));
  const classIsAlb = !writtenForOther && (controller !== undefined ? ALB_CONTROLLERS.has(controller) : ingressClass.name === 'alb');
  const classIsOther = controller !== undefined ? !ALB_CONTROLLERS.has(controller) : ingressClass.name !== undefined && /nginx|traefik|haproxy|kong|istio|contour/i.test(ingressClass.name);
  if (!classIsAlb && !(hasAlbAnnotations && !classIsOther)) return undefined;
  const group = annotations[GROUP_NAME] ?? ingressClass.params?.groupName;
  const controllerName = controller === 'eks.amazonaws.com/alb' ? 'EKS Auto Mode' : 'the AWS Load Balancer Controller';
  return { resource, annotations, params: ingressClass.params, group, controllerName };
}

/** ALB Ingresses by IngressGroup name: `ssl-redirect` and `ssl-policy` set on one member apply to the whole group. */
function albGroups(graph: ResourceGraph): Map<string, AlbView[]> {
  return graph.memo('ingress-tls/alb-groups', (g) => {
    const groups = new Map<string, AlbView[]>();
    for (const resource of g.ofType('kubernetes', 'Ingress')) {
      if (!isIngress(resource)) continue;
      const view = albView(resource, g);
      if (!view?.group) continue;
      groups.set(view.group, [...(groups.get(view.group) ?? []), view]);
    }
    return groups;
  });
}

type ListenPorts = Array<{ protocol: 'HTTP' | 'HTTPS'; port: number }>;

/** `[{"HTTP": 80}, {"HTTPS": 443}]`; undefined when templated or not that shape. */
function parseListenPorts(text: string): ListenPorts | undefined {
  if (isUnresolved(text)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(data)) return undefined;
  const ports: ListenPorts = [];
  for (const entry of data) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    for (const [protocol, port] of Object.entries(entry as Record<string, unknown>)) {
      const upper = protocol.toUpperCase();
      if (upper !== 'HTTP' && upper !== 'HTTPS') return undefined;
      ports.push({ protocol: upper, port: Number(port) });
    }
  }
  return ports;
}

export default createRule({
  meta: {
    id: 'k8s/ingress-tls',
    title: 'Ingresses must serve their hosts over TLS 1.2+ and not over plain HTTP',
    severity: 'high',
    seedPoints: ['NET-5'],
    artifacts: ['kubernetes'],
    description:
      'For an Ingress (networking.k8s.io, extensions) served by an in-cluster controller (ingress-nginx, Traefik...): reports a missing or empty `spec.tls` (Traefik `router.tls: "true"` also counts), each rule `host` that no `tls` entry covers (a `tls` entry without `hosts` covers every host; `*.example.com` covers one label), and `nginx.ingress.kubernetes.io/ssl-redirect: "false"` without `force-ssl-redirect`. For an Ingress reconciled by the AWS Load Balancer Controller or EKS Auto Mode (class `alb`, an IngressClass with controller `ingress.k8s.aws/alb` or `eks.amazonaws.com/alb` named by the Ingress or marked as the default class (not for an Ingress written for another controller: `nginx.ingress.kubernetes.io/*`, Traefik, HAProxy, Kong or Contour annotations and no ALB ones), or `alb.ingress.kubernetes.io/*` annotations), TLS is the ALB listener configuration: the listeners are `alb.ingress.kubernetes.io/listen-ports`, defaulting to HTTPS:443 when `certificate-arn` (annotation or IngressClassParams) is set and to HTTP:80 otherwise (`spec.tls` alone does not create an HTTPS listener); it reports an ALB without HTTPS listener, HTTP listeners next to HTTPS without `ssl-redirect` (annotation on any Ingress of the same IngressGroup, IngressClassParams `sslRedirectPort`, or the older form: an `actions.<name>` redirect to HTTPS that every rule sends all paths to first, with port `use-annotation`: `/` with pathType Prefix, or `/*` ImplementationSpecific or in extensions/v1beta1, ahead of the rule\'s other paths in the controller\'s order Exact, Prefix, ImplementationSpecific), and an HTTPS listener without `ssl-policy` (the default ELBSecurityPolicy-2016-08 accepts TLS 1.0) or with a policy weaker than TLS 1.2.',
    rationale:
      'Without TLS, credentials, session cookies and personal data cross the network in clear text and can be read or altered by anyone on the path. Serving plain HTTP next to HTTPS without a redirect lets clients (and downgrade attackers) keep using the clear-text port; TLS 1.0 and 1.1 are deprecated (RFC 8996).',
    remediation:
      'ingress-nginx and similar: add `spec.tls` entries whose `hosts` cover every rule host, with a certificate Secret (e.g. from cert-manager), and keep the default HTTPS redirect. ALB: set `alb.ingress.kubernetes.io/listen-ports: \'[{"HTTP": 80}, {"HTTPS": 443}]\'`, `alb.ingress.kubernetes.io/ssl-redirect: "443"`, `alb.ingress.kubernetes.io/certificate-arn: <ACM ARN>` (or rely on certificate discovery from the hosts) and `alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06`.',
    limitations:
      'TLS terminated in front of the ingress controller (an NLB with a TLS listener, CloudFront) is not visible on the Ingress; suppress the rule there. Rules without `host` (catch-all) are not checked for coverage: the controller serves them with its default certificate. IngressClass and IngressClassParams are used when they are in the scan; otherwise the class name `alb` or the ALB annotations decide, and IngressClassParams settings are unknown: an IngressClass naming IngressClassParams that are not in the scan leaves the certificate, redirect and policy unknown (only listen-ports written on the Ingress are judged). The controller flag `--default-ssl-policy` can change the default ALB policy; set the annotation explicitly to make it visible.',
    references: {
      peers: [{ tool: 'polaris', id: 'polaris:tlsSettingsMissing' }],
      frameworks: [
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Network separation and hardening: Encryption in transit' },
        { framework: 'AWS FSBP', id: 'ELB.1' },
      ],
    },
  },
  appliesTo: isIngress,
  check({ resource, graph, report }) {
    const alb = albView(resource, graph);
    if (alb) checkAlb(alb, graph, report);
    else checkInCluster(resource, report);
  },
});

function ingressName(resource: Resource): string {
  return `Ingress "${resource.name}"`;
}

function checkInCluster(resource: Resource, report: (report: RuleReport) => void): void {
  const name = ingressName(resource);
  const annotations = annotationsOf(resource);
  const spec = asObject(resource.body.spec);
  const tls = spec?.tls;
  if (isUnresolved(tls)) return;
  const hosts = ruleHosts(spec);
  if (!Array.isArray(tls) || tls.length === 0) {
    if (annotations[TRAEFIK_TLS] === 'true' || isUnresolved(annotations[TRAEFIK_TLS])) return;
    const served = hosts.filter(({ host }) => !isUnresolved(host)).map(({ host }) => host);
    report({
      path: spec ? (tls === undefined || tls === null ? ['spec'] : ['spec', 'tls']) : ['metadata'],
      message: `${name} has no TLS configuration (spec.tls is ${tls === undefined || tls === null ? 'missing' : 'empty'}): ${served.length > 0 ? `hosts ${served.join(', ')} are` : 'it is'} served over plain HTTP.`,
    });
    return;
  }
  // Hosts covered by the tls entries; an entry without hosts covers every host (the controller's default certificate).
  const covered: string[] = [];
  let coversAll = false;
  for (const entry of tls) {
    const item = asObject(entry);
    if (!item) continue;
    if (isUnresolved(item.hosts)) return;
    if (item.hosts === undefined || item.hosts === null || (Array.isArray(item.hosts) && item.hosts.length === 0)) {
      coversAll = true;
      continue;
    }
    for (const host of asArray(item.hosts)) {
      if (typeof host !== 'string') continue;
      if (isUnresolved(host)) return;
      covered.push(host.toLowerCase());
    }
  }
  if (!coversAll) {
    for (const { host, path } of hosts) {
      if (isUnresolved(host) || hostCovered(host.toLowerCase(), covered)) continue;
      report({
        path,
        message: `${name} serves host "${host}" without TLS: no spec.tls entry lists it (TLS hosts: ${covered.join(', ')}).`,
        fix: `Add "${host}" to the hosts of a spec.tls entry whose certificate covers it.`,
      });
    }
  }
  const redirect = annotations[NGINX_SSL_REDIRECT];
  if (redirect !== undefined && redirect.trim().toLowerCase() === 'false' && annotations[NGINX_FORCE_SSL_REDIRECT]?.trim().toLowerCase() !== 'true') {
    report({
      path: annotationPath(NGINX_SSL_REDIRECT),
      message: `${name} sets ${NGINX_SSL_REDIRECT}: "false": its hosts stay reachable over plain HTTP next to HTTPS.`,
      fix: `Remove ${NGINX_SSL_REDIRECT} (ingress-nginx redirects to HTTPS by default when TLS is configured).`,
    });
  }
}

function ruleHosts(spec: JsonObject | undefined): Array<{ host: string; path: NodePath }> {
  const hosts: Array<{ host: string; path: NodePath }> = [];
  asArray(spec?.rules).forEach((rule, index) => {
    const host = asObject(rule)?.host;
    if (typeof host === 'string' && host !== '') hosts.push({ host, path: ['spec', 'rules', index, 'host'] });
  });
  return hosts;
}

/** Exact match, or a `*.` wildcard TLS host covering exactly one more label. */
function hostCovered(host: string, tlsHosts: readonly string[]): boolean {
  return tlsHosts.some((tlsHost) => {
    if (tlsHost === host) return true;
    if (!tlsHost.startsWith('*.')) return false;
    const suffix = tlsHost.slice(1);
    if (!host.endsWith(suffix)) return false;
    const label = host.slice(0, -suffix.length);
    return label !== '' && !label.includes('.') && label !== '*';
  });
}

function checkAlb(alb: AlbView, graph: ResourceGraph, report: (report: RuleReport) => void): void {
  const { resource, annotations, params } = alb;
  const name = ingressName(resource);
  const members = alb.group !== undefined ? (albGroups(graph).get(alb.group) ?? [alb]) : [alb];
  const fromGroup = (key: string): { value: string; owner: Resource } | undefined => {
    for (const member of [alb, ...members.filter((candidate) => candidate.resource !== resource)]) {
      const value = member.annotations[key];
      if (value !== undefined) return { value, owner: member.resource };
    }
    return undefined;
  };

  const certificateArn = annotations[CERTIFICATE_ARN];
  const explicitCertificates = (certificateArn !== undefined && certificateArn.trim() !== '') || params?.certificateArn === true;
  // IngressClassParams outside the scan may set the certificate, the redirect and the policy.
  const paramsUnknown = params?.unknown === true;
  const listenText = annotations[LISTEN_PORTS];
  let listeners: ListenPorts;
  if (listenText !== undefined) {
    const parsed = parseListenPorts(listenText);
    if (!parsed) return;
    listeners = parsed;
  } else if (paramsUnknown && !explicitCertificates) {
    return;
  } else {
    listeners = explicitCertificates ? [{ protocol: 'HTTPS', port: 443 }] : [{ protocol: 'HTTP', port: 80 }];
  }
  const listenPath: NodePath = listenText !== undefined ? annotationPath(LISTEN_PORTS) : isObject(asObject(resource.body.metadata)?.annotations) ? ['metadata', 'annotations'] : ['metadata'];
  const https = listeners.filter((listener) => listener.protocol === 'HTTPS');
  const http = listeners.filter((listener) => listener.protocol === 'HTTP');
  const list = (ports: ListenPorts): string => ports.map((listener) => `${listener.protocol}:${listener.port}`).join(', ');

  if (https.length === 0) {
    const why =
      listenText !== undefined
        ? `${LISTEN_PORTS} only opens ${list(http)}`
        : `without ${LISTEN_PORTS} or ${CERTIFICATE_ARN} ${alb.controllerName} creates only an HTTP:80 listener${hasTls(resource.body.spec) ? ' (spec.tls alone does not create an HTTPS listener on an ALB)' : ''}`;
    report({
      path: listenPath,
      message: `${name} is served by an ALB over plain HTTP only: ${why}.`,
      // Certificate discovery matches ACM certificates to the rules' hosts: none without a host.
      fix: `Set ${LISTEN_PORTS}: '[{"HTTP": 80}, {"HTTPS": 443}]' with ${SSL_REDIRECT}: "443", and ${CERTIFICATE_ARN}${ruleHosts(asObject(resource.body.spec)).length > 0 ? ' (or let the controller discover the ACM certificate from the Ingress hosts)' : ''}.`,
    });
    return;
  }

  if (http.length > 0) {
    const redirect = fromGroup(SSL_REDIRECT);
    if (redirect === undefined && params?.sslRedirectPort === undefined && !paramsUnknown && !redirectsByAction(resource, annotations)) {
      report({
        path: listenPath,
        message: `${name} opens ALB listener${http.length > 1 ? 's' : ''} ${list(http)} next to ${list(https)} without ${SSL_REDIRECT}: plain HTTP is served instead of being redirected.`,
        fix: `Add ${SSL_REDIRECT}: "${https[0]?.port ?? 443}", or remove the HTTP listener from ${LISTEN_PORTS}.`,
      });
    }
  }

  const policy = fromGroup(SSL_POLICY);
  const policyValue = policy?.value ?? params?.sslPolicy;
  if (policyValue === undefined) {
    if (paramsUnknown) return;
    report({
      // The missing annotation: located at its nearest existing parent (the annotations).
      path: annotationPath(SSL_POLICY),
      message: `${name} has ALB HTTPS listener${https.length > 1 ? 's' : ''} ${list(https)} without ${SSL_POLICY}: the default ${DEFAULT_ELB_SSL_POLICY} still accepts TLS 1.0 and 1.1.`,
      fix: `Add ${SSL_POLICY}: ELBSecurityPolicy-TLS13-1-2-2021-06.`,
    });
  } else if (classifyElbSslPolicy(policyValue) === 'weak') {
    const own = policy?.owner === resource;
    report({
      path: own ? annotationPath(SSL_POLICY) : listenPath,
      message: `${name} uses the ALB security policy ${policyValue}${policy && !own ? ` (set on Ingress "${policy.owner.name}" of its IngressGroup)` : policy ? '' : ' (from its IngressClassParams)'}, which accepts protocols older than TLS 1.2.`,
      fix: `Set ${SSL_POLICY}: ELBSecurityPolicy-TLS13-1-2-2021-06 (or another TLS 1.2+ policy).`,
    });
  }
}

/**
 * The redirect written before the `ssl-redirect` annotation existed: a custom action
 * (`alb.ingress.kubernetes.io/actions.<name>: {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", ...}}`)
 * that the first path of every rule sends to (`backend.service.name: <name>`, port name `use-annotation`) on `/` or
 * `/*`: the controller puts it first on the HTTP listeners (and leaves it out of HTTPS ones, where it would loop).
 */
function redirectsByAction(resource: Resource, annotations: Readonly<Record<string, string>>): boolean {
  const actions = new Set<string>();
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(`${ALB}actions.`)) continue;
    let action: JsonValue;
    try {
      action = JSON.parse(value) as JsonValue;
    } catch {
      continue;
    }
    const config = asObject(asObject(action)?.RedirectConfig);
    if (asString(asObject(action)?.Type)?.toLowerCase() === 'redirect' && asString(config?.Protocol)?.toUpperCase() === 'HTTPS') actions.add(key.slice(`${ALB}actions.`.length));
  }
  if (actions.size === 0) return false;
  const rules = asArray(asObject(resource.body.spec)?.rules);
  return (
    rules.length > 0 &&
    rules.every((rule) => {
      // The controller orders a rule's paths Exact, then Prefix, then ImplementationSpecific (as written, an ALB
      // path pattern): the redirect must come first in that order and match every path.
      const paths = asArray(asObject(asObject(rule)?.http)?.paths).map((entry) => asObject(entry));
      const kind = (entry: JsonObject | undefined): number => ({ Exact: 0, Prefix: 1 })[asString(entry?.pathType) ?? ''] ?? 2;
      const first = [...paths].sort((a, b) => kind(a) - kind(b))[0];
      // Exact paths go first and Prefix paths longest first: another Exact path, a longer Prefix path, or a path of the
      // same kind written before the redirect is matched before it.
      const at = paths.indexOf(first);
      const ahead = paths.some(
        (entry, index) =>
          entry !== first &&
          (kind(entry) < kind(first) || (kind(entry) === kind(first) && ((kind(first) === 1 && (asString(entry?.path) ?? '/').length > (asString(first?.path) ?? '/').length) || index < at))),
      );
      if (ahead) return false;
      const backend = asObject(first?.backend);
      // networking.k8s.io/v1 `service: {name, port: {name}}`, extensions/v1beta1 `serviceName` / `servicePort`.
      const service = asObject(backend?.service);
      const target = asString(service?.name) ?? asString(backend?.serviceName);
      const port = asString(asObject(service?.port)?.name) ?? asString(backend?.servicePort);
      const path = asString(first?.path) ?? '/';
      const everyPath = kind(first) === 1 ? path === '/' : kind(first) === 2 && path === '/*';
      return target !== undefined && actions.has(target) && port === 'use-annotation' && everyPath;
    })
  );
}

function hasTls(spec: JsonValue | undefined): boolean {
  const tls = asObject(spec)?.tls;
  return Array.isArray(tls) && tls.length > 0;
}
