import rule from '../../../src/rules/k8s/load-balancer-public-exposure.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const service = (name: string, annotations: string, spec: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: data\n  annotations: {${annotations}}\nspec: {type: LoadBalancer, ${spec}}\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'web ports only; internal for every controller; limited source ranges',
      code: [
        service('ingress', '', 'ports: [{name: http, port: 80}, {name: https, port: 443}]'),
        service('in-tree-internal', 'service.beta.kubernetes.io/aws-load-balancer-internal: "true"', 'ports: [{port: 5432}]'),
        service('legacy-internal', 'service.beta.kubernetes.io/aws-load-balancer-internal: 0.0.0.0/0', 'ports: [{port: 5432}]'),
        service('controller-default', 'service.beta.kubernetes.io/aws-load-balancer-type: external', 'ports: [{port: 5432}]'),
        service('controller-class', 'service.beta.kubernetes.io/aws-load-balancer-scheme: internal', 'loadBalancerClass: service.k8s.aws/nlb, ports: [{port: 5432}]'),
        service('auto-mode-default', '', 'loadBalancerClass: eks.amazonaws.com/nlb, ports: [{port: 5432}]'),
        // Auto Mode does not read the deprecated `internal` annotation.
        service('auto-mode-internal-false', 'service.beta.kubernetes.io/aws-load-balancer-internal: "false"', 'loadBalancerClass: eks.amazonaws.com/nlb, ports: [{port: 5432}]'),
        service('partners', '', 'loadBalancerSourceRanges: [203.0.113.0/24, 198.51.100.7/32], ports: [{port: 5432}]'),
      ].join('---\n'),
    },
    {
      name: 'unknown: another controller, templated annotations or ranges, security groups of its own, no node ports, not a LoadBalancer',
      code: [
        service('metallb', '', 'loadBalancerClass: metallb.universe.tf/l2, ports: [{port: 5432}]'),
        service('templated-internal', 'service.beta.kubernetes.io/aws-load-balancer-internal: "{{ .Values.internal }}"', 'ports: [{port: 5432}]'),
        service('templated-type', 'service.beta.kubernetes.io/aws-load-balancer-type: "{{ .Values.lbType }}"', 'ports: [{port: 5432}]'),
        service('templated-ranges', '', 'loadBalancerSourceRanges: ["{{ .Values.clients }}"], ports: [{port: 5432}]'),
        service('ranges-not-a-list', '', 'loadBalancerSourceRanges: "{{ .Values.clients }}", ports: [{port: 5432}]'),
        service('templated-range-annotation', 'service.beta.kubernetes.io/load-balancer-source-ranges: "{{ .Values.clients }}"', 'ports: [{port: 5432}]'),
        service('own-groups', 'service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing, service.beta.kubernetes.io/aws-load-balancer-type: external, service.beta.kubernetes.io/aws-load-balancer-security-groups: sg-0123456789abcdef0', 'ports: [{port: 5432}]'),
        service('no-node-ports', '', 'allocateLoadBalancerNodePorts: false, ports: [{port: 5432}]'),
        // The EKS guide says both that Auto Mode reads this annotation and that it does not.
        service('auto-mode-range-annotation', 'service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing, service.beta.kubernetes.io/load-balancer-source-ranges: 10.0.0.0/8', 'loadBalancerClass: eks.amazonaws.com/nlb, ports: [{port: 5432}]'),
        'apiVersion: v1\nkind: Service\nmetadata: {name: cluster-ip, namespace: data}\nspec: {ports: [{port: 5432}]}\n',
      ].join('---\n'),
    },
  ],
  invalid: [
    {
      name: 'what listens behind the port decides: SSH on 443 and RDP on 80 are reported, SSH on 8022 is SSH (sonar-iac)',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: bastion
          annotations: { service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing, service.beta.kubernetes.io/aws-load-balancer-type: external }
        spec:
          type: LoadBalancer
          ports:
            - { name: ssh, port: 443, targetPort: 22 }
            - { name: rdp, port: 80, targetPort: 3389 }
            - { name: alt, port: 8022, targetPort: 22 }
            - { name: web, port: 443, targetPort: 8443 }
            - { name: named, port: 80, targetPort: http }
      `,
      errors: [
        { line: 9, severity: 'high', message: 'Service "bastion" opens port 443 (ssh) (target port 22), SSH, to the internet' },
        { line: 10, severity: 'high', message: 'opens port 80 (rdp) (target port 3389), RDP' },
        { line: 11, severity: 'high', message: 'opens port 8022 (alt) (target port 22), SSH' },
      ],
    },
    {
      name: 'no controller or scheme named: internet-facing only if the cloud provider handles it, one level lower (a database medium, another port low)',
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
            'Service "postgres" opens port 5432 (postgres), PostgreSQL, to the internet: its AWS load balancer is internet-facing if the AWS cloud provider makes it (its default when service.beta.kubernetes.io/aws-load-balancer-internal is not set; the AWS Load Balancer Controller\'s webhook or EKS Auto Mode would make it internal) and no loadBalancerSourceRanges limit who may connect.',
        },
        { line: 8, severity: 'low', message: /^Service "postgres" opens port 9187 \(metrics\) to the internet/ },
      ],
    },
    {
      name: 'certain: the controller asked for internet-facing (annotation ranges open to all), its Go-style "False", internal "false" everywhere; ::/0',
      example: true,
      code: [
        service('redis', 'service.beta.kubernetes.io/aws-load-balancer-type: external, service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing, service.beta.kubernetes.io/load-balancer-source-ranges: 0.0.0.0/0', 'ports: [{port: 6379}]'),
        service('mysql', 'service.beta.kubernetes.io/aws-load-balancer-internal: "False"', 'loadBalancerClass: service.k8s.aws/nlb, ports: [{port: 3306}]'),
        service('ssh', 'service.beta.kubernetes.io/aws-load-balancer-internal: "false"', 'loadBalancerSourceRanges: ["::/0"], ports: [{port: 22}]'),
      ].join('---\n'),
      errors: [
        { line: 7, severity: 'high', message: /^Service "redis" opens port 6379, Redis, to the internet: its AWS load balancer is internet-facing \(service\.beta\.kubernetes\.io\/aws-load-balancer-scheme is internet-facing\) and its source ranges include the whole internet\.$/ },
        { line: 15, severity: 'high', message: /port 3306, MySQL, .*is internet-facing \(service\.beta\.kubernetes\.io\/aws-load-balancer-internal is "False"\)/ },
        { line: 23, severity: 'high', message: /port 22, SSH, .*its source ranges include the whole internet/ },
      ],
    },
    {
      name: 'the scheme is for the controllers only: with no controller named, the answers differ (uncertain either way); source ranges that cover the internet in halves',
      code: [
        // The cloud provider ignores the scheme: internet-facing unless the controller's webhook takes the Service.
        service('nlb-scheme-internal', 'service.beta.kubernetes.io/aws-load-balancer-type: nlb, service.beta.kubernetes.io/aws-load-balancer-scheme: internal', 'ports: [{port: 5432}]'),
        // The cloud provider reads `internal`; the controller reads the scheme first.
        service('mixed', 'service.beta.kubernetes.io/aws-load-balancer-internal: "true", service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing', 'loadBalancerSourceRanges: [0.0.0.0/1, 128.0.0.0/1], ports: [{port: 8080}]'),
      ].join('---\n'),
      errors: [
        { line: 7, severity: 'medium', message: /is internet-facing if the AWS cloud provider makes it/ },
        { line: 15, severity: 'low', message: /is internet-facing if the AWS Load Balancer Controller's webhook gives the Service its class \(service\.beta\.kubernetes\.io\/aws-load-balancer-scheme is internet-facing; the AWS cloud provider would make it internal\) and its source ranges include the whole internet\.$/ },
      ],
    },
    {
      name: 'EKS Auto Mode: an open source-ranges annotation is open whether Auto Mode reads it or not',
      code: service(
        'postgres',
        'service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing, service.beta.kubernetes.io/load-balancer-source-ranges: 0.0.0.0/0',
        'loadBalancerClass: eks.amazonaws.com/nlb, ports: [{port: 5432}]',
      ),
      errors: [{ line: 7, severity: 'high', message: /port 5432, PostgreSQL, .*its source ranges include the whole internet\.$/ }],
    },
    {
      name: 'EKS Auto Mode asked for internet-facing; UDP ports are named by protocol only',
      code: service(
        'mongo',
        'service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing',
        'loadBalancerClass: eks.amazonaws.com/nlb, ports: [{port: 27017}, {port: 22, protocol: UDP}]',
      ),
      errors: [
        { line: 7, severity: 'high', message: /port 27017, MongoDB,/ },
        { line: 7, severity: 'medium', message: /^Service "mongo" opens UDP port 22 to the internet/ },
      ],
    },
    {
      name: 'a kubernetes_service written in Terraform',
      filename: 'main.tf',
      code: `resource "kubernetes_service_v1" "db" {
  metadata {
    name      = "db"
    namespace = "data"
    annotations = {
      "service.beta.kubernetes.io/aws-load-balancer-scheme" = "internet-facing"
      "service.beta.kubernetes.io/aws-load-balancer-type"   = "external"
    }
  }
  spec {
    type = "LoadBalancer"
    port {
      port = 5432
    }
  }
}
`,
      errors: [{ line: 12, severity: 'high', message: /^Service "db" opens port 5432, PostgreSQL, to the internet/ }],
    },
  ],
});
