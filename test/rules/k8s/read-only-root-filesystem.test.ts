import rule from '../../../src/rules/k8s/read-only-root-filesystem.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'every container, init included, sets readOnlyRootFilesystem: true',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: busybox
                  securityContext: { readOnlyRootFilesystem: true }
              containers:
                - name: web
                  image: nginx
                  securityContext: { readOnlyRootFilesystem: true }
                  volumeMounts: [{ name: tmp, mountPath: /tmp }]
              volumes: [{ name: tmp, emptyDir: { medium: Memory, sizeLimit: 64Mi } }]
      `,
    },
    {
      name: 'a templated value is unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              securityContext:
                readOnlyRootFilesystem: "{{ .Values.readOnly }}"
      `,
    },
    {
      name: 'Windows pods are exempt (spec.os.name)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: win }
        spec:
          os: { name: windows }
          containers: [{ name: iis, image: mcr.microsoft.com/windows/servercore/iis }]
      `,
    },
    {
      name: 'Windows pods are exempt (nodeSelector)',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: win }
        spec:
          template:
            spec:
              nodeSelector: { kubernetes.io/os: windows }
              containers: [{ name: agent, image: agent }]
      `,
    },
    {
      name: 'objects without pods are ignored',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: s }
        spec: { ports: [{ port: 80 }] }
      `,
    },
  ],
  invalid: [
    {
      name: 'readOnlyRootFilesystem: false is reported at the value',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              securityContext:
                readOnlyRootFilesystem: false
      `,
      errors: [{ line: 9, column: 9, message: 'Container "app" sets readOnlyRootFilesystem: false' }],
    },
    {
      name: 'missing: reported at the securityContext, or at the container when it has none',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: db }
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: busybox
              containers:
                - name: db
                  image: postgres
                  securityContext:
                    runAsNonRoot: true
      `,
      errors: [
        { line: 8, column: 11, message: 'Container "init" does not set readOnlyRootFilesystem: true' },
        { line: 13, column: 11, message: 'Container "db" does not set readOnlyRootFilesystem: true' },
      ],
    },
    {
      name: 'a pod-level readOnlyRootFilesystem is not a field: the container is still reported, with a hint',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext:
            readOnlyRootFilesystem: true
          containers:
            - name: a
              image: a
              securityContext: { readOnlyRootFilesystem: true }
            - name: b
              image: b
      `,
      errors: [{ line: 11, message: /"b".*spec\.securityContext\.readOnlyRootFilesystem at pod level is not a Kubernetes field/ }],
    },
    {
      name: 'CronJob and ephemeral containers',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: job }
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: job
                      image: job
                      securityContext: { readOnlyRootFilesystem: true }
                  ephemeralContainers:
                    - name: debug
                      image: busybox
      `,
      errors: [{ line: 15, message: '"debug"' }],
    },
    {
      name: 'Linux pod with a nodeSelector for linux is checked',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              nodeSelector: { kubernetes.io/os: linux }
              containers: [{ name: web, image: nginx }]
      `,
      errors: [{ line: 8, message: '"web"' }],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: { containers: [{ name: 'app', image: 'app', securityContext: { readOnlyRootFilesystem: false } }] },
        },
        null,
        2,
      ),
      errors: [{ line: 13, message: 'readOnlyRootFilesystem: false' }],
    },
  ],
});
