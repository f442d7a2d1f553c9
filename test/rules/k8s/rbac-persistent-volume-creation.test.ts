import rule from '../../../src/rules/k8s/rbac-persistent-volume-creation.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'claims only, reading volumes, a namespaced Role (volumes are cluster-scoped), a ClusterRole bound in one namespace',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: claims }
        rules:
          - { apiGroups: [""], resources: [persistentvolumeclaims], verbs: [create, delete] }
          - { apiGroups: [""], resources: [persistentvolumes], verbs: [get, list, watch] }
          # resourceNames cannot limit create, so this rule lets nothing be created.
          - { apiGroups: [""], resources: [persistentvolumes], resourceNames: [data], verbs: [create] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: namespaced, namespace: shop }
        rules:
          - { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: pv-creator }
        rules:
          - { apiGroups: [""], resources: [persistentvolumes], verbs: [create] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: pv-creator, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: pv-creator }
        subjects: [{ kind: ServiceAccount, name: app, namespace: shop }]
      `,
    },
  ],
  invalid: [
    {
      name: "a CSI driver's external-provisioner role (EBS) is low, with a reason to confirm",
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: ebs-external-provisioner-role }
        rules:
          - { apiGroups: [""], resources: [persistentvolumes], verbs: [get, list, watch, create, patch, delete] }
          - { apiGroups: [""], resources: [persistentvolumeclaims], verbs: [get, list, watch, update] }
          - { apiGroups: [storage.k8s.io], resources: [storageclasses], verbs: [get, list, watch] }
      `,
      errors: [{ line: 5, severity: 'low', message: "with delete: a volume provisioner's grant (a CSI driver's external-provisioner); confirm that this is one" }],
    },
    {
      name: 'an unbound ClusterRole, and one bound cluster-wide to a ServiceAccount',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: volume-maker }
        rules:
          - { apiGroups: [""], resources: [persistentvolumes], verbs: [create, delete] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: storage-admin }
        rules:
          - { apiGroups: ["*"], resources: ["*"], verbs: [create] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: backup-storage-admin }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: storage-admin }
        subjects: [{ kind: ServiceAccount, name: backup, namespace: ops }]
      `,
      errors: [
        {
          line: 5,
          severity: 'medium',
          message:
            'ClusterRole "volume-maker" lets its holders create PersistentVolumes (create on persistentvolumes): a hostPath or local PersistentVolume mounts any directory of a node into the pod that claims it (the node\'s root filesystem, kubelet credentials, other pods\' data), and Pod Security admission does not look at PersistentVolumes. No binding in the scan grants it yet; any binding hands this out.',
        },
        { line: 16, message: /^ClusterRoleBinding "backup-storage-admin" lets ServiceAccount "ops\/backup" create PersistentVolumes cluster-wide through ClusterRole "storage-admin"/ },
      ],
    },
    {
      name: 'aggregated into edit: only those bound to edit cluster-wide reach cluster-scoped volumes',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: storage-edit
          labels: { rbac.authorization.k8s.io/aggregate-to-edit: "true" }
        rules:
          - { apiGroups: [""], resources: [persistentvolumes], verbs: [create] }
      `,
      errors: [{ line: 7, message: /It is aggregated into the default ClusterRole "edit", so everyone bound to it cluster-wide gets it\.$/ }],
    },
  ],
});
