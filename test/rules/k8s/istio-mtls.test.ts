import rule from '../../../src/rules/k8s/istio-mtls.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'STRICT and UNSET peer authentication, templated and invalid modes, port-level STRICT',
      code: yaml`
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: { name: default, namespace: istio-system }
        spec: { mtls: { mode: STRICT } }
        ---
        apiVersion: security.istio.io/v1beta1
        kind: PeerAuthentication
        metadata: { name: default, namespace: shop }
        spec: { mtls: { mode: UNSET } }
        ---
        apiVersion: security.istio.io/v1beta1
        kind: PeerAuthentication
        metadata: { name: templated, namespace: shop }
        spec: { mtls: { mode: "{{ .Values.mtlsMode }}" } }
        ---
        apiVersion: security.istio.io/v1beta1
        kind: PeerAuthentication
        metadata: { name: lowercase, namespace: shop }
        spec: { mtls: { mode: permissive } }
        ---
        apiVersion: security.istio.io/v1beta1
        kind: PeerAuthentication
        metadata: { name: web, namespace: shop }
        spec:
          selector: { matchLabels: { app: web } }
          mtls: { mode: STRICT }
          portLevelMtls: { "8080": { mode: STRICT } }
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: { name: empty, namespace: shop }
      `,
    },
    {
      name: 'DestinationRules that keep or set TLS, verify certificates, or only balance load',
      code: yaml`
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: reviews, namespace: shop }
        spec:
          host: reviews.shop.svc.cluster.local
          trafficPolicy:
            loadBalancer: { simple: LEAST_REQUEST }
            tls: { mode: ISTIO_MUTUAL }
          subsets:
            - name: v1
              labels: { version: v1 }
              trafficPolicy: { portLevelSettings: [{ port: { number: 9080 }, tls: { mode: ISTIO_MUTUAL } }] }
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: { name: payments-api, namespace: shop }
        spec:
          host: api.payments.example.com
          trafficPolicy: { tls: { mode: SIMPLE, sni: api.payments.example.com, insecureSkipVerify: false } }
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: DestinationRule
        metadata: { name: lb-only, namespace: shop }
        spec: { host: ratings, trafficPolicy: { loadBalancer: { simple: ROUND_ROBIN } } }
      `,
    },
    {
      name: 'objects of other API groups with the same kinds are not Istio',
      code: yaml`
        apiVersion: example.com/v1
        kind: PeerAuthentication
        metadata: { name: other, namespace: shop }
        spec: { mtls: { mode: DISABLE } }
        ---
        apiVersion: example.com/v1
        kind: DestinationRule
        metadata: { name: other, namespace: shop }
        spec: { host: db, trafficPolicy: { tls: { mode: DISABLE } } }
      `,
    },
    {
      name: 'what Istio ignores or rejects: a selector policy in the root namespace, portLevelMtls without a selector; DISABLE toward the Kubernetes API server',
      code: yaml`
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: { name: root-selector, namespace: istio-system }
        spec:
          selector: { matchLabels: { app: httpbin } }
          mtls: { mode: DISABLE }
        ---
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: { name: default, namespace: foo }
        spec:
          mtls: { mode: STRICT }
          portLevelMtls: { "9090": { mode: DISABLE } }
        ---
        apiVersion: networking.istio.io/v1alpha3
        kind: DestinationRule
        metadata: { name: api-server, namespace: istio-system }
        spec:
          host: kubernetes.default.svc.cluster.local
          trafficPolicy: { tls: { mode: DISABLE } }
      `,
    },
  ],
  invalid: [
    {
      name: 'mesh-wide DISABLE, namespace-wide PERMISSIVE, a workload port DISABLE',
      code: yaml`
        apiVersion: security.istio.io/v1
        kind: PeerAuthentication
        metadata: { name: default, namespace: istio-system }
        spec:
          mtls:
            mode: DISABLE
        ---
        apiVersion: security.istio.io/v1beta1
        kind: PeerAuthentication
        metadata: { name: default, namespace: shop }
        spec:
          mtls: { mode: PERMISSIVE }
        ---
        apiVersion: security.istio.io/v1beta1
        kind: PeerAuthentication
        metadata: { name: web, namespace: shop }
        spec:
          selector:
            matchLabels: { app: web }
          mtls: { mode: STRICT }
          portLevelMtls:
            "8080":
              mode: DISABLE
      `,
      errors: [
        {
          line: 6,
          severity: 'high',
          message:
            'PeerAuthentication "istio-system/default" sets mTLS mode DISABLE for the whole mesh (no selector in the root namespace istio-system): the sidecars accept plain text only, so calls between workloads cross the network unencrypted and without workload identity.',
        },
        {
          line: 12,
          severity: 'medium',
          message:
            'PeerAuthentication "shop/default" sets mTLS mode PERMISSIVE for every workload of namespace "shop": the sidecars accept plain text next to mutual TLS',
        },
        { line: 23, severity: 'high', message: 'PeerAuthentication "shop/web" sets mTLS mode DISABLE for port 8080 of workloads matching app=web:' },
      ],
    },
    {
      name: 'DestinationRule TLS disabled for the host, on a port of a subset, and an unverified server certificate',
      code: yaml`
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: db, namespace: shop }
        spec:
          host: db.shop.svc.cluster.local
          trafficPolicy:
            tls:
              mode: DISABLE
          subsets:
            - name: v2
              trafficPolicy:
                portLevelSettings:
                  - port: { number: 5432 }
                    tls: { mode: DISABLE }
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: { name: partner, namespace: shop }
        spec:
          host: api.partner.example.com
          trafficPolicy:
            tls:
              mode: SIMPLE
              insecureSkipVerify: true
      `,
      errors: [
        {
          line: 8,
          severity: 'medium',
          message:
            'DestinationRule "shop/db" disables TLS to host "db.shop.svc.cluster.local" (tls.mode: DISABLE): the calling sidecars neither use Istio mutual TLS nor originate TLS to it, so unless the application speaks TLS itself the traffic crosses the network in plain text.',
        },
        { line: 14, severity: 'medium', message: 'DestinationRule "shop/db" disables TLS to host "db.shop.svc.cluster.local" (subset "v2") on port 5432 (tls.mode: DISABLE)' },
        {
          line: 24,
          severity: 'medium',
          message:
            'DestinationRule "shop/partner" skips verifying the server certificate of host "api.partner.example.com" (tls.insecureSkipVerify: true): whoever can intercept the connection can pose as the server and read the traffic.',
        },
      ],
    },
  ],
});
