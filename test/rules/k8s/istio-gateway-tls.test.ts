import rule from '../../../src/rules/k8s/istio-gateway-tls.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const GATEWAY = yaml`
  apiVersion: networking.istio.io/v1
  kind: Gateway
  metadata: { name: public, namespace: istio-system }
  spec:
    selector: { istio: ingressgateway }
    servers:
      - port: { number: 443, name: https, protocol: HTTPS }
        hosts: ["shop/shop.example.com"]
        tls: { mode: SIMPLE, credentialName: shop-tls }
      - port: { number: 80, name: http, protocol: HTTP }
        hosts: ["shop/shop.example.com"]
`;

ruleTester(rule, {
  valid: [
    {
      name: 'HTTP server with httpsRedirect; TLS 1.2 and 1.3 minimums; a passthrough server with an old minimum; routes on HTTPS only',
      code: yaml`
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: { name: public, namespace: istio-system }
        spec:
          servers:
            - port: { number: 80, name: http, protocol: HTTP }
              hosts: ["*"]
              tls: { httpsRedirect: true }
            - port: { number: 443, name: https, protocol: HTTPS }
              hosts: ["*"]
              tls: { mode: SIMPLE, credentialName: shop-tls, minProtocolVersion: TLSV1_2 }
            - port: { number: 8443, name: tls13, protocol: HTTPS }
              hosts: ["*"]
              tls: { mode: SIMPLE, credentialName: shop-tls, minProtocolVersion: TLSV1_3 }
            - port: { number: 9443, name: passthrough, protocol: TLS }
              hosts: ["*"]
              tls: { mode: PASSTHROUGH, minProtocolVersion: TLSV1_0 }
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: shop, namespace: shop }
        spec:
          hosts: [shop.example.com]
          gateways: [istio-system/public]
          http: [{ route: [{ destination: { host: shop } }] }]
      `,
    },
    {
      name: 'VirtualServices that do not reach the plain server: mesh only, another namespace, other hosts, redirects, no Gateway in the scan, templated',
      code: `${GATEWAY}---\n${yaml`
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: mesh-only, namespace: shop }
        spec:
          hosts: [shop.example.com]
          gateways: [mesh]
          http: [{ route: [{ destination: { host: shop } }] }]
        ---
        # The server admits the shop namespace only.
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: other-namespace, namespace: blog }
        spec:
          hosts: [shop.example.com]
          gateways: [istio-system/public]
          http: [{ route: [{ destination: { host: blog } }] }]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: other-host, namespace: shop }
        spec:
          hosts: [admin.example.com]
          gateways: [istio-system/public]
          http: [{ route: [{ destination: { host: admin } }] }]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: redirects, namespace: shop }
        spec:
          hosts: [shop.example.com]
          gateways: [istio-system/public]
          http:
            - redirect: { scheme: https }
            - directResponse: { status: 404 }
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: elsewhere, namespace: shop }
        spec:
          hosts: [shop.example.com]
          gateways: [istio-system/not-in-scan]
          http: [{ route: [{ destination: { host: shop } }] }]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: templated, namespace: shop }
        spec:
          hosts: ["{{ .Values.host }}"]
          gateways: [istio-system/public]
          http: [{ route: [{ destination: { host: shop } }] }]
      `}`,
    },
    {
      name: 'routes that do not reach the plain server: match.gateways limited to the mesh, match.port 443, ACME HTTP-01 challenges, a templated match port',
      code: `${GATEWAY}---\n${yaml`
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: shop, namespace: shop }
        spec:
          hosts: [shop.example.com]
          gateways: [istio-system/public, mesh]
          http:
            - match: [{ gateways: [istio-system/public], port: 80 }]
              redirect: { scheme: https, redirectCode: 301 }
            - match: [{ gateways: [mesh] }]
              route: [{ destination: { host: shop.shop.svc.cluster.local } }]
            - match: [{ gateways: [public.istio-system], port: 443 }]
              route: [{ destination: { host: shop.shop.svc.cluster.local } }]
            - match: [{ port: "{{ .Values.port }}" }]
              route: [{ destination: { host: shop.shop.svc.cluster.local } }]
        ---
        # cert-manager's HTTP-01 solver must answer over plain HTTP on port 80.
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: acme, namespace: shop }
        spec:
          hosts: [shop.example.com]
          gateways: [istio-system/public]
          http:
            - match: [{ uri: { prefix: /.well-known/acme-challenge/ } }]
              route: [{ destination: { host: cm-acme-http-solver, port: { number: 8089 } } }]
      `}`,
    },
    {
      name: 'templated tls settings are unknown; an HTTP server with a TLS version is no TLS server',
      code: yaml`
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: { name: chart, namespace: web }
        spec:
          servers:
            - port: { number: 80, name: http, protocol: HTTP }
              hosts: ["*"]
              tls: { httpsRedirect: "{{ .Values.redirect }}", minProtocolVersion: TLSV1_0 }
            - port: { number: 8080, name: http-alt, protocol: HTTP }
              hosts: ["*"]
              tls: "{{ .Values.tls }}"
            - port: { number: 443, name: https, protocol: HTTPS }
              hosts: ["*"]
              tls: { mode: "{{ .Values.mode }}", minProtocolVersion: TLSV1_1 }
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: app, namespace: web }
        spec:
          hosts: [app.example.com]
          gateways: [chart]
          http: [{ route: [{ destination: { host: app } }] }]
      `,
    },
  ],
  invalid: [
    {
      name: 'Istio gateway references ./name and name.namespace; an egress gateway reached in plain text from the mesh (medium)',
      code: yaml`
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: { name: web-gw, namespace: web }
        spec:
          selector: { istio: ingressgateway }
          servers: [{ port: { number: 80, name: http, protocol: HTTP }, hosts: ["*"] }]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: app, namespace: web }
        spec:
          hosts: [app.example.com]
          gateways: [./web-gw, web-gw.web.svc.cluster.local]
          http: [{ route: [{ destination: { host: app.web.svc.cluster.local } }] }]
        ---
        apiVersion: networking.istio.io/v1
        kind: Gateway
        metadata: { name: istio-egressgateway, namespace: istio-system }
        spec:
          selector: { istio: egressgateway }
          servers: [{ port: { number: 80, name: http-port-for-tls-origination, protocol: HTTP }, hosts: [edition.cnn.com] }]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: direct-cnn, namespace: istio-system }
        spec:
          hosts: [edition.cnn.com]
          gateways: [istio-egressgateway, mesh]
          http:
            - match: [{ gateways: [mesh], port: 80 }]
              route: [{ destination: { host: istio-egressgateway.istio-system.svc.cluster.local, subset: cnn, port: { number: 80 } } }]
            - match: [{ gateways: [istio-egressgateway], port: 80 }]
              route: [{ destination: { host: edition.cnn.com, port: { number: 443 } } }]
      `,
      errors: [
        { line: 13, message: 'VirtualService "web/app" serves its HTTP routes on the server "http" (HTTP, port 80) of Istio Gateway "web/web-gw"' },
        { line: 13, message: 'VirtualService "web/app" serves its HTTP routes' },
        {
          line: 28,
          severity: 'medium',
          message: 'VirtualService "istio-system/direct-cnn" sends mesh traffic through the server "http-port-for-tls-origination" (HTTP, port 80) of Istio Gateway "istio-system/istio-egressgateway": the hop from the sidecars to the egress gateway is plain text',
        },
      ],
    },
    {
      name: 'TLS 1.0 and 1.1 minimums on terminating servers',
      code: yaml`
        apiVersion: networking.istio.io/v1beta1
        kind: Gateway
        metadata: { name: legacy, namespace: istio-system }
        spec:
          servers:
            - port: { number: 443, name: https, protocol: https }
              hosts: ["*"]
              tls:
                mode: SIMPLE
                credentialName: legacy-tls
                minProtocolVersion: TLSV1_0
            - port: { number: 8443, protocol: TLS }
              hosts: ["*"]
              tls: { mode: MUTUAL, credentialName: legacy-mtls, minProtocolVersion: TLSV1_1 }
      `,
      errors: [
        {
          line: 11,
          message:
            'The server "https" (HTTPS, port 443) of Istio Gateway "istio-system/legacy" accepts TLS 1.0 (tls.minProtocolVersion: TLSV1_0): TLS 1.0 and 1.1 are deprecated (RFC 8996) and open to downgrade attacks; Istio\'s default is TLS 1.2.',
        },
        { line: 14, message: 'The server (TLS, port 8443) of Istio Gateway "istio-system/legacy" accepts TLS 1.1' },
      ],
    },
    {
      name: 'routes forwarded through a plain-HTTP server: by namespace/name, by name in the same namespace, wildcard hosts, delegation',
      code: `${GATEWAY}---\n${yaml`
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: { name: shop, namespace: shop }
        spec:
          hosts: [shop.example.com]
          gateways:
            - mesh
            - istio-system/public
          http:
            - match: [{ uri: { prefix: /old } }]
              redirect: { uri: /new }
            - route: [{ destination: { host: shop } }]
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: Gateway
        metadata: { name: internal, namespace: tools }
        spec:
          servers:
            - port: { number: 8080, name: http-internal, protocol: HTTP2 }
              hosts: ["./*.tools.example.com"]
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: VirtualService
        metadata: { name: grafana, namespace: tools }
        spec:
          hosts: [grafana.tools.example.com]
          gateways: [internal]
          http: [{ delegate: { name: grafana-routes, namespace: tools } }]
      `}`,
      errors: [
        {
          line: 20,
          message:
            'VirtualService "shop/shop" serves its HTTP routes on the server "http" (HTTP, port 80) of Istio Gateway "istio-system/public", which has no tls.httpsRedirect: requests, credentials and responses cross the network in clear text.',
        },
        { line: 39, message: 'VirtualService "tools/grafana" serves its HTTP routes on the server "http-internal" (HTTP2, port 8080) of Istio Gateway "tools/internal"' },
      ],
    },
  ],
});
