import rule from '../../../src/rules/k8s/network-policy-coverage.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: { name: web, namespace: shop }
  spec:
    template:
      metadata:
        labels: { app: web, tier: front }
      spec:
        containers: [{ name: web, image: nginx }]
`;

ruleTester(rule, {
  valid: [
    {
      name: 'labels controllers add to the pods count: a Job\'s job-name, a Knative Service\'s service name',
      code: yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: { name: db-migrate, namespace: shop }
        spec:
          template:
            spec:
              restartPolicy: Never
              containers: [{ name: migrate, image: migrate }]
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: { name: hello, namespace: shop }
        spec:
          template:
            spec:
              containers: [{ image: hello }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: migrate, namespace: shop }
        spec:
          podSelector: { matchLabels: { batch.kubernetes.io/job-name: db-migrate } }
          policyTypes: [Ingress, Egress]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: hello, namespace: shop }
        spec:
          podSelector: { matchLabels: { serving.knative.dev/service: hello } }
          policyTypes: [Ingress, Egress]
      `,
    },
    {
      name: 'a namespace set on one side only: the other lands where it is applied, so the policy may select the pods (Checkov CKV2_K8S_6)',
      code: deployment,
      others: [
        {
          filename: 'policies.yaml',
          code: yaml`
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: default-deny }
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
          `,
        },
        {
          filename: 'unnamespaced.yaml',
          code: yaml`
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: internal-proxy }
            spec:
              template:
                metadata: { labels: { app: internal-proxy } }
                spec: { containers: [{ name: proxy, image: envoy }] }
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: internal-proxy, namespace: default }
            spec:
              podSelector: { matchLabels: { app: internal-proxy } }
              policyTypes: [Ingress, Egress]
          `,
        },
      ],
    },
    {
      name: 'namespace default-deny for both directions plus an allow policy',
      code: deployment,
      others: [
        {
          filename: 'policies.yaml',
          code: yaml`
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: default-deny, namespace: shop }
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: allow-web, namespace: shop }
            spec:
              podSelector: { matchLabels: { app: web } }
              ingress:
                - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ingress } } }]
          `,
        },
      ],
    },
    {
      name: 'policyTypes defaulted: Ingress always, Egress because an egress section exists',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p, labels: { app: api } }
        spec:
          containers: [{ name: api, image: api }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: api }
        spec:
          podSelector: { matchLabels: { app: api } }
          egress:
            - to: [{ podSelector: { matchLabels: { app: db } } }]
      `,
    },
    {
      name: 'separate policies for ingress and egress, selected by matchExpressions',
      code: deployment,
      others: [
        {
          filename: 'policies.yaml',
          code: yaml`
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: ingress, namespace: shop }
            spec:
              podSelector:
                matchExpressions: [{ key: tier, operator: In, values: [front, back] }]
              policyTypes: [Ingress]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: egress, namespace: shop }
            spec:
              podSelector:
                matchExpressions: [{ key: app, operator: Exists }]
              policyTypes: [Egress]
          `,
        },
      ],
    },
    {
      name: 'deny-all ingress and egress (no rules) is the most restrictive policy, not a gap',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p, labels: { security: medium } }
        spec:
          containers: [{ name: nginx, image: nginx }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: test }
        spec:
          podSelector: { matchLabels: { security: medium } }
          policyTypes: [Egress, Ingress]
      `,
    },
    {
      name: 'pods on the host network are out of NetworkPolicy reach',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent, namespace: ops }
        spec:
          template:
            metadata: { labels: { app: agent } }
            spec:
              hostNetwork: true
              containers: [{ name: agent, image: agent }]
      `,
    },
    {
      name: 'a templated selector may select the pods: unknown, no finding',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p, namespace: shop, labels: { app: web } }
        spec:
          containers: [{ name: web, image: nginx }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: np, namespace: shop }
        spec:
          podSelector: { matchLabels: { app: "{{ .Values.app }}" } }
          policyTypes: [Ingress, Egress]
      `,
    },
    {
      name: 'CiliumClusterwideNetworkPolicy default deny selecting the namespace',
      code: deployment,
      others: [
        {
          filename: 'cilium.yaml',
          code: yaml`
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata: { name: default-deny-shop }
            spec:
              endpointSelector:
                matchLabels: { k8s:io.kubernetes.pod.namespace: shop }
              ingress: [{}]
              egress: [{}]
          `,
        },
      ],
    },
    {
      name: 'a Calico policy in the namespace may apply: unknown, no finding',
      code: deployment,
      others: [
        {
          filename: 'calico.yaml',
          code: yaml`
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: { name: deny, namespace: shop }
            spec:
              selector: app == 'web'
              types: [Ingress, Egress]
          `,
        },
      ],
    },
    {
      name: 'objects without pods are ignored',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data: { a: b }
      `,
    },
  ],
  invalid: [
    {
      name: 'CDK prune labels are left out of the message',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          namespace: shop
          labels: { app: web, aws.cdk.eks/prune-c8a2f1e0: "" }
        spec: { containers: [{ name: web, image: nginx:1.27 }] }
      `,
      errors: [
        { line: 6, message: /^(?!.*aws\.cdk\.eks\/prune).*\(app=web\)/ },
        { line: 6, message: /^(?!.*aws\.cdk\.eks\/prune).*\(app=web\)/ },
      ],
    },
    {
      name: 'no NetworkPolicy at all: one finding per direction, on the pod template labels',
      code: deployment,
      errors: [
        { line: 7, column: 7, message: /restricts egress .*app=web, tier=front/ },
        { line: 7, column: 7, message: /namespace "shop" restricts ingress/ },
      ],
    },
    {
      name: 'Polaris: policyTypes lacks Egress, so the egress rules are ignored',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: test-pod
          labels:
            security: medium
        spec:
          containers:
          - name: nginx
            image: nginx
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: test
        spec:
          podSelector:
            matchLabels:
              security: medium
          policyTypes:
          - Ingress
          ingress:
          - from:
            - ipBlock:
                cidr: 0.0.0.0/0
          egress:
          - to:
            - podSelector:
                matchLabels:
                  security: medium
      `,
      errors: [{ line: 5, message: /restricts egress.*NetworkPolicy "test" has egress rules, but its policyTypes omits Egress/ }],
    },
    {
      name: 'Polaris: policyTypes lacks Ingress',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: test-pod, labels: { security: medium } }
        spec:
          containers: [{ name: nginx, image: nginx }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: test }
        spec:
          podSelector: { matchLabels: { security: medium } }
          policyTypes: [Egress]
          ingress:
            - from: [{ ipBlock: { cidr: 0.0.0.0/0 } }]
          egress:
            - to: [{ podSelector: { matchLabels: { security: medium } } }]
      `,
      errors: [{ line: 3, message: /restricts ingress.*policyTypes omits Ingress/ }],
    },
    {
      name: 'Polaris: the policy targets a label the pod does not have',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: test-pod, labels: { security: medium } }
        spec:
          containers: [{ name: nginx, image: nginx }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: test }
        spec:
          podSelector: { matchLabels: { security: high } }
          policyTypes: [Egress, Ingress]
      `,
      errors: [
        { line: 3, message: 'restricts egress' },
        { line: 3, message: 'restricts ingress' },
      ],
    },
    {
      name: 'kube-score probe: a policy with a label directly under podSelector is rejected by the API server and covers nothing (core/malformed-network-policy)',
      code: yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: testapp-netpol, namespace: testspace }
        spec:
          podSelector:
            app: testapp
          policyTypes: [Ingress, Egress]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: pod-test-1, namespace: testspace, labels: { app: not-testapp } }
        spec:
          containers: [{ name: foobar, image: foo/bar:1.0 }]
      `,
      errors: [
        { line: 11, message: 'restricts egress' },
        { line: 11, message: 'restricts ingress' },
      ],
    },
    {
      name: 'without policyTypes and without egress rules, only ingress is isolated',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: report, namespace: jobs }
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              template:
                metadata:
                  labels: { app: report }
                spec:
                  restartPolicy: Never
                  containers: [{ name: report, image: report }]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: deny-ingress, namespace: jobs }
        spec:
          podSelector: {}
      `,
      errors: [{ line: 10, message: /CronJob "report": .*restricts egress/ }],
    },
    {
      name: 'a policy of another namespace does not count',
      code: deployment,
      others: [
        {
          filename: 'policies.yaml',
          code: yaml`
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: default-deny, namespace: other }
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
          `,
        },
      ],
      errors: [
        { line: 7, message: 'restricts egress' },
        { line: 7, message: 'restricts ingress' },
      ],
    },
    {
      name: 'matchExpressions NotIn excludes the pod; Calico policy in another namespace does not make it unknown',
      code: deployment,
      others: [
        {
          filename: 'policies.yaml',
          code: yaml`
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: { name: not-web, namespace: shop }
            spec:
              podSelector:
                matchExpressions: [{ key: app, operator: NotIn, values: [web] }]
              policyTypes: [Ingress, Egress]
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: { name: deny, namespace: elsewhere }
            spec:
              selector: all()
          `,
        },
      ],
      errors: [
        { line: 7, message: 'restricts egress' },
        { line: 7, message: 'restricts ingress' },
      ],
    },
    {
      name: 'custom resource with a pod template (Argo Rollout) without labels: reported on the template metadata',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: r, namespace: shop }
        spec:
          template:
            metadata: {}
            spec:
              containers: [{ name: app, image: app }]
      `,
      errors: [
        { line: 6, message: /Rollout "r".*\(no labels\)/ },
        { line: 6, message: 'restricts ingress' },
      ],
    },
    {
      name: 'CiliumNetworkPolicy with only an ingress section leaves egress open',
      code: deployment,
      others: [
        {
          filename: 'cilium.yaml',
          code: yaml`
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: { name: web, namespace: shop }
            spec:
              endpointSelector: { matchLabels: { k8s:app: web } }
              ingress:
                - fromEndpoints: [{ matchLabels: { app: lb } }]
          `,
        },
      ],
      errors: [{ line: 7, message: 'restricts egress' }],
    },
    {
      name: 'CiliumNetworkPolicy with empty sections isolates nothing: "if omitted or empty, this rule does not apply" (Kubescape C-0260 fixture)',
      code: deployment,
      others: [
        {
          filename: 'cilium.yaml',
          code: yaml`
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: { name: deny-all, namespace: shop }
            spec:
              endpointSelector: { matchLabels: { app: web } }
              ingress: []
              egress: []
          `,
        },
      ],
      errors: [
        { line: 7, message: 'restricts egress' },
        { line: 7, message: 'restricts ingress' },
      ],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'shop', labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx' }] },
        },
        null,
        2,
      ),
      errors: [
        { line: 7, message: 'restricts egress' },
        { line: 7, message: 'restricts ingress' },
      ],
    },
  ],
});
