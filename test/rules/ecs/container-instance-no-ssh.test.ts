import rule from '../../../src/rules/ecs/container-instance-no-ssh.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: ECS launch template without a key pair',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: '{{resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id}}'
                UserData:
                  Fn::Base64: "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
      `,
    },
    {
      name: 'CloudFormation: optional key through a condition is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          KeyName:
            Type: String
            Default: ""
        Conditions:
          HasKey: !Not [!Equals [!Ref KeyName, ""]]
        Resources:
          HostConfig:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: ami-0123456789abcdef0
              KeyName: !If [HasKey, !Ref KeyName, !Ref AWS::NoValue]
              UserData:
                Fn::Base64: "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
      `,
    },
    {
      name: 'CloudFormation: a plain String parameter without default is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          KeyName:
            Type: String
        Resources:
          HostConfig:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              KeyName: !Ref KeyName
              UserData:
                Fn::Base64: "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
      `,
    },
    {
      name: 'CloudFormation: key pair on a launch template that does not start ECS container instances',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Bastion:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                KeyName: ops
      `,
    },
    {
      name: 'Terraform: key name from a variable without a value is unknown',
      filename: 'main.tf',
      code: yaml`
        variable "key_name" {
          type = string
        }
        resource "aws_launch_template" "ecs" {
          key_name  = var.key_name
          user_data = base64encode("echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config")
        }
      `,
    },
    {
      name: 'Terraform: key name null',
      filename: 'main.tf',
      code: yaml`
        resource "aws_launch_template" "ecs" {
          key_name  = null
          user_data = base64encode("echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config")
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: literal key pair in an ECS launch template',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                KeyName: ops-key
                UserData:
                  Fn::Base64: "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
      `,
      errors: [{ line: 6, message: 'launch template of ECS container instances installs an SSH key pair (KeyName)' }],
    },
    {
      name: 'CloudFormation: Ref to an AWS::EC2::KeyPair::KeyName parameter, cluster joined through cfn-init',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          KeyName:
            Type: AWS::EC2::KeyPair::KeyName
        Resources:
          ContainerInstances:
            Type: AWS::AutoScaling::LaunchConfiguration
            Metadata:
              AWS::CloudFormation::Init:
                config:
                  files:
                    /etc/ecs/ecs.config:
                      content: ECS_CLUSTER=prod
            Properties:
              InstanceType: t3.micro
              KeyName: !Ref KeyName
      `,
      errors: [{ line: 15, message: 'launch configuration of ECS container instances' }],
    },
    {
      name: 'CloudFormation: Ref to a key pair the template creates',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Key:
            Type: AWS::EC2::KeyPair
            Properties: { KeyName: ecs-hosts }
          ContainerInstances:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                KeyName: !Ref Key
                UserData: { 'Fn::Base64': 'echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config' }
      `,
      errors: [{ line: 9, message: 'launch template of ECS container instances installs an SSH key pair (KeyName)' }],
    },
    {
      name: 'CloudFormation: Ref to a key pair an Fn::ForEach loop creates',
      filename: 'template.yaml',
      code: yaml`
        Transform: AWS::LanguageExtensions
        Resources:
          Fn::ForEach::Keys:
            - Env
            - [Ecs, Batch]
            - Key\${Env}:
                Type: AWS::EC2::KeyPair
                Properties: { KeyName: !Sub '\${Env}-hosts' }
          ContainerInstances:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                KeyName: !Ref KeyEcs
                UserData: { 'Fn::Base64': 'echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config' }
      `,
      errors: [{ line: 13, message: 'launch template of ECS container instances installs an SSH key pair (KeyName)' }],
    },
    {
      name: 'CloudFormation: launch template of a capacity provider\'s group (mixed instances policy)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                KeyName: ops-key
          Hosts:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              MinSize: "0"
              MaxSize: "4"
              MixedInstancesPolicy:
                LaunchTemplate:
                  LaunchTemplateSpecification:
                    LaunchTemplateId: !Ref HostTemplate
                    Version: !GetAtt HostTemplate.LatestVersionNumber
          Provider:
            Type: AWS::ECS::CapacityProvider
            Properties:
              AutoScalingGroupProvider:
                AutoScalingGroupArn: !Ref Hosts
      `,
      errors: [{ line: 6 }],
    },
    {
      name: 'CloudFormation JSON: key pair on an instance joining a cluster',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Host: {
              Type: 'AWS::EC2::Instance',
              Properties: {
                KeyName: 'ops-key',
                UserData: { 'Fn::Base64': 'echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config' },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 6, message: 'The instance of ECS container instances installs' }],
    },
    {
      name: 'Terraform: key_name on an ECS launch template and on an ECS instance',
      filename: 'main.tf',
      code: yaml`
        resource "aws_launch_template" "ecs" {
          key_name  = "ops-key"
          user_data = base64encode("echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config")
        }
        resource "aws_instance" "host" {
          ami       = "ami-0123456789abcdef0"
          key_name  = "ops-key"
          user_data = "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
        }
      `,
      errors: [
        { line: 2, message: '(key_name)' },
        { line: 7, message: 'The instance of ECS container instances' },
      ],
    },
    {
      name: 'Terraform: launch configuration of a capacity provider\'s group',
      filename: 'main.tf',
      code: yaml`
        resource "aws_launch_configuration" "hosts" {
          image_id      = "ami-0123456789abcdef0"
          instance_type = "t3.medium"
          key_name      = "ops-key"
        }
        resource "aws_autoscaling_group" "hosts" {
          min_size             = 1
          max_size             = 3
          launch_configuration = aws_launch_configuration.hosts.name
        }
        resource "aws_ecs_capacity_provider" "hosts" {
          name = "hosts"
          auto_scaling_group_provider {
            auto_scaling_group_arn = aws_autoscaling_group.hosts.arn
          }
        }
      `,
      errors: [{ line: 4, message: 'launch configuration of ECS container instances' }],
    },
    {
      name: 'Terraform: Windows container instance joining through Initialize-ECSAgent',
      filename: 'main.tf',
      code: yaml`
        resource "aws_instance" "windows" {
          ami       = "ami-0123456789abcdef0"
          key_name  = "ops-key"
          user_data = "<powershell>Initialize-ECSAgent -Cluster prod -EnableTaskIAMRole</powershell>"
        }
      `,
      errors: [{ line: 3, message: 'installs an SSH key pair (key_name)' }],
    },
  ],
});
