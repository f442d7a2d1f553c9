import rule from '../../../src/rules/k8s/rbac-pod-exec-attach.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'pods and logs only, and exec with a read-only verb',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: reader, namespace: app }
        rules:
          - apiGroups: [""]
            resources: [pods, pods/log]
            verbs: [get, list, create]
          - apiGroups: [""]
            resources: [pods/exec]
            verbs: [list]
          - apiGroups: [apps]
            resources: ["*"]
            verbs: [create]
      `,
    },
    {
      name: 'Kubernetes defaults and reserved names are not reported as roles',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: admin }
        rules: [{ apiGroups: [""], resources: [pods/exec], verbs: [create] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "system:controller:thing" }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "eks:node-manager" }
        rules: [{ apiGroups: [""], resources: [pods/attach], verbs: [create] }]
      `,
    },
    {
      name: 'a role bound only by platform bindings is the platform\'s',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: calico }
        rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: "gce:podsecuritypolicy:calico-sa" }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: calico }
        subjects: [{ kind: User, name: u }]
      `,
    },
    {
      name: 'default cluster-admin bindings are left to rbac-cluster-admin-binding; edit delegated to a group in a namespace is accepted',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: ops }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
        subjects: [{ kind: User, name: alice }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: devs, namespace: team-a }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: Group, name: team-a-devs }]
      `,
    },
    {
      name: 'a ClusterRole with nodes/proxy handed out by a RoleBinding only: nodes are out of reach of a namespace',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: node-proxy }
        rules:
          - apiGroups: [""]
            resources: [nodes/proxy]
            verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: team, namespace: app }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: node-proxy }
        subjects: [{ kind: User, name: u }]
      `,
    },
    {
      name: 'a binding to a role that is not in the scan is unknown',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: b, namespace: app }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: elsewhere }
        subjects: [{ kind: User, name: u }]
      `,
    },
  ],
  invalid: [
    {
      name: 'port-forward alone (medium): on the unbound role, and on a binding; a rule that also grants exec is reported for exec',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: pf, namespace: app }
        rules:
          - { apiGroups: [""], resources: [pods/portforward], verbs: [create] }
          - { apiGroups: [""], resources: [pods], verbs: [get] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: debug, namespace: app }
        rules:
          - { apiGroups: [""], resources: [pods/portforward, pods/exec], verbs: [create] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: debug, namespace: app }
        subjects: [{ kind: User, name: jane }]
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: debug }
      `,
      errors: [
        {
          line: 5,
          severity: 'medium',
          message: 'Role "pf" lets its holders port-forward to pods (create on pods/portforward, a tunnel to any port of the pods that bypasses NetworkPolicies).',
        },
        { line: 18, severity: 'high', message: /lets User "jane" exec into or attach to pods in namespace "app" through Role "debug": create on pods\/exec\.$/ },
      ],
    },
    {
      name: 'get on nodes/proxy in a ClusterRole: the kubelet API execs into any pod (a Role cannot reach nodes)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: node-debugger }
        rules:
          - apiGroups: [""]
            resources: [nodes, nodes/proxy]
            verbs: [get]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: namespaced, namespace: app }
        rules:
          - apiGroups: [""]
            resources: [nodes/proxy]
            verbs: [get, create]
      `,
      errors: [{ line: 6, column: 24, message: 'get on nodes/proxy; nodes/proxy reaches the kubelet API of every node, where get alone opens exec over a WebSocket', fix: 'Replace nodes/proxy with the kubelet subresources the agent reads: nodes/metrics, nodes/stats, nodes/log' }],
    },
    {
      name: 'explicit exec, attach through the verb wildcard, and get (WebSocket) on an unbound ClusterRole',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: debugger }
        rules:
          - apiGroups: [""]
            resources: [pods, pods/exec]
            verbs: [create]
          - apiGroups: [""]
            resources:
              - pods/attach
            verbs: ["*"]
          - apiGroups: ["*"]
            resources: ["*/exec"]
            verbs: [get]
      `,
      errors: [
        { line: 6, column: 23, message: 'create on pods/exec' },
        { line: 10, column: 9, message: '"*" on pods/attach' },
        { line: 13, message: /get on "\*\/exec" \(pods\/exec included\), enough to open a shell over a WebSocket before Kubernetes 1\.35 \(from 1\.35 the API server asks for create too/ },
      ],
    },
    {
      name: 'role and binding in the scan: one finding, on the binding, naming the subjects',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: support, namespace: shop }
        rules:
          - apiGroups: [""]
            resources: ["*"]
            verbs: [get, list]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: support, namespace: shop }
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: support
        subjects:
          - kind: Group
            name: support-team
          - kind: ServiceAccount
            name: bot
      `,
      errors: [
        {
          line: 15,
          column: 3,
          message: 'RoleBinding "support" lets Group "support-team", ServiceAccount "shop/bot" exec into or attach to pods in namespace "shop" through Role "support": get on "*" (pods/exec and pods/attach included)',
        },
      ],
    },
    {
      name: 'binding in another file, a binding named like a system one still checked when its role is not',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: ci-deployer }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:shell" }
        subjects: [{ kind: ServiceAccount, name: deployer, namespace: ci }]
      `,
      others: [
        {
          filename: 'roles.yaml',
          code: yaml`
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: { name: "system:shell" }
            rules: [{ apiGroups: [""], resources: [pods/exec], verbs: [create] }]
          `,
        },
      ],
      errors: [{ line: 4, message: 'ServiceAccount "ci/deployer" exec into or attach to pods cluster-wide through ClusterRole "system:shell": create on pods/exec' }],
    },
    {
      name: 'the default edit role reaching a ServiceAccount, and bound cluster-wide to people',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: deployer, namespace: prod }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: ServiceAccount, name: ci }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: everyone-edits }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin }
        subjects: [{ kind: Group, name: developers }]
      `,
      errors: [
        { line: 4, message: 'through the default ClusterRole "edit"' },
        { line: 10, message: 'Group "developers" exec into or attach to pods cluster-wide through the default ClusterRole "admin"' },
      ],
    },
    {
      name: 'JSON input: ClusterRole aggregated into a bound one is reported on the binding',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [
            {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'ClusterRole',
              metadata: { name: 'ops' },
              aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'example.com/ops': 'true' } }] },
              rules: [],
            },
            {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'ClusterRole',
              metadata: { name: 'ops-exec', labels: { 'example.com/ops': 'true' } },
              rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
            },
            {
              apiVersion: 'rbac.authorization.k8s.io/v1',
              kind: 'ClusterRoleBinding',
              metadata: { name: 'ops' },
              roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'ops' },
              subjects: [{ kind: 'Group', name: 'oncall' }],
            },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 54, message: 'through ClusterRole "ops": create on pods/exec' }],
    },
  ],
});
