import rule from '../../../src/rules/net/nacl-no-public-admin-ports.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Regula: SSH denied by a lower-numbered entry of the same ACL before the allow entry is reached (CloudFormation)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Nacl:
            Type: AWS::EC2::NetworkAcl
            Properties: { VpcId: vpc-123 }
          DenySsh:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: !Ref Nacl, RuleNumber: 10, RuleAction: deny, Protocol: 6, CidrBlock: 0.0.0.0/0, PortRange: { From: 22, To: 22 } }
          AllowLow:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: !Ref Nacl, RuleNumber: 20, RuleAction: allow, Protocol: 6, CidrBlock: 0.0.0.0/0, PortRange: { From: 0, To: 1000 } }
      `,
    },
    {
      name: 'review: standalone Terraform rules of one ACL (rule_number), SSH denied first',
      filename: 'main.tf',
      code: [
        'resource "aws_network_acl_rule" "deny_ssh" {',
        '  network_acl_id = aws_network_acl.a.id',
        '  rule_number    = 10',
        '  egress         = false',
        '  protocol       = "tcp"',
        '  rule_action    = "deny"',
        '  cidr_block     = "0.0.0.0/0"',
        '  from_port      = 22',
        '  to_port        = 22',
        '}',
        'resource "aws_network_acl_rule" "allow_low" {',
        '  network_acl_id = aws_network_acl.a.id',
        '  rule_number    = 20',
        '  egress         = false',
        '  protocol       = "tcp"',
        '  rule_action    = "allow"',
        '  cidr_block     = "0.0.0.0/0"',
        '  from_port      = 0',
        '  to_port        = 1000',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'Regula: inline entries of a Terraform ACL, a deny of everything first',
      filename: 'main.tf',
      code: [
        'resource "aws_network_acl" "a" {',
        '  vpc_id = "vpc-123"',
        '  ingress {',
        '    rule_no    = 10',
        '    action     = "deny"',
        '    protocol   = "-1"',
        '    cidr_block = "0.0.0.0/0"',
        '    from_port  = 0',
        '    to_port    = 0',
        '  }',
        '  ingress {',
        '    rule_no    = 20',
        '    action     = "allow"',
        '    protocol   = "tcp"',
        '    cidr_block = "0.0.0.0/0"',
        '    from_port  = 22',
        '    to_port    = 22',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    {
      name: 'review: SSH from a public /8 denied first by a deny of the same /8 (or a range holding it)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Deny:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-1, RuleNumber: 90, Protocol: 6, RuleAction: deny, CidrBlock: 0.0.0.0/1, PortRange: { From: 22, To: 22 } }
          Allow:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-1, RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 3.0.0.0/8, PortRange: { From: 22, To: 22 } }
      `,
    },
    {
      name: 'second review: a deny of all global unicast (2000::/3) before an allow of ::/0',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Deny:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-1, RuleNumber: 90, Protocol: 6, RuleAction: deny, Ipv6CidrBlock: 2000::/3, PortRange: { From: 22, To: 22 } }
          Allow:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-1, RuleNumber: 100, Protocol: 6, RuleAction: allow, Ipv6CidrBlock: ::/0, PortRange: { From: 22, To: 22 } }
      `,
    },
    {
      name: 'an entry for UDP alone opens neither SSH nor RDP',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Udp:
            Type: AWS::EC2::NetworkAclEntry
            Properties:
              NetworkAclId: acl-1
              RuleNumber: 100
              Protocol: 17
              RuleAction: allow
              CidrBlock: 0.0.0.0/0
              PortRange: { From: 0, To: 65535 }
      `,
    },
    {
      name: 'CloudFormation: SSH from a private range, allow-all entry from a private range, egress entry, deny entry',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Acl:
            Type: AWS::EC2::NetworkAcl
            Properties: { VpcId: vpc-1 }
          Ssh:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: !Ref Acl, RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 10.0.0.0/8, PortRange: { From: 22, To: 22 } }
          All:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: !Ref Acl, RuleNumber: 110, Protocol: -1, RuleAction: allow, CidrBlock: 10.0.0.0/16 }
          Out:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: !Ref Acl, RuleNumber: 120, Egress: true, Protocol: 6, RuleAction: allow, CidrBlock: 0.0.0.0/0, PortRange: { From: 22, To: 22 } }
          Deny:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: !Ref Acl, RuleNumber: 90, Protocol: 6, RuleAction: deny, CidrBlock: 0.0.0.0/0, PortRange: { From: 22, To: 22 } }
      `,
    },
    {
      name: 'Terraform: ephemeral ports from the world',
      filename: 'main.tf',
      code: yaml`
        resource "aws_network_acl" "public" {
          vpc_id = "vpc-1"
          ingress {
            protocol   = "tcp"
            rule_no    = 100
            action     = "allow"
            cidr_block = "0.0.0.0/0"
            from_port  = 1024
            to_port    = 65535
          }
        }
      `,
    },
    {
      name: 'Terraform: the default network ACL declared as AWS creates it (allow all, as AWS creates it)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_default_network_acl" "default" {
          default_network_acl_id = "acl-1"
          ingress {
            protocol   = -1
            rule_no    = 100
            action     = "allow"
            cidr_block = "0.0.0.0/0"
            from_port  = 0
            to_port    = 0
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a deny numbered after the allow, one for another ACL, one for another port: the allow still decides',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          DenyLater:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: !Ref Nacl, RuleNumber: 30, RuleAction: deny, Protocol: 6, CidrBlock: 0.0.0.0/0, PortRange: { From: 22, To: 22 } }
          DenyOtherAcl:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: !Ref Other, RuleNumber: 5, RuleAction: deny, Protocol: -1, CidrBlock: 0.0.0.0/0 }
          DenyRdpOnly:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: !Ref Nacl, RuleNumber: 5, RuleAction: deny, Protocol: 6, CidrBlock: 0.0.0.0/0, PortRange: { From: 3389, To: 3389 } }
          AllowSsh:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: !Ref Nacl, RuleNumber: 20, RuleAction: allow, Protocol: 6, CidrBlock: 0.0.0.0/0, PortRange: { From: 22, To: 22 } }
      `,
      errors: [{ line: 13, message: 'allows SSH (22) from' }],
    },
    {
      name: 'CloudFormation YAML: SSH and RDP from the world',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Ssh:
            Type: AWS::EC2::NetworkAclEntry
            Properties:
              NetworkAclId: acl-1
              Protocol: 6
              RuleAction: allow
              CidrBlock: 0.0.0.0/0
              PortRange: { From: 22, To: 22 }
          Rdp:
            Type: AWS::EC2::NetworkAclEntry
            Properties:
              NetworkAclId: acl-1
              Protocol: 6
              RuleAction: allow
              Ipv6CidrBlock: ::/0
              PortRange: { From: 3389, To: 3389 }
      `,
      errors: [
        { line: 8, message: 'The network ACL entry allows SSH (22) from 0.0.0.0/0 (port 22): administrative access must never be open to the internet.' },
        { line: 16, message: /RDP \(3389\) from ::\/0/ },
      ],
    },
    {
      name: 'CloudFormation JSON: a range including 22',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { E: { Type: 'AWS::EC2::NetworkAclEntry', Properties: { Protocol: 6, RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 20, To: 25 } } } } },
        null,
        2,
      ),
      errors: [{ line: 8, message: /SSH \(22\) from 0\.0\.0\.0\/0 \(ports 20-25\)/ }],
    },
    {
      name: 'Terraform: aws_network_acl_rule and an inline ingress block',
      filename: 'main.tf',
      code: yaml`
        resource "aws_network_acl_rule" "ssh" {
          egress      = false
          protocol    = "tcp"
          from_port   = 22
          to_port     = 22
          rule_action = "allow"
          cidr_block  = "0.0.0.0/0"
        }
        resource "aws_network_acl" "acl" {
          ingress {
            protocol   = "tcp"
            rule_no    = 100
            action     = "allow"
            cidr_block = "0.0.0.0/0"
            from_port  = 3389
            to_port    = 3389
          }
        }
      `,
      errors: [{ line: 7 }, { line: 14, message: /RDP/ }],
    },
    {
      // Trivy AVD-AWS-0102 bad example's shape; Checkov CKV_AWS_231/232 fail protocol -1 from 0.0.0.0/0 too.
      name: 'allow-all entries from the world (every protocol; every TCP port) are reported at medium',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          All:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-1, RuleNumber: 100, Protocol: "-1", RuleAction: allow, Egress: "false", CidrBlock: 0.0.0.0/0, PortRange: { From: "0", To: "65535" } }
          AllTcp:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-1, RuleNumber: 110, Protocol: 6, RuleAction: allow, Ipv6CidrBlock: ::/0, PortRange: { From: 0, To: 65535 } }
          AllOut:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-1, RuleNumber: 100, Protocol: -1, RuleAction: allow, Egress: true, CidrBlock: 0.0.0.0/0 }
      `,
      errors: [
        {
          line: 4,
          severity: 'medium',
          message:
            'The network ACL entry allows all traffic (every protocol and port) from 0.0.0.0/0, SSH (22) and RDP (3389) included: only security groups then keep administrative ports closed to the internet. Allow only the ports the subnets serve.',
        },
        { line: 7, severity: 'medium', message: /allows every port from ::\/0, SSH \(22\) and RDP \(3389\) included/ },
      ],
    },
    {
      name: 'a large part of the internet (a public /8, two /1 halves, an IPv6 /12) is reported one level lower',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Ssh:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-1, RuleNumber: 100, Protocol: 6, RuleAction: allow, CidrBlock: 3.0.0.0/8, PortRange: { From: 22, To: 22 } }
          All:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-1, RuleNumber: 110, Protocol: -1, RuleAction: allow, CidrBlock: 0.0.0.0/1 }
          Rdp:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-1, RuleNumber: 120, Protocol: 6, RuleAction: allow, Ipv6CidrBlock: 2a00::/12, PortRange: { From: 3389, To: 3389 } }
          Private:
            Type: AWS::EC2::NetworkAclEntry
            Properties: { NetworkAclId: acl-1, RuleNumber: 130, Protocol: 6, RuleAction: allow, CidrBlock: 10.0.0.0/8, PortRange: { From: 22, To: 22 } }
      `,
      errors: [
        { line: 4, severity: 'medium', message: 'from 3.0.0.0/8 (1/256 of all IPv4 addresses, a large part of the internet)' },
        { line: 7, severity: 'low', message: 'from 0.0.0.0/1 (1/2 of all IPv4 addresses, a large part of the internet)' },
        { line: 10, severity: 'medium', message: 'from 2a00::/12 (1/4,096 of all IPv6 addresses, a large part of the internet)' },
      ],
    },
    {
      name: 'Terraform: aws_network_acl_rule with protocol "all", and an inline allow-all ingress block',
      filename: 'main.tf',
      code: yaml`
        resource "aws_network_acl_rule" "bad_example" {
          egress      = false
          protocol    = "all"
          rule_action = "allow"
          cidr_block  = "0.0.0.0/0"
        }
        resource "aws_network_acl" "public" {
          ingress {
            protocol   = "-1"
            rule_no    = 100
            action     = "allow"
            cidr_block = "0.0.0.0/0"
            from_port  = 0
            to_port    = 0
          }
        }
      `,
      errors: [
        { line: 5, severity: 'medium', message: /all traffic \(every protocol and port\) from 0\.0\.0\.0\/0/ },
        { line: 12, severity: 'medium' },
      ],
    },
  ],
});
