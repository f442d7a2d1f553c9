import rule from '../../../src/rules/k8s/liveness-probe.js';
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
      name: 'Polaris success: exec probe; other handlers',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: liveness-exec }
        spec:
          containers:
          - name: liveness
            image: k8s.gcr.io/busybox
            livenessProbe:
              exec: { command: [cat, /tmp/healthy] }
              initialDelaySeconds: 5
          - name: http
            image: http
            livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
          - name: grpc
            image: grpc
            livenessProbe: { grpc: { port: 9090 } }
          - name: tcp
            image: tcp
            livenessProbe: { tcpSocket: { port: 5432 } }
      `,
    },
    {
      name: 'init containers (sidecars too) and ephemeral containers are not checked',
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
                  livenessProbe: { httpGet: { path: /healthz, port: http } }
              ephemeralContainers:
                - { name: debug, image: busybox }
      `,
    },
    {
      name: 'workloads that run to completion: Job, CronJob, Pod owned by a Job, restartPolicy Never/OnFailure',
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: j }
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{ name: j, image: j }]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: c }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{ name: c, image: c }]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: j-abcde
          ownerReferences: [{ apiVersion: batch/v1, kind: Job, name: j, uid: "1" }]
        spec:
          containers: [{ name: j, image: j }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: once }
        spec:
          restartPolicy: OnFailure
          containers: [{ name: once, image: once }]
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflowLike
        metadata: { name: x }
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{ name: x, image: x }]
      `,
    },
    {
      name: 'templated probe is unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              livenessProbe: "{{ toYaml .Values.livenessProbe }}"
      `,
    },
    {
      // data-on-eks: Spark sets the driver's and executors' requests and limits from spark.driver.memory and the like.
      name: 'a Spark pod template (containers without image: a fragment the framework completes)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: driver-template }
        spec:
          nodeSelector: { NodeGroupType: SparkComputeOptimized }
          containers:
            - name: spark-kubernetes-driver
              volumeMounts: [{ name: spark-local-dir-1, mountPath: /data1 }]
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
      errors: [{ line: 8, message: 'Container "worker" has no liveness probe' }],
    },
    {
      name: 'Polaris failure: no probe, reported at the container',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          labels: { test: liveness }
          name: liveness-exec
        spec:
          containers:
          - name: liveness
            image: k8s.gcr.io/busybox
            args: [/bin/sh, -c, "sleep 600"]
      `,
      errors: [{ line: 8, column: 5, message: 'Container "liveness" has no liveness probe' }],
    },
    {
      name: 'a readiness probe is not a liveness probe; a null probe; a probe without a handler',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: db }
        spec:
          template:
            spec:
              containers:
                - name: db
                  image: db
                  readinessProbe: { tcpSocket: { port: 5432 } }
                - name: exporter
                  image: exporter
                  livenessProbe:
                - name: broken
                  image: broken
                  livenessProbe:
                    periodSeconds: 10
      `,
      errors: [
        { line: 8, message: '"db" has no liveness probe' },
        { line: 11, message: '"exporter" has no liveness probe' },
        { line: 16, message: '"broken" has a liveness probe with no handler' },
      ],
    },
    {
      name: 'DaemonSet and a custom resource with restartPolicy Always',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              containers: [{ name: agent, image: agent }]
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: r }
        spec:
          template:
            spec:
              restartPolicy: Always
              containers: [{ name: r, image: r }]
      `,
      errors: [
        { line: 7, message: '"agent"' },
        { line: 16, message: '"r"' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: yaml`
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": { "name": "d" },
          "spec": { "template": { "spec": { "containers": [
            { "name": "d", "image": "d" }
          ] } } }
        }
      `,
      errors: [{ line: 6, message: '"d" has no liveness probe' }],
    },
  ],
});
