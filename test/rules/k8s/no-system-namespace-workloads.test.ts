import rule from '../../../src/rules/k8s/no-system-namespace-workloads.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'an image of the EKS add-on registry account, whatever its repository (cni-metrics-helper)',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: cni-metrics-helper, namespace: kube-system }
        spec:
          selector: { matchLabels: { k8s-app: cni-metrics-helper } }
          template:
            metadata: { labels: { k8s-app: cni-metrics-helper } }
            spec:
              serviceAccountName: cni-metrics-helper
              containers:
                - { name: cni-metrics-helper, image: 602401143452.dkr.ecr.us-west-2.amazonaws.com/cni-metrics-helper:v1.20.3 }
      `,
    },
    {
      name: 'Trivy good: a Pod in an application namespace',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            labels:
                name: mypod
            name: mypod
            namespace: test
        spec:
            automountServiceAccountToken: true
            containers:
                - image: nginx
                  name: mypod
      `,
    },
    {
      name: 'cluster add-ons: Kubernetes and EKS add-on images, EKS component label, well-known name',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: node-problem-detector, namespace: kube-system }
        spec:
          template:
            spec:
              priorityClassName: system-node-critical
              containers: [{ name: npd, image: registry.k8s.io/node-problem-detector/node-problem-detector:v0.8.19 }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: my-csi-controller, namespace: kube-system }
        spec:
          template:
            spec:
              containers:
                - { name: driver, image: 602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/aws-ebs-csi-driver:v1.35.0 }
                - { name: provisioner, image: public.ecr.aws/eks-distro/kubernetes-csi/external-provisioner:v5.1.0 }
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: metrics-server, namespace: kube-system, labels: { k8s-app: metrics-server } }
        spec:
          template:
            metadata: { labels: { k8s-app: metrics-server } }
            spec:
              containers: [{ name: metrics-server, image: metrics-server }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: coredns, namespace: kube-system }
        spec:
          template:
            metadata: { labels: { eks.amazonaws.com/component: coredns } }
            spec:
              containers: [{ name: coredns, image: coredns }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: aws-load-balancer-controller, namespace: kube-system }
        spec:
          template:
            spec:
              containers: [{ name: controller, image: ghcr.io/mirror/aws-load-balancer-controller:v2.7.0 }]
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: ebs-csi-node, namespace: kube-system }
        spec:
          template:
            spec:
              containers:
                - { name: ebs-plugin, image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/ecr-public/ebs-csi-driver/aws-ebs-csi-driver:v1.30.0 }
                - { name: registrar, image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/k8s/sig-storage/csi-node-driver-registrar:v2.10.0 }
                - { name: probe, image: 111122223333.dkr.ecr.us-east-1.amazonaws.com/k8s/sig-storage/livenessprobe:v2.12.0 }
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: aws-node, namespace: kube-system }
        spec:
          template:
            spec:
              containers: [{ name: aws-node, image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}" }]
      `,
    },
    {
      name: 'a control-plane static pod',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: kube-apiserver
          namespace: kube-system
          labels: { tier: control-plane, component: kube-apiserver }
        spec:
          priorityClassName: system-node-critical
          containers: [{ name: kube-apiserver, image: kube-apiserver }]
      `,
    },
    {
      name: 'non-workload objects in kube-system are not reported',
      code: yaml`
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: { name: auth-reader, namespace: kube-system }
        roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: extension-apiserver-authentication-reader }
        subjects: [{ kind: ServiceAccount, name: adapter, namespace: monitoring }]
      `,
    },
    {
      name: 'an add-on whose name starts with another add-on\'s name is itself (aws-node-termination-handler is not aws-node)',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: aws-node-termination-handler, namespace: kube-system }
        spec:
          template:
            spec:
              containers:
                - name: aws-node-termination-handler
                  image: public.ecr.aws/aws-ec2/aws-node-termination-handler:v1.22.0
      `,
    },
  ],
  invalid: [
    {
      name: 'Trivy KSV-0037 probes: an add-on name or label on an application image is not an add-on',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: coredns-shop-api, namespace: kube-system }
        spec:
          template:
            spec:
              containers: [{ name: api, image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api:1.0 }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: metrics-server, namespace: kube-system }
        spec:
          template:
            spec:
              containers: [{ name: app, image: nginx:1.27 }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: helper, namespace: kube-system }
        spec:
          template:
            metadata: { labels: { eks.amazonaws.com/component: coredns } }
            spec:
              containers: [{ name: app, image: busybox:1.36 }]
      `,
      errors: [
        { line: 3, message: 'Deployment "coredns-shop-api" runs in the system namespace "kube-system"' },
        { line: 11, message: 'Deployment "metrics-server" runs in the system namespace' },
        { line: 19, message: 'Deployment "helper" runs in the system namespace' },
      ],
    },
    {
      name: 'an application that claims a system priority class or the k8s-app label (Trivy KSV-0037 shape)',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: redis-master, namespace: kube-system, labels: { k8s-app: redis } }
        spec:
          template:
            metadata: { labels: { k8s-app: redis } }
            spec:
              priorityClassName: system-node-critical
              containers: [{ name: redis, image: redis:7.2 }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: app, namespace: kube-system }
        spec:
          template:
            spec:
              containers:
                - { name: proxy, image: registry.k8s.io/pause:3.10 }
                - { name: app, image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.0 }
      `,
      errors: [
        { line: 3, message: 'Deployment "redis-master" runs in the system namespace "kube-system", which is reserved for cluster components.' },
        { line: 13, message: 'Deployment "app" runs in the system namespace' },
      ],
    },
    {
      name: 'Trivy bad: a user Pod in kube-system',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
            labels:
                name: mypod
            name: mypod
            namespace: kube-system
        spec:
            containers:
                - image: nginx
                  name: mypod
      `,
      errors: [{ line: 7, column: 5, message: 'Pod "mypod" runs in the system namespace "kube-system"' }],
    },
    {
      name: 'DaemonSet in kube-system, CronJob in kube-public, Deployment in kube-node-lease',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: log-collector, namespace: kube-system, labels: { app.kubernetes.io/name: log-collector } }
        spec:
          template:
            metadata: { labels: { app: log-collector } }
            spec:
              containers: [{ name: fluentd, image: fluentd }]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: backup, namespace: kube-public }
        spec:
          schedule: "0 0 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{ name: backup, image: backup }]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: app, namespace: kube-node-lease }
        spec:
          template:
            spec:
              containers: [{ name: app, image: app }]
      `,
      errors: [
        { line: 3, message: 'DaemonSet "log-collector"' },
        { line: 12, message: '"kube-public"' },
        { line: 23, message: '"kube-node-lease"' },
      ],
    },
    {
      name: 'a control-plane label alone does not make a component',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata:
          name: sneaky
          namespace: kube-system
          labels: { tier: control-plane, component: my-app }
        spec:
          containers: [{ name: app, image: app }]
      `,
      errors: [{ line: 5, message: 'Pod "sneaky"' }],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'kube-system' }, spec: { containers: [{ name: 'c', image: 'c' }] } }, null, 2),
      errors: [{ line: 6, message: 'Pod "p"' }],
    },
  ],
});
