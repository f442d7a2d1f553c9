import rule from '../../../src/rules/k8s/no-secrets-in-args.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'values from the environment or files, names of secrets, flags, booleans, templates, hashes',
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
                  command: [/app/run, --config, /etc/app/config.yaml]
                  args:
                    - --password=$(DB_PASSWORD)
                    - --token
                    - $(API_TOKEN)
                    - --api-key=\${API_KEY}
                    - --secret-name=db-credentials
                    - --token-file=/var/run/secrets/token
                    - --enable-secret=true
                    - --client-secret
                    - --verbose
                    - --digest=sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                    - --key
                    - app
                    - --password-hash=bcrypt
                    - --password-hash
                    - bcrypt
                    - "{{ .Values.args }}"
      `,
    },
  ],
  invalid: [
    {
      example: true,
      name: 'Datree: AWS keys and a GitHub token as flags; a lone secret flag followed by its value; a connection string',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: app }
        spec:
          containers:
            - name: app
              image: app
              command: [/app/run]
              args:
                - --aws-key=AKIAQYLPMN5HHHFPZAM2
                - --github=ghp_abcdefghijklmnopqrstuvwxyz0123456789
                - --db-password
                - hunter2
                - postgres://app:s3cretpw@db:5432/app
      `,
      errors: [
        { line: 10, message: 'args item 0 of container "app" contains an AWS access key ID' },
        { line: 11, message: 'args item 1 of container "app" contains' },
        { line: 13, message: 'args item 3 of container "app" is the literal value of flag "--db-password", whose name says it is a secret ("password").' },
        { line: 14, message: 'args item 4 of container "app" contains' },
      ],
    },
    {
      name: 'a shell script in an init container: the finding is on the line of the secret',
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: migrate }
        spec:
          template:
            spec:
              initContainers:
                - name: setup
                  image: setup
                  command:
                    - sh
                    - -c
                    - |
                      set -e
                      export AWS_SECRET_ACCESS_KEY=q8Zr1xT6vN2bK9sL0pW3eY7uI4oA5dF6gH8jK1mN
                      ./setup.sh
              containers: [{ name: migrate, image: migrate }]
      `,
      errors: [{ line: 15, message: 'command item 2 of container "setup" contains' }],
    },
    {
      // An AWS resource's ClientToken is an idempotency key; a command-line --client-token is a credential.
      name: 'a --client-token flag',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: agent }
        spec:
          containers:
            - name: agent
              image: agent:1
              args: ["agent", "--client-token=8f2a9c7d6e5b4a3c2d1e0f9a8b7c6d5e"]
      `,
      errors: [{ line: 8, message: 'client-token' }],
    },
  ],
});
