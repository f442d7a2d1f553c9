import rule from '../../../src/rules/k8s/dedicated-service-account.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'own ServiceAccounts, one shared by workloads of the same app',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: shop }
        spec:
          template:
            metadata: { labels: { app.kubernetes.io/name: shop } }
            spec:
              serviceAccountName: shop
              containers: [{ name: web, image: web }]
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: { name: migrate, namespace: shop }
        spec:
          template:
            metadata: { labels: { app.kubernetes.io/name: shop, app.kubernetes.io/component: migration } }
            spec:
              serviceAccountName: shop
              containers: [{ name: m, image: m }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: other, namespace: billing }
        spec:
          template:
            metadata: { labels: { app: billing } }
            spec:
              serviceAccountName: shop
              containers: [{ name: b, image: b }]
      `,
    },
    {
      name: 'default ServiceAccount without a token mounted, and workloads without app labels',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: batch }
        spec:
          automountServiceAccountToken: false
          containers: [{ name: c, image: c }]
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata: { name: es-data }
        spec:
          template:
            metadata: { labels: { component: elasticsearch, role: data } }
            spec:
              serviceAccount: elasticsearch
              containers: [{ name: es, image: es }]
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata: { name: es-master }
        spec:
          template:
            metadata: { labels: { component: elasticsearch, role: master } }
            spec:
              serviceAccount: elasticsearch
              containers: [{ name: es, image: es }]
      `,
    },
    {
      name: 'an IRSA ServiceAccount shared across apps is left to irsa-role-per-service-account',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: aws
          annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/shared" }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: a, labels: { app: a } }
        spec:
          serviceAccountName: aws
          containers: [{ name: c, image: c }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: b, labels: { app: b } }
        spec:
          serviceAccountName: aws
          containers: [{ name: c, image: c }]
      `,
    },
  ],
  invalid: [
    {
      name: 'an empty serviceAccountName is the default one, reported at the empty name',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: nginx3, namespace: app }
        spec:
          containers: [{ name: nginx3, image: nginx3 }]
          serviceAccountName: ""
      `,
      errors: [{ line: 6, message: 'names no ServiceAccount, so it runs as the namespace\'s "default" one' }],
    },
    {
      name: 'a serviceAccountName written without a value is the default one, reported at the key (KICS service_account_name_undefined_or_empty)',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: nginx2, namespace: app }
        spec:
          containers: [{ name: nginx2, image: nginx2 }]
          serviceAccountName:
      `,
      errors: [{ line: 6, message: 'names no ServiceAccount, so it runs as the namespace\'s "default" one' }],
    },
    {
      name: 'no ServiceAccount named, and default named explicitly',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              containers: [{ name: web, image: web }]
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: debug, namespace: ops }
        spec:
          serviceAccountName: default
          ephemeralContainers: [{ name: dbg, image: busybox }]
          containers: [{ name: c, image: c }]
      `,
      errors: [
        { line: 6, column: 5, message: 'Deployment "web" names no ServiceAccount, so it runs as the namespace\'s "default" one' },
        { line: 13, column: 3, message: 'Pod "ops/debug" runs as the "default" ServiceAccount' },
      ],
    },
    {
      name: 'the default ServiceAccount keeps automount on even though the pod says nothing (CronJob)',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: nightly }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{ name: n, image: n }]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: default }
        automountServiceAccountToken: true
      `,
      errors: [{ line: 9, column: 9, message: 'CronJob "nightly" names no ServiceAccount' }],
    },
    {
      name: 'workloads of different apps share a ServiceAccount',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: cart, namespace: shop }
        spec:
          template:
            metadata: { labels: { app: cart } }
            spec:
              serviceAccountName: backend
              containers: [{ name: c, image: c }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: payments, namespace: shop, labels: { app.kubernetes.io/name: payments } }
        spec:
          template:
            spec:
              serviceAccountName: backend
              containers: [{ name: p, image: p }]
      `,
      errors: [
        { line: 8, message: 'Deployment "shop/cart" (app "cart") shares ServiceAccount "backend" with Deployment "shop/payments" (app "payments")' },
        { line: 17, message: 'Deployment "shop/payments" (app "payments") shares ServiceAccount "backend" with Deployment "shop/cart" (app "cart")' },
      ],
    },
    {
      name: 'JSON Pod without a ServiceAccount',
      filename: 'case.json',
      code: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'c' }] } }, null, 2),
      errors: [{ line: 7, message: 'Pod "p" names no ServiceAccount' }],
    },
  ],
});
