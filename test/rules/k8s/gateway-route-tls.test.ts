import rule from '../../../src/rules/k8s/gateway-route-tls.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

/** A Gateway `edge` in namespace `net` with an HTTP and an HTTPS listener; `extra` is added to each listener. */
const gateway = (extra = '', http = 'http'): string => yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: Gateway
  metadata: { name: edge, namespace: net }
  spec:
    gatewayClassName: amazon-vpc-lattice
    listeners:
      - name: ${http}
        protocol: HTTP
        port: 80
        ${extra}
      - name: https
        protocol: HTTPS
        port: 443
        tls: { mode: Terminate, certificateRefs: [{ name: edge-cert }] }
        ${extra}
`;

ruleTester(rule, {
  valid: [
    {
      name: 'a route on the HTTPS listener, and the HTTP listener used only by a redirect',
      code: `${gateway('allowedRoutes: { namespaces: { from: All } }')}---
${yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: shop, namespace: shop }
  spec:
    parentRefs: [{ name: edge, namespace: net, sectionName: https }]
    rules:
      - backendRefs: [{ name: shop, port: 8080 }]
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: to-https, namespace: shop }
  spec:
    parentRefs: [{ name: edge, namespace: net, sectionName: http }]
    rules:
      - filters:
          - type: RequestRedirect
            requestRedirect: { scheme: https, statusCode: 301 }
`}`,
    },
    {
      name: 'not attached: another namespace on a Same listener, a port or hostname no HTTP listener has, a Gateway outside the scan',
      code: `${gateway('hostname: "*.internal.example.com"')}---
${yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: other-namespace, namespace: shop }
  spec:
    parentRefs: [{ name: edge, namespace: net }]
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: by-port, namespace: net }
  spec:
    parentRefs: [{ name: edge, port: 443 }]
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: other-host, namespace: net }
  spec:
    parentRefs: [{ name: edge }]
    hostnames: [shop.example.com]
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: elsewhere, namespace: net }
  spec:
    parentRefs: [{ name: shared-gateway, namespace: infra }]
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
`}`,
    },
    {
      name: 'unknown: a namespace selector over a Namespace outside the scan, an ExtensionRef filter, a mesh route',
      code: `${gateway('allowedRoutes: { namespaces: { from: Selector, selector: { matchLabels: { exposed: "true" } } } }')}---
${yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: selected, namespace: shop }
  spec:
    parentRefs: [{ name: edge, namespace: net, sectionName: http }]
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: vendor-redirect, namespace: net }
  spec:
    parentRefs: [{ name: edge, sectionName: http }]
    rules:
      - filters: [{ type: ExtensionRef, extensionRef: { group: gateway.example.io, kind: Redirect, name: https } }]
        backendRefs: [{ name: shop, port: 8080 }]
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: mesh, namespace: net }
  spec:
    parentRefs: [{ group: "", kind: Service, name: shop }]
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
`}`,
    },
    {
      name: 'templated or malformed listener choices, malformed parentRefs and listeners, a kinds entry of another group',
      code: `${gateway('allowedRoutes: { kinds: [{ group: example.io, kind: HTTPRoute }] }', 'http-other-group')}---
${yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: Gateway
  metadata: { name: broken, namespace: net }
  spec:
    listeners: { name: http, protocol: HTTP }
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: templated, namespace: net }
  spec:
    parentRefs:
      - { name: edge, sectionName: "{{ .Values.listener }}" }
      - { name: edge, port: "{{ .Values.port }}" }
      - { name: edge, sectionName: 1 }
      - not-a-parent-ref
      - { name: broken }
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: no-parents, namespace: net }
  spec:
    parentRefs: edge
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
`}`,
    },
    {
      name: 'hostnames that do not intersect: a wildcard against a name above it, and one wildcard against another domain',
      code: `${gateway('hostname: "*.shop.example.com"')}---
${yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: shop, namespace: net }
  spec:
    parentRefs: [{ name: edge, sectionName: http }]
    hostnames: [shop.example.com, "*.example.org"]
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
`}`,
    },
    {
      name: 'a route kind the HTTP listener does not admit',
      code: `${gateway('allowedRoutes: { kinds: [{ kind: GRPCRoute }] }')}---
${yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: shop, namespace: net }
  spec:
    parentRefs: [{ name: edge, sectionName: http }]
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
`}`,
    },
  ],
  invalid: [
    {
      name: 'a route pinned to the HTTP listener, one attached to every listener, and a gRPC route',
      code: `${gateway('allowedRoutes: { namespaces: { from: All } }')}---
${yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: shop, namespace: shop }
  spec:
    parentRefs:
      - name: edge
        namespace: net
        sectionName: http
    rules:
      - matches: [{ path: { type: PathPrefix, value: /api } }]
        backendRefs: [{ name: api, port: 8080 }]
      - filters:
          - type: RequestRedirect
            requestRedirect: { scheme: https }
        backendRefs: [{ name: web, port: 8080 }]
      - backendRefs: [{ name: web, port: 8080 }]
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: everywhere, namespace: net }
  spec:
    parentRefs: [{ name: edge }]
    rules: [{ backendRefs: [{ name: web, port: 8080 }] }]
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: GRPCRoute
  metadata: { name: orders, namespace: net }
  spec:
    parentRefs: [{ name: edge, port: 80 }]
    rules: [{ backendRefs: [{ name: orders, port: 9090 }] }]
`}`,
      errors: [
        { line: 22, message: 'HTTPRoute "shop" is served over plain HTTP: it attaches to the listener "http" (HTTP, port 80) of Gateway "net/edge", and its rules 1, 3 forward to backends instead of redirecting to HTTPS.' },
        { line: 38, message: 'HTTPRoute "everywhere"' },
        { line: 45, message: 'GRPCRoute "orders" is served over plain HTTP: it attaches to the listener "http" (HTTP, port 80) of Gateway "net/edge", and its rule 1 forwards to its backends in clear text.' },
      ],
    },
    {
      name: 'selected namespaces and intersecting hostnames',
      code: `${gateway('hostname: "*.example.com"\n        allowedRoutes: { namespaces: { from: Selector, selector: { matchLabels: { exposed: "true" } } } }', 'plain')}---
${yaml`
  apiVersion: v1
  kind: Namespace
  metadata: { name: shop, labels: { exposed: "true" } }
  ---
  apiVersion: gateway.networking.k8s.io/v1beta1
  kind: HTTPRoute
  metadata: { name: shop, namespace: shop }
  spec:
    parentRefs: [{ name: edge, namespace: net }]
    hostnames: [shop.example.com, shop.example.org]
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
`}`,
      errors: [{ line: 27, message: 'listener "plain" (HTTP, port 80)' }],
    },
    {
      name: 'wildcard hostnames on both sides (upper case), sectionName and port together, a name selector without the Namespace, an empty selector',
      code: `${gateway('hostname: "*.Example.com"\n        allowedRoutes: { namespaces: { from: Selector, selector: { matchExpressions: [{ key: kubernetes.io/metadata.name, operator: In, values: [shop] }] } } }')}---
${yaml`
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: shop, namespace: shop }
  spec:
    parentRefs: [{ name: edge, namespace: net, sectionName: http, port: 80 }]
    hostnames: ["*.shop.EXAMPLE.com"]
    rules: [{ backendRefs: [{ name: shop, port: 8080 }] }]
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: Gateway
  metadata: { name: open, namespace: default }
  spec:
    listeners:
      - { name: web, protocol: HTTP, port: 8080, allowedRoutes: { namespaces: { from: Selector, selector: {} } } }
  ---
  apiVersion: gateway.networking.k8s.io/v1
  kind: HTTPRoute
  metadata: { name: anywhere, namespace: team-a }
  spec:
    parentRefs: [{ name: open, namespace: default }]
    rules: [{ backendRefs: [{ name: web, port: 8080 }] }]
`}`,
      errors: [
        { line: 23, message: 'HTTPRoute "shop"' },
        { line: 38, message: 'HTTPRoute "anywhere" is served over plain HTTP: it attaches to the listener "web" (HTTP, port 8080) of Gateway "default/open"' },
      ],
    },
  ],
});
