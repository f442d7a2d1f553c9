import { describe, expect, it } from 'vitest';
import { classifyElbSslPolicy } from '../../../src/graph/network.js';
import rule from '../../../src/rules/k8s/load-balancer-tls.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

describe('classifyElbSslPolicy', () => {
  it('sorts predefined policies by minimum TLS version', () => {
    for (const strong of [
      'ELBSecurityPolicy-TLS13-1-2-2021-06',
      'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
      'ELBSecurityPolicy-TLS13-1-3-2021-06',
      'ELBSecurityPolicy-TLS-1-2-2017-01',
      'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
      'ELBSecurityPolicy-FS-1-2-Res-2020-10',
      'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
    ]) {
      expect(classifyElbSslPolicy(strong)).toBe('strong');
    }
    for (const weak of [
      'ELBSecurityPolicy-2016-08',
      'ELBSecurityPolicy-TLS-1-1-2017-01',
      'ELBSecurityPolicy-FS-1-1-2019-08',
      'ELBSecurityPolicy-TLS13-1-0-2021-06',
      'ELBSecurityPolicy-TLS13-1-1-2021-06',
      'ELBSecurityPolicy-2015-05',
      'ELBSample-ELBDefaultNegotiationPolicy',
    ]) {
      expect(classifyElbSslPolicy(weak)).toBe('weak');
    }
    expect(classifyElbSslPolicy('my-custom-policy')).toBe('unknown');
    expect(classifyElbSslPolicy('{{ .Values.policy }}')).toBe('unknown');
  });
});

