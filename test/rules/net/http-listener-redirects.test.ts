import rule from '../../../src/rules/net/http-listener-redirects.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: HTTP listener redirecting to HTTPS',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Lb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
          Http:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref Lb
              Protocol: HTTP
              Port: 80
              DefaultActions:
                - Type: redirect
                  RedirectConfig: { Protocol: HTTPS, Port: "443", StatusCode: HTTP_301 }
      `,
    },
    {
      name: 'Terraform: redirect block',
      filename: 'main.tf',
      code: yaml`
        resource "aws_lb" "public" {}
        resource "aws_lb_listener" "http" {
          load_balancer_arn = aws_lb.public.arn
          protocol          = "HTTP"
          default_action {
            type = "redirect"
            redirect {
              protocol    = "HTTPS"
              port        = "443"
              status_code = "HTTP_301"
            }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a redirect that keeps the protocol (#{protocol}, AWS\'s placeholder, or no protocol) is no redirect to HTTPS',
      filename: 'main.tf',
      code: yaml`
        resource "aws_lb_listener" "keep" {
          load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1"
          port              = 80
          protocol          = "HTTP"
          default_action {
            type = "redirect"
            redirect {
              protocol    = "#{protocol}"
              port        = "8080"
              status_code = "HTTP_301"
            }
          }
        }
      `,
      errors: [{ line: 8, severity: 'low', message: 'HTTP' }],
    },
    {
      name: 'a TCP listener on port 80 of an internet-facing NLB (CDK NetworkLoadBalancedFargateService default): low; TCP 443 and internal NLBs pass',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Nlb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Type: network, Scheme: internet-facing, Subnets: [subnet-1, subnet-2] }
          InternalNlb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Type: network, Scheme: internal, Subnets: [subnet-1, subnet-2] }
          Plain:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref Nlb
              Port: 80
              Protocol: TCP
              DefaultActions: [{ Type: forward, TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1 }]
          Passthrough:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref Nlb
              Port: 443
              Protocol: TCP
              DefaultActions: [{ Type: forward, TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1 }]
          Inside:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref InternalNlb
              Port: 80
              Protocol: TCP
              DefaultActions: [{ Type: forward, TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1 }]
      `,
      errors: [{ line: 13, severity: 'low', message: 'The TCP listener on port 80 of the internet-facing network load balancer Nlb passes plain HTTP from the internet to its targets' }],
    },
    {
      name: 'a redirect to plain HTTP is reported at its protocol (CloudFormation and Terraform)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Listener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188
              Protocol: HTTP
              DefaultActions:
                - Type: redirect
                  RedirectConfig:
                    Protocol: HTTP
                    Port: "8080"
                    StatusCode: HTTP_301
      `,
      errors: [{ line: 10, severity: 'low' }],
    },
    {
      name: 'Terraform: a redirect block to plain HTTP',
      filename: 'main.tf',
      code: yaml`
        resource "aws_lb_listener" "l" {
          load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
          port              = 80
          protocol          = "HTTP"
          default_action {
            type = "redirect"
            redirect {
              port        = "8080"
              protocol    = "HTTP"
              status_code = "HTTP_301"
            }
          }
        }
      `,
      errors: [{ line: 9, severity: 'low' }],
    },
    {
      name: 'CloudFormation: HTTP on a load balancer outside the scan (a parameter, a literal ARN): its scheme is unknown, internal at best (low)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          LbArn: { Type: String }
        Resources:
          Elsewhere:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref LbArn
              Protocol: HTTP
              DefaultActions: [{ Type: forward, TargetGroupArn: arn:tg }]
          Literal:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188
              Protocol: HTTP
              DefaultActions: [{ Type: forward, TargetGroupArn: arn:tg }]
      `,
      errors: [
        { line: 9, severity: 'low', message: 'The HTTP listener of a load balancer outside the scan (its scheme is unresolved: judged as if internal) does not redirect to HTTPS: traffic inside the VPC travels in clear text.' },
        { line: 15, severity: 'low', message: 'a load balancer outside the scan' },
      ],
    },
    {
      name: "Terraform: no protocol on an Application Load Balancer's listener is the provider's default, HTTP",
      filename: 'main.tf',
      code: [
        'resource "aws_lb" "public" {}',
        'resource "aws_lb" "network" {',
        '  load_balancer_type = "network"',
        '}',
        'resource "aws_lb_listener" "default_protocol" {',
        '  load_balancer_arn = aws_lb.public.arn',
        '  port              = 80',
        '  default_action {',
        '    type             = "forward"',
        '    target_group_arn = "arn:tg"',
        '  }',
        '}',
        'resource "aws_lb_listener" "tcp_default" {',
        '  load_balancer_arn = aws_lb.network.arn',
        '  port              = 80',
        '  default_action {',
        '    type             = "forward"',
        '    target_group_arn = "arn:tg"',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 8, severity: 'high', message: 'The HTTP listener of the internet-facing load balancer aws_lb.public does not redirect to HTTPS' }],
    },
    {
      // Trivy AVD-AWS-0054, Checkov CKV2_AWS_20 and Security Hub ELB.1 apply to every ALB; cdk-nag's test uses CDK's internal default.
      name: 'HTTP on an internal load balancer, or one whose scheme is unresolved, is reported at low',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Scheme: { Type: String }
        Resources:
          Lb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Scheme: internal }
          Internal:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref Lb
              Protocol: HTTP
              DefaultActions: [{ Type: forward, TargetGroupArn: arn:tg }]
          Maybe:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Scheme: !Ref Scheme }
          MaybeListener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref Maybe
              Protocol: HTTP
              DefaultActions: [{ Type: fixed-response, FixedResponseConfig: { StatusCode: "200" } }]
      `,
      errors: [
        { line: 12, severity: 'low', message: 'The HTTP listener of the internal load balancer Lb does not redirect to HTTPS: traffic inside the VPC travels in clear text.' },
        { line: 21, severity: 'low', message: 'The HTTP listener of load balancer Maybe (its scheme is unresolved: judged as if internal) does not redirect to HTTPS' },
      ],
    },
    {
      name: 'Terraform: an internal aws_lb',
      filename: 'main.tf',
      code: yaml`
        resource "aws_lb" "private" {
          internal = true
        }
        resource "aws_lb_listener" "internal" {
          load_balancer_arn = aws_lb.private.arn
          protocol          = "HTTP"
          default_action {
            type             = "forward"
            target_group_arn = "arn:tg"
          }
        }
      `,
      errors: [{ line: 7, severity: 'low', message: /internal load balancer aws_lb\.private/ }],
    },
    {
      name: 'CloudFormation YAML: forward on HTTP, and a redirect that keeps HTTP',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Lb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Scheme: internet-facing }
          Forward:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref Lb
              Protocol: HTTP
              DefaultActions:
                - { Type: forward, TargetGroupArn: arn:tg }
          Port:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref Lb
              Protocol: HTTP
              DefaultActions:
                - Type: redirect
                  RedirectConfig: { Port: "8080" }
      `,
      errors: [
        { line: 10, message: 'The HTTP listener of the internet-facing load balancer Lb does not redirect to HTTPS: traffic from the internet is served in clear text.' },
        { line: 17 },
      ],
    },
    {
      name: 'CloudFormation: the load balancer comes from another template through an export',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Http:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !ImportValue shared-public-lb
              Protocol: HTTP
              DefaultActions:
                - { Type: forward, TargetGroupArn: arn:tg }
      `,
      others: [
        {
          filename: 'lb.yaml',
          code: yaml`
            Resources:
              PublicLb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties: { Scheme: internet-facing }
            Outputs:
              Arn:
                Value: !Ref PublicLb
                Export: { Name: shared-public-lb }
          `,
        },
      ],
      errors: [{ line: 7, message: /internet-facing load balancer PublicLb/ }],
    },
    {
      name: 'CloudFormation JSON: no default actions',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer' },
            L: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: { Ref: 'Lb' }, Protocol: 'HTTP' } },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 12 }],
    },
    {
      name: 'Terraform: aws_alb_listener forwarding on HTTP',
      filename: 'main.tf',
      code: yaml`
        resource "aws_lb" "example" {}
        resource "aws_alb_listener" "bad" {
          load_balancer_arn = aws_lb.example.arn
          protocol          = "HTTP"
          default_action {
            type             = "forward"
            target_group_arn = "arn:tg"
          }
        }
      `,
      errors: [{ line: 5, message: /load balancer aws_lb.example does not redirect/ }],
    },
  ],
});
