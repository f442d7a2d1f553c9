import rule from '../../../src/rules/k8s/no-custom-selinux-options.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'no seLinuxOptions, or a null pod securityContext',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext: null
          containers: [{ name: a, image: a }]
      `,
    },
    {
      name: 'allowed types and an MCS level',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext:
                seLinuxOptions: { level: "s0:c123,c456" }
              initContainers:
                - name: init
                  image: init
                  securityContext: { seLinuxOptions: { type: container_init_t } }
              containers:
                - name: web
                  image: web
                  securityContext: { seLinuxOptions: { type: container_t, user: "", role: "" } }
                - name: vm
                  image: vm
                  securityContext: { seLinuxOptions: { type: container_kvm_t } }
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
          securityContext: { seLinuxOptions: { type: spc_t } }
          containers: [{ name: iis, image: iis }]
      `,
    },
  ],
  invalid: [
    {
      name: 'custom type at pod level, reported once',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: hello-selinux }
        spec:
          containers:
            - name: a
              image: a
            - name: b
              image: b
          securityContext:
            seLinuxOptions:
              type: custom
      `,
      errors: [{ line: 12, column: 7, message: 'The pod-level seLinuxOptions sets SELinux type "custom"' }],
    },
    {
      name: 'user, role and type at container level, init and ephemeral containers included',
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
                  initContainers:
                    - name: init
                      image: init
                      securityContext:
                        seLinuxOptions:
                          user: system_u
                          role: system_r
                  containers:
                    - name: job
                      image: job
                  ephemeralContainers:
                    - name: debug
                      image: busybox
                      securityContext:
                        seLinuxOptions: { type: spc_t }
      `,
      errors: [
        { line: 15, message: 'Container "init" sets a custom SELinux user "system_u"' },
        { line: 16, message: 'Container "init" sets a custom SELinux role "system_r"' },
        { line: 24, message: 'Container "debug" sets SELinux type "spc_t"' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[\n{"name":"app","image":"app","securityContext":{"seLinuxOptions":\n{"type":"unconfined_t"}}}]}}\n',
      errors: [{ line: 3, message: 'unconfined_t' }],
    },
  ],
});
