import rule from '../../../src/rules/k8s/drop-all-capabilities.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a privileged container is k8s/no-privileged\'s: no seccomp profile or capability drop applies to it',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              containers:
                - name: agent
                  image: agent:1.0
                  securityContext: { privileged: true }
      `,
    },
    {
      name: 'drop ALL everywhere, NET_BIND_SERVICE added back',
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
                  securityContext: { capabilities: { drop: [ALL] } }
              containers:
                - name: web
                  image: nginx
                  securityContext:
                    capabilities:
                      drop: [ALL]
                      add: [NET_BIND_SERVICE]
      `,
    },
    {
      name: 'drop ALL in any case',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
              securityContext: { capabilities: { drop: [all] } }
            - name: b
              image: b
              securityContext: { capabilities: { drop: [All] } }
      `,
    },
    {
      name: 'a templated drop list is unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
              securityContext: { capabilities: { drop: ["{{ .Values.drop }}"] } }
      `,
    },
    {
      name: 'capabilities beyond the default set are left to k8s/no-added-capabilities',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
              securityContext: { capabilities: { drop: [ALL], add: [NET_ADMIN] } }
      `,
    },
    {
      name: 'Windows pods are exempt',
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
      name: 'drop: and capabilities: written without a value are located at their keys',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a:1
              securityContext:
                capabilities:
                  drop:
            - name: b
              image: b:1
              securityContext:
                capabilities:
      `,
      errors: [
        { line: 10, message: 'Container "a" does not drop ALL capabilities' },
        { line: 14, message: 'Container "b" does not drop ALL capabilities' },
      ],
    },
    {
      name: 'no capabilities at all: reported at the container, or its securityContext',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
            - name: b
              image: b
              securityContext:
                runAsNonRoot: true
      `,
      errors: [
        { line: 6, column: 7, message: 'Container "a" does not drop ALL capabilities' },
        { line: 10, column: 7, message: 'Container "b" does not drop ALL capabilities' },
      ],
    },
    {
      name: 'dropping each default capability by name is not drop ALL',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
              securityContext:
                capabilities:
                  drop: [NET_RAW, CHOWN]
      `,
      errors: [{ line: 10, column: 11, message: 'Container "a" drops only NET_RAW, CHOWN, not ALL: it keeps 12 default capabilities.' }],
    },
    {
      name: 'dropping every runtime default one by one still is not ALL, and the message says why',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
              securityContext:
                capabilities:
                  drop: [CHOWN, DAC_OVERRIDE, FSETID, FOWNER, MKNOD, NET_RAW, SETGID, SETUID, SETFCAP, SETPCAP, NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE]
            - name: b
              image: b
              securityContext:
                capabilities:
                  drop: [CHOWN, DAC_OVERRIDE, FSETID, FOWNER, MKNOD, SETGID, SETUID, SETFCAP, SETPCAP, NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE]
      `,
      errors: [
        { line: 10, message: 'Container "a" drops the default capabilities one by one instead of ALL' },
        { line: 15, message: 'Container "b" drops only 13 capabilities by name, not ALL: it keeps NET_RAW.' },
      ],
    },
    {
      name: 'capabilities without drop, reported at capabilities; pod-level capabilities is ignored with a hint',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext:
            capabilities: { drop: [ALL] }
          containers:
            - name: a
              image: a
              securityContext:
                capabilities:
                  add: [NET_BIND_SERVICE]
      `,
      errors: [{ line: 11, message: /"a" does not drop ALL.*pod level is not a Kubernetes field/ }],
    },
    {
      name: 'default capabilities added back after drop ALL',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: s }
        spec:
          template:
            spec:
              containers:
                - name: s
                  image: s
                  securityContext:
                    capabilities:
                      drop: [ALL]
                      add:
                        - chown
                        - NET_BIND_SERVICE
                        - CAP_SETUID
      `,
      errors: [
        { line: 14, message: 'adds back capability chown' },
        { line: 16, message: 'adds back capability CAP_SETUID' },
      ],
    },
    {
      name: 'a dropped CAP_ALL drops nothing (containerd drops "CAP_" + name for every entry but ALL)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: capall
              image: app
              securityContext:
                capabilities:
                  drop: [CAP_ALL]
      `,
      errors: [{ line: 10, message: 'drops only CAP_ALL, not ALL: it keeps 14 default capabilities' }],
    },
    {
      name: 'init and ephemeral containers of a CronJob',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: c }
        spec:
          schedule: "@hourly"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: init
                      image: init
                  containers:
                    - name: job
                      image: job
                      securityContext: { capabilities: { drop: [ALL] } }
                  ephemeralContainers:
                    - name: debug
                      image: busybox
      `,
      errors: [
        { line: 11, message: '"init"' },
        { line: 18, message: '"debug"' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[\n{"name":"app","image":"app","securityContext":{"capabilities":\n{"drop":["NET_RAW"]}}}]}}\n',
      errors: [{ line: 3, message: 'drops only NET_RAW' }],
    },
  ],
});
