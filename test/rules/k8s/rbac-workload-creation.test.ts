import rule from '../../../src/rules/k8s/rbac-workload-creation.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'read and delete access, named workloads, other API groups and resources, Kubernetes own roles',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: viewer, namespace: shop }
        rules:
          - { apiGroups: ["", apps, batch], resources: [pods, deployments, jobs], verbs: [get, list, watch, delete] }
          - { apiGroups: [batch], resources: [jobs], verbs: [update, patch] }
          # A rollout restart of one named Deployment: the least-privilege form.
          - { apiGroups: [apps], resources: [deployments], resourceNames: [web], verbs: [get, patch] }
          - { apiGroups: [""], resources: [pods/log, pods/status, services, configmaps], verbs: [create, update, patch] }
          - { apiGroups: [extensions], resources: [deployments], verbs: [create] }
          - { apiGroups: [apps], resources: [deployments/scale], verbs: [update, patch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "system:controller:job-controller" }
        rules:
          - { apiGroups: [""], resources: [pods], verbs: [create, delete, list, patch, watch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: devs-edit, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: Group, name: shop-developers }]
      `,
    },
  ],
  invalid: [
    {
      name: 'create and update on deployments and jobs: update on jobs is not counted',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: deployer, namespace: shop }
        rules:
          - { apiGroups: [apps, batch], resources: [deployments, jobs], verbs: [create, update] }
      `,
      errors: [{ line: 5, message: 'Role "deployer" lets its holders create or change workloads (create, update on deployments; create on jobs)' }],
    },
    {
      // Trivy AVD-KSV-0048 test shapes: pods and each workload controller, named verbs and wildcards.
      name: 'unbound Roles and ClusterRoles that create or change pods and controllers',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: pod-maker, namespace: shop }
        rules:
          - { apiGroups: [""], resources: [pods], verbs: [create] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: deployer }
        rules:
          - { apiGroups: [apps, batch], resources: [deployments, cronjobs], verbs: [update, patch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: anything }
        rules:
          - { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }
      `,
      errors: [
        {
          line: 5,
          message:
            'Role "pod-maker" lets its holders create or change workloads (create on pods): a pod they create, or a workload whose template they change, can mount every Secret, run as every ServiceAccount and use every ConfigMap of its namespace with whatever image and privileges admission control lets through, and a running pod whose image they replace keeps its ServiceAccount, volumes and privileges. No binding in the scan grants it yet; any binding hands this out.',
        },
        { line: 11, message: /ClusterRole "deployer" lets its holders create or change workloads \(update, patch on deployments and cronjobs\)/ },
        { line: 17, message: /\("\*" on "\*" \(pods, pods\/ephemeralcontainers, replicationcontrollers, deployments, daemonsets, statefulsets, replicasets, cronjobs and jobs included\)\)/ },
      ],
    },
    {
      name: 'a binding hands the grant to a service account; the default edit role bound to a ServiceAccount',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: job-runner }
        rules:
          - { apiGroups: [batch], resources: [jobs], verbs: [create] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: ci-job-runner }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: job-runner }
        subjects: [{ kind: ServiceAccount, name: ci, namespace: ci }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: app-edit, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: ServiceAccount, name: app, namespace: shop }]
      `,
      errors: [
        {
          line: 10,
          message:
            /ClusterRoleBinding "ci-job-runner" lets ServiceAccount "ci\/ci" create or change workloads cluster-wide through ClusterRole "job-runner": create on jobs\. A pod they create, or a workload whose template they change, can mount every Secret/,
        },
        { line: 16, message: /RoleBinding "app-edit" lets ServiceAccount "shop\/app" create or change workloads in namespace "shop" through the default ClusterRole "edit": create, patch, update on pods and replicationcontrollers; / },
      ],
    },
  ],
});
