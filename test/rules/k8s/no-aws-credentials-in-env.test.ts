import rule from '../../../src/rules/k8s/no-aws-credentials-in-env.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const AWS_KEY_ID = ['AKIA', 'Q3EGRWTZ6N5KPLXM'].join('');
const AWS_TEMP_KEY_ID = ['ASIA', 'Y2UE7M4LQ5RNXC3B'].join('');

ruleTester(rule, {
  valid: [
    {
      name: 'IRSA service account and ordinary AWS settings',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: app
          annotations:
            eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/app
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: app }
        spec:
          template:
            spec:
              serviceAccountName: app
              containers:
                - name: app
                  image: app
                  env:
                    - { name: AWS_REGION, value: eu-west-1 }
                    - { name: AWS_ROLE_ARN, value: "arn:aws:iam::123456789012:role/app" }
                    - { name: AWS_ACCESS_KEY_ID, value: "" }
                    - { name: AWS_SECRET_ACCESS_KEY, value: "{{ .Values.aws.secretKey }}" }
      `,
    },
    {
      name: 'emulators and S3-compatible stores (LocalStack, MinIO, DynamoDB Local through an imported ConfigMap)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: it }
        spec:
          containers:
            - name: tests
              image: tests
              env:
                - { name: AWS_ENDPOINT_URL, value: "http://localstack:4566" }
                - { name: AWS_ACCESS_KEY_ID, value: test }
                - { name: AWS_SECRET_ACCESS_KEY, value: test }
            - name: backup
              image: backup
              env:
                - { name: S3_ENDPOINT, value: "minio.storage.svc:9000" }
                - name: AWS_ACCESS_KEY_ID
                  valueFrom: { secretKeyRef: { name: minio, key: user } }
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: carts }
        data:
          CARTS_DYNAMODB_ENDPOINT: http://carts-dynamodb:8000
          AWS_ACCESS_KEY_ID: key
          AWS_SECRET_ACCESS_KEY: secret
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: carts }
        spec:
          template:
            spec:
              containers:
                - name: carts
                  image: carts
                  envFrom: [{ configMapRef: { name: carts } }]
      `,
    },
    {
      name: 'envFrom a Secret of the scan without AWS keys, and a Secret outside the scan',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: app-env }
        stringData: { DB_PASSWORD: x }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              envFrom:
                - secretRef: { name: app-env }
                - secretRef: { name: not-in-scan }
      `,
    },
  ],
  invalid: [
    {
      name: 'Datree: an access key ID passed as an argument',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: app }
        spec:
          containers:
            - name: app
              image: app
              command: [/app/run]
              args: ['--aws-key=AKIAQYLPMN5HHHFPZAM2', '--region=eu-west-1']
      `,
      errors: [{ line: 9, message: 'Container "app" passes an AWS access key ID in args item 0: static IAM credentials instead of a pod role.' }],
    },
    {
      name: "a Tekton TaskRun's pod template env: keys for every step of the referenced task",
      code: yaml`
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: { name: deploy }
        spec:
          taskRef: { name: deploy }
          podTemplate:
            env:
              - name: AWS_ACCESS_KEY_ID
                value: ${AWS_KEY_ID}
              - name: AWS_SECRET_ACCESS_KEY
                valueFrom:
                  secretKeyRef: { name: aws, key: secret, optional: true }
      `,
      errors: [
        { line: 9, column: 9, message: 'The pod template sets AWS_ACCESS_KEY_ID to a literal AWS access key ID: static IAM credentials instead of a pod role.' },
        { line: 11, message: 'The pod template reads AWS_SECRET_ACCESS_KEY from Secret "aws" (optional: used whenever it exists, ahead of the pod role)' },
      ],
    },
    {
      name: 'literal keys, keys from a Secret, and the IRSA role they shadow',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: app
          annotations:
            eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/app
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: app }
        spec:
          template:
            spec:
              serviceAccountName: app
              containers:
                - name: app
                  image: app
                  env:
                    - name: AWS_ACCESS_KEY_ID
                      value: ${AWS_KEY_ID}
                    - name: AWS_SECRET_ACCESS_KEY
                      valueFrom:
                        secretKeyRef: { name: aws, key: secret }
                    - name: AWS_SESSION_TOKEN
                      valueFrom:
                        configMapKeyRef: { name: aws, key: token }
      `,
      errors: [
        {
          line: 20,
          column: 15,
          message:
            'Container "app" sets AWS_ACCESS_KEY_ID to a literal AWS access key ID: static IAM credentials instead of a pod role. They take precedence over the IRSA role of service account "app".',
        },
        { line: 22, message: 'Container "app" reads AWS_SECRET_ACCESS_KEY from Secret "aws"' },
        { line: 25, message: 'reads AWS_SESSION_TOKEN from ConfigMap "aws"' },
      ],
    },
    {
      name: 'access key id under another name, legacy names, init and ephemeral containers of a CronJob',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: sync }
        spec:
          schedule: "@hourly"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: fetch
                      image: fetch
                      env:
                        - { name: S3_CREDENTIALS, value: "${AWS_TEMP_KEY_ID}:abc" }
                  containers:
                    - name: sync
                      image: sync
                  ephemeralContainers:
                    - name: debug
                      image: aws-cli
                      env:
                        - { name: AWS_SECRET_KEY, value: legacy-secret }
                        - { name: AWS_SECRET_ACCESS_KEY, value: YOUR_AWS_SECRET_ACCESS_KEY_HERE }
      `,
      errors: [
        { line: 14, message: 'Environment variable "S3_CREDENTIALS" of container "fetch" contains an AWS access key ID' },
        { line: 22, message: 'Container "debug" sets AWS_SECRET_KEY to a literal AWS secret access key' },
        { line: 23, message: 'Container "debug" sets AWS_SECRET_ACCESS_KEY to a placeholder for an AWS secret access key (whatever replaces it is a static credential)' },
      ],
    },
    {
      name: 'envFrom a Secret of the scan holding AWS keys, with a prefix',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: aws, namespace: prod }
        type: Opaque
        data:
          ACCESS_KEY_ID: QUtJQQ==
          SECRET_ACCESS_KEY: c2VjcmV0
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: p, namespace: prod }
        spec:
          containers:
            - name: app
              image: app
              envFrom:
                - prefix: AWS_
                  secretRef: { name: aws }
      `,
      errors: [{ line: 17, message: 'imports AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY from Secret "aws" with envFrom' }],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: { containers: [{ name: 'app', image: 'app', env: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'not-templated' }] }] },
        },
        null,
        2,
      ),
      errors: [{ line: 15, message: 'sets AWS_SECRET_ACCESS_KEY to a literal' }],
    },
    {
      name: 'a Deployment written in Terraform passes on the key ID and secret of an aws_iam_access_key, under any name',
      filename: 'main.tf',
      code: `resource "aws_iam_access_key" "uploader" {
  user = "uploader"
}
resource "kubernetes_deployment_v1" "web" {
  metadata {
    name      = "web"
    namespace = "shop"
  }
  spec {
    selector {
      match_labels = { app = "web" }
    }
    template {
      metadata {
        labels = { app = "web" }
      }
      spec {
        container {
          name  = "web"
          image = "web"
          env {
            name  = "AWS_ACCESS_KEY_ID"
            value = aws_iam_access_key.uploader.id
          }
          env {
            name  = "UPLOAD_TOKEN"
            value = "\${aws_iam_access_key.uploader.secret}"
          }
          env {
            name  = "AWS_SECRET_ACCESS_KEY"
            value = var.secret_key
          }
          env {
            name  = "KEY_FINGERPRINT"
            value = sha256(aws_iam_access_key.uploader.secret)
          }
        }
      }
    }
  }
}
`,
      errors: [
        { line: 23, message: 'Container "web" sets AWS_ACCESS_KEY_ID to the key ID of the IAM user access key aws_iam_access_key.uploader: static IAM credentials instead of a pod role.' },
        { line: 27, message: 'Container "web" sets UPLOAD_TOKEN to the secret access key of the IAM user access key aws_iam_access_key.uploader' },
      ],
    },
  ],
});
