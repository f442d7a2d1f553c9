import rule from '../../../src/rules/k8s/rbac-cluster-admin-binding.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'cluster-admin for system:masters and an administrators group',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: cluster-admin }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
        subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:masters" }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: platform-admins }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
        subjects: [{ kind: Group, name: platform-admins }, { kind: Group, name: eks-cluster-admins }]
      `,
    },
    {
      name: 'roles that are not equivalent to cluster-admin',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: big }
        rules:
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: [get, list, watch]
          - apiGroups: [""]
            resources: ["*"]
            verbs: ["*"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: big }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: big }
        subjects: [{ kind: User, name: alice }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: ns-admin, namespace: team }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin }
        subjects: [{ kind: User, name: alice }]
      `,
    },
    {
      name: 'platform bindings, and a binding to a role the scan does not have',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: "eks:addon-cluster-admin" }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
        subjects: [{ kind: User, name: "eks:addon-manager" }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: unknown }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "{{ .Values.role }}" }
        subjects: [{ kind: User, name: alice }]
      `,
    },
  ],
  invalid: [
    {
      name: 'the default cluster-admin to every authenticated user, whatever the file defines under that name',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: everyone-is-admin }
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: cluster-admin
        subjects:
          - kind: Group
            name: "system:authenticated"
          - kind: Group
            name: "system:masters"
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: cluster-admin }
        rules: [{ apiGroups: [""], resources: [pods], verbs: [get] }]
      `,
      errors: [
        {
          line: 7,
          column: 3,
          message: 'ClusterRoleBinding "everyone-is-admin" grants the default ClusterRole "cluster-admin" to every authenticated user and service account (Group "system:authenticated"): full control of the cluster, handed to many identities at once.',
        },
      ],
    },
    {
      name: 'a custom all-wildcard ClusterRole for a workload, and a namespaced Role with every verb listed',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "system:controller" }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: gitops }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:controller" }
        subjects: [{ kind: ServiceAccount, name: gitops, namespace: gitops }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: all, namespace: team }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch, create, update, patch, delete] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: all, namespace: team }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: all }
        subjects: [{ kind: User, name: bob }]
      `,
      errors: [
        { line: 9, message: 'grants ClusterRole "system:controller", which is equivalent to cluster-admin, to ServiceAccount "gitops/gitops": full control of the cluster.' },
        { line: 20, message: 'RoleBinding "all" grants Role "all", which is equivalent to cluster-admin, to User "bob": full control of namespace "team".' },
      ],
    },
    {
      name: 'cluster-admin for the default ServiceAccount of kube-system',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: tiller }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
        subjects: [{ kind: ServiceAccount, name: default, namespace: kube-system }]
      `,
      errors: [{ line: 4, message: 'to the "default" ServiceAccount of namespace "kube-system" (every pod there that names no ServiceAccount): full control of the cluster, handed to many identities at once.' }],
    },
    {
      name: 'a RoleBinding of cluster-admin to all service accounts of a namespace (JSON)',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'ns-sa-admin', namespace: 'apps' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
          subjects: [{ kind: 'Group', name: 'system:serviceaccounts:apps' }],
        },
        null,
        2,
      ),
      errors: [{ line: 11, message: 'to every service account of namespace "apps" (Group "system:serviceaccounts:apps"): full control of namespace "apps", handed to many identities at once.' }],
    },
  ],
});
