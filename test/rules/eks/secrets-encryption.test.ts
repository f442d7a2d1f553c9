import rule from '../../../src/rules/eks/secrets-encryption.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'eksctl: a local cluster on AWS Outposts (no KMS secrets encryption there)',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: edge, region: us-west-2, version: "1.31" }
        outpost: { controlPlaneOutpostARN: "arn:aws:outposts:us-west-2:123456789012:outpost/op-1234" }
      `,
    },
    {
      name: 'CloudFormation: one EncryptionConfig entry written as an object (Trivy AVD-AWS-0039 older good example)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: arn:aws:iam::012345678910:role/eks
              ResourcesVpcConfig: { SubnetIds: [subnet-1] }
              EncryptionConfig:
                Provider: { KeyArn: alias/eks-kms }
                Resources: [secrets]
      `,
    },
    {
      name: 'eksctl: secretsEncryption.keyARN',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        secretsEncryption:
          keyARN: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      `,
    },
    {
      name: 'CloudFormation: EncryptionConfig for secrets with a key (Trivy good)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          GoodExample:
            Type: AWS::EKS::Cluster
            Properties:
              EncryptionConfig:
                - Provider:
                    KeyArn: alias/eks-kms
                  Resources:
                    - secrets
              Name: goodExample
      `,
    },
    {
      name: 'CloudFormation: key from GetAtt counts as set',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Key:
            Type: AWS::KMS::Key
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              EncryptionConfig:
                - Provider: { KeyArn: !GetAtt Key.Arn }
                  Resources: [secrets]
      `,
    },
    {
      name: 'CloudFormation: EncryptionConfig from a condition is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Env: { Type: String }
        Conditions:
          UseKms: !Equals [!Ref Env, prod]
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              EncryptionConfig: !If [UseKms, [{ Provider: { KeyArn: x }, Resources: [secrets] }], !Ref AWS::NoValue]
      `,
    },
  ],
  invalid: [
    {
      name: 'eksctl: no secretsEncryption',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata:
          name: prod
          version: "1.31"
      `,
      errors: [{ line: 3, message: 'secretsEncryption.keyARN is not set' }],
    },
    {
      name: 'eksctl: empty keyARN',
      code: yaml`
        apiVersion: eksctl.io/v1alpha5
        kind: ClusterConfig
        metadata: { name: prod, version: "1.31" }
        secretsEncryption:
          keyARN: ""
      `,
      errors: [{ line: 5 }],
    },
    {
      name: 'CloudFormation: no EncryptionConfig (Trivy AVD-AWS-0039 bad)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          BadExample:
            Type: AWS::EKS::Cluster
            Properties:
              Name: badExample
      `,
      errors: [{ line: 4, message: 'EncryptionConfig is not set' }],
    },
    {
      name: 'CloudFormation: EncryptionConfig without secrets in Resources',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              EncryptionConfig:
                - Provider: { KeyArn: alias/eks }
                  Resources: []
      `,
      errors: [{ line: 5, message: 'no entry encrypting' }],
    },
    {
      name: 'CloudFormation JSON: no Provider key',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Cluster: { Type: 'AWS::EKS::Cluster', Properties: { EncryptionConfig: [{ Resources: ['secrets'] }] } } } }, null, 2),
      errors: [{ line: 6, message: 'no entry encrypting' }],
    },
  ],
});
