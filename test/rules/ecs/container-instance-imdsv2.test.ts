import eksImdsRule from '../../../src/rules/eks/nodegroup-imdsv2.js';
import rule from '../../../src/rules/ecs/container-instance-imdsv2.js';
import { describe, expect, it } from 'vitest';
import { runRule, ruleTester, yaml } from '../../helpers/rule-tester.js';

const ECS_USER_DATA = '"#!/bin/bash\\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\\n"';

ruleTester(rule, {
  valid: [
    {
      name: 'CDK addCapacity on Amazon Linux 2023: IMDSv2 required, and the user data keeps containers from IMDS (iptables drop + ECS_AWSVPC_BLOCK_IMDS)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          EcsAmi:
            Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Default: /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id
        Resources:
          Cluster: { Type: AWS::ECS::Cluster }
          LaunchConfig:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: !Ref EcsAmi
              InstanceType: t3.medium
              MetadataOptions: { HttpTokens: required }
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  echo ECS_CLUSTER=\${Cluster} >> /etc/ecs/ecs.config
                  sudo iptables --insert FORWARD 1 --in-interface docker+ --destination 169.254.169.254/32 --jump DROP
                  sudo service iptables save
                  echo ECS_AWSVPC_BLOCK_IMDS=true >> /etc/ecs/ecs.config
      `,
    },
    {
      name: 'CloudFormation: IMDSv2 required and hop limit 1',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: '{{resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id}}'
                MetadataOptions:
                  HttpTokens: required
                  HttpPutResponseHopLimit: 1
                  HttpEndpoint: enabled
                UserData:
                  Fn::Base64: ${ECS_USER_DATA}
      `,
    },
    {
      name: 'CloudFormation: tokens required, hop limit unset on an Amazon Linux 2 AMI (EC2 default 1)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          EcsAmi:
            Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Default: /aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id
        Resources:
          HostConfig:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: !Ref EcsAmi
              MetadataOptions:
                HttpTokens: required
              UserData:
                Fn::Base64: ${ECS_USER_DATA}
      `,
    },
    {
      name: 'CloudFormation: metadata service disabled',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions:
                  HttpEndpoint: disabled
                UserData:
                  Fn::Base64: ${ECS_USER_DATA}
      `,
    },
    {
      name: 'CloudFormation: tokens from a parameter are unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Tokens:
            Type: String
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions:
                  HttpTokens: !Ref Tokens
                  HttpPutResponseHopLimit: 1
                UserData:
                  Fn::Base64: ${ECS_USER_DATA}
      `,
    },
    {
      name: 'CloudFormation: instance started from a launch template (its settings are in the template)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Host:
            Type: AWS::EC2::Instance
            Properties:
              LaunchTemplate:
                LaunchTemplateId: lt-0123456789abcdef0
                Version: "1"
              UserData:
                Fn::Base64: ${ECS_USER_DATA}
      `,
    },
    {
      name: 'CloudFormation: a launch template that does not start ECS container instances is not this rule\'s',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Bastion:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                InstanceType: t3.micro
      `,
    },
    {
      name: 'Terraform: metadata_options required with hop limit 1',
      filename: 'main.tf',
      code: yaml`
        resource "aws_launch_template" "ecs" {
          user_data = base64encode("echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config")
          metadata_options {
            http_tokens                 = "required"
            http_put_response_hop_limit = 1
          }
        }
      `,
    },
    {
      name: 'second review: an instance with a launch template and its own MetadataOptions that leave HttpTokens out (whether the template\'s applies is not documented: unknown)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Lt:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions: { HttpTokens: required, HttpPutResponseHopLimit: 1 }
          Host:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
              LaunchTemplate: { LaunchTemplateId: !Ref Lt, Version: "1" }
              MetadataOptions: { HttpEndpoint: enabled }
              UserData:
                Fn::Base64: ${ECS_USER_DATA}
      `,
    },
    {
      // The defaults say dev, but ProdNodes exists only in prod, where IsDev is false: the dev branch is not its value.
      name: 'CloudFormation: in a resource whose Condition the defaults make false, conditions on the same parameters are unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }
        Conditions:
          IsProd: !Equals [!Ref Env, prod]
          IsDev: !Equals [!Ref Env, dev]
        Resources:
          ProdNodes:
            Type: AWS::EC2::LaunchTemplate
            Condition: IsProd
            Properties:
              LaunchTemplateData:
                ImageId: '{{resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id}}'
                MetadataOptions:
                  HttpTokens: !If [IsDev, optional, required]
                  HttpPutResponseHopLimit: 1
                UserData: !Base64 "#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\n"
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: ECS launch template without metadata options',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                InstanceType: t3.medium
                UserData:
                  Fn::Base64: ${ECS_USER_DATA}
      `,
      errors: [{ line: 5, message: 'HttpTokens is not set (EC2 defaults to optional)' }],
    },
    {
      name: 'CloudFormation: tokens optional and hop limit 2',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions:
                  HttpTokens: optional
                  HttpPutResponseHopLimit: 2
                UserData:
                  Fn::Base64: ${ECS_USER_DATA}
      `,
      errors: [
        { line: 7, message: 'HttpTokens is "optional"' },
        { line: 8, message: 'HttpPutResponseHopLimit to 2' },
      ],
    },
    {
      name: 'CloudFormation: AL2023 AMI leaves the hop limit at its default of 2',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          LatestAmiId:
            Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Default: /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id
        Resources:
          ContainerInstances:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: !Ref LatestAmiId
              InstanceType: t3.micro
              UserData:
                Fn::Base64: ${ECS_USER_DATA}
      `,
      errors: [{ line: 8, message: 'hop limit defaults to 2' }],
    },
    {
      name: 'CloudFormation: instance joining a cluster without metadata options; one with its own MetadataOptions allowing IMDSv1',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Host:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
              UserData:
                Fn::Base64: ${ECS_USER_DATA}
          Other:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
              MetadataOptions: { HttpTokens: optional, HttpPutResponseHopLimit: 2 }
              UserData:
                Fn::Base64: ${ECS_USER_DATA}
      `,
      errors: [
        { line: 4, message: 'The instance of ECS container instances allows IMDSv1: HttpTokens is not set (EC2 defaults to optional).' },
        { line: 12, message: 'allows IMDSv1: HttpTokens is "optional".' },
        { line: 12, severity: 'medium', message: 'sets HttpPutResponseHopLimit to 2' },
      ],
    },
    {
      name: 'CloudFormation: an instance started from a launch template with its own MetadataOptions (they override the template\'s)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Lt:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions: { HttpTokens: required, HttpPutResponseHopLimit: 1 }
          Host:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0123456789abcdef0
              LaunchTemplate: { LaunchTemplateId: !Ref Lt, Version: "1" }
              MetadataOptions: { HttpTokens: optional }
              UserData:
                Fn::Base64: ${ECS_USER_DATA}
      `,
      errors: [{ line: 12, message: 'The instance of ECS container instances allows IMDSv1: HttpTokens is "optional".' }],
    },
    {
      name: 'CloudFormation: instance on an AL2023 AMI (IMDSv2 by default) still gets hop limit 2',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Host:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: '{{resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id}}'
              UserData:
                Fn::Base64: ${ECS_USER_DATA}
      `,
      errors: [{ line: 4, message: 'hop limit defaults to 2: containers in bridge mode can borrow the instance role. Set HttpPutResponseHopLimit to 1.' }],
    },
    {
      name: 'CloudFormation JSON: launch configuration of a capacity provider\'s group with IMDSv1 allowed',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            HostConfig: {
              Type: 'AWS::AutoScaling::LaunchConfiguration',
              Properties: { ImageId: 'ami-0123456789abcdef0', MetadataOptions: { HttpTokens: 'optional', HttpPutResponseHopLimit: 1 } },
            },
            Hosts: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { LaunchConfigurationName: { Ref: 'HostConfig' }, MinSize: '1', MaxSize: '2' } },
            Provider: { Type: 'AWS::ECS::CapacityProvider', Properties: { AutoScalingGroupProvider: { AutoScalingGroupArn: { Ref: 'Hosts' } } } },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 8, message: 'HttpTokens is "optional"' }],
    },
    {
      name: 'Terraform: capacity provider\'s launch template with optional tokens and hop limit 3',
      filename: 'main.tf',
      code: yaml`
        resource "aws_launch_template" "hosts" {
          image_id = "ami-0abcdef1234567890"
          metadata_options {
            http_tokens                 = "optional"
            http_put_response_hop_limit = 3
          }
        }
        resource "aws_autoscaling_group" "hosts" {
          min_size = 1
          max_size = 3
          launch_template {
            id = aws_launch_template.hosts.id
          }
        }
        resource "aws_ecs_capacity_provider" "hosts" {
          name = "hosts"
          auto_scaling_group_provider {
            auto_scaling_group_arn = aws_autoscaling_group.hosts.arn
          }
        }
      `,
      errors: [
        { line: 4, message: 'http_tokens is "optional"' },
        { line: 5, message: 'http_put_response_hop_limit to 3' },
      ],
    },
    {
      name: 'Terraform: aws_instance joining a cluster without metadata_options',
      filename: 'main.tf',
      code: yaml`
        resource "aws_instance" "host" {
          ami           = "ami-0123456789abcdef0"
          instance_type = "t3.medium"
          user_data     = "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
        }
      `,
      errors: [{ line: 1, message: 'http_tokens is not set' }],
    },
    {
      name: 'Terraform: AL2023 AMIs from an SSM parameter with an unknown version and from a data.aws_ami name filter require tokens but leave the hop limit at 2',
      filename: 'main.tf',
      code: yaml`
        data "aws_ssm_parameter" "ecs_ami" {
          name = "/aws/service/ecs/optimized-ami/amazon-linux-2023/\${var.arch}/recommended/image_id"
        }
        resource "aws_instance" "ssm" {
          ami           = data.aws_ssm_parameter.ecs_ami.value
          instance_type = "t3.medium"
          user_data     = "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
        }
        data "aws_ami" "al2023" {
          most_recent = true
          owners      = ["amazon"]
          filter {
            name   = "name"
            values = ["al2023-ami-ecs-hvm-*-x86_64"]
          }
        }
        resource "aws_instance" "filtered" {
          ami           = data.aws_ami.al2023.id
          instance_type = "t3.medium"
          user_data     = "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
        }
        data "aws_ami" "al2" {
          most_recent = true
          owners      = ["amazon"]
          filter {
            name   = "name"
            values = ["amzn2-ami-ecs-hvm-*-x86_64-ebs"]
          }
        }
        resource "aws_instance" "al2" {
          ami           = data.aws_ami.al2.id
          instance_type = "t3.medium"
          user_data     = "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
        }
      `,
      errors: [
        { line: 4, message: 'uses an Amazon Linux 2023 AMI, whose IMDS hop limit defaults to 2' },
        { line: 17, message: 'uses an Amazon Linux 2023 AMI, whose IMDS hop limit defaults to 2' },
        { line: 30, message: 'allows IMDSv1: http_tokens is not set' },
      ],
    },
  ],
});

describe('eks/nodegroup-imdsv2 leaves ECS container instances to this rule', () => {
  it('does not report an ECS launch template twice', async () => {
    const testCase = {
      name: 'ECS launch template',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                UserData:
                  Fn::Base64: ${ECS_USER_DATA}
      `,
    };
    expect(await runRule(eksImdsRule, testCase)).toEqual([]);
    expect((await runRule(rule, testCase)).map((finding) => finding.location.startLine)).toEqual([5]);
  });
});
