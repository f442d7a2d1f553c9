import rule from '../../../src/rules/ecs/run-as-non-root.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Windows tasks without runtimePlatform (optional on EC2): a Windows base image, a drive path, an FSx for Windows volume, a gMSA credential spec, a PowerShell entry point',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'win',
          requiresCompatibilities: ['EC2'],
          containerDefinitions: [{ name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019', essential: true }],
        },
        null,
        2,
      ),
      others: [
        {
          filename: 'paths.json',
          code: JSON.stringify({ family: 'win-paths', containerDefinitions: [{ name: 'app', image: 'registry/app:1', mountPoints: [{ sourceVolume: 'data', containerPath: 'C:\\data' }] }] }),
        },
        {
          filename: 'fsx.json',
          code: JSON.stringify({
            family: 'win-fsx',
            containerDefinitions: [{ name: 'app', image: 'registry/app:1' }],
            volumes: [{ name: 'share', fsxWindowsFileServerVolumeConfiguration: { fileSystemId: 'fs-0123', rootDirectory: 'share', authorizationConfig: { credentialsParameter: 'arn:aws:ssm:...', domain: 'example.com' } } }],
          }),
        },
        {
          filename: 'gmsa.json',
          code: JSON.stringify({ family: 'win-gmsa', containerDefinitions: [{ name: 'app', image: 'registry/app:1', dockerSecurityOptions: ['credentialspec:file://gmsa.json'] }] }),
        },
        { filename: 'nano.json', code: JSON.stringify({ family: 'win-1809', containerDefinitions: [{ name: 'app', image: 'mcr.microsoft.com/windows:1809' }] }) },
        { filename: 'cmd.json', code: JSON.stringify({ family: 'win-cmd', containerDefinitions: [{ name: 'app', image: 'registry/app:1', command: ['C:\\Windows\\System32\\cmd.exe /c run.bat'] }] }) },
        {
          filename: 'shell.json',
          code: JSON.stringify({ family: 'win-shell', containerDefinitions: [{ name: 'app', image: 'registry/app:1', entryPoint: ['powershell', '-Command'], command: ['Start-Sleep 3600'] }] }),
        },
      ],
    },
    {
      name: 'the FireLens log router, which ECS runs as root',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'web',
          containerDefinitions: [
            { name: 'web', image: 'web:1', user: '10001' },
            { name: 'log_router', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable', essential: true, firelensConfiguration: { type: 'fluentbit' } },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'task-definition JSON: every container has a non-root user',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'web',
          containerDefinitions: [
            { name: 'web', image: 'web:1', user: '10001:10001' },
            { name: 'sidecar', image: 'sidecar:1', user: 'nobody' },
          ],
        },
        null,
        2,
      ),
    },
    {
      name: 'CloudFormation: numeric user and an intrinsic user (unknown)',
      filename: 'template.yaml',
      code: yaml`
        Parameters:
          Uid: { Type: String }
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  User: 1000
                - Name: other
                  Image: other:1
                  User: !Ref Uid
      `,
    },
    {
      name: 'Windows task definitions have no Linux user',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'win', runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }, containerDefinitions: [{ name: 'iis', image: 'iis:1' }] }),
    },
    {
      name: 'container definitions behind an intrinsic are unknown',
      filename: 'template.yaml',
      code: yaml`
        Conditions:
          Big: !Equals [a, b]
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions: !If [Big, [], []]
      `,
    },
  ],
  invalid: [
    {
      name: 'cfn-guard probe: a non-root user in the root group (low)',
      filename: 'taskdef.json',
      code: JSON.stringify({ family: 'web', containerDefinitions: [{ name: 'web', image: 'web:1', user: '1000:0' }, { name: 'app', image: 'app:1', user: 'app:root' }, { name: 'ok', image: 'ok:1', user: '1000:1000' }] }, null, 2),
      errors: [
        { line: 7, severity: 'low', message: 'Container "web" runs with the root group (user "1000:0", GID 0): it reads and writes whatever files the root group may.' },
        { line: 12, severity: 'low', message: 'Container "app" runs with the root group (user "app:root", GID 0)' },
      ],
    },
    {
      name: 'task-definition JSON (describe-task-definition output): missing user and root',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          taskDefinition: {
            family: 'web',
            containerDefinitions: [
              { name: 'web', image: 'web:1' },
              { name: 'init', image: 'init:1', user: '0:0' },
            ],
          },
          tags: [],
        },
        null,
        2,
      ),
      errors: [
        { line: 5, message: 'Container "web" sets no user' },
        { line: 12, message: 'Container "init" runs as root (user "0:0")' },
      ],
    },
    {
      name: 'CloudFormation YAML: root by name, by UID with a group, and missing',
      filename: 'template.yaml',
      code: yaml`
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: a
                  Image: a:1
                  User: root
                - Name: b
                  Image: b:1
                  User: "0:1000"
                - Name: c
                  Image: c:1
      `,
      errors: [
        { line: 9, message: 'user "root"' },
        { line: 12, message: 'user "0:1000"' },
        { line: 13, message: '"c" sets no user' },
      ],
    },
    {
      name: 'CloudFormation JSON: user 0',
      filename: 'template.json',
      code: JSON.stringify(
        { Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'app', Image: 'app:1', User: '0' }] } } } },
        null,
        2,
      ),
      errors: [{ line: 10, message: 'runs as root' }],
    },
  ],
});
