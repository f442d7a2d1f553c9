import type { NodePath, Resource } from '../../model/types.js';
import { annotationPath, annotationsOf } from '../../graph/kubernetes.js';
import type { ResourceGraph } from '../../graph/graph.js';
import { IRSA_ANNOTATION, appIdentity, describeWorkload, rbacIndex } from '../../graph/rbac.js';
import { asObject, asString } from '../../util/json.js';
import { createRule } from '../rule.js';
import { containsTemplate } from '../../util/template.js';

const ROLE_ARN = /^arn:aws(?:-cn|-us-gov|-iso|-iso-[a-z]|-eusc)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
/** Documentation placeholders: left for the deployer to fill in, not a decision to judge. */
const PLACEHOLDER = /<[^>]*>|x{4,}|\baccount[_-]?id\b|aws_account|\bchangeme\b|\breplace\b|\.\.\./i;

/** Why a value is not a usable IAM role ARN, or undefined when it is one (or cannot be judged). */
export function roleArnProblem(value: string): string | undefined {
  const arn = value.trim();
  if (arn === '' || containsTemplate(arn) || PLACEHOLDER.test(arn)) return undefined;
  if (ROLE_ARN.test(arn)) return undefined;
  if (!arn.startsWith('arn:')) return 'it is not an ARN (the webhook needs the full role ARN, not a role name)';
  const [, partition, service, , account, resource] = arn.split(':');
  if (service === 'sts') return 'it is an STS (assumed-role) ARN, not an IAM role ARN';
  if (service !== 'iam') return `it names the "${service ?? ''}" service, not IAM`;
  if (!/^aws(-[a-z]+)*$/.test(partition ?? '')) return `"${partition ?? ''}" is not an AWS partition`;
  if (!/^\d{12}$/.test(account ?? '')) return `"${account ?? ''}" is not a 12-digit account ID`;
  const type = (resource ?? '').split('/')[0];
  if (type !== 'role') return `it is an IAM ${type || 'resource'} ARN, not a role ARN`;
  return 'it is not a well-formed IAM role ARN';
}

interface RoleUse {
  resource: Resource;
  /** Identity of the service account the role is given to. */
  serviceAccount: string;
  namespace?: string;
  arn: string;
  path: NodePath;
  kind: 'annotation' | 'pod-identity';
}

function roleUses(graph: ResourceGraph): RoleUse[] {
  const uses: RoleUse[] = [];
  for (const account of graph.ofType('kubernetes', 'ServiceAccount')) {
    const arn = annotationsOf(account)[IRSA_ANNOTATION]?.trim();
    if (!arn || containsTemplate(arn) || PLACEHOLDER.test(arn) || roleArnProblem(arn) !== undefined) continue;
    const use: RoleUse = { resource: account, serviceAccount: account.name, arn, path: annotationPath(IRSA_ANNOTATION), kind: 'annotation' };
    if (account.namespace !== undefined) use.namespace = account.namespace;
    uses.push(use);
  }
  // EKS Pod Identity associations managed from the cluster (ACK's PodIdentityAssociation).
  for (const association of graph.ofType('kubernetes', 'PodIdentityAssociation')) {
    if (!(association.apiVersion ?? '').startsWith('eks.services.k8s.aws/')) continue;
    const spec = asObject(association.body.spec);
    const arn = asString(spec?.roleARN)?.trim();
    const serviceAccount = asString(spec?.serviceAccount);
    if (!arn || !serviceAccount || containsTemplate(arn) || containsTemplate(serviceAccount) || PLACEHOLDER.test(arn) || roleArnProblem(arn) !== undefined) continue;
    const use: RoleUse = { resource: association, serviceAccount, arn, path: ['spec', 'roleARN'], kind: 'pod-identity' };
    const namespace = asString(spec?.namespace);
    if (namespace && !containsTemplate(namespace)) use.namespace = namespace;
    uses.push(use);
  }
  return uses;
}

interface RoleUses {
  byResource: Map<Resource, RoleUse>;
  byArn: Map<string, RoleUse[]>;
}

function indexUses(graph: ResourceGraph): RoleUses {
  const byResource = new Map<Resource, RoleUse>();
  const byArn = new Map<string, RoleUse[]>();
  for (const use of roleUses(graph)) {
    byResource.set(use.resource, use);
    byArn.set(use.arn, [...(byArn.get(use.arn) ?? []), use]);
  }
  return { byResource, byArn };
}

function sameAccount(a: RoleUse, b: RoleUse): boolean {
  return a.serviceAccount === b.serviceAccount && (a.namespace === undefined || b.namespace === undefined || a.namespace === b.namespace);
}

function describeAccount(use: RoleUse): string {
  return `ServiceAccount "${use.namespace ? `${use.namespace}/` : ''}${use.serviceAccount}"`;
}

