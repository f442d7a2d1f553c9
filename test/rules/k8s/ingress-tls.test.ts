import rule from '../../../src/rules/k8s/ingress-tls.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Polaris success: tls entry; a rule without host is served with the TLS configuration',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: minimal-ingress
          annotations:
            nginx.ingress.kubernetes.io/rewrite-target: /
        spec:
          tls:
            - secretName: example
              hosts:
              - example.com
          rules:
          - http:
              paths:
              - path: /testpath
                pathType: Prefix
                backend:
                  service:
                    name: test
                    port:
                      number: 80
      `,
    },
    {
      name: 'every rule host covered, exactly or by a one-label wildcard',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop, namespace: shop }
        spec:
          ingressClassName: nginx
          tls:
            - hosts: [shop.example.com, "*.api.example.com"]
              secretName: shop-tls
          rules:
            - host: shop.example.com
            - host: v1.api.example.com
      `,
    },
    {
      name: 'a tls entry without hosts covers every host (default certificate)',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: any }
        spec:
          tls: [{ secretName: wildcard }]
          rules: [{ host: a.example.com }, { host: b.example.org }]
      `,
    },
    {
      name: 'ALB with HTTPS, redirect and a TLS 1.2+ policy',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
            alb.ingress.kubernetes.io/ssl-redirect: "443"
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc
            alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
        spec:
          ingressClassName: alb
          rules: [{ host: web.example.com }]
      `,
    },
    {
      name: 'ALB: certificate-arn alone makes the default listener HTTPS:443',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            kubernetes.io/ingress.class: alb
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc
            alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-FS-1-2-Res-2020-10
      `,
    },
    {
      name: 'ALB IngressGroup: ssl-redirect and ssl-policy set on another member apply to the whole group',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: api
          annotations:
            alb.ingress.kubernetes.io/group.name: shop
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
        spec:
          ingressClassName: alb
          rules: [{ host: api.example.com }]
      `,
      others: [
        {
          filename: 'group.yaml',
          code: yaml`
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: front
              annotations:
                alb.ingress.kubernetes.io/group.name: shop
                alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
                alb.ingress.kubernetes.io/ssl-redirect: "443"
                alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-3-2021-06
            spec:
              ingressClassName: alb
              rules: [{ host: www.example.com }]
          `,
        },
      ],
    },
    {
      name: 'ALB through an IngressClass whose IngressClassParams set certificate, policy and redirect',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
        spec:
          ingressClassName: internet
          rules: [{ host: web.example.com }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: { name: internet }
        spec:
          controller: ingress.k8s.aws/alb
          parameters: { apiGroup: elbv2.k8s.aws, kind: IngressClassParams, name: internet }
        ---
        apiVersion: elbv2.k8s.aws/v1beta1
        kind: IngressClassParams
        metadata: { name: internet }
        spec:
          certificateArn: [arn:aws:acm:eu-west-1:111122223333:certificate/abc]
          sslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
          sslRedirectPort: "443"
      `,
    },
    {
      // EKS Blueprints' Auto Mode sample: the IngressClassParams are applied elsewhere.
      name: 'IngressClassParams named by the IngressClass but not in the scan: certificate, redirect and policy unknown',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: { name: alb }
        spec:
          controller: eks.amazonaws.com/alb
          parameters: { apiGroup: eks.amazonaws.com, kind: IngressClassParams, name: alb }
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: web, namespace: web }
        spec:
          ingressClassName: alb
          rules: [{ http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }] } }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: both
          namespace: web
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
        spec:
          ingressClassName: alb
          rules: [{ host: web.example.com }]
      `,
    },
    {
      name: 'templated values are unknown',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: t
          annotations:
            alb.ingress.kubernetes.io/listen-ports: "{{ .Values.listenPorts }}"
        spec:
          ingressClassName: alb
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: u }
        spec:
          tls: "{{ toYaml .Values.tls }}"
          rules: [{ host: "{{ .Values.host }}" }]
      `,
    },
    {
      name: 'ALB: the older redirect, an actions.ssl-redirect custom action that the first path of every rule uses (v1 and extensions/v1beta1)',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS":443}]'
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123456789012:certificate/abc
            alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
            alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "redirect", "RedirectConfig": { "Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}'
        spec:
          ingressClassName: alb
          rules:
            - http:
                paths:
                  - { path: /, pathType: Prefix, backend: { service: { name: ssl-redirect, port: { name: use-annotation } } } }
                  - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
        ---
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata:
          name: old
          annotations:
            kubernetes.io/ingress.class: alb
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS":443}]'
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123456789012:certificate/abc
            alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
            alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}'
        spec:
          rules:
            - host: old.example.com
              http:
                paths:
                  - { path: /*, backend: { serviceName: ssl-redirect, servicePort: use-annotation } }
                  - { path: /*, backend: { serviceName: old, servicePort: 80 } }
      `,
    },
    {
      name: 'Traefik router.tls annotation',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: t
          annotations: { traefik.ingress.kubernetes.io/router.tls: "true" }
        spec:
          ingressClassName: traefik
          rules: [{ host: t.example.com }]
      `,
    },
  ],
  invalid: [
    {
      name: 'IngressClassParams not in the scan: listen-ports written on the Ingress with HTTP only are still plain HTTP; EKS Auto Mode named',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: { name: auto }
        spec:
          controller: eks.amazonaws.com/alb
          parameters: { apiGroup: eks.amazonaws.com, kind: IngressClassParams, name: auto }
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: { name: plain }
        spec:
          controller: eks.amazonaws.com/alb
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: http-only
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 8080}]'
        spec:
          ingressClassName: auto
          rules: [{ host: web.example.com }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: no-params }
        spec:
          ingressClassName: plain
          rules: [{ host: web.example.com }]
      `,
      errors: [
        { line: 19, message: 'alb.ingress.kubernetes.io/listen-ports only opens HTTP:8080' },
        { line: 26, message: 'EKS Auto Mode creates only an HTTP:80 listener' },
      ],
    },
    {
      name: 'Polaris failure: no spec.tls',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: minimal-ingress
          annotations:
            nginx.ingress.kubernetes.io/rewrite-target: /
        spec:
          rules:
          - http:
              paths:
              - path: /testpath
                pathType: Prefix
                backend:
                  service:
                    name: test
                    port:
                      number: 80
      `,
      errors: [{ line: 7, column: 1, message: /no TLS configuration \(spec.tls is missing\): it is served over plain HTTP/ }],
    },
    {
      name: 'empty tls list, hosts named in the message',
      code: yaml`
        apiVersion: extensions/v1beta1
        kind: Ingress
        metadata: { name: legacy }
        spec:
          tls: []
          rules: [{ host: a.example.com }, { host: b.example.com }]
      `,
      errors: [{ line: 5, message: 'hosts a.example.com, b.example.com are served over plain HTTP' }],
    },
    {
      name: 'rule hosts not covered by any tls entry; wildcard covers one label only',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: shop }
        spec:
          tls:
            - hosts: [shop.example.com, "*.example.com"]
          rules:
            - host: shop.example.com
            - host: admin.shop.example.com
            - host: api.example.org
            - host: www.example.com
      `,
      errors: [
        { line: 9, column: 7, message: 'host "admin.shop.example.com" without TLS' },
        { line: 10, message: 'host "api.example.org"' },
      ],
    },
    {
      name: 'ingress-nginx ssl-redirect disabled keeps plain HTTP',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            nginx.ingress.kubernetes.io/ssl-redirect: "false"
        spec:
          ingressClassName: nginx
          tls: [{ hosts: [web.example.com], secretName: web }]
          rules: [{ host: web.example.com }]
      `,
      errors: [{ line: 6, message: 'ssl-redirect: "false"' }],
    },
    {
      name: 'ALB without listen-ports nor certificate: HTTP:80 only, spec.tls alone does not help',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: ui
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
        spec:
          ingressClassName: alb
          tls: [{ hosts: [ui.example.com] }]
          rules: [{ host: ui.example.com }]
      `,
      errors: [{ line: 5, message: /over plain HTTP only: .*spec.tls alone does not create an HTTPS listener/ }],
    },
    {
      name: 'ALB: HTTP next to HTTPS without redirect, and no ssl-policy',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc
        spec:
          ingressClassName: alb
      `,
      errors: [
        { line: 5, message: 'the default ELBSecurityPolicy-2016-08 still accepts TLS 1.0' },
        { line: 6, message: 'HTTP:80 next to HTTPS:443 without alb.ingress.kubernetes.io/ssl-redirect' },
      ],
    },
    {
      name: 'ALB: a redirect action that is not first for every rule, matches only "/", or redirects to HTTP, does not redirect the HTTP listener',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS":443}]'
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123456789012:certificate/abc
            alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
            alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}'
            alb.ingress.kubernetes.io/actions.to-http: '{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTP", "Port": "8080", "StatusCode": "HTTP_301"}}'
        spec:
          ingressClassName: alb
          rules:
            - http:
                paths:
                  - { path: /, pathType: Prefix, backend: { service: { name: ssl-redirect, port: { name: use-annotation } } } }
            - host: b.example.com
              http:
                paths:
                  - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
                  - { path: /, pathType: Prefix, backend: { service: { name: ssl-redirect, port: { name: use-annotation } } } }
      `,
      errors: [{ line: 6, message: 'HTTP:80 next to HTTPS:443 without alb.ingress.kubernetes.io/ssl-redirect' }],
    },
    {
      name: 'ALB: the redirect on "/" Exact (only "/"), "/*" ImplementationSpecific behind a Prefix path, "/" Prefix behind a longer Prefix path',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: exact
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS":443}]'
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123456789012:certificate/abc
            alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
            alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}'
        spec:
          ingressClassName: alb
          rules:
            - http:
                paths:
                  - { path: /, pathType: Exact, backend: { service: { name: ssl-redirect, port: { name: use-annotation } } } }
                  - { path: /*, pathType: ImplementationSpecific, backend: { service: { name: web, port: { number: 80 } } } }
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: behind
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS":443}]'
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123456789012:certificate/abc
            alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
            alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}'
        spec:
          ingressClassName: alb
          rules:
            - http:
                paths:
                  - { path: /*, pathType: ImplementationSpecific, backend: { service: { name: ssl-redirect, port: { name: use-annotation } } } }
                  - { path: /api, pathType: Prefix, backend: { service: { name: api, port: { number: 80 } } } }
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: longer
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS":443}]'
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:us-east-1:123456789012:certificate/abc
            alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
            alb.ingress.kubernetes.io/actions.ssl-redirect: '{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}'
        spec:
          ingressClassName: alb
          rules:
            - http:
                paths:
                  - { path: /, pathType: Prefix, backend: { service: { name: ssl-redirect, port: { name: use-annotation } } } }
                  - { path: /api, pathType: Prefix, backend: { service: { name: api, port: { number: 80 } } } }
      `,
      errors: [
        { line: 6, message: 'Ingress "exact" opens ALB listener HTTP:80 next to HTTPS:443' },
        { line: 23, message: 'Ingress "behind" opens ALB listener HTTP:80 next to HTTPS:443' },
        { line: 40, message: 'Ingress "longer" opens ALB listener HTTP:80 next to HTTPS:443' },
      ],
    },
    {
      name: 'ALB: weak ssl-policy, and listen-ports with HTTP only',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: weak
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'
            alb.ingress.kubernetes.io/ssl-policy: ELBSecurityPolicy-TLS-1-1-2017-01
        spec:
          ingressClassName: alb
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: plain
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 8080}]'
            alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:111122223333:certificate/abc
        spec:
          ingressClassName: alb
      `,
      errors: [
        { line: 7, message: 'ELBSecurityPolicy-TLS-1-1-2017-01, which accepts protocols older than TLS 1.2' },
        { line: 16, message: 'listen-ports only opens HTTP:8080' },
      ],
    },
    {
      name: 'EKS Auto Mode default IngressClass makes an Ingress without class an ALB',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: { name: auto }
        spec:
          rules: [{ host: auto.example.com }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: eks-auto-alb
          annotations: { ingressclass.kubernetes.io/is-default-class: "true" }
        spec:
          controller: eks.amazonaws.com/alb
      `,
      errors: [{ line: 3, message: 'served by an ALB over plain HTTP only' }],
    },
    {
      name: 'an Ingress without class written for ingress-nginx is not taken by a default ALB class of the scan',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: tf-serving
          annotations: { nginx.ingress.kubernetes.io/rewrite-target: / }
        spec:
          rules: [{ host: serving.example.com }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: eks-auto-alb
          annotations: { ingressclass.kubernetes.io/is-default-class: "true" }
        spec:
          controller: eks.amazonaws.com/alb
      `,
      errors: [{ line: 6, message: 'hosts serving.example.com are served over plain HTTP' }],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: JSON.stringify({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'j' }, spec: { rules: [{ host: 'j.example.com' }] } }, null, 2),
      errors: [{ line: 7, message: 'hosts j.example.com are served over plain HTTP' }],
    },
  ],
});
