import rule from '../../../src/rules/eks/nodegroup-imdsv2.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Karpenter v1 EC2NodeClass: defaults (required tokens, hop limit 1), explicit secure values, IMDS disabled, templated',
      code: yaml`
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: default }
        spec:
          amiSelectorTerms: [{ alias: al2023@latest }]
          role: KarpenterNodeRole
        ---
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: explicit }
        spec:
          amiSelectorTerms: [{ alias: bottlerocket@latest }]
          metadataOptions: { httpEndpoint: enabled, httpTokens: required, httpPutResponseHopLimit: 1 }
        ---
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: no-imds }
        spec:
          amiSelectorTerms: [{ alias: al2023@latest }]
          metadataOptions: { httpEndpoint: disabled, httpTokens: optional, httpPutResponseHopLimit: 3 }
        ---
        apiVersion: karpenter.k8s.aws/v1beta1
        kind: EC2NodeClass
        metadata: { name: beta-explicit }
        spec:
          amiFamily: AL2023
          metadataOptions: { httpPutResponseHopLimit: 1 }
        ---
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: templated }
        spec:
          amiSelectorTerms: [{ alias: al2023@latest }]
          metadataOptions: { httpTokens: required, httpPutResponseHopLimit: "{{ .Values.hops }}" }
      `,
    },
    {
      name: 'eksctl: IMDSv2 (default) and pod IMDS blocked, managed and self-managed',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        nodeGroups:
          - name: ng
            disableIMDSv1: true
            disablePodIMDS: true
        managedNodeGroups:
          - name: mng
            disablePodIMDS: true
      `,
    },
    {
      name: 'eksctl: disablePodIMDS requires tokens even with disableIMDSv1: false (eksctl makeMetadataOptions)',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        managedNodeGroups:
          - name: workers
            disableIMDSv1: false
            disablePodIMDS: true
      `,
    },
    {
      name: 'eksctl: a custom launch template by ID is not in the file',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        managedNodeGroups:
          - name: mng
            launchTemplate: { id: lt-0123456789abcdef0, version: "3" }
      `,
    },
    {
      name: 'CloudFormation: node group with a hardened launch template',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions:
                  HttpEndpoint: enabled
                  HttpTokens: required
                  HttpPutResponseHopLimit: 1
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              ClusterName: prod
              NodeRole: arn:aws:iam::111122223333:role/node
              Subnets: [subnet-1]
              LaunchTemplate:
                Id: !Ref NodeTemplate
      `,
    },
    {
      name: 'CloudFormation: launch configuration requiring tokens (Trivy AVD-AWS-0130 good)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          GoodExample:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              MetadataOptions:
                HttpEndpoint: enabled
                HttpTokens: required
      `,
    },
    {
      name: 'CloudFormation: AL2023 AMI from an SSM parameter requires IMDSv2 by default',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          LatestAmiId:
            Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Default: /aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id
        Resources:
          Instances:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: !Ref LatestAmiId
              InstanceType: t3.micro
      `,
    },
    {
      name: 'CloudFormation: IMDS disabled altogether',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions: { HttpEndpoint: disabled }
      `,
    },
    {
      name: 'CloudFormation: node group whose launch template comes from another stack is unknown',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              LaunchTemplate:
                Id: !ImportValue shared-node-template
      `,
    },
  ],
  invalid: [
    {
      name: 'Karpenter EC2NodeClass: IMDSv1 allowed, hop limit raised, v1beta1 default hop limit 2',
      code: yaml`
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: legacy }
        spec:
          amiSelectorTerms: [{ alias: al2023@latest }]
          metadataOptions:
            httpTokens: optional
            httpPutResponseHopLimit: 2
        ---
        apiVersion: karpenter.k8s.aws/v1beta1
        kind: EC2NodeClass
        metadata: { name: beta }
        spec:
          amiFamily: AL2023
      `,
      errors: [
        { line: 7, severity: 'high', message: 'Karpenter EC2NodeClass "legacy" allows IMDSv1 on its nodes (metadataOptions.httpTokens: optional).' },
        { line: 8, severity: 'medium', message: 'Karpenter EC2NodeClass "legacy" sets httpPutResponseHopLimit 2: pods on its nodes can reach the instance metadata service' },
        { line: 13, severity: 'medium', message: 'Karpenter EC2NodeClass "beta" (v1beta1) leaves httpPutResponseHopLimit unset: Karpenter before 1.0 launches its nodes with hop limit 2' },
      ],
    },
    {
      name: 'CloudFormation: a self-managed EKS node started as an AWS::EC2::Instance with its own MetadataOptions (Mondoo ec2-imds-hop-limit)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Node:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              IamInstanceProfile: eks-node-profile
              MetadataOptions: { HttpTokens: optional, HttpPutResponseHopLimit: 2 }
              UserData: { Fn::Base64: "#!/bin/bash\\n/etc/eks/bootstrap.sh prod-cluster\\n" }
          Bastion:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              IamInstanceProfile: bastion-profile
          NoRole:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
      `,
      errors: [
        { line: 7, message: 'The instance allows IMDSv1: HttpTokens is "optional".' },
        { line: 7, severity: 'medium', message: 'The instance boots EKS nodes with HttpPutResponseHopLimit 2' },
        { line: 11, severity: 'high', message: 'The instance does not require IMDSv2: HttpTokens is not set (EC2 defaults to optional).' },
        { line: 16, severity: 'medium', message: 'It has no instance profile: no role credentials to steal' },
      ],
    },
    {
      name: 'Karpenter v1alpha5 Provisioner with inline provider settings (eksctl-hunt: examples/provisioner/spot.yaml); one naming its own launch template',
      code: yaml`
        apiVersion: karpenter.sh/v1alpha5
        kind: Provisioner
        metadata: { name: spot }
        spec:
          provider:
            subnetSelector: { karpenter.sh/discovery: demo }
            metadataOptions: { httpTokens: optional, httpPutResponseHopLimit: 3 }
        ---
        apiVersion: karpenter.k8s.aws/v1alpha1
        kind: AWSNodeTemplate
        metadata: { name: custom-template }
        spec:
          launchTemplate: MyLaunchTemplate
          subnetSelector: { karpenter.sh/discovery: demo }
      `,
      errors: [
        { line: 7, severity: 'high', message: 'Karpenter Provisioner "spot" allows IMDSv1 on its nodes (metadataOptions.httpTokens: optional).' },
        { line: 7, severity: 'medium', message: 'Karpenter Provisioner "spot" sets httpPutResponseHopLimit 3' },
      ],
    },
    {
      name: 'Karpenter AWSNodeTemplate (v1alpha1): IMDSv1 allowed; the default hop limit 2',
      code: yaml`
        apiVersion: karpenter.k8s.aws/v1alpha1
        kind: AWSNodeTemplate
        metadata: { name: legacy }
        spec:
          subnetSelector: { karpenter.sh/discovery: demo }
          metadataOptions: { httpTokens: optional, httpPutResponseHopLimit: 1 }
        ---
        apiVersion: karpenter.k8s.aws/v1alpha1
        kind: AWSNodeTemplate
        metadata: { name: defaults }
        spec:
          subnetSelector: { karpenter.sh/discovery: demo }
      `,
      errors: [
        { line: 6, severity: 'high', message: 'Karpenter AWSNodeTemplate "legacy" allows IMDSv1 on its nodes (metadataOptions.httpTokens: optional).' },
        { line: 11, severity: 'medium', message: 'Karpenter AWSNodeTemplate "defaults" (v1alpha1) leaves httpPutResponseHopLimit unset: Karpenter before 1.0 launches its nodes with hop limit 2' },
      ],
    },
    {
      name: 'Terraform: a launch template of unknown use that raises the hop limit (Checkov CKV_AWS_341); hop limit 1 or from a variable',
      filename: 'main.tf',
      code: yaml`
        variable "hops" {}
        resource "aws_launch_template" "raised" {
          name = "raised"
          metadata_options {
            http_tokens                 = "required"
            http_put_response_hop_limit = 2
          }
        }
        resource "aws_launch_template" "one" {
          name = "one"
          metadata_options {
            http_tokens                 = "required"
            http_put_response_hop_limit = 1
          }
        }
        resource "aws_launch_template" "unknown" {
          name = "unknown"
          metadata_options {
            http_tokens                 = "required"
            http_put_response_hop_limit = var.hops
          }
        }
      `,
      errors: [
        {
          line: 6,
          severity: 'low',
          message: 'The launch template sets http_put_response_hop_limit 2: containers on these hosts can reach the instance metadata service and borrow the instance role.',
        },
      ],
    },
    {
      name: 'eksctl: IMDSv1 explicitly allowed, pod IMDS not blocked',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        nodeGroups:
          - name: legacy
            disableIMDSv1: false
        managedNodeGroups:
          - name: mng
            disablePodIMDS: false
      `,
      errors: [
        { line: 5, message: 'Node group "legacy": pods can reach' },
        { line: 6, message: 'Node group "legacy" allows IMDSv1' },
        { line: 9, message: 'Node group "mng": pods can reach' },
      ],
    },
    {
      name: 'CloudFormation: the real-world EKS template shape (optional tokens, hop limit 2)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          LaunchTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions:
                  HttpPutResponseHopLimit: 2
                  HttpTokens: optional
              LaunchTemplateName: !Sub \${AWS::StackName}-LaunchTemplate
          ManagedNodeGroup:
            Type: AWS::EKS::Nodegroup
            Properties:
              AmiType: AL2_x86_64
              LaunchTemplate:
                Id: !Ref LaunchTemplate
      `,
      errors: [
        { line: 7, message: 'HttpPutResponseHopLimit 2' },
        { line: 8, message: 'allows IMDSv1: HttpTokens is "optional"' },
      ],
    },
    {
      name: 'CloudFormation: node group without a launch template',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              ClusterName: prod
              AmiType: AL2023_x86_64_STANDARD
      `,
      errors: [{ line: 4, message: 'no launch template' }],
    },
    {
      name: 'CloudFormation: launch template by name, tokens required but hop limit unset',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateName: eks-nodes
              LaunchTemplateData:
                MetadataOptions:
                  HttpTokens: required
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              LaunchTemplate: { Name: eks-nodes, Version: "1" }
      `,
      errors: [{ line: 7, message: 'does not set HttpPutResponseHopLimit to 1' }],
    },
    {
      name: 'CloudFormation: launch configuration with optional tokens (Trivy AVD-AWS-0130 bad): medium without an instance profile, high with one',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          BadExample:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              MetadataOptions:
                HttpEndpoint: enabled
                HttpTokens: optional
          WithRole:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              IamInstanceProfile: web-profile
              MetadataOptions: { HttpTokens: optional }
      `,
      errors: [
        { line: 7, severity: 'medium', message: 'launch configuration allows IMDSv1: HttpTokens is "optional". It has no instance profile: no role credentials to steal' },
        { line: 12, severity: 'high', message: 'launch configuration allows IMDSv1' },
      ],
    },
    {
      name: 'CloudFormation JSON: self-managed EKS nodes (bootstrap.sh user data) without metadata options',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Parameters: { NodeImageId: { Type: 'AWS::EC2::Image::Id' }, ClusterName: { Type: 'String' } },
          Resources: {
            NodeLaunchTemplate: {
              Type: 'AWS::EC2::LaunchTemplate',
              Properties: {
                LaunchTemplateData: {
                  ImageId: { Ref: 'NodeImageId' },
                  UserData: { 'Fn::Base64': { 'Fn::Sub': '#!/bin/bash\n/etc/eks/bootstrap.sh ${ClusterName}\n' } },
                },
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [
        { line: 14, message: 'boots EKS nodes and does not set' },
        { line: 14, message: 'HttpTokens is not set' },
      ],
    },
  ],
});
