import rule from '../../../src/rules/k8s/rbac-namespace-modification.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'reading namespaces, creating or deleting them (no relabelling of an existing one), another group',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: namespace-reader }
        rules:
          - { apiGroups: [""], resources: [namespaces], verbs: [get, list, watch, create, delete] }
          - { apiGroups: [example.com], resources: [namespaces], verbs: [patch] }
        ---
        # A Role reaches only its own namespace's object, which resourceNames leaves out here.
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: other-namespace, namespace: shop }
        rules:
          - { apiGroups: [""], resources: [namespaces], resourceNames: [payments], verbs: [patch] }
      `,
    },
  ],
  invalid: [
    {
      name: 'a Role that patches its own namespace, and a ClusterRole limited to named namespaces, both unbound',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: relabeller, namespace: shop }
        rules:
          - { apiGroups: [""], resources: [namespaces], verbs: [patch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: team-namespaces }
        rules:
          - { apiGroups: [""], resources: [namespaces], resourceNames: [team-a, team-b], verbs: [update] }
      `,
      errors: [
        {
          line: 5,
          message:
            'Role "relabeller" lets its holders change Namespace objects (patch on namespaces, on the namespace\'s own object): whoever may change a Namespace object may relabel it, and the `pod-security.kubernetes.io/enforce` label decides which pods Pod Security admission lets in (set to `privileged`, it admits host namespaces, hostPath volumes and privileged containers in that namespace), as labels decide which NetworkPolicies that select namespaces let its traffic through. No binding in the scan grants it yet; any binding hands this out.',
        },
        { line: 11, message: /\(update on namespaces named "team-a" and "team-b"\)/ },
      ],
    },
    {
      name: 'a wildcard ClusterRole bound cluster-wide to a ServiceAccount',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: labeller }
        rules:
          - { apiGroups: ["*"], resources: ["*"], verbs: [patch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: labeller }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: labeller }
        subjects: [{ kind: ServiceAccount, name: labeller, namespace: ops }]
      `,
      errors: [{ line: 10, message: /^ClusterRoleBinding "labeller" lets ServiceAccount "ops\/labeller" change Namespace objects cluster-wide through ClusterRole "labeller"/ }],
    },
    {
      name: 'a RoleBinding gives a ClusterRole\'s namespace rights in one namespace: its own object',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: namespace-labeller }
        rules:
          - { apiGroups: [""], resources: [namespaces], verbs: [update, patch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: labeller, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: namespace-labeller }
        subjects: [{ kind: ServiceAccount, name: deployer, namespace: shop }]
      `,
      errors: [{ line: 10, message: /^RoleBinding "labeller" lets ServiceAccount "shop\/deployer" change Namespace objects in namespace "shop" through ClusterRole "namespace-labeller": update, patch on namespaces, on the namespace's own object\./ }],
    },
  ],
});
