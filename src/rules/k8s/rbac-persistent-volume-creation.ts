import {
  checkPermission,
  grantMessages,
  grantOnTargets,
  isRoleOrBinding,
  type Grant,
  type PolicyRule,
} from '../../graph/rbac.js';
import { asArray, asObject } from '../../util/json.js';
import { createRule } from '../rule.js';

/**
 * A volume provisioner's role: `create` and `delete` on PersistentVolumes in this rule (no `*`), and the role also
 * reads StorageClasses and PersistentVolumeClaims, which a provisioner watches to know what to create.
 */
function isProvisionerShape(rule: PolicyRule): boolean {
  if (rule.verbs.includes('*') || !rule.verbs.includes('delete')) return false;
  const others = asArray(rule.holder?.body.rules).map(asObject);
  const reads = (group: string, resource: string): boolean =>
    others.some((other) => asArray(other?.apiGroups).includes(group) && asArray(other?.resources).includes(resource) && asArray(other?.verbs).some((verb) => verb === 'get' || verb === 'list' || verb === 'watch'));
  return reads('storage.k8s.io', 'storageclasses') && reads('', 'persistentvolumeclaims');
}

function grants(rule: PolicyRule, namespaced: boolean): Grant[] {
  // PersistentVolumes are cluster-scoped: a Role, or a ClusterRole granted by a RoleBinding, does not reach them;
  // and resourceNames cannot limit `create`.
  if (namespaced || rule.resourceNames.length > 0) return [];
  const grant = grantOnTargets(rule, [{ group: '', resource: 'persistentvolumes' }], ['create']);
  if (!grant) return [];
  // The shape of a CSI driver's external-provisioner role (EBS, EFS): the grant a volume provisioner needs, to confirm
  // rather than to remove.
  if (isProvisionerShape(rule)) {
    return [{ text: `${grant.text}, with delete: a volume provisioner's grant (a CSI driver's external-provisioner); confirm that this is one, and suppress with that reason`, path: grant.path, severity: 'low' }];
  }
  return [{ text: grant.text, path: grant.path }];
}

const CONSEQUENCE =
  'a hostPath or local PersistentVolume mounts any directory of a node into the pod that claims it (the node\'s root filesystem, kubelet credentials, other pods\' data), and Pod Security admission does not look at PersistentVolumes';

export default createRule({
  meta: {
    id: 'k8s/rbac-persistent-volume-creation',
    title: 'RBAC must not let applications create PersistentVolumes',
    severity: 'medium',
    otherSeverities: ['low'],
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports cluster-wide RBAC grants of `create` on `persistentvolumes` in the core API group, wildcards included (`*` verbs, `*` resources, `*` API groups); low in the shape of a volume provisioner\'s role (a CSI driver\'s external-provisioner: `create` and `delete` on PersistentVolumes, and StorageClasses and PersistentVolumeClaims read). A grant is reported once: on each ClusterRoleBinding of the scan that hands the role out (at `roleRef.name`, naming the subjects), or on the ClusterRole rule itself when no binding of the scan grants the role.',
    rationale:
      'A PersistentVolume chooses its own backing storage. One of type `hostPath` or `local`, claimed by a pod, gives that pod a node directory of the creator\'s choosing: the restricted Pod Security profile forbids hostPath volumes in pods, but not PersistentVolumes that point at the host. Kubernetes\' RBAC good practices list PersistentVolume creation as an escalation path; CIS Kubernetes Benchmark 5.1.9 asks to minimize it.',
    remediation:
      'Let StorageClasses and their CSI provisioners (the EBS or EFS CSI driver on EKS) create PersistentVolumes from PersistentVolumeClaims; applications only need to create claims. Keep manual PersistentVolume creation with cluster administrators.',
    limitations:
      'Kubernetes\' own roles and bindings (`system:`, `eks:`, `gce:` names, the `kubernetes.io/bootstrapping: rbac-defaults` label, and the default `cluster-admin` ClusterRole) are not reported; bindings of the default `cluster-admin` are reported by k8s/rbac-cluster-admin-binding instead. CSI provisioners and storage operators need this grant: suppress it on their ClusterRole with a reason. On EKS Fargate hostPath volumes are not supported, which the scan cannot see. A binding to a role that is neither in the scan nor a default is not reported. Grants in a Role, or through a RoleBinding, are not reported: PersistentVolumes are cluster-scoped.',
    references: {
      peers: [],
      frameworks: [
        { framework: 'CIS Kubernetes Benchmark 1.9', id: '5.1.9' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' },
      ],
      links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation'],
    },
  },
  appliesTo: isRoleOrBinding,
  check(context) {
    checkPermission(context, { grants, ...grantMessages('create PersistentVolumes', CONSEQUENCE, true) });
  },
});
