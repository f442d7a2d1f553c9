import rule from '../../../src/rules/k8s/rbac-secrets-access.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'named Secrets with resourceNames (create cannot be named: such a rule grants none), another API group',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: leader, namespace: app }
        rules:
          - apiGroups: [""]
            resources: [secrets]
            resourceNames: [app-tls]
            verbs: [get, watch, update, create]
          - apiGroups: [example.com]
            resources: ["*"]
            verbs: [get, list]
      `,
    },
    {
      name: 'bootstrap-labelled role and a platform binding',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: custom-reader
          labels: { kubernetes.io/bootstrapping: rbac-defaults }
        rules: [{ apiGroups: [""], resources: [secrets], verbs: [list] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: reader }
        rules: [{ apiGroups: [""], resources: [secrets], verbs: [list] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: "system:reader" }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader }
        subjects: [{ kind: User, name: u }]
      `,
    },
    {
      name: 'a binding without subjects grants nothing',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: r, namespace: a }
        rules: [{ apiGroups: [""], resources: [secrets], verbs: [get] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: r, namespace: a }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: r }
      `,
    },
  ],
  invalid: [
    {
      name: "a ClusterRoleBinding's ServiceAccount subject does not take the binding's (ignored) namespace",
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: secret-reader }
        rules:
          - { apiGroups: [""], resources: [secrets], verbs: [get, list] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: read-secrets, namespace: my-namespace }
        subjects:
          - { kind: ServiceAccount, name: my-service-account }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader }
      `,
      errors: [{ line: 12, message: /^ClusterRoleBinding "read-secrets" lets ServiceAccount "my-service-account" access Secrets/ }],
    },
    {
      name: 'a rule that reads and writes them: high, the message names both (Argo CD server role)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: argocd-server, namespace: argocd }
        rules:
          - apiGroups: [""]
            resources: [secrets, configmaps]
            verbs: [create, get, list, watch, update, patch, delete]
      `,
      errors: [{ line: 6, severity: 'high', message: 'can read Secrets (create, get, list, watch, update, patch, delete on secrets)' }],
    },
    {
      name: 'write-only access to every Secret is reported at medium (Trivy AVD-KSV-0041)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: writer, namespace: app }
        rules:
          - apiGroups: [""]
            resources: [secrets]
            verbs: [create, update]
      `,
      errors: [
        {
          line: 6,
          severity: 'medium',
          message: 'Role "writer" can change or delete Secrets (create, update on secrets): it can replace or remove the credentials and TLS keys workloads use. No binding in the scan grants it yet',
        },
      ],
    },
    {
      name: 'a binding of write-only access is medium; one that also reads is high',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: writer }
        rules: [{ apiGroups: [""], resources: [secrets], verbs: [patch, delete] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: writer }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: writer }
        subjects: [{ kind: ServiceAccount, name: ci, namespace: ci }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: both }
        rules:
          - { apiGroups: [""], resources: [secrets], verbs: [create] }
          - { apiGroups: [""], resources: [secrets], verbs: [list] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: both }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: both }
        subjects: [{ kind: ServiceAccount, name: ci, namespace: ci }]
      `,
      errors: [
        { line: 9, severity: 'medium', message: 'ClusterRoleBinding "writer" lets ServiceAccount "ci/ci" access Secrets cluster-wide through ClusterRole "writer": patch, delete on secrets.' },
        { line: 22, severity: 'high', message: 'ClusterRoleBinding "both" lets ServiceAccount "ci/ci" access Secrets cluster-wide through ClusterRole "both": create on secrets; list on secrets.' },
      ],
    },
    {
      name: 'unbound roles: explicit list/watch, and a wildcard resource in the core group',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: secret-lister }
        rules:
          - apiGroups: [""]
            resources: [configmaps, secrets]
            verbs: [list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: viewer, namespace: app }
        rules:
          - apiGroups: ["", apps]
            resources: ["*"]
            verbs: [get]
      `,
      errors: [
        { line: 6, column: 29, message: 'ClusterRole "secret-lister" can read Secrets (list, watch on secrets)' },
        { line: 14, column: 17, message: 'Role "viewer" can read Secrets (get on "*" (secrets included))' },
      ],
    },
    {
      name: 'a RoleBinding of a ClusterRole reads Secrets in its namespace; a Role in another namespace is not the one bound',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: secrets-reader }
        rules: [{ apiGroups: ["*"], resources: [secrets], verbs: ["*"] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: app-reads-secrets, namespace: payments }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secrets-reader }
        subjects: [{ kind: ServiceAccount, name: api }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: local, namespace: other }
        rules: [{ apiGroups: [""], resources: [secrets], verbs: [get] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: local, namespace: payments }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: local }
        subjects: [{ kind: User, name: u }]
      `,
      errors: [
        { line: 9, message: 'RoleBinding "app-reads-secrets" lets ServiceAccount "payments/api" access Secrets in namespace "payments" through ClusterRole "secrets-reader": "*" on secrets.' },
        { line: 15, message: 'Role "local" can read Secrets' },
      ],
    },
    {
      name: 'a ClusterRole aggregated into the default edit role reaches everyone who holds edit',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: vault-secrets-edit
          labels: { rbac.authorization.k8s.io/aggregate-to-edit: "true" }
        rules: [{ apiGroups: [secrets.example.com, ""], resources: [secrets], verbs: [watch] }]
      `,
      errors: [{ line: 6, message: 'It is aggregated into the default ClusterRole "edit", so everyone who holds it gets it.' }],
    },
    {
      name: 'cluster-wide grant to every service account',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: oops }
        rules: [{ apiGroups: [""], resources: [secrets], verbs: [get, list] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: oops }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: oops }
        subjects: [{ kind: Group, name: "system:serviceaccounts" }]
      `,
      errors: [{ line: 9, message: 'lets every service account of the cluster (Group "system:serviceaccounts") access Secrets cluster-wide' }],
    },
    {
      name: 'JSON: the default view role does not read secrets, the default edit role bound to all service accounts of a namespace does',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'view', namespace: 'a' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
          subjects: [{ kind: 'ServiceAccount', name: 'x' }],
        },
        null,
        2,
      ),
      others: [
        {
          filename: 'edit.yaml',
          code: yaml`
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: { name: edit, namespace: a }
            roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
            subjects: [{ kind: Group, name: "system:serviceaccounts:a" }]
          `,
        },
      ],
      errors: [{ path: 'edit.yaml', line: 4, message: 'through the default ClusterRole "edit": get, list, watch on secrets' }],
    },
  ],
});
