/**
 * The cluster the CDK's L2 `eks.Cluster` synthesizes: `Custom::AWSCDK-EKS-Cluster`, whose `Config` is the EKS
 * CreateCluster request (shapes from cdk-nag's EKS tests, synthesized with aws-cdk-lib 2.200).
 */
import controlPlaneLogging from '../../../src/rules/eks/control-plane-logging.js';
import endpointAccess from '../../../src/rules/eks/endpoint-access.js';
import secretsEncryption from '../../../src/rules/eks/secrets-encryption.js';
import networkPolicyEnforcement from '../../../src/rules/eks/network-policy-enforcement.js';
import containerInsights from '../../../src/rules/eks/container-insights.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const HARDENED = yaml`
  Resources:
    Cluster:
      Type: Custom::AWSCDK-EKS-Cluster
      Properties:
        ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:onEvent
        Config:
          version: "1.31"
          roleArn: arn:aws:iam::123456789012:role/eks
          resourcesVpcConfig:
            subnetIds: [subnet-1, subnet-2]
            endpointPublicAccess: false
            endpointPrivateAccess: true
          logging:
            clusterLogging:
              - enabled: true
                types: [api, audit, authenticator, controllerManager, scheduler]
          encryptionConfig:
            - resources: [secrets]
              provider: { keyArn: !GetAtt Key.Arn }
`;

/** As synthesized by `new eks.Cluster(stack, 'EKS', { version, clusterLogging: [ClusterLoggingTypes.API] })`. */
const DEFAULTS = yaml`
  Resources:
    rCustomEKSA8CA90AF:
      Type: Custom::AWSCDK-EKS-Cluster
      Properties:
        ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:onEvent
        Config:
          version: "1.14"
          roleArn: arn:aws:iam::123456789012:role/eks
          resourcesVpcConfig:
            subnetIds: [subnet-1, subnet-2]
            endpointPublicAccess: true
            endpointPrivateAccess: false
          logging:
            clusterLogging:
              - enabled: true
                types: [api]
`;

const UNRESOLVED = yaml`
  Conditions:
    Prod: !Equals [!Ref AWS::AccountId, "123456789012"]
  Resources:
    Cluster:
      Type: Custom::AWSCDK-EKS-Cluster
      Properties:
        ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:onEvent
        Config: !If [Prod, { resourcesVpcConfig: { endpointPublicAccess: false } }, { resourcesVpcConfig: { endpointPublicAccess: false } }]
