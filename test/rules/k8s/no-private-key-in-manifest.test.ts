import rule from '../../../src/rules/k8s/no-private-key-in-manifest.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

// Key material is assembled at run time so that the repository itself carries no scannable private key.
const pem = (kind: string): string => ['-----BEGIN ', kind, '-----\nMIIEowIBAAKCAQEA1x9Kq2LmN7pR4sT1vW8yZ\n-----END ', kind, '-----\n'].join('');
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ3Rr\n-----END CERTIFICATE-----\n';

ruleTester(rule, {
  valid: [
    {
      name: 'empty TLS Secret shell (filled by cert-manager) and certificates only',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: web-tls }
        type: kubernetes.io/tls
        data:
          tls.crt: ""
          tls.key: ""
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: ca }
        data:
          ca.crt: ${JSON.stringify(CERT)}
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: ca-bundle }
        data:
          ca.crt: ${b64(CERT)}
      `,
    },
    {
      name: 'SOPS-encrypted Secret, templated key, SealedSecret',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: web-tls }
        type: kubernetes.io/tls
        data:
          tls.crt: ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]
          tls.key: ENC[AES256_GCM,data:def=,iv:x,tag:y,type:str]
        sops:
          lastmodified: "2024-01-01T00:00:00Z"
          mac: ENC[AES256_GCM,data:xyz]
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: chart-tls }
        type: kubernetes.io/tls
        data:
          tls.key: "{{ .Values.tls.key | b64enc }}"
        ---
        apiVersion: bitnami.com/v1alpha1
        kind: SealedSecret
        metadata: { name: web-tls }
        spec:
          encryptedData:
            tls.key: AgBy3i4OJSWK+PiTySYZZA==
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: gw }
        spec:
          gatewayClassName: ${JSON.stringify(pem('PRIVATE KEY'))}
      `,
    },
  ],
  invalid: [
    {
      name: 'review: a script writing the key through a <<__EOF__ heredoc (an __UPPER__ word is no template)',
      code: [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: { name: setup }',
        'data:',
        '  install.sh: |',
        '    cat > /etc/app/key.pem <<__EOF__',
        ...pem('RSA PRIVATE KEY').trimEnd().split('\n').map((line) => `    ${line}`),
        '    __EOF__',
        '',
      ].join('\n'),
      errors: [{ line: 7, message: 'private key' }],
    },
    {
      name: 'Datree: a custom resource carrying a private key (a multi-line string: on the key\'s line), in a list too',
      code: yaml`
        apiVersion: example.com/v1
        kind: Signer
        metadata: { name: tokens }
        spec:
          signingKey: |
            # issued 2024
            -----BEGIN RSA PRIVATE KEY-----
            MIIEowIBAAKCAQEA1x9Kq2LmN7pR4sT1vW8yZ
            -----END RSA PRIVATE KEY-----
          keys:
            - ${JSON.stringify(pem('EC PRIVATE KEY'))}
      `,
      errors: [
        { line: 7, message: 'Signer "tokens" field spec.signingKey contains a PEM private key (RSA PRIVATE KEY).' },
        { line: 11, message: 'Signer "tokens" field spec.keys[0] contains a PEM private key (EC PRIVATE KEY).' },
      ],
    },
    {
      name: 'Datree: keys in an annotation, a container environment variable and an argument (also literal secrets, RUN-4)',
      code: yaml`
        apiVersion: cert-manager.io/v1
        kind: Issuer
        metadata: { name: ca, annotations: { note: ${JSON.stringify(pem('RSA PRIVATE KEY'))} } }
        spec:
          ca: { secretName: ca-key-pair }
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: web
                  env: [{ name: KEY, value: ${JSON.stringify(pem('PRIVATE KEY'))} }]
                  args: [--key, ${JSON.stringify(pem('OPENSSH PRIVATE KEY'))}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: d }
        spec:
          template:
            metadata: { annotations: { vault.example/key: ${JSON.stringify(pem('EC PRIVATE KEY'))} } }
            spec:
              containers: [{ name: app, image: app }]
      `,
      errors: [
        { line: 3, message: 'Issuer "ca" field metadata.annotations.note contains a PEM private key (RSA PRIVATE KEY).' },
        { line: 16, message: 'Rollout "web" field spec.template.spec.containers[0].env[0].value contains a PEM private key (PRIVATE KEY).' },
        { line: 17, message: 'Rollout "web" field spec.template.spec.containers[0].args[1] contains a PEM private key (OPENSSH PRIVATE KEY).' },
        { line: 24, message: 'Deployment "d" field spec.template.metadata.annotations.vault.example/key contains a PEM private key (EC PRIVATE KEY).' },
      ],
    },
    {
      name: 'kubernetes.io/tls Secret with its key, in data and in stringData',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: web-tls, namespace: web }
        type: kubernetes.io/tls
        data:
          tls.crt: ${b64(CERT)}
          tls.key: ${b64(pem('RSA PRIVATE KEY'))}
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: api-tls }
        type: kubernetes.io/tls
        stringData:
          tls.crt: ${JSON.stringify(CERT)}
          tls.key: not-even-pem
      `,
      errors: [
        { line: 7, column: 3, message: 'TLS Secret "web-tls" commits its private key (tls.key, a PEM private key (RSA PRIVATE KEY))' },
        { line: 15, message: 'TLS Secret "api-tls" commits its private key (tls.key):' },
      ],
    },
    {
      name: 'private keys in other Secrets and in ConfigMaps (binaryData decoded)',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: deploy-key }
        type: kubernetes.io/ssh-auth
        data:
          ssh-privatekey: ${b64(pem('OPENSSH PRIVATE KEY'))}
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: signer }
        stringData:
          key.pem: |
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQI
            -----END ENCRYPTED PRIVATE KEY-----
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: test-config }
        data:
          a_key: and value that are ok
          ssh_access: |
            -----BEGIN PRIVATE KEY-----
            xxxxxxxx
            -----END OPENSSH PRIVATE KEY-----
        binaryData:
          gpg: ${b64(pem('PGP PRIVATE KEY BLOCK'))}
      `,
      errors: [
        { line: 6, message: 'Secret "deploy-key" key "ssh-privatekey" contains a PEM private key (OPENSSH PRIVATE KEY).' },
        { line: 13, message: 'contains a PEM private key (ENCRYPTED PRIVATE KEY), encrypted.' },
        { line: 23, message: 'ConfigMap "test-config" key "ssh_access" contains a PEM private key (PRIVATE KEY).' },
        { line: 27, message: 'key "gpg" contains a PEM private key (PGP PRIVATE KEY BLOCK).' },
      ],
    },
    {
      name: 'a Kubernetes List and JSON input',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls' }, type: 'kubernetes.io/tls', data: { 'tls.key': b64(pem('EC PRIVATE KEY')) } }],
        },
        null,
        2,
      ),
      errors: [{ line: 13, message: 'TLS Secret "tls" commits its private key' }],
    },
  ],
});
