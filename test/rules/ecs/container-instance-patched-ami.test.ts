import { describe, expect, it } from 'vitest';
import { endedEcsAmi } from '../../../src/graph/hosts.js';
import rule from '../../../src/rules/ecs/container-instance-patched-ami.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: ECS-optimized AL2023 AMI from its SSM public parameter',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          EcsAmi:
            Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Default: /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !Ref EcsAmi
                UserData:
                  Fn::Base64: !Sub |
                    #!/bin/bash
                    echo ECS_CLUSTER=\${Cluster} >> /etc/ecs/ecs.config
      `,
    },
    {
      name: 'CloudFormation: Bottlerocket through a dynamic SSM reference',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: '{{resolve:ssm:/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id}}'
                UserData:
                  Fn::Base64: |
                    [settings.ecs]
                    cluster = "prod"
      `,
    },
    {
      name: 'CloudFormation: Amazon Linux 2 ECS AMI before its end of support (2026-06-30)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          EcsAmi:
            Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Default: /aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !Ref EcsAmi
                UserData:
                  Fn::Base64: "#!/bin/bash\\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\\n"
      `,
    },
    {
      name: 'CloudFormation: hard-coded AMI on a launch template that does not start ECS container instances',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Bastion:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: ami-0123456789abcdef0
      `,
    },
    {
      name: 'CloudFormation: a plain AMI parameter is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Ami:
            Type: AWS::EC2::Image::Id
        Resources:
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !Ref Ami
                UserData:
                  Fn::Base64: "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
      `,
    },
    {
      name: 'CloudFormation: EKS node launch template is left to eks/nodegroup-patched-ami',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Nodes:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: ami-0123456789abcdef0
                UserData:
                  Fn::Base64: "/etc/eks/bootstrap.sh prod"
      `,
    },
    {
      name: 'Terraform: AMI from the SSM public parameter data source',
      filename: 'main.tf',
      code: yaml`
        data "aws_ssm_parameter" "ecs_ami" {
          name = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id"
        }
        resource "aws_launch_template" "ecs" {
          image_id  = data.aws_ssm_parameter.ecs_ami.value
          user_data = base64encode("#!/bin/bash\\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config")
        }
      `,
    },
    {
      name: 'Terraform: AMI from a variable without a value is unknown',
      filename: 'main.tf',
      code: yaml`
        variable "ami" {
          type = string
        }
        resource "aws_launch_template" "ecs" {
          image_id  = var.ami
          user_data = base64encode("echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config")
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: hard-coded AMI in a launch template joining an ECS cluster',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
          HostTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: ami-0123456789abcdef0
                InstanceType: t3.medium
                UserData:
                  Fn::Base64: !Sub |
                    #!/bin/bash
                    echo ECS_CLUSTER=\${Cluster} >> /etc/ecs/ecs.config
      `,
      errors: [{ line: 8, message: 'pins the hard-coded AMI ami-0123456789abcdef0' }],
    },
    {
      name: 'CloudFormation: launch configuration of a capacity provider\'s Auto Scaling group (no ECS user data)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          HostConfig:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: t3.medium
          Hosts:
            Type: AWS::AutoScaling::AutoScalingGroup
            Properties:
              LaunchConfigurationName: !Ref HostConfig
              MinSize: "1"
              MaxSize: "3"
          Provider:
            Type: AWS::ECS::CapacityProvider
            Properties:
              AutoScalingGroupProvider:
                AutoScalingGroupArn: !Ref Hosts
      `,
      errors: [{ line: 5, message: 'launch configuration of ECS container instances pins' }],
    },
    {
      name: 'CloudFormation: region-to-AMI mapping, cluster joined through cfn-init metadata',
      filename: 'template.yaml',
      code: yaml`
        Mappings:
          AWSRegionToAMI:
            us-east-1:
              AMI: ami-0a6a36557ea3b9859
            eu-west-1:
              AMI: ami-0b8e62ddc09226d0a
        Resources:
          LaunchConfiguration:
            Type: AWS::AutoScaling::LaunchConfiguration
            Metadata:
              AWS::CloudFormation::Init:
                config:
                  commands:
                    01_add_instance_to_cluster:
                      command: !Sub echo ECS_CLUSTER=\${Cluster} > /etc/ecs/ecs.config
            Properties:
              ImageId: !FindInMap [AWSRegionToAMI, !Ref "AWS::Region", AMI]
              InstanceType: t3.medium
      `,
      errors: [{ line: 17, message: 'mapping AWSRegionToAMI, which lists 2 hard-coded AMI IDs' }],
    },
    {
      name: 'CloudFormation: Amazon Linux 1 ECS-optimized AMI parameter (ended)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          ECSAMI:
            Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Default: /aws/service/ecs/optimized-ami/amazon-linux/recommended/image_id
        Resources:
          ECSLaunchConfiguration:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: !Ref ECSAMI
              UserData:
                Fn::Base64: "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
      `,
      errors: [{ line: 9, message: 'ECS-optimized Amazon Linux AMI' }],
    },
    {
      name: 'CloudFormation JSON: hard-coded AMI on an instance joining a cluster',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Host: {
              Type: 'AWS::EC2::Instance',
              Properties: {
                ImageId: 'ami-0123456789abcdef0',
                UserData: { 'Fn::Base64': '#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\n' },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 6, message: 'The instance of ECS container instances pins' }],
    },
    {
      name: 'Terraform: launch template with a literal AMI and base64-encoded ECS user data',
      filename: 'main.tf',
      code: yaml`
        resource "aws_ecs_cluster" "this" {
          name = "prod"
        }
        resource "aws_launch_template" "ecs" {
          name_prefix = "ecs-"
          image_id    = "ami-0123456789abcdef0"
          user_data   = base64encode(<<-EOT
            #!/bin/bash
            echo ECS_CLUSTER=\${aws_ecs_cluster.this.name} >> /etc/ecs/ecs.config
          EOT
          )
        }
      `,
      errors: [{ line: 6, message: 'pins the hard-coded AMI' }],
    },
    {
      name: 'Terraform: capacity provider -> Auto Scaling group -> launch template with a literal AMI',
      filename: 'main.tf',
      code: yaml`
        resource "aws_launch_template" "hosts" {
          image_id = "ami-0abcdef1234567890"
        }
        resource "aws_autoscaling_group" "hosts" {
          min_size = 1
          max_size = 3
          launch_template {
            id      = aws_launch_template.hosts.id
            version = "$Latest"
          }
        }
        resource "aws_ecs_capacity_provider" "hosts" {
          name = "hosts"
          auto_scaling_group_provider {
            auto_scaling_group_arn = aws_autoscaling_group.hosts.arn
          }
        }
      `,
      errors: [{ line: 2, message: 'pins the hard-coded AMI ami-0abcdef1234567890' }],
    },
    {
      name: 'Terraform: aws_instance with a literal AMI joining a cluster',
      filename: 'main.tf',
      code: yaml`
        resource "aws_instance" "host" {
          ami           = "ami-0123456789abcdef0"
          instance_type = "t3.medium"
          user_data     = "#!/bin/bash\\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
        }
      `,
      errors: [{ line: 2, message: 'The instance of ECS container instances pins' }],
    },
  ],
});

describe('endedEcsAmi', () => {
  it('knows the end of support of the ECS-optimized Amazon Linux generations', () => {
    const al2 = '/aws/service/ecs/optimized-ami/amazon-linux-2/recommended/image_id';
    expect(endedEcsAmi(al2, '2026-06-29')).toBeUndefined();
    expect(endedEcsAmi(al2, '2026-06-30')).toEqual({ family: 'Amazon Linux 2', ended: '2026-06-30' });
    expect(endedEcsAmi('/aws/service/ecs/optimized-ami/amazon-linux-2/kernel-5.10/arm64/recommended/image_id', '2026-12-01')?.family).toBe('Amazon Linux 2');
    expect(endedEcsAmi('/aws/service/ecs/optimized-ami/amazon-linux/recommended/image_id', '2024-01-01')?.family).toBe('Amazon Linux');
    expect(endedEcsAmi('/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id', '2030-01-01')).toBeUndefined();
    expect(endedEcsAmi('/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id', '2030-01-01')).toBeUndefined();
  });
});