`;

ruleTester(endpointAccess, {
  valid: [
    { name: 'CDK cluster with the public endpoint off', filename: 'cdk.template.yaml', code: HARDENED },
    { name: 'CDK cluster whose Config is unresolved as a whole is unknown', filename: 'cdk.template.yaml', code: UNRESOLVED },
  ],
  invalid: [
    {
      name: 'CDK cluster with the public endpoint on and no CIDRs (cdk-nag EKS1 noncompliance)',
      filename: 'cdk.template.yaml',
      code: DEFAULTS,
      errors: [{ line: 11, message: /Config\.resourcesVpcConfig\.endpointPublicAccess is true and Config\.resourcesVpcConfig\.publicAccessCidrs is not set/ }],
    },
  ],
});

ruleTester(controlPlaneLogging, {
  valid: [
    { name: 'CDK cluster with every log type enabled', filename: 'cdk.template.yaml', code: HARDENED },
    { name: 'CDK cluster whose Config is unresolved as a whole is unknown', filename: 'cdk.template.yaml', code: UNRESOLVED },
  ],
  invalid: [
    {
      name: 'CDK cluster with only the api log type (cdk-nag EKS2 noncompliance)',
      filename: 'cdk.template.yaml',
      code: DEFAULTS,
      errors: [{ line: 14, message: 'Control-plane log types not enabled: audit, authenticator, controllerManager, scheduler (Config.logging.clusterLogging).' }],
    },
    {
      name: 'CDK cluster with logging disabled, or no logging at all',
      filename: 'cdk.template.yaml',
      code: yaml`
        Resources:
          Off:
            Type: Custom::AWSCDK-EKS-Cluster
            Properties:
              Config:
                logging:
                  clusterLogging:
                    - enabled: false
                      types: [api, audit, authenticator, controllerManager, scheduler]
          None:
            Type: Custom::AWSCDK-EKS-Cluster
            Properties:
              Config: { version: "1.31" }
      `,
      errors: [
        { line: 7, message: /Control-plane logging is off/ },
        { line: 13, message: /Control-plane logging is off/ },
      ],
    },
  ],
});

ruleTester(secretsEncryption, {
  valid: [{ name: 'CDK cluster encrypting secrets with a KMS key', filename: 'cdk.template.yaml', code: HARDENED }],
  invalid: [
    {
      name: 'CDK cluster without encryptionConfig',
      filename: 'cdk.template.yaml',
      code: DEFAULTS,
      errors: [{ line: 6, message: 'Kubernetes secrets are not envelope-encrypted with a KMS key you manage: Config.encryptionConfig is not set.' }],
    },
  ],
});

/** The hardened cluster with its add-ons as `new eks.Addon(...)` synthesizes them (`ClusterName: !Ref <cluster>`). */
const WITH_ADDONS =
  HARDENED +
  yaml`
    VpcCni:
      Type: AWS::EKS::Addon
      Properties:
        AddonName: vpc-cni
        ClusterName: !Ref Cluster
        ConfigurationValues: '{"enableNetworkPolicy":"true"}'
    Observability:
      Type: AWS::EKS::Addon
      Properties:
        AddonName: amazon-cloudwatch-observability
        ClusterName: !Ref Cluster
  `.replace(/^/gm, '  ');

ruleTester(networkPolicyEnforcement, {
  valid: [
    { name: 'CDK cluster with a vpc-cni add-on enabling network policy', filename: 'cdk.template.yaml', code: WITH_ADDONS },
    { name: 'CDK cluster whose Config is unresolved as a whole is unknown', filename: 'cdk.template.yaml', code: UNRESOLVED },
    {
      name: 'CDK cluster without the bootstrapped self-managed add-ons (a CNI brought separately)',
      filename: 'cdk.template.yaml',
      code: HARDENED.replace('version: "1.31"', 'version: "1.31"\n        bootstrapSelfManagedAddons: false'),
    },
    {
      name: 'CDK cluster with Cilium added by cluster.addHelmChart()',
      filename: 'cdk.template.yaml',
      code:
        DEFAULTS +
        yaml`
          rCustomEKSchartcilium:
            Type: Custom::AWSCDK-EKS-HelmChart
            Properties:
              ClusterName: !Ref rCustomEKSA8CA90AF
              Release: cilium
              Chart: cilium
              Repository: https://helm.cilium.io/
              Namespace: kube-system
        `.replace(/^/gm, '  '),
    },
  ],
  invalid: [
    { name: 'CDK cluster with the default VPC CNI only', filename: 'cdk.template.yaml', code: DEFAULTS, errors: [{ line: 2, message: 'no AWS::EKS::Addon vpc-cni' }] },
    {
      name: 'CDK cluster whose vpc-cni add-on leaves network policy off',
      filename: 'cdk.template.yaml',
      code: WITH_ADDONS.replace(`ConfigurationValues: '{"enableNetworkPolicy":"true"}'`, `ConfigurationValues: '{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}'`),
      errors: [{ line: 25, message: 'does not set enableNetworkPolicy' }],
    },
  ],
});

ruleTester(containerInsights, {
  valid: [
    { name: 'CDK cluster with the observability add-on', filename: 'cdk.template.yaml', code: WITH_ADDONS },
    {
      name: 'CDK cluster with the CloudWatch agent added by cluster.addHelmChart()',
      filename: 'cdk.template.yaml',
      code:
        DEFAULTS +
        yaml`
          rCustomEKSchartcw:
            Type: Custom::AWSCDK-EKS-HelmChart
            Properties:
              ClusterName: !Ref rCustomEKSA8CA90AF
              Release: cloudwatch
              Chart: amazon-cloudwatch-observability
              Namespace: amazon-cloudwatch
        `.replace(/^/gm, '  '),
    },
  ],
  invalid: [{ name: 'CDK cluster without Container Insights', filename: 'cdk.template.yaml', code: DEFAULTS, errors: [{ line: 2, message: 'no amazon-cloudwatch-observability add-on' }] }],
});
