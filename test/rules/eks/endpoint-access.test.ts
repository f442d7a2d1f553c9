import rule from '../../../src/rules/eks/endpoint-access.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Terraform: a local cluster on AWS Outposts has a private-only endpoint',
      filename: 'main.tf',
      code: 'resource "aws_eks_cluster" "local" {\n  name     = "local"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  vpc_config {\n    subnet_ids = ["subnet-1"]\n  }\n  outpost_config {\n    control_plane_instance_type = "m5d.large"\n    outpost_arns                = ["arn:aws:outposts:us-west-2:123456789012:outpost/op-1234"]\n  }\n}\n',
    },
    {
      name: 'eksctl: private endpoint only',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        vpc:
          clusterEndpoints:
            privateAccess: true
            publicAccess: false
      `,
    },
    {
      name: 'eksctl: public endpoint restricted to known CIDRs',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        vpc:
          clusterEndpoints: { privateAccess: true, publicAccess: true }
          publicAccessCIDRs: ["203.0.113.0/24", "198.51.100.10/32"]
      `,
    },
    {
      name: 'eksctl: a node-group-only file (eksctl create nodegroup) says nothing about the cluster',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        managedNodeGroups:
          - name: extra
            instanceType: m6i.large
            privateNetworking: true
      `,
    },
    {
      name: 'eksctl: a local cluster on AWS Outposts has a private-only endpoint',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: edge, region: us-west-2 }
        outpost:
          controlPlaneOutpostARN: arn:aws:outposts:us-west-2:123456789012:outpost/op-1234
        nodeGroups:
          - name: ng
            privateNetworking: true
      `,
    },
    {
      name: 'eksctl: a fully private cluster',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        privateCluster:
          enabled: true
      `,
    },
    {
      name: 'CloudFormation: public endpoint disabled',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              ResourcesVpcConfig:
                EndpointPrivateAccess: true
                EndpointPublicAccess: false
                SubnetIds: [subnet-1, subnet-2]
      `,
    },
    {
      name: 'CloudFormation: public access from a parameter is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Public: { Type: String }
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              ResourcesVpcConfig:
                EndpointPublicAccess: !Ref Public
      `,
    },
    {
      name: 'CloudFormation: CIDRs from a parameter are unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          AllowedCidrs: { Type: CommaDelimitedList }
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              ResourcesVpcConfig:
                EndpointPublicAccess: true
                PublicAccessCidrs: !Ref AllowedCidrs
      `,
    },
    {
      name: 'CloudFormation JSON: string "false" is false',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Cluster: { Type: 'AWS::EKS::Cluster', Properties: { ResourcesVpcConfig: { EndpointPublicAccess: 'false', EndpointPrivateAccess: 'true' } } } } },
        null,
        2,
      ),
    },
  ],
  invalid: [
    {
      name: 'eksctl: publicAccessCIDRs misplaced under vpc.clusterEndpoints (eksctl refuses the unknown field; the ranges restrict nothing)',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1, version: "1.33" }
        vpc:
          clusterEndpoints:
            publicAccess: true
            privateAccess: true
            publicAccessCIDRs: ["203.0.113.0/24"]
      `,
      errors: [{ line: 8, message: 'publicAccessCIDRs is under vpc.clusterEndpoints, where eksctl has no such field: it refuses the file', fix: 'Move the list to `vpc.publicAccessCIDRs`' }],
    },
    {
      name: 'eksctl: a cluster stated by metadata.version and its node groups (eksctl defaults: public endpoint)',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: basic-cluster, region: eu-north-1, version: "1.33" }
        nodeGroups:
          - name: ng-1
            instanceType: m5.large
            desiredCapacity: 10
      `,
      errors: [{ line: 3, message: /public endpoint/ }],
    },
    {
      name: 'Terraform: a /1 is half the internet (medium; KICS fixture shape); a /8 and narrower ranges are known networks',
      filename: 'main.tf',
      code: [
        'resource "aws_eks_cluster" "wide" {',
        '  name     = "wide"',
        '  role_arn = "arn:aws:iam::123456789012:role/eks"',
        '  vpc_config {',
        '    subnet_ids              = ["subnet-1"]',
        '    endpoint_private_access = true',
        '    public_access_cidrs     = ["1.1.1.1/1", "10.0.0.0/8", "203.0.113.0/24"]',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [
        {
          line: 7,
          severity: 'medium',
          message: 'The cluster API endpoint is open to a large part of the internet: the public endpoint is on by default (vpc_config.endpoint_public_access is not set) and vpc_config.public_access_cidrs allows 1.1.1.1/1 (2,147,483,648 addresses), not the networks of your operators and CI.',
        },
      ],
    },
    {
      name: 'eksctl: an empty publicAccessCIDRs value is no list (the default 0.0.0.0/0 applies); ranges that cover every address',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        vpc:
          clusterEndpoints: { privateAccess: true, publicAccess: true }
          publicAccessCIDRs:
        ---
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: split }
        vpc:
          clusterEndpoints: { privateAccess: true, publicAccess: true }
          publicAccessCIDRs: ["0.0.0.0/1", "128.0.0.0/1", "203.0.113.0/24"]
      `,
      errors: [
        { line: 6, message: 'vpc.publicAccessCIDRs is empty (defaults to 0.0.0.0/0)' },
        { line: 13, message: 'the ranges in vpc.publicAccessCIDRs (0.0.0.0/1, 128.0.0.0/1, 203.0.113.0/24) together cover every address' },
      ],
    },
    {
      name: 'eksctl: nothing said (public to 0.0.0.0/0 by default), reported at metadata',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata:
          name: basic
          version: "1.31"
      `,
      errors: [{ line: 3, column: 1, message: /on by default .*defaults to 0\.0\.0\.0\/0.*nodes also reach/ }],
    },
    {
      name: 'eksctl: explicit publicAccess with an open CIDR',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        vpc:
          clusterEndpoints:
            privateAccess: true
            publicAccess: true
          publicAccessCIDRs:
            - 10.0.0.0/8
            - 0.0.0.0/0
      `,
      errors: [{ line: 10, message: 'vpc.publicAccessCIDRs allows 0.0.0.0/0' }],
    },
    {
      name: 'eksctl: vpc present but clusterEndpoints missing: reported at vpc',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        vpc:
          cidr: 10.10.0.0/16
      `,
      errors: [{ line: 4, message: 'vpc.clusterEndpoints.publicAccess is not set' }],
    },
    {
      name: 'CloudFormation: no ResourcesVpcConfig endpoint settings (defaults), the real-world shape',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          PrivateSubnet1: { Type: AWS::EC2::Subnet::Id }
        Resources:
          EKSClusterRole:
            Type: AWS::IAM::Role
          ControlPlane:
            Type: AWS::EKS::Cluster
            Properties:
              Name: !Sub \${AWS::StackName}-cluster
              ResourcesVpcConfig:
                SubnetIds: [!Ref PrivateSubnet1]
              RoleArn: !GetAtt EKSClusterRole.Arn
      `,
      errors: [{ line: 10, message: 'EndpointPublicAccess is not set' }],
    },
    {
      name: 'CloudFormation: explicit public endpoint without CIDRs (Trivy AVD-AWS-0040 bad)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          EKSCluster:
            Type: AWS::EKS::Cluster
            Properties:
              ResourcesVpcConfig:
                EndpointPublicAccess: true
      `,
      errors: [{ line: 6, message: 'EndpointPublicAccess is true' }],
    },
    {
      name: 'CloudFormation: ::/0 in PublicAccessCidrs',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          EKSCluster:
            Type: AWS::EKS::Cluster
            Properties:
              ResourcesVpcConfig:
                EndpointPrivateAccess: true
                PublicAccessCidrs:
                  - 203.0.113.0/24
                  - ::/0
      `,
      errors: [{ line: 9, message: /allows ::\/0\.$/ }],
    },
    {
      name: 'CloudFormation: a cluster without Properties is reported at its logical ID',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Bare:
            Type: AWS::EKS::Cluster
      `,
      errors: [{ line: 2 }],
    },
    {
      name: 'CloudFormation JSON: empty PublicAccessCidrs',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Cluster: { Type: 'AWS::EKS::Cluster', Properties: { ResourcesVpcConfig: { EndpointPublicAccess: 'true', PublicAccessCidrs: [] } } } } }, null, 2),
      errors: [{ line: 8, message: 'PublicAccessCidrs is empty' }],
    },
  ],
});
