import rule from '../../../src/rules/k8s/image-tag-pinned.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

ruleTester(rule, {
  valid: [
    {
      name: 'version tags, digests (even with latest), registry ports',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              initContainers:
                - { name: init, image: "busybox:1.36.1" }
              containers:
                - { name: a, image: "nginx:v1.2.3" }
                - { name: b, image: "nginx@${DIGEST}" }
                - { name: c, image: "nginx:latest@${DIGEST}" }
                - { name: d, image: "registry.local:5000/app:2.0" }
                - { name: e, image: "stable-20240101.example.com/app:1" }
                - { name: f, image: "app:latest-1.2" }
      `,
    },
    {
      name: 'templated tags and images are unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - { name: a, image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}" }
            - { name: b, image: "{{ .Values.image }}" }
            - { name: c, image: "ghcr.io/org/{{ .Values.name }}" }
            - { name: d, image: "\${IMAGE}" }
      `,
    },
  ],
  invalid: [
    {
      name: 'a literal latest tag after an envsubst repository variable (KICS invalid_image probe)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: c
              image: "$REPO:latest"
            - name: whole
              image: $PRIVATE_IMAGE_NAME
      `,
      errors: [{ line: 7, message: 'runs image "$REPO:latest" with the floating tag "latest"' }],
    },
    {
      name: 'Polaris: no tag',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: nginx }
        spec:
          containers:
          - image: nginx
      `,
      errors: [{ line: 6, column: 5, message: 'Container "containers[0]" runs image "nginx" without a tag or digest, which means "latest".' }],
    },
    {
      name: 'latest and other floating tags; a registry port is not a tag',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: busybox:latest
            - name: b
              image: registry.local:5000/team/app
            - name: c
              image: public.ecr.aws/aws-observability/aws-for-fluent-bit:stable
            - name: d
              image: ghcr.io/org/app:Latest
      `,
      errors: [
        { line: 7, message: 'runs image "busybox:latest" with the floating tag "latest"' },
        { line: 9, message: '"registry.local:5000/team/app" without a tag or digest' },
        { line: 11, message: 'floating tag "stable"' },
        { line: 13, message: 'floating tag "Latest"' },
      ],
    },
    {
      name: 'init and ephemeral containers, CronJob',
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
                  restartPolicy: Never
                  initContainers: [{ name: init, image: "alpine" }]
                  containers: [{ name: job, image: "job:1.0" }]
                  ephemeralContainers: [{ name: debug, image: "busybox:latest" }]
      `,
      errors: [
        { line: 11, message: '"init" runs image "alpine" without a tag' },
        { line: 13, message: '"debug" runs image "busybox:latest"' },
      ],
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
            { "name": "r", "image": "quay.io/org/app:nightly" }
          ] } } }
        }
      `,
      errors: [{ line: 6, message: 'floating tag "nightly"' }],
    },
    {
      name: 'a placeholder registry host (ACCOUNT_ID, <account>) leaves the registry unknown, not the tag',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: AWS_ACCOUNT_ID.dkr.ecr.us-west-2.amazonaws.com/todo-app:latest
            - name: b
              image: <account>.dkr.ecr.us-east-1.amazonaws.com/auth-service
      `,
      errors: [
        { line: 7, message: '"a" runs image "AWS_ACCOUNT_ID.dkr.ecr.us-west-2.amazonaws.com/todo-app:latest"' },
        { line: 9, message: '"b" runs image "<account>.dkr.ecr.us-east-1.amazonaws.com/auth-service" without a tag' },
      ],
    },
  ],
});
