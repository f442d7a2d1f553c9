import rule from '../../../src/rules/ecs/no-sensitive-host-path.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'harmless devices: /dev/null, /dev/urandom, /dev/fuse, /dev/net/tun, a GPU',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'tools',
        containerDefinitions: [
          {
            name: 'tools',
            image: 'tools:1',
            linuxParameters: { devices: ['/dev/null', '/dev/urandom', '/dev/fuse', '/dev/net/tun', '/dev/nvidia0'].map((hostPath) => ({ hostPath })) },
          },
        ],
      }),
    },
    {
      name: 'task-definition JSON: scratch volume, non-sensitive host path, and an unmounted docker.sock',
      filename: 'taskdef.json',
      code: JSON.stringify({
        family: 'web',
        volumes: [{ name: 'scratch' }, { name: 'data', host: { sourcePath: '/srv/data' } }, { name: 'sock', host: { sourcePath: '/var/run/docker.sock' } }],
        containerDefinitions: [{ name: 'web', image: 'web:1', mountPoints: [{ sourceVolume: 'scratch', containerPath: '/tmp' }, { sourceVolume: 'data', containerPath: '/data' }] }],
      }),
    },
    {
      name: 'CloudFormation: host binaries mounted read-only',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Volumes:
                - Name: usr
                  Host:
                    SourcePath: /usr/share/zoneinfo
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  MountPoints:
                    - SourceVolume: usr
                      ContainerPath: /usr/share/zoneinfo
                      ReadOnly: true
      `,
    },
  ],
  invalid: [
    {
      name: 'host devices mapped into a container (task definition JSON and CloudFormation)',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'debug',
          containerDefinitions: [
            {
              name: 'debug',
              image: 'debug:1',
              linuxParameters: { devices: [{ hostPath: '/dev/mem', containerPath: '/dev/mem', permissions: ['read', 'write'] }] },
            },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 9, message: 'Container "debug" maps the host device "/dev/mem" (linuxParameters.devices)' }],
    },
    {
      name: 'CloudFormation: a read-only disk device',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              ContainerDefinitions:
                - Name: backup
                  Image: backup:1
                  LinuxParameters:
                    Devices:
                      - HostPath: /dev/xvda
                        Permissions: [read]
      `,
      errors: [{ line: 10, message: 'maps the host device "/dev/xvda" (read-only)' }],
    },
    {
      name: 'task-definition JSON: Docker socket',
      filename: 'taskdef.json',
      code: JSON.stringify(
        {
          family: 'agent',
          volumes: [{ name: 'sock', host: { sourcePath: '/var/run/docker.sock' } }],
          containerDefinitions: [{ name: 'agent', image: 'agent:1', mountPoints: [{ sourceVolume: 'sock', containerPath: '/var/run/docker.sock', readOnly: true }] }],
        },
        null,
        2,
      ),
      errors: [{ line: 7, message: 'Volume "sock" mounts the host path "/var/run/docker.sock" (read-only)' }],
    },
    {
      name: 'CloudFormation YAML: /, /proc and the ECS agent data',
      filename: 'template.yaml',
      code: yaml`
        Resources:
          Task:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Volumes:
                - Name: root
                  Host: { SourcePath: / }
                - Name: proc
                  Host: { SourcePath: /proc }
                - Name: ecs
                  Host: { SourcePath: /var/lib/ecs/data }
              ContainerDefinitions:
                - Name: app
                  Image: app:1
                  MountPoints:
                    - { SourceVolume: root, ContainerPath: /host }
                    - { SourceVolume: proc, ContainerPath: /host/proc, ReadOnly: true }
                    - { SourceVolume: ecs, ContainerPath: /ecs }
      `,
      errors: [
        { line: 7, message: "whole filesystem" },
        { line: 9, message: 'processes and kernel interfaces' },
        { line: 11, message: 'ECS agent' },
      ],
    },
    {
      name: 'CloudFormation JSON: /etc',
      filename: 'template.json',
      code: JSON.stringify(
        {
          Resources: {
            Task: {
              Type: 'AWS::ECS::TaskDefinition',
              Properties: {
                Volumes: [{ Name: 'etc', Host: { SourcePath: '/etc' } }],
                ContainerDefinitions: [{ Name: 'app', Image: 'app:1', MountPoints: [{ SourceVolume: 'etc', ContainerPath: '/host/etc' }] }],
              },
            },
          },
        },
        null,
        2,
      ),
      errors: [{ line: 10, message: '"/etc"' }],
    },
  ],
});
