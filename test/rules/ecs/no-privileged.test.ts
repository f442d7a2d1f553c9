import rule from '../../../src/rules/ecs/no-privileged.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'task-definition JSON: not privileged, benign capability added',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'web',
        containerDefinitions: [{ name: 'web', image: 'web:1', privileged: false, linuxParameters: { capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } } }],
      }),
    },
    {
      name: 'CloudFormation: privileged from a parameter is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Priv: { Type: String }
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  Privileged: !Ref Priv
      `,
    },
  ],
  invalid: [
    {
      name: 'task-definition JSON: SYS_PTRACE with pidMode host is critical',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'dbg', pidMode: 'host', containerDefinitions: [{ name: 'dbg', image: 'dbg:1', linuxParameters: { capabilities: { add: ['SYS_PTRACE'] } } }] }, null, 2),
      errors: [{ line: 11, severity: 'critical', message: '(of the whole instance: the task sets pidMode: host)' }],
    },
    {
      name: 'task-definition JSON: privileged and SYS_ADMIN',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'agent',
          containerDefinitions: [{ name: 'agent', image: 'agent:1', privileged: true, linuxParameters: { capabilities: { add: ['CAP_SYS_ADMIN', 'CHOWN'] } } }],
        },
        null,
        2,
      ),
      errors: [
        { line: 7, message: '"agent" is privileged' },
        { line: 11, message: 'adds the SYS_ADMIN capability' },
      ],
    },
    {
      name: 'CloudFormation YAML: privileged and ALL / NET_ADMIN',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  Privileged: true
                  LinuxParameters:
                    Capabilities:
                      Add: [NET_ADMIN, ALL]
      `,
      errors: [
        { line: 8, message: 'privileged' },
        { line: 11, column: 21, message: 'NET_ADMIN capability' },
        { line: 11, column: 32, message: 'adds the ALL capability' },
      ],
    },
    {
      name: 'CloudFormation JSON: SYS_PTRACE',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'dbg', Image: 'dbg:1', LinuxParameters: { Capabilities: { Add: ['SYS_PTRACE'] } } }] } } } },
        null,
        2,
      ),
      errors: [{ line: 13, severity: 'high', message: "adds the SYS_PTRACE capability, which allows tracing and injecting code into other processes (of the task's own processes; of the whole instance with pidMode: host)" }],
    },
  ],
});
