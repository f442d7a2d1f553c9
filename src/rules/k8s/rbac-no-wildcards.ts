import type { NodePath, Resource } from '../../model/types.js';
import { ROLE_KINDS, describeRole, isFullAccessRule, joinWords, rbacIndex, rulePath, type PolicyRule } from '../../graph/rbac.js';
import { createRule } from '../rule.js';

type Field = 'apiGroups' | 'resources' | 'verbs' | 'nonResourceURLs';

function groupList(groups: readonly string[]): string {
  if (groups.includes('*')) return 'every API group';
  const names = groups.map((group) => (group === '' ? 'core ("")' : `"${group}"`));
  return `API group${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
}

function shortList(items: readonly string[], max = 4): string {
  return items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');
}

function describe(rule: PolicyRule): string {
  const verbs = rule.verbs.includes('*') ? 'every verb' : rule.verbs.join(', ');
  if (rule.resources.length === 0 && rule.nonResourceURLs.length > 0) {
    const urls = rule.nonResourceURLs.includes('*') ? 'every non-resource URL' : shortList(rule.nonResourceURLs);
    return `${verbs} on ${urls}`;
  }
  const resources = rule.resources.includes('*') ? 'every resource' : shortList(rule.resources);
  return `${verbs} on ${resources} in ${groupList(rule.apiGroups)}`;
}

/** The wildcard a field of the rule uses: `*`, or in resources `*\/<subresource>` (that subresource of every resource). */
function wildcardOf(rule: PolicyRule, field: Field): string | undefined {
  return rule[field].find((item) => item === '*' || (field === 'resources' && item.startsWith('*/')));
}

/** The aggregated metrics APIs: only `get` and `list` of metrics are served there, whatever the verbs say. */
const METRICS_GROUPS: ReadonlySet<string> = new Set(['metrics.k8s.io', 'custom.metrics.k8s.io', 'external.metrics.k8s.io']);

export default createRule({
  meta: {
    id: 'k8s/rbac-no-wildcards',
    title: 'RBAC roles must not use wildcards',
    severity: 'medium',
    otherSeverities: ['low'],
    seedPoints: ['EKS-2'],
    artifacts: ['kubernetes'],
    description:
      'Reports every rule of a Role or ClusterRole that uses `*` in `verbs`, `resources` (`*/<subresource>` too: that subresource of every resource, such as `*/finalizers`), `apiGroups` or `nonResourceURLs`, at the wildcard (or at the rule when several fields use one). A rule with `*` everywhere is called out as equivalent to cluster-admin. A rule whose only wildcard is in `apiGroups` (its resources and verbs listed) is reported at low: it reaches only resources of the same names in other API groups, today and as CRDs are added. So is a rule limited to the metrics APIs (`metrics.k8s.io`, `custom.metrics.k8s.io`, `external.metrics.k8s.io`), which serve only reads of metrics whatever its wildcards.',
    rationale:
      'A wildcard grants more than its author reviewed: every verb (escalate, bind, impersonate, deletecollection included), every resource and subresource (secrets, pods/exec), every API group, and whatever is added to the cluster later, such as new CRDs or subresources.',
    remediation:
      'List the API groups, resources and verbs the workload needs (e.g. `apiGroups: ["apps"]`, `resources: ["deployments"]`, `verbs: ["get", "list", "watch"]`). `kubectl auth can-i --list --as=system:serviceaccount:<ns>:<sa>` and audit logs show what is really used.',
    limitations:
      'Kubernetes\' own roles (`system:`, `eks:`, `gce:` names, the `kubernetes.io/bootstrapping: rbac-defaults` label, the default `cluster-admin` / `admin` / `edit` / `view` ClusterRoles, roles that only such bindings grant) and ClusterRoles with an aggregationRule (their rules are written by the aggregation controller) are not reported. A rule with no verb (`verbs: []` or `[""]`) grants nothing and is not reported, whatever its wildcards.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-KSV-0044' },
        { tool: 'trivy', id: 'AVD-KSV-0045' },
        { tool: 'trivy', id: 'AVD-KSV-0046' },
        { tool: 'checkov', id: 'CKV_K8S_49' },
        { tool: 'kube-linter', id: 'wildcard-in-rules' },
      ],
      frameworks: [
        { framework: 'CIS EKS Benchmark 1.5', id: '4.1.3' },
        { framework: 'NSA/CISA Kubernetes Hardening Guide', id: 'Authentication and authorization: RBAC least privilege' },
      ],
      links: ['https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege'],
    },
  },
  appliesTo: (resource: Resource) => ROLE_KINDS.has(resource.type),
  check({ resource, graph, report }) {
    const index = rbacIndex(graph);
    const role = index.roleOf(resource);
    if (!role || role.aggregated || index.isPlatformRole(role)) return;
    for (const rule of role.ownRules) {
      // A rule without a verb (`verbs: [""]`) grants nothing, wildcards or not.
      if (!rule.verbs.some((verb) => verb !== '')) continue;
      const wildcards = new Map((['apiGroups', 'resources', 'verbs', 'nonResourceURLs'] as const).map((field: Field) => [field, wildcardOf(rule, field)]));
      const fields = [...wildcards.keys()].filter((field) => wildcards.get(field) !== undefined);
      const first = fields[0];
      if (!first) continue;
      const path: NodePath = fields.length === 1 ? rulePath(rule, first, wildcards.get(first) ?? '*') : rule.path;
      const where = joinWords(fields);
      // `*` in apiGroups alone, with resources and verbs listed: the same resource names in other groups (low). So is
      // any wildcard of a rule limited to the metrics APIs, which serve nothing but reads of metrics.
      const metricsOnly = rule.apiGroups.length > 0 && rule.apiGroups.every((group) => METRICS_GROUPS.has(group));
      // Verbs alone: what the listed resources serve (objects can be deleted; subresources and URLs serve less).
      const verbsOnly = fields.length === 1 && first === 'verbs';
      const deletable = !metricsOnly && rule.resources.some((name) => !name.includes('/'));
      const tail = !verbsOnly ? ', including whatever is added to the cluster later' : deletable ? ' (delete and deletecollection included): list the verbs it needs' : ': list the verbs it needs';
      const message = isFullAccessRule(rule)
        ? `${describeRole(role)} grants ${describe(rule)}: "*" in ${where} makes it equivalent to cluster-admin.`
        : `${describeRole(role)} uses "*" in ${where}: it grants ${describe(rule)}${tail}.`;
      if ((fields.length === 1 && first === 'apiGroups') || metricsOnly) report({ path, message, severity: 'low' });
      else report({ path, message });
    }
  },
});
