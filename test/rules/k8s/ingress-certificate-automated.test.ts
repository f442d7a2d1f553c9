import rule from '../../../src/rules/k8s/ingress-certificate-automated.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const b64 = (text: string): string => Buffer.from(text).toString('base64');
const KEY = b64(['-----BEGIN ', 'EC PRIVATE KEY-----\nMHcCAQEEIBk\n-----END ', 'EC PRIVATE KEY-----\n'].join(''));

ruleTester(rule, {
  valid: [
    {
      name: 'cert-manager cluster-issuer annotation',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            cert-manager.io/cluster-issuer: letsencrypt-prod
        spec:
          ingressClassName: nginx
          tls:
            - hosts: [web.example.com]
              secretName: web-tls
          rules:
            - host: web.example.com
      `,
    },
    {
      name: 'cert-manager Certificate in the scan writing the TLS secret (other file)',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: web, namespace: web }
        spec:
          ingressClassName: nginx
          tls:
            - hosts: [web.example.com]
              secretName: web-tls
      `,
      others: [
        {
          filename: 'certificate.yaml',
          code: yaml`
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: { name: web, namespace: web }
            spec:
              secretName: web-tls
              dnsNames: [web.example.com]
              issuerRef: { name: letsencrypt-prod, kind: ClusterIssuer }
          `,
        },
      ],
    },
    {
      name: 'AWS Load Balancer Controller: ACM certificate ARN, and ACM discovery from the alb class',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/1234
        spec:
          tls:
            - hosts: [web.example.com]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: api
          annotations:
            kubernetes.io/ingress.class: alb
        spec:
          tls:
            - hosts: [api.example.com]
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: internal
          annotations:
            ingressclass.kubernetes.io/is-default-class: "true"
        spec:
          controller: ingress.k8s.aws/alb
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: admin }
        spec:
          tls:
            - hosts: [admin.example.com]
              secretName: ignored-by-alb
      `,
    },
    {
      name: 'Traefik ACME resolver, tls-acme, templated secret name, Ingress without TLS',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: a
          annotations:
            traefik.ingress.kubernetes.io/router.tls.certresolver: le
        spec:
          tls:
            - hosts: [a.example.com]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: b
          annotations:
            kubernetes.io/tls-acme: "true"
        spec:
          tls:
            - hosts: [b.example.com]
              secretName: b-tls
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: c }
        spec:
          ingressClassName: nginx
          tls:
            - hosts: [c.example.com]
              secretName: "{{ .Values.tls.secretName }}"
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: d }
        spec:
          rules: [{ host: d.example.com }]
      `,
    },
  ],
  invalid: [
    {
      name: 'committed TLS Secret served by nginx',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: web-tls, namespace: web }
        type: kubernetes.io/tls
        data:
          tls.crt: Y2VydA==
          tls.key: ${KEY}
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: web, namespace: web }
        spec:
          ingressClassName: nginx
          tls:
            - hosts: [web.example.com, www.example.com]
              secretName: web-tls
      `,
      errors: [
        {
          line: 16,
          column: 7,
          message:
            'TLS entry for web.example.com, www.example.com serves the committed TLS Secret "web-tls" (its private key is in the repository) instead of a certificate issued by cert-manager or ACM.',
        },
      ],
    },
    {
      name: 'no automated source, ExternalSecret source, missing secretName with and without cert-manager',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: web }
        spec:
          ingressClassName: nginx
          tls:
            - hosts: [web.example.com]
              secretName: web-tls
            - hosts: [shop.example.com]
              secretName: shop-tls
            - hosts: [blog.example.com]
        ---
        apiVersion: external-secrets.io/v1beta1
        kind: ExternalSecret
        metadata: { name: shop-cert }
        spec:
          target: { name: shop-tls }
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: api
          annotations:
            cert-manager.io/issuer: internal-ca
        spec:
          tls:
            - hosts: [api.example.com]
      `,
      errors: [
        { line: 8, message: 'TLS entry for web.example.com uses Secret "web-tls" with no automated source' },
        { line: 10, message: 'uses Secret "shop-tls" from ExternalSecret "shop-cert": the certificate is copied from a store' },
        { line: 11, message: 'TLS entry for blog.example.com has no secretName and no automated certificate' },
        { line: 27, message: 'cert-manager only issues certificates for TLS entries that name the Secret' },
      ],
    },
    {
      name: 'ACM annotation on a non-ALB class is ignored by that controller; Certificate in another namespace',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: web
          annotations:
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/1234
        spec:
          ingressClassName: nginx
          tls:
            - secretName: web-tls
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: { name: web, namespace: other }
        spec:
          secretName: web-tls
          issuerRef: { name: le, kind: ClusterIssuer }
      `,
      errors: [{ line: 11, message: 'TLS entry 1 uses Secret "web-tls" with no automated source' }],
    },
    {
      name: 'JSON input, legacy extensions/v1beta1',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'extensions/v1beta1',
          kind: 'Ingress',
          metadata: { name: 'old', annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
          spec: { tls: [{ hosts: ['old.example.com'], secretName: 'old-tls' }] },
        },
        null,
        2,
      ),
      errors: [{ line: 16, message: 'uses Secret "old-tls" with no automated source' }],
    },
  ],
});
