import rule from '../../../src/rules/k8s/rbac-anonymous-binding.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'the default public-info-viewer grant, and authenticated subjects',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: "system:public-info-viewer"
          labels: { kubernetes.io/bootstrapping: rbac-defaults }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:public-info-viewer" }
        subjects:
          - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:authenticated" }
          - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: "system:unauthenticated" }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: viewers }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
        subjects: [{ kind: Group, name: "system:authenticated" }, { kind: User, name: anonymous }]
      `,
    },
  ],
  invalid: [
    {
      name: 'anonymous user and unauthenticated group, at each subject, even under a system: name',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: "system:open-metrics" }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: metrics-reader }
        subjects:
          - kind: User
            name: "system:anonymous"
          - kind: Group
            name: "system:authenticated"
          - kind: Group
            name: "system:unauthenticated"
      `,
      errors: [
        { line: 6, column: 5, message: 'ClusterRoleBinding "system:open-metrics" grants ClusterRole "metrics-reader" cluster-wide to anonymous requests (User "system:anonymous")' },
        { line: 10, column: 5, message: 'to unauthenticated requests (Group "system:unauthenticated"): anyone who can reach the API endpoint gets it without credentials.' },
      ],
    },
    {
      name: 'a RoleBinding to a Role in the scan (JSON)',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'public', namespace: 'web' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
          subjects: [{ kind: 'Group', name: 'system:unauthenticated', apiGroup: 'rbac.authorization.k8s.io' }],
        },
        null,
        2,
      ),
      errors: [{ line: 14, column: 5, message: 'RoleBinding "public" grants the default ClusterRole "edit" in namespace "web" to unauthenticated requests' }],
    },
  ],
});