ruleTester(rule, {
  valid: [
    {
      name: 'NLB with TLS on every port and a TLS 1.2+ policy',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-type: external
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:111122223333:certificate/abc
            service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
        spec:
          type: LoadBalancer
          ports: [{ name: api, port: 8443, targetPort: 8080 }]
      `,
    },
    {
      name: 'ingress-nginx style pass-through: 443 to the proxy, 80 redirected by it',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: ingress-nginx-controller, namespace: ingress-nginx }
        spec:
          type: LoadBalancer
          ports:
            - { name: http, port: 80, targetPort: http, appProtocol: http }
            - { name: https, port: 443, targetPort: https, appProtocol: https }
      `,
    },
    {
      name: 'TLS on 443 only, port 80 goes to a redirect-only listener (ingress-nginx NLB TLS termination)',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: ingress-nginx-controller
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:us-west-2:111122223333:certificate/abc
            service.beta.kubernetes.io/aws-load-balancer-ssl-ports: https
            service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
            service.beta.kubernetes.io/aws-load-balancer-type: nlb
        spec:
          type: LoadBalancer
          ports:
            - { name: http, port: 80, targetPort: tohttps, appProtocol: http }
            - { name: https, port: 443, targetPort: http, appProtocol: https }
      `,
    },
    {
      name: 'UDP ports, other Service types and other load balancer classes are not checked',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: dns }
        spec:
          type: LoadBalancer
          ports: [{ port: 53, protocol: UDP }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: internal }
        spec:
          type: ClusterIP
          ports: [{ port: 80 }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: metallb }
        spec:
          type: LoadBalancer
          loadBalancerClass: metallb.io/metallb
          ports: [{ port: 80 }]
      `,
    },
    {
      name: 'templated ports and ssl-ports are unknown',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: t
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: "{{ .Values.cert }}"
            service.beta.kubernetes.io/aws-load-balancer-ssl-ports: "{{ .Values.sslPorts }}"
            service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy: "{{ .Values.policy }}"
        spec:
          type: LoadBalancer
          ports: [{ port: 80 }]
      `,
    },
  ],
  invalid: [
    {
      name: 'PostgreSQL through a plain TCP listener: medium, since the protocol may negotiate TLS itself',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: db
          annotations: { service.beta.kubernetes.io/aws-load-balancer-type: external, service.beta.kubernetes.io/aws-load-balancer-scheme: internal }
        spec:
          type: LoadBalancer
          ports: [{ name: pg, port: 5432, targetPort: 5432 }]
      `,
      errors: [{ line: 8, severity: 'medium', message: 'Service "db" exposes port 5432 (pg) through an AWS load balancer without TLS: there is no service.beta.kubernetes.io/aws-load-balancer-ssl-cert annotation and the port does not pass TLS through, unless PostgreSQL negotiates TLS itself on this connection' }],
    },
    {
      name: 'a Classic Load Balancer (in-tree default) is told a TLS 1.2 policy it supports; an NLB the TLS 1.3 one',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: clb
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:111122223333:certificate/abc
        spec:
          type: LoadBalancer
          ports: [{ port: 443, targetPort: 8080 }]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: nlb
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-type: external
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:111122223333:certificate/abc
        spec:
          type: LoadBalancer
          ports: [{ port: 443, targetPort: 8080 }]
      `,
      errors: [
        { line: 6, message: 'without service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy', fix: 'ELBSecurityPolicy-TLS-1-2-2017-01' },
        { line: 17, message: 'without service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy', fix: 'ELBSecurityPolicy-TLS13-1-2-2021-06' },
      ],
    },
    {
      name: 'plain port without any certificate',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: frontend }
        spec:
          type: LoadBalancer
          ports:
            - port: 80
              targetPort: 8080
            - name: db
              port: 5432
      `,
      errors: [
        { line: 7, column: 7, message: /port 80 through an AWS load balancer without TLS/ },
        { line: 9, message: 'port 5432 (db)' },
      ],
    },
    {
      name: 'plain HTTP next to a TLS port: an NLB cannot redirect',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:111122223333:certificate/abc
            service.beta.kubernetes.io/aws-load-balancer-ssl-ports: "443"
            service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
        spec:
          type: LoadBalancer
          ports:
            - { name: http, port: 80, targetPort: 8080 }
            - { name: https, port: 443, targetPort: 8080 }
      `,
      errors: [{ line: 12, message: 'port 80 (http) as a plain TCP listener next to TLS port 443 (https)' }],
    },
    {
      name: 'certificate without negotiation policy: the default accepts TLS 1.0',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:111122223333:certificate/abc
        spec:
          type: LoadBalancer
          loadBalancerClass: service.k8s.aws/nlb
          ports: [{ port: 443, targetPort: 8080 }]
      `,
      errors: [{ line: 6, message: 'the default ELBSecurityPolicy-2016-08 still accepts TLS 1.0 and 1.1' }],
    },
    {
      name: 'weak negotiation policy',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: api
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:111122223333:certificate/abc
            service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy: ELBSecurityPolicy-TLS-1-1-2017-01
        spec:
          type: LoadBalancer
          ports: [{ port: 443 }]
      `,
      errors: [{ line: 7, message: 'ELBSecurityPolicy-TLS-1-1-2017-01, which accepts protocols older than TLS 1.2' }],
    },
    {
      name: 'ssl-ports "*" selects no port with the AWS Load Balancer Controller',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: lbc
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-type: external
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:111122223333:certificate/abc
            service.beta.kubernetes.io/aws-load-balancer-ssl-ports: "*"
            service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy: ELBSecurityPolicy-TLS13-1-2-2021-06
        spec:
          type: LoadBalancer
          ports: [{ name: app, port: 8000 }]
      `,
      errors: [{ line: 12, message: 'port 8000 (app) through an AWS load balancer without TLS: it is not listed in service.beta.kubernetes.io/aws-load-balancer-ssl-ports (*)' }],
    },
    {
      name: 'EKS Auto Mode: ports are checked as with the controller; only a weak policy named is reported (its default is not documented)',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: plain
        spec: { type: LoadBalancer, loadBalancerClass: eks.amazonaws.com/nlb, ports: [{ name: app, port: 8000 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: default-policy
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:111122223333:certificate/abc
        spec: { type: LoadBalancer, loadBalancerClass: eks.amazonaws.com/nlb, ports: [{ port: 443 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: weak-policy
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-ssl-cert: arn:aws:acm:eu-west-1:111122223333:certificate/abc
            service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy: ELBSecurityPolicy-2016-08
        spec: { type: LoadBalancer, loadBalancerClass: eks.amazonaws.com/nlb, ports: [{ port: 443 }] }
      `,
      errors: [
        { line: 5, message: 'Service "plain" exposes port 8000 (app) through an AWS load balancer without TLS' },
        { line: 21, message: 'uses the security policy ELBSecurityPolicy-2016-08' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'j' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } }, null, 2),
      errors: [{ line: 10, message: 'port 80 through an AWS load balancer without TLS' }],
    },
  ],
});
