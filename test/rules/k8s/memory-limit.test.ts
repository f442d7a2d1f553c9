import rule from '../../../src/rules/k8s/memory-limit.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'both limits on init, sidecar and regular containers; ephemeral containers cannot set resources',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              initContainers:
                - name: migrate
                  image: migrate
                  resources: { limits: { cpu: 200m, memory: 64Mi } }
                - name: proxy
                  image: proxy
                  restartPolicy: Always
                  resources: { limits: { cpu: 100m, memory: 32Mi } }
              containers:
                - name: web
                  image: web
                  resources:
                    limits: { cpu: "1", memory: 512Mi }
              ephemeralContainers:
                - { name: debug, image: busybox }
      `,
    },
    {
      name: 'Polaris memoryLimitsMissing success: a memory limit and no CPU limit (the CPU limit is another rule)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: nginx }
        spec:
          containers:
          - name: nginx
            image: nginx
            resources:
              limits:
                memory: "512Mi"
      `,
    },
    {
      name: 'templated values count as set',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              resources:
                limits:
                  cpu: "{{ .Values.cpu }}"
                  memory: "{{ .Values.memory }}"
      `,
    },
    {
      name: 'a LimitRange default (or max) in the same namespace fills the gaps',
      code: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: { name: defaults, namespace: team }
        spec:
          limits:
            - type: Container
              default: { memory: 256Mi }
              max: { cpu: "2" }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: team }
        spec:
          template:
            spec:
              containers: [{ name: web, image: web }]
      `,
    },
    {
      name: 'pod-level resources bound every container',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          resources:
            limits: { cpu: "1", memory: 1Gi }
          containers:
            - { name: a, image: a }
            - { name: b, image: b }
      `,
    },
    {
      name: 'a LimitRange of another namespace, or for Pods, does not matter when the container sets its memory limit',
      code: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: { name: defaults, namespace: other }
        spec:
          limits: [{ type: Container, default: { cpu: 500m, memory: 256Mi } }]
        ---
        apiVersion: v1
        kind: LimitRange
        metadata: { name: pods, namespace: team }
        spec:
          limits: [{ type: Pod, max: { cpu: "2", memory: 2Gi } }]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: c, namespace: team }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: job
                      image: job
                      resources: { limits: { memory: 128Mi } }
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
      name: 'memory: written without a value is located at its key (sonar-iac)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: c
              image: c:1
              resources:
                limits:
                  cpu: 500m
                  memory: ~
      `,
      errors: [{ line: 11, message: 'memory' }],
    },
    {
      name: 'Trivy: no resources at all, reported at the container',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: hello-cpu-limit
        spec:
          containers:
            - command: [sh, -c, "echo 'Hello' && sleep 1h"]
              image: busybox
              name: hello
      `,
      errors: [{ line: 7, column: 7, message: 'Container "hello" has no memory limit' }],
    },
    {
      name: 'Polaris: only the memory limit set on one container, a null limits block on the other',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: nginx }
        spec:
          containers:
          - name: nginx
            image: nginx
            resources:
              limits:
                memory: 128Mi
          - name: empty
            image: nginx
            resources:
              limits:
      `,
      errors: [{ line: 14, message: 'Container "empty" has no memory limit' }],
    },
    {
      name: 'Polaris memoryLimitsMissing failure.cpu: only a CPU limit, reported at resources.limits',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: nginx }
        spec:
          containers:
          - name: nginx
            image: nginx
            resources:
              limits:
                cpu: 100m
      `,
      errors: [{ line: 9, column: 7, message: 'Container "nginx" has no memory limit' }],
    },
    {
      name: 'zero means unlimited; requests only; init and sidecar containers are named as such',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: s }
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: init
                  resources:
                    requests: { cpu: 100m, memory: 64Mi }
                - name: proxy
                  image: proxy
                  restartPolicy: Always
                  resources: { limits: { cpu: 100m, memory: "0" } }
              containers:
                - name: db
                  image: db
                  resources:
                    limits:
                      cpu: 0
                      memory: 1Gi
      `,
      errors: [
        { line: 10, message: 'Init container "init" has no memory limit' },
        { line: 15, message: 'Sidecar container "proxy" sets a memory limit of 0, which means no limit' },
      ],
    },
    {
      name: 'a LimitRange of another namespace, or for Pods, does not apply',
      code: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: { name: defaults, namespace: other }
        spec:
          limits: [{ type: Container, default: { cpu: 500m, memory: 256Mi } }]
        ---
        apiVersion: v1
        kind: LimitRange
        metadata: { name: pods, namespace: team }
        spec:
          limits: [{ type: Pod, max: { cpu: "2", memory: 2Gi } }]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: c, namespace: team }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: job
                      image: job
                      resources: { limits: { cpu: 500m } }
      `,
      errors: [{ line: 26, message: 'Container "job" has no memory limit' }],
    },
    {
      name: 'custom resource, JSON input',
      filename: 'case.json',
      code: yaml`
        {
          "apiVersion": "argoproj.io/v1alpha1",
          "kind": "Rollout",
          "metadata": { "name": "r" },
          "spec": { "template": { "spec": { "containers": [
            { "name": "r", "image": "r", "resources": { "requests": { "cpu": "1" }, "limits": { "cpu": "1" } } }
          ] } } }
        }
      `,
      errors: [{ line: 6, message: 'Container "r" has no memory limit' }],
    },
  ],
});
