import rule from '../../../src/rules/k8s/rbac-token-creation.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'reading service accounts, creating service accounts (not their tokens), another group, Kubernetes\' own roles',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: sa-reader }
        rules:
          - { apiGroups: [""], resources: [serviceaccounts, serviceaccounts/token], verbs: [get, list] }
          - { apiGroups: [""], resources: [serviceaccounts], verbs: [create] }
          - { apiGroups: [example.com], resources: [serviceaccounts/token], verbs: [create] }
          # Kubernetes' RBAC has no "resource/*" wildcard: this matches no subresource.
          - { apiGroups: [""], resources: ["serviceaccounts/*"], verbs: ["*"] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "system:controller:token-minter" }
        rules:
          - { apiGroups: [""], resources: [serviceaccounts/token], verbs: [create] }
      `,
    },
    {
      name: 'the default edit ClusterRole bound to a group in one namespace (standard delegation)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: developers-edit, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: Group, name: shop-developers, apiGroup: rbac.authorization.k8s.io }]
      `,
    },
  ],
  invalid: [
    {
      name: 'unbound roles: the token subresource by name, by wildcard, and limited to named accounts (low)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: token-minter, namespace: ci }
        rules:
          - { apiGroups: [""], resources: [serviceaccounts/token], verbs: [create] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: everything-on-accounts }
        rules:
          - { apiGroups: ["*"], resources: ["*/token"], verbs: ["*"] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: deployer-token, namespace: ci }
        rules:
          - { apiGroups: [""], resources: [serviceaccounts/token], resourceNames: [deployer], verbs: [create] }
      `,
      errors: [
        {
          line: 5,
          severity: 'high',
          message:
            'Role "token-minter" lets its holders create service account tokens (create on serviceaccounts/token): each TokenRequest returns a valid API token for the ServiceAccount it names, so the holder acts with the permissions of every ServiceAccount the grant reaches (controllers in kube-system included, when it reaches there). No binding in the scan grants it yet; any binding hands this out.',
        },
        { line: 11, severity: 'high', message: /ClusterRole "everything-on-accounts" lets its holders create service account tokens/ },
        { line: 17, severity: 'low', message: /\(create on serviceaccounts\/token of "deployer"\)/ },
      ],
    },
    {
      name: 'the default edit ClusterRole bound to a ServiceAccount (it includes token creation)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: ci-edit, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: ServiceAccount, name: ci, namespace: shop }]
      `,
      errors: [{ line: 4, message: /^RoleBinding "ci-edit" lets ServiceAccount "shop\/ci" create service account tokens in namespace "shop" through the default ClusterRole "edit"/ }],
    },
    {
      name: 'a ClusterRoleBinding hands the grant to a ServiceAccount cluster-wide',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: token-minter }
        rules:
          - apiGroups: [""]
            resources: [serviceaccounts/token]
            verbs: [create]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: broker-token-minter }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: token-minter }
        subjects: [{ kind: ServiceAccount, name: broker, namespace: identity }]
      `,
      errors: [{ line: 12, message: /^ClusterRoleBinding "broker-token-minter" lets ServiceAccount "identity\/broker" create service account tokens cluster-wide through ClusterRole "token-minter": create on serviceaccounts\/token\./ }],
    },
  ],
});
