import rule from '../../../src/rules/k8s/no-added-capabilities.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'empty and null names add nothing (sonar-iac capabilities_pod)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: c
              image: c:1
              securityContext:
                capabilities:
                  add: ["", ~, " "]
      `,
    },
    {
      name: 'no capabilities added, or an empty add',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
              securityContext: { capabilities: { drop: [ALL] } }
            - name: b
              image: b
              securityContext:
                capabilities:
                  add:
      `,
    },
    {
      name: 'NET_BIND_SERVICE, and default capabilities (left to k8s/drop-all-capabilities)',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx
                  securityContext:
                    capabilities:
                      drop: [ALL]
                      add: [NET_BIND_SERVICE, CHOWN, setuid]
      `,
    },
    {
      name: 'templated entries are unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
              securityContext: { capabilities: { add: ["{{ .Values.cap }}"] } }
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
              securityContext: { capabilities: { add: [SYS_ADMIN] } }
      `,
    },
  ],
  invalid: [
    {
      name: 'SYS_ADMIN, reported at the list entry',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: hello
              image: busybox
              securityContext:
                capabilities:
                  add:
                    - SYS_ADMIN
      `,
      errors: [{ line: 11, column: 15, message: 'Container "hello" adds capability SYS_ADMIN, which allows mount, namespace' }],
    },
    {
      name: 'capabilities that give no way out of the container (IPC_LOCK for Elasticsearch) are medium; SYS_TIME is high',
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: search }
        spec:
          template:
            spec:
              containers:
                - name: es
                  image: elasticsearch:8.15.0
                  securityContext:
                    capabilities:
                      add: [IPC_LOCK, CAP_SYS_RESOURCE, SYS_TIME]
      `,
      errors: [
        { line: 12, column: 21, severity: 'medium', message: 'adds capability IPC_LOCK, which allows locking memory' },
        { line: 12, column: 31, severity: 'medium', message: 'adds capability CAP_SYS_RESOURCE' },
        { line: 12, column: 49, severity: 'high', message: 'adds capability SYS_TIME, which allows setting the node clock' },
      ],
    },
    {
      name: 'any case, with or without CAP_, several per container, ALL too',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: cni }
        spec:
          template:
            spec:
              containers:
                - name: cni
                  image: cni
                  securityContext:
                    capabilities:
                      drop: [ALL]
                      add:
                        - nEt_aDmIn
                        - CAP_NET_RAW
                        - NET_BIND_SERVICE
                        - all
      `,
      errors: [
        { line: 14, message: 'adds capability nEt_aDmIn, which allows reconfiguring' },
        { line: 15, message: 'adds capability CAP_NET_RAW, which allows raw' },
        { line: 17, message: 'adds capability all, which allows every Linux capability' },
      ],
    },
    {
      name: 'a capability without a note is still beyond the default set',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: a
              image: a
              securityContext: { capabilities: { add: [SYS_PACCT, SOMETHING_ELSE] } }
      `,
      errors: [
        { line: 8, message: 'adds capability SYS_PACCT, which allows configuring process accounting' },
        { line: 8, message: 'adds capability SOMETHING_ELSE, which is beyond the default set' },
      ],
    },
    {
      name: 'init and ephemeral containers; custom resource with a pod template',
      code: yaml`
        apiVersion: apps.kruise.io/v1alpha1
        kind: CloneSet
        metadata: { name: c }
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: init
                  securityContext: { capabilities: { add: [SYS_PTRACE] } }
              containers:
                - name: app
                  image: app
              ephemeralContainers:
                - name: debug
                  image: busybox
                  securityContext: { capabilities: { add: [SYS_MODULE] } }
      `,
      errors: [
        { line: 10, message: '"init" adds capability SYS_PTRACE' },
        { line: 17, message: '"debug" adds capability SYS_MODULE' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[\n{"name":"app","image":"app","securityContext":{"capabilities":{"add":[\n"BPF"]}}}]}}\n',
      errors: [{ line: 3, message: 'adds capability BPF' }],
    },
    {
      name: 'non-root under no_new_privs: the added capability never reaches the process (low); root, escalation or SYS_ADMIN keep their severity',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: node-exporter }
        spec:
          template:
            spec:
              securityContext: { runAsNonRoot: true, runAsUser: 65534 }
              containers:
                - name: exporter
                  image: exporter
                  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL], add: [SYS_TIME] } }
                - name: escalates
                  image: exporter
                  securityContext: { capabilities: { add: [SYS_TIME] } }
                - name: root
                  image: exporter
                  securityContext: { runAsUser: 0, runAsNonRoot: false, allowPrivilegeEscalation: false, capabilities: { add: [NET_ADMIN] } }
      `,
      errors: [
        {
          line: 11,
          severity: 'low',
          message: 'Container "exporter" adds capability SYS_TIME, which allows setting the node clock. It has no effect while the container runs as non-root with allowPrivilegeEscalation: false',
        },
        { line: 14, severity: 'high', message: '"escalates" adds capability SYS_TIME' },
        { line: 17, severity: 'high', message: '"root" adds capability NET_ADMIN' },
      ],
    },
  ],
});
