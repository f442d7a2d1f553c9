import { terraformRoot } from '../../graph/aws.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { propsOf, targetsOf } from '../../graph/network.js';
import type { JsonValue, NodePath, Resource } from '../../model/types.js';
import { asArray, asString, isObject } from '../../util/json.js';
import { containsTemplate } from '../../util/template.js';
import { isUnknown } from '../../util/unknown.js';
import { createRule } from '../rule.js';

const ROLE_TYPES: ReadonlySet<string> = new Set(['AWS::IAM::Role', 'aws_iam_role']);
const ASSOCIATION_TYPES: ReadonlySet<string> = new Set(['AWS::EKS::PodIdentityAssociation', 'AWS::EKS::Addon', 'aws_eks_pod_identity_association', 'aws_eks_addon', 'ClusterConfig']);

/** One Pod Identity association: an IAM role given to one service account. */
interface Association {
  resource: Resource;
  /** Where the role is named, inside the resource's body. */
  path: NodePath;
  /** The role: its literal ARN, or the role resource of the scan it refers to. */
  role: string;
  roleLabel: string;
  /** The service account's name, its namespace when known (an add-on's is the add-on's choice), and how messages name it. */
  serviceAccount: { namespace: string | undefined; name: string; label: string };
}

/** A literal value that is neither unresolved nor templated. */
function literal(value: JsonValue | undefined): string | undefined {
  const text = asString(value)?.trim();
  return text === undefined || text === '' || isUnknown(value) || containsTemplate(text) ? undefined : text;
}

/** The role a value names: a literal ARN, or exactly one IAM role resource of the scan. */
function roleOf(graph: ResourceGraph, resource: Resource, path: NodePath, value: JsonValue | undefined): { role: string; label: string } | undefined {
  const arn = literal(value);
  if (arn !== undefined) return arn.startsWith('arn:') ? { role: arn, label: `"${arn}"` } : undefined;
  if (resource.artifact === 'eksctl') return undefined;
  const targets = targetsOf(graph, resource, path);
  if (targets === 'unknown' || targets.length !== 1) return undefined;
  const [role] = targets;
  if (!role || !ROLE_TYPES.has(role.type)) return undefined;
  const scope = role.artifact === 'terraform' ? terraformRoot(role) : role.document.file.path;
  return { role: `${role.type}\u0000${scope}\u0000${role.name}`, label: role.artifact === 'terraform' ? role.name : `"${role.name}"` };
}

function associationsOf(graph: ResourceGraph, resource: Resource): Association[] {
  const out: Association[] = [];
  // `namespace` null: the add-on's own namespace, unknown here (kube-system for most, another for some).
  const add = (path: NodePath, value: JsonValue | undefined, namespace: string | undefined | null, serviceAccount: string | undefined, addon?: string): void => {
    const role = roleOf(graph, resource, path, value);
    if (!role || namespace === undefined || serviceAccount === undefined) return;
    const label = namespace === null ? `"${serviceAccount}" of add-on "${addon ?? '?'}"` : `"${namespace}/${serviceAccount}"`;
    out.push({ resource, path, role: role.role, roleLabel: role.label, serviceAccount: { namespace: namespace ?? undefined, name: serviceAccount, label } });
  };
  const { props, path } = propsOf(resource);
  switch (resource.type) {
    case 'AWS::EKS::PodIdentityAssociation':
      add([...path, 'RoleArn'], props.RoleArn, literal(props.Namespace), literal(props.ServiceAccount));
      break;
    case 'aws_eks_pod_identity_association':
      add(['role_arn'], props.role_arn, literal(props.namespace), literal(props.service_account));
      break;
    case 'AWS::EKS::Addon':
    case 'aws_eks_addon': {
      const tf = resource.artifact === 'terraform';
      const addon = literal(props[tf ? 'addon_name' : 'AddonName']);
      const list = tf ? 'pod_identity_association' : 'PodIdentityAssociations';
      asArray(props[list]).forEach((entry, index) => {
        if (!isObject(entry) || addon === undefined) return;
        const roleKey = tf ? 'role_arn' : 'RoleArn';
        add([...path, list, index, roleKey], entry[roleKey], null, literal(entry[tf ? 'service_account' : 'ServiceAccount']), addon);
      });
      break;
    }
    case 'ClusterConfig': {
      const iam = resource.body.iam;
      asArray(isObject(iam) ? iam.podIdentityAssociations : undefined).forEach((entry, index) => {
        if (isObject(entry)) add(['iam', 'podIdentityAssociations', index, 'roleARN'], entry.roleARN, literal(entry.namespace), literal(entry.serviceAccountName));
      });
      asArray(resource.body.addons).forEach((addonEntry, addonIndex) => {
        if (!isObject(addonEntry)) return;
        const addon = literal(addonEntry.name);
        asArray(addonEntry.podIdentityAssociations).forEach((entry, index) => {
          if (isObject(entry) && addon !== undefined) add(['addons', addonIndex, 'podIdentityAssociations', index, 'roleARN'], entry.roleARN, null, literal(entry.serviceAccountName), addon);
        });
      });
      break;
    }
  }
  return out;
}

