import rule from '../../../src/rules/k8s/trusted-registry.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'private ECR (commercial, China, FIPS) and ECR Public by default',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              initContainers:
                - name: migrate
                  image: 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/migrate:1.0
              containers:
                - name: web
                  image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2@sha256:${'a'.repeat(64)}
                - name: fips
                  image: 123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app:2
                - name: lbc
                  image: public.ecr.aws/eks/aws-load-balancer-controller:v2.7.0
      `,
    },
    {
      name: 'registry decided by a template is unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: "{{ .Values.image.registry }}/app:1.0"
            - name: b
              image: "{{ .Values.image }}"
            - name: c
              image: \${AWS_ACCOUNT_ID}.dkr.ecr.\${AWS_REGION}.amazonaws.com/app:1.0
      `,
    },
    {
      name: 'configured registry host and path prefix',
      settings: { allowedRegistries: ['ghcr.io/my-org/', 'registry.internal:5000', '*.azurecr.io'] },
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - { name: a, image: ghcr.io/my-org/app:1.0 }
            - { name: b, image: registry.internal:5000/team/app:1.0 }
            - { name: c, image: myregistry.azurecr.io/app:1.0 }
            - { name: d, image: "ghcr.io/my-org/{{ .Values.name }}:1.0" }
      `,
    },
    {
      name: 'invalid references and missing images are left to other checks',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - { name: a, image: "<YOUR-IMAGE>" }
            - { name: b }
      `,
    },
  ],
  invalid: [
    {
      name: 'Docker Hub image without a registry, at the image field',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: nginx
              image: nginx:1.27
      `,
      errors: [
        {
          line: 7,
          column: 7,
          message:
            'Container "nginx" runs image "nginx:1.27" from Docker Hub (docker.io, implied: the reference names no registry), which is not a trusted registry (allowed: *.dkr.ecr.*.amazonaws.com, *.dkr.ecr.*.amazonaws.com.cn, *.dkr.ecr-fips.*.amazonaws.com, public.ecr.aws).',
        },
      ],
    },
    {
      name: 'look-alike hosts, other registries, a port that is not allowed; init and ephemeral containers',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          initContainers:
            - { name: init, image: "123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.io/app:1" }
          containers:
            - { name: quay, image: "quay.io/argoproj/argocd:v2.10.0" }
            - { name: hub, image: "docker.io/bitnami/redis:7.2" }
            - { name: ecrpublic, image: "public.ecr.aws.attacker.net/app:1" }
            - { name: ok, image: "public.ecr.aws/docker/library/nginx:1.27" }
          ephemeralContainers:
            - { name: debug, image: "busybox:1.36" }
      `,
      errors: [
        { line: 6, message: 'from 123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.io,' },
        { line: 8, message: 'from quay.io,' },
        { line: 9, message: 'from Docker Hub (docker.io),' },
        { line: 10, message: 'from public.ecr.aws.attacker.net,' },
        { line: 13, message: '"debug" runs image "busybox:1.36" from Docker Hub (docker.io, implied' },
      ],
    },
    {
      name: 'configured allow-list: path prefixes match whole segments, ports must match',
      settings: { allowedRegistries: ['ghcr.io/my-org', 'registry.internal'] },
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: s }
        spec:
          template:
            spec:
              containers:
                - { name: ok, image: ghcr.io/my-org/app:1 }
                - { name: fork, image: ghcr.io/my-org-fork/app:1 }
                - { name: port, image: registry.internal:5000/app:1 }
                - { name: ecr, image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1 }
      `,
      errors: [
        { line: 9, message: 'from ghcr.io, which is not a trusted registry (allowed: ghcr.io/my-org, registry.internal)' },
        { line: 10, message: 'from registry.internal:5000,' },
        { line: 11, message: 'from 123456789012.dkr.ecr.eu-west-1.amazonaws.com,' },
      ],
    },
    {
      name: 'an empty allow-list trusts nothing',
      settings: { allowedRegistries: [] },
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers: [{ name: a, image: public.ecr.aws/a/b:1 }]
      `,
      errors: [{ line: 5, message: '(the allow-list is empty)' }],
    },
    {
      name: 'CronJob and a templated tag do not hide the registry',
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
                  containers:
                    - name: c
                      image: "ghcr.io/org/job:{{ .Values.tag }}"
      `,
      errors: [{ line: 13, message: 'from ghcr.io,' }],
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
            { "name": "r", "image": "gcr.io/project/app:1.0" }
          ] } } }
        }
      `,
      errors: [{ line: 6, message: 'from gcr.io,' }],
    },
  ],
});
