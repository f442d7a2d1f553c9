import rule from '../../../src/rules/net/https-listener-tls-policy.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: TLS 1.2+ policies, HTTP listener, policy from a parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Policy: { Type: String }
        Resources:
          A:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties: { Protocol: HTTPS, SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06 }
          B:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties: { Protocol: TLS, SslPolicy: ELBSecurityPolicy-FS-1-2-Res-2020-10 }
          C:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties: { Protocol: HTTPS, SslPolicy: !Ref Policy }
          D:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties: { Protocol: HTTP }
          E:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties: { Protocol: HTTPS, SslPolicy: ELBSecurityPolicy-TLS-1-2-Ext-2018-06 }
      `,
    },
    {
      name: 'Terraform: TLS 1.3 policy',
      filename: 'main.tf',
      code: yaml`
        resource "aws_lb_listener" "https" {
          protocol   = "HTTPS"
          ssl_policy = "ELBSecurityPolicy-TLS13-1-3-2021-06"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no policy: the API default ELBSecurityPolicy-2016-08 applies (Checkov CKV_AWS_103 ListenerHTTPSFAILED2; Terraform TLS listener)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Listener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              Port: 443
              Protocol: HTTPS
              Certificates: [{ CertificateArn: test-cert }]
      `,
      others: [
        {
          filename: 'main.tf',
          code: yaml`
            resource "aws_lb_listener" "tls" {
              port     = 443
              protocol = "TLS"
            }
          `,
        },
      ],
      errors: [
        { path: 'main.tf', line: 3, message: 'The TLS listener sets no ssl_policy: the load balancing API then applies ELBSecurityPolicy-2016-08, which still accepts TLS versions older than 1.2.' },
        { line: 6, message: 'The HTTPS listener sets no SslPolicy: the load balancing API then applies ELBSecurityPolicy-2016-08' },
      ],
    },
    {
      name: 'CloudFormation YAML: 2016-08 and TLS 1.1 policies',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Https:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              Protocol: HTTPS
              SslPolicy: ELBSecurityPolicy-2016-08
          Tls:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              Protocol: TLS
              SslPolicy: ELBSecurityPolicy-TLS13-1-1-2021-06
      `,
      errors: [
        { line: 6, message: 'The HTTPS listener uses ELBSecurityPolicy-2016-08, which still accepts TLS versions older than 1.2.' },
        { line: 11, message: /TLS listener uses ELBSecurityPolicy-TLS13-1-1-2021-06/ },
      ],
    },
    {
      name: 'CloudFormation JSON: TLS 1.0 policy',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { L: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS-1-0-2015-04' } } } }, null, 2),
      errors: [{ line: 7, message: /ELBSecurityPolicy-TLS-1-0-2015-04/ }],
    },
    {
      name: 'Terraform: aws_alb_listener with a TLS 1.1 policy',
      filename: 'main.tf',
      code: yaml`
        resource "aws_lb" "example" {}
        resource "aws_alb_listener" "bad" {
          load_balancer_arn = aws_lb.example.arn
          ssl_policy        = "ELBSecurityPolicy-TLS-1-1-2017-01"
          protocol          = "HTTPS"
        }
      `,
      errors: [{ line: 4, message: /ELBSecurityPolicy-TLS-1-1-2017-01/ }],
    },
  ],
});
