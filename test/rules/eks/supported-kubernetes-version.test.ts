import { describe, expect, it } from 'vitest';
import { eksVersionSupport, oldestStandardVersion } from '../../../src/graph/eks-kubernetes-versions.js';
import rule from '../../../src/rules/eks/supported-kubernetes-version.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

// The rule tester scans on 2026-06-01 unless a case sets `today`: 1.33-1.35 are in standard support then, 1.30-1.32
// in extended support, 1.29 and older out of support.
ruleTester(rule, {
  valid: [
    {
      name: 'eksctl: a version in standard support',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1, version: "1.35" }
      `,
    },
    {
      name: 'eksctl: no version (the default of the eksctl release that creates it)',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        vpc: { clusterEndpoints: { privateAccess: true } }
      `,
    },
    {
      name: 'eksctl: a node-group-only config (`eksctl create nodegroup -f`) says nothing about the cluster',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        managedNodeGroups: [{ name: ng-1 }]
      `,
    },
    {
      name: 'eksctl: a local cluster on AWS Outposts follows its own calendar',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: edge, region: us-west-2, version: "1.21" }
        outpost: { controlPlaneOutpostARN: "arn:aws:outposts:us-west-2:123456789012:outpost/op-1234" }
      `,
    },
    {
      name: 'CloudFormation and Terraform: local clusters on AWS Outposts (OutpostConfig, outpost_config)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Local:
            Type: AWS::EKS::Cluster
            Properties:
              Version: "1.24"
              OutpostConfig:
                ControlPlaneInstanceType: m5d.large
                OutpostArns: [arn:aws:outposts:us-west-2:123456789012:outpost/op-1234]
      `,
      others: [
        {
          filename: 'main.tf',
          code: 'resource "aws_eks_cluster" "local" {\n  name     = "local"\n  version  = "1.24"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  vpc_config {\n    subnet_ids = ["subnet-1"]\n  }\n  outpost_config {\n    control_plane_instance_type = "m5d.large"\n    outpost_arns                = ["arn:aws:outposts:us-west-2:123456789012:outpost/op-1234"]\n  }\n}\n',
        },
      ],
    },
    {
      name: 'Terraform: a dynamic outpost_config over values the files do not give may be a local cluster: not judged',
      filename: 'main.tf',
      code: `variable "outpost_arns" {
  type = list(string)
}
resource "aws_eks_cluster" "c" {
  name     = "c"
  version  = "1.24"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
  dynamic "outpost_config" {
    for_each = length(var.outpost_arns) > 0 ? [1] : []
    content {
      control_plane_instance_type = "m5d.large"
      outpost_arns                = var.outpost_arns
    }
  }
}
`,
    },
    {
      name: 'CloudFormation: a version from a parameter without a default is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          KubernetesVersion: { Type: String }
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Version: !Ref KubernetesVersion
              RoleArn: arn:aws:iam::123456789012:role/eks
              ResourcesVpcConfig: { SubnetIds: [subnet-1, subnet-2] }
      `,
    },
    {
      name: 'CloudFormation: no Version (the default version when the cluster was created)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: arn:aws:iam::123456789012:role/eks
              ResourcesVpcConfig: { SubnetIds: [subnet-1, subnet-2] }
      `,
    },
    {
      name: 'CloudFormation: a version newer than the calendar is not judged',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Version: "1.36"
      `,
    },
    {
      name: 'CloudFormation: an unquoted 1.30 reads as 1.3, which names no EKS version: not judged',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Version: 1.30
      `,
    },
    {
      name: 'Terraform: a version in standard support',
      filename: 'main.tf',
      code: `resource "aws_eks_cluster" "c" {
  name     = "c"
  version  = "1.35"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
`,
    },
    {
      name: 'Terraform: a version from a variable without a default is unknown',
      filename: 'main.tf',
      code: `variable "cluster_version" {
  type = string
}
resource "aws_eks_cluster" "c" {
  name     = "c"
  version  = var.cluster_version
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
`,
    },
    {
      name: 'Terraform: a node group pinned to an old version is left to its cluster',
      filename: 'main.tf',
      code: `resource "aws_eks_node_group" "ng" {
  cluster_name  = "c"
  node_role_arn = "arn:aws:iam::123456789012:role/node"
  subnet_ids    = ["subnet-1"]
  version       = "1.27"
  scaling_config {
    desired_size = 1
    max_size     = 1
    min_size     = 1
  }
}
`,
    },
  ],
  invalid: [
    {
      name: 'eksctl: a version past the end of extended support',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata:
          name: prod
          region: eu-west-1
          version: "1.28"
      `,
      errors: [{ line: 6, severity: 'high', message: 'Kubernetes 1.28 is no longer supported by Amazon EKS (extended support ended on 2025-11-26)', fix: '1.33 or later (in standard support on 2026-06-01)' }],
    },
    {
      name: 'eksctl: a version older than the calendar',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: legacy, region: eu-west-1, version: "1.21" }
      `,
      errors: [{ line: 3, severity: 'high', message: 'extended support ended by 2025-07-24 at the latest' }],
    },
    {
      name: 'CloudFormation: a version in extended support',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Name: prod
              Version: "1.30"
              RoleArn: arn:aws:iam::123456789012:role/eks
              ResourcesVpcConfig: { SubnetIds: [subnet-1, subnet-2] }
      `,
      errors: [{ line: 6, severity: 'medium', message: 'Kubernetes 1.30 left EKS standard support on 2025-07-23: it is in extended support (patched at an extra charge per cluster hour) until 2026-07-23' }],
    },
    {
      name: 'CloudFormation: in extended support with the STANDARD upgrade policy',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Version: "1.31"
              UpgradePolicy:
                SupportType: STANDARD
      `,
      errors: [{ line: 5, severity: 'medium', message: 'the upgrade policy is STANDARD: EKS upgrades the control plane on its own' }],
    },
    {
      name: 'CloudFormation: the default of the parameter that gives the version',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          KubernetesVersion:
            Type: String
            Default: "1.29"
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Version: !Ref KubernetesVersion
      `,
      errors: [{ line: 9, severity: 'high', message: 'Kubernetes 1.29 is no longer supported' }],
    },
    {
      name: 'CloudFormation JSON: an unquoted version number',
      filename: 'template.json',
      code: `{
  "Resources": {
    "Cluster": {
      "Type": "AWS::EKS::Cluster",
      "Properties": {
        "Version": 1.29,
        "RoleArn": "arn:aws:iam::123456789012:role/eks"
      }
    }
  }
}
`,
      errors: [{ line: 6, severity: 'high' }],
    },
    {
      name: 'CDK: the version in the cluster custom resource\'s Config',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: Custom::AWSCDK-EKS-Cluster
            Properties:
              ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:onEvent
              Config:
                version: "1.27"
                roleArn: arn:aws:iam::123456789012:role/eks
      `,
      errors: [{ line: 7, severity: 'high', message: 'extended support ended on 2025-07-24' }],
    },
    {
      name: 'Terraform: a version past the end of extended support, from a variable default',
      filename: 'main.tf',
      code: `variable "cluster_version" {
  default = "1.29"
}
resource "aws_eks_cluster" "c" {
  name     = "c"
  version  = var.cluster_version
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
}
`,
      errors: [{ line: 6, severity: 'high', message: 'Kubernetes 1.29 is no longer supported by Amazon EKS (extended support ended on 2026-03-23)' }],
    },
    {
      name: 'Terraform: a dynamic outpost_config that expands to nothing is a cloud cluster (terraform-aws-modules/eks)',
      filename: 'main.tf',
      code: `variable "outpost_config" {
  default = null
}
resource "aws_eks_cluster" "c" {
  name     = "c"
  version  = "1.29"
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
  dynamic "outpost_config" {
    for_each = var.outpost_config != null ? [var.outpost_config] : []
    content {
      control_plane_instance_type = outpost_config.value.control_plane_instance_type
      outpost_arns                = outpost_config.value.outpost_arns
    }
  }
}
`,
      errors: [{ line: 6, severity: 'high' }],
    },
    {
      name: 'Terraform: extended support refused by the upgrade policy',
      filename: 'main.tf',
      code: `resource "aws_eks_cluster" "c" {
  name     = "c"
  version  = 1.32
  role_arn = "arn:aws:iam::123456789012:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1"]
  }
  upgrade_policy {
    support_type = "STANDARD"
  }
}
`,
      errors: [{ line: 3, severity: 'medium', message: 'Kubernetes 1.32 left EKS standard support on 2026-03-23, and the upgrade policy is STANDARD' }],
    },
    {
      name: 'the scan date decides: 1.34 leaves standard support on 2026-12-02',
      today: '2026-12-02',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1, version: "1.34" }
      `,
      errors: [{ line: 3, severity: 'medium', message: 'until 2027-12-02', fix: '1.35 or later' }],
    },
  ],
});

