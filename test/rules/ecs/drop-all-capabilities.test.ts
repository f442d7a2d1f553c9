import rule from '../../../src/rules/ecs/drop-all-capabilities.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'CloudFormation: a privileged container is ecs/no-privileged\'s',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - { Name: agent, Image: agent:1, Privileged: "true" }
      `,
    },
    {
      name: 'task-definition JSON dropping ALL',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'web:1', linuxParameters: { capabilities: { drop: ['all'] } } }] }),
    },
    {
      name: 'CloudFormation: drop list from an intrinsic is unknown',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Drop: { Type: CommaDelimitedList }
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  LinuxParameters:
                    Capabilities:
                      Drop: !Ref Drop
      `,
    },
  ],
  invalid: [
    {
      name: 'task-definition JSON without linuxParameters, and with a partial drop list',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'web',
          containerDefinitions: [
            { name: 'web', image: 'web:1' },
            { name: 'b', image: 'b:1', linuxParameters: { capabilities: { drop: ['NET_RAW'] } } },
          ],
        },
        null,
        2,
      ),
      errors: [
        { line: 4, message: '"web" does not drop all' },
        { line: 13, message: '"b" does not drop all' },
      ],
    },
    {
      name: 'CloudFormation YAML: LinuxParameters without Capabilities',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  LinuxParameters:
                    InitProcessEnabled: true
      `,
      errors: [{ line: 8 }],
    },
  ],
});
