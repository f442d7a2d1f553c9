import rule from '../../../src/rules/k8s/no-root-group.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'non-zero groups, groups left to the image, templated values, a Windows pod',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext: { runAsGroup: 10001, fsGroup: 10001, supplementalGroups: [2000] }
              containers: [{ name: web, image: web }]
              initContainers: [{ name: setup, image: setup }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: image-default }
        spec:
          containers: [{ name: app, image: app, securityContext: { runAsUser: 1000 } }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: templated }
        spec:
          securityContext: { runAsGroup: "{{ .Values.gid }}", fsGroup: "\${FS_GROUP}" }
          containers: [{ name: app, image: app }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: windows }
        spec:
          os: { name: windows }
          securityContext: { runAsGroup: 0 }
          containers: [{ name: app, image: app }]
      `,
    },
  ],
  invalid: [
    {
      name: 'Trivy KSV-0029: runAsGroup 0 at pod level (each container), overridden in one container; fsGroup and supplementalGroups',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: hello-gid }
        spec:
          securityContext:
            runAsGroup: 0
            fsGroup: 0
            supplementalGroups: [1000, 0]
          containers:
            - name: hello
              image: busybox
            - name: sidecar
              image: busybox
              securityContext: { runAsGroup: 10001 }
          initContainers:
            - name: init
              image: busybox
              securityContext: { runAsGroup: 0 }
      `,
      errors: [
        { line: 6, message: 'Container "hello" runs with GID 0 (the root group): runAsGroup is 0.' },
        { line: 7, message: 'Pod "hello-gid" sets fsGroup: 0: its volumes are owned by the root group and every container runs with GID 0 as a supplementary group.' },
        { line: 8, message: 'Pod "hello-gid" adds GID 0 (the root group) to every container through supplementalGroups.' },
        { line: 18, message: 'Container "init" runs with GID 0' },
      ],
    },
    {
      name: 'a CronJob container',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: report }
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: report
                      image: report
                      securityContext: { runAsUser: 1000, runAsGroup: 0 }
      `,
      errors: [{ line: 13, message: 'Container "report" runs with GID 0' }],
    },
  ],
});
