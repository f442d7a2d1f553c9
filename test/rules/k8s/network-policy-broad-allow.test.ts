import rule from '../../../src/rules/k8s/network-policy-broad-allow.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'explicit peers, a default deny, and namespace-wide selectors',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: api, namespace: shop }
        spec:
          podSelector: { matchLabels: { app: api } }
          policyTypes: [Ingress, Egress]
          ingress:
            - from:
                - podSelector: { matchLabels: { app: web } }
                - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } }
                  podSelector: { matchLabels: { app: prometheus } }
                - namespaceSelector: {}
              ports: [{ port: 8080 }]
          egress:
            - to: [{ podSelector: { matchLabels: { app: db } } }]
              ports: [{ port: 5432, protocol: TCP }]
            - to: [{ ipBlock: { cidr: 10.20.0.0/16 } }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: default-deny, namespace: shop }
        spec:
          podSelector: {}
          policyTypes: [Ingress, Egress]
      `,
    },
    {
      name: 'egress to any destination on DNS only',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: dns }
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
            - ports:
                - { port: 53, protocol: UDP }
                - { port: 53, protocol: TCP }
      `,
    },
    {
      name: 'internet egress that carves out private address space',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: internet-https }
        spec:
          podSelector: { matchLabels: { app: api } }
          policyTypes: [Egress]
          egress:
            - to:
                - ipBlock:
                    cidr: 0.0.0.0/0
                    except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]
              ports: [{ port: 443 }]
      `,
    },
    {
      name: 'a range inside settings.trustedCidrs',
      settings: { trustedCidrs: ['0.0.0.0/0'] },
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: edge }
        spec:
          podSelector: { matchLabels: { app: edge } }
          ingress:
            - from: [{ ipBlock: { cidr: 0.0.0.0/0 } }]
      `,
    },
    {
      name: 'allow-all rules of a direction the policy does not isolate are ignored by Kubernetes',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: only-ingress }
        spec:
          podSelector: { matchLabels: { app: api } }
          policyTypes: [Ingress]
          ingress:
            - from: [{ podSelector: { matchLabels: { app: web } } }]
          egress:
            - {}
      `,
    },
    {
      name: 'templated peers and ports are unknown',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: t }
        spec:
          podSelector: {}
          ingress:
            - from: "{{ toYaml .Values.from }}"
            - from: [{ ipBlock: { cidr: "{{ .Values.cidr }}" } }]
            - ports: "{{ toYaml .Values.ports }}"
      `,
    },
    {
      name: 'Calico NetworkPolicy of the same kind name is not a networking.k8s.io policy',
      code: yaml`
        apiVersion: projectcalico.org/v3
        kind: NetworkPolicy
        metadata: { name: allow-all }
        spec:
          selector: all()
          ingress: [{ action: Allow }]
      `,
    },
    {
      name: 'Cilium world and cluster entities are named peers, not "all"',
      code: yaml`
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: { name: web }
        spec:
          endpointSelector: { matchLabels: { app: web } }
          ingress:
            - fromEntities: [world]
          egress:
            - toEntities: [cluster]
      `,
    },
  ],
  invalid: [
    {
      name: 'policyTypes: [] is defaulted like a missing list (Ingress always, Egress with egress rules)',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: open, namespace: shop }
        spec:
          podSelector: { matchLabels: { app: api } }
          policyTypes: []
          ingress:
            - {}
      `,
      errors: [{ line: 8, message: /allows ingress from every source on every port/ }],
    },
    {
      name: 'ingress rule {} and egress rule without "to"',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: open, namespace: shop }
        spec:
          podSelector: { matchLabels: { app: api } }
          policyTypes: [Ingress, Egress]
          ingress:
            - {}
          egress:
            - ports: [{ port: 443, protocol: TCP }, { port: 8080 }]
      `,
      errors: [
        { line: 8, column: 7, message: /allows ingress from every source on every port: ingress rule 1 has no "from"/ },
        { line: 10, message: 'allows egress to every destination on ports 443/TCP, 8080/TCP' },
      ],
    },
    {
      name: 'an empty from list (a policy with an empty peer {} is rejected by the API server: core/malformed-network-policy)',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: p }
        spec:
          podSelector: {}
          ingress:
            - from: []
              ports: [{ port: 80 }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: rejected }
        spec:
          podSelector: {}
          ingress:
            - from:
                - podSelector: { matchLabels: { app: web } }
                - {}
      `,
      errors: [{ line: 7, message: /empty "from" list/ }],
    },
    {
      name: '0.0.0.0/0 and ::/0 without except, and an except that keeps private space in',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: world }
        spec:
          podSelector: { matchLabels: { app: web } }
          policyTypes: [Ingress, Egress]
          ingress:
            - from:
                - ipBlock:
                    cidr: 0.0.0.0/0
                - ipBlock: { cidr: "::/0" }
          egress:
            - to:
                - ipBlock:
                    cidr: 0.0.0.0/0
                    except: [169.254.169.254/32]
      `,
      errors: [
        { line: 10, column: 13, message: 'ipBlock 0.0.0.0/0 without "except"' },
        { line: 11, message: 'ipBlock ::/0 without "except"' },
        { line: 15, message: 'only excepts public ranges' },
      ],
    },
    {
      name: 'an except too small to hold a cluster (Trivy no_public_ingress shape) against a VPC-sized one',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: np, namespace: app }
        spec:
          podSelector: { matchLabels: { name: webfront } }
          policyTypes: [Ingress, Egress]
          ingress:
            - from: [{ ipBlock: { cidr: 0.0.0.0/0, except: [192.168.255.0/30] } }]
              ports: [{ port: 8080, protocol: TCP }]
          egress:
            - to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/16] } }]
      `,
      errors: [{ line: 8, message: 'ipBlock 0.0.0.0/0 excepts only small private ranges (narrower than a /24), so the pods, nodes and VPC addresses around them stay included' }],
    },
    {
      name: 'a /4 is internet-wide; trusted CIDRs only cover what is inside them',
      settings: { trustedCidrs: ['203.0.113.0/24'] },
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: wide }
        spec:
          podSelector: {}
          ingress:
            - from:
                - ipBlock: { cidr: 203.0.113.0/24 }
                - ipBlock: { cidr: 0.0.0.0/4 }
      `,
      errors: [{ line: 9, message: 'ipBlock 0.0.0.0/4' }],
    },
    {
      name: 'egress rule null entry and DNS plus another port is not DNS-only',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: egress }
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
            -
            - ports: [{ port: 53, protocol: UDP }, { port: 443 }]
      `,
      errors: [
        { line: 8, message: 'egress rule 1 has no "to"' },
        { line: 9, message: 'on ports 53/UDP, 443/TCP' },
      ],
    },
    {
      name: 'CiliumNetworkPolicy with the entity all',
      code: yaml`
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: { name: web }
        spec:
          endpointSelector: { matchLabels: { app: web } }
          ingress:
            - fromEntities: [cluster, all]
      `,
      errors: [{ line: 7, message: 'the entity "all"' }],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'j' },
          spec: { podSelector: {}, ingress: [{}] },
        },
        null,
        2,
      ),
      errors: [{ line: 10, message: 'ingress rule 1 has no "from"' }],
    },
  ],
});
