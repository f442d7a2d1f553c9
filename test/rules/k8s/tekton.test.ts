/**
 * Tekton Pipelines (Task, ClusterTask, TaskRun, Pipeline, PipelineRun): a task's steps and sidecars are the
 * containers of one pod; its pod settings come from the run's podTemplate, and are unknown when no run gives them.
 */
import cpuLimit from '../../../src/rules/k8s/cpu-limit.js';
import dedicatedServiceAccount from '../../../src/rules/k8s/dedicated-service-account.js';
import livenessProbe from '../../../src/rules/k8s/liveness-probe.js';
import networkPolicyCoverage from '../../../src/rules/k8s/network-policy-coverage.js';
import noHostNamespaces from '../../../src/rules/k8s/no-host-namespaces.js';
import noPrivileged from '../../../src/rules/k8s/no-privileged.js';
import noPrivilegeEscalation from '../../../src/rules/k8s/no-privilege-escalation.js';
import noSensitiveHostPath from '../../../src/rules/k8s/no-sensitive-host-path.js';
import runAsNonRoot from '../../../src/rules/k8s/run-as-non-root.js';
import seccompRuntimeDefault from '../../../src/rules/k8s/seccomp-runtime-default.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

const task = yaml`
  apiVersion: tekton.dev/v1
  kind: Task
  metadata: { name: build, namespace: ci }
  spec:
    stepTemplate:
      securityContext: { allowPrivilegeEscalation: false }
    volumes:
      - name: docker-sock
        hostPath: { path: /var/run/docker.sock }
    steps:
      - name: build
        image: builder
        volumeMounts: [{ name: docker-sock, mountPath: /var/run/docker.sock }]
        computeResources: { limits: { cpu: "2", memory: 2Gi } }
      - name: test
        image: tester
        securityContext: { privileged: true }
    sidecars:
      - name: dind
        image: docker:dind
        securityContext: { privileged: true }
`;

const hardenedTask = yaml`
  apiVersion: tekton.dev/v1
  kind: ClusterTask
  metadata: { name: test }
  spec:
    stepTemplate:
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true }
    steps:
      - { name: unit, image: tester }
      - { name: lint, image: linter }
`;

/** A TaskRun with an inline task and the given podTemplate lines. */
const run = (podTemplate: string): string => yaml`
  apiVersion: tekton.dev/v1
  kind: TaskRun
  metadata: { name: hello-run }
  spec:
    serviceAccountName: runner
    podTemplate: ${podTemplate}
    taskSpec:
      steps:
        - name: hello
          image: alpine
`;

ruleTester(noPrivileged, {
  valid: [{ name: 'unprivileged steps', code: run('{}') }],
  invalid: [
    {
      name: 'a privileged step and sidecar',
      code: task,
      errors: [
        { line: 17, message: 'Container "test" runs privileged' },
        { line: 21, message: 'Container "dind" runs privileged' },
      ],
    },
  ],
});

ruleTester(noPrivilegeEscalation, {
  valid: [{ name: 'stepTemplate settings reach every step', code: hardenedTask }],
  invalid: [
    {
      name: 'no stepTemplate: each step must set it',
      code: run('{}'),
      errors: [{ line: 9, message: 'Container "hello" does not set allowPrivilegeEscalation: false' }],
    },
  ],
});

ruleTester(runAsNonRoot, {
  valid: [
    { name: 'a Task alone: the run (or the cluster\'s default pod template) decides the pod securityContext', code: task },
    { name: 'the run\'s podTemplate sets it', code: run('{ securityContext: { runAsNonRoot: true } }') },
  ],
  invalid: [
    {
      name: 'the run\'s podTemplate securityContext leaves it out',
      code: run('{ securityContext: { fsGroup: 2000 } }'),
      errors: [{ line: 9, message: 'Container "hello" may run as root' }],
    },
  ],
});

ruleTester(seccompRuntimeDefault, {
  valid: [{ name: 'a Task alone: the pod seccomp profile is the run\'s', code: hardenedTask }],
  invalid: [{ name: 'a run whose pod template has no profile', code: run('{ securityContext: { runAsNonRoot: true } }'), errors: [{ line: 9, message: 'Container "hello" has no seccomp profile' }] }],
});

ruleTester(noHostNamespaces, {
  valid: [{ name: 'a Task sets no host namespace', code: task }],
  invalid: [{ name: 'hostNetwork in the run\'s podTemplate', code: run('{ hostNetwork: true }'), errors: [{ line: 6, message: "The pod shares the node's network namespace" }] }],
});

ruleTester(noSensitiveHostPath, {
  valid: [{ name: 'no host paths', code: run('{}') }],
  invalid: [{ name: 'the task\'s Docker socket volume', code: task, errors: [{ line: 9, message: '/var/run/docker.sock' }] }],
});

ruleTester(cpuLimit, {
  valid: [
    { name: 'computeResources (Tekton v1) counts', code: task.replace(/ {4}- name: test[\s\S]*$/, '') },
    {
      name: 'resources a PipelineRun sets for a task (taskRunSpecs stepSpecs) are unknown; a StepAction step is the StepAction\'s',
      code: yaml`
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: { name: r }
        spec:
          taskRunSpecs:
            - pipelineTaskName: build
              stepSpecs: [{ name: compile, computeResources: { limits: { cpu: "2" } } }]
          pipelineSpec:
            tasks:
              - name: build
                taskSpec:
                  steps:
                    - { name: compile, image: builder }
                    - { name: scan, ref: { name: trivy-scan } }
      `,
    },
  ],
  invalid: [
    {
      name: 'steps and sidecars without one',
      code: task,
      errors: [
        { line: 15, message: 'Container "test" has no cpu limit' },
        { line: 19, message: 'Container "dind" has no cpu limit' },
      ],
    },
  ],
});

