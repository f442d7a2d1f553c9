import { describe, expect, it } from 'vitest';
import { ResourceGraph } from '../../src/graph/graph.js';
import {
  appIdentity,
  effectiveAutomount,
  isClusterAdminEquivalent,
  isFullAccessRule,
  matchRule,
  rbacIndex,
  subjectScope,
  workloadServiceAccounts,
  type PolicyRule,
} from '../../src/graph/rbac.js';
import { loadFile } from '../../src/loaders/index.js';
import type { Resource } from '../../src/model/types.js';
import { yaml } from '../helpers/rule-tester.js';

function graphOf(...files: Array<[string, string]>): ResourceGraph {
  const resources = files.flatMap(([path, text]) => loadFile({ path, text }, { explicit: true }).resources);
  return new ResourceGraph(resources);
}

function find(graph: ResourceGraph, type: string, name: string, file?: string): Resource {
  const found = graph.resources.find((resource) => resource.type === type && resource.name === name && (file === undefined || resource.document.file.path === file));
  if (!found) throw new Error(`no ${type} ${name}`);
  return found;
}

function rule(partial: Partial<PolicyRule>): PolicyRule {
  return { apiGroups: [], resources: [], verbs: [], resourceNames: [], nonResourceURLs: [], path: [], ...partial };
}

describe('matchRule', () => {
  it('follows the RBAC authorizer wildcards', () => {
    expect(matchRule(rule({ apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }), [''], 'pods/exec', ['create', 'get'])).toEqual({ resource: 'pods/exec', verbs: ['create'] });
    expect(matchRule(rule({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }), [''], 'pods/exec', ['create'])).toEqual({ resource: '*', verbs: ['*'] });
    expect(matchRule(rule({ apiGroups: [''], resources: ['*/exec'], verbs: ['get'] }), [''], 'pods/exec', ['create', 'get'])?.resource).toBe('*/exec');
    // `pods` does not cover its subresources; another API group does not match.
    expect(matchRule(rule({ apiGroups: [''], resources: ['pods'], verbs: ['*'] }), [''], 'pods/exec', ['create'])).toBeUndefined();
    expect(matchRule(rule({ apiGroups: ['apps'], resources: ['*'], verbs: ['*'] }), [''], 'secrets', ['get'])).toBeUndefined();
    expect(matchRule(rule({ apiGroups: [''], resources: ['secrets'], verbs: ['create'] }), [''], 'secrets', ['get', 'list'])).toBeUndefined();
  });

  it('recognizes full access', () => {
    expect(isFullAccessRule(rule({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }))).toBe(true);
    expect(isFullAccessRule(rule({ apiGroups: ['*'], resources: ['*'], verbs: ['delete', 'get', 'list', 'watch', 'create', 'update', 'patch'] }))).toBe(true);
    expect(isFullAccessRule(rule({ apiGroups: ['*'], resources: ['*'], verbs: ['get', 'list'] }))).toBe(false);
    expect(isFullAccessRule(rule({ apiGroups: [''], resources: ['*'], verbs: ['*'] }))).toBe(false);
    expect(isFullAccessRule(rule({ apiGroups: ['*'], resources: ['*'], verbs: ['*'], resourceNames: ['x'] }))).toBe(false);
  });
});

describe('subjectScope', () => {
  it('classifies subjects by breadth', () => {
    expect(subjectScope({ kind: 'User', name: 'system:anonymous', path: [] })).toBe('anonymous');
    expect(subjectScope({ kind: 'Group', name: 'system:unauthenticated', path: [] })).toBe('anonymous');
    expect(subjectScope({ kind: 'Group', name: 'system:authenticated', path: [] })).toBe('all-authenticated');
    expect(subjectScope({ kind: 'Group', name: 'system:serviceaccounts', path: [] })).toBe('all-service-accounts');
    expect(subjectScope({ kind: 'Group', name: 'system:serviceaccounts:team-a', path: [] })).toBe('namespace-service-accounts');
    expect(subjectScope({ kind: 'Group', name: 'system:masters', path: [] })).toBe('masters');
    expect(subjectScope({ kind: 'Group', name: 'platform-admins', path: [] })).toBe('admin-group');
    expect(subjectScope({ kind: 'Group', name: 'badminton-club', path: [] })).toBe('group');
    expect(subjectScope({ kind: 'User', name: 'alice', path: [] })).toBe('user');
    expect(subjectScope({ kind: 'ServiceAccount', name: 'app', path: [] })).toBe('service-account');
    expect(subjectScope({ kind: 'ServiceAccount', name: 'default', namespace: 'kube-system', path: [] })).toBe('default-service-account');
  });
});

