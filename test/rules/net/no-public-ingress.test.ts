import rule from '../../../src/rules/net/no-public-ingress.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: 443 from the world on the group of an internet-facing ALB',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          LbGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: alb
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
                - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIpv6: ::/0 }
          Lb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties:
              SecurityGroups: [!Ref LbGroup]
      `,
    },
    {
      name: 'CloudFormation: SSH from a private range, from a parameter, and from a source group',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Cidr: { Type: String }
        Resources:
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8 }
                - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr }
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: sg-123 }
                - { IpProtocol: icmp, FromPort: -1, ToPort: -1, CidrIp: 0.0.0.0/0 }
                # A range starting above its end opens nothing: EC2 rejects it (Checkov CKV_AWS_24 SecurityGroupRangeInvalid).
                - { IpProtocol: tcp, FromPort: '23', ToPort: '21', CidrIp: 0.0.0.0/0 }
      `,
    },
    {
      name: 'CloudFormation: 443 from the world on a group whose users are not in the scan is unknown',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: web
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
      `,
    },
    {
      name: 'trusted CIDR setting',
      filename: 'template.yaml',
      settings: { trustedCidrs: ['0.0.0.0/0'] },
      code: yaml`
        Resources:
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
      `,
    },
    {
      name: 'Terraform: 443 on a public aws_lb group, ports from a variable without default are unknown',
      filename: 'main.tf',
      code: yaml`
        variable "port" {}
        resource "aws_security_group" "lb" {
          ingress {
            from_port   = 443
            to_port     = 443
            protocol    = "tcp"
            cidr_blocks = ["0.0.0.0/0"]
          }
        }
        resource "aws_lb" "this" {
          security_groups = [aws_security_group.lb.id]
        }
        resource "aws_vpc_security_group_ingress_rule" "http" {
          security_group_id = aws_security_group.lb.id
          cidr_ipv4         = "0.0.0.0/0"
          from_port         = 80
          to_port           = 80
          ip_protocol       = "tcp"
        }
        resource "aws_security_group_rule" "x" {
          type              = "ingress"
          security_group_id = "sg-1"
          from_port         = var.port
          to_port           = var.port
          protocol          = "tcp"
          cidr_blocks       = ["0.0.0.0/0"]
        }
      `,
    },
    {
      name: 'CloudFormation: 80 from the world on a group shared by an internet-facing and an internal load balancer (no hosts)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          LbGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: alb
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 10.0.0.0/0 }
          Public:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties:
              SecurityGroups: [!Ref LbGroup]
          Internal:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties:
              Scheme: internal
              SecurityGroups: [!Ref LbGroup]
      `,
    },
    {
      name: 'narrow CIDRs are not the internet (large parts of it are: see the invalid cases)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 203.0.113.0/24 }
                - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 3.0.0.0/9 }
                - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIpv6: "2001:db8::/32" }
      `,
    },
  ],
  invalid: [
    {
      name: 'Terraform: large parts of the internet (a /8, a /1 alone) one level lower; two /1 halves together are the whole internet; private and narrow ranges are not',
      filename: 'main.tf',
      code: yaml`
        resource "aws_security_group" "admin" {
          name        = "admin"
          description = "admin"
          ingress {
            from_port   = 22
            to_port     = 22
            protocol    = "tcp"
            cidr_blocks = ["0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/8", "52.95.0.0/16"]
          }
          ingress {
            from_port   = 8080
            to_port     = 8080
            protocol    = "tcp"
            cidr_blocks = ["3.0.0.0/8", "0.0.0.0/1"]
          }
        }
      `,
      errors: [
        { line: 8, severity: 'critical', message: 'allows SSH (22) from 0.0.0.0/1 (with the rule\'s other ranges, the whole internet): administrative access must never be open to the internet' },
        { line: 8, severity: 'critical', message: 'from 128.0.0.0/1 (with the rule\'s other ranges, the whole internet)' },
        { line: 14, severity: 'medium', message: 'allows port 8080 from 3.0.0.0/8 (1/256 of all IPv4 addresses, a large part of the internet)' },
        { line: 14, severity: 'medium', message: 'allows port 8080 from 0.0.0.0/1 (1/2 of all IPv4 addresses, a large part of the internet)' },
      ],
    },
    {
      name: 'a CIDR that is a parameter\'s Default says so; through a nested stack, the parent\'s parameter is named',
      filename: 'child.yaml',
      code: yaml`
        Parameters:
          ChildCidr:
            Type: String
            Default: 10.0.0.0/8
          AdminCidr:
            Type: String
            Default: 0.0.0.0/0
        Resources:
          Sg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: a
              SecurityGroupIngress:
                - { CidrIp: !Ref ChildCidr, IpProtocol: tcp, FromPort: 22, ToPort: 22 }
                - { CidrIp: !Ref AdminCidr, IpProtocol: tcp, FromPort: 3389, ToPort: 3389 }
      `,
      others: [
        {
          filename: 'parent.yaml',
          code: yaml`
            Parameters:
              ParentCidr:
                Type: String
                Default: 0.0.0.0/0
            Resources:
              Child:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: ./child.yaml
                  Parameters:
                    ChildCidr: !Ref ParentCidr
          `,
        },
      ],
      errors: [
        { path: 'child.yaml', line: 14, message: '(the Default of parameter ParentCidr of the parent stack: a deployment may pass another value).' },
        { path: 'child.yaml', line: 15, message: '(the Default of parameter AdminCidr: a deployment may pass another value).' },
      ],
    },
    {
      name: 'nested stacks: a TemplateURL built with Fn::Sub names the template by its static end; a parent Fn::If branch taken with its defaults is named',
      filename: 'templates/child.yaml',
      code: yaml`
        Parameters:
          AdminCidr:
            Type: String
            Default: 10.0.0.0/8
          WebCidr:
            Type: String
        Resources:
          Sg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: a
              SecurityGroupIngress:
                - { CidrIp: !Ref AdminCidr, IpProtocol: tcp, FromPort: 22, ToPort: 22 }
                - { CidrIp: !Ref WebCidr, IpProtocol: tcp, FromPort: 3389, ToPort: 3389 }
      `,
      others: [
        {
          filename: 'parent.yaml',
          code: yaml`
            Parameters:
              Bucket: { Type: String }
              Env: { Type: String, Default: dev }
            Conditions:
              IsDev: !Equals [!Ref Env, dev]
            Resources:
              Child:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: !Sub https://\${Bucket}.s3.amazonaws.com/templates/child.yaml
                  Parameters:
                    AdminCidr: !If [IsDev, 0.0.0.0/0, 10.0.0.0/8]
                    WebCidr: 0.0.0.0/0
          `,
        },
      ],
      errors: [
        { path: 'templates/child.yaml', line: 13, message: '(the branch condition IsDev of the parent stack takes, true with the Default of parameter Env of the parent stack: a deployment may pass other values).' },
        { path: 'templates/child.yaml', line: 14, message: 'The security group rule allows RDP (3389) from 0.0.0.0/0: administrative access must never be open to the internet.' },
      ],
    },
    {
      name: 'a group exported by one template and imported by a service of another is judged by that service',
      filename: 'net.yaml',
      code: yaml`
        Resources:
          TaskSg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: task
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
        Outputs:
          TaskSg:
            Value: !Ref TaskSg
            Export: { Name: prod-task-sg }
      `,
      others: [
        {
          filename: 'app.yaml',
          code: yaml`
            Resources:
              Svc:
                Type: AWS::ECS::Service
                Properties:
                  LaunchType: FARGATE
                  NetworkConfiguration:
                    AwsvpcConfiguration:
                      Subnets: [subnet-0123456789abcdef0]
                      SecurityGroups: [!ImportValue prod-task-sg]
          `,
        },
      ],
      errors: [{ path: 'net.yaml', line: 7, message: 'The security group rule allows port 443 from 0.0.0.0/0, but the group is used by AWS::ECS::Service Svc, not by an internet-facing load balancer' }],
    },
    {
      name: 'a Default reached through Fn::Sub or Fn::Select is named too',
      code: yaml`
        Parameters:
          Prefix: { Type: String, Default: 0.0.0.0 }
          Cidrs: { Type: CommaDelimitedList, Default: "0.0.0.0/0,10.0.0.0/8" }
        Resources:
          Sg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: a
              SecurityGroupIngress:
                - { CidrIp: !Sub "\${Prefix}/0", IpProtocol: tcp, FromPort: 22, ToPort: 22 }
                - { CidrIp: !Select [0, !Ref Cidrs], IpProtocol: tcp, FromPort: 3389, ToPort: 3389 }
      `,
      errors: [
        { line: 10, message: '(the Default of parameter Prefix: a deployment may pass another value).' },
        { line: 11, message: '(the Default of parameter Cidrs: a deployment may pass another value).' },
      ],
    },
    {
      name: 'a group of one nested stack used by the load balancer of another (ECS reference architecture): medium, as in one template',
      filename: 'infrastructure/security-groups.yaml',
      code: yaml`
        Resources:
          LoadBalancerSecurityGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: alb
              SecurityGroupIngress:
                - CidrIp: 0.0.0.0/0
                  IpProtocol: -1
        Outputs:
          LoadBalancerSecurityGroup:
            Value: !Ref LoadBalancerSecurityGroup
      `,
      others: [
        {
          filename: 'master.yaml',
          code: yaml`
            Resources:
              SecurityGroups:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://s3.amazonaws.com/refarch/infrastructure/security-groups.yaml
              LoadBalancers:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: ./infrastructure/load-balancers.yaml
                  Parameters:
                    SecurityGroup: !GetAtt SecurityGroups.Outputs.LoadBalancerSecurityGroup
          `,
        },
        {
          filename: 'infrastructure/load-balancers.yaml',
          code: yaml`
            Parameters:
              SecurityGroup:
                Type: AWS::EC2::SecurityGroup::Id
            Resources:
              LoadBalancer:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties:
                  Subnets: [subnet-1, subnet-2]
                  SecurityGroups:
                    - !Ref SecurityGroup
          `,
        },
      ],
      errors: [{ path: 'infrastructure/security-groups.yaml', line: 7, severity: 'medium', message: 'The security group of the internet-facing load balancer LoadBalancer allows all ports from 0.0.0.0/0' }],
    },
    {
      // The line is the rule's own, not the one of an element AWS::NoValue removed before it.
      name: 'CloudFormation: a list element after one a static Fn::If removed, and one chosen by a static Fn::If, keep their lines',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          AllowSsh: { Type: String, Default: 'false' }
        Conditions:
          SshAllowed: !Equals [!Ref AllowSsh, 'true']
          Always: !Equals [1, 1]
        Resources:
          Sg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: admin
              VpcId: vpc-1
              SecurityGroupIngress:
                - !If
                  - SshAllowed
                  - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.0.0.0/8, Description: ssh }
                  - !Ref AWS::NoValue
                - IpProtocol: tcp
                  FromPort: 3389
                  ToPort: 3389
                  CidrIp: 0.0.0.0/0
                  Description: rdp
                - !If
                  - Always
                  - IpProtocol: tcp
                    FromPort: 5432
                    ToPort: 5432
                    CidrIp: 0.0.0.0/0
                    Description: db
                  - !Ref AWS::NoValue
      `,
      errors: [
        { line: 20, severity: 'critical', message: 'allows RDP (3389) from 0.0.0.0/0' },
        { line: 27, severity: 'high', message: 'allows port 5432 from 0.0.0.0/0' },
      ],
    },
    {
      name: 'CloudFormation: behind an internet-facing NLB without security groups, tasks with public IPs and a UDP rule on a TCP listener stay high',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Nlb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Type: network, Subnets: [subnet-1, subnet-2] }
          Listener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref Nlb
              Port: 443
              Protocol: TCP
              DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Tg }]
          Tg:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties: { Port: 8080, Protocol: TCP, TargetType: ip, VpcId: vpc-1 }
          PublicSg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: tasks
              VpcId: vpc-1
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 0.0.0.0/0, Description: clients }
          PublicService:
            Type: AWS::ECS::Service
            Properties:
              LaunchType: FARGATE
              TaskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/app:1
              LoadBalancers: [{ ContainerName: app, ContainerPort: 8080, TargetGroupArn: !Ref Tg }]
              NetworkConfiguration:
                AwsvpcConfiguration: { AssignPublicIp: ENABLED, Subnets: [subnet-1], SecurityGroups: [!Ref PublicSg] }
          UdpSg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: tasks
              VpcId: vpc-1
              SecurityGroupIngress:
                - { IpProtocol: udp, FromPort: 8080, ToPort: 8080, CidrIp: 0.0.0.0/0, Description: clients }
          UdpService:
            Type: AWS::ECS::Service
            Properties:
              LaunchType: FARGATE
              TaskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/app:1
              LoadBalancers: [{ ContainerName: app, ContainerPort: 8080, TargetGroupArn: !Ref Tg }]
              NetworkConfiguration:
                AwsvpcConfiguration: { Subnets: [subnet-3], SecurityGroups: [!Ref UdpSg] }
      `,
      errors: [
        { line: 21, severity: 'high', message: 'The security group rule allows port 8080 from 0.0.0.0/0: only 80/443' },
        { line: 36, severity: 'high', message: 'The security group rule allows UDP port 8080 from 0.0.0.0/0: only 80/443' },
      ],
    },
    {
      name: 'CloudFormation: the container port open to the world for a service behind an internet-facing NLB without security groups is medium; an extra port, or an NLB with a security group, stays high',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Nlb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Type: network, Scheme: internet-facing, Subnets: [subnet-1, subnet-2] }
          Listener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref Nlb
              Port: 443
              Protocol: TCP
              DefaultActions: [{ Type: forward, TargetGroupArn: !Ref Tg }]
          Tg:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties: { Port: 8080, Protocol: TCP, TargetType: ip, VpcId: vpc-1 }
          TaskSg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: tasks
              VpcId: vpc-1
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 0.0.0.0/0, Description: clients }
                - { IpProtocol: tcp, FromPort: 9090, ToPort: 9090, CidrIp: 0.0.0.0/0, Description: metrics }
          Service:
            Type: AWS::ECS::Service
            Properties:
              LaunchType: FARGATE
              TaskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/app:1
              LoadBalancers: [{ ContainerName: app, ContainerPort: 8080, TargetGroupArn: !Ref Tg }]
              NetworkConfiguration:
                AwsvpcConfiguration: { AssignPublicIp: DISABLED, Subnets: [subnet-3], SecurityGroups: [!Ref TaskSg] }
          GuardedNlb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Type: network, Subnets: [subnet-1, subnet-2], SecurityGroups: [sg-0123456789abcdef0] }
          GuardedListener:
            Type: AWS::ElasticLoadBalancingV2::Listener
            Properties:
              LoadBalancerArn: !Ref GuardedNlb
              Port: 443
              Protocol: TCP
              DefaultActions: [{ Type: forward, TargetGroupArn: !Ref GuardedTg }]
          GuardedTg:
            Type: AWS::ElasticLoadBalancingV2::TargetGroup
            Properties: { Port: 8080, Protocol: TCP, TargetType: ip, VpcId: vpc-1 }
          GuardedSg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: tasks
              VpcId: vpc-1
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 0.0.0.0/0, Description: clients }
          GuardedService:
            Type: AWS::ECS::Service
            Properties:
              LaunchType: FARGATE
              TaskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/app:1
              LoadBalancers: [{ ContainerName: app, ContainerPort: 8080, TargetGroupArn: !Ref GuardedTg }]
              NetworkConfiguration:
                AwsvpcConfiguration: { AssignPublicIp: DISABLED, Subnets: [subnet-3], SecurityGroups: [!Ref GuardedSg] }
      `,
      errors: [
        { line: 21, severity: 'medium', message: 'to AWS::ECS::Service Service, the target of the internet-facing network load balancer Nlb, which has no security groups' },
        { line: 22, severity: 'high', message: 'The security group rule allows port 9090 from 0.0.0.0/0: only 80/443' },
        { line: 50, severity: 'high', message: 'The security group rule allows port 8080 from 0.0.0.0/0: only 80/443' },
      ],
    },
    {
      name: 'Terraform: the container port open to the world for a service behind an internet-facing NLB without security groups is medium',
      filename: 'main.tf',
      code: [
        'resource "aws_lb" "nlb" {',
        '  load_balancer_type = "network"',
        '  subnets            = ["subnet-1", "subnet-2"]',
        '}',
        'resource "aws_lb_target_group" "app" {',
        '  port        = 8080',
        '  protocol    = "TCP"',
        '  target_type = "ip"',
        '  vpc_id      = "vpc-1"',
        '}',
        'resource "aws_lb_listener" "tls" {',
        '  load_balancer_arn = aws_lb.nlb.arn',
        '  port              = 443',
        '  protocol          = "TCP"',
        '  default_action {',
        '    type             = "forward"',
        '    target_group_arn = aws_lb_target_group.app.arn',
        '  }',
        '}',
        'resource "aws_security_group" "tasks" {',
        '  vpc_id = "vpc-1"',
        '  ingress {',
        '    from_port   = 8080',
        '    to_port     = 8080',
        '    protocol    = "tcp"',
        '    cidr_blocks = ["0.0.0.0/0"]',
        '  }',
        '}',
        'resource "aws_ecs_service" "app" {',
        '  name            = "app"',
        '  launch_type     = "FARGATE"',
        '  task_definition = "arn:aws:ecs:us-east-1:111122223333:task-definition/app:1"',
        '  load_balancer {',
        '    target_group_arn = aws_lb_target_group.app.arn',
        '    container_name   = "app"',
        '    container_port   = 8080',
        '  }',
        '  network_configuration {',
        '    subnets         = ["subnet-3"]',
        '    security_groups = [aws_security_group.tasks.id]',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 26, severity: 'medium', message: 'to aws_ecs_service aws_ecs_service.app, the target of the internet-facing network load balancer aws_lb.nlb, which has no security groups' }],
    },
    {
      name: 'a port other than 80/443 on the group of an internet-facing load balancer only (CDK ALB listener on 8080): medium',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          LbGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ALB
              SecurityGroupIngress: [{ CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 8080, ToPort: 8080, Description: listener }]
          Lb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Scheme: internet-facing, SecurityGroups: [!GetAtt LbGroup.GroupId], Subnets: [subnet-1, subnet-2] }
      `,
      errors: [{ line: 6, severity: 'medium', message: 'The security group of the internet-facing load balancer Lb allows port 8080 from 0.0.0.0/0: only 80/443 should face the internet' }],
    },
    {
      name: 'cfn_nag: a single ingress rule written without the list is read as a list of one',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Ssh:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ssh
              SecurityGroupIngress:
                CidrIp: 0.0.0.0/0
                IpProtocol: tcp
                FromPort: 22
                ToPort: 22
      `,
      errors: [{ line: 7, message: 'SSH' }],
    },
    {
      name: 'every UDP port from the internet: high, and no SSH or RDP (they need TCP)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Sg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: udp
              SecurityGroupIngress:
                - { IpProtocol: udp, FromPort: 0, ToPort: 65535, CidrIp: 0.0.0.0/0 }
                - { IpProtocol: "17", FromPort: 53, ToPort: 53, CidrIp: 0.0.0.0/0 }
      `,
      errors: [
        { line: 7, severity: 'high', message: 'The security group rule allows all UDP ports from 0.0.0.0/0: only 80/443 on an internet-facing load balancer may be open to the internet.' },
        { line: 8, severity: 'high', message: 'allows UDP port 53 from' },
      ],
    },
    {
      name: 'Terraform: a value echoed by a module output is located in the resource, not in the module block that passed it',
      filename: 'main.tf',
      code: yaml`
        module "net" {
          source      = "./modules/net"
          office_cidr = "0.0.0.0/0"
        }
        resource "aws_security_group" "admin" {
          name        = "admin"
          description = "admin access"
          ingress {
            description = "RDP from the office"
            from_port   = 3389
            to_port     = 3389
            protocol    = "tcp"
            cidr_blocks = [module.net.office_cidr]
          }
        }
      `,
      others: [{ filename: 'modules/net/main.tf', code: 'variable "office_cidr" { type = string }\noutput "office_cidr" { value = var.office_cidr }\n' }],
      errors: [{ line: 13, message: 'allows RDP (3389) from 0.0.0.0/0' }],
    },
    {
      name: 'Terraform: a service picking groups with a for filter is not known to use the load balancer\'s group',
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
        resource "aws_vpc_security_group_ingress_rule" "public" {
          for_each          = local.groups
          security_group_id = aws_security_group.this[each.key].id
          description       = "public"
          cidr_ipv4         = "0.0.0.0/0"
          from_port         = each.value.port
          to_port           = each.value.port
          ip_protocol       = "tcp"
        }
        resource "aws_lb" "this" {
          name               = "web"
          internal           = false
          load_balancer_type = "application"
          security_groups    = [aws_security_group.this["lb"].id]
          subnets            = ["subnet-a"]
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
      errors: [{ line: 14, message: 'allows port 8443 from 0.0.0.0/0' }],
    },
    {
      // cdk-nag EC2RestrictedSSH / EC2RestrictedCommonPorts noncompliance shapes: EC2 rejects them, the intent is one port.
      name: 'a TCP rule with only FromPort, or only ToPort, opens that one port',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: admin
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 22, CidrIp: 0.0.0.0/0 }
                - { IpProtocol: tcp, ToPort: 3389, CidrIpv6: ::/0 }
      `,
      errors: [
        { line: 7, message: 'The security group rule allows SSH (22) from 0.0.0.0/0' },
        { line: 8, message: /RDP \(3389\) from ::\/0/ },
      ],
    },
    {
      name: 'Terraform: SSH from the world on a VPC default group taken over by aws_default_security_group',
      filename: 'main.tf',
      code: yaml`
        resource "aws_default_security_group" "default" {
          vpc_id = "vpc-123"
          ingress {
            protocol    = "tcp"
            from_port   = 22
            to_port     = 22
            cidr_blocks = ["0.0.0.0/0"]
          }
        }
      `,
      errors: [{ line: 7, message: 'The security group rule allows SSH (22) from 0.0.0.0/0' }],
    },
    {
      name: 'CloudFormation: SSH, RDP and all traffic from the world',
      example: true,
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: admin
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp: 0.0.0.0/0
                - { IpProtocol: "6", FromPort: 3389, ToPort: 3389, CidrIpv6: ::/0 }
                - { IpProtocol: "-1", CidrIp: 0.0.0.0/0 }
                - { IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 0.0.0.0/0 }
      `,
      errors: [
        { line: 10, message: /SSH \(22\) from 0\.0\.0\.0\/0/ },
        { line: 11, message: /RDP \(3389\) from ::\/0/ },
        { line: 12, message: /allows all ports \(SSH \(22\) and RDP \(3389\) included\)/ },
        { line: 13, message: /port 5432 from 0\.0\.0\.0\/0: only 80\/443/ },
      ],
    },
    {
      name: 'CloudFormation: all traffic from the world on the group of an internet-facing load balancer',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          LbGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: alb
              SecurityGroupIngress:
                - { IpProtocol: "-1", CidrIp: 0.0.0.0/0 }
          Lb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties:
              SecurityGroups: [!Ref LbGroup]
      `,
      errors: [{ line: 7, message: 'The security group of the internet-facing load balancer Lb allows all ports from 0.0.0.0/0: allow only the listener ports (80/443).' }],
    },
    {
      name: 'CloudFormation: standalone ingress adds 443 from the world to the group of an ECS service',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          TaskGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: tasks
          Open:
            Type: AWS::EC2::SecurityGroupIngress
            Properties:
              GroupId: !GetAtt TaskGroup.GroupId
              IpProtocol: tcp
              FromPort: 443
              ToPort: 443
              CidrIp: 0.0.0.0/0
          Service:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  SecurityGroups: [!Ref TaskGroup]
      `,
      errors: [{ line: 13, message: /used by AWS::ECS::Service Service, not by an internet-facing load balancer/ }],
    },
    {
      name: 'CloudFormation JSON: 80 on the group of an internal load balancer',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Group: {
              Type: 'AWS::EC2::SecurityGroup',
              Properties: { GroupDescription: 'lb', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }] },
            },
            Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Scheme: 'internal', SecurityGroups: [{ Ref: 'Group' }] } },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 12, severity: 'medium', message: /port 80 from 0\.0\.0\.0\/0 to the internal load balancer AWS::ElasticLoadBalancingV2::LoadBalancer Lb: every network routed into the VPC/ }],
    },
    {
      name: 'all ports from the world on the group of an internal load balancer: no SSH behind a load balancer, and no internet route (medium)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          LbSg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: lb
              SecurityGroupIngress:
                - { CidrIp: 0.0.0.0/0, IpProtocol: -1, Description: all }
          Lb:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Scheme: internal, SecurityGroups: [!Ref LbSg] }
          WebSg:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: lbs
              SecurityGroupIngress:
                - { CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 0, ToPort: 65535 }
          Public:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Scheme: internet-facing, SecurityGroups: [!Ref WebSg] }
          Private:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: { Scheme: internal, SecurityGroups: [!Ref WebSg] }
      `,
      errors: [
        { line: 7, severity: 'medium', message: 'to the internal load balancer AWS::ElasticLoadBalancingV2::LoadBalancer Lb: every network routed into the VPC (peered VPCs, VPN, Transit Gateway, Direct Connect) reaches it; allow only the listener ports' },
        { line: 16, severity: 'medium', message: 'The security group of the internet-facing load balancer Public, Private allows' },
      ],
    },
    {
      name: 'Terraform: inline ingress, aws_security_group_rule and aws_vpc_security_group_ingress_rule',
      filename: 'main.tf',
      code: yaml`
        resource "aws_security_group" "app" {
          ingress {
            from_port   = 0
            to_port     = 0
            protocol    = "-1"
            cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
          }
        }
        resource "aws_security_group_rule" "ssh" {
          type              = "ingress"
          security_group_id = aws_security_group.app.id
          from_port         = 20
          to_port           = 30
          protocol          = "tcp"
          cidr_blocks       = ["0.0.0.0/0"]
        }
        resource "aws_vpc_security_group_ingress_rule" "web" {
          security_group_id = aws_security_group.app.id
          cidr_ipv6         = "::/0"
          from_port         = 443
          to_port           = 443
          ip_protocol       = "tcp"
        }
        resource "aws_instance" "web" {
          vpc_security_group_ids = [aws_security_group.app.id]
        }
      `,
      errors: [
        { line: 6, message: /all ports/ },
        { line: 15, message: /allows ports 20-30 \(SSH \(22\) included\) from 0\.0\.0\.0\/0/ },
        { line: 19, message: /port 443 from ::\/0, but the group is used by aws_instance aws_instance.web/ },
      ],
    },
    {
      name: 'CloudFormation: unusual /0 spellings (ECS_Schedule_Example SSH from 192.168.1.0/0), IPv6 too',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Group:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: admin
          Ssh:
            Type: AWS::EC2::SecurityGroupIngress
            Properties:
              GroupId: !Ref Group
              IpProtocol: tcp
              FromPort: "22"
              ToPort: "22"
              CidrIp: 192.168.1.0/0
          Rdp:
            Type: AWS::EC2::SecurityGroupIngress
            Properties:
              GroupId: !Ref Group
              IpProtocol: tcp
              FromPort: 3389
              ToPort: 3389
              CidrIpv6: "2001:db8::/0"
          Unicast:
            Type: AWS::EC2::SecurityGroupIngress
            Properties:
              GroupId: !Ref Group
              IpProtocol: tcp
              FromPort: 22
              ToPort: 22
              CidrIpv6: "2000::/3"
      `,
      errors: [
        { line: 13, message: 'SSH (22) from 192.168.1.0/0 (the whole internet: a /0 prefix ignores the address)' },
        { line: 21, message: 'RDP (3389) from 2001:db8::/0 (the whole internet' },
        { line: 29, message: 'SSH (22) from 2000::/3 (every globally routable IPv6 address: the whole IPv6 internet)' },
      ],
    },
    {
      name: 'CloudFormation: the ALB group is also the container instances\' group (ECS_Schedule_Example)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          EcsSecurityGroup:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: ECS Security Group
          EcsSecurityGroupHTTPinbound:
            Type: AWS::EC2::SecurityGroupIngress
            Properties:
              GroupId: !Ref EcsSecurityGroup
              IpProtocol: tcp
              FromPort: "80"
              ToPort: "80"
              CidrIp: 0.0.0.0/0
          EcsSecurityGroupSSHinbound:
            Type: AWS::EC2::SecurityGroupIngress
            Properties:
              GroupId: !Ref EcsSecurityGroup
              IpProtocol: tcp
              FromPort: "22"
              ToPort: "22"
              CidrIp: 192.168.1.0/0
          ECSALB:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties:
              SecurityGroups: [!Ref EcsSecurityGroup]
          ContainerInstances:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              SecurityGroups: [!Ref EcsSecurityGroup]
      `,
      errors: [
        {
          line: 13,
          message:
            'The security group rule allows port 80 from 0.0.0.0/0 for the internet-facing load balancer ECSALB, but the same group is also attached to AWS::AutoScaling::LaunchConfiguration ContainerInstances: the internet reaches those hosts or tasks directly',
        },
        { line: 21, message: /^The security group rule allows SSH \(22\) from 192\.168\.1\.0\/0 \(the whole internet/ },
      ],
    },
    {
      name: 'CloudFormation JSON: 443 on a group shared by a classic ELB and an instance; an ECS service and a launch template',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Group: {
              Type: 'AWS::EC2::SecurityGroup',
              Properties: { GroupDescription: 'web', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }] },
            },
            Elb: { Type: 'AWS::ElasticLoadBalancing::LoadBalancer', Properties: { SecurityGroups: [{ Ref: 'Group' }] } },
            Host: { Type: 'AWS::EC2::Instance', Properties: { SecurityGroupIds: [{ 'Fn::GetAtt': ['Group', 'GroupId'] }] } },
            Other: {
              Type: 'AWS::EC2::SecurityGroup',
              Properties: { GroupDescription: 'web', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIpv6: '::/0' }] },
            },
            Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { SecurityGroups: [{ Ref: 'Other' }] } },
            Service: { Type: 'AWS::ECS::Service', Properties: { NetworkConfiguration: { AwsvpcConfiguration: { SecurityGroups: [{ Ref: 'Other' }] } } } },
            Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { SecurityGroupIds: [{ Ref: 'Other' }] } } },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 12, message: /port 443 from 0\.0\.0\.0\/0 for the internet-facing load balancer Elb, but the same group is also attached to AWS::EC2::Instance Host:/ },
        { line: 49, message: /port 80 from ::\/0 for the internet-facing load balancer Alb, but the same group is also attached to AWS::ECS::Service Service, AWS::EC2::LaunchTemplate Template:/ },
      ],
    },
    {
      name: 'Terraform: the aws_lb group also attached to a launch template and an ECS service; 10.0.0.0/0',
      filename: 'main.tf',
      code: yaml`
        resource "aws_security_group" "shared" {
          ingress {
            from_port   = 443
            to_port     = 443
            protocol    = "tcp"
            cidr_blocks = ["10.0.0.0/0"]
          }
        }
        resource "aws_lb" "this" {
          security_groups = [aws_security_group.shared.id]
        }
        resource "aws_launch_template" "nodes" {
          vpc_security_group_ids = [aws_security_group.shared.id]
        }
        resource "aws_ecs_service" "app" {
          network_configuration {
            security_groups = [aws_security_group.shared.id]
          }
        }
      `,
      errors: [
        {
          line: 6,
          message: /port 443 from 10\.0\.0\.0\/0 \(the whole internet: a \/0 prefix ignores the address\) for the internet-facing load balancer aws_lb\.this, but the same group is also attached to aws_launch_template aws_launch_template\.nodes, aws_ecs_service aws_ecs_service\.app/,
        },
      ],
    },
    {
      name: 'CloudFormation: a resource that exists only under a condition says so',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          CreateBastionSg: { Type: String, Default: "no", AllowedValues: ["yes", "no"] }
          Region: { Type: String }
        Conditions:
          WantBastion: !Equals [!Ref CreateBastionSg, "yes"]
          InEurope: !Equals [!Ref Region, eu-west-1]
        Resources:
          BastionSg:
            Type: AWS::EC2::SecurityGroup
            Condition: WantBastion
            Properties:
              GroupDescription: bastion
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
          EuropeSg:
            Type: AWS::EC2::SecurityGroup
            Condition: InEurope
            Properties:
              GroupDescription: eu
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 0.0.0.0/0 }
      `,
      errors: [
        { line: 14, message: "administrative access must never be open to the internet (the resource exists only when condition WantBastion holds, which it does not with the parameters' defaults)." },
        { line: 21, message: 'administrative access must never be open to the internet (the resource exists only when condition InEurope holds).' },
      ],
    },
    {
      name: 'CloudFormation: in a resource whose Condition the defaults make false, only the parameters that make it false are unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          CreateBastion: { Type: String, Default: "false" }
          BastionCidr: { Type: String, Default: 0.0.0.0/0 }
        Conditions:
          WantBastion: !And [!Equals [!Ref CreateBastion, "true"], !Not [!Equals [!Ref BastionCidr, ""]]]
        Resources:
          BastionSg:
            Type: AWS::EC2::SecurityGroup
            Condition: WantBastion
            Properties:
              GroupDescription: bastion
              SecurityGroupIngress:
                - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref BastionCidr }
      `,
      errors: [{ line: 13, message: "(the resource exists only when condition WantBastion holds, which it does not with the parameters' defaults) (the Default of parameter BastionCidr: a deployment may pass another value)." }],
    },
  ],
});
