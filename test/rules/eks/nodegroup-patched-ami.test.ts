import rule from '../../../src/rules/eks/nodegroup-patched-ami.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'eksctl: managed node groups on AL2023, Bottlerocket, and ami: auto',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        managedNodeGroups:
          - name: a
            amiFamily: AmazonLinux2023
          - name: b
            amiFamily: Bottlerocket
          - name: c
            ami: auto
      `,
    },
    {
      name: 'CloudFormation: AL2023 AMI type and an SSM-parameter ImageId',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          NodeImage:
            Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
            Default: /aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !Ref NodeImage
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              AmiType: CUSTOM
              LaunchTemplate: { Id: !Ref Template }
          Other:
            Type: AWS::EKS::Nodegroup
            Properties:
              AmiType: BOTTLEROCKET_x86_64
      `,
    },
    {
      name: 'CloudFormation: a hard-coded AMI on a launch template that does not boot EKS nodes is out of scope',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Web:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: ami-005e54dee72cc1d00
      `,
    },
  ],
  invalid: [
    {
      name: 'eksctl: hard-coded AMI, Amazon Linux 2, self-managed',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        nodeGroups:
          - name: ng-1
            amiFamily: AmazonLinux2
        managedNodeGroups:
          - name: pinned
            ami: ami-05ecac759c81e0b0c
      `,
      errors: [
        { line: 5, message: 'Node group "ng-1" is self-managed' },
        { line: 6, message: 'runs Amazon Linux 2' },
        { line: 9, message: 'hard-coded AMI ami-05ecac759c81e0b0c' },
      ],
    },
    {
      name: 'CloudFormation: AL2 AMI type and a literal ImageId in the node group launch template',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: ami-0123456789abcdef0
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              AmiType: AL2_x86_64
              LaunchTemplate: { Id: !Ref Template }
      `,
      errors: [
        { line: 6, message: "The node group's launch template pins the hard-coded AMI" },
        { line: 10, message: 'AmiType AL2_x86_64' },
      ],
    },
    {
      name: 'CloudFormation JSON: self-managed nodes with a literal AMI',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Nodes: {
              Type: 'AWS::EC2::LaunchTemplate',
              Properties: { LaunchTemplateData: { ImageId: 'ami-0123456789abcdef0', UserData: { 'Fn::Base64': '#!/bin/bash\n/etc/eks/bootstrap.sh prod' } } },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 7, message: 'self-managed EKS nodes pins the hard-coded AMI' }],
    },
  ],
});
