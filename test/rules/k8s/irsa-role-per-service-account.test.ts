import rule from '../../../src/rules/k8s/irsa-role-per-service-account.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'one role per ServiceAccount, GovCloud and China partitions, the same ServiceAccount in two overlays',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: carts
          namespace: carts
          annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/carts" }
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: orders
          annotations: { eks.amazonaws.com/role-arn: "arn:aws-us-gov:iam::111122223333:role/path/orders" }
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: ui
          annotations: { eks.amazonaws.com/role-arn: "arn:aws-cn:iam::111122223333:role/ui" }
      `,
      others: [
        {
          filename: 'overlay.yaml',
          code: yaml`
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: carts
              annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/carts" }
          `,
        },
      ],
    },
    {
      name: 'templates and documentation placeholders are not judged',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: a
          annotations: { eks.amazonaws.com/role-arn: "\${CARTS_IAM_ROLE}" }
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: b
          annotations: { eks.amazonaws.com/role-arn: "\${CARTS_IAM_ROLE}" }
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: c
          annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::xxxxxxxxxxxx:role/alb" }
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: d
          annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::<ACCOUNT_ID>:role/d" }
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: e
          annotations: { eks.amazonaws.com/role-arn: "" }
      `,
    },
    {
      name: 'an IRSA ServiceAccount used by several workloads of one app',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: catalog
          annotations: { eks.amazonaws.com/role-arn: "arn:aws:iam::111122223333:role/catalog" }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: catalog }
        spec:
          template:
            metadata: { labels: { app.kubernetes.io/name: catalog } }
            spec:
              serviceAccountName: catalog
              containers: [{ name: c, image: c }]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: catalog-sync }
        spec:
          schedule: "@daily"
          jobTemplate:
            spec:
              template:
                metadata: { labels: { app.kubernetes.io/name: catalog } }
                spec:
                  serviceAccountName: catalog
                  containers: [{ name: s, image: s }]
      `,
    },
  ],
  invalid: [
    {
      name: 'values that are not IAM role ARNs',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: a
          annotations:
            eks.amazonaws.com/role-arn: my-app-role
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: b
          annotations:
            eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:policy/b
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: c
          annotations:
            eks.amazonaws.com/role-arn: arn:aws:sts::111122223333:assumed-role/c/session
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: d
          annotations:
            eks.amazonaws.com/role-arn: arn:aws:iam::1111:role/d
      `,
      errors: [
        { line: 6, column: 5, message: 'ServiceAccount "a" has eks.amazonaws.com/role-arn "my-app-role", which does not work: it is not an ARN' },
        { line: 13, message: 'it is an IAM policy ARN, not a role ARN' },
        { line: 20, message: 'it is an STS (assumed-role) ARN' },
        { line: 27, message: '"1111" is not a 12-digit account ID' },
      ],
    },
    {
      name: 'one role for two ServiceAccounts and a Pod Identity association; a role on the default ServiceAccount',
      code: yaml`
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: orders
          namespace: shop
          annotations:
            eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/shop
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: default
          namespace: shop
          annotations:
            eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/shop
        ---
        apiVersion: eks.services.k8s.aws/v1alpha1
        kind: PodIdentityAssociation
        metadata: { name: checkout }
        spec:
          clusterName: prod
          namespace: shop
          serviceAccount: checkout
          roleARN: arn:aws:iam::111122223333:role/shop
      `,
      errors: [
        { line: 7, message: 'IAM role "arn:aws:iam::111122223333:role/shop" is given to ServiceAccount "shop/orders" and also to ServiceAccount "shop/default", ServiceAccount "shop/checkout"' },
        { line: 15, message: 'is given to ServiceAccount "shop/default" and also to ServiceAccount "shop/orders", ServiceAccount "shop/checkout"' },
        { line: 15, message: 'The "default" ServiceAccount of namespace "shop" has an IAM role' },
        { line: 24, message: 'is given to ServiceAccount "shop/checkout" and also to' },
      ],
    },
    {
      name: 'an IRSA ServiceAccount shared by different apps (JSON)',
      filename: 'case.json',
      code: JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'List',
          items: [
            { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'aws', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/aws' } } },
            { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { app: 'uploader' } }, spec: { serviceAccountName: 'aws', containers: [{ name: 'c', image: 'c' }] } },
            { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'b' }, spec: { template: { metadata: { labels: { app: 'reporter' } }, spec: { serviceAccountName: 'aws', containers: [{ name: 'c', image: 'c' }] } } } },
          ],
        },
        null,
        2,
      ),
      errors: [{ line: 11, message: 'ServiceAccount "aws" has an IAM role and is used by workloads of 2 different apps: Pod "a" (app "uploader"), Deployment "b" (app "reporter")' }],
    },
  ],
});
