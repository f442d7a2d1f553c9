import rule from '../../../src/rules/k8s/no-unmasked-proc-mount.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'unset or Default',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
            - name: b
              image: b
              securityContext: { procMount: Default }
      `,
    },
    {
      name: 'a templated value is unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
              securityContext: { procMount: "{{ .Values.procMount }}" }
      `,
    },
    {
      name: 'Windows pods are exempt',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: win }
        spec:
          os: { name: windows }
          containers:
            - name: a
              image: a
              securityContext: { procMount: Unmasked }
      `,
    },
  ],
  invalid: [
    {
      name: 'Unmasked',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          hostUsers: false
          containers:
            - name: a
              image: a
              securityContext:
                procMount: Unmasked
      `,
      errors: [{ line: 10, column: 9, message: 'Container "a" sets procMount: Unmasked' }],
    },
    {
      name: 'values other than Default and Unmasked are rejected by the API server',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: d }
        spec:
          template:
            spec:
              containers:
                - name: nginx
                  image: nginx
                  securityContext:
                    procMount: Other
      `,
      errors: [{ line: 11, message: 'Container "nginx" sets procMount: "Other", which is not Default' }],
    },
    {
      name: 'init and ephemeral containers',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          initContainers:
            - name: init
              image: init
              securityContext: { procMount: Unmasked }
          containers:
            - name: a
              image: a
          ephemeralContainers:
            - name: debug
              image: busybox
              securityContext: { procMount: Unmasked }
      `,
      errors: [
        { line: 8, message: '"init"' },
        { line: 15, message: '"debug"' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[\n{"name":"app","image":"app","securityContext":\n{"procMount":"Unmasked"}}]}}\n',
      errors: [{ line: 3, message: 'Unmasked' }],
    },
  ],
});
