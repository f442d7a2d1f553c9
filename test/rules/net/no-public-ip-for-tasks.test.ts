import rule from '../../../src/rules/net/no-public-ip-for-tasks.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

/** A VPC template exporting a public subnet (default route to an internet gateway) and a private one (none). */
const NETWORK = yaml`
  AWSTemplateFormatVersion: '2010-09-09'
  Resources:
    Vpc:
      Type: AWS::EC2::VPC
      Properties: {CidrBlock: 10.0.0.0/16}
    Gateway:
      Type: AWS::EC2::InternetGateway
    Attachment:
      Type: AWS::EC2::VPCGatewayAttachment
      Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Gateway}
    PublicSubnet:
      Type: AWS::EC2::Subnet
      Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24}
    PublicRoutes:
      Type: AWS::EC2::RouteTable
      Properties: {VpcId: !Ref Vpc}
    DefaultRoute:
      Type: AWS::EC2::Route
      Properties: {RouteTableId: !Ref PublicRoutes, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Gateway}
    PublicAssociation:
      Type: AWS::EC2::SubnetRouteTableAssociation
      Properties: {SubnetId: !Ref PublicSubnet, RouteTableId: !Ref PublicRoutes}
    PrivateSubnet:
      Type: AWS::EC2::Subnet
      Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
    Nat:
      Type: AWS::EC2::NatGateway
      Properties: {SubnetId: !Ref PublicSubnet}
    PrivateRoutes:
      Type: AWS::EC2::RouteTable
      Properties: {VpcId: !Ref Vpc}
    NatRoute:
      Type: AWS::EC2::Route
      Properties: {RouteTableId: !Ref PrivateRoutes, DestinationCidrBlock: 0.0.0.0/0, NatGatewayId: !Ref Nat}
    PrivateAssociation:
      Type: AWS::EC2::SubnetRouteTableAssociation
      Properties: {SubnetId: !Ref PrivateSubnet, RouteTableId: !Ref PrivateRoutes}
    LooseSubnet:
      Type: AWS::EC2::Subnet
      Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24}
  Outputs:
    PublicSubnet:
      Value: !Ref PublicSubnet
      Export: {Name: net-public-subnet}
    PrivateSubnet:
      Value: !Ref PrivateSubnet
      Export: {Name: net-private-subnet}
    LooseSubnet:
      Value: !Ref LooseSubnet
      Export: {Name: net-loose-subnet}
`;

/** Terraform: a public subnet (inline route to the internet gateway), a private one (NAT), a VPN-only one. */
const TF_NETWORK = yaml`
  resource "aws_vpc" "main" {
    cidr_block = "10.0.0.0/16"
  }
  resource "aws_internet_gateway" "gw" {
    vpc_id = aws_vpc.main.id
  }
  resource "aws_subnet" "public" {
    count      = 2
    vpc_id     = aws_vpc.main.id
    cidr_block = cidrsubnet("10.0.0.0/16", 8, count.index)
  }
  resource "aws_route_table" "public" {
    vpc_id = aws_vpc.main.id
    route {
      cidr_block = "0.0.0.0/0"
      gateway_id = aws_internet_gateway.gw.id
    }
  }
  resource "aws_route_table_association" "public" {
    count          = 2
    subnet_id      = aws_subnet.public[count.index].id
    route_table_id = aws_route_table.public.id
  }
  resource "aws_subnet" "private" {
    vpc_id     = aws_vpc.main.id
    cidr_block = "10.0.10.0/24"
  }
  resource "aws_nat_gateway" "nat" {
    subnet_id = aws_subnet.public[0].id
  }
  resource "aws_route_table" "private" {
    vpc_id = aws_vpc.main.id
  }
  resource "aws_route" "private_nat" {
    route_table_id         = aws_route_table.private.id
    destination_cidr_block = "0.0.0.0/0"
    nat_gateway_id         = aws_nat_gateway.nat.id
  }
  resource "aws_route_table_association" "private" {
    subnet_id      = aws_subnet.private.id
    route_table_id = aws_route_table.private.id
  }
  resource "aws_subnet" "vpn" {
    vpc_id     = aws_vpc.main.id
    cidr_block = "10.0.20.0/24"
  }
  resource "aws_route_table" "vpn" {
    vpc_id = aws_vpc.main.id
    route {
      cidr_block = "0.0.0.0/0"
      gateway_id = "vgw-0123456789abcdef0"
    }
  }
  resource "aws_route_table_association" "vpn" {
    subnet_id      = aws_subnet.vpn.id
    route_table_id = aws_route_table.vpn.id
  }
`;

