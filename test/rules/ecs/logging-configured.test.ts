import rule from '../../../src/rules/ecs/logging-configured.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'awslogs and FireLens',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'web',
        containerDefinitions: [
          { name: 'web', image: 'web:1', logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch_logs' } } },
          { name: 'log_router', image: 'fluent-bit:2', firelensConfiguration: { type: 'fluentbit' }, logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } } },
        ],
      }),
    },
    {
      name: 'CloudFormation: log configuration behind a condition is unknown',
      filename: 'template.yaml',
      code: yaml`
        Conditions:
          Prod: !Equals [a, a]
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  LogConfiguration: !If [Prod, { LogDriver: awslogs }, !Ref AWS::NoValue]
      `,
    },
  ],
  invalid: [
    {
      name: 'task-definition JSON: none, and json-file',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1', logConfiguration: { logDriver: 'json-file' } }] }, null, 2),
      errors: [
        { line: 4, message: '"a" has no logConfiguration' },
        { line: 12, message: '"json-file" driver' },
      ],
    },
    {
      name: 'CloudFormation YAML: splunk',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  LogConfiguration:
                    LogDriver: splunk
      `,
      errors: [{ line: 9, message: 'splunk' }],
    },
    {
      name: 'CloudFormation JSON: missing',
      filename: 'template.json',
      code: JSON.stringify({ Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'app:1' }] } } } }, null, 2),
      errors: [{ line: 7, message: 'no logConfiguration' }],
    },
  ],
});
