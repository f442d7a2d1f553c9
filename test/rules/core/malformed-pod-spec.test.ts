import rule from '../../../src/rules/core/malformed-pod-spec.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'every securityContext field of Kubernetes 1.35 at its level; an unknown key that resembles no field is left alone',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext:
            appArmorProfile: { type: RuntimeDefault }
            fsGroup: 1000
            fsGroupChangePolicy: OnRootMismatch
            runAsGroup: 1000
            runAsNonRoot: true
            runAsUser: 1000
            seLinuxChangePolicy: MountOption
            seLinuxOptions: { level: "s0:c1" }
            seccompProfile: { type: RuntimeDefault }
            supplementalGroups: [1000]
            supplementalGroupsPolicy: Strict
            sysctls: []
            windowsOptions: {}
            vendorExtension: on
          containers:
            - name: c
              image: c:1
              securityContext:
                allowPrivilegeEscalation: false
                appArmorProfile: { type: RuntimeDefault }
                capabilities: { drop: [ALL] }
                privileged: false
                procMount: Default
                readOnlyRootFilesystem: true
                runAsGroup: 1000
                runAsNonRoot: true
                runAsUser: 1000
                seLinuxOptions: { level: "s0:c1" }
                seccompProfile: { type: RuntimeDefault }
                windowsOptions: {}
      `,
    },
    {
      name: 'well-formed workloads, a patch fragment without a pod spec, templated lists, a custom resource',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext: { runAsNonRoot: true }
              containers: [{ name: web, image: web, securityContext: { readOnlyRootFilesystem: true } }]
              volumes: [{ name: tmp, emptyDir: {} }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: patch }
        spec:
          replicas: 3
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: job }
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: "{{ .Values.containers }}"
        ---
        apiVersion: example.com/v1
        kind: Deployment
        metadata: { name: custom }
        spec: [not, a, pod]
      `,
    },
  ],
  invalid: [
    {
      name: 'booleans written as strings or numbers (Mondoo / Popeye review): the API server refuses them; templates and YAML 1.1 booleans are fine',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: quoted }
        spec:
          hostPID: "true"
          hostNetwork: yes
          automountServiceAccountToken: "{{ .Values.automount }}"
          securityContext: { runAsNonRoot: "true" }
          containers:
            - name: app
              image: app:1
              securityContext:
                privileged: "false"
                allowPrivilegeEscalation: 0
                readOnlyRootFilesystem: true
      `,
      errors: [
        { line: 5, message: 'Pod "quoted": spec.hostPID is a string ("true"), not a boolean. The API server rejects this manifest; write true or false, without quotes.' },
        { line: 8, message: 'spec.securityContext.runAsNonRoot is a string ("true"), not a boolean' },
        { line: 13, message: 'spec.containers[0].securityContext.privileged is a string ("false"), not a boolean' },
        { line: 14, message: 'spec.containers[0].securityContext.allowPrivilegeEscalation is a number (0), not a boolean' },
      ],
    },
    {
      name: 'misspelt and misplaced securityContext fields set nothing',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext:
                runAsNonroot: true
                privileged: false
              initContainers:
                - name: init
                  image: i:1
                  securityContext: { fsGroup: 1000 }
              containers:
                - name: c
                  image: c:1
                  securityContext:
                    readOnlyRootFileSystem: true
                    allowPrivilegedEscalation: false
      `,
      errors: [
        { line: 8, message: 'Deployment "web": runAsNonroot in spec.template.spec.securityContext is no securityContext field (runAsNonRoot, misspelt?): kubectl refuses the manifest (strict field validation) and tools that apply without it drop the key, so runAsNonRoot is not set.' },
        { line: 9, message: 'privileged in spec.template.spec.securityContext is a field of each container\'s securityContext, not of the pod\'s' },
        { line: 13, message: 'fsGroup in spec.template.spec.initContainers[0].securityContext is a field of the pod\'s securityContext, not of the container\'s' },
        { line: 18, message: 'readOnlyRootFileSystem in spec.template.spec.containers[0].securityContext is no securityContext field (readOnlyRootFilesystem, misspelt?)' },
        { line: 19, message: '(allowPrivilegeEscalation, misspelt?)' },
      ],
    },
    {
      name: 'Kyverno note: a container name used twice, across init and regular containers too',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: twins }
        spec:
          initContainers:
            - { name: app, image: setup }
          containers:
            - { name: app, image: app }
            - { name: sidecar, image: proxy }
            - { name: sidecar, image: proxy }
      `,
      errors: [
        { line: 8, message: 'Pod "twins": container name "app" is used twice (spec.initContainers[0] and spec.containers[0]). The API server rejects this manifest.' },
        { line: 10, message: 'container name "sidecar" is used twice (spec.containers[1] and spec.containers[2])' },
      ],
    },
    {
      name: 'containers as a map, spec as a list (Checkov malformed fixtures), a container and a securityContext that are not maps',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: map-containers }
        spec:
          containers:
            name: app
            image: app
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: list-spec }
        spec:
          - containers: [{ name: app, image: app }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: odd }
        spec:
          template:
            spec:
              securityContext: [runAsNonRoot]
              initContainers: ["setup"]
              containers:
                - name: app
                  image: app
                  securityContext: true
      `,
      errors: [
        { line: 5, message: 'Pod "map-containers": spec.containers is a map, not a list. The API server rejects this manifest, and the pod settings it holds were not checked.' },
        { line: 12, message: 'Pod "list-spec": spec is a list, not a map.' },
        { line: 21, message: 'spec.template.spec.securityContext is a list, not a map.' },
        { line: 22, message: 'spec.template.spec.initContainers[0] is a string, not a map.' },
        { line: 26, message: 'spec.template.spec.containers[0].securityContext is a boolean, not a map.' },
      ],
    },
  ],
});
