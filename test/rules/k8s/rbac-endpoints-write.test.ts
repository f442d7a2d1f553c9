import rule from '../../../src/rules/k8s/rbac-endpoints-write.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'create limited by resourceNames grants nothing (RBAC cannot limit create by name)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: creator, namespace: app }
        rules:
          - { apiGroups: [""], resources: [endpoints], verbs: [create], resourceNames: [foo] }
      `,
    },
    {
      name: 'reading endpoints, deleting them, writing another group\'s, the default edit role (no endpoints write since 1.22), Kubernetes\' own controllers',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: endpoints-reader }
        rules:
          - { apiGroups: ["", discovery.k8s.io], resources: [endpoints, endpointslices], verbs: [get, list, watch, delete] }
          - { apiGroups: [example.com], resources: [endpoints], verbs: [create] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: ci-edit, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: ServiceAccount, name: ci, namespace: shop }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "system:controller:endpoint-controller" }
        rules:
          - { apiGroups: [""], resources: [endpoints], verbs: [create, update, delete] }
      `,
    },
  ],
  invalid: [
    {
      name: 'patching a Service status (its load balancer address) takes over traffic for that address (CVE-2020-8554)',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: lb-status }
        rules:
          - apiGroups: [""]
            resources: [services/status]
            verbs: [get, patch, update]
      `,
      errors: [{ line: 6, message: 'lets its holders write Endpoints, EndpointSlices or Service status (patch, update on services/status)' }],
    },
    {
      name: 'Gatekeeper (CVE-2021-25740): a Role writing endpoints, a ClusterRole patching EndpointSlices by wildcard verbs, bound to a ServiceAccount',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: endpoints-writer, namespace: shop }
        rules:
          - { apiGroups: [""], resources: [endpoints], verbs: [create, update] }
          - { apiGroups: [""], resources: [endpoints], resourceNames: [leader-lock], verbs: [update] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: slices }
        rules:
          - apiGroups: [discovery.k8s.io]
            resources: [endpointslices]
            verbs: ["*"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: mesh-slices, namespace: mesh }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: slices }
        subjects: [{ kind: ServiceAccount, name: mesh, namespace: mesh }]
      `,
      errors: [
        {
          line: 5,
          message:
            'Role "endpoints-writer" lets its holders write Endpoints, EndpointSlices or Service status (create, update on endpoints): Endpoints and EndpointSlices say where a Service sends its traffic, and any IP may be written there',
        },
        { line: 6, message: 'Role "endpoints-writer" lets its holders write Endpoints, EndpointSlices or Service status (update on endpoints (only "leader-lock"))' },
        { line: 19, message: /^RoleBinding "mesh-slices" lets ServiceAccount "mesh\/mesh" write Endpoints, EndpointSlices or Service status in namespace "mesh" through ClusterRole "slices": "\*" on endpointslices\./ },
      ],
    },
  ],
});