export default createRule({
  meta: {
    id: 'k8s/irsa-role-per-service-account',
    title: 'Each workload must have its own IAM role (IRSA / Pod Identity)',
    severity: 'medium',
    seedPoints: ['IAM-1'],
    artifacts: ['kubernetes'],
    description:
      'Looks at IAM roles given to pods through the `eks.amazonaws.com/role-arn` ServiceAccount annotation (IRSA) or an ACK `PodIdentityAssociation`. Reports (1) an annotation whose value is not an IAM role ARN; (2) one role ARN given to several distinct ServiceAccounts; (3) an IRSA ServiceAccount that workloads of different apps run as (apps told apart by their `app.kubernetes.io/name`, `app` or `k8s-app` label); (4) an IAM role on a namespace\'s `default` ServiceAccount. The same ServiceAccount defined in several files (overlays) counts once.',
    rationale:
      'The IAM role is the workload\'s AWS identity. A role shared by several workloads must allow the union of what they all need, so a compromise of the least important one reaches every bucket, queue and secret of the others, and CloudTrail cannot tell them apart. A malformed ARN silently leaves the pod with the node\'s role or no credentials.',
    remediation:
      'Create one IAM role per workload, with a trust policy limited to `system:serviceaccount:<namespace>:<name>` (IRSA) or a Pod Identity association for that ServiceAccount only, and give each workload its own ServiceAccount. Use the full ARN: `arn:aws:iam::<account-id>:role/<name>`.',
    limitations:
      'Template expressions and documentation placeholders (`${ROLE_ARN}`, `<account-id>`, `xxxxxxxxxxxx`) are not judged. Pod Identity associations written in CloudFormation, Terraform or eksctl are compared by eks/pod-identity-role-per-service-account; those made through the EKS API are not visible. Whether the role\'s policy is least privilege is checked on the IAM side.',
    references: {
      peers: [],
      frameworks: [{ framework: 'CIS EKS Benchmark 1.5', id: '5.2.1' }],
      links: ['https://docs.aws.amazon.com/eks/latest/userguide/iam-roles-for-service-accounts.html', 'https://aws.github.io/aws-eks-best-practices/security/docs/iam/#scope-the-iam-role-trust-policy-for-irsa-roles-to-the-service-account-name-namespace-and-cluster'],
    },
  },
  appliesTo: (resource: Resource) => resource.type === 'ServiceAccount' || resource.type === 'PodIdentityAssociation',
  check({ resource, graph, report }) {
    const uses = graph.memo('irsa:role-uses', indexUses);
    const raw = resource.type === 'ServiceAccount' ? annotationsOf(resource)[IRSA_ANNOTATION]?.trim() : undefined;
    if (resource.type === 'ServiceAccount') {
      if (raw === undefined || raw === '') return;
      const problem = roleArnProblem(raw);
      if (problem) {
        report({ path: annotationPath(IRSA_ANNOTATION), message: `ServiceAccount "${resource.name}" has ${IRSA_ANNOTATION} "${raw}", which does not work: ${problem}.` });
        return;
      }
      if (resource.name === 'default') {
        report({
          path: annotationPath(IRSA_ANNOTATION),
          message: `The "default" ServiceAccount${resource.namespace ? ` of namespace "${resource.namespace}"` : ''} has an IAM role: every pod of the namespace that names no ServiceAccount gets its AWS permissions.`,
        });
      }
    }

    const mine = uses.byResource.get(resource);
    if (mine) {
      const others: RoleUse[] = [];
      for (const use of uses.byArn.get(mine.arn) ?? []) {
        if (sameAccount(use, mine) || others.some((seen) => sameAccount(seen, use))) continue;
        others.push(use);
      }
      if (others.length > 0) {
        const listed = others.slice(0, 3).map(describeAccount).join(', ') + (others.length > 3 ? ` and ${others.length - 3} more` : '');
        report({ path: mine.path, message: `IAM role "${mine.arn}" is given to ${describeAccount(mine)} and also to ${listed}: each workload should have its own role.` });
      }
    }

    if (resource.type !== 'ServiceAccount' || resource.name === 'default') return;
    const apps = new Map<string, Resource>();
    for (const account of rbacIndex(graph).workloadsOf(resource.namespace, resource.name)) {
      const app = appIdentity(account);
      if (app !== undefined && !apps.has(app)) apps.set(app, account.workload);
    }
    if (apps.size < 2) return;
    const listed = [...apps].slice(0, 4).map(([app, workload]) => `${describeWorkload(workload)} (app "${app}")`).join(', ') + (apps.size > 4 ? ` and ${apps.size - 4} more` : '');
    report({
      path: annotationPath(IRSA_ANNOTATION),
      message: `ServiceAccount "${resource.name}" has an IAM role and is used by workloads of ${apps.size} different apps: ${listed}; each gets the AWS permissions all of them need.`,
    });
  },
});
