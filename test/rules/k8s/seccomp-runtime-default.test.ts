import rule from '../../../src/rules/k8s/seccomp-runtime-default.js';
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
      name: 'RuntimeDefault at pod level covers every container',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext:
                seccompProfile: { type: RuntimeDefault }
              initContainers: [{ name: init, image: busybox }]
              containers: [{ name: web, image: nginx }]
      `,
    },
    {
      name: 'RuntimeDefault or Localhost at container level',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
              securityContext: { seccompProfile: { type: RuntimeDefault } }
            - name: b
              image: b
              securityContext:
                seccompProfile: { type: Localhost, localhostProfile: profiles/b.json }
      `,
    },
    {
      name: 'a templated type is unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext:
            seccompProfile: { type: "{{ .Values.seccomp }}" }
          containers: [{ name: a, image: a }]
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
      name: 'each pod template of a custom resource: a container inherits its own template\'s profile, not another\'s',
      code: yaml`
        apiVersion: ray.io/v1
        kind: RayCluster
        metadata: { name: ray }
        spec:
          headGroupSpec:
            template:
              spec:
                securityContext: { seccompProfile: { type: RuntimeDefault } }
                containers: [{ name: head, image: rayproject/ray }]
          workerGroupSpecs:
            - groupName: cpu
              template:
                spec:
                  containers: [{ name: worker, image: rayproject/ray }]
      `,
      errors: [{ line: 14, message: 'Container "worker" has no seccomp profile' }],
    },
    {
      name: 'no profile anywhere: one finding per container',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          initContainers:
            - name: init
              image: init
          containers:
            - name: app
              image: app
              securityContext: { runAsNonRoot: true }
      `,
      errors: [
        { line: 6, column: 7, message: 'Container "init" has no seccomp profile (pod or container level), so it runs Unconfined' },
        { line: 11, column: 7, message: 'Container "app" has no seccomp profile' },
      ],
    },
    {
      name: 'legacy annotations do not count, and the message says so',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            metadata:
              annotations:
                seccomp.security.alpha.kubernetes.io/pod: runtime/default
            spec:
              containers: [{ name: web, image: nginx }]
      `,
      errors: [{ line: 10, message: /"web" has no seccomp profile.*seccomp\.security\.alpha\.kubernetes\.io\/pod is deprecated since Kubernetes 1\.19 and ignored by current releases/ }],
    },
    {
      name: 'Unconfined and invalid types at container level',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
              securityContext:
                seccompProfile:
                  type: Unconfined
            - name: b
              image: b
              securityContext:
                seccompProfile:
                  localhostProfile: profiles/audit.json
                  type: LocalPort
            - name: c
              image: c
              securityContext:
                seccompProfile:
                  type: Localhost
      `,
      errors: [
        { line: 10, message: 'Container "a" seccompProfile is Unconfined' },
        { line: 16, message: 'Container "b" seccompProfile has type "LocalPort"' },
        { line: 21, message: 'Container "c" seccompProfile is Localhost without a localhostProfile' },
      ],
    },
    {
      name: 'a container-level Unconfined overrides a good pod-level profile',
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
                  securityContext:
                    seccompProfile: { type: RuntimeDefault }
                  containers:
                    - name: job
                      image: job
                      securityContext:
                        seccompProfile: { type: Unconfined }
      `,
      errors: [{ line: 16, message: '"job" seccompProfile is Unconfined' }],
    },
    {
      name: 'pod-level Unconfined is reported once, even when a container overrides it',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext:
            seccompProfile:
              type: Unconfined
          containers:
            - name: a
              image: a
              securityContext: { seccompProfile: { type: RuntimeDefault } }
            - name: b
              image: b
          ephemeralContainers:
            - name: debug
              image: busybox
      `,
      errors: [{ line: 7, column: 7, message: 'The pod-level seccompProfile is Unconfined' }],
    },
    {
      name: 'pod-level profile without a type',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext:
            seccompProfile:
              localhostProfile: x.json
          containers: [{ name: a, image: a }]
      `,
      errors: [{ line: 6, message: 'The pod-level seccompProfile has no type' }],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[\n{"name":"app","image":"app","securityContext":{"seccompProfile":\n{"type":"Unconfined"}}}]}}\n',
      errors: [{ line: 3, message: 'is Unconfined' }],
    },
  ],
});
