/**
 * Custom resources with several pod templates (a Ray cluster's head and worker groups): the rules that judge
 * pod-level settings (service account, token, probes, resources, NetworkPolicy labels, annotations, node
 * isolation, system components) check every template, not only the first.
 */
import cpuLimit from '../../../src/rules/k8s/cpu-limit.js';
import dedicatedServiceAccount from '../../../src/rules/k8s/dedicated-service-account.js';
import livenessProbe from '../../../src/rules/k8s/liveness-probe.js';
import networkPolicyCoverage from '../../../src/rules/k8s/network-policy-coverage.js';
import noSecretsInAnnotations from '../../../src/rules/k8s/no-secrets-in-annotations.js';
import noSystemNamespaceWorkloads from '../../../src/rules/k8s/no-system-namespace-workloads.js';
import sensitiveWorkloadIsolation from '../../../src/rules/k8s/sensitive-workload-isolation.js';
import tokenAutomount from '../../../src/rules/k8s/service-account-token-automount.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

/** Head: hardened. Worker (from line 17): no service account, token mounted, no probe, no resources. */
const cluster = (workerLines: string[] = [], namespace = 'ml'): string =>
  [
    'apiVersion: ray.io/v1',
    'kind: RayCluster',
    `metadata: { name: ray, namespace: ${namespace} }`,
    'spec:',
    '  headGroupSpec:',
    '    template:',
    '      metadata:',
    '        labels: { ray.io/node-type: head }',
    '      spec:',
    '        serviceAccountName: ray-head',
    '        automountServiceAccountToken: false',
    '        containers:',
    '          - name: head',
    '            image: rayproject/ray',
    '            livenessProbe: { exec: { command: [ray, health-check] } }',
    "            resources: { limits: { cpu: '2', memory: 4Gi }, requests: { cpu: '1', memory: 2Gi } }",
    '  workerGroupSpecs:',
    '    - groupName: gpu',
    '      template:',
    '        metadata:',
    '          labels: { ray.io/node-type: worker }',
    '        spec:',
    '          containers:',
    '            - name: worker',
    '              image: rayproject/ray',
    ...workerLines,
    '',
  ].join('\n');

/** The worker group hardened like the head. */
const hardenedWorker = [
  '              livenessProbe: { exec: { command: [ray, health-check] } }',
  "              resources: { limits: { cpu: '2', memory: 4Gi } }",
  '          serviceAccountName: ray-worker',
  '          automountServiceAccountToken: false',
];

const WORKER_SPEC = 22;
const WORKER_CONTAINER = 24;
const WORKER_LABELS = 21;

ruleTester(dedicatedServiceAccount, {
  valid: [{ name: 'every group names its own ServiceAccount', code: cluster(hardenedWorker) }],
  invalid: [
    {
      name: 'the worker group runs as default with a token, the head does not',
      code: cluster(),
      errors: [{ line: WORKER_SPEC, message: 'RayCluster "ml/ray" (pod template spec.workerGroupSpecs[0].template) names no ServiceAccount' }],
    },
  ],
});

ruleTester(tokenAutomount, {
  valid: [{ name: 'every group turns the token off', code: cluster(hardenedWorker) }],
  invalid: [{ name: 'the worker group mounts a token', code: cluster(), errors: [{ line: WORKER_SPEC, message: '(pod template spec.workerGroupSpecs[0].template) mounts a service account token' }] }],
});

/** A custom resource of two long-running templates, found by its `template` keys. */
const stack = (workerProbe: string): string => yaml`
  apiVersion: apps.example.com/v1
  kind: Stack
  metadata: { name: shop }
  spec:
    api:
      template:
        spec:
          containers:
            - name: app
              image: api
              livenessProbe: { httpGet: { path: /healthz, port: 8080 } }
    worker:
      template:
        spec:
          containers:
            - name: app
              image: worker
              ${workerProbe}
`;

ruleTester(livenessProbe, {
  valid: [
    { name: 'every template probes its container', code: stack('livenessProbe: { exec: { command: [worker, health] } }') },
    { name: 'Ray pods: KubeRay injects their probes', code: cluster() },
    {
      name: 'replica templates that run to completion (restartPolicy OnFailure) are skipped, each on its own',
      code: yaml`
        apiVersion: kubeflow.org/v1
        kind: PyTorchJob
        metadata: { name: train }
        spec:
          pytorchReplicaSpecs:
            Master:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{ name: pytorch, image: trainer }]
            Worker:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{ name: pytorch, image: trainer }]
      `,
    },
  ],
  invalid: [
    {
      name: 'the second template\'s container has no probe; the message names the template, as both containers are "app"',
      code: stack(''),
      errors: [{ line: 16, message: 'Container "app" has no liveness probe: if it hangs without exiting, it is never restarted (pod template spec.worker.template).' }],
    },
  ],
});

