import rule from '../../../src/rules/k8s/no-default-namespace.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'objects in their own namespace, or without namespace (applied elsewhere)',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: shop }
        spec:
          template:
            spec:
              containers: [{ name: web, image: nginx }]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: settings }
        data: { a: b }
      `,
    },
    {
      name: 'objects that harden the default namespace, and the API server Service',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: default-deny, namespace: default }
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        ---
        apiVersion: v1
        kind: ResourceQuota
        metadata: { name: block, namespace: default }
        spec:
          hard: { pods: "0" }
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: kubernetes, namespace: default }
        spec:
          ports: [{ port: 443 }]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: default, namespace: default }
        automountServiceAccountToken: false
      `,
    },
    {
      name: 'cluster-scoped kinds and kustomize files carry no meaningful namespace',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: reader, namespace: default }
        rules: []
        ---
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        metadata: { name: k, namespace: default }
        resources: [deployment.yaml]
      `,
    },
    {
      name: 'RBAC letting a service account of another namespace read default (Prometheus)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: prometheus-k8s, namespace: default }
        rules:
          - apiGroups: [""]
            resources: [pods, endpoints, services]
            verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: prometheus-k8s, namespace: default }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: prometheus-k8s }
        subjects:
          - { kind: ServiceAccount, name: prometheus-k8s, namespace: monitoring }
      `,
    },
  ],
  invalid: [
    {
      name: 'a workload explicitly in default',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
        spec:
          template:
            spec:
              containers: [{ name: web, image: nginx }]
      `,
      errors: [{ line: 5, column: 3, message: /Deployment "web" is deployed to the default namespace: its pods run/ }],
    },
    {
      name: 'Services, Secrets, ServiceAccounts, CronJobs and custom resources in default',
      code: yaml`
        apiVersion: v1
        kind: Service
        metadata: { name: web, namespace: default }
        spec:
          ports: [{ port: 80 }]
        ---
        apiVersion: v1
        kind: Secret
        metadata: { name: creds, namespace: default }
        type: Opaque
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: app, namespace: default }
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: job, namespace: default }
        spec:
          schedule: "* * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{ name: job, image: job }]
        ---
        apiVersion: cert-manager.io/v1
        kind: Certificate
        metadata: { name: web, namespace: default }
        spec: { secretName: web-tls }
      `,
      errors: [
        { line: 3, message: 'Service "web"' },
        { line: 9, message: 'Secret "creds"' },
        { line: 14, message: 'ServiceAccount "app"' },
        { line: 18, message: 'CronJob "job" is deployed to the default namespace: its pods run' },
        { line: 29, message: 'Certificate "web"' },
      ],
    },
    {
      name: 'a RoleBinding granting a user, and a Role bound to a service account of default',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: dev, namespace: default }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: User, name: alice }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app, namespace: default }
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: app, namespace: default }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: app }
        subjects: [{ kind: ServiceAccount, name: app, namespace: default }]
      `,
      errors: [
        { line: 3, message: 'RoleBinding "dev"' },
        { line: 9, message: 'Role "app"' },
        { line: 14, message: 'RoleBinding "app"' },
      ],
    },
    {
      name: 'JSON input, items of a List',
      filename: 'case.json',
      code: JSON.stringify(
        { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: {} }] },
        null,
        2,
      ),
      errors: [{ line: 10, message: 'ConfigMap "c"' }],
    },
  ],
});
