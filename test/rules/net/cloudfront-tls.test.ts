import rule from '../../../src/rules/net/cloudfront-tls.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: an alias with an ACM certificate and TLSv1.2_2021, HTTPS redirects, an HTTPS-only ALB origin and an S3 REST origin',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cdn:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: true
                Aliases: [app.example.com]
                ViewerCertificate:
                  AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
                  SslSupportMethod: sni-only
                  MinimumProtocolVersion: TLSv1.2_2021
                DefaultCacheBehavior:
                  TargetOriginId: alb
                  ViewerProtocolPolicy: redirect-to-https
                CacheBehaviors:
                  - PathPattern: /static/*
                    TargetOriginId: assets
                    ViewerProtocolPolicy: https-only
                Origins:
                  - Id: alb
                    DomainName: !GetAtt LoadBalancer.DNSName
                    CustomOriginConfig:
                      OriginProtocolPolicy: https-only
                      OriginSSLProtocols: [TLSv1.2]
                  - Id: assets
                    DomainName: assets.s3.us-east-1.amazonaws.com
                    S3OriginConfig: {}
      `,
    },
    {
      name: 'CloudFormation: unresolved settings (a condition, parameters without defaults) and a disabled distribution',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Policy: { Type: String }
          Certificate: { Type: String }
        Conditions:
          HasCertificate: !Not [!Equals [!Ref Certificate, '']]
        Resources:
          Cdn:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: true
                ViewerCertificate: !If [HasCertificate, { AcmCertificateArn: !Ref Certificate, SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2021 }, { CloudFrontDefaultCertificate: true }]
                DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: !Ref Policy }
                Origins:
                  - Id: app
                    DomainName: app.example.com
                    CustomOriginConfig: { OriginProtocolPolicy: !Ref Policy }
          Old:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: false
                DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: allow-all }
      `,
    },
    {
      name: 'Terraform: ACM certificate with TLSv1.2_2019, redirect and HTTPS-only behaviors, an HTTPS origin with TLSv1.2 only',
      filename: 'main.tf',
      code: [
        'resource "aws_cloudfront_distribution" "app" {',
        '  enabled = true',
        '  aliases = ["app.example.com"]',
        '  origin {',
        '    origin_id   = "alb"',
        '    domain_name = aws_lb.app.dns_name',
        '    custom_origin_config {',
        '      http_port              = 80',
        '      https_port             = 443',
        '      origin_protocol_policy = "https-only"',
        '      origin_ssl_protocols   = ["TLSv1.2"]',
        '    }',
        '  }',
        '  default_cache_behavior {',
        '    target_origin_id       = "alb"',
        '    viewer_protocol_policy = "redirect-to-https"',
        '  }',
        '  ordered_cache_behavior {',
        '    path_pattern           = "/api/*"',
        '    target_origin_id       = "alb"',
        '    viewer_protocol_policy = "https-only"',
        '  }',
        '  viewer_certificate {',
        '    acm_certificate_arn      = var.certificate_arn',
        '    ssl_support_method       = "sni-only"',
        '    minimum_protocol_version = "TLSv1.2_2019"',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'Terraform: a viewer certificate from a dynamic block over an unknown collection is unknown',
      filename: 'main.tf',
      code: [
        'resource "aws_cloudfront_distribution" "dyn" {',
        '  enabled = true',
        '  default_cache_behavior {',
        '    target_origin_id       = "app"',
        '    viewer_protocol_policy = "redirect-to-https"',
        '  }',
        '  dynamic "viewer_certificate" {',
        '    for_each = var.certificates',
        '    content {',
        '      acm_certificate_arn      = viewer_certificate.value.arn',
        '      ssl_support_method       = "sni-only"',
        '      minimum_protocol_version = "TLSv1.2_2021"',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: a weak viewer policy, allow-all behaviors, an HTTP-only ALB origin and an origin that allows SSLv3 and TLSv1',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cdn:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: true
                Aliases: [app.example.com]
                ViewerCertificate:
                  AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
                  SslSupportMethod: sni-only
                  MinimumProtocolVersion: TLSv1.1_2016
                DefaultCacheBehavior:
                  TargetOriginId: alb
                  ViewerProtocolPolicy: allow-all
                CacheBehaviors:
                  - PathPattern: /api/*
                    TargetOriginId: api
                    ViewerProtocolPolicy: allow-all
                Origins:
                  - Id: alb
                    DomainName: !GetAtt LoadBalancer.DNSName
                    CustomOriginConfig:
                      OriginProtocolPolicy: http-only
                  - Id: api
                    DomainName: api.example.com
                    CustomOriginConfig:
                      OriginProtocolPolicy: https-only
                      OriginSSLProtocols: [SSLv3, TLSv1, TLSv1.2]
      `,
      errors: [
        { line: 11, severity: 'high', message: 'CloudFront distribution "Cdn" accepts viewers with the TLSv1.1_2016 security policy, which allows protocols older than TLS 1.2.' },
        { line: 14, severity: 'high', message: 'The default cache behavior of CloudFront distribution "Cdn" serves viewers over plain HTTP (`allow-all`)' },
        { line: 18, severity: 'high', message: 'The cache behavior for /api/* of CloudFront distribution "Cdn" serves viewers over plain HTTP' },
        { line: 23, severity: 'medium', message: 'CloudFront reaches origin alb of distribution "Cdn" over plain HTTP (`http-only`)' },
        { line: 28, severity: 'medium', message: 'CloudFront may reach origin api of distribution "Cdn" over SSLv3, TLSv1, older than TLS 1.2' },
      ],
    },
    {
      name: 'CloudFormation: the default certificate, written and left out; an S3 website origin; the legacy custom origin',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Site:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: true
                ViewerCertificate:
                  CloudFrontDefaultCertificate: true
                DefaultCacheBehavior: { TargetOriginId: site, ViewerProtocolPolicy: redirect-to-https }
                Origins:
                  - Id: site
                    DomainName: my-site.s3-website-us-east-1.amazonaws.com
                    CustomOriginConfig: { OriginProtocolPolicy: http-only }
          Legacy:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: 'true'
                DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: redirect-to-https }
                CustomOrigin: { DNSName: app.example.com, OriginProtocolPolicy: http-only, OriginSSLProtocols: [TLSv1.2] }
      `,
      errors: [
        { line: 8, severity: 'low', message: 'CloudFront distribution "Site" serves HTTPS with the default *.cloudfront.net certificate' },
        { line: 13, severity: 'low', message: 'CloudFront reaches origin site of distribution "Site", an S3 website endpoint, over plain HTTP' },
        { line: 17, severity: 'low', message: 'CloudFront distribution "Legacy" serves HTTPS with the default *.cloudfront.net certificate' },
        { line: 20, severity: 'medium', message: 'CloudFront reaches the custom origin of distribution "Legacy" over plain HTTP' },
      ],
    },
    {
      name: 'CloudFormation JSON: allow-all on the default behavior and TLSv1 on a custom certificate',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Cdn: {
              Type: 'AWS::CloudFront::Distribution',
              Properties: {
                DistributionConfig: {
                  Enabled: true,
                  ViewerCertificate: { IamCertificateId: 'ASCAEXAMPLE', SslSupportMethod: 'vip', MinimumProtocolVersion: 'TLSv1' },
                  DefaultCacheBehavior: { TargetOriginId: 'app', ViewerProtocolPolicy: 'allow-all' },
                },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 11, message: 'accepts viewers with the TLSv1 security policy' },
        { line: 15, message: 'The default cache behavior of CloudFront distribution "Cdn" serves viewers over plain HTTP' },
      ],
    },
    {
      name: 'Terraform: a custom certificate without minimum_protocol_version (TLSv1), allow-all on an ordered behavior, an origin over HTTP, TLSv1.1 to another',
      filename: 'main.tf',
      code: [
        'resource "aws_cloudfront_distribution" "app" {',
        '  enabled = true',
        '  origin {',
        '    origin_id   = "alb"',
        '    domain_name = aws_lb.app.dns_name',
        '    custom_origin_config {',
        '      http_port              = 80',
        '      https_port             = 443',
        '      origin_protocol_policy = "http-only"',
        '      origin_ssl_protocols   = ["TLSv1.2"]',
        '    }',
        '  }',
        '  origin {',
        '    origin_id   = "api"',
        '    domain_name = "api.example.com"',
        '    custom_origin_config {',
        '      http_port              = 80',
        '      https_port             = 443',
        '      origin_protocol_policy = "match-viewer"',
        '      origin_ssl_protocols   = ["TLSv1.1", "TLSv1.2"]',
        '    }',
        '  }',
        '  default_cache_behavior {',
        '    target_origin_id       = "alb"',
        '    viewer_protocol_policy = "redirect-to-https"',
        '  }',
        '  ordered_cache_behavior {',
        '    path_pattern           = "/api/*"',
        '    target_origin_id       = "api"',
        '    viewer_protocol_policy = "allow-all"',
        '  }',
        '  viewer_certificate {',
        '    acm_certificate_arn = aws_acm_certificate.app.arn',
        '    ssl_support_method  = "sni-only"',
        '  }',
        '}',
        'resource "aws_cloudfront_distribution" "site" {',
        '  enabled = true',
        '  default_cache_behavior {',
        '    target_origin_id       = "s3"',
        '    viewer_protocol_policy = "redirect-to-https"',
        '  }',
        '  viewer_certificate {',
        '    cloudfront_default_certificate = true',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 9, severity: 'medium', message: 'CloudFront reaches origin alb of distribution aws_cloudfront_distribution.app over plain HTTP' },
        { line: 20, severity: 'low', message: 'CloudFront may reach origin api of distribution aws_cloudfront_distribution.app over TLSv1.1' },
        { line: 30, severity: 'high', message: 'The cache behavior for /api/* of CloudFront distribution aws_cloudfront_distribution.app serves viewers over plain HTTP' },
        { line: 32, severity: 'high', message: 'uses a custom certificate without `minimum_protocol_version`, which then defaults to TLSv1' },
        { line: 44, severity: 'low', message: 'CloudFront distribution aws_cloudfront_distribution.site serves HTTPS with the default *.cloudfront.net certificate' },
      ],
    },
    {
      name: 'Terraform: an optional certificate input left null is the default certificate (terraform-aws-modules/cloudfront pattern), whatever the policy says',
      filename: 'main.tf',
      code: [
        'variable "certificate_arn" {',
        '  type    = string',
        '  default = null',
        '}',
        'resource "aws_cloudfront_distribution" "site" {',
        '  enabled = true',
        '  default_cache_behavior {',
        '    target_origin_id       = "s3"',
        '    viewer_protocol_policy = "redirect-to-https"',
        '  }',
        '  viewer_certificate {',
        '    acm_certificate_arn            = var.certificate_arn',
        '    cloudfront_default_certificate = var.certificate_arn == null',
        '    minimum_protocol_version       = var.certificate_arn != null ? "TLSv1.2_2021" : "TLSv1"',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 13, severity: 'low', message: 'serves HTTPS with the default *.cloudfront.net certificate' }],
    },
    {
      name: 'CloudFormation: a custom certificate without MinimumProtocolVersion (TLSv1 by default); an S3 website origin read from the bucket',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Site:
            Type: AWS::CloudFront::Distribution
            Properties:
              DistributionConfig:
                Enabled: true
                Aliases: [www.example.com]
                ViewerCertificate:
                  AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/abc
                  SslSupportMethod: sni-only
                DefaultCacheBehavior: { TargetOriginId: site, ViewerProtocolPolicy: redirect-to-https }
                Origins:
                  - Id: site
                    DomainName: !Select [2, !Split ['/', !GetAtt Bucket.WebsiteURL]]
                    CustomOriginConfig: { OriginProtocolPolicy: http-only }
          Bucket:
            Type: AWS::S3::Bucket
            Properties: { WebsiteConfiguration: { IndexDocument: index.html } }
      `,
      errors: [
        { line: 8, severity: 'high', message: 'uses a custom certificate without `MinimumProtocolVersion`, which then defaults to TLSv1' },
        { line: 15, severity: 'low', message: 'an S3 website endpoint, over plain HTTP' },
      ],
    },
  ],
});
