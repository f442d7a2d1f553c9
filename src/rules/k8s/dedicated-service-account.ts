import { annotationsOf, isWorkload, namespaceKey } from '../../graph/kubernetes.js';
import {
  IRSA_ANNOTATION,
  appIdentity,
  describeAccountHolder,
  effectiveAutomount,
  rbacIndex,
  workloadServiceAccounts,
  type RbacIndex,
  type WorkloadAccount,
} from '../../graph/rbac.js';
import type { Resource } from '../../model/types.js';
import { createRule } from '../rule.js';

interface SharedAccount {
  /** Workloads running as the account, one entry per workload and app, in document order. */
  members: { account: WorkloadAccount; app: string }[];
  /** How many members each app has. */
  perApp: Map<string, number>;
  /** The apps of each member workload (a workload's pod templates may carry different app labels). */
  appsOf: Map<Resource, Set<string>>;
}

/** Workloads (with an app identity) per non-default ServiceAccount, memoized per scan. */
function sharers(index: RbacIndex): Map<string, SharedAccount> {
  const groups = new Map<string, SharedAccount>();
  for (const account of index.workloads) {
    if (account.unresolved || account.name === 'default') continue;
    const app = appIdentity(account);
    if (app === undefined) continue;
    const key = `${namespaceKey(account.workload)}\u0000${account.name}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { members: [], perApp: new Map(), appsOf: new Map() }));
    let apps = group.appsOf.get(account.workload);
    if (!apps) group.appsOf.set(account.workload, (apps = new Set()));
    if (apps.has(app)) continue;
    apps.add(app);
    group.members.push({ account, app });
    group.perApp.set(app, (group.perApp.get(app) ?? 0) + 1);
  }
  return groups;
}

export default createRule({
  meta: {
    id: 'k8s/dedicated-service-account',
    title: 'Each workload must run as its own service account',
    severity: 'medium',
    seedPoints: ['EKS-4'],
    artifacts: ['kubernetes'],
    description:
      'Reports workloads that run as the namespace\'s `default` ServiceAccount (no `serviceAccountName`, or `default`) while a token is mounted, and workloads of different apps (told apart by their `app.kubernetes.io/name`, `app` or `k8s-app` label) that share one ServiceAccount in the same namespace. ServiceAccounts with an IRSA role are left to k8s/irsa-role-per-service-account.',
    rationale:
      'RBAC permissions, IRSA / Pod Identity roles and image pull secrets attach to a ServiceAccount. When workloads share one, each holds the union of what all of them need, and a grant added for one app silently reaches the others; the `default` ServiceAccount is shared by every pod of the namespace that names none.',
    remediation:
      'Create a ServiceAccount per workload (`serviceAccountName: <app>`), bind only what that app needs to it, and set `automountServiceAccountToken: false` when it does not call the API.',
    limitations:
      'A pod that runs as `default` without a token mounted is not reported (nothing uses the identity). A pod template with no containers, or with a container that names no image, is a patch fragment (a Kustomize strategic-merge patch, which the API server would reject on its own) and is not checked: its service account comes from the base it patches. Apps are told apart by labels only: workloads without an app label are not compared, and components of one app labelled as different apps are reported.',
    references: {
      peers: [
        { tool: 'kube-linter', id: 'default-service-account' },
        { tool: 'checkov', id: 'CKV_ARGO_1' },
      ],
      frameworks: [
        { framework: 'CIS EKS Benchmark 1.5', id: '4.1.5' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: service accounts' },
      ],
      links: ['https://kubernetes.io/docs/concepts/security/service-accounts/'],
    },
  },
  appliesTo: isWorkload,
  check({ resource, graph, report }) {
    const index = rbacIndex(graph);
    for (const account of workloadServiceAccounts(resource)) {
      if (account.unresolved) continue;
      const who = describeAccountHolder(account);
      if (account.name === 'default') {
        const automount = effectiveAutomount(index, account);
        if (!automount?.value) continue;
        report({
          path: account.path,
          message: account.explicit
            ? `${who} runs as the "default" ServiceAccount, shared by every pod of the namespace that names none, with its token mounted.`
            : `${who} names no ServiceAccount, so it runs as the namespace's "default" one, shared by every pod that names none, with its token mounted.`,
        });
        continue;
      }
      const serviceAccount = index.serviceAccount(resource.namespace, account.name, resource.document.file.path);
      if (serviceAccount && annotationsOf(serviceAccount)[IRSA_ANNOTATION] !== undefined) continue;
      const mine = appIdentity(account);
      if (mine === undefined) continue;
      const group = graph.memo('rbac:service-account-sharers', () => sharers(index)).get(`${namespaceKey(resource)}\u0000${account.name}`);
      if (!group) continue;
      // Counted per app: a ServiceAccount shared by thousands of workloads must not cost thousands per workload.
      // The workload's own other templates are not others.
      const ownOtherApps = [...(group.appsOf.get(resource) ?? [])].filter((app) => app !== mine).length;
      const otherCount = group.members.length - (group.perApp.get(mine) ?? 0) - ownOtherApps;
      if (otherCount === 0) continue;
      const listed: string[] = [];
      for (const { account: other, app } of group.members) {
        if (app === mine || other.workload === resource) continue;
        listed.push(`${describeAccountHolder(other)} (app "${app}")`);
        if (listed.length === 3) break;
      }
      const more = otherCount > 3 ? ` and ${otherCount - 3} more` : '';
      report({
        path: account.path,
        message: `${who} (app "${mine}") shares ServiceAccount "${account.name}" with ${listed.join(', ')}${more}: each gets the other's permissions.`,
      });
    }
  },
});