describe('rbacIndex', () => {
  it('resolves roleRefs by kind, namespace and file, and the default ClusterRoles', () => {
    const graph = graphOf(
      [
        'a.yaml',
        yaml`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata: { name: r, namespace: a }
          rules: [{ apiGroups: [""], resources: [pods], verbs: [get] }]
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata: { name: r, namespace: b }
          rules: [{ apiGroups: [""], resources: [secrets], verbs: [get] }]
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata: { name: rb, namespace: b }
          roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: r }
          subjects:
            kind: ServiceAccount
            name: app
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: RoleBinding
          metadata: { name: to-edit, namespace: b }
          roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
          subjects: [{ kind: Group, name: devs }]
          ---
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRoleBinding
          metadata: { name: missing }
          roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: not-here }
          subjects: [{ kind: User, name: "{{ .Values.user }}" }, { kind: User, name: bob }]
        `,
      ],
      [
        'c.yaml',
        yaml`
          apiVersion: rbac.authorization.k8s.io/v1
          kind: ClusterRole
          metadata: { name: cr }
          rules: [{ apiGroups: [""], resources: [configmaps], verbs: [get] }]
        `,
      ],
    );
    const index = rbacIndex(graph);
    expect(rbacIndex(graph)).toBe(index);

    const rb = index.bindingOf(find(graph, 'RoleBinding', 'rb'));
    expect(rb?.role?.namespace).toBe('b');
    expect(rb?.role?.rules.some((r) => matchRule(r, [''], 'secrets', ['get']))).toBe(true);
    expect(rb?.subjects).toEqual([{ kind: 'ServiceAccount', name: 'app', namespace: 'b', path: ['subjects'] }]);

    const toEdit = index.bindingOf(find(graph, 'RoleBinding', 'to-edit'));
    expect(toEdit?.role?.builtIn).toBe(true);
    expect(toEdit?.role?.resource).toBeUndefined();
    expect(toEdit?.role && isClusterAdminEquivalent(toEdit.role)).toBe(false);
    expect(toEdit?.role?.rules.some((r) => matchRule(r, [''], 'pods/exec', ['create']))).toBe(true);

    const missing = index.bindingOf(find(graph, 'ClusterRoleBinding', 'missing'));
    expect(missing?.roleRef?.name).toBe('not-here');
    expect(missing?.role).toBeUndefined();
    expect(missing?.subjects.map((s) => s.name)).toEqual(['bob']);

    const cr = index.roleOf(find(graph, 'ClusterRole', 'cr'));
    expect(cr && index.grantingBindings(cr)).toEqual([]);
    expect(index.bindingsOfServiceAccount('b', 'app').map((b) => b.resource.name)).toEqual(['rb']);
    expect(index.bindingsOfServiceAccount('a', 'app')).toEqual([]);
  });

  it('prefers the definition in the binding\'s own file when a ClusterRole is defined twice', () => {
    const role = (verb: string): string => yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: { name: dup }
      rules: [{ apiGroups: [""], resources: [pods], verbs: [${verb}] }]
    `;
    const binding = yaml`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: { name: b }
      roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: dup }
      subjects: [{ kind: User, name: u }]
    `;
    const graph = graphOf(['one.yaml', role('get')], ['two.yaml', `${role('list')}---\n${binding}`]);
    const index = rbacIndex(graph);
    expect(index.bindingOf(find(graph, 'ClusterRoleBinding', 'b'))?.role?.resource?.document.file.path).toBe('two.yaml');
  });

  it('aggregates ClusterRoles by label, into the defaults too, and knows who grants the sources', () => {
    const graph = graphOf([
      'agg.yaml',
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: monitoring }
        aggregationRule:
          clusterRoleSelectors: [{ matchLabels: { example.com/aggregate-to-monitoring: "true" } }]
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: monitoring-secrets
          labels: { example.com/aggregate-to-monitoring: "true" }
        rules: [{ apiGroups: [""], resources: [secrets], verbs: [list] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: crd-edit
          labels: { rbac.authorization.k8s.io/aggregate-to-edit: "true" }
        rules: [{ apiGroups: [example.com], resources: [widgets], verbs: ["*"] }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: { name: monitoring }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring }
        subjects: [{ kind: ServiceAccount, name: prom, namespace: mon }]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: devs, namespace: team }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
        subjects: [{ kind: Group, name: devs }]
      `,
    ]);
    const index = rbacIndex(graph);
    const monitoring = index.roleOf(find(graph, 'ClusterRole', 'monitoring'));
    expect(monitoring?.aggregated).toBe(true);
    expect(monitoring?.aggregatedFrom.map((role) => role.name)).toEqual(['monitoring-secrets']);
    expect(monitoring?.rules.some((r) => matchRule(r, [''], 'secrets', ['list']))).toBe(true);
    const source = index.roleOf(find(graph, 'ClusterRole', 'monitoring-secrets'));
    expect(source && index.grantingBindings(source).map((b) => b.resource.name)).toEqual(['monitoring']);
    const crdEdit = index.roleOf(find(graph, 'ClusterRole', 'crd-edit'));
    expect(crdEdit && index.grantingBindings(crdEdit).map((b) => b.resource.name)).toEqual(['devs']);
    const edit = index.bindingOf(find(graph, 'RoleBinding', 'devs'))?.role;
    expect(edit?.rules.some((r) => matchRule(r, ['example.com'], 'widgets', ['delete']))).toBe(true);
  });

  it('marks Kubernetes\' and the provider\'s own roles as platform-managed', () => {
    const graph = graphOf([
      'p.yaml',
      yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "system:controller:x" }
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: "eks:addon-manager" }
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: custom-default
          labels: { kubernetes.io/bootstrapping: rbac-defaults }
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: { name: admin }
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: admin, namespace: x }
        rules: []
        ---
        apiVersion: example.com/v1
        kind: Role
        metadata: { name: not-rbac }
      `,
    ]);
    const index = rbacIndex(graph);
    const platform = (name: string, type = 'ClusterRole'): boolean | undefined => index.roleOf(find(graph, type, name))?.platform;
    expect(platform('system:controller:x')).toBe(true);
    expect(platform('eks:addon-manager')).toBe(true);
    expect(platform('custom-default')).toBe(true);
    expect(platform('admin')).toBe(true);
    expect(platform('admin', 'Role')).toBe(false);
    expect(index.roleOf(find(graph, 'Role', 'not-rbac'))).toBeUndefined();
  });
});

describe('workloads and service accounts', () => {
  const graph = graphOf([
    'w.yaml',
    yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web, namespace: shop }
      spec:
        template:
          metadata: { labels: { app.kubernetes.io/name: web } }
          spec:
            serviceAccountName: web
            containers: [{ name: web, image: web }]
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: { name: web, namespace: shop }
      automountServiceAccountToken: false
      ---
      apiVersion: batch/v1
      kind: CronJob
      metadata: { name: report, namespace: shop }
      spec:
        schedule: "@daily"
        jobTemplate:
          spec:
            template:
              spec:
                serviceAccount: legacy
                automountServiceAccountToken: true
                containers: [{ name: r, image: r }]
      ---
      apiVersion: v1
      kind: Pod
      metadata: { name: lonely }
      spec:
        containers: [{ name: c, image: c }]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: patch }
      spec:
        template:
          spec:
            nodeSelector: { a: b }
    `,
  ]);
  const index = rbacIndex(graph);

  it('reads serviceAccountName, the deprecated serviceAccount and the default, and skips patch fragments', () => {
    expect(workloadServiceAccounts(find(graph, 'Deployment', 'web'))[0]).toMatchObject({ name: 'web', explicit: true, path: ['spec', 'template', 'spec', 'serviceAccountName'] });
    expect(workloadServiceAccounts(find(graph, 'CronJob', 'report'))[0]).toMatchObject({ name: 'legacy', explicit: true });
    expect(workloadServiceAccounts(find(graph, 'Pod', 'lonely'))[0]).toMatchObject({ name: 'default', explicit: false, path: ['spec'] });
    expect(workloadServiceAccounts(find(graph, 'Deployment', 'patch'))).toEqual([]);
    expect(workloadServiceAccounts(find(graph, 'ServiceAccount', 'web'))).toEqual([]);
    expect(index.workloads.map((w) => w.workload.name)).toEqual(['web', 'report', 'lonely']);
    expect(index.workloadsOf('shop', 'web').map((w) => w.workload.name)).toEqual(['web']);
  });

  it('computes the effective automount: pod, then ServiceAccount, then true', () => {
    const of = (type: string, name: string) => {
      const account = workloadServiceAccounts(find(graph, type, name))[0];
      return account && effectiveAutomount(index, account);
    };
    expect(of('Deployment', 'web')).toMatchObject({ value: false, source: 'service-account' });
    expect(of('CronJob', 'report')).toMatchObject({ value: true, source: 'pod', path: ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'automountServiceAccountToken'] });
    expect(of('Pod', 'lonely')).toEqual({ value: true, source: 'default' });
  });

  it('tells apps apart by label only', () => {
    const web = workloadServiceAccounts(find(graph, 'Deployment', 'web'))[0];
    const report = workloadServiceAccounts(find(graph, 'CronJob', 'report'))[0];
    expect(web && appIdentity(web)).toBe('web');
    expect(report && appIdentity(report)).toBeUndefined();
  });
});
