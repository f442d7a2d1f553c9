import rule from '../../../src/rules/k8s/no-windows-host-process.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'hostProcess false or unset',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: win }
        spec:
          os: { name: windows }
          securityContext:
            windowsOptions: { hostProcess: false, runAsUserName: "ContainerUser" }
          containers:
            - name: a
              image: a
              securityContext: { windowsOptions: { hostProcess: false } }
            - name: b
              image: b
      `,
    },
    {
      name: 'Linux pods without windowsOptions',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers: [{ name: web, image: nginx }]
      `,
    },
  ],
  invalid: [
    {
      name: 'pod-level hostProcess is reported once',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              os: { name: windows }
              hostNetwork: true
              securityContext:
                windowsOptions:
                  hostProcess: true
                  runAsUserName: 'NT AUTHORITY\\SYSTEM'
              containers:
                - name: a
                  image: a
                - name: b
                  image: b
      `,
      errors: [{ line: 11, column: 11, message: 'The pod sets windowsOptions.hostProcess: true' }],
    },
    {
      name: 'container-level hostProcess, init and ephemeral containers included',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          initContainers:
            - name: init
              image: init
              securityContext:
                windowsOptions: { hostProcess: true }
          containers:
            - name: nginx
              image: nginx
              securityContext:
                windowsOptions:
                  hostProcess: true
          ephemeralContainers:
            - name: debug
              image: busybox
              securityContext: { windowsOptions: { hostProcess: true } }
      `,
      errors: [
        { line: 9, message: 'Container "init" sets windowsOptions.hostProcess: true' },
        { line: 15, message: 'Container "nginx"' },
        { line: 19, message: 'Container "debug"' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[\n{"name":"app","image":"app","securityContext":\n{"windowsOptions":{"hostProcess":true}}}]}}\n',
      errors: [{ line: 3, message: 'hostProcess' }],
    },
  ],
});
