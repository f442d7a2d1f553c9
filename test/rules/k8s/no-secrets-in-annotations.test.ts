import rule from '../../../src/rules/k8s/no-secrets-in-annotations.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const SLACK_TOKEN = ['xoxb-', '263594206564-', '2343282740866-', 'Xq7LmP2rT9vW4yZ1bC5dF8gH'].join('');
const AWS_KEY_ID = ['AKIA', 'Q3EGRWTZ6N5KPLXM'].join('');
const lastApplied = (object: unknown): string => JSON.stringify(JSON.stringify(object));

ruleTester(rule, {
  valid: [
    {
      name: 'tool annotations that name secrets without holding them',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            secret.reloader.stakater.com/reload: "db-credentials"
            checksum/config: 0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
        spec:
          template:
            metadata:
              annotations:
                vault.hashicorp.com/agent-inject: "true"
                vault.hashicorp.com/agent-inject-secret-db-creds: database/creds/db-app
                vault.hashicorp.com/agent-inject-template-db-creds: |
                  {{- with secret "database/creds/db-app" -}}
                  postgres://{{ .Data.username }}:{{ .Data.password }}@db:5432/app
                  {{- end }}
            spec:
              containers: [{ name: web, image: web }]
      `,
    },
    {
      name: 'last-applied-configuration without secrets, and of a Secret without data',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: ${lastApplied({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } })}
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: shell
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: ${lastApplied({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shell' }, type: 'Opaque' })}
      `,
    },
    {
      name: 'allow-listed annotation',
      settings: { secretAllowList: ['example.com/demo-url'] },
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: c
          annotations:
            example.com/demo-url: https://demo:demo@demo.example.com
      `,
    },
  ],
  invalid: [
    {
      name: 'tokens and credentials in object and pod template annotations',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            notify.example.com/slack: ${SLACK_TOKEN}
        spec:
          template:
            metadata:
              annotations:
                nginx.ingress.kubernetes.io/auth-url: https://admin:s3cr3t@auth.internal/check
            spec:
              containers: [{ name: web, image: web }]
      `,
      errors: [
        { line: 6, column: 5, message: 'Annotation "notify.example.com/slack" contains a Slack token.' },
        { line: 11, message: 'Annotation "nginx.ingress.kubernetes.io/auth-url" of the pod template contains a URL with an embedded password.' },
      ],
    },
    {
      name: 'last-applied-configuration copying ConfigMap literals, and Secret data',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: ${lastApplied({
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'p' },
              data: { AWS_ACCESS_KEY_ID: AWS_KEY_ID, password: 'hunter2' },
            })}
        spec:
          containers: [{ name: app, image: app }]
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: ${lastApplied({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { password: 'aHVudGVyMg==' } })}
        data:
          password: aHVudGVyMg==
      `,
      errors: [
        { line: 6, message: /contains an AWS access key ID, a literal value assigned to "password"\.$/ },
        { line: 15, message: "copies the Secret's `data`" },
      ],
    },
    {
      name: 'last-applied-configuration copying a secret-named env literal',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: ${lastApplied({
              kind: 'Deployment',
              spec: { template: { spec: { containers: [{ name: 'web', env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'DB_PASSWORD', value: 'hunter2' }] }] } } },
            })}
        spec:
          template:
            spec:
              containers: [{ name: web, image: web }]
      `,
      errors: [{ line: 6, message: 'copies the literal value of environment variable "DB_PASSWORD", whose name says it is a secret.' }],
    },
    {
      name: 'private key in an annotation of a custom resource, JSON input',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'w', annotations: { 'example.com/key': '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\n-----END PRIVATE KEY-----\n' } },
        },
        null,
        2,
      ),
      errors: [{ line: 7, message: 'contains a PEM private key block' }],
    },
  ],
});