describe('eksVersionSupport', () => {
  it('is out of a support period from its end date on', () => {
    expect(eksVersionSupport('1.31', '2025-11-25')?.status).toBe('standard');
    expect(eksVersionSupport('1.31', '2025-11-26')?.status).toBe('extended');
    expect(eksVersionSupport('1.31', '2026-11-25')?.status).toBe('extended');
    expect(eksVersionSupport('1.31', '2026-11-26')?.status).toBe('ended');
  });

  it('reads strings and numbers, and leaves what names no EKS version alone', () => {
    expect(eksVersionSupport(' 1.29 ', '2026-06-01')?.version).toBe('1.29');
    expect(eksVersionSupport(1.29, '2026-06-01')?.version).toBe('1.29');
    for (const value of ['1.3', 1.3, '1.29.3', 'v1.29', 'latest', '2.0', '', null, undefined, { Ref: 'V' }]) expect(eksVersionSupport(value, '2026-06-01')).toBeUndefined();
  });

  it('a version older than the calendar is out of support once the oldest listed one is', () => {
    expect(eksVersionSupport('1.21', '2025-07-24')).toEqual({ status: 'ended', version: '1.21', extendedEnd: '2025-07-24', atTheLatest: true });
    expect(eksVersionSupport('1.21', '2025-07-23')).toBeUndefined();
  });

  it('names the oldest version in standard support, until the calendar runs out', () => {
    expect(oldestStandardVersion('2026-06-01')).toBe('1.33');
    expect(oldestStandardVersion('2030-01-01')).toBeUndefined();
  });
});
