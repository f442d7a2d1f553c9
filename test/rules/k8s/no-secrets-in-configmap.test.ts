import rule from '../../../src/rules/k8s/no-secrets-in-configmap.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const AWS_KEY_ID = ['AKIA', 'Q3EGRWTZ6N5KPLXM'].join('');
const b64 = (text: string): string => Buffer.from(text).toString('base64');

ruleTester(rule, {
  valid: [
    {
      name: 'ordinary configuration (Polaris success fixture shape)',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: test-config
        data:
          message: This is a test
          db_user: postgres
          secretName: app-tls
          PASSWORD_FILE: /run/secrets/db
          TOKEN_URL: https://auth.example.com/token
      `,
    },
    {
      name: 'embedded files with empty, templated or referenced secrets (Trivy good fixtures)',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: test }
        data:
          config: REDIS_PASSWORD=
          env: REDIS_PASSWORD=\${REDIS_PASSWORD}
          application.properties: |
            # spring.datasource.password=old-password
            spring.datasource.url=jdbc:postgresql://db:5432/app
            spring.datasource.password=\${DB_PASSWORD}
            server.ssl.key-store=/etc/tls/keystore.p12
          entrypoint.sh: |
            #!/bin/sh
            PASSWORD=$(cat /run/secrets/db)
            export TOKEN=$1
            if [ -z "$PASSWORD" ]; then exit 1; fi
          prometheus.yml: |
            scrape_configs:
              - job_name: api
                bearer_token_file: /var/run/secrets/kubernetes.io/serviceaccount/token
                basic_auth:
                  username: prometheus
                  password_file: /etc/prometheus/secrets/pw
      `,
    },
    {
      // linkerd-cni / Calico / Istio CNI: the installer on each node replaces the marker with the token (sed).
      name: 'a CNI network configuration whose token is an __UPPER_SNAKE__ marker the installer replaces',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: linkerd-cni-config }
        data:
          cni_network_config: |-
            { "policy": { "k8s_api_root": "https://__KUBERNETES_SERVICE_HOST__:__KUBERNETES_SERVICE_PORT__",
                          "k8s_auth_token": "__SERVICEACCOUNT_TOKEN__" } }
      `,
    },
    {
      name: 'certificates, public keys, digests and no data at all',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: trust }
        data:
          ca.crt: |
            -----BEGIN CERTIFICATE-----
            MIIBszCCAVmgAwIBAgIUQ3Rr
            -----END CERTIFICATE-----
          ssh_known_hosts: |
            github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
          checksum: 0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: empty }
      `,
    },
    {
      name: 'allow list and SOPS-encrypted documents',
      settings: { secretAllowList: ['/^demo-/'] },
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: demo }
        data:
          demo-password: demo
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: enc }
        data:
          db_password: ENC[AES256_GCM,data:abc=,iv:x,tag:y,type:str]
        sops:
          mac: ENC[AES256_GCM,data:xyz]
          version: 3.8.1
      `,
    },
    {
      name: 'a Secret is not a ConfigMap',
      code: yaml`
        apiVersion: v1
        kind: Secret
        metadata: { name: s }
        stringData: { password: hunter2 }
      `,
    },
    {
      // Argo CD HA: the start-up script replaces the marker with the password from the argocd-redis Secret.
      name: 'a Redis password directive whose value is a marker a script replaces',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: argocd-redis-ha-configmap }
        data:
          redis.conf: |
            port 6379
            # requirepass foobared
            requirepass replace-default-auth
      `,
    },
  ],
  invalid: [
    {
      name: 'secret-named keys (Trivy and Polaris fixture shapes)',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: test-config
        data:
          db_username: postgres
          db_password: abc123
          AWS_SECRET_ACCESS_KEY: xxxxx
          secretkey: test
      `,
      errors: [
        { line: 7, column: 3, message: 'ConfigMap key "db_password" holds a literal value although its name says it is a secret ("password").' },
        { line: 8, message: /"AWS_SECRET_ACCESS_KEY".*placeholder/ },
        { line: 9, message: '"secretkey"' },
      ],
    },
    {
      name: 'secrets inside embedded configuration files',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: test }
        data:
          config: REDIS_PASSWORD=abcd1234
          app.yaml: |
            server:
              port: 8080
            database:
              url: postgres://app:s3cr3t@db:5432/app
          grafana.ini: |
            [security]
            ;admin_password = admin
            admin_password = correct-horse
          kubeconfig: |
            users:
              - name: ci
                user:
                  client-key-data: LS0tLS1CRUdJTiBSU0E=
      `,
      errors: [
        { line: 5, message: 'ConfigMap key "config" contains a literal value assigned to "REDIS_PASSWORD".' },
        // Inside a block scalar: the line of the secret itself.
        { line: 10, message: 'contains a URL with an embedded password.' },
        { line: 14, message: 'assigned to "admin_password"' },
        { line: 19, message: 'assigned to "client-key-data"' },
      ],
    },
    {
      name: 'private key and AWS key id in values, high-entropy value, binaryData decoded',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: test-config }
        data:
          a_key: and value that are ok
          ssh_access: |
            -----BEGIN PRIVATE KEY-----
            xxxxxxxx
            -----END OPENSSH PRIVATE KEY-----
          aws: "${AWS_KEY_ID}"
          signing: Xk9pL2mN8qR4sT6vW1yZ3bC5dF7gH0jK
        binaryData:
          settings.env: ${b64('API_TOKEN=tok-3f9a1c\nLOG_LEVEL=info\n')}
          client-secret: ${b64('s3cr3t')}
      `,
      errors: [
        { line: 7, message: 'contains a PEM private key block.' },
        { line: 10, message: 'contains an AWS access key ID.' },
        { line: 11, message: 'contains a high-entropy token.' },
        { line: 13, message: 'assigned to "API_TOKEN"' },
        { line: 14, message: 'holds a literal binary value although its name says it is a secret ("secret").' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'settings.json': '{"apiKey": "k-8d2f"}', mode: 'fast' } }, null, 2),
      errors: [{ line: 8, message: 'assigned to "apiKey"' }],
    },
    {
      name: 'Redis and Sentinel password directives (name and value separated by spaces)',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: redis-config }
        data:
          redis.conf: |
            port 6379
            requirepass Xk93hsPq2LmZ81vB
          sentinel.conf: |
            sentinel monitor mymaster redis-0 6379 2
            sentinel auth-pass mymaster Xk93hsPq2LmZ81vB
      `,
      errors: [
        { line: 7, column: 5, message: 'ConfigMap key "redis.conf" contains a literal value assigned to "requirepass".' },
        { line: 10, column: 5, message: '"auth-pass"' },
      ],
    },
  ],
});
