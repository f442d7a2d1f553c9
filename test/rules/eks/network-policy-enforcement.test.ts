import rule from '../../../src/rules/eks/network-policy-enforcement.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

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
  ],
});
