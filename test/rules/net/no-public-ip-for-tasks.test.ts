import rule from '../../../src/rules/net/no-public-ip-for-tasks.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
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
  ],
  invalid: [
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
  ],
});
