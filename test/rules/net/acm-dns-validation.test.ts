import rule from '../../../src/rules/net/acm-dns-validation.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: DNS and HTTP validation, private CA, parameter, ACM ARN on a listener',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Method: { Type: String }
        Resources:
          Dns:
            Type: AWS::CertificateManager::Certificate
            Properties:
              DomainName: example.com
              ValidationMethod: DNS
          Http:
            Type: AWS::CertificateManager::Certificate
            Properties:
              DomainName: example.com
              ValidationMethod: HTTP
          Private:
            Type: AWS::CertificateManager::Certificate
            Properties:
              DomainName: internal.example
              CertificateAuthorityArn: arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/abc
          FromParameter:
            Type: AWS::CertificateManager::Certificate
            Properties:
              DomainName: example.com
              ValidationMethod: !Ref Method
          Listener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              Port: 443
              Protocol: HTTPS
              Certificates:
                - CertificateArn: !Ref Dns
                - CertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/abc
      `,
    },
    {
      name: 'Terraform: DNS validation, private CA, ACM ARN on a listener',
      filename: 'main.tf',
      code: yaml`
        resource "aws_acm_certificate" "dns" {
          domain_name       = "example.com"
          validation_method = "DNS"
        }
        resource "aws_acm_certificate" "private" {
          domain_name               = "internal.example"
          certificate_authority_arn = "arn:aws:acm-pca:eu-west-1:123456789012:certificate-authority/abc"
        }
        resource "aws_lb_listener" "https" {
          load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/y"
          port              = 443
          protocol          = "HTTPS"
          certificate_arn   = aws_acm_certificate.dns.arn
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation YAML: EMAIL, missing ValidationMethod, IAM server certificate, listeners on IAM ARNs',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Email:
            Type: AWS::CertificateManager::Certificate
            Properties:
              DomainName: example.com
              ValidationMethod: EMAIL
          Default:
            Type: AWS::CertificateManager::Certificate
            Properties:
              DomainName: example.com
          Legacy:
            Type: AWS::IAM::ServerCertificate
            Properties:
              ServerCertificateName: legacy
          Listener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              Port: 443
              Protocol: HTTPS
              Certificates:
                - CertificateArn: arn:aws:iam::123456789012:server-certificate/legacy
          Classic:
            Type: AWS::ElasticLoadBalancing::LoadBalancer
            Properties:
              Listeners:
                - LoadBalancerPort: '443'
                  InstancePort: '80'
                  Protocol: HTTPS
                  SSLCertificateId: arn:aws-us-gov:iam::123456789012:server-certificate/old
      `,
      errors: [
        { line: 6, message: /Email uses e-mail validation/ },
        { line: 9, message: /Default has no ValidationMethod and so uses e-mail validation/ },
        { line: 13, message: /AWS::IAM::ServerCertificate Legacy is an IAM server certificate/ },
        { line: 21, message: /IAM server certificate arn:aws:iam::123456789012:server-certificate\/legacy/ },
        { line: 29, message: /IAM server certificate arn:aws-us-gov:iam::123456789012:server-certificate\/old/ },
      ],
    },
    {
      name: 'CloudFormation JSON: e-mail validation',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Cert: { Type: 'AWS::CertificateManager::Certificate', Properties: { DomainName: 'example.com', ValidationMethod: 'EMAIL' } } } },
        null,
        2,
      ),
      errors: [{ line: 7, message: 'The certificate Cert uses e-mail validation, which needs a manual approval at each renewal: use DNS validation so that ACM renews it automatically.' }],
    },
    {
      name: 'Terraform: EMAIL, imported certificate, IAM server certificate, listener and classic ELB on IAM ARNs',
      filename: 'main.tf',
      code: yaml`
        resource "aws_acm_certificate" "email" {
          domain_name       = "example.com"
          validation_method = "EMAIL"
        }
        resource "aws_acm_certificate" "imported" {
          private_key      = "-----BEGIN PRIVATE KEY-----"
          certificate_body = "-----BEGIN CERTIFICATE-----"
        }
        resource "aws_iam_server_certificate" "legacy" {
          name = "legacy"
        }
        resource "aws_lb_listener" "https" {
          load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/x/y"
          port              = 443
          protocol          = "HTTPS"
          certificate_arn   = "arn:aws:iam::123456789012:server-certificate/legacy"
        }
        resource "aws_elb" "classic" {
          listener {
            lb_port            = 443
            lb_protocol        = "https"
            instance_port      = 80
            instance_protocol  = "http"
            ssl_certificate_id = "arn:aws:iam::123456789012:server-certificate/old"
          }
        }
      `,
      errors: [
        { line: 3, message: /email uses e-mail validation/ },
        { line: 7, message: /imported is imported into ACM/ },
        { line: 9, message: /aws_iam_server_certificate aws_iam_server_certificate\.legacy is an IAM server certificate/ },
        { line: 16, message: /server-certificate\/legacy/ },
        { line: 24, message: /server-certificate\/old/ },
      ],
    },
    {
      name: 'Terraform: imported certificate given only by its key (reported as a secret node)',
      filename: 'main.tf',
      code: yaml`
        variable "cert" {}
        resource "aws_acm_certificate" "imported" {
          private_key = "-----BEGIN PRIVATE KEY-----"
        }
      `,
      errors: [{ line: 3, message: /imported is imported into ACM: ACM does not renew imported certificates/ }],
    },
  ],
});
