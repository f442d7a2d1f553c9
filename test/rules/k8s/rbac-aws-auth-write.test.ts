import rule from '../../../src/rules/k8s/rbac-aws-auth-write.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'read access, other ConfigMaps by name, other namespaces, other API groups',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: read-auth, namespace: kube-system }
        rules:
          - { apiGroups: [""], resources: [configmaps], verbs: [get, list, watch] }
          - { apiGroups: [""], resources: [configmaps], resourceNames: [cluster-autoscaler-status], verbs: [update, patch, delete] }
          # Leader election: create cannot be limited by name, and cannot replace an existing aws-auth.
          - { apiGroups: [""], resources: [configmaps], verbs: [create] }
          # resourceNames cannot limit create or deletecollection: this grants nothing.
          - { apiGroups: [""], resources: [configmaps], resourceNames: [aws-auth], verbs: [create, deletecollection] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: app-config, namespace: shop }
        rules:
          - { apiGroups: [""], resources: [configmaps], verbs: ["*"] }
          - { apiGroups: [""], resources: [configmaps], resourceNames: [aws-auth], verbs: [update] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: unset-namespace }
        rules:
          - { apiGroups: [""], resources: [configmaps], verbs: [create, update, patch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: other-group }
        rules:
          - { apiGroups: [apps], resources: [configmaps], verbs: [update] }
      `,
    },
    {
      name: 'a ClusterRole with ConfigMap writes bound only in an application namespace; Kubernetes own roles',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: config-writer }
        rules:
          - { apiGroups: [""], resources: [configmaps], verbs: [create, update, patch, delete] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: config-writer, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: config-writer }
        subjects: [{ kind: ServiceAccount, name: app, namespace: shop }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "system:controller:bootstrap-signer" }
        rules:
          - { apiGroups: [""], resources: [configmaps], verbs: [update] }
      `,
    },
  ],
  invalid: [
    {
      name: 'aws-auth named in Roles of kube-system and of an unset namespace, a wildcard in a kube-system Role (Trivy AVD-KSV-0115 shapes)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: manage-auth, namespace: kube-system }
        rules:
          - apiGroups: [""]
            resources: [configmaps]
            resourceNames: [aws-auth]
            verbs: [update, patch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: manage-auth-anywhere }
        rules:
          - { apiGroups: ["*"], resources: [configmaps], resourceNames: [aws-auth], verbs: [create, patch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: everything, namespace: kube-system }
        rules:
          - { apiGroups: [""], resources: ["*"], verbs: ["*"] }
      `,
      errors: [
        { line: 6, message: 'Role "manage-auth" can rewrite the aws-auth ConfigMap (update, patch on the aws-auth ConfigMap): a holder can map an IAM identity of their own to system:masters, or delete the mappings and lock out nodes and operators.' },
        { line: 14, message: 'Role "manage-auth-anywhere" can rewrite the aws-auth ConfigMap (patch on the aws-auth ConfigMap)' },
        { line: 20, message: 'Role "everything" can rewrite the aws-auth ConfigMap ("*" on every ConfigMap of kube-system, aws-auth included)' },
      ],
    },
    {
      name: 'a ClusterRole bound cluster-wide and one bound in kube-system; an unbound ClusterRole',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: config-writer }
        rules:
          - { apiGroups: [""], resources: [configmaps], verbs: [update, patch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: ci-config-writer }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: config-writer }
        subjects: [{ kind: ServiceAccount, name: deployer, namespace: ci }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: system-config-writer, namespace: kube-system }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: config-writer }
        subjects: [{ kind: Group, name: platform-team }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: unbound }
        rules:
          - { apiGroups: [""], resources: [configmaps], verbs: [delete] }
      `,
      errors: [
        {
          line: 10,
          message:
            'ClusterRoleBinding "ci-config-writer" lets ServiceAccount "ci/deployer" rewrite the aws-auth ConfigMap cluster-wide through ClusterRole "config-writer" (update, patch on every ConfigMap of kube-system, aws-auth included): they can map an IAM identity of their own to system:masters, or delete the mappings and lock out nodes and operators.',
        },
        { line: 16, message: 'RoleBinding "system-config-writer" lets Group "platform-team" rewrite the aws-auth ConfigMap in namespace "kube-system" through ClusterRole "config-writer"' },
        { line: 23, message: 'ClusterRole "unbound" can rewrite the aws-auth ConfigMap (delete on every ConfigMap of kube-system, aws-auth included): a holder can map an IAM identity of their own to system:masters, or delete the mappings and lock out nodes and operators. No binding in the scan grants it yet' },
      ],
    },
    {
      name: 'a RoleBinding without a namespace lands with the kube-system Role it binds',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: editor, namespace: kube-system }
        rules:
          - { apiGroups: [""], resources: [configmaps], verbs: [update, patch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: editor }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: editor }
        subjects: [{ kind: ServiceAccount, name: tool, namespace: kube-system }]
      `,
      errors: [{ line: 10, message: 'RoleBinding "editor" lets ServiceAccount "kube-system/tool" rewrite the aws-auth ConfigMap in its namespace through Role "editor" (update, patch on every ConfigMap of kube-system, aws-auth included)' }],
    },
  ],
});
