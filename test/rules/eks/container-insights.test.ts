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
  ],
  invalid: [
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
