import rule from '../../../src/rules/ecs/fargate-platform.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
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
