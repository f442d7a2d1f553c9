import { describe, expect, it } from 'vitest';
import { ResourceGraph } from '../../src/graph/graph.js';
import { amiSource, ecsContainerInstanceLaunches, hostLaunchView, installsKeyPair, joinsEcsCluster } from '../../src/graph/hosts.js';
import { loadSources } from '../../src/loaders/sources.js';
import nodegroupNoSsh from '../../src/rules/eks/nodegroup-no-ssh.js';
import nodegroupPatchedAmi from '../../src/rules/eks/nodegroup-patched-ami.js';
import { runRule, yaml } from '../helpers/rule-tester.js';

async function graphOf(files: Array<{ path: string; text: string }>): Promise<ResourceGraph> {
  const loaded = await loadSources(files.map((file) => ({ ...file, explicit: true })));
  return new ResourceGraph(loaded.resources);
}

describe('joinsEcsCluster', () => {
  it('recognizes ECS joins in text, base64 text, intrinsics and Terraform unknowns', () => {
    expect(joinsEcsCluster('#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config')).toBe(true);
    expect(joinsEcsCluster(Buffer.from('echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config').toString('base64'))).toBe(true);
    expect(joinsEcsCluster({ 'Fn::Base64': { 'Fn::Sub': 'echo ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config' } })).toBe(true);
    expect(joinsEcsCluster({ $unknown: 'base64encode("ECS_CLUSTER=${aws_ecs_cluster.this.name}")' })).toBe(true);
    expect(joinsEcsCluster('[settings.ecs]\ncluster = "prod"')).toBe(true);
    expect(joinsEcsCluster('<powershell>Initialize-ECSAgent -Cluster prod</powershell>')).toBe(true);
    expect(joinsEcsCluster('#!/bin/bash\n/etc/eks/bootstrap.sh prod')).toBe(false);
    expect(joinsEcsCluster(undefined)).toBe(false);
  });
});

describe('ECS container instance launches', () => {
  it('finds launch resources by user data, cfn-init metadata and capacity providers, and leaves EKS nodes out', async () => {
    const graph = await graphOf([
      {
        path: 'template.yaml',
        text: yaml`
          Resources:
            ByUserData:
              Type: AWS::EC2::LaunchTemplate
              Properties:
                LaunchTemplateData:
                  UserData:
                    Fn::Base64: "echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config"
            ByMetadata:
              Type: AWS::AutoScaling::LaunchConfiguration
              Metadata:
                AWS::CloudFormation::Init:
                  config:
                    commands:
                      join: { command: "echo ECS_CLUSTER=prod > /etc/ecs/ecs.config" }
              Properties:
                ImageId: ami-0123456789abcdef0
            ByProvider:
              Type: AWS::EC2::LaunchTemplate
              Properties:
                LaunchTemplateData:
                  InstanceType: t3.medium
            Group:
              Type: AWS::AutoScaling::AutoScalingGroup
              Properties:
                LaunchTemplate:
                  LaunchTemplateId: !Ref ByProvider
                  Version: "1"
                MinSize: "0"
                MaxSize: "2"
            Provider:
              Type: AWS::ECS::CapacityProvider
              Properties:
                AutoScalingGroupProvider:
                  AutoScalingGroupArn: !Ref Group
            Unrelated:
              Type: AWS::EC2::LaunchTemplate
              Properties:
                LaunchTemplateData:
                  InstanceType: t3.micro
            EksNodes:
              Type: AWS::EC2::LaunchTemplate
              Properties:
                LaunchTemplateData:
                  UserData:
                    Fn::Base64: "/etc/eks/bootstrap.sh prod\\necho ECS_CLUSTER=x"
        `,
      },
    ]);
    const found = ecsContainerInstanceLaunches(graph);
    expect([...found].map(([resource, why]) => `${resource.name}:${why}`).sort()).toEqual(['ByMetadata:user data', 'ByProvider:capacity provider', 'ByUserData:user data']);
  });

  it('reads AMI sources and key pairs in CloudFormation and Terraform', async () => {
    const graph = await graphOf([
      {
        path: 'template.yaml',
        text: yaml`
          Parameters:
            Ami:
              Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
              Default: /aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id
            Key:
              Type: AWS::EC2::KeyPair::KeyName
            OptionalKey:
              Type: String
          Resources:
            FromParameter:
              Type: AWS::EC2::LaunchTemplate
              Properties:
                LaunchTemplateData:
                  ImageId: !Ref Ami
                  KeyName: !Ref Key
            FromOptional:
              Type: AWS::EC2::LaunchTemplate
              Properties:
                LaunchTemplateData:
                  ImageId: '{{resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id}}'
                  KeyName: !Ref OptionalKey
        `,
      },
      {
        path: 'main.tf',
        text: yaml`
          data "aws_ssm_parameter" "ami" {
            name = "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id"
          }
          resource "aws_instance" "host" {
            ami      = nonsensitive(data.aws_ssm_parameter.ami.value)
            key_name = ""
          }
        `,
      },
    ]);
    const view = (name: string) => {
      const resource = graph.resources.find((candidate) => candidate.name === name);
      const result = resource ? hostLaunchView(resource) : undefined;
      if (result === undefined || result === 'unknown') throw new Error(`no view for ${name}`);
      return result;
    };
    expect(amiSource(graph, view('FromParameter'))).toEqual({ kind: 'ssm', parameter: '/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id' });
    expect(installsKeyPair(view('FromParameter'))).toBe(true);
    expect(amiSource(graph, view('FromOptional'))).toEqual({ kind: 'ssm', parameter: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id' });
    expect(installsKeyPair(view('FromOptional'))).toBe('unknown');
    expect(amiSource(graph, view('aws_instance.host'))).toEqual({ kind: 'ssm', parameter: '/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id' });
    expect(installsKeyPair(view('aws_instance.host'))).toBe(false);
  });
});

describe('EKS node rules on Terraform launch templates (through src/graph/hosts.ts)', () => {
  const code = yaml`
    resource "aws_launch_template" "nodes" {
      image_id = "ami-0123456789abcdef0"
      key_name = "ops"
    }
    resource "aws_eks_node_group" "workers" {
      cluster_name = "prod"
      launch_template {
        id      = aws_launch_template.nodes.id
        version = "$Latest"
      }
    }
    resource "aws_launch_template" "ecs" {
      image_id  = "ami-0123456789abcdef0"
      key_name  = "ops"
      user_data = base64encode("echo ECS_CLUSTER=prod >> /etc/ecs/ecs.config")
    }
  `;
  it('eks/nodegroup-no-ssh reports the key pair of a node group\'s launch template only', async () => {
    const findings = await runRule(nodegroupNoSsh, { name: 'tf', filename: 'main.tf', code });
    expect(findings.map((finding) => `${finding.location.startLine} ${finding.message}`)).toEqual(['3 The launch template of EKS nodes installs an SSH key pair (key_name).']);
  });
  it('eks/nodegroup-patched-ami reports the hard-coded AMI of a node group\'s launch template only', async () => {
    const findings = await runRule(nodegroupPatchedAmi, { name: 'tf', filename: 'main.tf', code });
    expect(findings.map((finding) => finding.location.startLine)).toEqual([2]);
    expect(findings[0]?.message).toContain('This launch template of EKS nodes pins the hard-coded AMI ami-0123456789abcdef0');
  });
});
