import rule from '../../../src/rules/net/classic-load-balancer-tls.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: a TLS 1.2 negotiation policy attached to the listener port through LoadBalancerPorts (cfn-guard probe)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Elb:
            Type: AWS::ElasticLoadBalancing::LoadBalancer
            Properties:
              Scheme: internal
              Policies:
                - PolicyName: TLS12
                  PolicyType: SSLNegotiationPolicyType
                  LoadBalancerPorts: ['443']
                  Attributes: [{ Name: Reference-Security-Policy, Value: ELBSecurityPolicy-TLS-1-2-2017-01 }]
              Listeners:
                - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: arn:cert }
      `,
    },
    {
      name: 'CloudFormation: HTTPS with the TLS 1.2 predefined policy, a TCP listener, a policy defined elsewhere',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Elb:
            Type: AWS::ElasticLoadBalancing::LoadBalancer
            Properties:
              Listeners:
                - { LoadBalancerPort: "443", InstancePort: "80", Protocol: HTTPS, SSLCertificateId: arn:cert, PolicyNames: [Tls12] }
                - { LoadBalancerPort: "5432", InstancePort: "5432", Protocol: TCP }
                - { LoadBalancerPort: "8443", InstancePort: "80", Protocol: SSL, SSLCertificateId: arn:cert, PolicyNames: [ManagedElsewhere] }
              Policies:
                - PolicyName: Tls12
                  PolicyType: SSLNegotiationPolicyType
                  Attributes: [{ Name: Reference-Security-Policy, Value: ELBSecurityPolicy-TLS-1-2-2017-01 }]
      `,
    },
    {
      name: 'Terraform: HTTPS listener with a TLS 1.2 negotiation policy attached by a listener policy, another policy type; an SSL listener whose listener policy names the ELB literally',
      filename: 'main.tf',
      code: [
        'resource "aws_elb" "legacy" {',
        '  name = "legacy"',
        '  listener {',
        '    lb_port            = 8443',
        '    lb_protocol        = "ssl"',
        '    instance_port      = 8080',
        '    instance_protocol  = "tcp"',
        '    ssl_certificate_id = "arn:cert"',
        '  }',
        '}',
        'resource "aws_load_balancer_listener_policy" "legacy" {',
        '  load_balancer_name = "legacy"',
        '  load_balancer_port = 8443',
        '  policy_names       = ["tls12"]',
        '}',
        'resource "aws_elb" "web" {',
        '  listener {',
        '    lb_port            = 443',
        '    lb_protocol        = "https"',
        '    instance_port      = 80',
        '    instance_protocol  = "http"',
        '    ssl_certificate_id = "arn:cert"',
        '  }',
        '}',
        'resource "aws_load_balancer_policy" "tls12" {',
        '  load_balancer_name = aws_elb.web.name',
        '  policy_name        = "tls12"',
        '  policy_type_name   = "SSLNegotiationPolicyType"',
        '  policy_attribute {',
        '    name  = "Reference-Security-Policy"',
        '    value = "ELBSecurityPolicy-TLS-1-2-2017-01"',
        '  }',
        '}',
        'resource "aws_load_balancer_policy" "proxy" {',
        '  load_balancer_name = aws_elb.web.name',
        '  policy_name        = "proxy"',
        '  policy_type_name   = "ProxyProtocolPolicyType"',
        '}',
        'resource "aws_load_balancer_listener_policy" "web_443" {',
        '  load_balancer_name = aws_elb.web.name',
        '  load_balancer_port = 443',
        '  policy_names       = [aws_load_balancer_policy.tls12.policy_name]',
        '}',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'review: aws_lb_ssl_negotiation_policy sets the listener policy (a weak one is judged where it is written); an HTTP listener on an unresolved port',
      filename: 'main.tf',
      code: [
        'variable "port" { type = number }',
        'resource "aws_elb" "lb" {',
        '  name     = "lb"',
        '  internal = true',
        '  listener {',
        '    instance_port      = 8000',
        '    instance_protocol  = "http"',
        '    lb_port            = 443',
        '    lb_protocol        = "https"',
        '    ssl_certificate_id = "arn:cert"',
        '  }',
        '  listener {',
        '    instance_port     = 8000',
        '    instance_protocol = "http"',
        '    lb_port           = var.port',
        '    lb_protocol       = "http"',
        '  }',
        '}',
        'resource "aws_lb_ssl_negotiation_policy" "old" {',
        '  name          = "old"',
        '  load_balancer = aws_elb.lb.id',
        '  lb_port       = 443',
        '  attribute {',
        '    name  = "Reference-Security-Policy"',
        '    value = "ELBSecurityPolicy-2016-08"',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 16, severity: 'low', message: 'The internal Classic Load Balancer aws_elb.lb serves HTTP on an unresolved port' },
        { line: 24, message: 'The SSL negotiation policy aws_lb_ssl_negotiation_policy.old allows the predefined policy ELBSecurityPolicy-2016-08' },
      ],
    },
    {
      name: 'CloudFormation: ELBSecurityPolicy-2016-08 attached through LoadBalancerPorts',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Elb:
            Type: AWS::ElasticLoadBalancing::LoadBalancer
            Properties:
              Scheme: internal
              Policies:
                - PolicyName: Old
                  PolicyType: SSLNegotiationPolicyType
                  LoadBalancerPorts: [443]
                  Attributes: [{ Name: Reference-Security-Policy, Value: ELBSecurityPolicy-2016-08 }]
              Listeners:
                - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: arn:cert }
      `,
      errors: [{ line: 10, message: 'The HTTPS listener 0 of the Classic Load Balancer negotiates with the predefined policy ELBSecurityPolicy-2016-08, which accepts TLS versions older than 1.2.' }],
    },
    {
      name: 'Terrascan: a Terraform HTTPS listener with no listener policy gets ELBSecurityPolicy-2016-08 (a policy for another port does not count)',
      filename: 'main.tf',
      code: [
        'resource "aws_elb" "web" {',
        '  listener {',
        '    lb_port            = 443',
        '    lb_protocol        = "https"',
        '    instance_port      = 80',
        '    instance_protocol  = "http"',
        '    ssl_certificate_id = "arn:cert"',
        '  }',
        '}',
        'resource "aws_load_balancer_listener_policy" "other_port" {',
        '  load_balancer_name = aws_elb.web.name',
        '  load_balancer_port = 8443',
        '  policy_names       = ["tls12"]',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 4, message: 'The HTTPS listener on port 443 of the Classic Load Balancer aws_elb.web has no SSL negotiation policy (no aws_load_balancer_listener_policy or aws_lb_ssl_negotiation_policy for it in the scan): it gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1.' }],
    },
    {
      name: 'CloudFormation: HTTP on an internet-facing and an internal ELB, HTTPS without a policy, SSLv3 and TLS 1.0 enabled',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Public:
            Type: AWS::ElasticLoadBalancing::LoadBalancer
            Properties:
              Listeners:
                - { LoadBalancerPort: "80", InstancePort: "80", Protocol: HTTP }
                - { LoadBalancerPort: "443", InstancePort: "80", Protocol: HTTPS, SSLCertificateId: arn:cert }
                - { LoadBalancerPort: "8443", InstancePort: "80", Protocol: HTTPS, SSLCertificateId: arn:cert, PolicyNames: [Legacy] }
              Policies:
                - PolicyName: Legacy
                  PolicyType: SSLNegotiationPolicyType
                  Attributes:
                    - { Name: Protocol-SSLv3, Value: "true" }
          Internal:
            Type: AWS::ElasticLoadBalancing::LoadBalancer
            Properties:
              Scheme: internal
              Listeners:
                - { LoadBalancerPort: "80", InstancePort: "80", Protocol: HTTP }
      `,
      errors: [
        { line: 6, severity: 'high', message: 'Listener 0 of the internet-facing Classic Load Balancer serves HTTP, which a Classic Load Balancer cannot redirect to HTTPS: clients are served in clear text.' },
        { line: 7, severity: 'high', message: 'The HTTPS listener 1 of the Classic Load Balancer names no SSL negotiation policy: it gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1.' },
        { line: 13, severity: 'high', message: 'The HTTPS listener 2 of the Classic Load Balancer negotiates with SSLv3, which accepts TLS versions older than 1.2.' },
        { line: 19, severity: 'low', message: 'Listener 0 of the internal Classic Load Balancer serves HTTP' },
      ],
    },
    {
      name: 'Terraform: an HTTP listener, a negotiation policy with an old predefined policy',
      filename: 'main.tf',
      code: [
        'resource "aws_elb" "web" {',
        '  listener {',
        '    lb_port           = 80',
        '    lb_protocol       = "http"',
        '    instance_port     = 80',
        '    instance_protocol = "http"',
        '  }',
        '}',
        'resource "aws_load_balancer_policy" "old" {',
        '  load_balancer_name = aws_elb.web.name',
        '  policy_name        = "old"',
        '  policy_type_name   = "SSLNegotiationPolicyType"',
        '  policy_attribute {',
        '    name  = "Reference-Security-Policy"',
        '    value = "ELBSecurityPolicy-2016-08"',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 4, severity: 'high', message: 'The internet-facing Classic Load Balancer aws_elb.web serves HTTP on port 80' },
        // The attribute's name, as KICS points at it.
        { line: 14, message: 'The SSL negotiation policy aws_load_balancer_policy.old allows the predefined policy ELBSecurityPolicy-2016-08, which accepts TLS versions older than 1.2.' },
      ],
    },
  ],
});
