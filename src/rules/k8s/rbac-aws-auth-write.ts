import {
  bindingScope,
  checkPermission,
  describeBinding,
  describeRole,
  describeSubjects,
  isRoleOrBinding,
  matchRule,
  rulePath,
  unboundNote,
  verbList,
  type Grant,
  type PolicyRule,
} from '../../graph/rbac.js';
import { isUnresolved } from '../../util/template.js';
import { createRule } from '../rule.js';

const AWS_AUTH = 'aws-auth';
const AWS_AUTH_NAMESPACE = 'kube-system';
/**
 * Verbs that rewrite an existing aws-auth. `resourceNames` cannot limit `deletecollection` (nor `create`), so
 * a rule naming aws-auth grants only the others. `create` is left out: it cannot replace an existing aws-auth,
 * and every controller's leader election needs it in its namespace (kube-system for many).
 */
const NAMED_WRITE_VERBS = ['update', 'patch', 'delete'];
const WRITE_VERBS = [...NAMED_WRITE_VERBS, 'deletecollection'];

/**
 * Write access to the aws-auth ConfigMap: configmaps in the core group, not limited by resourceNames to other
 * ConfigMaps, taking effect in kube-system. Where the namespace is unknown (a Role or RoleBinding without one,
 * or a templated one), only a rule that names aws-auth is counted: it states the intent.
 */
function grants(rule: PolicyRule, namespaced: boolean, namespace?: string): Grant[] {
  const named = rule.resourceNames.includes(AWS_AUTH);
  if (rule.resourceNames.length > 0 && !named) return [];
  if (namespaced) {
    const unknown = namespace === undefined || isUnresolved(namespace);
    if (unknown ? !named : namespace !== AWS_AUTH_NAMESPACE) return [];
  }
  const match = matchRule(rule, [''], 'configmaps', named ? NAMED_WRITE_VERBS : WRITE_VERBS);
  if (!match) return [];
  const target = named ? 'the aws-auth ConfigMap' : `every ConfigMap of ${AWS_AUTH_NAMESPACE}, aws-auth included`;
  return [{ text: `${verbList(match.verbs)} on ${target}`, path: rulePath(rule, 'resources', match.resource) }];
}

export default createRule({
  meta: {
    id: 'k8s/rbac-aws-auth-write',
    title: 'RBAC must not let workloads or people rewrite the aws-auth ConfigMap',
    severity: 'high',
    seedPoints: ['EKS-1', 'EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports RBAC grants of `update`, `patch`, `delete` or `deletecollection` (or `*`) on `configmaps` in the core API group that reach the `aws-auth` ConfigMap of `kube-system`: a Role in kube-system, a ClusterRole bound cluster-wide or by a RoleBinding in kube-system, or a ClusterRole bound nowhere in the scan, unless `resourceNames` leaves aws-auth out. A Role or RoleBinding whose namespace is unset or templated is reported only when its rule names aws-auth. A grant is reported once: on each binding that hands it out, or on the role when no binding of the scan does.',
    rationale:
      'On EKS clusters that authenticate with the ConfigMap (authentication mode `CONFIG_MAP` or `API_AND_CONFIG_MAP`), aws-auth maps IAM roles and users to Kubernetes users and groups. Whoever can edit it can map any IAM identity they control to `system:masters` and become cluster administrator, or lock out the node role and every operator.',
    remediation:
      'Move cluster access to EKS access entries (authentication mode `API`) and delete the grant. If a controller must manage aws-auth, give it a Role in kube-system with `resourceNames: [aws-auth]` and only `get`, `update` and `patch`, bound to its own ServiceAccount, and review who holds that binding.',
    limitations:
      'Kubernetes\' own roles and bindings (`system:`, `eks:`, `gce:` names, the `kubernetes.io/bootstrapping: rbac-defaults` label) and the default `admin` / `edit` ClusterRoles delegated to users or groups in a namespace are not reported; bindings of the default `cluster-admin` are left to k8s/rbac-cluster-admin-binding. Whether the cluster still reads aws-auth (its authentication mode) is not known from the manifests. `create` on configmaps is not reported: it cannot replace an existing aws-auth (it would create one on a cluster that has none), RBAC cannot limit it by name, and leader election needs it in the controller\'s namespace, kube-system included; likewise `deletecollection` limited by `resourceNames` grants nothing.',
    references: {
      peers: [{ tool: 'trivy', id: 'AVD-KSV-0115' }],
      frameworks: [{ framework: 'Amazon EKS Best Practices Guide', id: 'Identity and access management: use EKS access entries' }],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/auth-configmap.html', 'https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html'],
    },
  },
  appliesTo: isRoleOrBinding,
  check(context) {
    checkPermission(context, {
      grants,
      roleMessage: (role, grant) =>
        `${describeRole(role)} can rewrite the aws-auth ConfigMap (${grant.text}): a holder can map an IAM identity of their own to system:masters, or delete the mappings and lock out nodes and operators. ${unboundNote(role)}`,
      bindingMessage: (binding, texts) =>
        `${describeBinding(binding)} lets ${describeSubjects(binding.subjects)} rewrite the aws-auth ConfigMap ${bindingScope(binding)} through ${describeRole(binding.role)} (${texts.join('; ')}): they can map an IAM identity of their own to system:masters, or delete the mappings and lock out nodes and operators.`,
    });
  },
});
