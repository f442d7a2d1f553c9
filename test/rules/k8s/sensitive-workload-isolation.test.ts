import rule from '../../../src/rules/k8s/sensitive-workload-isolation.js';
import type { ScanSettings } from '../../../src/engine/settings.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const pci: Partial<ScanSettings> = {
  sensitiveWorkloads: { labels: { compliance: 'pci' }, namespaces: ['payments'], taintKey: 'dedicated' },
};

ruleTester(rule, {
  valid: [
    {
      name: 'sensitive (default label) with toleration and nodeSelector',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: card-vault }
        spec:
          template:
            metadata: { labels: { seaworthy.dev/sensitive: "true" } }
            spec:
              nodeSelector: { dedicated: pci }
              tolerations:
                - { key: dedicated, operator: Equal, value: pci, effect: NoSchedule }
              containers: [{ name: vault, image: vault }]
      `,
    },
    {
      name: 'sensitive by namespace, with required node affinity (every term) and an effect-less toleration',
      settings: pci,
      code: yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: { name: ledger, namespace: payments }
        spec:
          template:
            spec:
              tolerations: [{ key: dedicated, operator: Exists }]
              affinity:
                nodeAffinity:
                  requiredDuringSchedulingIgnoredDuringExecution:
                    nodeSelectorTerms:
                      - matchExpressions: [{ key: dedicated, operator: In, values: [pci] }]
                      - matchExpressions:
                          - { key: topology.kubernetes.io/zone, operator: In, values: [eu-west-1a] }
                          - { key: dedicated, operator: Exists }
              containers: [{ name: ledger, image: ledger }]
      `,
    },
    {
      name: 'non-sensitive workloads are not checked',
      settings: pci,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: shop, labels: { compliance: none } }
        spec:
          template:
            metadata: { labels: { app: web } }
            spec:
              containers: [{ name: web, image: nginx }]
      `,
    },
    {
      name: 'templated tolerations and node selection are unknown',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: t, labels: { seaworthy.dev/sensitive: "true" } }
        spec:
          template:
            spec:
              nodeSelector: "{{ toYaml .Values.nodeSelector }}"
              tolerations: "{{ toYaml .Values.tolerations }}"
              containers: [{ name: t, image: t }]
      `,
    },
  ],
  invalid: [
    {
      name: 'sensitive by pod label with neither toleration nor node selection',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: vault
          labels: { seaworthy.dev/sensitive: "true" }
        spec:
          containers: [{ name: vault, image: vault }]
      `,
      errors: [
        { line: 6, column: 1, message: /Pod "vault" is sensitive \(labels seaworthy.dev\/sensitive=true\) but does not select the dedicated nodes/ },
        { line: 6, message: 'does not tolerate the dedicated node taint "dedicated"' },
      ],
    },
    {
      name: 'sensitive by object label: toleration with the wrong key/effect, nodeSelector on another label',
      settings: pci,
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: checkout, namespace: shop, labels: { compliance: pci } }
        spec:
          template:
            spec:
              nodeSelector: { kubernetes.io/os: linux }
              tolerations:
                - { key: dedicated, operator: Exists, effect: PreferNoSchedule }
                - { key: gpu, operator: Exists, effect: NoSchedule }
              containers: [{ name: checkout, image: checkout }]
      `,
      errors: [
        { line: 7, column: 7, message: 'does not select the dedicated nodes' },
        { line: 8, column: 7, message: 'does not tolerate' },
      ],
    },
    {
      name: 'one node affinity term without the key lets pods land elsewhere; NotIn does not select',
      settings: pci,
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: settle, namespace: payments }
        spec:
          schedule: "0 2 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  tolerations: [{ key: dedicated, operator: Equal, value: pci, effect: NoExecute }]
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                          - matchExpressions: [{ key: dedicated, operator: In, values: [pci] }]
                          - matchExpressions: [{ key: dedicated, operator: NotIn, values: [shared] }]
                  containers: [{ name: settle, image: settle }]
      `,
      errors: [{ line: 12, message: /CronJob "settle" is sensitive \(namespace "payments"\)/ }],
    },
    {
      name: 'preferred affinity is not a requirement; custom resource with a pod template',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: r }
        spec:
          template:
            metadata: { labels: { seaworthy.dev/sensitive: "true" } }
            spec:
              tolerations: [{ operator: Exists }]
              affinity:
                nodeAffinity:
                  preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 100
                      preference:
                        matchExpressions: [{ key: dedicated, operator: In, values: [pci] }]
              containers: [{ name: app, image: app }]
      `,
      errors: [{ line: 10, message: 'Rollout "r" is sensitive' }],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', labels: { 'seaworthy.dev/sensitive': 'true' } },
          spec: { nodeSelector: { dedicated: 'pci' }, containers: [{ name: 'c', image: 'c' }] },
        },
        null,
        2,
      ),
      errors: [{ line: 10, message: 'does not tolerate' }],
    },
  ],
});
