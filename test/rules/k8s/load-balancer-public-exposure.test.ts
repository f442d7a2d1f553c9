import rule from '../../../src/rules/k8s/load-balancer-public-exposure.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'web ports only; internal load balancers (in-tree annotation, controller default and scheme); limited source ranges',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: ingress, namespace: edge }
        spec:
          type: LoadBalancer
          ports: [{ name: http, port: 80 }, { name: https, port: 443 }]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: db-internal
          namespace: data
          annotations: { service.beta.kubernetes.io/aws-load-balancer-internal: "true" }
        spec: { type: LoadBalancer, ports: [{ port: 5432 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: db-controller
          namespace: data
          annotations: { service.beta.kubernetes.io/aws-load-balancer-type: external }
        spec: { type: LoadBalancer, ports: [{ port: 5432 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: db-scheme
          namespace: data
          annotations: { service.beta.kubernetes.io/aws-load-balancer-scheme: internal }
        spec: { type: LoadBalancer, loadBalancerClass: service.k8s.aws/nlb, ports: [{ port: 5432 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: db-auto-mode, namespace: data }
        spec: { type: LoadBalancer, loadBalancerClass: eks.amazonaws.com/nlb, ports: [{ port: 5432 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: partners, namespace: data }
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [203.0.113.0/24, 198.51.100.7/32]
          ports: [{ port: 5432 }]
      `,
    },
    {
      name: 'unknown: another controller, templated annotations or ranges, security groups of its own, not a LoadBalancer',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: metallb, namespace: data }
        spec: { type: LoadBalancer, loadBalancerClass: metallb.universe.tf/l2, ports: [{ port: 5432 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: templated
          namespace: data
          annotations: { service.beta.kubernetes.io/aws-load-balancer-internal: "{{ .Values.internal }}" }
        spec: { type: LoadBalancer, ports: [{ port: 5432 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: ranges, namespace: data }
        spec: { type: LoadBalancer, loadBalancerSourceRanges: ["{{ .Values.clients }}"], ports: [{ port: 5432 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: own-groups
          namespace: data
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-type: external
            service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
            service.beta.kubernetes.io/aws-load-balancer-security-groups: sg-0123456789abcdef0
        spec: { type: LoadBalancer, ports: [{ port: 5432 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: cluster-ip, namespace: data }
        spec: { ports: [{ port: 5432 }] }
      `,
    },
  ],
  invalid: [
    {
      name: 'no controller or scheme named: the AWS cloud provider\'s default, one level lower (a database medium, another port low)',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: postgres, namespace: data }
        spec:
          type: LoadBalancer
          ports:
            - { name: postgres, port: 5432 }
            - { name: metrics, port: 9187 }
            - { name: web, port: 443 }
      `,
      errors: [
        {
          line: 7,
          severity: 'medium',
          message:
            'Service "postgres" opens port 5432 (postgres), PostgreSQL, to the internet: its AWS load balancer is internet-facing (the AWS cloud provider\'s default when service.beta.kubernetes.io/aws-load-balancer-internal is not set; the AWS Load Balancer Controller\'s webhook or EKS Auto Mode would make it internal) and no loadBalancerSourceRanges limit who may connect.',
        },
        { line: 8, severity: 'low', message: /^Service "postgres" opens port 9187 \(metrics\) to the internet/ },
      ],
    },
    {
      name: 'the AWS Load Balancer Controller asked for internet-facing; source ranges that cover the internet (annotation and split /1s)',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: redis
          namespace: cache
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-type: external
            service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
            service.beta.kubernetes.io/load-balancer-source-ranges: 0.0.0.0/0
        spec: { type: LoadBalancer, ports: [{ port: 6379 }] }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: ssh, namespace: ops }
        spec: { type: LoadBalancer, loadBalancerSourceRanges: [0.0.0.0/1, 128.0.0.0/1], ports: [{ port: 22 }] }
      `,
      errors: [
        { line: 10, severity: 'high', message: /^Service "redis" opens port 6379, Redis, to the internet: its AWS load balancer is internet-facing \(service\.beta\.kubernetes\.io\/aws-load-balancer-scheme is internet-facing\) and its source ranges include the whole internet\.$/ },
        { line: 15, severity: 'medium', message: /port 22, SSH,/ },
      ],
    },
    {
      name: 'EKS Auto Mode asked for an internet-facing load balancer',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: mongo
          namespace: data
          annotations: { service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing }
        spec: { type: LoadBalancer, loadBalancerClass: eks.amazonaws.com/nlb, ports: [{ port: 27017 }, { port: 8081 }] }
      `,
      errors: [
        { line: 7, severity: 'high', message: /port 27017, MongoDB,/ },
        { line: 7, severity: 'medium', message: /port 8081 to the internet/ },
      ],
    },
  ],
});
