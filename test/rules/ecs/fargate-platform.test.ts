import rule from '../../../src/rules/ecs/fargate-platform.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'tasks that need what Fargate does not give (GPU, host networking, devices, a host path, SYS_ADMIN) and ECS Anywhere tasks',
      filename: 'gpu.json',
      code: JSON.stringify({ family: 'gpu', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'train', image: 'train:1', resourceRequirements: [{ type: 'GPU', value: '1' }] }] }, null, 2),
      others: [
        { filename: 'host.json', code: JSON.stringify({ family: 'agent', networkMode: 'host', containerDefinitions: [{ name: 'agent', image: 'agent:1' }] }) },
        { filename: 'devices.json', code: JSON.stringify({ family: 'fuse', containerDefinitions: [{ name: 'fuse', image: 'fuse:1', linuxParameters: { devices: [{ hostPath: '/dev/fuse' }] } }] }) },
        { filename: 'hostpath.json', code: JSON.stringify({ family: 'logs', containerDefinitions: [{ name: 'shipper', image: 'shipper:1' }], volumes: [{ name: 'logs', host: { sourcePath: '/var/log' } }] }) },
        { filename: 'cap.json', code: JSON.stringify({ family: 'mount', containerDefinitions: [{ name: 'm', image: 'm:1', linuxParameters: { capabilities: { add: ['SYS_ADMIN'] } } }] }) },
        { filename: 'anywhere.json', code: JSON.stringify({ family: 'edge', requiresCompatibilities: ['EXTERNAL'], containerDefinitions: [{ name: 'edge', image: 'edge:1' }] }) },
      ],
    },
    {
      name: 'task-definition JSON: Fargate',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', containerDefinitions: [{ name: 'web', image: 'web:1' }] }),
    },
    {
      name: 'CloudFormation: compatibilities from a condition, Fargate service on LATEST and 1.4.0, capacity providers',
      filename: 'template.yaml',
      code: yaml`
        Conditions:
          Fargate: !Equals [a, a]
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              RequiresCompatibilities:
                - !If [Fargate, FARGATE, EC2]
              ContainerDefinitions:
                - Name: a
                  Image: a:1
          Service:
            Type: AWS::ECS::Service
            Properties:
              LaunchType: FARGATE
              PlatformVersion: LATEST
          Service2:
            Type: AWS::ECS::Service
            Properties:
              PlatformVersion: 1.4.0
              CapacityProviderStrategy:
                - CapacityProvider: FARGATE_SPOT
                  Weight: 1
      `,
    },
  ],
  invalid: [
    {
      name: 'task-definition JSON: EC2 only',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'web', image: 'web:1' }] }, null, 2),
      errors: [{ line: 3, message: 'requires EC2 and not FARGATE' }],
    },
    {
      name: 'task-definition JSON: ECS Managed Instances (hosts AWS patches, still shared)',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', requiresCompatibilities: ['MANAGED_INSTANCES'], containerDefinitions: [{ name: 'web', image: 'web:1' }] }, null, 2),
      errors: [{ line: 3, message: 'requires MANAGED_INSTANCES and not FARGATE: AWS patches the Managed Instances hosts, but tasks share them' }],
    },
    {
      name: 'CloudFormation YAML: no compatibilities, an EC2 service and an old platform version',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: a
                  Image: a:1
          Ec2Service:
            Type: AWS::ECS::Service
            Properties:
              LaunchType: EC2
          OldService:
            Type: AWS::ECS::Service
            Properties:
              LaunchType: FARGATE
              PlatformVersion: 1.3.0
      `,
      errors: [
        { line: 4, message: 'does not set requiresCompatibilities' },
        { line: 11, message: 'EC2 launch type' },
        { line: 16, message: 'platform version 1.3.0' },
      ],
    },
    {
      name: 'CloudFormation JSON: EC2 and EXTERNAL',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { RequiresCompatibilities: ['EC2', 'EXTERNAL'], ContainerDefinitions: [{ Name: 'a', Image: 'a:1' }] } } } }, null, 2),
      errors: [{ line: 6, message: 'requires EC2, EXTERNAL' }],
    },
  ],
});
