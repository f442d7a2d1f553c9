import rule from '../../../src/rules/eks/tainted-node-groups.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'eksctl: sensitive group tainted NoSchedule (list form), other groups unlabelled',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        managedNodeGroups:
          - name: general
          - name: pci
            labels: { seaworthy.dev/sensitive: "true" }
            taints:
              - { key: dedicated, value: pci, effect: NoSchedule }
      `,
    },
    {
      name: 'eksctl: legacy map form with NoExecute',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        nodeGroups:
          - name: pci
            labels: { seaworthy.dev/sensitive: "true" }
            taints:
              dedicated: "pci:NoExecute"
      `,
    },
    {
      name: 'CloudFormation: NO_SCHEDULE taint with a custom selector and key',
      filename: 'template.yaml',
      settings: { sensitiveWorkloads: { labels: { tier: 'pci' }, namespaces: [], taintKey: 'pci' } },
      code: yaml`
        Resources:
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              Labels: { tier: pci }
              Taints:
                - Key: pci
                  Value: "true"
                  Effect: NO_SCHEDULE
      `,
    },
    {
      name: 'no sensitive labels configured: nothing to check',
      settings: { sensitiveWorkloads: { labels: {}, namespaces: [], taintKey: 'dedicated' } },
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        managedNodeGroups:
          - name: any
      `,
    },
  ],
  invalid: [
    {
      name: 'eksctl: sensitive group without taints, and one with a PreferNoSchedule taint',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        managedNodeGroups:
          - name: pci-a
            labels:
              seaworthy.dev/sensitive: "true"
          - name: pci-b
            labels: { seaworthy.dev/sensitive: "true" }
            taints:
              - key: dedicated
                effect: PreferNoSchedule
      `,
      errors: [
        { line: 6, message: 'Node group "pci-a" is for sensitive workloads (seaworthy.dev/sensitive=true) but has no NoSchedule taint "dedicated"' },
        { line: 11, message: 'effect PreferNoSchedule' },
      ],
    },
    {
      name: 'eksctl: a taint with another key does not count',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod }
        nodeGroups:
          - name: pci
            labels: { seaworthy.dev/sensitive: "true" }
            taints:
              gpu: "true:NoSchedule"
      `,
      errors: [{ line: 6, message: 'has no NoSchedule taint "dedicated"' }],
    },
    {
      name: 'CloudFormation: labelled node group without taints',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              NodegroupName: pci
              Labels:
                seaworthy.dev/sensitive: "true"
      `,
      errors: [{ line: 6, message: 'Node group "pci"' }],
    },
    {
      name: 'CloudFormation JSON: PREFER_NO_SCHEDULE',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Nodes: {
              Type: 'AWS::EKS::Nodegroup',
              Properties: { Labels: { 'seaworthy.dev/sensitive': 'true' }, Taints: [{ Key: 'dedicated', Value: 'x', Effect: 'PREFER_NO_SCHEDULE' }] },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 10, message: 'effect PreferNoSchedule' }],
    },
  ],
});
