import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ResourceGraph } from '../../src/graph/graph.js';
import { kubernetesPolicyTypes, matchSelector, networkPolicyIndex, policiesSelecting } from '../../src/graph/network-policy.js';
import { containsUnresolved, isUnresolved, literalPrefix } from '../../src/util/template.js';
import { loadFile } from '../../src/loaders/index.js';
import type { JsonValue, Resource } from '../../src/model/types.js';
import { yaml } from '../helpers/rule-tester.js';

function load(code: string): Resource[] {
  const loaded = loadFile({ path: 'case.yaml', text: code }, { explicit: true });
  expect(loaded.errors).toEqual([]);
  return loaded.resources;
}

function named(resources: readonly Resource[], name: string): Resource {
  const found = resources.find((resource) => resource.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

describe('kubernetesPolicyTypes', () => {
  it('defaults to Ingress, plus Egress when there are egress rules', () => {
    expect(kubernetesPolicyTypes({}).isolates).toEqual({ ingress: true, egress: false });
    expect(kubernetesPolicyTypes({ egress: [] }).isolates).toEqual({ ingress: true, egress: false });
    expect(kubernetesPolicyTypes({ egress: [{}] }).isolates).toEqual({ ingress: true, egress: true });
  });
  it('follows policyTypes when set, and names the rules it makes Kubernetes ignore', () => {
    expect(kubernetesPolicyTypes({ policyTypes: ['Egress'] }).isolates).toEqual({ ingress: false, egress: true });
    const ignoring = kubernetesPolicyTypes({ policyTypes: ['Ingress'], ingress: [{}], egress: [{ to: [] }] });
    expect(ignoring.isolates).toEqual({ ingress: true, egress: false });
    expect(ignoring.ignoredRules).toEqual(['egress']);
  });
  it('is unknown where templates decide', () => {
    expect(kubernetesPolicyTypes({ policyTypes: '{{ .Values.types }}' }).isolates).toEqual({ ingress: undefined, egress: undefined });
    expect(kubernetesPolicyTypes({ policyTypes: ['Ingress', '{{ .Values.extra }}'] }).isolates).toEqual({ ingress: true, egress: undefined });
    expect(kubernetesPolicyTypes({ egress: '{{ toYaml .Values.egress }}' }).isolates).toEqual({ ingress: true, egress: undefined });
  });
});

describe('matchSelector', () => {
  it('a selector with an unresolved value still rules out pods that a known requirement fails (requirements are ANDed)', () => {
    const selector = { matchLabels: { app: '${kubernetes_pod.web.metadata.0.labels.app}' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] };
    expect(matchSelector(selector, { app: 'web' })).toBe(false);
    expect(matchSelector(selector, { app: 'web', tier: 'backend' })).toBeUndefined();
    expect(matchSelector({ matchLabels: { app: '${x}', tier: 'backend' } }, { tier: 'frontend' })).toBe(false);
  });
  it('treats an omitted podSelector and {} as every pod', () => {
    expect(matchSelector(undefined, { app: 'a' })).toBe(true);
    expect(matchSelector(null, {})).toBe(true);
    expect(matchSelector({}, { app: 'a' })).toBe(true);
    expect(matchSelector(undefined, { app: 'a' }, false)).toBe(false);
  });
  it('applies matchLabels and matchExpressions', () => {
    expect(matchSelector({ matchLabels: { app: 'a' } }, { app: 'a', tier: 'x' })).toBe(true);
    expect(matchSelector({ matchLabels: { app: 'b' } }, { app: 'a' })).toBe(false);
    expect(matchSelector({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, { app: 'a' })).toBe(true);
    expect(matchSelector({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }, { app: 'a' })).toBe(false);
  });
  it('is unknown when a template decides the outcome', () => {
    expect(matchSelector({ matchLabels: { app: '{{ .Values.app }}' } }, { app: 'a' })).toBeUndefined();
    expect(matchSelector({ matchLabels: { app: 'a' } }, { app: '${APP}' })).toBeUndefined();
    expect(matchSelector('{{ toYaml .Values.selector }}', { app: 'a' })).toBeUndefined();
    // A templated label the selector does not look at changes nothing.
    expect(matchSelector({ matchLabels: { app: 'a' } }, { app: 'a', version: '{{ .Chart.Version }}' })).toBe(true);
  });
  it('knows a templated label cannot equal a value that does not start like it', () => {
    expect(matchSelector({ matchLabels: { wf: 'other' } }, { wf: 'hello-world-{{generated name}}' })).toBe(false);
    expect(matchSelector({ matchLabels: { wf: 'hello-world-x7k2p' } }, { wf: 'hello-world-{{generated name}}' })).toBeUndefined();
    expect(matchSelector({ matchLabels: { app: 'web' } }, { app: 'web${SUFFIX}' })).toBeUndefined();
    expect(literalPrefix('api-${SUFFIX}-{{ x }}')).toBe('api-');
    expect(literalPrefix('plain')).toBe('plain');
    expect(literalPrefix('web {{- .Values.suffix }}')).toBe('web');
  });
});

describe('isUnresolved / containsUnresolved', () => {
  it('recognises Helm, envsubst and kustomize placeholders', () => {
    expect(isUnresolved('{{ .Values.x }}')).toBe(true);
    expect(isUnresolved('${VAR}')).toBe(true);
    expect(isUnresolved('$(VAR)')).toBe(true);
    expect(isUnresolved('plain')).toBe(false);
    expect(isUnresolved(3)).toBe(false);
    expect(containsUnresolved({ a: [{ b: 'x' }, { '{{ .k }}': 1 }] })).toBe(true);
    expect(containsUnresolved({ a: [{ b: 'x' }] })).toBe(false);
  });
});

describe('policiesSelecting', () => {
  const resources = load(yaml`
    apiVersion: v1
    kind: Pod
    metadata: { name: in-shop, namespace: shop, labels: { app: web } }
    spec: { containers: [{ name: c, image: c }] }
    ---
    apiVersion: v1
    kind: Pod
    metadata: { name: no-namespace, labels: { app: web } }
    spec: { containers: [{ name: c, image: c }] }
    ---
    apiVersion: v1
    kind: Pod
    metadata: { name: templated-namespace, namespace: "{{ .Release.Namespace }}", labels: { app: web } }
    spec: { containers: [{ name: c, image: c }] }
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: { name: shop-web, namespace: shop }
    spec:
      podSelector: { matchLabels: { app: web } }
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: { name: unset-all }
    spec:
      podSelector: {}
      policyTypes: [Egress]
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: { name: other-ns, namespace: other }
    spec:
      podSelector: {}
    ---
    apiVersion: projectcalico.org/v3
    kind: NetworkPolicy
    metadata: { name: calico, namespace: other }
    spec: { selector: all() }
  `);
  const graph = new ResourceGraph(resources);
  const names = (resource: Resource): Array<[string, true | undefined]> =>
    policiesSelecting(graph, resource).map(({ policy, selected }) => [policy.resource.name, selected]);

  it('counts policies of the same namespace; unset compares equal to unset, and may be any other namespace', () => {
    expect(names(named(resources, 'in-shop'))).toEqual([
      ['shop-web', true],
      ['unset-all', undefined],
    ]);
    expect(names(named(resources, 'no-namespace'))).toEqual([
      ['unset-all', true],
      ['shop-web', undefined],
      ['other-ns', undefined],
      ['calico', undefined],
    ]);
  });
  it('a templated namespace may be any namespace: possible matches only', () => {
    expect(names(named(resources, 'templated-namespace'))).toEqual([
      ['shop-web', undefined],
      ['unset-all', undefined],
      ['other-ns', undefined],
      ['calico', undefined],
    ]);
  });
  it('builds the index once per graph and tells Calico policies apart', () => {
    const index = networkPolicyIndex(graph);
    expect(networkPolicyIndex(graph)).toBe(index);
    expect(index.byNamespace.get('other')?.map((policy) => policy.flavor)).toEqual(['kubernetes', 'calico']);
    expect(index.byNamespace.get('')?.[0]?.isolates).toEqual({ ingress: false, egress: true });
  });
});

describe('policiesSelecting with many policies in a namespace', () => {
  // Policies are looked up by one label pair of their matchLabels: the answer must be what matching every
  // policy of the namespace gives, in document order.
  const labelKey = fc.constantFrom('app', 'tier', 'team');
  const labelValue = fc.constantFrom('a', 'b', '{{ .Values.v }}');
  const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 3 });
  const selector: fc.Arbitrary<JsonValue | undefined> = fc.oneof(
    fc.constant(undefined),
    fc.record({ matchLabels: labels }),
    fc.record({ matchLabels: labels, matchExpressions: fc.constant<JsonValue>([{ key: 'team', operator: 'DoesNotExist' }]) }),
    fc.record({ matchExpressions: fc.constant<JsonValue>([{ key: 'tier', operator: 'In', values: ['a'] }]) }),
  );

  it('selects what matching each policy selects', () => {
    fc.assert(
      fc.property(labels, fc.array(selector, { maxLength: 12 }), (podLabels, selectors) => {
        const documents = [
          { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod', namespace: 'ns', labels: podLabels }, spec: { containers: [{ name: 'c', image: 'c' }] } },
          ...selectors.map((podSelector, index) => ({
            apiVersion: 'networking.k8s.io/v1',
            kind: 'NetworkPolicy',
            metadata: { name: `policy-${index}`, namespace: 'ns' },
            spec: podSelector === undefined ? {} : { podSelector },
          })),
        ];
        const resources = load(documents.map((document) => JSON.stringify(document)).join('\n---\n'));
        const expected = selectors.flatMap((podSelector, index) => {
          const match = matchSelector(podSelector, podLabels);
          return match === false ? [] : [{ name: `policy-${index}`, selected: match === true ? true : undefined }];
        });
        const actual = policiesSelecting(new ResourceGraph(resources), named(resources, 'pod')).map(({ policy, selected }) => ({ name: policy.resource.name, selected }));
        expect(actual).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