ruleTester(rule, {
  valid: [
    {
      name: 'IPv6 subnets whose IPv6 traffic leaves through an egress-only internet gateway, or whose route table is not in the scan',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
          Igw: { Type: AWS::EC2::InternetGateway }
          EgressOnly: { Type: AWS::EC2::EgressOnlyInternetGateway, Properties: { VpcId: !Ref Vpc } }
          Private:
            Type: AWS::EC2::Subnet
            Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, Ipv6CidrBlock: "2600:1f18:abcd:ef01::/64", AssignIpv6AddressOnCreation: true }
          PrivateTable: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
          PrivateIpv6: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref PrivateTable, DestinationIpv6CidrBlock: "::/0", EgressOnlyInternetGatewayId: !Ref EgressOnly } }
          PrivateAssoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Private, RouteTableId: !Ref PrivateTable } }
          MainTable:
            Type: AWS::EC2::Subnet
            Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.2.0/24, Ipv6CidrBlock: "2600:1f18:abcd:ef02::/64", AssignIpv6AddressOnCreation: true }
      `,
    },
    {
      name: 'Terraform: route table associations made for a filtered subset of a for_each subnet collection are not every subnet\'s',
      filename: 'main.tf',
      code: yaml`
        variable "subnets" {
          default = {
            "public-a" = { cidr = "10.0.0.0/24", public = true }
            "app-a"    = { cidr = "10.0.10.0/24", public = false }
          }
        }
        resource "aws_vpc" "main" {
          cidr_block = "10.0.0.0/16"
        }
        resource "aws_internet_gateway" "main" {
          vpc_id = aws_vpc.main.id
        }
        resource "aws_subnet" "main" {
          for_each   = var.subnets
          vpc_id     = aws_vpc.main.id
          cidr_block = each.value.cidr
        }
        resource "aws_route_table" "public" {
          vpc_id = aws_vpc.main.id
          route {
            cidr_block = "0.0.0.0/0"
            gateway_id = aws_internet_gateway.main.id
          }
        }
        resource "aws_route_table_association" "public" {
          for_each       = { for k, v in aws_subnet.main : k => v if v.map_public_ip_on_launch }
          subnet_id      = each.value.id
          route_table_id = aws_route_table.public.id
        }
        resource "aws_ecs_service" "api" {
          name        = "api"
          launch_type = "FARGATE"
          network_configuration {
            subnets          = [aws_subnet.main["app-a"].id]
            assign_public_ip = false
          }
        }
      `,
    },
    {
      name: 'CloudFormation: private service, subnet and launch configuration; values from parameters are unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Public: { Type: String }
        Resources:
          Service:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration: { AssignPublicIp: DISABLED, Subnets: [subnet-1] }
          Other:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration: { AssignPublicIp: !Ref Public }
          Subnet:
            Type: AWS::EC2::Subnet
            Properties: { VpcId: vpc-1, MapPublicIpOnLaunch: false }
          Config:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties: { ImageId: ami-1, InstanceType: t3.small }
      `,
    },
    {
      name: 'Terraform: assign_public_ip false, subnet without auto-assign',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_service" "app" {
          network_configuration {
            subnets          = ["subnet-1"]
            assign_public_ip = false
          }
        }
        resource "aws_subnet" "private" {
          vpc_id = "vpc-1"
        }
      `,
    },
    {
      name: 'CloudFormation: tasks without public IPs in a private subnet (NAT route) and in a subnet with no route table in the scan (unknown)',
      filename: 'services.yaml',
      code: yaml`
        Resources:
          Worker:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  AssignPublicIp: DISABLED
                  Subnets: [!ImportValue net-private-subnet]
          Loose:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [!ImportValue net-loose-subnet, !ImportValue not-in-the-scan, subnet-0abc]
      `,
      others: [{ filename: 'network.yaml', code: NETWORK }],
    },
    {
      name: 'CloudFormation: the reference architecture layout, load balancer in the public subnet and tasks in the private one',
      filename: 'stack.yaml',
      code:
        NETWORK.replace(/^Outputs:[\s\S]*$/m, '') +
        yaml`
          Balancer:
            Type: AWS::ElasticLoadBalancingV2::LoadBalancer
            Properties: {Subnets: [!Ref PublicSubnet]}
          Service:
            Type: AWS::ECS::Service
            Properties:
              LoadBalancers: [{ContainerName: app, ContainerPort: 80, TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x/1}]
              NetworkConfiguration:
                AwsvpcConfiguration: {AssignPublicIp: DISABLED, Subnets: [!Ref PrivateSubnet]}
        `.replace(/^/gm, '  '),
    },
    {
      name: 'Terraform: tasks in a private subnet (NAT), in a subnet routed to a VPN gateway, and in subnets from a data source (unknown)',
      filename: 'main.tf',
      code: yaml`
        data "aws_subnets" "other" {}
        resource "aws_ecs_service" "worker" {
          network_configuration {
            subnets          = [aws_subnet.private.id, aws_subnet.vpn.id]
            assign_public_ip = false
          }
        }
        resource "aws_ecs_service" "other" {
          network_configuration {
            subnets = data.aws_subnets.other.ids
          }
        }
      `,
      others: [{ filename: 'network.tf', code: TF_NETWORK }],
    },
  ],
  invalid: [
    {
      name: 'an Fn::If whose condition follows parameters\' defaults: the finding says which condition took the branch, and with which defaults',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Placement: { Type: String, AllowedValues: [public, private], Default: public }
          Stage: { Type: String, Default: prod }
        Conditions:
          IsPublic: !Equals [!Ref Placement, public]
          IsProd: !Equals [!Ref Stage, prod]
          PublicProd: !And [!Condition IsPublic, !Condition IsProd]
        Resources:
          ViaIf:
            Type: AWS::ECS::Service
            Properties:
              LaunchType: FARGATE
              NetworkConfiguration:
                AwsvpcConfiguration:
                  AssignPublicIp: !If [IsPublic, ENABLED, DISABLED]
                  Subnets: [subnet-1]
          Nested:
            Type: AWS::ECS::Service
            Properties:
              LaunchType: FARGATE
              NetworkConfiguration:
                AwsvpcConfiguration:
                  AssignPublicIp: !If [PublicProd, ENABLED, DISABLED]
                  Subnets: [subnet-1]
      `,
      errors: [
        { line: 15, message: '(the branch condition IsPublic takes, true with the Default of parameter Placement: a deployment may pass other values).' },
        { line: 23, message: '(the branch condition PublicProd takes, true with the Defaults of parameters Placement, Stage: a deployment may pass other values).' },
      ],
    },
    {
      name: 'instances that name no subnet launch into a default subnet, which maps public IPs (KICS ec2_instance_has_public_ip web2)',
      filename: 'main.tf',
      code: [
        'resource "aws_instance" "web2" {',
        '  ami           = "ami-12345678"',
        '  instance_type = "t3.micro"',
        '}',
        'resource "aws_instance" "private" {',
        '  ami                         = "ami-12345678"',
        '  instance_type               = "t3.micro"',
        '  associate_public_ip_address = false',
        '}',
        'resource "aws_instance" "placed" {',
        '  ami           = "ami-12345678"',
        '  instance_type = "t3.micro"',
        '  subnet_id     = var.subnet_id',
        '}',
        'resource "aws_instance" "templated" {',
        '  launch_template {',
        '    id = "lt-123"',
        '  }',
        '}',
        'variable "subnet_id" {',
        '  type = string',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 1, severity: 'medium', message: 'The instance names no subnet: it launches into a default subnet of the default VPC' }],
    },
    {
      name: 'CloudFormation: an instance with no SubnetId or NetworkInterfaces',
      code: yaml`
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-12345678
              InstanceType: t3.micro
      `,
      errors: [{ line: 4, severity: 'medium', message: 'The instance names no subnet' }],
    },
    {
      name: 'CloudFormation: a network interface that names neither a subnet nor an interface launches into a default subnet too (sonar-iac)',
      code: yaml`
        Resources:
          Web:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-12345678
              NetworkInterfaces: [{ DeviceIndex: "0" }]
          Placed:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-12345678
              NetworkInterfaces: [{ DeviceIndex: "0", SubnetId: subnet-123 }]
          Private:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-12345678
              NetworkInterfaces: [{ DeviceIndex: "0", AssociatePublicIpAddress: false }]
      `,
      errors: [{ line: 4, severity: 'medium', message: 'The instance names no subnet' }],
    },
    {
      // Routes another stack or an unmanaged table adds are not in the scan: a subnet that looks private may not be.
      name: 'CloudFormation: public IPs for tasks stay high in a subnet whose routes in the scan go to a NAT gateway only',
      filename: 'services.yaml',
      code: yaml`
        Resources:
          Private:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  AssignPublicIp: ENABLED
                  Subnets: [!ImportValue net-private-subnet]
          Mixed:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  AssignPublicIp: ENABLED
                  Subnets: [!ImportValue net-private-subnet, !ImportValue net-loose-subnet]
      `,
      others: [{ filename: 'network.yaml', code: NETWORK }],
      errors: [
        { line: 7, severity: 'high', message: 'The ECS service gives its tasks public IP addresses (AssignPublicIp: ENABLED): tasks are reachable from the internet whenever their security group allows it.' },
        { line: 14, severity: 'high', message: 'tasks are reachable from the internet whenever their security group allows it' },
      ],
    },
    {
      name: 'a Step Functions ecs:runTask state whose AssignPublicIp comes from DefinitionSubstitutions (AWS Copilot scheduled job)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          StateMachine:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              RoleArn: arn:aws:iam::123456789012:role/sfn
              DefinitionSubstitutions:
                AssignPublicIp: ENABLED
              DefinitionString: |-
                {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
                  "Parameters": {"NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "\${AssignPublicIp}"}}}, "End": true}}}
      `,
      // At the substitution that says ENABLED.
      errors: [{ line: 7, severity: 'high', message: 'The state machine gives the ECS tasks it runs public IP addresses' }],
    },
    {
      name: 'a Step Functions definition string written as a block: the line that says ENABLED',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          StateMachine:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              RoleArn: arn:aws:iam::123456789012:role/sfn
              DefinitionString: |-
                {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync",
                  "Parameters": {"Cluster": "prod", "TaskDefinition": "job",
                    "NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "ENABLED"}}}, "End": true}}}
      `,
      errors: [{ line: 9, severity: 'high', message: 'The state machine gives the ECS tasks it runs public IP addresses' }],
    },
    {
      name: 'tasks started with a public IP by an EventBridge rule, a schedule and a Step Functions state machine (Copilot scheduled job)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Rule:
            Type: AWS::Events::Rule
            Properties:
              ScheduleExpression: rate(1 hour)
              Targets:
                - Id: job
                  Arn: arn:aws:ecs:us-east-1:123456789012:cluster/prod
                  RoleArn: arn:aws:iam::123456789012:role/events
                  EcsParameters:
                    TaskDefinitionArn: arn:aws:ecs:us-east-1:123456789012:task-definition/job:1
                    LaunchType: FARGATE
                    NetworkConfiguration:
                      AwsVpcConfiguration: { Subnets: [subnet-1], AssignPublicIp: ENABLED }
          Schedule:
            Type: AWS::Scheduler::Schedule
            Properties:
              ScheduleExpression: rate(1 day)
              FlexibleTimeWindow: { Mode: "OFF" }
              Target:
                Arn: arn:aws:ecs:us-east-1:123456789012:cluster/prod
                RoleArn: arn:aws:iam::123456789012:role/scheduler
                EcsParameters:
                  TaskDefinitionArn: arn:aws:ecs:us-east-1:123456789012:task-definition/job:1
                  NetworkConfiguration:
                    AwsvpcConfiguration: { Subnets: [subnet-1], AssignPublicIp: ENABLED }
          StateMachine:
            Type: AWS::StepFunctions::StateMachine
            Properties:
              RoleArn: arn:aws:iam::123456789012:role/sfn
              DefinitionString: !Sub |
                {"StartAt": "Run", "States": {"Run": {"Type": "Task", "Resource": "arn:\${AWS::Partition}:states:::ecs:runTask.sync",
                  "Parameters": {"Cluster": "prod", "TaskDefinition": "job", "LaunchType": "FARGATE",
                    "NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": ["subnet-1"], "AssignPublicIp": "ENABLED"}}}, "End": true}}}
          PrivateRule:
            Type: AWS::Events::Rule
            Properties:
              ScheduleExpression: rate(1 hour)
              Targets:
                - Id: job
                  Arn: arn:aws:ecs:us-east-1:123456789012:cluster/prod
                  EcsParameters:
                    TaskDefinitionArn: arn:aws:ecs:us-east-1:123456789012:task-definition/job:1
                    NetworkConfiguration:
                      AwsVpcConfiguration: { Subnets: [subnet-1], AssignPublicIp: DISABLED }
      `,
      errors: [
        { line: 14, severity: 'high', message: "The EventBridge rule's target 1 gives the ECS tasks it runs public IP addresses" },
        { line: 26, severity: 'high', message: 'The EventBridge schedule gives the ECS tasks it runs public IP addresses' },
        { line: 31, severity: 'high', message: 'The state machine gives the ECS tasks it runs public IP addresses' },
      ],
    },
    {
      name: 'Terraform: an EventBridge target and a schedule that give their ECS tasks public IPs',
      filename: 'main.tf',
      code: yaml`
        resource "aws_cloudwatch_event_target" "job" {
          rule     = "hourly"
          arn      = "arn:aws:ecs:us-east-1:123456789012:cluster/prod"
          role_arn = "arn:aws:iam::123456789012:role/events"
          ecs_target {
            task_definition_arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/job:1"
            network_configuration {
              subnets          = ["subnet-1"]
              assign_public_ip = true
            }
          }
        }
        resource "aws_scheduler_schedule" "job" {
          schedule_expression = "rate(1 day)"
          flexible_time_window { mode = "OFF" }
          target {
            arn      = "arn:aws:ecs:us-east-1:123456789012:cluster/prod"
            role_arn = "arn:aws:iam::123456789012:role/scheduler"
            ecs_parameters {
              task_definition_arn = "arn:aws:ecs:us-east-1:123456789012:task-definition/job:1"
              network_configuration {
                subnets          = ["subnet-1"]
                assign_public_ip = true
              }
            }
          }
        }
      `,
      errors: [
        { line: 9, message: 'The EventBridge target gives the ECS tasks it runs public IP addresses' },
        { line: 23, message: 'The EventBridge schedule gives the ECS tasks it runs public IP addresses' },
      ],
    },
    {
      name: 'a subnet that assigns IPv6 addresses and routes ::/0 to an internet gateway (cdk-nag VPC subnet case)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
          Igw: { Type: AWS::EC2::InternetGateway }
          Attach: { Type: AWS::EC2::VPCGatewayAttachment, Properties: { VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw } }
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              VpcId: !Ref Vpc
              CidrBlock: 10.0.0.0/24
              Ipv6CidrBlock: "2600:1f18:abcd:ef00::/64"
              AssignIpv6AddressOnCreation: true
          Rt: { Type: AWS::EC2::RouteTable, Properties: { VpcId: !Ref Vpc } }
          Route6: { Type: AWS::EC2::Route, Properties: { RouteTableId: !Ref Rt, DestinationIpv6CidrBlock: "::/0", GatewayId: !Ref Igw } }
          Assoc: { Type: AWS::EC2::SubnetRouteTableAssociation, Properties: { SubnetId: !Ref Subnet, RouteTableId: !Ref Rt } }
      `,
      errors: [{ line: 11, severity: 'medium', message: 'The subnet gives everything launched in it a public IPv6 address (AssignIpv6AddressOnCreation is true) and route table Rt sends ::/0 to internet gateway Igw' }],
    },
    {
      name: 'Terraform: an IPv6 subnet with a route table that sends ::/0 to the internet gateway',
      filename: 'main.tf',
      code: yaml`
        resource "aws_internet_gateway" "igw" { vpc_id = "vpc-1" }
        resource "aws_subnet" "dual" {
          vpc_id                          = "vpc-1"
          cidr_block                      = "10.0.0.0/24"
          ipv6_cidr_block                 = "2600:1f18:abcd:ef00::/64"
          assign_ipv6_address_on_creation = true
        }
        resource "aws_route_table" "public" {
          vpc_id = "vpc-1"
          route {
            ipv6_cidr_block = "::/0"
            gateway_id      = aws_internet_gateway.igw.id
          }
        }
        resource "aws_route_table_association" "dual" {
          subnet_id      = aws_subnet.dual.id
          route_table_id = aws_route_table.public.id
        }
      `,
      errors: [{ line: 6, message: 'route table aws_route_table.public sends ::/0 to internet gateway aws_internet_gateway.igw' }],
    },
    {
      name: 'CloudFormation YAML: a service without public IPs in a subnet public by its route table, across templates (the audit repro)',
      filename: 'services.yaml',
      code: yaml`
        Resources:
          Backend:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  AssignPublicIp: ENABLED
                  Subnets: [!ImportValue net-public-subnet]
          Worker:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  AssignPublicIp: DISABLED
                  Subnets:
                    - !ImportValue net-private-subnet
                    - !ImportValue net-public-subnet
          Unset:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  Subnets: [!ImportValue net-public-subnet]
      `,
      others: [{ filename: 'network.yaml', code: NETWORK }],
      errors: [
        // ENABLED in a public subnet: the public IP is the finding (high), as before.
        { line: 7, message: /AssignPublicIp: ENABLED/ },
        {
          line: 17,
          message:
            'The ECS service places its tasks in a subnet that is public by its route table: PublicSubnet (route table PublicRoutes sends 0.0.0.0/0 to internet gateway Gateway).',
        },
        { line: 23, message: /public by its route table: PublicSubnet/ },
      ],
    },
    {
      name: 'CloudFormation JSON: one template, an IPv6 default route to the gateway and a service with AssignPublicIp DISABLED',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Gateway: { Type: 'AWS::EC2::InternetGateway' },
            Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24' } },
            Routes: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: 'vpc-1' } },
            Route: { Type: 'AWS::EC2::Route', Properties: { RouteTableId: { Ref: 'Routes' }, DestinationIpv6CidrBlock: '::/0', GatewayId: { Ref: 'Gateway' } } },
            Association: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'Subnet' }, RouteTableId: { Ref: 'Routes' } } },
            Service: {
              Type: 'AWS::ECS::Service',
              Properties: { NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED', Subnets: [{ Ref: 'Subnet' }] } } },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 49, message: /Subnet \(route table Routes sends ::\/0 to internet gateway Gateway\)/ }],
    },
    {
      name: 'Terraform: count subnets behind an inline route to the gateway, referenced by splat and by index; public IP set stays high',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_service" "all" {
          network_configuration {
            subnets = aws_subnet.public[*].id
          }
        }
        resource "aws_ecs_service" "one" {
          network_configuration {
            subnets          = [aws_subnet.private.id, aws_subnet.public[1].id]
            assign_public_ip = false
          }
        }
        resource "aws_ecs_service" "ip" {
          network_configuration {
            subnets          = [aws_subnet.public[0].id]
            assign_public_ip = true
          }
        }
      `,
      others: [{ filename: 'network.tf', code: TF_NETWORK }],
      errors: [
        { line: 3, message: /in 2 subnets that are public by their route tables: aws_subnet\.public\[0\] \(route table aws_route_table\.public sends 0\.0\.0\.0\/0 to internet gateway aws_internet_gateway\.gw\), aws_subnet\.public\[1\]/ },
        { line: 8, message: /public by its route table: aws_subnet\.public\[1\]/ },
        { line: 15, message: /assign_public_ip = true/ },
      ],
    },
    {
      name: 'CloudFormation YAML: service, subnet, launch configuration, instance and launch template',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Service:
            Type: AWS::ECS::Service
            Properties:
              NetworkConfiguration:
                AwsvpcConfiguration:
                  AssignPublicIp: ENABLED
          Subnet:
            Type: AWS::EC2::Subnet
            Properties:
              MapPublicIpOnLaunch: true
          Config:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              AssociatePublicIpAddress: "true"
          Instance:
            Type: AWS::EC2::Instance
            Properties:
              NetworkInterfaces:
                - { DeviceIndex: "0", AssociatePublicIpAddress: true }
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                NetworkInterfaces:
                  - DeviceIndex: 0
                    AssociatePublicIpAddress: true
      `,
      errors: [
        { line: 7, message: /AssignPublicIp: ENABLED/ },
        { line: 11, message: /MapPublicIpOnLaunch is true/ },
        { line: 15, message: /AWS::AutoScaling::LaunchConfiguration get a public IP/ },
        { line: 20, message: /network interface 0/ },
        { line: 27, message: /AWS::EC2::LaunchTemplate/ },
      ],
    },
    {
      name: 'CloudFormation JSON: service with a public IP',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { S: { Type: 'AWS::ECS::Service', Properties: { NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' } } } } } },
        null,
        2,
      ),
      errors: [{ line: 8 }],
    },
    {
      name: 'Terraform: service, subnet, launch configuration, instance and launch template',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_service" "app" {
          network_configuration {
            subnets          = ["subnet-1"]
            assign_public_ip = true
          }
        }
        resource "aws_subnet" "public" {
          vpc_id                  = "vpc-1"
          map_public_ip_on_launch = true
        }
        resource "aws_launch_configuration" "lc" {
          associate_public_ip_address = true
        }
        resource "aws_instance" "vm" {
          associate_public_ip_address = true
        }
        resource "aws_launch_template" "lt" {
          network_interfaces {
            associate_public_ip_address = true
          }
        }
      `,
      errors: [{ line: 4 }, { line: 9 }, { line: 12 }, { line: 15 }, { line: 19 }],
    },
    {
      name: 'instances and Auto Scaling groups placed in a subnet that auto-assigns public IPs, launch settings silent (an explicit false is fine)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          PublicSubnet:
            Type: AWS::EC2::Subnet
            Properties: { VpcId: vpc-1, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: true }
          Box:
            Type: AWS::EC2::Instance
            Properties: { ImageId: ami-12345678, SubnetId: !Ref PublicSubnet }
          Box2:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-12345678
              NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: !Ref PublicSubnet }]
          Private:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-12345678
              NetworkInterfaces: [{ DeviceIndex: '0', SubnetId: !Ref PublicSubnet, AssociatePublicIpAddress: false }]
          Lt:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData: { ImageId: ami-12345678 }
          Asg:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: '1'
              MaxSize: '2'
              VPCZoneIdentifier: [!Ref PublicSubnet]
              LaunchTemplate: { LaunchTemplateId: !Ref Lt, Version: !GetAtt Lt.LatestVersionNumber }
      `,
      errors: [
        { line: 4, severity: 'low', message: 'The subnet gives every instance launched in it a public IP address (MapPublicIpOnLaunch is true): instances placed there, and the containers they run, become reachable from the internet by default (awsvpc tasks get one only through AssignPublicIp).' },
        { line: 7, severity: 'high', message: 'The instance gets a public IP address from subnet PublicSubnet (MapPublicIpOnLaunch is true)' },
        { line: 12, severity: 'high', message: 'The instance gets a public IP address from subnet PublicSubnet' },
        { line: 27, severity: 'high', message: 'Instances of the Auto Scaling group get a public IP address from subnet PublicSubnet' },
      ],
    },
    {
      name: 'Terraform: an instance in a subnet that auto-assigns public IPs',
      filename: 'main.tf',
      code: [
        'resource "aws_subnet" "public" {',
        '  vpc_id                  = "vpc-1"',
        '  cidr_block              = "10.0.1.0/24"',
        '  map_public_ip_on_launch = true',
        '}',
        'resource "aws_instance" "box" {',
        '  ami       = "ami-12345678"',
        '  subnet_id = aws_subnet.public.id',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 4, severity: 'low', message: 'The subnet gives every instance launched in it a public IP address' },
        { line: 8, severity: 'high', message: 'The instance gets a public IP address from subnet aws_subnet.public (map_public_ip_on_launch is true)' },
      ],
    },
    {
      name: 'Terraform: default subnets map public IPs unless told not to (the provider default is true)',
      filename: 'main.tf',
      code: [
        'resource "aws_default_subnet" "a" {',
        '  availability_zone = "eu-west-1a"',
        '}',
        'resource "aws_default_subnet" "b" {',
        '  availability_zone       = "eu-west-1b"',
        '  map_public_ip_on_launch = true',
        '}',
        'resource "aws_default_subnet" "c" {',
        '  availability_zone       = "eu-west-1c"',
        '  map_public_ip_on_launch = false',
        '}',
        'resource "aws_instance" "in_a" {',
        '  ami       = "ami-12345678"',
        '  subnet_id = aws_default_subnet.a.id',
        '}',
        'resource "aws_instance" "in_c" {',
        '  ami       = "ami-12345678"',
        '  subnet_id = aws_default_subnet.c.id',
        '}',
        '',
      ].join('\n'),
      errors: [
        { line: 1, severity: 'low', message: 'The subnet gives every instance launched in it a public IP address (map_public_ip_on_launch is not set: true by default for aws_default_subnet)' },
        { line: 6, severity: 'low', message: 'The subnet gives every instance launched in it a public IP address (map_public_ip_on_launch is true)' },
        { line: 14, severity: 'high', message: 'The instance gets a public IP address from subnet aws_default_subnet.a (map_public_ip_on_launch is not set: true by default for aws_default_subnet)' },
      ],
    },
  ],
});
