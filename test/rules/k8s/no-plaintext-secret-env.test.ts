import { expect, it } from 'vitest';
import rule from '../../../src/rules/k8s/no-plaintext-secret-env.js';
import { runRule, ruleTester, yaml } from '../../helpers/rule-tester.js';

// Credentials are assembled at run time so that the repository itself carries no scannable secret.
const GITHUB_TOKEN = ['ghp_', 'R8vT2kLm9QxZ4wPn7YbC', '3dFh6JsA1eGu5NiK0oMq'].join('');
const PEM_BODY = ['-----BEGIN ', 'EC PRIVATE KEY-----', '\\nMHcCAQEEIBk\\n', '-----END ', 'EC PRIVATE KEY-----'].join('');

ruleTester(rule, {
  valid: [
    {
      name: 'Jasypt ciphertext under a password name is not a literal secret (sonar-iac)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app:1
              env:
                - { name: DB_PASSWORD, value: "ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)" }
      `,
    },
    {
      name: 'secret-named variables from secretKeyRef, other valueFrom sources and envFrom',
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
                  envFrom:
                    - secretRef: { name: web-env }
                  env:
                    - name: DB_PASSWORD
                      valueFrom:
                        secretKeyRef: { name: db, key: password }
                    - name: API_TOKEN
                      valueFrom:
                        configMapKeyRef: { name: cfg, key: token }
                    - name: POD_NAME
                      valueFrom:
                        fieldRef: { fieldPath: metadata.name }
      `,
    },
    {
      name: 'names that mention secrets without holding one',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              env:
                - { name: PASSWORD_FILE, value: /run/secrets/db-password }
                - { name: SECRET_NAME, value: app-credentials }
                - { name: TOKEN_URL, value: "https://auth.example.com/oauth/token" }
                - { name: TOKEN_TTL, value: "3600" }
                - { name: MAX_TOKENS, value: "4096" }
                - { name: AWS_ACCESS_KEY_ID_FILE, value: /secrets/id }
                - { name: USE_PASSWORD_AUTH, value: "true" }
                - { name: API_KEY_HEADER, value: X-Api-Key }
                - { name: GOOGLE_APPLICATION_CREDENTIALS, value: /var/secrets/google/key.json }
                - { name: AWS_WEB_IDENTITY_TOKEN_FILE, value: /var/run/secrets/eks.amazonaws.com/serviceaccount/token }
                - { name: JAVA_OPTS, value: "-Xmx1g -Djavax.net.ssl.trustStorePassword=changeit" }
                - { name: greeting, value: hello }
      `,
    },
    {
      name: 'empty, referenced and external-store values, and templates that name a secret, are not literal secrets',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              env:
                - { name: DB_PASSWORD, value: "" }
                - { name: DB_PASSWORD_SECRET, value: "{{ .Values.auth.existingSecret }}" }
                - { name: API_TOKEN, value: "{{ .Values.tokenSecretName | quote }}" }
                - { name: REDIS_PASSWORD, value: "$(SHARED_PASSWORD)" }
                - { name: SESSION_TOKEN, value: "prefix-{{ .Values.token }}" }
                - { name: DATABASE_URL, value: "postgres://app:$(DB_PASSWORD)@db:5432/app" }
                - { name: STRIPE_KEY, value: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:stripe-AbCdEf" }
                - { name: VAULT_TOKEN, value: "vault:secret/data/app#token" }
      `,
    },
    {
      name: 'allow list by exact name and by /regex/',
      settings: { secretAllowList: ['DEMO_PASSWORD', '/^PUBLIC_.*_TOKEN$/'] },
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              env:
                - { name: DEMO_PASSWORD, value: demo }
                - { name: PUBLIC_MAPBOX_TOKEN, value: pk.eyJ1IjoiZXhhbXBsZSJ9.abc }
      `,
    },
    {
      name: 'objects without pods are ignored',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data: { password: nope-this-is-another-rule }
      `,
    },
    {
      name: 'a Tekton run whose pod template takes the variable from a Secret',
      code: yaml`
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: { name: build }
        spec:
          taskRef: { name: build }
          podTemplate:
            env:
              - name: REGISTRY_PASSWORD
                valueFrom:
                  secretKeyRef: { name: registry, key: password }
              - { name: LOG_LEVEL, value: debug }
      `,
    },
  ],
  invalid: [
    {
      name: 'short password names with a digit (sonar-iac pwd1)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app:1
              env:
                - { name: pwd1, value: a1b2c3d4 }
      `,
      errors: [{ line: 9, message: 'pwd1' }],
    },
    {
      name: 'Terraform kubernetes_deployment: a variable passed into a variable named as the secret (medium)',
      filename: 'main.tf',
      code: [
        'variable "db_password" {}',
        'resource "kubernetes_deployment" "app" {',
        '  metadata { name = "app" }',
        '  spec {',
        '    template {',
        '      metadata { labels = { app = "app" } }',
        '      spec {',
        '        container {',
        '          name  = "app"',
        '          image = "app:1"',
        '          env {',
        '            name  = "DB_PASSWORD"',
        '            value = var.db_password',
        '          }',
        '        }',
        '      }',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 13, severity: 'medium', message: 'Environment variable "DB_PASSWORD" of container "app" takes the templated value ${var.db_password}' }],
    },
    {
      name: 'a template a chart or deploy script fills in, under a name that says it is the secret (medium)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              env:
                - { name: API_TOKEN, value: "{{ .Values.apiToken }}" }
                - { name: CLIENT_SECRET, value: "\${CLIENT_SECRET}" }
                - { name: DB_PASSWORD, value: "{{ .Values.db.password | quote }}" }
      `,
      errors: [
        { line: 9, severity: 'medium', message: 'Environment variable "API_TOKEN" of container "app" takes the templated value {{ .Values.apiToken }}, and its name says it is the secret ("token")' },
        { line: 10, severity: 'medium', message: 'takes the templated value ${CLIENT_SECRET}' },
        { line: 11, severity: 'medium', message: 'takes the templated value {{ .Values.db.password | quote }}' },
      ],
    },
    {
      name: "a Tekton run's pod template env (every step and sidecar gets it), reported once for all task pods",
      code: yaml`
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: { name: release }
        spec:
          pipelineSpec:
            tasks:
              - name: build
                taskSpec:
                  steps: [{ name: build, image: builder }]
              - name: push
                taskSpec:
                  steps: [{ name: push, image: pusher }]
          taskRunTemplate:
            podTemplate:
              env:
                - name: REGISTRY_PASSWORD
                  value: hunter2-but-longer
      `,
      errors: [
        {
          line: 17,
          column: 11,
          message: 'Environment variable "REGISTRY_PASSWORD" of the pod template (every step and sidecar gets it) has a literal value although its name says it is a secret ("password").',
        },
      ],
    },
    {
      name: 'secret-named variables with literal values (Polaris fixture shape)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: test-pod
        spec:
          containers:
          - name: nginx
            env:
            - name: password
              value: abc123
            - name: AWS_SECRET_ACCESS_KEY
              value: xxx
            - name: AZURE_BATCH_KEY
              value: xxx
            - name: OCI_CLI_KEY_CONTENT
              value: xxx
            image: nginx
      `,
      errors: [
        { line: 10, column: 7, message: 'Environment variable "password" of container "nginx" has a literal value although its name says it is a secret ("password").' },
        { line: 12, message: /"AWS_SECRET_ACCESS_KEY".*\("secret access key"\)\. The value looks like a placeholder/ },
        { line: 14, message: '"AZURE_BATCH_KEY"' },
        { line: 16, message: '"OCI_CLI_KEY_CONTENT"' },
      ],
    },
    {
      name: 'value detectors under innocent names: private key, token, URL password, assignment, high entropy',
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
                  env:
                    - name: the_good_stuff
                      value: |
                        ---BEGIN OPENSSH PRIVATE KEY---
                        xxxxx
                        ---END  OPENSSH PRIVATE KEY---
                    - name: GH
                      value: ${GITHUB_TOKEN}
                    - name: DATABASE_URL
                      value: postgres://app:s3cr3t@db:5432/app
                    - name: JAVA_TOOL_OPTIONS
                      value: -Dspring.datasource.password=hunter2
                    - name: SIGNING
                      value: Xk9pL2mN8qR4sT6vW1yZ3bC5dF7gH0jK
      `,
      errors: [
        // The key's BEGIN line inside the block.
        { line: 13, message: 'contains a PEM private key block.' },
        { line: 17, message: 'contains a GitHub token.' },
        { line: 19, message: 'contains a URL with an embedded password.' },
        { line: 21, message: 'contains a literal value assigned to "spring.datasource.password".' },
        { line: 23, message: 'contains a high-entropy token.' },
      ],
    },
    {
      name: 'init and ephemeral containers of a CronJob pod template',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: backup }
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers:
                    - name: init
                      image: init
                      env: [{ name: PGPASSWORD, value: postgres }]
                  containers:
                    - name: backup
                      image: backup
                  ephemeralContainers:
                    - name: debug
                      image: busybox
                      env:
                        - name: SLACK_WEBHOOK_URL
                          value: https://hooks.slack.com/services/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
      `,
      errors: [
        { line: 13, message: '"PGPASSWORD" of container "init"' },
        { line: 22, message: /"SLACK_WEBHOOK_URL" of container "debug" .*Slack incoming webhook URL/ },
      ],
    },
    {
      name: 'custom resource with a pod template, numeric password, placeholder',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: r }
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: app
                  env:
                    - { name: MYSQL_ROOT_PASSWORD, value: "123456" }
                    - { name: ADMIN_TOKEN, value: changeme }
      `,
      errors: [
        { line: 11, message: '"MYSQL_ROOT_PASSWORD"' },
        { line: 12, message: 'looks like a placeholder' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: { containers: [{ name: 'app', image: 'app', env: [{ name: 'NOTE', value: 'ok' }, { name: 'SIGNER', value: PEM_BODY.replace(/\\n/g, '\n') }] }] },
        },
        null,
        2,
      ),
      errors: [{ line: 19, message: 'PEM private key block' }],
    },
  ],
});

it('never puts the value in the message and marks the finding secret', async () => {
  const findings = await runRule(rule, {
    name: 'masking',
    code: yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p }
      spec:
        containers:
          - name: app
            image: app
            env: [{ name: DB_PASSWORD, value: "hunter2-correct-horse" }, { name: GH, value: "${GITHUB_TOKEN}" }]
    `,
  });
  expect(findings).toHaveLength(2);
  for (const finding of findings) {
    expect(finding.message).not.toContain('hunter2');
    expect(finding.message).not.toContain(GITHUB_TOKEN);
  }
});
