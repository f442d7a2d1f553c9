import rule from '../../../src/rules/eks/network-policy-enforcement.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

/** A local module in the shape of terraform-aws-modules/eks (cluster + add-ons from an `addons` map). */
const EKS_MODULE = yaml`
  variable "name" {
    type = string
  }
  variable "addons" {
    type = map(object({
      name                 = optional(string)
      before_compute       = optional(bool, false)
      configuration_values = optional(string)
    }))
    default = null
  }
  resource "aws_eks_cluster" "this" {
    count                         = 1
    name                          = var.name
    role_arn                      = "arn:aws:iam::111122223333:role/eks"
    bootstrap_self_managed_addons = false
  }
  resource "aws_eks_addon" "this" {
    for_each = var.addons != null ? { for k, v in var.addons : k => v if !v.before_compute } : {}

    cluster_name         = aws_eks_cluster.this[0].id
    addon_name           = coalesce(each.value.name, each.key)
    configuration_values = each.value.configuration_values
  }
  resource "aws_eks_addon" "before_compute" {
    for_each = var.addons != null ? { for k, v in var.addons : k => v if v.before_compute } : {}

    cluster_name         = aws_eks_cluster.this[0].id
    addon_name           = coalesce(each.value.name, each.key)
    configuration_values = each.value.configuration_values
  }
`;