ruleTester(dedicatedServiceAccount, {
  valid: [
    { name: 'a Task: the run names the ServiceAccount', code: task },
    {
      name: 'a Pipeline\'s inline tasks: the PipelineRun names it',
      code: yaml`
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: { name: ci }
        spec:
          tasks:
            - name: lint
              taskSpec:
                steps: [{ name: lint, image: linter }]
      `,
    },
  ],
  invalid: [
    {
      name: 'taskRunSpecs give one pipeline task its own ServiceAccount; the others keep the run\'s default',
      code: yaml`
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: { name: deploy-run }
        spec:
          taskRunTemplate:
            serviceAccountName: default
            podTemplate: { automountServiceAccountToken: true }
          taskRunSpecs:
            - pipelineTaskName: deploy
              serviceAccountName: deployer
          pipelineSpec:
            tasks:
              - name: deploy
                taskSpec: { steps: [{ name: apply, image: kubectl }] }
              - name: test
                taskSpec: { steps: [{ name: test, image: tester }] }
      `,
      errors: [{ line: 6, message: 'PipelineRun "deploy-run" runs as the "default" ServiceAccount' }],
    },
    {
      name: 'a PipelineRun that runs its inline tasks as the default ServiceAccount with a token',
      code: yaml`
        apiVersion: tekton.dev/v1
        kind: PipelineRun
        metadata: { name: ci-run }
        spec:
          taskRunTemplate:
            serviceAccountName: default
            podTemplate: { automountServiceAccountToken: true }
          pipelineSpec:
            tasks:
              - name: lint
                taskSpec:
                  steps: [{ name: lint, image: linter }]
      `,
      errors: [{ line: 6, message: 'PipelineRun "ci-run" runs as the "default" ServiceAccount' }],
    },
  ],
});

ruleTester(livenessProbe, {
  valid: [{ name: 'task pods run to completion', code: task }],
  invalid: [
    {
      name: 'ordinary workloads are still checked',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers: [{ name: app, image: app }]
      `,
      errors: [{ line: 5 }],
    },
  ],
});

ruleTester(networkPolicyCoverage, {
  valid: [
    {
      name: 'Tekton copies the run\'s labels to its pods, and adds its own',
      code: yaml`
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: { name: build-run, namespace: ci, labels: { app: ci } }
        spec:
          taskSpec: { steps: [{ name: build, image: builder }] }
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: ci, namespace: ci }
        spec:
          podSelector: { matchLabels: { app: ci, app.kubernetes.io/managed-by: tekton-pipelines } }
          policyTypes: [Ingress, Egress]
      `,
    },
  ],
  invalid: [
    {
      name: 'a policy for another run: a generateName run\'s label starts with its prefix',
      code: yaml`
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: { generateName: build-run-, namespace: ci }
        spec:
          taskSpec: { steps: [{ name: build, image: builder }] }
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: other, namespace: ci }
        spec:
          podSelector: { matchLabels: { tekton.dev/taskRun: deploy-run-abcde } }
          policyTypes: [Ingress, Egress]
      `,
      errors: [
        { line: 3, message: 'restricts egress for its pods' },
        { line: 3, message: 'restricts ingress for its pods' },
      ],
    },
  ],
});

/** Runs that only reference their task or pipeline: the pod settings they give are checked. */
const REFERENCING = yaml`
  apiVersion: tekton.dev/v1
  kind: TaskRun
  metadata: { name: build-run, namespace: ci }
  spec:
    taskRef: { name: build }
    podTemplate:
      hostNetwork: true
      volumes:
        - name: docker
          hostPath: { path: /var/run/docker.sock }
  ---
  apiVersion: tekton.dev/v1
  kind: PipelineRun
  metadata: { name: release, namespace: ci }
  spec:
    pipelineRef: { name: release }
    taskRunSpecs:
      - pipelineTaskName: push
        podTemplate: { hostNetwork: true }
  ---
  apiVersion: tekton.dev/v1
  kind: PipelineRun
  metadata: { name: test, namespace: ci }
  spec:
    pipelineSpec:
      tasks:
        - name: unit
          taskRef: { name: unit-tests }
    taskRunTemplate:
      podTemplate: { hostNetwork: true }
`;

ruleTester(noHostNamespaces, {
  valid: [
    {
      name: 'a Pipeline\'s referenced task is checked where it is written; a run that sets nothing',
      code: yaml`
        apiVersion: tekton.dev/v1
        kind: Pipeline
        metadata: { name: release, namespace: ci }
        spec:
          tasks: [{ name: push, taskRef: { name: push } }]
        ---
        apiVersion: tekton.dev/v1
        kind: TaskRun
        metadata: { name: plain, namespace: ci }
        spec:
          taskRef: { name: build }
      `,
    },
  ],
  invalid: [
    {
      name: 'taskRef / pipelineRef runs: their podTemplate, a taskRunSpecs entry, an inline pipeline\'s referenced task',
      code: REFERENCING,
      errors: [{ line: 7 }, { line: 19 }, { line: 30 }],
    },
  ],
});

ruleTester(noSensitiveHostPath, {
  valid: [{ name: 'a referencing run without volumes', code: REFERENCING.replace(/ {4}volumes:\n.*\n.*\n/, '') }],
  invalid: [{ name: 'a taskRef run\'s hostPath volume', code: REFERENCING, errors: [{ line: 10, message: '/var/run/docker.sock' }] }],
});