interface AssociationIndex {
  byResource: Map<Resource, Association[]>;
  /** The service accounts each role is associated with. */
  accountsByRole: Map<string, Association['serviceAccount'][]>;
}

/** One service account: same name, and same namespace unless one of them is an add-on's (namespace unknown). */
function sameAccount(a: Association['serviceAccount'], b: Association['serviceAccount']): boolean {
  return a.name === b.name && (a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace);
}

function indexAssociations(graph: ResourceGraph): AssociationIndex {
  const index: AssociationIndex = { byResource: new Map(), accountsByRole: new Map() };
  for (const artifact of ['cloudformation', 'terraform', 'eksctl'] as const) {
    for (const type of ASSOCIATION_TYPES) {
      for (const resource of graph.ofType(artifact, type)) {
        const associations = associationsOf(graph, resource);
        index.byResource.set(resource, associations);
        for (const { role, serviceAccount } of associations) {
          let accounts = index.accountsByRole.get(role);
          if (!accounts) index.accountsByRole.set(role, (accounts = []));
          if (!accounts.some((account) => account.label === serviceAccount.label)) accounts.push(serviceAccount);
        }
      }
    }
  }
  return index;
}

export default createRule({
  meta: {
    id: 'eks/pod-identity-role-per-service-account',
    title: 'Each EKS Pod Identity association must give its service account a role of its own',
    severity: 'medium',
    seedPoints: ['IAM-1'],
    artifacts: ['cloudformation', 'terraform', 'eksctl'],
    description:
      'EKS Pod Identity associations written outside Kubernetes: CloudFormation `AWS::EKS::PodIdentityAssociation` and the `PodIdentityAssociations` of `AWS::EKS::Addon`, Terraform `aws_eks_pod_identity_association` and the `pod_identity_association` blocks of `aws_eks_addon`, eksctl `iam.podIdentityAssociations` and `addons[].podIdentityAssociations` with a `roleARN`. Reports an association whose IAM role (the same literal ARN, or the same role resource of the scan) is also associated with another service account anywhere in the scan. The same service account associated with one role in several clusters is one workload and is not reported.',
    rationale:
      'The IAM role is the workload\'s AWS identity. A role shared by several service accounts must allow the union of what they all need, so a compromise of the least important workload reaches every bucket, queue and secret of the others, and CloudTrail cannot tell them apart.',
    remediation:
      'Create one IAM role per service account (one `AWS::IAM::Role` / `aws_iam_role` per association, trusting `pods.eks.amazonaws.com` with `sts:AssumeRole` and `sts:TagSession`), with only the permissions that workload needs; eksctl can create it for you from `permissionPolicyARNs` or `wellKnownPolicies` when `roleARN` is left out.',
    limitations:
      'Roles given by unresolved values (parameters without defaults, module outputs, variables without values) are unknown and not compared, and so are associations whose namespace or service account is unresolved. An add-on\'s service account has the add-on\'s namespace, which these files do not say: it counts as the same account as one of the same name in any namespace. Roles given to pods through IRSA annotations or ACK objects are compared by k8s/irsa-role-per-service-account.',
    references: {
      peers: [],
      frameworks: [{ framework: 'CIS EKS Benchmark 1.5', id: '5.2.1' }],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html', 'https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html'],
    },
  },
  appliesTo: (resource) => ASSOCIATION_TYPES.has(resource.type) && (resource.type !== 'ClusterConfig' || resource.artifact === 'eksctl'),
  check({ resource, graph, report }) {
    const index = graph.memo('eks:pod-identity-roles', indexAssociations);
    for (const mine of index.byResource.get(resource) ?? []) {
      const others = (index.accountsByRole.get(mine.role) ?? []).filter((account) => !sameAccount(account, mine.serviceAccount));
      if (others.length === 0) continue;
      const listed = others.slice(0, 3).map((account) => account.label).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '');
      report({
        path: mine.path,
        key: mine.serviceAccount.label,
        message: `IAM role ${mine.roleLabel} is associated with service account ${mine.serviceAccount.label} and also with ${listed}: each workload should have its own role.`,
      });
    }
  },
});
