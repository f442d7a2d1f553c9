import rule from '../../../src/rules/core/malformed-pod-spec.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
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
