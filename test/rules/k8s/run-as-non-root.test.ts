import rule from '../../../src/rules/k8s/run-as-non-root.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'Windows pod running as ContainerUser (runAsUser does not apply on Windows)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: win }
        spec:
          os: { name: windows }
          securityContext: { windowsOptions: { runAsUserName: ContainerUser } }
          containers:
            - { name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022 }
            # windowsOptions merge field by field: the pod's runAsUserName still applies, and a null is unset.
            - name: gmsa
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
              securityContext: { windowsOptions: { gmsaCredentialSpecName: webapp, runAsUserName: null } }
      `,
    },
    {
      name: 'runAsNonRoot at pod level covers every container',
      example: true,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext: { runAsNonRoot: true }
              initContainers: [{ name: init, image: busybox }]
              containers: [{ name: web, image: nginx }]
      `,
    },
    {
      name: 'non-zero runAsUser on the container',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              securityContext:
                runAsUser: 10001
      `,
    },
    {
      name: 'a templated runAsUser is unknown, not a finding',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext:
            runAsUser: "{{ .Values.uid }}"
          containers: [{ name: app, image: app }]
      `,
    },
    {
      name: 'objects without pods are ignored',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data: { a: b }
      `,
    },
  ],
  invalid: [
    {
      name: 'Windows pods: ContainerAdministrator, and no user at all',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: win }
        spec:
          nodeSelector: { kubernetes.io/os: windows }
          containers:
            - name: admin
              image: mcr.microsoft.com/windows/servercore:ltsc2022
              securityContext: { windowsOptions: { runAsUserName: ContainerAdministrator } }
            - { name: unset, image: mcr.microsoft.com/windows/servercore:ltsc2022 }
      `,
      errors: [
        { line: 9, message: 'Windows container "admin" runs as ContainerAdministrator' },
        { line: 10, message: 'Windows container "unset" may run as ContainerAdministrator' },
      ],
    },
    {
      name: 'Datree: runAsNonRoot true with runAsUser 0 contradicts itself (the kubelet refuses the container)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: app }
        spec:
          securityContext: { runAsNonRoot: true }
          containers:
            - name: app
              image: app
              securityContext: { runAsUser: 0 }
      `,
      errors: [{ line: 9, severity: 'low', message: 'Container "app" sets runAsUser: 0, which contradicts its runAsNonRoot: true: the kubelet refuses to start it (it never runs as root; the pod does not start).' }],
    },
    {
      name: 'no securityContext at all',
      example: true,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx
      `,
      errors: [{ line: 8, column: 11, message: 'Container "web" may run as root' }],
    },
    {
      name: 'runAsUser 0 at container level with the pod\'s runAsNonRoot: the kubelet refuses it (a broken manifest, low)',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: job }
        spec:
          schedule: "* * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  securityContext: { runAsNonRoot: true }
                  containers:
                    - name: job
                      image: job
                      securityContext:
                        runAsUser: 0
      `,
      errors: [{ line: 15, severity: 'low', message: 'sets runAsUser: 0, which contradicts its runAsNonRoot: true' }],
    },
    {
      name: 'runAsNonRoot false, and ephemeral container inherits nothing safe',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              securityContext:
                runAsNonRoot: false
          ephemeralContainers:
            - name: debug
              image: busybox
      `,
      errors: [
        { line: 9, message: 'runAsNonRoot: false' },
        { line: 11, message: '"debug"' },
      ],
    },
    {
      name: 'custom resource with a pod template (Argo Rollout)',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: r }
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: app
      `,
      errors: [{ line: 8 }],
    },
  ],
});
