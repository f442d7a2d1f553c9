import rule from '../../../src/rules/k8s/no-unsafe-sysctls.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'only safe sysctls, in dot and slash form',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext:
            sysctls:
              - { name: kernel.shm_rmid_forced, value: "0" }
              - { name: net.ipv4.ip_local_port_range, value: "1024 65535" }
              - { name: net.ipv4.ip_unprivileged_port_start, value: "80" }
              - { name: net/ipv4/tcp_syncookies, value: "1" }
              - { name: net.ipv4.tcp_keepalive_time, value: "600" }
              - { name: net.ipv4.tcp_rmem, value: "4096 87380 6291456" }
          containers: [{ name: app, image: app }]
      `,
    },
    {
      name: 'no sysctls, and a templated name',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              securityContext:
                runAsNonRoot: true
                sysctls:
                  - name: "{{ .Values.sysctl }}"
                    value: "1"
              containers: [{ name: web, image: web }]
      `,
    },
  ],
  invalid: [
    {
      name: 'Trivy example: somaxconn and msgmax, at each name',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers: [{ name: app, image: app }]
          securityContext:
            sysctls:
              - name: net.core.somaxconn
                value: "1024"
              - name: kernel.shm_rmid_forced
                value: "0"
              - name: kernel.msgmax
                value: "65536"
      `,
      errors: [
        { line: 8, column: 9, message: 'Sysctl "net.core.somaxconn" is not in the Pod Security Standards safe set: it is namespaced' },
        { line: 12, column: 9, message: 'Sysctl "kernel.msgmax" is not in the Pod Security Standards safe set: it is namespaced' },
      ],
    },
    {
      name: 'node-level sysctl in a StatefulSet, slash form of an unsafe one',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: es }
        spec:
          template:
            spec:
              securityContext:
                sysctls:
                  - { name: vm.max_map_count, value: "262144" }
                  - { name: net/ipv4/conf/eth0.100/rp_filter, value: "0" }
              containers: [{ name: es, image: es }]
      `,
      errors: [
        { line: 9, message: '"vm.max_map_count" is not in the Pod Security Standards safe set: it is not namespaced' },
        { line: 10, message: '"net/ipv4/conf/eth0.100/rp_filter"' },
      ],
    },
    {
      name: 'CronJob and custom resource',
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
                  securityContext: { sysctls: [{ name: kernel.sem, value: "250 32000 100 128" }] }
                  restartPolicy: Never
                  containers: [{ name: c, image: c }]
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: { name: k }
        spec:
          template:
            spec:
              securityContext:
                sysctls: [{ name: net.ipv4.ip_forward, value: "1" }]
              containers: [{ image: k }]
      `,
      errors: [
        { line: 10, message: '"kernel.sem"' },
        { line: 21, message: '"net.ipv4.ip_forward"' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: yaml`
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": { "name": "p" },
          "spec": {
            "securityContext": { "sysctls": [
              { "name": "kernel.panic", "value": "10" }
            ] },
            "containers": [{ "name": "a", "image": "a" }]
          }
        }
      `,
      errors: [{ line: 7, message: '"kernel.panic"' }],
    },
  ],
});
