import rule from '../../../src/rules/net/service-to-service-ingress.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: a service that picks groups with a for filter is not known to use any one of them',
      filename: 'main.tf',
      code: yaml`
        locals {
          groups = { lb = { port = 443 }, app = { port = 8443 } }
        }
        resource "aws_security_group" "this" {
          for_each    = local.groups
          name        = each.key
          description = each.key
          vpc_id      = "vpc-1"
        }
        resource "aws_vpc_security_group_ingress_rule" "internal" {
          for_each          = local.groups
          security_group_id = aws_security_group.this[each.key].id
          description       = "vpc wide"
          cidr_ipv4         = "10.0.0.0/8"
          from_port         = each.value.port
          to_port           = each.value.port
          ip_protocol       = "tcp"
        }
        resource "aws_ecs_service" "app" {
          name        = "app"
          launch_type = "FARGATE"
          network_configuration {
            subnets         = ["subnet-b"]
            security_groups = [for k, sg in aws_security_group.this : sg.id if k == "app"]
          }
        }
      `,
    },
    {
      name: 'CloudFormation: service group allows the load balancer group, a /24 subnet, the world (other rule) and a parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Cidr: { Type: String }
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.0.0.0/16
          LbGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: alb
              VpcId: !Ref Vpc
          TaskGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: tasks
              VpcId: !Ref Vpc
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: !Ref LbGroup }
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 10.0.1.0/24 }
                - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: !Ref Cidr }
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourcePrefixListId: pl-123 }
          Service:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  SecurityGroups: [!Ref TaskGroup]
                  Subnets: [subnet-1]
      `,
    },
    {
      name: 'CloudFormation: a VPC-wide range on a group no ECS service uses, and ranges inside a trusted CIDR',
      filename: 'template.yaml',
      settings: { trustedCidrs: ['10.0.0.0/8'] },
      code: yaml`
        Resources:
          DbGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: db
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 172.16.0.0/12 }
          TaskGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: tasks
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 10.0.0.0/8 }
                - { IpProtocol: tcp, FromPort: 8081, ToPort: 8081, CidrIp: 10.16.0.0/12 }
          Service:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  SecurityGroups: [!GetAtt TaskGroup.GroupId]
      `,
    },
    {
      name: 'Terraform: source security group and subnet CIDR',
      filename: 'main.tf',
      code: yaml`
        resource "aws_security_group" "tasks" {
          name = "tasks"
          ingress {
            from_port       = 8080
            to_port         = 8080
            protocol        = "tcp"
            security_groups = [aws_security_group.lb.id]
          }
          ingress {
            from_port   = 8080
            to_port     = 8080
            protocol    = "tcp"
            cidr_blocks = ["10.0.3.0/24"]
          }
        }
        resource "aws_security_group" "lb" {
          name = "lb"
        }
        resource "aws_ecs_service" "app" {
          name = "app"
          network_configuration {
            subnets         = ["subnet-1"]
            security_groups = [aws_security_group.tasks.id]
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation YAML: inline /8, VPC CIDR literal and GetAtt, standalone ingress rule, IPv6 /56',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties:
              CidrBlock: 10.20.0.0/20
          TaskGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: tasks
              VpcId: !Ref Vpc
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 10.0.0.0/8 }
                - { IpProtocol: '-1', CidrIp: 10.20.0.0/20 }
                - { IpProtocol: tcp, FromPort: 8000, ToPort: 8100, CidrIp: !GetAtt Vpc.CidrBlock }
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIpv6: 'fd00:1234:5678:ab00::/56' }
          Extra:
            Type: AWS::EC2::SecurityGroupIngress
            Properties:
              GroupId: !Ref TaskGroup
              IpProtocol: tcp
              FromPort: 9090
              ToPort: 9090
              CidrIp: 192.168.0.0/16
          Service:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  SecurityGroups: [!Ref TaskGroup]
      `,
      errors: [
        { line: 12, message: 'The security group TaskGroup of the ECS service Service allows port 8080 from 10.0.0.0/8: every workload in that range can reach it; allow the callers\' security groups (SourceSecurityGroupId / source_security_group_id / referenced_security_group_id) instead.' },
        { line: 13, message: /allows all traffic from 10\.20\.0\.0\/20, the CIDR block of its VPC/ },
        { line: 14, message: /allows ports 8000-8100 from the whole VPC CIDR block/ },
        { line: 15, message: /from fd00:1234:5678:ab00::\/56/ },
        { line: 23, message: /TaskGroup of the ECS service Service allows port 9090 from 192\.168\.0\.0\/16/ },
      ],
    },
    {
      name: 'CloudFormation JSON: inline /16',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            TaskGroup: {
              Type: 'AWS::EC2::SecurityGroup',
              Properties: { GroupDescription: 'tasks', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '10.1.0.0/16' }] },
            },
            Service: { Type: 'AWS::ECS::Service', Properties: { NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: [{ Ref: 'TaskGroup' }] } } } },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 12, message: /TaskGroup of the ECS service Service allows port 80 from 10\.1\.0\.0\/16/ }],
    },
    {
      name: 'Terraform: inline block, aws_security_group_rule, aws_vpc_security_group_ingress_rule, VPC cidr_block reference',
      filename: 'main.tf',
      code: yaml`
        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
        }
        resource "aws_security_group" "tasks" {
          name   = "tasks"
          vpc_id = aws_vpc.main.id
          ingress {
            from_port   = 8080
            to_port     = 8080
            protocol    = "tcp"
            cidr_blocks = ["10.0.0.0/16"]
          }
        }
        resource "aws_security_group_rule" "vpc" {
          type              = "ingress"
          security_group_id = aws_security_group.tasks.id
          from_port         = 9000
          to_port           = 9000
          protocol          = "tcp"
          cidr_blocks       = [aws_vpc.main.cidr_block]
        }
        resource "aws_vpc_security_group_ingress_rule" "wide" {
          security_group_id = aws_security_group.tasks.id
          ip_protocol       = "-1"
          cidr_ipv4         = "10.0.0.0/8"
        }
        resource "aws_ecs_service" "app" {
          name = "app"
          network_configuration {
            subnets         = ["subnet-1"]
            security_groups = [aws_security_group.tasks.id]
          }
        }
      `,
      errors: [
        { line: 11, message: /aws_security_group\.tasks of the ECS service aws_ecs_service\.app allows port 8080 from 10\.0\.0\.0\/16/ },
        { line: 20, message: /port 9000 from the whole VPC CIDR block/ },
        { line: 25, message: /all traffic from 10\.0\.0\.0\/8/ },
      ],
    },
    {
      name: 'CloudFormation: the VPC CIDR imported from the network stack',
      filename: 'app.yaml',
      code: yaml`
        Resources:
          TaskSg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: tasks
              VpcId: !ImportValue VpcId
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: !ImportValue VpcCidr, Description: x }
          Svc:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration: { SecurityGroups: [!Ref TaskSg], Subnets: [subnet-1] }
      `,
      others: [
        {
          filename: 'net.yaml',
          code: yaml`
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: { CidrBlock: 10.0.0.0/16 }
            Outputs:
              Id: { Value: !Ref Vpc, Export: { Name: VpcId } }
              Cidr: { Value: !GetAtt Vpc.CidrBlock, Export: { Name: VpcCidr } }
          `,
        },
      ],
      errors: [{ line: 8, message: 'allows port 8080 from the whole VPC CIDR block' }],
    },
  ],
});
