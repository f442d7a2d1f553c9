import rule from '../../../src/rules/eks/cluster-access-least-privilege.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'eksctl: custom groups, namespaced admin and a view policy',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        iamIdentityMappings:
          - arn: arn:aws:iam::111122223333:role/platform
            groups: [platform-admins]
            username: platform
        accessConfig:
          authenticationMode: API
          accessEntries:
            - principalARN: arn:aws:iam::111122223333:role/team-a
              accessPolicies:
                - policyARN: arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy
                  accessScope: { type: namespace, namespaces: [team-a] }
            - principalARN: arn:aws:iam::111122223333:role/auditors
              accessPolicies:
                - policyARN: arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy
                  accessScope: { type: cluster }
      `,
    },
    {
      name: 'CloudFormation: cluster admin scoped to namespaces; a policy ARN from a parameter is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          PolicyArn: { Type: String }
        Resources:
          TeamA:
            Type: AWS::EKS::AccessEntry
            Properties:
              ClusterName: prod
              PrincipalArn: arn:aws:iam::111122223333:role/team-a
              AccessPolicies:
                - PolicyArn: arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy
                  AccessScope: { Type: namespace, Namespaces: [team-a] }
                - PolicyArn: !Ref PolicyArn
                  AccessScope: { Type: cluster }
      `,
    },
    {
      name: 'Terraform: namespaced association; a scope from a variable is unknown',
      filename: 'main.tf',
      code: yaml`
        variable "scope" {}
        resource "aws_eks_access_policy_association" "team" {
          cluster_name  = "prod"
          policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
          principal_arn = "arn:aws:iam::111122223333:role/team-a"
          access_scope {
            type       = "namespace"
            namespaces = ["team-a"]
          }
        }
        resource "aws_eks_access_policy_association" "other" {
          cluster_name  = "prod"
          policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
          principal_arn = "arn:aws:iam::111122223333:role/other"
          access_scope {
            type = var.scope
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'eksctl: an EKS capability with cluster-wide AmazonEKSClusterAdminPolicy (namespace scope passes)',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: caps, region: us-west-2 }
        autoModeConfig: { enabled: true }
        capabilities:
          - name: argocd-gitops
            type: ARGOCD
            attachPolicyARNs:
              - arn:aws:iam::aws:policy/AdministratorAccess
            accessPolicies:
              - policyARN: arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy
                accessScope: { type: cluster }
          - name: kro
            type: KRO
            accessPolicies:
              - policyARN: arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy
                accessScope: { type: namespace, namespaces: [kro-apps] }
      `,
      errors: [{ line: 11, severity: 'medium', message: 'The access entry of EKS capability "argocd-gitops" gets AmazonEKSClusterAdminPolicy over the whole cluster' }],
    },
    {
      name: 'eksctl: system:masters and account mappings, a cluster-wide admin access entry',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, region: eu-west-1 }
        iamIdentityMappings:
          - arn: arn:aws:iam::111122223333:role/AllEngineers
            groups: [system:masters]
            username: engineer
          - account: "111122223333"
        accessConfig:
          accessEntries:
            - principalARN: arn:aws:iam::111122223333:role/Developers
              accessPolicies:
                - policyARN: arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy
                  accessScope: { type: cluster }
      `,
      errors: [
        { line: 6, severity: 'high', message: 'iamIdentityMappings maps "arn:aws:iam::111122223333:role/AllEngineers" into system:masters' },
        { line: 8, severity: 'high', message: 'maps every IAM principal of account 111122223333' },
        { line: 13, severity: 'medium', message: 'gives "arn:aws:iam::111122223333:role/Developers" AmazonEKSClusterAdminPolicy over the whole cluster' },
      ],
    },
    {
      name: 'CloudFormation YAML: cluster-wide admin access entry',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Developers:
            Type: AWS::EKS::AccessEntry
            Properties:
              ClusterName: prod
              PrincipalArn: !Sub arn:aws:iam::\${AWS::AccountId}:role/Developers
              AccessPolicies:
                - PolicyArn: arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy
                  AccessScope:
                    Type: cluster
      `,
      errors: [{ line: 8, severity: 'medium', message: 'gives the principal AmazonEKSClusterAdminPolicy over the whole cluster' }],
    },
    {
      name: 'CloudFormation JSON: cluster-wide admin access entry',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Ci: {
              Type: 'AWS::EKS::AccessEntry',
              Properties: {
                ClusterName: 'prod',
                PrincipalArn: 'arn:aws:iam::111122223333:role/ci-deploy',
                AccessPolicies: [{ PolicyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', AccessScope: { Type: 'cluster' } }],
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 10, severity: 'medium', message: 'gives "arn:aws:iam::111122223333:role/ci-deploy" AmazonEKSClusterAdminPolicy' }],
    },
    {
      name: 'Terraform: cluster-wide admin association',
      filename: 'main.tf',
      code: yaml`
        resource "aws_eks_access_policy_association" "developers" {
          cluster_name  = "prod"
          policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
          principal_arn = "arn:aws:iam::111122223333:role/Developers"
          access_scope {
            type = "cluster"
          }
        }
      `,
      errors: [{ line: 3, severity: 'medium', message: 'AmazonEKSClusterAdminPolicy over the whole cluster' }],
    },
  ],
});
