import rule from '../../../src/rules/eks/container-insights.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'eksctl: amazon-cloudwatch-observability add-on',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        addons:
          - name: amazon-cloudwatch-observability
      `,
    },
    {
      name: 'CloudFormation: add-on resource for the cluster',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties: { Name: prod }
          Observability:
            Type: AWS::EKS::Addon
            Properties:
              AddonName: amazon-cloudwatch-observability
              ClusterName: !Ref Cluster
      `,
    },
    {
      name: 'the CloudWatch agent DaemonSet in the scan',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
      `,
      others: [
        {
          filename: 'agent.yaml',
          code: 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: { name: cloudwatch-agent, namespace: amazon-cloudwatch }\nspec: { template: { spec: { containers: [{ name: a, image: x }] } } }\n',
        },
      ],
    },
    {
      name: 'Terraform: the add-on by reference to the cluster, and by its literal name for a second cluster',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "main" {
          name     = "prod"
          role_arn = "arn:aws:iam::123456789012:role/eks"
          vpc_config {
            subnet_ids = ["subnet-1", "subnet-2"]
          }
        }
        resource "aws_eks_addon" "observability" {
          cluster_name = aws_eks_cluster.main.name
          addon_name   = "amazon-cloudwatch-observability"
        }
        resource "aws_eks_cluster" "other" {
          name     = "staging"
          role_arn = "arn:aws:iam::123456789012:role/eks"
          vpc_config {
            subnet_ids = ["subnet-1", "subnet-2"]
          }
        }
        resource "aws_eks_addon" "other_observability" {
          cluster_name = "staging"
          addon_name   = "amazon-cloudwatch-observability"
        }
      `,
    },
    {
      name: 'Terraform: add-ons from a for_each map through a local (as terraform-aws-modules/eks builds them)',
      filename: 'main.tf',
      code: yaml`
        locals {
          cluster = aws_eks_cluster.this.id
          addons  = { vpc-cni = {}, amazon-cloudwatch-observability = {} }
        }
        resource "aws_eks_cluster" "this" {
          name     = var.name
          role_arn = "arn:aws:iam::123456789012:role/eks"
          vpc_config {
            subnet_ids = ["subnet-1"]
          }
        }
        variable "name" {}
        resource "aws_eks_addon" "this" {
          for_each     = local.addons
          cluster_name = local.cluster
          addon_name   = each.key
        }
      `,
    },
    {
      name: 'Terraform: an add-on whose name is unknown (a variable) may be it: unknown, nothing reported',
      filename: 'main.tf',
      code: yaml`
        variable "addon" {}
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::123456789012:role/eks"
          vpc_config {
            subnet_ids = ["subnet-1"]
          }
        }
        resource "aws_eks_addon" "extra" {
          cluster_name = aws_eks_cluster.this.name
          addon_name   = var.addon
        }
      `,
    },
    {
      name: 'Terraform: the CloudWatch agent installed with Helm',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "this" {
          name     = "prod"
          role_arn = "arn:aws:iam::123456789012:role/eks"
          vpc_config {
            subnet_ids = ["subnet-1"]
          }
        }
        resource "helm_release" "cloudwatch" {
          name       = "amazon-cloudwatch-observability"
          repository = "https://aws-observability.github.io/helm-charts"
          chart      = "amazon-cloudwatch-observability"
          namespace  = "amazon-cloudwatch"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'Terraform: no add-on, other add-ons only, an observability add-on of another cluster; an Auto Mode cluster too',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_cluster" "main" {
          name     = "prod"
          role_arn = "arn:aws:iam::123456789012:role/eks"
          vpc_config {
            subnet_ids = ["subnet-1"]
          }
        }
        resource "aws_eks_addon" "cni" {
          cluster_name = aws_eks_cluster.main.name
          addon_name   = "vpc-cni"
        }
        resource "aws_eks_addon" "elsewhere" {
          cluster_name = "staging"
          addon_name   = "amazon-cloudwatch-observability"
        }
        resource "aws_eks_cluster" "auto" {
          name     = "auto"
          role_arn = "arn:aws:iam::123456789012:role/eks"
          bootstrap_self_managed_addons = false
          compute_config {
            enabled    = true
            node_pools = ["general-purpose"]
          }
          vpc_config {
            subnet_ids = ["subnet-1"]
          }
        }
      `,
      errors: [
        { line: 1, message: 'Container Insights is not enabled: no aws_eks_addon "amazon-cloudwatch-observability" for this cluster in the scan.' },
        { line: 16 },
      ],
    },
    {
      name: 'eksctl: other add-ons only',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        addons:
          - name: vpc-cni
      `,
      errors: [{ line: 4, message: 'no amazon-cloudwatch-observability add-on in addons' }],
    },
    {
      name: 'CloudFormation: add-on for another cluster',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties: { Name: prod }
          Observability:
            Type: AWS::EKS::Addon
            Properties:
              AddonName: amazon-cloudwatch-observability
              ClusterName: staging
      `,
      errors: [{ line: 2 }],
    },
    {
      name: 'CloudFormation JSON: no add-on',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Cluster: { Type: 'AWS::EKS::Cluster', Properties: { Name: 'prod' } } } }, null, 2),
      errors: [{ line: 3 }],
    },
  ],
});
