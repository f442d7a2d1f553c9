import rule from '../../../src/rules/k8s/no-privilege-escalation.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'every container sets allowPrivilegeEscalation: false',
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
                  securityContext: { allowPrivilegeEscalation: false }
              containers:
                - name: web
                  image: nginx
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities: { drop: [ALL], add: [NET_BIND_SERVICE] }
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
              securityContext: { allowPrivilegeEscalation: "{{ .Values.ape }}" }
      `,
    },
    {
      name: 'Windows pods are exempt, as in the Pod Security Standards',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: win }
        spec:
          os: { name: windows }
          containers: [{ name: iis, image: iis }]
      `,
    },
  ],
  invalid: [
    {
      name: 'not set: reported at the container (it defaults to true)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
      `,
      errors: [{ line: 6, column: 7, message: 'Container "app" does not set allowPrivilegeEscalation: false (it defaults to true)' }],
    },
    {
      name: 'explicitly true wins over a (non-existent) pod-level false',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext:
            allowPrivilegeEscalation: false
          containers:
            - name: nginx
              image: nginx
              securityContext:
                allowPrivilegeEscalation: true
            - name: other
              image: other
              securityContext:
      `,
      errors: [
        { line: 11, message: 'Container "nginx" sets allowPrivilegeEscalation: true' },
        { line: 12, message: /"other".*at pod level is not a Kubernetes field/ },
      ],
    },
    {
      name: 'privileged always allows escalation, set or not',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              containers:
                - name: a
                  image: a
                  securityContext:
                    privileged: true
                - name: b
                  image: b
                  securityContext:
                    privileged: true
                    allowPrivilegeEscalation: false
      `,
      errors: [
        { line: 10, message: '"a" does not set allowPrivilegeEscalation: false and runs privileged' },
        { line: 15, message: '"b" sets allowPrivilegeEscalation: false but runs privileged' },
      ],
    },
    {
      name: 'an added SYS_ADMIN (any spelling) or ALL makes allowPrivilegeEscalation: false ineffective',
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: j }
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: init
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities:
                      add: [CAP_SYS_ADMIN]
              containers:
                - name: job
                  image: job
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities:
                      add:
                        - NET_BIND_SERVICE
                        - all
      `,
      errors: [
        { line: 13, message: 'adds capability CAP_SYS_ADMIN' },
        { line: 22, message: 'adds capability all' },
      ],
    },
    {
      name: 'CronJob with an ephemeral container',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: c }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: job
                      image: job
                      securityContext: { allowPrivilegeEscalation: false }
                  ephemeralContainers:
                    - name: debug
                      image: busybox
      `,
      errors: [{ line: 15, message: '"debug"' }],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{\n"containers":[\n{"name":"app","image":"app","securityContext":{"allowPrivilegeEscalation":true}}]}}\n',
      errors: [{ line: 3, message: 'sets allowPrivilegeEscalation: true' }],
    },
  ],
});
