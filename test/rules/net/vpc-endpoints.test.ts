import rule from '../../../src/rules/net/vpc-endpoints.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const network = (routes: string, endpoints: string): string => yaml`
  Resources:
    Vpc:
      Type: AWS::EC2::VPC
      Properties: { CidrBlock: 10.0.0.0/16 }
    Private:
      Type: AWS::EC2::Subnet
      Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
    Table:
      Type: AWS::EC2::RouteTable
      Properties: { VpcId: !Ref Vpc }
    Assoc:
      Type: AWS::EC2::SubnetRouteTableAssociation
      Properties: { SubnetId: !Ref Private, RouteTableId: !Ref Table }
    Task:
      Type: AWS::ECS::TaskDefinition
      Properties:
        ContainerDefinitions:
          - Name: app
            Image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1
            LogConfiguration: { LogDriver: awslogs }
            Secrets:
              - { Name: DB, ValueFrom: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db }
    Service:
      Type: AWS::ECS::Service
      Properties:
        TaskDefinition: !Ref Task
        NetworkConfiguration:
          AwsvpcConfiguration:
            AssignPublicIp: DISABLED
            Subnets: [!Ref Private]
`
  .concat(routes)
  .concat(endpoints);

const allEndpoints = ['ecr.api', 'ecr.dkr', 'logs', 'secretsmanager']
  .map(
    (service, index) => `  Ep${index}:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: !Ref Vpc, VpcEndpointType: Interface, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.${service}" }
`,
  )
  .join('')
  .concat(`  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Join ["", ["com.amazonaws.", !Ref AWS::Region, ".s3"]]
`);

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: isolated subnet with every endpoint',
      filename: 'template.yaml',
      code: network('', allEndpoints),
    },
    {
      name: 'CloudFormation: default route through a NAT gateway',
      filename: 'template.yaml',
      code: network(
        `  Default:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: nat-123 }
`,
        '',
      ),
    },
    {
      name: 'CloudFormation: subnets from a parameter are unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Subnets: { Type: "List<AWS::EC2::Subnet::Id>" }
        Resources:
          Service:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration: { Subnets: !Ref Subnets }
      `,
    },
    {
      name: 'CloudFormation: a subnet without a route table association in the scan is unknown',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
          Private:
            Type: AWS::EC2::Subnet
            Properties: { VpcId: !Ref Vpc }
          Service:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration: { Subnets: [!Ref Private] }
      `,
    },
    {
      name: 'Terraform: route table with a default route to an internet gateway',
      filename: 'main.tf',
      code: yaml`
        resource "aws_vpc" "this" {}
        resource "aws_subnet" "a" {
          vpc_id = aws_vpc.this.id
        }
        resource "aws_route_table" "rt" {
          vpc_id = aws_vpc.this.id
          route {
            cidr_block = "0.0.0.0/0"
            gateway_id = "igw-123"
          }
        }
        resource "aws_route_table_association" "a" {
          subnet_id      = aws_subnet.a.id
          route_table_id = aws_route_table.rt.id
        }
        resource "aws_ecs_service" "app" {
          network_configuration {
            subnets = [aws_subnet.a.id]
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation YAML: isolated subnet with only an ecr.api endpoint',
      filename: 'template.yaml',
      code: network(
        '',
        `  Ecr:
    Type: AWS::EC2::VPCEndpoint
    Properties: { VpcId: !Ref Vpc, VpcEndpointType: Interface, ServiceName: !Sub "com.amazonaws.\${AWS::Region}.ecr.api" }
`,
      ),
      errors: [
        {
          line: 30,
          message:
            'The service runs in subnets with no route to a NAT or internet gateway (Private), and VPC Vpc has no endpoint for ecr.dkr (interface), s3 (gateway), logs (interface), secretsmanager (interface): tasks cannot pull images, read secrets or send logs.',
        },
      ],
    },
    {
      name: 'CloudFormation YAML: a route to a peered VPC only is no way out',
      filename: 'template.yaml',
      code: network(
        `  Peer:
    Type: AWS::EC2::Route
    Properties: { RouteTableId: !Ref Table, DestinationCidrBlock: 10.1.0.0/16, VpcPeeringConnectionId: pcx-1 }
`,
        allEndpoints.split('  S3:')[0] ?? '',
      ),
      errors: [{ line: 30, message: /no endpoint for s3 \(gateway\):/ }],
    },
    {
      name: 'CloudFormation JSON: no endpoints, task definition elsewhere',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Vpc: { Type: 'AWS::EC2::VPC' },
            Sub: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' } } },
            Rt: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
            A: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Sub' }, RouteTableId: { Ref: 'Rt' } } },
            S: { Type: 'AWS::ECS::Service', Properties: { TaskDefinition: 'arn:td', NetworkConfiguration: { AwsvpcConfiguration: { Subnets: [{ Ref: 'Sub' }] } } } },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 39, message: /VPC Vpc has no endpoint for ecr\.api \(interface\), ecr\.dkr \(interface\), s3 \(gateway\):/ }],
    },
    {
      name: 'Terraform: isolated subnet, endpoints for ECR only',
      filename: 'main.tf',
      code: yaml`
        variable "region" {
          default = "eu-west-1"
        }
        resource "aws_vpc" "this" {}
        resource "aws_subnet" "a" {
          vpc_id = aws_vpc.this.id
        }
        resource "aws_route_table" "rt" {
          vpc_id = aws_vpc.this.id
        }
        resource "aws_route_table_association" "a" {
          subnet_id      = aws_subnet.a.id
          route_table_id = aws_route_table.rt.id
        }
        resource "aws_vpc_endpoint" "api" {
          vpc_id            = aws_vpc.this.id
          service_name      = "com.amazonaws.\${var.region}.ecr.api"
          vpc_endpoint_type = "Interface"
        }
        resource "aws_vpc_endpoint" "dkr" {
          vpc_id            = aws_vpc.this.id
          service_name      = "com.amazonaws.\${var.region}.ecr.dkr"
          vpc_endpoint_type = "Interface"
        }
        resource "aws_ecs_service" "app" {
          network_configuration {
            subnets = [aws_subnet.a.id]
          }
        }
      `,
      errors: [{ line: 27, message: /VPC aws_vpc.this has no endpoint for s3 \(gateway\):/ }],
    },
  ],
});
