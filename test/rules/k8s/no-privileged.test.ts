import rule from '../../../src/rules/k8s/no-privileged.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'pod-shaped objects that are not pod specs: a Kyverno pattern, an Argo CD Application\'s Helm values',
      code: yaml`
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: { name: no-privileged }
        spec:
          rules:
            - name: check
              validate:
                pattern:
                  spec:
                    template:
                      spec:
                        containers: [{ name: "*", securityContext: { privileged: true } }]
        ---
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata: { name: app }
        spec:
          source:
            helm:
              valuesObject:
                template:
                  spec:
                    containers: [{ name: app, securityContext: { privileged: true } }]
      `,
    },
    {
      name: 'privileged unset or false',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              initContainers: [{ name: init, image: busybox }]
              containers:
                - name: web
                  image: nginx
                  securityContext: { privileged: false }
      `,
    },
    {
      name: 'pod-level privileged is not a Kubernetes field and is ignored',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext: { privileged: true }
          containers:
            - name: app
              image: app
              securityContext: { privileged: false }
      `,
    },
    {
      name: 'a templated value is unknown',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              securityContext: { privileged: "{{ .Values.privileged }}" }
      `,
    },
    {
      name: 'Windows pods are exempt',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: win }
        spec:
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                  - matchExpressions: [{ key: kubernetes.io/os, operator: In, values: [windows] }]
          containers:
            - name: app
              image: app
              securityContext: { privileged: true }
      `,
    },
  ],
  invalid: [
    {
      name: 'custom resources with several pod templates: a Ray cluster\'s head and worker groups, a Volcano job\'s tasks',
      code: yaml`
        apiVersion: ray.io/v1
        kind: RayCluster
        metadata: { name: ray }
        spec:
          headGroupSpec:
            template:
              spec:
                containers: [{ name: head, image: rayproject/ray, securityContext: { privileged: true } }]
          workerGroupSpecs:
            - groupName: gpu
              template:
                spec:
                  containers: [{ name: worker, image: rayproject/ray, securityContext: { privileged: true } }]
        ---
        apiVersion: batch.volcano.sh/v1alpha1
        kind: Job
        metadata: { name: vc }
        spec:
          tasks:
            - name: task
              template:
                spec:
                  containers: [{ name: c, image: busybox, securityContext: { privileged: true } }]
      `,
      errors: [
        { line: 8, message: 'Container "head" runs privileged' },
        { line: 13, message: 'Container "worker" runs privileged' },
        { line: 23, message: 'Container "c" runs privileged' },
      ],
    },
    {
      name: 'privileged container',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers:
            - name: app
              image: app
              securityContext:
                privileged: true
      `,
      errors: [{ line: 9, column: 9, message: 'Container "app" runs privileged' }],
    },
    {
      name: 'only the privileged one of two containers; init and ephemeral containers too',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              initContainers:
                - name: setup
                  image: setup
                  securityContext: { privileged: true }
              containers:
                - name: agent
                  image: agent
                  securityContext: { privileged: true }
                - name: sidecar
                  image: sidecar
              ephemeralContainers:
                - name: debug
                  image: busybox
                  securityContext: { privileged: true }
      `,
      errors: [
        { line: 10, message: '"setup"' },
        { line: 14, message: '"agent"' },
        { line: 20, message: '"debug"' },
      ],
    },
    {
      name: 'a privileged container is reported even when the pod level says false',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          securityContext: { privileged: false }
          containers:
            - securityContext:
                privileged: true
      `,
      errors: [{ line: 8, message: '"containers[0]"' }],
    },
    {
      name: 'custom resource with a pod template (Argo Rollout)',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: r }
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: app
                  securityContext: { privileged: true }
      `,
      errors: [{ line: 10 }],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},\n"spec":{"containers":[{"name":"app","image":"app",\n"securityContext":{"privileged":true}}]}}\n',
      errors: [{ line: 3, message: '"app"' }],
    },
    {
      name: 'a CSI node plugin whose Bidirectional mount propagation needs privileged says so',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: ebs-csi-node, namespace: kube-system }
        spec:
          template:
            spec:
              containers:
                - name: ebs-plugin
                  image: public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.35.0
                  securityContext: { privileged: true }
                  volumeMounts:
                    - { name: kubelet-dir, mountPath: /var/lib/kubelet, mountPropagation: Bidirectional }
      `,
      errors: [{ line: 10, severity: 'critical', message: 'Its Bidirectional mount propagation (volume "kubelet-dir") needs privileged, as a CSI node plugin does' }],
    },
  ],
});
