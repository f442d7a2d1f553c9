import rule from '../../../src/rules/eks/nodegroup-patched-ami.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'eksctl: no amiFamily (AL2023 by default in current eksctl, whatever the version), a stated family, a launch template; Outposts and Spot Ocean node groups are self-managed only',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: current, region: us-west-2, version: "1.30" }
        managedNodeGroups:
          - name: default-family
        ---
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: older, region: us-west-2, version: "1.29" }
        managedNodeGroups:
          - name: bottlerocket
            amiFamily: Bottlerocket
          - name: own-template
            launchTemplate: { id: lt-0123456789abcdef0 }
        ---
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: edge, region: us-west-2, version: "1.31" }
        outpost: { controlPlaneOutpostARN: "arn:aws:outposts:us-west-2:123456789012:outpost/op-1234" }
        nodeGroups:
          - name: outpost-nodes
            amiFamily: AmazonLinux2023
        ---
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: ocean, region: us-west-2, version: "1.31" }
        nodeGroups:
          - name: ocean-nodes
            amiFamily: AmazonLinux2023
            spotOcean: { strategy: { spotPercentage: 100 } }
      `,
    },
    {
      name: 'Karpenter EC2NodeClass: EKS-optimized aliases (latest or pinned versions), custom AMIs by name or tags, templated IDs',
      code: yaml`
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: default }
        spec:
          amiSelectorTerms:
            - alias: al2023@latest
            - alias: bottlerocket@v1.26.0
        ---
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: golden }
        spec:
          amiFamily: AL2023
          amiSelectorTerms:
            - name: golden-eks-*
              owner: self
            - tags: { team: platform }
            - id: "{{ .Values.amiId }}"
      `,
    },
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
      name: 'Karpenter EC2NodeClass: a hard-coded AMI ID, Amazon Linux 2 by alias and by family',
      code: yaml`
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: pinned }
        spec:
          amiFamily: AL2023
          amiSelectorTerms:
            - id: ami-0123456789abcdef0
            - alias: al2@v20240807
        ---
        apiVersion: karpenter.k8s.aws/v1beta1
        kind: EC2NodeClass
        metadata: { name: beta-al2 }
        spec:
          amiFamily: AL2
        ---
        apiVersion: karpenter.k8s.aws/v1
        kind: EC2NodeClass
        metadata: { name: al2-by-name }
        spec:
          amiFamily: AL2
          amiSelectorTerms: [{ name: amazon-eks-node-1.29-v*, owner: amazon }]
      `,
      errors: [
        { line: 7, message: 'Karpenter EC2NodeClass "pinned" pins the hard-coded AMI ami-0123456789abcdef0: its nodes will not receive security updates.' },
        { line: 8, message: 'Karpenter EC2NodeClass "pinned" selects Amazon Linux 2 (alias al2@v20240807), whose EKS AMIs are no longer published' },
        { line: 14, message: 'Karpenter EC2NodeClass "beta-al2" runs Amazon Linux 2 (amiFamily: AL2)' },
        { line: 20, message: 'Karpenter EC2NodeClass "al2-by-name" runs Amazon Linux 2 (amiFamily: AL2)' },
      ],
    },
    {
      name: 'Karpenter v1alpha5 Provisioner with inline provider settings: AL2 by default; an AWSNodeTemplate with its own launch template is not judged',
      code: yaml`
        apiVersion: karpenter.sh/v1alpha5
        kind: Provisioner
        metadata: { name: spot }
        spec:
          provider:
            subnetSelector: { karpenter.sh/discovery: demo }
        ---
        apiVersion: karpenter.k8s.aws/v1alpha1
        kind: AWSNodeTemplate
        metadata: { name: custom-template }
        spec:
          launchTemplate: MyLaunchTemplate
      `,
      errors: [{ line: 5, message: 'Karpenter Provisioner "spot" leaves amiFamily unset, so Karpenter uses the AL2 family' }],
    },
    {
      name: 'Karpenter AWSNodeTemplate (v1alpha1): AMI IDs in amiSelector, Amazon Linux 2 by family and by default',
      code: yaml`
        apiVersion: karpenter.k8s.aws/v1alpha1
        kind: AWSNodeTemplate
        metadata: { name: pinned }
        spec:
          amiFamily: Bottlerocket
          amiSelector: { aws::ids: "ami-0123456789abcdef0, ami-0fedcba9876543210" }
        ---
        apiVersion: karpenter.k8s.aws/v1alpha1
        kind: AWSNodeTemplate
        metadata: { name: al2 }
        spec:
          amiFamily: AL2
        ---
        apiVersion: karpenter.k8s.aws/v1alpha1
        kind: AWSNodeTemplate
        metadata: { name: default-family }
        spec:
          amiSelector: { karpenter.sh/discovery: demo }
      `,
      errors: [
        { line: 6, message: 'Karpenter AWSNodeTemplate "pinned" pins the hard-coded AMI ami-0123456789abcdef0 (amiSelector)' },
        { line: 6, message: 'Karpenter AWSNodeTemplate "pinned" pins the hard-coded AMI ami-0fedcba9876543210 (amiSelector)' },
        { line: 12, message: 'Karpenter AWSNodeTemplate "al2" runs Amazon Linux 2 (amiFamily: AL2)' },
        { line: 17, message: 'Karpenter AWSNodeTemplate "default-family" leaves amiFamily unset, so Karpenter uses the AL2 family' },
      ],
    },
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
          - name: short-id
            ami: ami-123456
          - name: auto
            ami: auto-ssm
      `,
      errors: [
        { line: 5, message: 'Node group "ng-1" is self-managed' },
        { line: 6, message: 'runs Amazon Linux 2' },
        { line: 9, message: 'hard-coded AMI ami-05ecac759c81e0b0c' },
        { line: 11, message: 'hard-coded AMI ami-123456' },
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
    {
      name: 'CloudFormation: a launch configuration of self-managed nodes (the old EKS quick-start layout) with a literal AMI',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          NodeLaunchConfig:
            Type: AWS::AutoScaling::LaunchConfiguration
            Properties:
              ImageId: ami-0123456789abcdef0
              InstanceType: t3.medium
              UserData:
                Fn::Base64: !Sub |
                  #!/bin/bash
                  /etc/eks/bootstrap.sh \${ClusterName}
      `,
      errors: [{ line: 5, message: 'This launch configuration of self-managed EKS nodes pins the hard-coded AMI ami-0123456789abcdef0' }],
    },
    {
      name: 'CloudFormation: self-managed nodes whose AMI comes from a region-keyed mapping of hard-coded IDs',
      filename: 'template.yaml',
      code: yaml`
        Mappings:
          EksAmiIds:
            us-east-1: { Standard: ami-0a0b913ef3249b655 }
            eu-west-1: { Standard: ami-0b0b913ef3249b655 }
        Resources:
          NodeLaunchTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                ImageId: !FindInMap [EksAmiIds, !Ref AWS::Region, Standard]
                UserData:
                  Fn::Base64: !Sub |
                    #!/bin/bash
                    /etc/eks/bootstrap.sh my-cluster
      `,
      errors: [{ line: 10, message: 'This launch template of self-managed EKS nodes takes its AMI from mapping EksAmiIds, which lists 2 hard-coded AMI IDs' }],
    },
    {
      name: 'managed node groups without an AMI type get Amazon Linux 2 below Kubernetes 1.30: from their own Version or the cluster\'s',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties: { Version: '1.26', RoleArn: arn:aws:iam::123456789012:role/eks, ResourcesVpcConfig: { SubnetIds: [subnet-1] } }
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties: { ClusterName: !Ref Cluster, NodeRole: arn:aws:iam::123456789012:role/node, Subnets: [subnet-1] }
          Pinned:
            Type: AWS::EKS::Nodegroup
            Properties: { ClusterName: !Ref Cluster, Version: '1.29', NodeRole: arn:aws:iam::123456789012:role/node, Subnets: [subnet-1] }
          Current:
            Type: AWS::EKS::Nodegroup
            Properties: { ClusterName: !Ref Cluster, Version: '1.31', NodeRole: arn:aws:iam::123456789012:role/node, Subnets: [subnet-1] }
          Unquoted:
            Type: AWS::EKS::Nodegroup
            Properties: { ClusterName: !Ref Cluster, Version: 1.30, NodeRole: arn:aws:iam::123456789012:role/node, Subnets: [subnet-1] }
      `,
      errors: [
        { line: 7, message: 'The node group sets no AmiType on Kubernetes 1.26, whose default is Amazon Linux 2' },
        { line: 10, message: 'The node group sets no AmiType on Kubernetes 1.29' },
      ],
    },
  ],
});
