import rule from '../../../src/rules/ecs/no-host-namespaces.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'awsvpc task with task-scoped pid and ipc',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', networkMode: 'awsvpc', pidMode: 'task', ipcMode: 'none', containerDefinitions: [{ name: 'web', image: 'web:1' }] }),
    },
    {
      name: 'CloudFormation: network mode from a condition is unknown',
      filename: 'template.yaml',
      code: yaml`
        Conditions:
          Fargate: !Equals [a, a]
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              NetworkMode: !If [Fargate, awsvpc, host]
              ContainerDefinitions:
                - Name: app
                  Image: app:1
      `,
    },
  ],
  invalid: [
    {
      name: 'ECS Anywhere: host networking on an external instance (no instance metadata, no awsvpc)',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'edge', requiresCompatibilities: ['EXTERNAL'], networkMode: 'host', containerDefinitions: [{ name: 'dns', image: 'dns:1' }] }, null, 2),
      errors: [{ line: 6, message: "sharing the external instance's network namespace", fix: 'networkMode: bridge' }],
    },
    {
      name: 'task-definition JSON: host network, pid and ipc',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'agent', networkMode: 'host', pidMode: 'host', ipcMode: 'host', containerDefinitions: [{ name: 'agent', image: 'agent:1' }] }, null, 2),
      errors: [
        { line: 3, message: 'networkMode: host' },
        { line: 4, message: 'pidMode: host' },
        { line: 5, message: 'ipcMode: host' },
      ],
    },
    {
      name: 'CloudFormation YAML: host network',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              NetworkMode: host
              ContainerDefinitions:
                - Name: app
                  Image: app:1
      `,
      errors: [{ line: 5, message: 'networkMode: host' }],
    },
    {
      name: 'CloudFormation JSON: host pid',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { PidMode: 'host', ContainerDefinitions: [{ Name: 'a', Image: 'a:1' }] } } } }, null, 2),
      errors: [{ line: 6, message: 'pidMode: host' }],
    },
  ],
});
