import rule from '../../../src/rules/net/default-security-group-closed.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: a default group with no rules; rules on dedicated groups; a group id from a variable',
      filename: 'main.tf',
      code: yaml`
        variable "group_id" {}
        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
        }
        resource "aws_default_security_group" "default" {
          vpc_id = aws_vpc.main.id
        }
        variable "rules" {}
        resource "aws_default_security_group" "other" {
          vpc_id  = "vpc-123"
          ingress = []
          dynamic "egress" {
            for_each = var.rules
            content {
              protocol    = egress.value.protocol
              from_port   = 0
              to_port     = 0
              cidr_blocks = egress.value.cidrs
            }
          }
        }
        resource "aws_security_group" "app" {
          vpc_id = aws_vpc.main.id
        }
        resource "aws_vpc_security_group_ingress_rule" "app" {
          security_group_id = aws_security_group.app.id
          cidr_ipv4         = "10.0.0.0/16"
          ip_protocol       = "tcp"
          from_port         = 8080
          to_port           = 8080
        }
        resource "aws_security_group_rule" "unknown" {
          type              = "ingress"
          security_group_id = var.group_id
          protocol          = "tcp"
          from_port         = 443
          to_port           = 443
          cidr_blocks       = ["10.0.0.0/16"]
        }
      `,
    },
    {
      name: 'CloudFormation: an ingress rule on a dedicated group',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties: { CidrBlock: 10.0.0.0/16 }
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties: { GroupDescription: app, VpcId: !Ref Vpc }
          Ingress:
            Type: AWS::EC2::SecurityGroupIngress
            Properties: { GroupId: !GetAtt Group.GroupId, IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/16 }
      `,
    },
  ],
  invalid: [
    {
      name: 'Terraform: rules in aws_default_security_group and rules attached to the VPC default group (Checkov CKV2_AWS_12)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
        }
        resource "aws_default_security_group" "default" {
          vpc_id = aws_vpc.main.id
          ingress {
            protocol  = -1
            self      = true
            from_port = 0
            to_port   = 0
          }
          egress {
            protocol    = "-1"
            from_port   = 0
            to_port     = 0
            cidr_blocks = ["0.0.0.0/0"]
          }
        }
        resource "aws_security_group_rule" "on_default" {
          type              = "ingress"
          security_group_id = aws_vpc.main.default_security_group_id
          protocol          = "tcp"
          from_port         = 443
          to_port           = 443
          cidr_blocks       = ["10.0.0.0/16"]
        }
        resource "aws_vpc_security_group_egress_rule" "on_default" {
          security_group_id = aws_default_security_group.default.id
          cidr_ipv4         = "0.0.0.0/0"
          ip_protocol       = "-1"
        }
      `,
      errors: [
        { line: 6, message: "The VPC's default security group allows inbound traffic (ingress rule): everything launched without a group of its own gets it." },
        { line: 12, message: "The VPC's default security group allows outbound traffic (egress rule)" },
        { line: 21, message: "This rule opens the VPC's default security group to inbound traffic" },
        { line: 28, message: "This rule opens the VPC's default security group to outbound traffic" },
      ],
    },
    {
      name: 'CloudFormation: ingress and egress rules on !GetAtt Vpc.DefaultSecurityGroup (both forms)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Vpc:
            Type: AWS::EC2::VPC
            Properties: { CidrBlock: 10.0.0.0/16 }
          Ingress:
            Type: AWS::EC2::SecurityGroupIngress
            Properties:
              GroupId: !GetAtt Vpc.DefaultSecurityGroup
              IpProtocol: tcp
              FromPort: 22
              ToPort: 22
              CidrIp: 10.0.0.0/8
          Egress:
            Type: AWS::EC2::SecurityGroupEgress
            Properties:
              GroupId: { "Fn::GetAtt": [Vpc, DefaultSecurityGroup] }
              IpProtocol: "-1"
              CidrIp: 0.0.0.0/0
      `,
      errors: [
        { line: 8, message: "This rule opens the VPC's default security group to inbound traffic" },
        { line: 16, message: "This rule opens the VPC's default security group to outbound traffic" },
      ],
    },
  ],
});
