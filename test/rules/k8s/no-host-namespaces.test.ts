import rule from '../../../src/rules/k8s/no-host-namespaces.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

ruleTester(rule, {
  valid: [
    {
      name: 'host namespaces explicitly off',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          hostNetwork: false
          hostPID: false
          hostIPC: false
          containers: [{ name: app, image: app }]
      `,
    },
    {
      name: 'unset (the default) and templated values',
      code: yaml`
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web }
        spec:
          template:
            spec:
              hostNetwork: "{{ .Values.hostNetwork }}"
              containers: [{ name: web, image: web }]
      `,
    },
    {
      name: 'objects without pods are ignored',
      code: yaml`
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: c }
        data: { hostNetwork: "true" }
      `,
    },
  ],
  invalid: [
    {
      name: 'all three on a Pod, one finding per field at the field',
      example: true,
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          hostIPC: true
          hostNetwork: true
          containers: [{ name: app, image: app }]
          hostPID: true
      `,
      errors: [
        { line: 5, column: 3, message: 'IPC namespace (hostIPC: true)' },
        { line: 6, column: 3, message: 'network namespace (hostNetwork: true)' },
        { line: 8, column: 3, message: 'process namespace (hostPID: true)' },
      ],
    },
    {
      name: 'DaemonSet pod template',
      code: yaml`
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: { name: agent }
        spec:
          template:
            spec:
              hostNetwork: true
              containers: [{ name: agent, image: agent }]
      `,
      errors: [{ line: 7, column: 7, message: 'hostNetwork' }],
    },
    {
      name: 'CronJob',
      code: yaml`
        apiVersion: batch/v1
        kind: CronJob
        metadata: { name: job }
        spec:
          schedule: "0 * * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  hostPID: true
                  restartPolicy: Never
                  containers: [{ name: job, image: job }]
      `,
      errors: [{ line: 10, message: 'hostPID' }],
    },
    {
      name: 'custom resource with a pod template',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Rollout
        metadata: { name: r }
        spec:
          template:
            spec:
              hostIPC: true
              containers: [{ name: app, image: app }]
      `,
      errors: [{ line: 7, message: 'hostIPC' }],
    },
    {
      name: 'KEDA ScaledJob: jobTargetRef is a JobSpec',
      code: yaml`
        apiVersion: keda.sh/v1alpha1
        kind: ScaledJob
        metadata: { name: worker }
        spec:
          jobTargetRef:
            template:
              spec:
                hostNetwork: true
                containers: [{ name: worker, image: worker }]
          triggers: [{ type: aws-sqs-queue, metadata: { queueURL: q } }]
      `,
      errors: [{ line: 8, message: 'hostNetwork' }],
    },
    {
      name: 'every pod template of a custom resource (a Kubeflow job\'s worker replicas)',
      code: yaml`
        apiVersion: kubeflow.org/v1
        kind: PyTorchJob
        metadata: { name: train }
        spec:
          pytorchReplicaSpecs:
            Master:
              template:
                spec:
                  containers: [{ name: pytorch, image: trainer }]
            Worker:
              template:
                spec:
                  hostNetwork: true
                  containers: [{ name: pytorch, image: trainer }]
      `,
      errors: [{ line: 13, message: 'hostNetwork' }],
    },
    {
      // kube-linter's host-ipc fixture shape: OpenShift's DeploymentConfig counts like a Deployment, containers or not.
      name: 'OpenShift DeploymentConfig',
      code: yaml`
        apiVersion: apps.openshift.io/v1
        kind: DeploymentConfig
        metadata: { name: dc }
        spec:
          template:
            spec:
              hostIPC: true
      `,
      errors: [{ line: 7, message: 'hostIPC' }],
    },
    {
      name: 'JSON input',
      filename: 'case.json',
      code: yaml`
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": { "name": "p" },
          "spec": {
            "containers": [{ "name": "a", "image": "a" }],
            "hostNetwork": true
          }
        }
      `,
      errors: [{ line: 7, column: 5, message: 'hostNetwork' }],
    },
  ],
});
