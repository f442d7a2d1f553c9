import rule from '../../../src/rules/net/security-group-rule-descriptions.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: described rules',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          A:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: a
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8, Description: https from the VPC }
              SecurityGroupEgress:
                - { IpProtocol: "-1", CidrIp: 0.0.0.0/0, Description: all out }
          B:
            Type: AWS::EC2::SecurityGroupIngress
            Properties: { GroupId: sg-1, IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/8, Description: http }
      `,
    },
    {
      name: 'Terraform: described rules',
      filename: 'main.tf',
      code: yaml`
        resource "aws_vpc_security_group_egress_rule" "all" {
          security_group_id = "sg-1"
          ip_protocol       = "-1"
          cidr_ipv4         = "0.0.0.0/0"
          description       = "all out"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation YAML: inline and standalone rules without descriptions',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          A:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: a
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }
              SecurityGroupEgress:
                - { IpProtocol: "-1", CidrIp: 0.0.0.0/0, Description: "" }
          B:
            Type: AWS::EC2::SecurityGroupEgress
            Properties: { GroupId: sg-1, IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/8 }
      `,
      errors: [
        { line: 7, message: 'The ingress rule has no Description: say who needs this opening and why.' },
        { line: 9, message: 'The egress rule has an empty Description: say who needs this opening and why.' },
        { line: 12, message: /egress rule has no Description/ },
      ],
    },
    {
      name: 'CloudFormation JSON: inline ingress without description',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { A: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'a', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' }] } } } },
        null,
        2,
      ),
      errors: [{ line: 8 }],
    },
    {
      name: 'Terraform: blocks, aws_security_group_rule and aws_vpc_security_group_ingress_rule',
      filename: 'main.tf',
      code: yaml`
        resource "aws_security_group" "a" {
          description = "a"
          ingress {
            from_port   = 80
            to_port     = 80
            protocol    = "tcp"
            cidr_blocks = ["10.0.0.0/8"]
          }
        }
        resource "aws_security_group_rule" "out" {
          type              = "egress"
          security_group_id = aws_security_group.a.id
          from_port         = 443
          to_port           = 443
          protocol          = "tcp"
        }
        resource "aws_vpc_security_group_ingress_rule" "in" {
          security_group_id = aws_security_group.a.id
          ip_protocol       = "tcp"
          from_port         = 8080
          to_port           = 8080
          cidr_ipv4         = "10.0.0.0/8"
        }
      `,
      errors: [{ line: 3, message: /ingress rule has no description/ }, { line: 10, message: /egress rule/ }, { line: 17, message: /ingress rule/ }],
    },
  ],
});
