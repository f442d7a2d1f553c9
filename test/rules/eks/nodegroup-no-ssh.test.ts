import rule from '../../../src/rules/eks/nodegroup-no-ssh.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'eksctl: SSM only',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        managedNodeGroups:
          - name: mng
            ssh:
              allow: false
              enableSsm: true
          - name: plain
      `,
    },
    {
      name: 'CloudFormation: node group without RemoteAccess, launch template without a key',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions: { HttpTokens: required, HttpPutResponseHopLimit: 1 }
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              LaunchTemplate: { Id: !Ref Template }
      `,
    },
    {
      name: 'CloudFormation: a key pair on an instance that is not an EKS node is out of scope',
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
      name: 'CloudFormation: RemoteAccess given by a condition is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Env: { Type: String }
        Conditions:
          Debug: !Equals [!Ref Env, dev]
        Resources:
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              RemoteAccess: !If [Debug, { Ec2SshKey: ops }, !Ref AWS::NoValue]
      `,
    },
  ],
  invalid: [
    {
      name: 'eksctl before v1alpha5: allowSSH with a key path (eksctl examples 04 / 05)',
      code: yaml`
        apiVersion: eksctl.io/v1alpha4
        kind: ClusterConfig
        metadata: { name: old, region: eu-west-1 }
        nodeGroups:
          - name: ng-1
            instanceType: m5.large
            allowSSH: true
            sshPublicKeyPath: ~/.ssh/id_rsa.pub
          - name: ng-2
            allowSSH: false
      `,
      errors: [{ line: 7, message: 'Node group "ng-1" allows SSH (allowSSH: true): the old field installs the key and opens port 22' }],
    },
    {
      name: 'eksctl: ssh.allow with a public key path, and a key name alone',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        nodeGroups:
          - name: ng-1
            ssh:
              allow: true
              publicKeyPath: ~/.ssh/ec2_id_rsa.pub
        managedNodeGroups:
          - name: mng
            ssh:
              publicKeyName: ops-key
      `,
      errors: [
        { line: 7, message: 'Node group "ng-1" allows SSH (ssh.allow: true), from anywhere' },
        { line: 12, message: 'Node group "mng" installs an SSH key (ssh.publicKeyName)' },
      ],
    },
    {
      name: 'CloudFormation: RemoteAccess without source security groups',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              ClusterName: prod
              RemoteAccess:
                Ec2SshKey: ops
      `,
      errors: [{ line: 6, message: 'from 0.0.0.0/0' }],
    },
    {
      name: 'CloudFormation: key pair in the node group launch template',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Template:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                KeyName: ops
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              LaunchTemplate: { Id: !Ref Template }
      `,
      errors: [{ line: 6, message: 'installs an SSH key pair (KeyName)' }],
    },
    {
      name: 'CloudFormation: a launch configuration of self-managed nodes keyed by a KeyPair-typed parameter (always a key); a String parameter is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          KeyName: { Type: AWS::EC2::KeyPair::KeyName }
          MaybeKey: { Type: String }
        Resources:
          Nodes:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: ami-0123456789abcdef0
              KeyName: !Ref KeyName
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  /etc/eks/bootstrap.sh my-cluster
          OtherNodes:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              KeyName: !Ref MaybeKey
              UserData: { 'Fn::Base64': '/etc/eks/bootstrap.sh my-cluster' }
      `,
      errors: [{ line: 9, message: 'The launch configuration of EKS nodes installs an SSH key pair (KeyName).' }],
    },
    {
      name: 'CloudFormation: Windows EKS nodes (Start-EKSBootstrap.ps1) are EKS nodes too',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          WindowsNodes:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: '{{resolve:ssm:/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.31/image_id}}'
              KeyName: ops-key
              UserData: !Base64 |
                <powershell>
                & "$env:ProgramFiles\Amazon\EKS\Start-EKSBootstrap.ps1" -EKSClusterName prod
                </powershell>
      `,
      errors: [{ line: 6, message: 'The launch configuration of EKS nodes installs an SSH key pair (KeyName).' }],
    },
    {
      name: 'CloudFormation JSON: RemoteAccess limited to a security group still enables SSH',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Nodes: { Type: 'AWS::EKS::Nodegroup', Properties: { RemoteAccess: { Ec2SshKey: 'ops', SourceSecurityGroups: ['sg-1'] } } } } },
        null,
        2,
      ),
      errors: [{ line: 6, message: /enables SSH \(RemoteAccess\)\.$/ }],
    },
  ],
});
