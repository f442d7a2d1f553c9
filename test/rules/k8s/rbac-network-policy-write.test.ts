import rule from '../../../src/rules/k8s/rbac-network-policy-write.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'reading policies, writing another group\'s kind, the default edit role delegated to a user in one namespace, Kubernetes\' own roles',
      example: true,
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: policy-reader }
        rules:
          - { apiGroups: [networking.k8s.io, cilium.io], resources: [networkpolicies, ciliumnetworkpolicies], verbs: [get, list, watch] }
          - { apiGroups: [example.com], resources: [networkpolicies], verbs: [create] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: alice-edit, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: User, name: alice@example.com, apiGroup: rbac.authorization.k8s.io }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "system:controller:netpol" }
        rules:
          - { apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [create, update, delete] }
      `,
    },
    {
      name: 'cluster-scoped policy kinds through a Role or a RoleBinding, and create / deletecollection limited by name, grant nothing',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app, namespace: shop }
        rules:
          - apiGroups: [cilium.io, crd.projectcalico.org, policy.networking.k8s.io]
            resources: [ciliumclusterwidenetworkpolicies, globalnetworkpolicies, adminnetworkpolicies]
            verbs: [create, delete]
          - { apiGroups: [networking.k8s.io], resources: [networkpolicies], resourceNames: [allow-dns], verbs: [create, deletecollection] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: anp-editor }
        rules:
          - { apiGroups: [policy.networking.k8s.io], resources: [adminnetworkpolicies], verbs: [update] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: anp, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: anp-editor }
        subjects: [{ kind: ServiceAccount, name: app, namespace: shop }]
      `,
    },
  ],
  invalid: [
    {
      name: 'named policies that can be updated or deleted: low; a Role\'s wildcard lists only the namespaced kinds',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: dns-keeper, namespace: shop }
        rules:
          - { apiGroups: [networking.k8s.io], resources: [networkpolicies], resourceNames: [allow-dns], verbs: [update, delete] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: cleaner, namespace: shop }
        rules:
          - { apiGroups: ["*"], resources: ["*"], verbs: [delete] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: empty-name, namespace: shop }
        rules:
          - { apiGroups: [networking.k8s.io], resources: [networkpolicies], resourceNames: [""], verbs: [create] }
      `,
      errors: [
        { line: 5, severity: 'low', message: 'change NetworkPolicies (update, delete on networkpolicies named "allow-dns")' },
        { line: 11, severity: 'medium', message: 'change NetworkPolicies (delete on "*" (networkpolicies and ciliumnetworkpolicies included))' },
        // A request to create carries no name: `resourceNames: [""]` matches it.
        { line: 17, severity: 'medium', message: 'change NetworkPolicies (create on networkpolicies)' },
      ],
    },
    {
      name: 'an unbound Role that rewrites NetworkPolicies, and a ClusterRole deleting Cilium and Calico policies by wildcard verbs',
      example: true,
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app-deployer, namespace: shop }
        rules:
          - { apiGroups: [networking.k8s.io], resources: [networkpolicies], verbs: [get, create, patch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: cni-policies }
        rules:
          - apiGroups: [cilium.io, crd.projectcalico.org]
            resources: [ciliumclusterwidenetworkpolicies, globalnetworkpolicies]
            verbs: ["*"]
      `,
      errors: [
        { line: 5, message: 'Role "app-deployer" lets its holders change NetworkPolicies (create, patch on networkpolicies): whoever holds it can delete or loosen the policies' },
        { line: 12, message: 'ClusterRole "cni-policies" lets its holders change NetworkPolicies ("*" on ciliumclusterwidenetworkpolicies and globalnetworkpolicies)' },
      ],
    },
    {
      name: 'the default edit role granted to a CI ServiceAccount, and a wildcard role bound cluster-wide',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: ci-edit, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: ServiceAccount, name: ci, namespace: shop }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: everything-networking }
        rules:
          - { apiGroups: ["*"], resources: ["*"], verbs: [delete] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: janitor }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: everything-networking }
        subjects: [{ kind: ServiceAccount, name: janitor, namespace: ops }]
      `,
      errors: [
        { line: 4, message: 'change NetworkPolicies' },
        { line: 16, message: 'change NetworkPolicies' },
      ],
    },
  ],
});
