import rule from '../../../src/rules/core/malformed-network-policy.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'well-formed selectors and peers, templated values, Calico and Cilium policies (their own schemas)',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: web }
        spec:
          podSelector:
            matchLabels: { app: web }
            matchExpressions:
              - { key: tier, operator: In, values: [front] }
              - { key: canary, operator: DoesNotExist }
          ingress:
            - from:
                - podSelector: {}
                  namespaceSelector: { matchLabels: { team: a } }
                - ipBlock: { cidr: 10.0.0.0/16 }
          egress:
            - to: [{ namespaceSelector: { matchExpressions: [{ key: team, operator: NotIn, values: [b] }] } }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: deny-all }
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: templated }
        spec:
          podSelector: "{{ .Values.selector }}"
          ingress:
            - from:
                - podSelector:
                    matchExpressions:
                      - { key: app, operator: "{{ .Values.op }}" }
        ---
        apiVersion: crd.projectcalico.org/v1
        kind: NetworkPolicy
        metadata: { name: calico }
        spec:
          selector: app == 'web'
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: { name: cilium }
        spec:
          endpointSelector: { matchLabels: { app: web } }
      `,
    },
  ],
  invalid: [
    {
      name: 'review: an empty peer, a peer that is not a map, a from that is not a list, label values and expression values that are not strings',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: odd }
        spec:
          podSelector:
            matchLabels: { tier: 1 }
            matchExpressions:
              - { key: app, operator: In, values: [web, 2] }
          ingress:
            - from:
                - {}
                - 7
            - from: 7
      `,
      errors: [
        { line: 6, message: 'spec.podSelector.matchLabels.tier: the value of label "tier" is a number, not a string.' },
        { line: 8, message: 'spec.podSelector.matchExpressions[0].values: values must be strings.' },
        { line: 11, message: 'spec.ingress[0].from[0]: a peer must name a podSelector, namespaceSelector or ipBlock.' },
        { line: 12, message: 'spec.ingress[0].from[1]: a peer is a number, not a map.' },
        { line: 13, message: 'spec.ingress[1].from: from is a number, not a list.' },
      ],
    },
    {
      name: 'a label directly under podSelector (kube-score probe), a peer field that does not exist, a selector that is a list',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: slip, namespace: shop }
        spec:
          podSelector:
            app: web
          ingress:
            - from:
                - podSelectors: { matchLabels: { app: api } }
                - namespaceSelector: [team]
      `,
      errors: [
        {
          line: 6,
          message:
            'NetworkPolicy "slip": spec.podSelector.app: "app" is not a field of a label selector (matchLabels, matchExpressions): a label belongs under matchLabels (`matchLabels: {app: web}`). The API server rejects this policy, so it isolates no pod.',
        },
        { line: 9, message: 'spec.ingress[0].from[0].podSelectors: "podSelectors" is not a field of a network policy peer (podSelector, namespaceSelector, ipBlock).' },
        { line: 10, message: 'spec.ingress[0].from[1].namespaceSelector: the selector is a list, not a map.' },
      ],
    },
    {
      name: 'match expressions LabelSelector validation refuses',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: expressions }
        spec:
          podSelector:
            matchLabels: [app]
            matchExpressions:
              - { key: a, operator: Equals, values: [x] }
              - { key: b, operator: In }
              - { key: c, operator: Exists, values: [x] }
              - { operator: DoesNotExist }
              - { key: d, operator: NotIn, values: x }
          egress:
            - to:
                - podSelector: { matchExpressions: { key: e } }
      `,
      errors: [
        { line: 6, message: 'spec.podSelector.matchLabels: matchLabels is a list, not a map.' },
        { line: 8, message: 'spec.podSelector.matchExpressions[0].operator: the operator must be one of In, NotIn, Exists, DoesNotExist.' },
        { line: 9, message: 'spec.podSelector.matchExpressions[1]: operator In needs values.' },
        { line: 10, message: 'spec.podSelector.matchExpressions[2].values: operator Exists takes no values.' },
        { line: 11, message: 'spec.podSelector.matchExpressions[3]: a match expression needs a key.' },
        { line: 12, message: 'spec.podSelector.matchExpressions[4].values: values is a string, not a list.' },
        { line: 15, message: 'spec.egress[0].to[0].podSelector.matchExpressions: matchExpressions is a map, not a list.' },
      ],
    },
  ],
});
