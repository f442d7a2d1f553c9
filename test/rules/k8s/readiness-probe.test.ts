import rule from '../../../src/rules/k8s/readiness-probe.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'pause containers (placeholder pods that hold node capacity) are not checked',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: inflate }
        spec:
          template:
            spec:
              containers:
              - name: inflate
                image: public.ecr.aws/eks-distro/kubernetes/pause:3.10
              - name: legacy
                image: k8s.gcr.io/pause-amd64:3.1
              - name: plain
                image: registry.k8s.io/pause
      `,
    },
    {
      name: 'Polaris success: exec probe; httpGet and gRPC probes',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: readiness-exec }
        spec:
          containers:
          - name: readiness
            image: k8s.gcr.io/busybox
            readinessProbe:
              exec: { command: [cat, /tmp/healthy] }
          - name: http
            image: http
            readinessProbe: { httpGet: { path: /ready, port: 8080 } }
          - name: grpc
            image: grpc
            readinessProbe: { grpc: { port: 9090 } }
      `,
    },
    {
      name: 'init, sidecar and ephemeral containers are not checked',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              initContainers:
                - { name: migrate, image: migrate }
                - { name: proxy, image: proxy, restartPolicy: Always }
              containers:
                - name: web
                  image: web
                  readinessProbe: { tcpSocket: { port: 8080 } }
              ephemeralContainers:
                - { name: debug, image: busybox }
      `,
    },
    {
      name: 'Jobs, CronJobs and pods that run to completion',
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: j }
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              containers: [{ name: j, image: j }]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: c }
        spec:
          schedule: "@daily"
          jobTemplate: { spec: { template: { spec: { containers: [{ name: c, image: c }] } } } }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: once }
        spec:
          restartPolicy: Never
          containers: [{ name: once, image: once }]
      `,
    },
  ],
  invalid: [
    {
      name: 'an image merely named like pause is checked',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: worker }
        spec:
          template:
            spec:
              containers:
                - name: worker
                  image: ghcr.io/acme/pause-service:1.4.2
      `,
      errors: [{ line: 8, message: 'Container "worker" has no readiness probe' }],
    },
    {
      name: 'Polaris failure: no probe, reported at the container',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          labels: { test: readiness }
          name: readiness-exec
        spec:
          containers:
          - name: readiness
            image: k8s.gcr.io/busybox
      `,
      errors: [{ line: 8, column: 5, message: 'Container "readiness" has no readiness probe' }],
    },
    {
      name: 'a liveness probe is not a readiness probe; a probe without a handler',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: web
                  livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
                - name: broken
                  image: broken
                  readinessProbe: { initialDelaySeconds: 5 }
      `,
      errors: [
        { line: 8, message: '"web" has no readiness probe' },
        { line: 13, message: '"broken" has a readiness probe with no handler' },
      ],
    },
    {
      name: 'ReplicaSet and a custom resource; Knative Serving probes by default',
      code: yaml`
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: { name: rs }
        spec:
          template:
            spec:
              containers: [{ name: rs, image: rs }]
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: { name: k }
        spec:
          template:
            spec:
              containers: [{ image: k }]
        ---
        apiVersion: example.com/v1
        kind: App
        metadata: { name: a }
        spec:
          template:
            spec:
              containers: [{ image: a }]
      `,
      errors: [
        { line: 7, message: '"rs"' },
        { line: 23, message: 'Container "containers[0]" has no readiness probe' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: yaml`
        {
          "apiVersion": "apps/v1",
          "kind": "StatefulSet",
          "metadata": { "name": "s" },
          "spec": { "template": { "spec": { "containers": [
            { "name": "s", "image": "s", "livenessProbe": { "tcpSocket": { "port": 1 } } }
          ] } } }
        }
      `,
      errors: [{ line: 6, message: '"s" has no readiness probe' }],
    },
  ],
});
