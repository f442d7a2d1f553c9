import rule from '../../../src/rules/net/vpc-endpoint-security-groups.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: an interface endpoint with its own group; gateway endpoints (by default and by name) take none',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          EcrApi:
            Type: AWS::EC2::VPCEndpoint
            Properties:
              VpcId: vpc-1
              ServiceName: com.amazonaws.eu-west-1.ecr.api
              VpcEndpointType: Interface
              SecurityGroupIds: [!Ref EndpointGroup]
          S3:
            Type: AWS::EC2::VPCEndpoint
            Properties: { VpcId: vpc-1, ServiceName: com.amazonaws.eu-west-1.s3 }
          Dynamo:
            Type: AWS::EC2::VPCEndpoint
            Properties: { VpcId: vpc-1, ServiceName: com.amazonaws.eu-west-1.dynamodb, VpcEndpointType: Gateway }
      `,
    },
    {
      name: 'Terraform: groups from a variable are taken as given; an association replacing the default group (review)',
      filename: 'main.tf',
      code: [
        'variable "endpoint_groups" { type = list(string) }',
        'resource "aws_vpc_endpoint" "logs" {',
        '  vpc_id              = "vpc-1"',
        '  service_name        = "com.amazonaws.eu-west-1.logs"',
        '  vpc_endpoint_type   = "Interface"',
        '  security_group_ids  = var.endpoint_groups',
        '}',
        'resource "aws_vpc_endpoint" "s3" {',
        '  vpc_id       = "vpc-1"',
        '  service_name = "com.amazonaws.eu-west-1.s3"',
        '}',
        'resource "aws_vpc_endpoint" "sts" {',
        '  vpc_id            = "vpc-1"',
        '  service_name      = "com.amazonaws.eu-west-1.sts"',
        '  vpc_endpoint_type = "Interface"',
        '}',
        'resource "aws_vpc_endpoint_security_group_association" "sts" {',
        '  vpc_endpoint_id             = aws_vpc_endpoint.sts.id',
        '  security_group_id           = "sg-123"',
        '  replace_default_association = true',
        '}',
        '',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: interface endpoints without groups, or with an empty list (Mondoo vpc-endpoint-security-groups)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          EcrDkr:
            Type: AWS::EC2::VPCEndpoint
            Properties:
              VpcId: vpc-1
              ServiceName: com.amazonaws.eu-west-1.ecr.dkr
              VpcEndpointType: Interface
              PrivateDnsEnabled: true
          Secrets:
            Type: AWS::EC2::VPCEndpoint
            Properties:
              VpcId: vpc-1
              ServiceName: com.amazonaws.eu-west-1.secretsmanager
              VpcEndpointType: Interface
              SecurityGroupIds: []
      `,
      errors: [
        { line: 4, message: "The interface VPC endpoint sets no SecurityGroupIds: AWS places it in the VPC's default security group." },
        { line: 15, message: 'The interface VPC endpoint has an empty SecurityGroupIds' },
      ],
    },
    {
      name: 'Terraform: interface endpoints without groups, or with an empty list',
      filename: 'main.tf',
      code: [
        'resource "aws_vpc_endpoint" "ecr_api" {',
        '  vpc_id            = "vpc-1"',
        '  service_name      = "com.amazonaws.eu-west-1.ecr.api"',
        '  vpc_endpoint_type = "Interface"',
        '}',
        'resource "aws_vpc_endpoint" "ssm" {',
        '  vpc_id             = "vpc-1"',
        '  service_name       = "com.amazonaws.eu-west-1.ssm"',
        '  vpc_endpoint_type  = "Interface"',
        '  security_group_ids = []',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 1, message: 'The interface VPC endpoint sets no security_group_ids' },
        { line: 10, message: 'The interface VPC endpoint has an empty security_group_ids' },
      ],
    },
  ],
});
