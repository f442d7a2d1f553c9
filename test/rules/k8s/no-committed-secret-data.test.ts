import { expect, it } from 'vitest';
import rule from '../../../src/rules/k8s/no-committed-secret-data.js';
import { runRule, ruleTester, yaml } from '../../helpers/rule-tester.js';

// Values are assembled at run time so that the repository itself carries no scannable secret.
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const PASSWORD = ['S3cr3t', '-Pa55w0rd', '!xyz'].join('');
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ3Rr\n-----END CERTIFICATE-----\n';
const PEM_KEY = ['-----BEGIN ', 'RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1x9Kq2LmN7pR4sT1vW8yZ\n-----END ', 'RSA PRIVATE KEY-----\n'].join('');

ruleTester(rule, {
  valid: [
    {
      name: 'empty shells, templated values, CA certificates, and a private key (another rule reports it)',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: filled-by-cert-manager }
        type: kubernetes.io/tls
        data:
          tls.crt: ""
          tls.key: ${b64(PEM_KEY)}
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: templated }
        stringData:
          password: "{{ .Values.db.password }}"
          token: \${API_TOKEN}
          empty: ""
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: ca-bundle }
        data:
          ca.crt: ${b64(CERT)}
        stringData:
          extra.crt: ${JSON.stringify(CERT)}
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: token-shell, annotations: { kubernetes.io/service-account.name: app } }
        type: kubernetes.io/service-account-token
      `,
    },
    {
      // Popeye's core/secret fixtures: what the token controller adds beside the token is no credential.
      name: 'a service-account-token Secret with its CA certificate and namespace, without the token',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: token-ca, annotations: { kubernetes.io/service-account.name: app } }
        type: kubernetes.io/service-account-token
        data:
          ca.crt: ${b64(CERT)}
          namespace: ${b64('app')}
      `,
    },
    {
      // Argo CD's declarative setup (argocd-repositories.yaml) and the EKS Blueprints' repository Secret, its key from Secrets Manager.
      name: 'Argo CD repository and cluster Secrets with only their settings: the URL, type, name and project are read from the Secret',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: istio-helm-repo
          namespace: argocd
          labels: { argocd.argoproj.io/secret-type: repository }
        stringData:
          name: istio.io
          url: https://storage.googleapis.com/istio-prerelease/daily-build/master-latest-daily/charts
          type: helm
          project: default
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: staging
          namespace: argocd
          labels: { argocd.argoproj.io/secret-type: cluster }
        stringData:
          name: staging
          server: https://ABCDEF.gr7.eu-west-1.eks.amazonaws.com
      `,
    },
    {
      name: 'SOPS-encrypted manifest and values; a SealedSecret holds ciphertext only',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: sops }
        stringData:
          password: ENC[AES256_GCM,data:Tm90UmVhbA==,iv:aXY=,tag:dGFn,type:str]
        sops:
          kms: [{ arn: arn:aws:kms:eu-west-1:123456789012:key/abc }]
          mac: ENC[AES256_GCM,data:bWFj,iv:aXY=,tag:dGFn,type:str]
        ---
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata: { name: sealed }
        spec:
          encryptedData:
            password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq
      `,
    },
  ],
  invalid: [
    {
      name: 'Argo CD Secrets: a literal credential, a credential in the URL, and the settings of a Secret without the Argo CD label',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata:
          name: private-repo
          labels: { argocd.argoproj.io/secret-type: repository }
        stringData:
          type: git
          url: https://github.com/acme/deploy
          password: Zq81kLm0Pw7x4Rt2Ab
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: url-token
          labels: { argocd.argoproj.io/secret-type: repo-creds }
        stringData:
          url: https://deploy:Zq81kLm0Pw7x4Rt2Ab@git.example.com/acme
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: not-argo }
        stringData:
          url: https://github.com/acme/deploy
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: label-off
          labels: { argocd.argoproj.io/secret-type: "false" }
        stringData:
          name: hunter2
      `,
      errors: [
        { line: 9, severity: 'high', message: 'Secret "private-repo" carries a literal value for "password"' },
        { line: 17, severity: 'high', message: 'Secret "url-token" carries a literal value for "url"' },
        { line: 23, severity: 'medium', message: 'Secret "not-argo" carries a literal value for "url"' },
        { line: 31, message: 'Secret "label-off" carries a literal value for "name"' },
      ],
    },
    {
      name: 'a service-account-token Secret with its token committed: high, naming the token only',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: token-committed }
        type: kubernetes.io/service-account-token
        data:
          namespace: ${b64('app')}
          token: ${b64('eyJhbGciOiJSUzI1NiJ9.e30.c2ln')}
      `,
      errors: [{ line: 7, severity: 'high', message: 'Secret "token-committed" carries a literal value for "token" in the manifest' }],
    },
    {
      name: 'configuration files in which no credential is found: low; one with a password in it: high',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: grafana-config, namespace: monitoring }
        stringData:
          grafana.ini: |
            [date_formats]
            default_timezone = UTC
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: grafana-admin, namespace: monitoring }
        stringData:
          grafana.ini: |
            [security]
            admin_password = s3cr3t-Grafana-pw
      `,
      errors: [
        { line: 5, severity: 'low', message: 'Secret "grafana-config" carries a literal value for "grafana.ini" in the manifest: configuration files in which no credential was found' },
        { line: 13, severity: 'high' },
      ],
    },
    {
      name: 'Secret types that hold credentials (Ceph RBD, GlusterFS): high whatever the key is called; a run-together account key name',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: ceph-secret }
        type: kubernetes.io/rbd
        data:
          key: ${b64('AQB16V1VoF5mExAA5kCQs7bBj8VULRw26C84HA==')}
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: heketi-secret }
        type: kubernetes.io/glusterfs
        data:
          key: ${b64('mypassword')}
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: azure-secret }
        type: Opaque
        data:
          azurestorageaccountname: ${b64('k8stest')}
          azurestorageaccountkey: ${b64('xIF1zJbnnojFLMSkBp50mx02rHsMK2sjU7mFt4L13hoB7drAaJ8jD6+A443jJogV7y2FUOhQCWPmM6YaNHy7qg==')}
      `,
      errors: [
        { line: 6, severity: 'high' },
        { line: 13, severity: 'high' },
        { line: 20, severity: 'high', message: '"azurestorageaccountname", "azurestorageaccountkey"' },
      ],
    },
    {
      name: 'a password in stringData and a base64 user name: high, once per Secret, at the first value',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: catalog-db, namespace: catalog }
        data:
          DB_USER: ${b64('catalog')}
        stringData:
          DB_PASSWORD: ${JSON.stringify(PASSWORD)}
      `,
      errors: [
        {
          line: 5,
          column: 3,
          severity: 'high',
          message: 'Secret "catalog-db" carries literal values for "DB_USER", "DB_PASSWORD" in the manifest: the values are in the repository (base64 in data is an encoding, not encryption).',
        },
      ],
    },
    {
      name: 'only connection details committed (the password templated): low; a user name next to an opaque key stays medium',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: catalog-db }
        data:
          RETAIL_CATALOG_PERSISTENCE_USER: ${b64('catalog_user')}
          RETAIL_CATALOG_PERSISTENCE_PASSWORD: \${CATALOG_RDS_PASSWORD}
        stringData:
          dbHost: catalog.cluster-x.us-east-1.rds.amazonaws.com
          db-port: "5432"
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: mixed }
        stringData:
          username: app
          blob: opaque-value
      `,
      errors: [
        {
          line: 5,
          column: 3,
          severity: 'low',
          message: 'Secret "catalog-db" carries literal values for "RETAIL_CATALOG_PERSISTENCE_USER", "dbHost", "db-port" in the manifest: connection details (a user name, host or port), no credential, but in the repository all the same.',
        },
        { line: 15, column: 3, severity: 'medium', message: 'literal values for "username", "blob"' },
      ],
    },
    {
      name: 'configuration and opaque keys: medium; more than five keys are counted, not named',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: ceph }
        data:
          key: ${b64('AQB16V1VoF5mExAA5kCQs7bBj8VULRw26C84HA==')}
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: many }
        stringData: { a: "1", b: "2", c: "3", d: "4", e: "5", f: "6", g: "7" }
      `,
      errors: [
        { line: 5, severity: 'medium', message: 'Secret "ceph" carries a literal value for "key" in the manifest' },
        { line: 10, severity: 'medium', message: 'for "a", "b", "c", "d", "e" and 2 more in the manifest' },
      ],
    },
    {
      name: 'a Secret written in Terraform (kubernetes_secret): a literal password; a variable is unknown',
      filename: 'main.tf',
      code: [
        'variable "user" {}',
        'resource "kubernetes_secret" "db" {',
        '  metadata {',
        '    name      = "db"',
        '    namespace = "app"',
        '  }',
        '  data = {',
        `    password = ${JSON.stringify(PASSWORD)}`,
        '    username = var.user',
        '  }',
        '}',
        '',
      ].join('\n'),
      errors: [{ line: 8, severity: 'high', message: 'Secret "db" carries a literal value for "password" in the manifest' }],
    },
    {
      name: 'registry credentials (.dockerconfigjson): high',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: registry }
        type: kubernetes.io/dockerconfigjson
        data:
          .dockerconfigjson: ${b64(JSON.stringify({ auths: { 'registry.example.com': { username: 'ci', password: PASSWORD } } }))}
      `,
      errors: [{ line: 6, severity: 'high', message: 'Secret "registry" carries a literal value for ".dockerconfigjson"' }],
    },
    {
      name: 'placeholders only are low; next to a real value they are not named',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: example }
        stringData:
          api-key: YOUR_AKEYLESS_API_KEY_HERE
          secret-access-key: <your-secret-access-key>
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: mixed }
        stringData:
          api-key: YOUR_API_KEY_HERE
          db-password: ${JSON.stringify(PASSWORD)}
      `,
      errors: [
        { line: 5, severity: 'low', message: 'Secret "example" holds placeholder values for "api-key", "secret-access-key": filled in, the values would sit in the manifest' },
        { line: 13, severity: 'high', message: 'Secret "mixed" carries a literal value for "db-password" in the manifest' },
      ],
    },
  ],
});

it('never puts a value in the message', async () => {
  const findings = await runRule(rule, {
    name: 'masking',
    code: yaml`
      apiVersion: v1
      kind: Secret
      metadata: { name: s }
      stringData: { DB_PASSWORD: ${JSON.stringify(PASSWORD)} }
    `,
  });
  expect(findings).toHaveLength(1);
  expect(findings[0]?.message).not.toContain(PASSWORD);
});
