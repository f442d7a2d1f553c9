import rule from '../../../src/rules/k8s/default-service-account-unused.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'default ServiceAccount without a token; a templated value is unknown; other ServiceAccounts',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: default, namespace: shop }
        automountServiceAccountToken: false
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: default, namespace: web }
        automountServiceAccountToken: "{{ .Values.automount }}"
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: app, namespace: shop }
      `,
    },
    {
      name: 'bindings to dedicated ServiceAccounts; cluster-admin to default is left to k8s/rbac-cluster-admin-binding; platform bindings',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: read-pods, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader }
        subjects: [{ kind: ServiceAccount, name: app, namespace: shop }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: default-admin }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
        subjects: [{ kind: ServiceAccount, name: default, namespace: shop }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: "system:controller:foo" }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:controller:foo" }
        subjects: [{ kind: ServiceAccount, name: default, namespace: kube-system }]
      `,
    },
  ],
  invalid: [
    {
      name: 'default ServiceAccount mounting its token, unset or true (Checkov CKV_K8S_41)',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
          namespace: shop
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: default }
        automountServiceAccountToken: true
      `,
      errors: [
        { line: 4, message: 'The "default" ServiceAccount of namespace "shop" mounts its token into every pod that names no ServiceAccount (automountServiceAccountToken is not set, so true).' },
        { line: 10, message: 'The "default" ServiceAccount mounts its token into every pod that names no ServiceAccount (automountServiceAccountToken is true).' },
      ],
    },
    {
      name: 'a Role and a ClusterRole bound to default ServiceAccounts (Checkov CKV_K8S_42)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: read-pods, namespace: whoa }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader }
        subjects:
          - kind: ServiceAccount
            name: default
            namespace: whoa
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: view-all }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
        subjects:
          - { kind: ServiceAccount, name: app, namespace: shop }
          - { kind: ServiceAccount, name: default, namespace: shop }
      `,
      errors: [
        { line: 6, message: 'RoleBinding "read-pods" grants Role "pod-reader" in namespace "whoa" to the "default" ServiceAccount of namespace "whoa" (every pod there that names no ServiceAccount).' },
        { line: 16, message: 'ClusterRoleBinding "view-all" grants the default ClusterRole "view" cluster-wide to the "default" ServiceAccount of namespace "shop"' },
      ],
    },
  ],
});
