import rule from '../../../src/rules/k8s/rbac-no-wildcards.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'a rule without a verb grants nothing, whatever its wildcards (Checkov CKV_K8S_49 fixture shape)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: empty-verbs, namespace: app }
        rules:
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: [""]
      `,
    },
    {
      name: 'explicit groups, resources and verbs',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app, namespace: app }
        rules:
          - apiGroups: [apps]
            resources: [deployments, deployments/scale]
            verbs: [get, list, watch, patch]
          - nonResourceURLs: [/metrics]
            verbs: [get]
      `,
    },
    {
      name: 'Kubernetes\' own roles and aggregated ClusterRoles',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: cluster-admin }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "system:aggregate-to-edit" }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: monitoring }
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: b } }] }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
        ---
        apiVersion: example.com/v1
        kind: Role
        metadata: { name: not-rbac }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
      `,
    },
  ],
  invalid: [
    {
      name: 'wildcards limited to the metrics APIs (prometheus-adapter): low, they serve only reads of metrics',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: resource-metrics-server-resources }
        rules:
          - apiGroups: [metrics.k8s.io]
            resources: ["*"]
            verbs: ["*"]
          - apiGroups: [custom.metrics.k8s.io, apps]
            resources: ["*"]
            verbs: [get]
      `,
      errors: [
        { line: 5, severity: 'low' },
        { line: 9, severity: 'medium' },
      ],
    },
    {
      name: 'a subresource of every resource (*/finalizers, */scale) is a resource wildcard',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: server }
        rules:
          - apiGroups: ["*"]
            resources: ["*/finalizers"]
            verbs: [update]
          - apiGroups: [apps]
            resources: [deployments, "*/scale"]
            verbs: [patch]
      `,
      errors: [
        { line: 5, column: 5, message: 'uses "*" in apiGroups and resources: it grants update on */finalizers in every API group' },
        { line: 9, column: 30, message: 'uses "*" in resources: it grants patch on deployments, */scale in API group "apps"' },
      ],
    },
    {
      name: 'full wildcard, single-field wildcards at the wildcard, and a bound role too',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: operator }
        rules:
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: ["*"]
          - apiGroups: [example.com]
            resources: [widgets, widgets/status]
            verbs: ["*"]
          - apiGroups: ["*"]
            resources: [deployments]
            verbs: [get]
          - nonResourceURLs: ["*"]
            verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: operator }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: operator }
        subjects: [{ kind: ServiceAccount, name: operator, namespace: ops }]
      `,
      errors: [
        { line: 5, column: 5, message: 'ClusterRole "operator" grants every verb on every resource in every API group: "*" in apiGroups, resources and verbs makes it equivalent to cluster-admin.' },
        { line: 10, column: 13, message: 'uses "*" in verbs: it grants every verb on widgets, widgets/status in API group "example.com" (delete and deletecollection included): list the verbs it needs.' },
        { line: 11, column: 17, severity: 'low', message: 'uses "*" in apiGroups: it grants get on deployments in every API group' },
        { line: 14, column: 23, message: 'uses "*" in nonResourceURLs: it grants get on every non-resource URL, including whatever is added to the cluster later.' },
      ],
    },
    {
      name: 'all verbs listed on everything is cluster-admin too; JSON input',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: { name: 'ns-admin', namespace: 'team' },
          rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] }],
        },
        null,
        2,
      ),
      errors: [{ line: 9, message: 'Role "ns-admin" grants get, list, watch, create, update, patch, delete on every resource in every API group: "*" in apiGroups and resources makes it equivalent to cluster-admin.' }],
    },
  ],
});
