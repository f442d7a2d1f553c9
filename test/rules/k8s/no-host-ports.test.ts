import rule from '../../../src/rules/k8s/no-host-ports.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'containerPort only, hostPort 0 and a templated hostPort',
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
                  ports:
                    - containerPort: 8080
                    - containerPort: 8443
                      hostPort: 0
                    - containerPort: 9090
                      hostPort: "{{ .Values.hostPort }}"
      `,
    },
    {
      name: 'a Service port is not a hostPort',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: s }
        spec:
          ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }]
      `,
    },
  ],
  invalid: [
    {
      name: 'Pod with a hostPort, at the field',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: nginx
              image: nginx
              ports:
                - containerPort: 80
                  hostPort: 8080
      `,
      errors: [{ line: 10, column: 11, message: 'Container "nginx" binds port 8080/TCP of the node (container port 80).' }],
    },
    {
      name: 'several ports, UDP, init and regular containers of a DaemonSet',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: dns }
        spec:
          template:
            spec:
              initContainers:
                - name: probe
                  image: probe
                  ports: [{ containerPort: 9000, hostPort: 9000 }]
              containers:
                - name: dns
                  image: dns
                  ports:
                    - { containerPort: 53, hostPort: 53, protocol: UDP }
                    - { containerPort: 53, hostPort: 53, protocol: TCP }
      `,
      errors: [
        { line: 10, message: '"probe" binds port 9000/TCP' },
        { line: 15, message: '"dns" binds port 53/UDP' },
        { line: 16, message: '"dns" binds port 53/TCP' },
      ],
    },
    {
      name: 'CronJob, custom resource and a hostPort written as a string',
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
                  restartPolicy: Never
                  containers:
                    - name: c
                      image: c
                      ports: [{ containerPort: 80, hostPort: "8080" }]
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: r }
        spec:
          template:
            spec:
              containers:
                - name: r
                  image: r
                  ports:
                    - hostPort: 443
      `,
      errors: [
        { line: 14, message: 'port 8080/TCP' },
        { line: 26, message: 'Container "r" binds port 443/TCP of the node.' },
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
            "containers": [
              { "name": "a", "image": "a", "ports": [{ "containerPort": 80, "hostPort": 80 }] }
            ]
          }
        }
      `,
      errors: [{ line: 7, message: 'port 80/TCP' }],
    },
  ],
});
