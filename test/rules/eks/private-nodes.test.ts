import rule from '../../../src/rules/eks/private-nodes.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Karpenter EC2NodeClass: public IPs left to the subnet or turned off',
      code: yaml`
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: default }
        spec:
          amiSelectorTerms: [{ alias: al2023@latest }]
          subnetSelectorTerms: [{ tags: { karpenter.sh/discovery: prod } }]
        ---
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: private }
        spec:
          amiSelectorTerms: [{ alias: al2023@latest }]
          associatePublicIPAddress: false
      `,
    },
    {
      name: 'eksctl: privateNetworking on every node group',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        nodeGroups:
          - name: ng
            privateNetworking: true
        managedNodeGroups:
          - name: mng
            privateNetworking: true
      `,
    },
    {
      name: 'eksctl: fully private cluster',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        privateCluster: { enabled: true }
        managedNodeGroups:
          - name: mng
      `,
    },
    {
      name: 'CloudFormation: node group in private subnets (the real-world EKS template shape)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          PrivateSubnet1:
            Type: AWS::EC2::Subnet
            Properties:
              CidrBlock: 10.0.128.0/20
              MapPublicIpOnLaunch: false
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              Subnets:
                - !Ref PrivateSubnet1
                - subnet-0abc
                - !ImportValue shared-subnet
      `,
    },
  ],
  invalid: [
    {
      name: 'Karpenter EC2NodeClass with public IPs',
      code: yaml`
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: public }
        spec:
          amiSelectorTerms: [{ alias: al2023@latest }]
          associatePublicIPAddress: true
      `,
      errors: [{ line: 6, message: 'Karpenter EC2NodeClass "public" gives its nodes public IPs (associatePublicIPAddress: true).' }],
    },
    {
      name: 'eksctl: missing and false privateNetworking',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        nodeGroups:
          - name: ng-1
            instanceType: m5.large
        managedNodeGroups:
          - name: mng
            privateNetworking: false
      `,
      errors: [
        { line: 5, message: 'Node group "ng-1" runs in public subnets with public IPs: privateNetworking is not set' },
        { line: 9, message: 'privateNetworking is false' },
      ],
    },
    {
      name: 'CloudFormation: node group in a subnet that maps public IPs',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          PrivateSubnet1: { Type: AWS::EC2::Subnet::Id }
        Resources:
          PublicSubnet1:
            Type: AWS::EC2::Subnet
            Properties:
              MapPublicIpOnLaunch: true
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              Subnets:
                - !Ref PrivateSubnet1
                - !Ref PublicSubnet1
      `,
      errors: [{ line: 13, message: 'subnet PublicSubnet1' }],
    },
    {
      name: 'CloudFormation JSON: "true" as a string',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Public: { Type: 'AWS::EC2::Subnet', Properties: { MapPublicIpOnLaunch: 'true' } },
            Nodes: { Type: 'AWS::EKS::Nodegroup', Properties: { Subnets: [{ Ref: 'Public' }] } },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 13 }],
    },
    {
      name: 'Terraform: a managed node group in subnets that auto-assign public IPs',
      filename: 'main.tf',
      code: [
        'resource "aws_subnet" "public" {',
        '  count                   = 2',
        '  vpc_id                  = "vpc-1"',
        '  cidr_block              = "10.0.${count.index}.0/24"',
        '  map_public_ip_on_launch = true',
        '}',
        'resource "aws_subnet" "private" {',
        '  vpc_id     = "vpc-1"',
        '  cidr_block = "10.0.9.0/24"',
        '}',
        'resource "aws_eks_node_group" "public" {',
        '  cluster_name  = "c"',
        '  node_role_arn = "arn:aws:iam::123456789012:role/node"',
        '  subnet_ids    = aws_subnet.public[*].id',
        '  scaling_config {',
        '    desired_size = 1',
        '    max_size     = 1',
        '    min_size     = 1',
        '  }',
        '}',
        'resource "aws_eks_node_group" "private" {',
        '  cluster_name  = "c"',
        '  node_role_arn = "arn:aws:iam::123456789012:role/node"',
        '  subnet_ids    = [aws_subnet.private.id]',
        '  scaling_config {',
        '    desired_size = 1',
        '    max_size     = 1',
        '    min_size     = 1',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 14, message: 'The node group uses subnets aws_subnet.public[0] (map_public_ip_on_launch is true), aws_subnet.public[1] (map_public_ip_on_launch is true), which give instances public IPs.' }],
    },
    {
      name: 'Terraform: a managed node group in a default subnet left at its default',
      filename: 'main.tf',
      code: [
        'resource "aws_default_subnet" "a" {',
        '  availability_zone = "eu-west-1a"',
        '}',
        'resource "aws_default_subnet" "b" {',
        '  availability_zone       = "eu-west-1b"',
        '  map_public_ip_on_launch = false',
        '}',
        'resource "aws_eks_node_group" "nodes" {',
        '  cluster_name  = "c"',
        '  node_role_arn = "arn:aws:iam::123456789012:role/node"',
        '  subnet_ids    = [aws_default_subnet.a.id, aws_default_subnet.b.id]',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 11, message: 'The node group uses subnet aws_default_subnet.a (map_public_ip_on_launch is not set: true by default for aws_default_subnet), which gives instances public IPs.' }],
    },
  ],
});