ruleTester(rule, {
  valid: [
    {
      name: 'eksctl: vpc-cni with enableNetworkPolicy in JSON configuration values',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        addons:
          - name: vpc-cni
            configurationValues: |-
              {"enableNetworkPolicy": "true"}
      `,
    },
    {
      name: 'eksctl: configuration values in YAML form',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        addons:
          - name: vpc-cni
            configurationValues: "enableNetworkPolicy: 'true'"
      `,
    },
    {
      name: 'eksctl: default add-ons disabled (Cilium or Calico brought separately): unknown',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        addonsConfig:
          disableDefaultAddons: true
      `,
    },
    {
      name: 'eksctl: Cilium objects in the same scan',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
      `,
      others: [
        {
          filename: 'policy.yaml',
          code: 'apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: { name: deny-all, namespace: app }\nspec: {}\n',
        },
      ],
    },
    {
      name: 'CloudFormation: AWS::EKS::Addon vpc-cni with network policy for the cluster',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Name: prod
          VpcCni:
            Type: AWS::EKS::Addon
            Properties:
              AddonName: vpc-cni
              ClusterName: !Ref Cluster
              ConfigurationValues: '{"enableNetworkPolicy":"true"}'
      `,
    },
    {
      name: 'CloudFormation JSON: add-on naming the cluster by its literal name',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Cluster: { Type: 'AWS::EKS::Cluster', Properties: { Name: 'prod' } },
            Cni: { Type: 'AWS::EKS::Addon', Properties: { AddonName: 'vpc-cni', ClusterName: 'prod', ConfigurationValues: '{"enableNetworkPolicy": "true"}' } },
          },
        },
        null,
        2,
      ),
    },
    {
      name: 'CloudFormation: BootstrapSelfManagedAddons false (own CNI) is unknown',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              BootstrapSelfManagedAddons: false
      `,
    },
    {
      name: 'Terraform: aws_eks_addon vpc-cni referencing the cluster, jsonencode configuration',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name         = aws_eks_cluster.this.name
          addon_name           = "vpc-cni"
          configuration_values = jsonencode({ enableNetworkPolicy = "true" })
        }
      `,
    },
    {
      name: 'Terraform: add-on naming the counted cluster by its literal name, JSON string from a variable',
      filename: 'main.tf',
      code: yaml`
        variable "cni_config" {
          default = "{\\"enableNetworkPolicy\\": \\"true\\", \\"env\\": {\\"ENABLE_PREFIX_DELEGATION\\": \\"true\\"}}"
        }
        resource "aws_eks_cluster" "this" {
          count    = 1
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name         = "prod"
          addon_name           = "vpc-cni"
          configuration_values = var.cni_config
        }
      `,
    },
    {
      name: 'Terraform: configuration values from a variable without a value are unknown',
      filename: 'main.tf',
      code: yaml`
        variable "cni_config" {
          type = string
        }
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name         = aws_eks_cluster.this.id
          addon_name           = "vpc-cni"
          configuration_values = var.cni_config
        }
      `,
    },
    {
      name: 'Terraform: a vpc-cni add-on whose cluster name is unresolved makes the verdict unknown',
      filename: 'main.tf',
      code: yaml`
        variable "cluster_name" {
          type = string
        }
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name = var.cluster_name
          addon_name   = "vpc-cni"
        }
      `,
    },
    {
      name: 'Terraform: Cilium installed by helm_release',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "helm_release" "cilium" {
          name       = "cilium"
          repository = "https://helm.cilium.io/"
          chart      = "cilium"
          namespace  = "kube-system"
        }
      `,
    },
    {
      name: 'Terraform: Calico (tigera-operator chart) installed by helm_release',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name = aws_eks_cluster.this.name
          addon_name   = "vpc-cni"
        }
        resource "helm_release" "calico" {
          name       = "calico"
          repository = "https://docs.tigera.io/calico/charts"
          chart      = "tigera-operator"
        }
      `,
    },
    {
      name: 'Terraform: Cilium chart given as a packaged chart URL; add-on configuration as a heredoc JSON string',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name         = aws_eks_cluster.this.name
          addon_name           = "vpc-cni"
          configuration_values = <<-EOT
            {"env": {"ENABLE_PREFIX_DELEGATION": "true"}}
          EOT
        }
        resource "helm_release" "cilium" {
          name  = "cni"
          chart = "https://helm.cilium.io/cilium-1.16.5.tgz"
        }
      `,
    },
    {
      name: 'Terraform: bootstrap_self_managed_addons false and no vpc-cni add-on (CNI brought separately)',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name                          = "prod"
          role_arn                      = "arn:aws:iam::111122223333:role/eks"
          bootstrap_self_managed_addons = false
        }
      `,
    },
    {
      name: 'Terraform: EKS Auto Mode cluster',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
          compute_config {
            enabled       = true
            node_pools    = ["general-purpose"]
            node_role_arn = "arn:aws:iam::111122223333:role/node"
          }
        }
      `,
    },
    {
      name: 'Terraform: a remote terraform-aws-modules/eks call is not loaded: nothing to report',
      filename: 'main.tf',
      code: yaml`
        module "eks" {
          source  = "terraform-aws-modules/eks/aws"
          version = "~> 21.0"
          name    = "prod"
          addons = {
            vpc-cni = {}
          }
        }
      `,
    },
    {
      name: 'Terraform: local module in the terraform-aws-modules/eks shape with network policy enabled',
      filename: 'main.tf',
      code: yaml`
        module "eks" {
          source = "./modules/eks"
          name   = "prod"
          addons = {
            coredns = {}
            vpc-cni = {
              before_compute       = true
              configuration_values = jsonencode({ enableNetworkPolicy = "true" })
            }
          }
        }
      `,
      others: [{ filename: 'modules/eks/main.tf', code: EKS_MODULE }],
    },
  ],
  invalid: [
    {
      name: 'eksctl: no add-ons at all',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        iam: { withOIDC: true }
      `,
      errors: [{ line: 3, message: 'no vpc-cni add-on' }],
    },
    {
      name: 'eksctl: vpc-cni listed without configuration values',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        addons:
          - name: coredns
          - name: vpc-cni
            version: latest
      `,
      errors: [{ line: 6, message: 'has no configuration values' }],
    },
    {
      name: 'eksctl: enableNetworkPolicy "false"',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        addons:
          - name: vpc-cni
            configurationValues: '{"enableNetworkPolicy": "false", "env": {"ENABLE_PREFIX_DELEGATION": "true"}}'
      `,
      errors: [{ line: 6, message: 'does not set enableNetworkPolicy' }],
    },
    {
      name: 'CloudFormation: cluster without an add-on in the scan',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          ControlPlane:
            Type: AWS::EKS::Cluster
            Properties:
              Version: "1.31"
      `,
      errors: [{ line: 2, message: 'no AWS::EKS::Addon vpc-cni' }],
    },
    {
      name: 'CloudFormation: add-on without network policy, reported on the add-on',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Version: "1.31"
          Cni:
            Type: AWS::EKS::Addon
            Properties:
              AddonName: vpc-cni
              ClusterName: !Ref Cluster
              ConfigurationValues: '{"env":{"ENABLE_POD_ENI":"true"}}'
      `,
      errors: [{ line: 11, message: 'does not set enableNetworkPolicy' }],
    },
    {
      name: 'Terraform: cluster without any vpc-cni add-on',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_addon" "coredns" {
          cluster_name = aws_eks_cluster.this.name
          addon_name   = "coredns"
        }
      `,
      errors: [{ line: 1, message: 'no aws_eks_addon "vpc-cni"' }],
    },
    {
      name: 'Terraform: vpc-cni add-on without configuration_values, reported on the add-on',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name  = aws_eks_cluster.this.name
          addon_name    = "vpc-cni"
          addon_version = "v1.19.0-eksbuild.1"
        }
      `,
      errors: [{ line: 5, message: 'has no configuration_values' }],
    },
    {
      name: 'Terraform: jsonencode with enableNetworkPolicy "false", reported at the value',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name = aws_eks_cluster.this.id
          addon_name   = "vpc-cni"
          configuration_values = jsonencode({
            env = { ENABLE_PREFIX_DELEGATION = "true" }
            enableNetworkPolicy = "false"
          })
        }
      `,
      errors: [{ line: 10, message: 'do not set enableNetworkPolicy' }],
    },
    {
      name: 'Terraform: JSON string without enableNetworkPolicy; bootstrap_self_managed_addons false does not hide the add-on',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name                          = "prod"
          role_arn                      = "arn:aws:iam::111122223333:role/eks"
          bootstrap_self_managed_addons = false
        }
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name         = "prod"
          addon_name           = "vpc-cni"
          configuration_values = "{\\"env\\":{\\"ENABLE_POD_ENI\\":\\"true\\"}}"
        }
      `,
      errors: [{ line: 9, message: 'do not set enableNetworkPolicy' }],
    },
    {
      name: 'Terraform: heredoc JSON configuration without enableNetworkPolicy',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name         = aws_eks_cluster.this.name
          addon_name           = "vpc-cni"
          configuration_values = <<-EOT
            {"env": {"ENABLE_PREFIX_DELEGATION": "true"}}
          EOT
        }
      `,
      errors: [{ line: 8, message: 'do not set enableNetworkPolicy' }],
    },
    {
      name: 'Terraform: a helm_release of another chart is not a policy engine; two clusters each reported',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "blue" {
          name     = "blue"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_cluster" "green" {
          name     = "green"
          role_arn = "arn:aws:iam::111122223333:role/eks"
        }
        resource "aws_eks_addon" "blue_cni" {
          cluster_name         = aws_eks_cluster.blue.name
          addon_name           = "vpc-cni"
          configuration_values = jsonencode({ enableNetworkPolicy = "true" })
        }
        resource "helm_release" "karpenter" {
          name  = "karpenter"
          chart = "oci://public.ecr.aws/karpenter/karpenter"
        }
      `,
      errors: [{ line: 5, message: 'no aws_eks_addon "vpc-cni"' }],
    },
    {
      name: 'Terraform: local module in the terraform-aws-modules/eks shape without network policy',
      filename: 'main.tf',
      code: yaml`
        module "eks" {
          source = "./modules/eks"
          name   = "prod"
          addons = {
            vpc-cni = {
              before_compute = true
            }
          }
        }
      `,
      others: [{ filename: 'modules/eks/main.tf', code: EKS_MODULE }],
      errors: [{ path: 'modules/eks/main.tf', line: 25, message: 'has no configuration_values' }],
    },
  ],
});
