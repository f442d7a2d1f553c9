import rule from '../../../src/rules/k8s/rbac-admission-control-write.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'read access, a namespaced Role (the objects are cluster-scoped), a ClusterRole bound in one namespace, other groups',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: webhook-viewer }
        rules:
          - { apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations, validatingwebhookconfigurations], verbs: [get, list, watch] }
          - { apiGroups: [example.com], resources: [mutatingwebhookconfigurations], verbs: [create] }
          # RBAC cannot limit create by name: this grants nothing.
          - { apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], resourceNames: [my-webhook], verbs: [create, get] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: namespaced, namespace: shop }
        rules:
          - { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: webhook-writer }
        rules:
          - { apiGroups: [admissionregistration.k8s.io], resources: [validatingwebhookconfigurations], verbs: [update] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: webhook-writer, namespace: shop }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: webhook-writer }
        subjects: [{ kind: ServiceAccount, name: app, namespace: shop }]
      `,
    },
  ],
  invalid: [
    {
      // Trivy AVD-KSV-0114 test shapes.
      name: 'unbound ClusterRoles that write webhook configurations or admission policies, by name or wildcard',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: webhook-manager }
        rules:
          - { apiGroups: [admissionregistration.k8s.io], resources: [mutatingwebhookconfigurations], resourceNames: [my-webhook], verbs: [patch] }
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: policy-remover }
        rules:
          - { apiGroups: ["*"], resources: [validatingadmissionpolicies, validatingadmissionpolicybindings], verbs: [delete] }
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
          severity: 'low',
          message:
            'ClusterRole "webhook-manager" lets its holders change the cluster\'s admission control (patch on mutatingwebhookconfigurations named "my-webhook"): a webhook they point elsewhere receives the objects sent to the API server (Secrets included), a mutating one rewrites them (pod specs included), and deleting or loosening a validating webhook or admission policy switches off what it enforces. No binding in the scan grants it yet; any binding hands this out.',
        },
        { line: 11, severity: 'high', message: /\(delete on validatingadmissionpolicies and validatingadmissionpolicybindings\)/ },
        { line: 17, message: /\("\*" on "\*" \(mutatingwebhookconfigurations, validatingwebhookconfigurations, .* included\)\)/ },
      ],
    },
    {
      name: 'a ClusterRoleBinding hands the grant to a group',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: webhook-writer }
        rules:
          - apiGroups: [admissionregistration.k8s.io]
            resources: [validatingwebhookconfigurations]
            verbs: [create, update]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: platform-webhooks }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: webhook-writer }
        subjects: [{ kind: Group, name: developers }]
      `,
      errors: [{ line: 12, message: /ClusterRoleBinding "platform-webhooks" lets Group "developers" change the cluster's admission control cluster-wide through ClusterRole "webhook-writer": create, update on validatingwebhookconfigurations\./ }],
    },
  ],
});
