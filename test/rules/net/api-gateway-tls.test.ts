import rule from '../../../src/rules/net/api-gateway-tls.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: TLS_1_2, an enhanced TLS 1.3 policy, an unresolved policy; ApiGatewayV2 domain configurations with TLS_1_2 or none (HTTP APIs take TLS 1.2 only)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Policy: { Type: String }
        Resources:
          Rest:
            Type: AWS::ApiGateway::DomainName
            Properties: { DomainName: api.example.com, RegionalCertificateArn: arn:cert, SecurityPolicy: TLS_1_2 }
          Strict:
            Type: AWS::ApiGateway::DomainName
            Properties: { DomainName: v2.example.com, RegionalCertificateArn: arn:cert, SecurityPolicy: SecurityPolicy_TLS13_1_3_2025_09, EndpointAccessMode: STRICT }
          Chosen:
            Type: AWS::ApiGateway::DomainName
            Properties: { DomainName: v3.example.com, RegionalCertificateArn: arn:cert, SecurityPolicy: !Ref Policy }
          PlainApi:
            Type: AWS::ApiGateway::RestApi
            Properties: { Name: app }
          Http:
            Type: AWS::ApiGatewayV2::DomainName
            Properties:
              DomainName: http.example.com
              DomainNameConfigurations:
                - { CertificateArn: arn:cert, SecurityPolicy: TLS_1_2 }
                - { CertificateArn: arn:cert }
      `,
    },
    {
      name: 'Terraform: TLS_1_2 on both kinds of domain name',
      filename: 'main.tf',
      code: [
        'resource "aws_api_gateway_domain_name" "rest" {',
        '  domain_name              = "api.example.com"',
        '  regional_certificate_arn = aws_acm_certificate.api.arn',
        '  security_policy          = "TLS_1_2"',
        '}',
        'resource "aws_apigatewayv2_domain_name" "http" {',
        '  domain_name = "http.example.com"',
        '  domain_name_configuration {',
        '    certificate_arn = aws_acm_certificate.api.arn',
        '    endpoint_type   = "REGIONAL"',
        '    security_policy = "TLS_1_2"',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: TLS_1_0 on a REST API domain and on an ApiGatewayV2 configuration; a REST API domain without a policy (no documented default) is low',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Rest:
            Type: AWS::ApiGateway::DomainName
            Properties:
              DomainName: api.example.com
              CertificateArn: arn:cert
              SecurityPolicy: TLS_1_0
          Unset:
            Type: AWS::ApiGateway::DomainName
            Properties:
              DomainName: old.example.com
              RegionalCertificateArn: arn:cert
          Regional:
            Type: AWS::ApiGatewayV2::DomainName
            Properties:
              DomainName: rest.example.com
              DomainNameConfigurations:
                - CertificateArn: arn:cert
                  SecurityPolicy: TLS_1_0
          Api:
            Type: AWS::ApiGateway::RestApi
            Properties: { Name: app, SecurityPolicy: TLS_1_0 }
          SamApi:
            Type: AWS::Serverless::Api
            Properties:
              StageName: prod
              Domain: { DomainName: sam.example.com, CertificateArn: arn:cert, SecurityPolicy: TLS_1_0 }
      `,
      errors: [
        { line: 7, severity: 'high', message: 'API Gateway domain name "Rest" uses the TLS_1_0 security policy, which accepts TLS 1.0.' },
        { line: 10, severity: 'low', message: 'API Gateway domain name "Unset" sets no SecurityPolicy: API Gateway documents no default for custom domain names' },
        { line: 19, severity: 'high', message: 'API Gateway domain name "Regional" uses the TLS_1_0 security policy' },
        { line: 22, severity: 'high', message: 'API Gateway REST API "Api" uses the TLS_1_0 security policy' },
        { line: 27, severity: 'high', message: 'API Gateway domain name "SamApi" uses the TLS_1_0 security policy' },
      ],
    },
    {
      name: 'Terraform: TLS_1_0 reported; no security_policy (no documented default) low',
      filename: 'main.tf',
      code: [
        'resource "aws_api_gateway_domain_name" "legacy" {',
        '  domain_name     = "api.example.com"',
        '  certificate_arn = aws_acm_certificate.api.arn',
        '  security_policy = "TLS_1_0"',
        '}',
        'resource "aws_api_gateway_domain_name" "unset" {',
        '  domain_name     = "old.example.com"',
        '  certificate_arn = aws_acm_certificate.api.arn',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 4, severity: 'high', message: 'API Gateway domain name aws_api_gateway_domain_name.legacy uses the TLS_1_0 security policy' },
        { line: 6, severity: 'low', message: 'API Gateway domain name aws_api_gateway_domain_name.unset sets no security_policy' },
      ],
    },
  ],
});
