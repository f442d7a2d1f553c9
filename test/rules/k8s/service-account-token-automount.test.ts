import rule from '../../../src/rules/k8s/service-account-token-automount.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'disabled on the pod, whatever the ServiceAccount says',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              serviceAccountName: web
              automountServiceAccountToken: false
              containers: [{ name: web, image: web }]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: web }
        automountServiceAccountToken: true
      `,
    },
    {
      name: 'disabled on the ServiceAccount, in another file',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: report, namespace: jobs }
        spec:
          schedule: "@hourly"
          jobTemplate:
            spec:
              template:
                spec:
                  serviceAccountName: report
                  containers: [{ name: r, image: r }]
      `,
      others: [
        {
          filename: 'sa.yaml',
          code: yaml`
            apiVersion: v1
            kind: ServiceAccount
            metadata: { name: report, namespace: jobs }
            automountServiceAccountToken: false
          `,
        },
      ],
    },
    {
      name: 'the ServiceAccount is bound to a role: the app calls the API',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: controller, namespace: ops }
        spec:
          template:
            spec:
              serviceAccountName: controller
              automountServiceAccountToken: true
              containers: [{ name: c, image: c }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: controller, namespace: ops }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: controller }
        subjects: [{ kind: ServiceAccount, name: controller }]
      `,
    },
    {
      name: 'templated values and kustomize patches are unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          serviceAccountName: "{{ .Values.sa }}"
          containers: [{ name: c, image: c }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers:
                - name: web
                  resources: { limits: { cpu: 250m } }
      `,
    },
  ],
  invalid: [
    {
      name: 'automountServiceAccountToken written without a value is located at its key (sonar-iac)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p, namespace: app }
        spec:
          serviceAccountName: api
          automountServiceAccountToken:
          containers: [{ name: c, image: c:1 }]
      `,
      errors: [{ line: 6, message: 'mounts a service account token' }],
    },
    {
      name: 'nothing set anywhere and no ServiceAccount named',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers: [{ name: c, image: c }]
      `,
      errors: [{ line: 4, column: 1, message: 'Pod "p" mounts a service account token: the pod spec sets neither a ServiceAccount nor automountServiceAccountToken: false' }],
    },
    {
      name: 'explicitly true on the pod, and inherited from the ServiceAccount',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: api, namespace: shop }
        spec:
          template:
            spec:
              serviceAccountName: api
              automountServiceAccountToken: true
              containers: [{ name: api, image: api }]
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: db, namespace: shop }
        spec:
          template:
            spec:
              serviceAccountName: db
              containers: [{ name: db, image: db }]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: db, namespace: shop }
        automountServiceAccountToken: true
      `,
      errors: [
        { line: 8, column: 7, message: 'Deployment "shop/api" sets automountServiceAccountToken: true, yet no binding in the scan grants ServiceAccount "api" anything' },
        { line: 17, column: 7, message: 'StatefulSet "shop/db" inherits automountServiceAccountToken: true from ServiceAccount "db"' },
      ],
    },
    {
      name: 'ServiceAccount in the scan without the setting, ServiceAccount missing, bound SA of another namespace does not count',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: cleanup, namespace: jobs }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  serviceAccount: cleaner
                  initContainers: [{ name: init, image: busybox }]
                  containers: [{ name: c, image: c }]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: cleaner, namespace: jobs }
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: front, namespace: web }
        spec:
          template:
            spec:
              serviceAccountName: front
              containers: [{ name: f, image: f }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: front, namespace: other }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: front }
        subjects: [{ kind: ServiceAccount, name: front }]
      `,
      errors: [
        { line: 10, column: 11, message: 'neither the pod spec nor ServiceAccount "cleaner" sets automountServiceAccountToken: false' },
        { line: 24, message: 'Rollout "web/front" mounts a service account token: the pod spec does not set automountServiceAccountToken: false and ServiceAccount "front" is not in the scan' },
      ],
    },
    {
      name: 'JSON Pod with the default ServiceAccount in the scan',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [
            { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { serviceAccountName: 'default', containers: [{ name: 'c', image: 'c' }] } },
            { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 12, message: 'neither the pod spec nor ServiceAccount "default" sets automountServiceAccountToken: false' }],
    },
  ],
});
