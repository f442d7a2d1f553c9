import rule from '../../../src/rules/k8s/image-digest-pinned.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

ruleTester(rule, {
  valid: [
    {
      name: 'digest-pinned images, with or without a tag',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - { name: a, image: "nginx:1.27@${DIGEST}" }
                - { name: b, image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@${DIGEST}" }
      `,
    },
    {
      name: 'no tag or a floating tag is left to k8s/image-tag-pinned',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - { name: a, image: nginx }
            - { name: b, image: "nginx:latest" }
            - { name: c, image: "registry.local:5000/app" }
      `,
    },
    {
      name: 'templated tags and digests are unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - { name: a, image: "ghcr.io/org/app:{{ .Values.tag }}" }
            - { name: b, image: "ghcr.io/org/app:1.0@{{ .Values.digest }}" }
            - { name: c, image: "{{ .Values.image }}" }
      `,
    },
  ],
  invalid: [
    {
      name: 'tag only, at the image field',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2
      `,
      errors: [
        {
          line: 7,
          column: 7,
          message: 'Container "app" runs image "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.4.2" by tag only: the tag can be moved to other content.',
        },
      ],
    },
    {
      name: 'init, regular and ephemeral containers; a registry port plus a tag',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: d }
        spec:
          template:
            spec:
              initContainers: [{ name: init, image: "busybox:1.36" }]
              containers:
                - { name: app, image: "registry.local:5000/app:2.0" }
                - { name: pinned, image: "app:1@${DIGEST}" }
              ephemeralContainers: [{ name: debug, image: "busybox:1.36" }]
      `,
      errors: [
        { line: 7, message: '"init" runs image "busybox:1.36" by tag only' },
        { line: 9, message: '"registry.local:5000/app:2.0"' },
        { line: 11, message: '"debug"' },
      ],
    },
    {
      name: 'CronJob, and a templated registry does not hide a literal tag',
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
                  containers: [{ name: job, image: "{{ .Values.registry }}/job:3.1" }]
      `,
      errors: [{ line: 11, message: 'by tag only' }],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: yaml`
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": { "name": "p" },
          "spec": { "containers": [{ "name": "a", "image": "redis:7.2" }] }
        }
      `,
      errors: [{ line: 5, message: '"redis:7.2" by tag only' }],
    },
  ],
});
