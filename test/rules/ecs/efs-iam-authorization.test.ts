import rule from '../../../src/rules/ecs/efs-iam-authorization.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'task-definition JSON: IAM authorization with an access point',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'web',
        volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED', accessPointId: 'fsap-1' } } }],
        containerDefinitions: [{ name: 'web', image: 'web:1' }],
      }),
    },
    {
      name: 'CloudFormation: IAM from a parameter is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Iam: { Type: String }
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: a
                  Image: a:1
              Volumes:
                - Name: data
                  EFSVolumeConfiguration:
                    FilesystemId: fs-1
                    TransitEncryption: ENABLED
                    AuthorizationConfig:
                      IAM: !Ref Iam
      `,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation YAML: transit encryption only (Trivy AVD-AWS-0035 good case is still without IAM)',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Image: amazon/amazon-ecs-sample
              Volumes:
                - EFSVolumeConfiguration:
                    FilesystemId: fs1
                    TransitEncryption: ENABLED
                  Name: jenkins-home
      `,
      errors: [{ line: 8, message: 'EFS volume "jenkins-home" is mounted without IAM authorization' }],
    },
    {
      name: 'task-definition JSON: IAM DISABLED',
      filename: 'taskdef.json',
      code: JSON.stringify(
        { family: 'web', volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', authorizationConfig: { iam: 'DISABLED' } } }], containerDefinitions: [{ name: 'web', image: 'web:1' }] },
        null,
        2,
      ),
      errors: [{ line: 9, message: 'sets authorizationConfig.iam to DISABLED' }],
    },
    {
      name: 'CloudFormation JSON: AuthorizationConfig without IAM',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Task: {
              Type: 'AWS::ECS::TaskDefinition',
              Properties: { Volumes: [{ Name: 'd', EFSVolumeConfiguration: { FilesystemId: 'fs-1', AuthorizationConfig: { AccessPointId: 'fsap-1' } } }], ContainerDefinitions: [{ Name: 'a', Image: 'a:1' }] },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 11 }],
    },
  ],
});
