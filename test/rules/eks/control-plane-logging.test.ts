import rule from '../../../src/rules/eks/control-plane-logging.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const cfnAllTypes = {
  Resources: {
    Cluster: {
      Type: 'AWS::EKS::Cluster',
      Properties: {
        Logging: { ClusterLogging: { EnabledTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'].map((Type) => ({ Type })) } },
      },
    },
  },
};

ruleTester(rule, {
  valid: [
    {
      name: 'eksctl: enableTypes ["*"]',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        cloudWatch:
          clusterLogging:
            enableTypes: ["*"]
      `,
    },
    {
      name: 'eksctl: every type listed',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        cloudWatch:
          clusterLogging:
            enableTypes: [api, audit, authenticator, controllerManager, scheduler]
      `,
    },
    {
      name: 'eksctl: templated list is unknown',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        cloudWatch:
          clusterLogging:
            enableTypes: ["{{ .Values.logTypes }}"]
      `,
    },
    {
      name: 'CloudFormation JSON: all five types',
      filename: 'template.json',
      code: JSON.stringify(cfnAllTypes, null, 2),
    },
    {
      name: 'CloudFormation: types from a parameter are unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          LogTypes: { Type: CommaDelimitedList }
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Logging:
                ClusterLogging:
                  EnabledTypes: !Ref LogTypes
      `,
    },
  ],
  invalid: [
    {
      name: 'eksctl: no cloudWatch section (logging is off by default)',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        vpc: { cidr: 10.0.0.0/16 }
      `,
      errors: [{ line: 3, message: 'Control-plane logging is off' }],
    },
    {
      name: 'eksctl: all but controllerManager (disableTypes subtracts)',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        cloudWatch:
          clusterLogging:
            enableTypes: ["all"]
            disableTypes: ["controllerManager"]
      `,
      errors: [{ line: 6, message: 'not enabled: controllerManager (' }],
    },
    {
      name: 'eksctl: only audit',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        cloudWatch:
          clusterLogging:
            enableTypes:
              - audit
      `,
      errors: [{ line: 6, message: 'api, authenticator, controllerManager, scheduler' }],
    },
    {
      name: 'CloudFormation: no Properties (Trivy AVD-AWS-0038 bad)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          BadExample:
            Type: AWS::EKS::Cluster
      `,
      errors: [{ line: 2 }],
    },
    {
      name: 'CloudFormation: scheduler missing',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Logging:
                ClusterLogging:
                  EnabledTypes:
                    - Type: api
                    - Type: audit
                    - Type: authenticator
                    - Type: controllerManager
      `,
      errors: [{ line: 7, message: 'not enabled: scheduler' }],
    },
    {
      name: 'CloudFormation: types listed as plain strings name them too (Checkov CKV_AWS_37 EKSClusterWithPartialLogging)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              Logging:
                ClusterLogging:
                  EnabledTypes: [api, audit]
      `,
      errors: [{ line: 7, message: 'Control-plane log types not enabled: authenticator, controllerManager, scheduler' }],
    },
    {
      name: 'CloudFormation JSON: Logging without ClusterLogging',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Cluster: { Type: 'AWS::EKS::Cluster', Properties: { Name: 'x', Logging: {} } } } }, null, 2),
      errors: [{ line: 7, message: 'Control-plane logging is off' }],
    },
  ],
});
