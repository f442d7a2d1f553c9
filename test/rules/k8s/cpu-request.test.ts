import rule from '../../../src/rules/k8s/cpu-request.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'requests set on init, sidecar and regular containers',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              initContainers:
                - { name: init, image: init, resources: { requests: { cpu: 50m, memory: 32Mi } } }
                - { name: proxy, image: proxy, restartPolicy: Always, resources: { requests: { cpu: 50m, memory: 32Mi } } }
              containers:
                - name: web
                  image: web
                  resources:
                    requests: { cpu: 250m, memory: 256Mi }
              ephemeralContainers:
                - { name: debug, image: busybox }
      `,
    },
    {
      name: 'Trivy AVD-KSV-0015 good: a CPU request and no memory request (the memory request is another rule)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: hello-cpu-limit }
        spec:
          containers:
            - image: busybox
              name: hello
              resources:
                requests:
                  cpu: 250m
      `,
    },
    {
      name: 'a limit without a request: the API server defaults the request to the limit',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              resources:
                requests: { memory: 128Mi }
                limits: { cpu: 500m }
      `,
    },
    {
      name: 'LimitRange defaultRequest, default or min in the same (unset) namespace; pod-level requests',
      code: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: { name: defaults }
        spec:
          limits:
            - type: Container
              defaultRequest: { cpu: 100m }
              min: { memory: 16Mi }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers: [{ name: app, image: app }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: q, namespace: elsewhere }
        spec:
          resources: { requests: { cpu: 500m }, limits: { memory: 1Gi } }
          containers: [{ name: app, image: app }]
      `,
    },
    {
      name: 'custom resource, JSON input: the CPU request is set',
      filename: 'case.json',
      code: yaml`
        {
          "apiVersion": "argoproj.io/v1alpha1",
          "kind": "Rollout",
          "metadata": { "name": "r" },
          "spec": { "template": { "spec": { "containers": [
            { "name": "r", "image": "r", "resources": { "requests": { "cpu": "1" } } }
          ] } } }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'Trivy: no resources, reported at the container',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: hello }
        spec:
          containers:
            - image: busybox
              name: hello
      `,
      errors: [{ line: 6, column: 7, message: 'Container "hello" has no cpu request' }],
    },
    {
      name: 'Polaris: memory request only, reported at resources.requests; a CPU limit stands for the request',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: nginx }
        spec:
          containers:
          - name: nginx
            image: nginx
            resources:
              requests:
                memory: 128Mi
          - name: other
            image: nginx
            resources:
              limits:
                cpu: 100m
      `,
      errors: [{ line: 9, column: 7, message: 'Container "nginx" has no cpu request' }],
    },
    {
      name: 'a memory limit does not stand for a CPU request',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              resources:
                limits: { memory: 128Mi }
      `,
      errors: [{ line: 8, column: 7, message: 'Container "app" has no cpu request' }],
    },
    {
      name: 'init containers of a CronJob, LimitRange in another namespace',
      code: yaml`
        apiVersion: v1
        kind: LimitRange
        metadata: { name: defaults, namespace: a }
        spec:
          limits: [{ type: Container, defaultRequest: { cpu: 100m, memory: 64Mi } }]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: c, namespace: b }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  initContainers:
                    - name: fetch
                      image: fetch
                  containers:
                    - name: job
                      image: job
                      resources: { requests: { cpu: 100m, memory: 64Mi } }
      `,
      errors: [{ line: 18, message: 'Init container "fetch" has no cpu request' }],
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
            { "name": "r", "image": "r", "resources": { "requests": { "memory": "1Gi" } } }
          ] } } }
        }
      `,
      errors: [{ line: 6, message: 'Container "r" has no cpu request' }],
    },
  ],
});