ruleTester(cpuLimit, {
  valid: [
    { name: 'every group limits CPU', code: cluster(hardenedWorker) },
    {
      name: 'a pod-level limit bounds the containers of its template',
      code: cluster(["          resources: { limits: { cpu: '4' } }"]),
    },
  ],
  invalid: [
    { name: 'the worker container has no CPU limit', code: cluster(), errors: [{ line: WORKER_CONTAINER, message: 'Container "worker" has no cpu limit' }] },
    {
      name: 'the worker group\'s pod-level limit does not bound the head\'s container',
      code: cluster(["          resources: { limits: { cpu: '4' } }"]).replace("            resources: { limits: { cpu: '2', memory: 4Gi }, requests: { cpu: '1', memory: 2Gi } }\n", ''),
      errors: [{ line: 13, message: 'Container "head" has no cpu limit' }],
    },
  ],
});

const headPolicy = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: head, namespace: ml }
  spec:
    podSelector: { matchLabels: { ray.io/node-type: head } }
    policyTypes: [Ingress, Egress]
`;

ruleTester(networkPolicyCoverage, {
  valid: [
    {
      name: 'a default-deny policy isolates every group',
      code: cluster(),
      others: [{ filename: 'policy.yaml', code: headPolicy.replace('{ matchLabels: { ray.io/node-type: head } }', '{}') }],
    },
  ],
  invalid: [
    {
      name: 'a policy isolates the head group only: the worker group is open both ways',
      code: cluster(),
      others: [{ filename: 'policy.yaml', code: headPolicy }],
      errors: [
        { line: WORKER_LABELS, message: 'restricts egress for the pods of pod template spec.workerGroupSpecs[0].template (ray.io/node-type=worker' },
        { line: WORKER_LABELS, message: 'restricts ingress for the pods of pod template spec.workerGroupSpecs[0].template' },
      ],
    },
  ],
});

ruleTester(noSecretsInAnnotations, {
  valid: [{ name: 'no annotations in any template', code: cluster() }],
  invalid: [
    {
      name: 'a credential in the second template\'s annotations',
      code: cluster().replace(
        'labels: { ray.io/node-type: worker }',
        'labels: { ray.io/node-type: worker }\n          annotations: { dashboard: "https://admin:s3cr3t@ray.internal/" }',
      ),
      errors: [{ line: 22, message: 'Annotation "dashboard" of the pod template spec.workerGroupSpecs[0].template contains a URL with an embedded password.' }],
    },
  ],
});

ruleTester(sensitiveWorkloadIsolation, {
  valid: [{ name: 'no template is sensitive', code: cluster() }],
  invalid: [
    {
      name: 'only the sensitive worker group is checked',
      settings: { sensitiveWorkloads: { labels: { 'ray.io/node-type': 'worker' }, namespaces: [], taintKey: 'dedicated' } },
      code: cluster(),
      errors: [
        { line: WORKER_SPEC, message: 'RayCluster "ray" (pod template spec.workerGroupSpecs[0].template) is sensitive (labels ray.io/node-type=worker) but does not select the dedicated nodes' },
        { line: WORKER_SPEC, message: 'does not tolerate the dedicated node taint' },
      ],
    },
  ],
});

ruleTester(noSystemNamespaceWorkloads, {
  valid: [
    {
      name: 'every template carries a component mark (the EKS add-on label)',
      code: cluster([], 'kube-system')
        .replace('labels: { ray.io/node-type: head }', 'labels: { ray.io/node-type: head, eks.amazonaws.com/component: ray }')
        .replace('labels: { ray.io/node-type: worker }', 'labels: { ray.io/node-type: worker, eks.amazonaws.com/component: ray }'),
    },
  ],
  invalid: [
    { name: 'an application cluster in kube-system', code: cluster([], 'kube-system'), errors: [{ line: 3 }] },
    {
      name: 'one template marked as a component does not make the others one',
      code: cluster([], 'kube-system').replace('labels: { ray.io/node-type: head }', 'labels: { ray.io/node-type: head, eks.amazonaws.com/component: ray }'),
      errors: [{ line: 3 }],
    },
  ],
});
