import rule from '../../../src/rules/k8s/rbac-privilege-escalation-verbs.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'bind limited to namespaced Roles named admin and edit: the namespace\'s own roles, not the built-in ClusterRoles',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: binder, namespace: app }
        rules:
          - apiGroups: [rbac.authorization.k8s.io]
            resources: [roles]
            verbs: [bind]
            resourceNames: [admin, edit]
      `,
    },
    {
      name: 'managing roles without escalate / bind, and bind limited with resourceNames',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: role-manager }
        rules:
          - apiGroups: [rbac.authorization.k8s.io]
            resources: [roles, rolebindings]
            verbs: [get, list, watch, create, update, patch, delete]
          - apiGroups: [rbac.authorization.k8s.io]
            resources: [clusterroles]
            resourceNames: [app-viewer]
            verbs: [bind]
          - apiGroups: [""]
            resources: [pods]
            verbs: ["*"]
      `,
    },
    {
      name: 'a namespaced Role cannot impersonate cluster-scoped users or groups, nor escalate clusterroles',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: r, namespace: a }
        rules:
          - apiGroups: [""]
            resources: [users, groups]
            verbs: [impersonate]
          - apiGroups: [rbac.authorization.k8s.io]
            resources: [clusterroles]
            verbs: [escalate]
      `,
    },
    {
      name: 'the default admin role delegated to a team in its namespace',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: team-admins, namespace: team }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin }
        subjects: [{ kind: Group, name: team-leads }]
      `,
    },
  ],
  invalid: [
    {
      name: 'resourceNames that name cluster-admin or system:masters limit nothing (Checkov CKV2_K8S_3 probes)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: deployer }
        rules:
          - apiGroups: [rbac.authorization.k8s.io]
            resources: [clusterroles]
            verbs: [bind]
            resourceNames: [cluster-admin, app-viewer]
          - apiGroups: [""]
            resources: [groups]
            verbs: [impersonate]
            resourceNames: [system:masters]
          - apiGroups: [""]
            resources: [users]
            verbs: [impersonate]
            resourceNames: [anyone]
      `,
      errors: [
        { line: 7, message: 'bind on clusterroles named cluster-admin' },
        { line: 11, message: 'impersonate on groups named system:masters' },
      ],
    },
    {
      name: 'bind on clusterroles in a namespaced Role: the holder may bind cluster-admin in that namespace',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: binder, namespace: team }
        rules:
          - apiGroups: [rbac.authorization.k8s.io]
            resources: [clusterroles]
            verbs: [bind]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: all-on-clusterroles, namespace: team }
        rules:
          - apiGroups: [rbac.authorization.k8s.io]
            resources: [clusterroles]
            verbs: ["*"]
      `,
      errors: [
        { line: 7, column: 13, message: 'bind on clusterroles' },
        { line: 15, column: 13, message: 'bind (through "*") on clusterroles' },
      ],
    },
    {
      name: 'escalate, bind and impersonate on an unbound ClusterRole, at the verb',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: power }
        rules:
          - apiGroups: [rbac.authorization.k8s.io]
            resources: [clusterroles]
            verbs: [get, escalate, bind]
          - apiGroups: [""]
            resources: [users, groups, serviceaccounts]
            verbs:
              - impersonate
          - apiGroups: [rbac.authorization.k8s.io]
            resources: ["*"]
            verbs: ["*"]
      `,
      errors: [
        { line: 7, column: 18, message: 'escalate on clusterroles; bind on clusterroles' },
        { line: 11, column: 9, message: 'impersonate on users, groups and serviceaccounts' },
        { line: 14, message: 'escalate (through "*") on roles and clusterroles; bind (through "*") on roles and clusterroles' },
      ],
    },
    {
      name: 'a namespaced grant of impersonate on service accounts, through a binding',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: sa-impersonator, namespace: ci }
        rules: [{ apiGroups: [""], resources: [serviceaccounts], verbs: [impersonate] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: sa-impersonator, namespace: ci }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: sa-impersonator }
        subjects: [{ kind: User, name: runner }]
      `,
      errors: [{ line: 9, message: 'RoleBinding "sa-impersonator" lets User "runner" escalate their own privileges in namespace "ci" through Role "sa-impersonator": impersonate on serviceaccounts.' }],
    },
    {
      name: 'the default edit role granted cluster-wide can impersonate service accounts everywhere',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: devs-edit-everything }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: Group, name: devs }]
      `,
      errors: [{ line: 4, message: 'impersonate on serviceaccounts' }],
    },
  ],
});
