import rule from '../../../src/rules/k8s/apparmor-not-disabled.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'an empty annotation value is no profile: the API server accepts it and the default applies (PSA allows it)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            container.apparmor.security.beta.kubernetes.io/c: ''
        spec:
          containers: [{ name: c, image: c:1 }]
      `,
    },
    {
      name: 'unset: the runtime default profile applies',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers: [{ name: a, image: a }]
      `,
    },
    {
      name: 'RuntimeDefault / Localhost fields and annotations',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            metadata:
              annotations:
                container.apparmor.security.beta.kubernetes.io/web: runtime/default
                container.apparmor.security.beta.kubernetes.io/side: localhost/k8s-side
            spec:
              securityContext:
                appArmorProfile: { type: RuntimeDefault }
              containers:
                - name: web
                  image: nginx
                - name: side
                  image: side
                - name: other
                  image: other
                  securityContext:
                    appArmorProfile: { type: Localhost, localhostProfile: k8s-other }
      `,
    },
    {
      name: 'annotations for containers that do not exist, or on the Deployment itself, are ignored',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            container.apparmor.security.beta.kubernetes.io/web: unconfined
        spec:
          template:
            metadata:
              annotations:
                container.apparmor.security.beta.kubernetes.io/gone: unconfined
            spec:
              containers: [{ name: web, image: nginx }]
      `,
    },
    {
      name: 'Windows pods are exempt',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: win
          annotations:
            container.apparmor.security.beta.kubernetes.io/iis: unconfined
        spec:
          os: { name: windows }
          containers: [{ name: iis, image: iis }]
      `,
    },
  ],
  invalid: [
    {
      name: 'localhostProfile only with Localhost, and always with it (the API server rejects the other shapes)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext:
            appArmorProfile:
              type: Localhost
          containers:
            - name: a
              image: a
              securityContext:
                appArmorProfile:
                  type: RuntimeDefault
                  localhostProfile: k8s-apparmor-example
            - name: b
              image: b
              securityContext:
                appArmorProfile: { type: Localhost, localhostProfile: "" }
            - name: c
              image: c
              securityContext:
                appArmorProfile: { type: Localhost, localhostProfile: "{{ .Values.profile }}" }
      `,
      errors: [
        { line: 7, message: 'The pod-level appArmorProfile is Localhost without a localhostProfile' },
        { line: 14, message: 'Container "a" appArmorProfile sets a localhostProfile with type RuntimeDefault' },
        { line: 18, message: 'Container "b" appArmorProfile is Localhost without a localhostProfile' },
      ],
    },
    {
      name: 'unconfined and invalid annotation values',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            container.apparmor.security.beta.kubernetes.io/a: unconfined
            container.apparmor.security.beta.kubernetes.io/b: custom
        spec:
          containers:
            - name: a
              image: a
            - name: b
              image: b
      `,
      errors: [
        { line: 6, column: 5, message: 'Container "a" AppArmor annotation is unconfined' },
        { line: 7, message: 'Container "b" AppArmor annotation is "custom", which is not runtime/default' },
      ],
    },
    {
      name: 'Unconfined field at container level (init and ephemeral included)',
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: j }
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: init
                  securityContext:
                    appArmorProfile: { type: Unconfined }
              containers:
                - name: job
                  image: job
              ephemeralContainers:
                - name: debug
                  image: busybox
                  securityContext:
                    appArmorProfile:
                      type: Unconfined
      `,
      errors: [
        { line: 11, message: 'Container "init" appArmorProfile is Unconfined' },
        { line: 20, message: 'Container "debug" appArmorProfile is Unconfined' },
      ],
    },
    {
      name: 'pod-level Unconfined is reported once; an invalid container type too',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: r }
        spec:
          template:
            spec:
              securityContext:
                appArmorProfile:
                  type: Unconfined
              containers:
                - name: a
                  image: a
                - name: b
                  image: b
                  securityContext:
                    appArmorProfile:
                      type: runtime/default
      `,
      errors: [
        { line: 9, message: 'The pod-level appArmorProfile is Unconfined' },
        { line: 17, message: 'Container "b" appArmorProfile has type "runtime/default"' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{\n"container.apparmor.security.beta.kubernetes.io/app":"unconfined"}},\n"spec":{"containers":[{"name":"app","image":"app"}]}}\n',
      errors: [{ line: 2, message: 'unconfined' }],
    },
  ],
});
