import rule from '../../../src/rules/ecs/efs-transit-encryption.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'task-definition JSON: transit encryption enabled; non-EFS volumes ignored',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'web',
        volumes: [{ name: 'scratch' }, { name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', transitEncryption: 'ENABLED' } }],
        containerDefinitions: [{ name: 'web', image: 'web:1' }],
      }),
    },
    {
      name: 'CloudFormation (Trivy AVD-AWS-0035 good): ENABLED',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          GoodExample:
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
    },
  ],
  invalid: [
    {
      name: 'CloudFormation YAML (Trivy AVD-AWS-0035 bad): DISABLED',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          BadExample:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Image: amazon/amazon-ecs-sample
              Volumes:
                - EFSVolumeConfiguration:
                    FilesystemId: fs1
                    TransitEncryption: DISABLED
                  Name: jenkins-home
      `,
      errors: [{ line: 10, message: 'sets TransitEncryption to DISABLED' }],
    },
    {
      name: 'task-definition JSON: not set',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }], containerDefinitions: [{ name: 'web', image: 'web:1' }] }, null, 2),
      errors: [{ line: 6, message: 'EFS volume "data" does not set transitEncryption' }],
    },
    {
      name: 'CloudFormation JSON: not set',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { Volumes: [{ Name: 'd', EFSVolumeConfiguration: { FilesystemId: 'fs-1' } }], ContainerDefinitions: [{ Name: 'a', Image: 'a:1' }] } } } },
        null,
        2,
      ),
      errors: [{ line: 9 }],
    },
  ],
});
