/**
 * Argo Workflows (Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow): each template that runs
 * containers is a pod, whose settings fall back to the workflow's `templateDefaults`, then its spec.
 */
import dedicatedServiceAccount from '../../../src/rules/k8s/dedicated-service-account.js';
import livenessProbe from '../../../src/rules/k8s/liveness-probe.js';
import networkPolicyCoverage from '../../../src/rules/k8s/network-policy-coverage.js';
import noHostNamespaces from '../../../src/rules/k8s/no-host-namespaces.js';
import noPrivileged from '../../../src/rules/k8s/no-privileged.js';
import noSensitiveHostPath from '../../../src/rules/k8s/no-sensitive-host-path.js';
import runAsNonRoot from '../../../src/rules/k8s/run-as-non-root.js';
import tokenAutomount from '../../../src/rules/k8s/service-account-token-automount.js';
import apparmorNotDisabled from '../../../src/rules/k8s/apparmor-not-disabled.js';
import dropAllCapabilities from '../../../src/rules/k8s/drop-all-capabilities.js';
import noHostPath from '../../../src/rules/k8s/no-host-path.js';
import noSecretsInAnnotations from '../../../src/rules/k8s/no-secrets-in-annotations.js';
import cpuLimit from '../../../src/rules/k8s/cpu-limit.js';
import readinessProbe from '../../../src/rules/k8s/readiness-probe.js';
import { ruleTester, yaml } from '../../helpers/rule-tester.js';

/** Checkov's CKV_ARGO_1 / CKV_ARGO_2 fixtures: a Workflow with one container template. */
const whalesay = (settings: string): string => yaml`
  apiVersion: argoproj.io/v1alpha1
  kind: Workflow
  metadata:
    generateName: hello-world-
  spec:
    entrypoint: whalesay
  ${settings}
    templates:
    - name: whalesay
      container:
        image: docker/whalesay:latest
        command: [cowsay]
        args: ["hello world"]
`;

ruleTester(runAsNonRoot, {
  valid: [
    { name: 'the workflow securityContext applies to every template (Checkov CKV_ARGO_2 pass)', code: whalesay('  securityContext: { runAsNonRoot: true, runAsUser: 8737 }') },
    {
      name: 'templateDefaults and a CronWorkflow\'s workflowSpec',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: { name: nightly }
        spec:
          schedule: "0 2 * * *"
          workflowSpec:
            entrypoint: report
            templateDefaults:
              securityContext: { runAsNonRoot: true }
            templates:
              - name: report
                script: { image: python:3.12, command: [python], source: "print(1)" }
      `,
    },
    {
      name: 'templateDefaults.securityContext merges field by field into a template\'s own securityContext',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: train }
        spec:
          templateDefaults:
            securityContext: { runAsNonRoot: true, runAsUser: 1000 }
          templates:
            - name: train
              securityContext: { fsGroup: 2000 }
              container: { image: trainer }
      `,
    },
    {
      name: 'a library of templates (no entrypoint): the calling workflow decides the pod securityContext',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: ClusterWorkflowTemplate
        metadata: { name: lib }
        spec:
          templates:
            - name: build
              container: { image: builder }
      `,
    },
    {
      name: 'steps, dag, resource and suspend templates run none of the user\'s containers; a podSpecPatch\'s securityContext applies',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: { name: pipeline }
        spec:
          entrypoint: main
          templates:
            - name: main
              dag:
                tasks: [{ name: a, template: patched }, { name: b, template: apply }]
            - name: apply
              resource: { action: apply, manifest: "apiVersion: v1\\nkind: ConfigMap\\nmetadata: { name: x }\\n" }
            - name: wait
              suspend: {}
            - name: patched
              podSpecPatch: '{"securityContext": {"runAsNonRoot": true}}'
              container: { image: alpine }
      `,
    },
  ],
  invalid: [
    {
      name: 'no securityContext anywhere (Checkov CKV_ARGO_2 fail); a template\'s own securityContext replaces the workflow\'s',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: { name: build }
        spec:
          entrypoint: inherits
          securityContext: { runAsNonRoot: true }
          templates:
            - name: inherits
              container: { image: builder }
            - name: replaces
              securityContext: { fsGroup: 2000 }
              script: { image: python:3.12, source: "print(1)" }
      `,
      errors: [{ line: 12, message: 'Container "replaces" may run as root' }],
    },
  ],
});

ruleTester(noPrivileged, {
  valid: [{ name: 'unprivileged containers', code: whalesay('') }],
  invalid: [
    {
      name: 'every kind of container of a template: init, main, script, container set, sidecar',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: ClusterWorkflowTemplate
        metadata: { name: all-kinds }
        spec:
          templates:
            - name: docker
              initContainers: [{ name: setup, image: alpine, securityContext: { privileged: true } }]
              container: { image: docker:cli, securityContext: { privileged: true } }
              sidecars: [{ name: dind, image: docker:dind, securityContext: { privileged: true } }]
            - name: set
              containerSet:
                containers: [{ name: a, image: alpine, securityContext: { privileged: true } }]
            - name: py
              script: { image: python:3.12, source: "print(1)", securityContext: { privileged: true } }
      `,
      errors: [
        { line: 7, message: 'Container "setup" runs privileged' },
        { line: 8, message: 'Container "docker" runs privileged' },
        { line: 9, message: 'Container "dind" runs privileged' },
        { line: 12, message: 'Container "a" runs privileged' },
        { line: 14, message: 'Container "py" runs privileged' },
      ],
    },
  ],
});

const library = yaml`
  apiVersion: argoproj.io/v1alpha1
  kind: ClusterWorkflowTemplate
  metadata: { name: release-lib }
  spec:
    serviceAccountName: default
    templates:
      - name: publish
        container: { image: publisher }
`;

ruleTester(dedicatedServiceAccount, {
  valid: [
    { name: 'a dedicated ServiceAccount (Checkov CKV_ARGO_1 pass)', code: whalesay('  serviceAccountName: custom-sa') },
    { name: 'a library of templates (no entrypoint): the calling workflow\'s ServiceAccount applies, not the library\'s spec', code: library },
  ],
  invalid: [
    {
      name: 'the default ServiceAccount, named or not (Checkov CKV_ARGO_1 fail), reported once for the workflow',
      code: whalesay('  serviceAccountName: default'),
      errors: [{ line: 7, message: 'Workflow "hello-world-" runs as the "default" ServiceAccount' }],
    },
    {
      name: 'no ServiceAccount named: reported at the workflow spec, once for all its templates',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: two-steps }
        spec:
          templates:
            - name: a
              container: { image: alpine }
            - name: b
              container: { image: alpine }
            - name: c
              serviceAccountName: default
              container: { image: alpine }
      `,
      errors: [
        { line: 4, message: 'Workflow "two-steps" names no ServiceAccount' },
        { line: 11, message: 'Workflow "two-steps" (template "c") runs as the "default" ServiceAccount' },
      ],
    },
  ],
});

ruleTester(tokenAutomount, {
  valid: [
    { name: 'token turned off for the workflow', code: whalesay('  serviceAccountName: runner\n    automountServiceAccountToken: false\n    executor: { serviceAccountName: executor }') },
    {
      name: 'Argo copies only false into the pod: a workflow\'s true leaves the ServiceAccount\'s false in force',
      code: whalesay('  serviceAccountName: runner\n    automountServiceAccountToken: true'),
      others: [{ filename: 'sa.yaml', code: 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: runner }\nautomountServiceAccountToken: false\n' }],
    },
    { name: 'a library of templates: the caller decides', code: library },
  ],
  invalid: [{ name: 'the workflow\'s pods mount a token', code: whalesay('  serviceAccountName: runner'), errors: [{ line: 7, message: 'Workflow "hello-world-" mounts a service account token' }] }],
});

ruleTester(noHostNamespaces, {
  valid: [
    { name: 'no host namespaces', code: whalesay('') },
    {
      name: 'fields Argo does not copy to the pod: hostPID on the workflow, hostNetwork on a template',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: ignored }
        spec:
          hostPID: true
          templates:
            - name: a
              hostNetwork: true
              container: { image: alpine }
      `,
    },
  ],
  invalid: [{ name: 'hostNetwork on the workflow spec', code: whalesay('  hostNetwork: true'), errors: [{ line: 7, message: "The pod shares the node's network namespace (hostNetwork: true)" }] }],
});

ruleTester(noSensitiveHostPath, {
  valid: [{ name: 'an emptyDir', code: whalesay('  volumes: [{ name: work, emptyDir: {} }]') }],
  invalid: [
    {
      name: 'the workflow\'s Docker socket volume, mounted by two templates: one finding',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: docker-build }
        spec:
          volumes:
            - name: docker
              hostPath: { path: /var/run/docker.sock }
          templates:
            - name: build
              container: { image: docker:cli, volumeMounts: [{ name: docker, mountPath: /var/run/docker.sock }] }
            - name: push
              container: { image: docker:cli, volumeMounts: [{ name: docker, mountPath: /var/run/docker.sock }] }
      `,
      errors: [{ line: 7, message: '/var/run/docker.sock' }],
    },
  ],
});

ruleTester(livenessProbe, {
  valid: [{ name: 'workflow steps run to completion: no probe needed', code: whalesay('') }],
  invalid: [
    {
      name: 'still checked for ordinary workloads beside them',
      code: yaml`
        apiVersion: v1
        kind: Pod
        metadata: { name: p }
        spec:
          containers: [{ name: app, image: app }]
      `,
      errors: [{ line: 5, message: 'Container "app" has no liveness probe' }],
    },
  ],
});

ruleTester(networkPolicyCoverage, {
  valid: [
    {
      name: 'a policy that may select a generateName workflow\'s pods (a name with its prefix)',
      code: whalesay(''),
      others: [
        {
          filename: 'policy.yaml',
          code: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: run }\nspec:\n  podSelector: { matchLabels: { workflows.argoproj.io/workflow: hello-world-x7k2p } }\n  policyTypes: [Ingress, Egress]\n',
        },
      ],
    },
    {
      name: 'a policy selecting the named workflow\'s pods by the label Argo gives them',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: etl, namespace: data }
        spec:
          templates:
            - name: extract
              container: { image: extractor }
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: etl, namespace: data }
        spec:
          podSelector: { matchLabels: { workflows.argoproj.io/workflow: etl } }
          policyTypes: [Ingress, Egress]
      `,
    },
    {
      name: 'a policy selecting podMetadata labels, which every pod of the workflow carries',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: { name: etl, namespace: data }
        spec:
          entrypoint: extract
          podMetadata: { labels: { team: data } }
          templates:
            - name: extract
              container: { image: extractor }
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: data-team, namespace: data }
        spec:
          podSelector: { matchLabels: { team: data } }
          policyTypes: [Ingress, Egress]
      `,
    },
  ],
  invalid: [
    {
      name: 'a policy for another workflow: the pods of a generateName workflow are named hello-world-<random>',
      code: whalesay('').replace('metadata:\n  generateName: hello-world-', 'metadata:\n  generateName: hello-world-\n  namespace: ci'),
      others: [
        {
          filename: 'policy.yaml',
          code: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: etl, namespace: ci }\nspec:\n  podSelector: { matchLabels: { workflows.argoproj.io/workflow: etl } }\n  policyTypes: [Ingress, Egress]\n',
        },
      ],
      errors: [
        { line: 3, message: 'restricts egress for its pods (workflows.argoproj.io/workflow=hello-world-{{generated name}})' },
        { line: 3, message: 'restricts ingress for its pods' },
      ],
    },
    {
      name: 'templates with the same labels are reported once; a template with its own labels on its own',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: etl, namespace: data }
        spec:
          templates:
            - name: extract
              container: { image: extractor }
            - name: load
              container: { image: loader }
            - name: serve
              metadata: { labels: { app: preview } }
              container: { image: preview }
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: preview, namespace: data }
        spec:
          podSelector: { matchLabels: { app: preview } }
          policyTypes: [Ingress, Egress]
      `,
      errors: [
        { line: 3, message: 'restricts egress for the pods of template "extract" and template "load"' },
        { line: 3, message: 'restricts ingress for the pods of template "extract" and template "load"' },
      ],
    },
  ],
});

ruleTester(noHostPath, {
  valid: [
    {
      name: 'a workflow volume that no container of the template mounts is not in its pod',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: tools }
        spec:
          volumes: [{ name: tools, hostPath: { path: /opt/tools } }]
          templates:
            - name: a
              container: { image: alpine }
      `,
    },
  ],
  invalid: [
    {
      name: 'mounted through a container set\'s volumeMounts; templateDefaults volumes reach every template',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: cache }
        spec:
          volumes: [{ name: cache, hostPath: { path: /data/cache } }]
          templateDefaults:
            volumes: [{ name: logs, hostPath: { path: /var/log/app } }]
          templates:
            - name: set
              containerSet:
                volumeMounts: [{ name: cache, mountPath: /cache }]
                containers: [{ name: main, image: alpine }]
      `,
      errors: [
        { line: 5, message: 'Volume "cache" mounts the host path /data/cache from the node (writable by "main").' },
        { line: 7, message: 'Volume "logs" mounts the host path /var/log/app from the node (not mounted by any container).' },
      ],
    },
  ],
});

ruleTester(dropAllCapabilities, {
  valid: [
    {
      name: 'templateDefaults.container fields merge into every container template',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: hardened }
        spec:
          templateDefaults:
            container:
              securityContext: { capabilities: { drop: [ALL] }, allowPrivilegeEscalation: false }
          templates:
            - name: prep
              container: { image: alpine, securityContext: { readOnlyRootFilesystem: true } }
      `,
    },
  ],
  invalid: [{ name: 'no defaults', code: whalesay(''), errors: [{ line: 10, message: 'Container "whalesay" does not drop ALL capabilities' }] }],
});

ruleTester(readinessProbe, {
  valid: [{ name: 'ordinary steps run to completion', code: whalesay('') }],
  invalid: [
    {
      name: 'a daemon template keeps running while later steps use it',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: with-db }
        spec:
          templates:
            - name: db
              daemon: true
              container: { image: postgres:16 }
      `,
      errors: [{ line: 8, message: 'Container "db" has no readiness probe' }],
    },
  ],
});

ruleTester(noSecretsInAnnotations, {
  valid: [{ name: 'no annotations', code: whalesay('') }],
  invalid: [
    {
      name: 'a credential in the workflow\'s podMetadata, which every pod gets',
      code: whalesay('  podMetadata: { annotations: { notify: "https://bot:s3cr3t-Pw@chat.internal/hook" } }'),
      errors: [{ line: 7, message: 'Annotation "notify" of the pods contains a URL with an embedded password.' }],
    },
  ],
});

ruleTester(apparmorNotDisabled, {
  valid: [{ name: 'no AppArmor settings', code: whalesay('') }],
  invalid: [
    {
      name: 'the main container is called main in the pod, whatever the template is called',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: aa }
        spec:
          templates:
            - name: build
              metadata:
                annotations: { container.apparmor.security.beta.kubernetes.io/main: unconfined }
              container: { image: builder }
      `,
      errors: [{ line: 8, message: 'Container "build" AppArmor annotation is unconfined' }],
    },
    {
      name: 'an annotation every pod gets from podMetadata is reported where it is written',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: aa }
        spec:
          podMetadata:
            annotations:
              container.apparmor.security.beta.kubernetes.io/main: unconfined
          templates:
            - name: build
              container: { image: builder }
      `,
      errors: [{ line: 7, message: 'Container "build" AppArmor annotation is unconfined' }],
    },
  ],
});

ruleTester(cpuLimit, {
  valid: [
    {
      name: 'a literal podSpecPatch (JSON, an expression as a value) sets the main container\'s limits',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: patched }
        spec:
          templates:
            - name: build
              inputs: { parameters: [{ name: cpu }] }
              podSpecPatch: '{"containers":[{"name":"main","resources":{"limits":{"cpu":"{{inputs.parameters.cpu}}"}}}]}'
              container: { image: builder, resources: { requests: { cpu: 100m } } }
      `,
    },
    {
      name: 'a patch for main reaches the main container whatever the template names it',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: patched }
        spec:
          templates:
            - name: build
              podSpecPatch: '{"containers":[{"name":"main","resources":{"limits":{"cpu":"2"}}}]}'
              container: { name: worker, image: builder }
      `,
    },
    {
      name: 'a patch that cannot be read leaves the pod unknown (expressions in place of YAML structure)',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: unreadable }
        spec:
          podSpecPatch: |
            {{workflow.parameters.patch}}
          templates:
            - name: build
              container: { image: builder }
      `,
    },
  ],
  invalid: [
    {
      name: 'the template\'s own patch replaces the one templateDefaults gives it',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: p }
        spec:
          templateDefaults:
            podSpecPatch: '{"containers":[{"name":"main","resources":{"limits":{"cpu":"1"}}}]}'
          templates:
            - name: a
              container: { image: alpine }
            - name: b
              podSpecPatch: '{"containers":[{"name":"main","resources":{"limits":{"memory":"1Gi"}}}]}'
              container: { image: alpine }
      `,
      errors: [{ line: 12, message: 'Container "b" has no cpu limit' }],
    },
    {
      name: 'a workflow-level YAML patch for another container does not set this one\'s limit',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: patched }
        spec:
          podSpecPatch: |
            containers:
              - name: sidecar
                resources: { limits: { cpu: "1" } }
          templates:
            - name: build
              container: { image: builder }
      `,
      errors: [{ line: 11, message: 'Container "build" has no cpu limit' }],
    },
  ],
});

ruleTester(noPrivileged, {
  valid: [{ name: 'a patch can also drop privilege', code: yaml`
    apiVersion: argoproj.io/v1alpha1
    kind: Workflow
    metadata: { name: p }
    spec:
      templates:
        - name: build
          podSpecPatch: '{"containers":[{"name":"main","securityContext":{"privileged":false}}]}'
          container: { image: builder, securityContext: { privileged: true } }
  ` }],
  invalid: [
    {
      name: 'a patch that only sets resources leaves a privileged container privileged',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { name: p }
        spec:
          templates:
            - name: build
              podSpecPatch: '{"containers":[{"name":"main","resources":{"limits":{"memory":"1Gi"}}}]}'
              container: { image: builder, securityContext: { privileged: true } }
      `,
      errors: [{ line: 8, message: 'Container "build" runs privileged' }],
    },
  ],
});

/** Templates written inline in a step or DAG task (Argo 3.2 and later) run as pods too. */
ruleTester(noPrivileged, {
  valid: [
    {
      name: 'inline templates that are not privileged',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { generateName: inline-, namespace: ci }
        spec:
          entrypoint: main
          templates:
            - name: main
              steps:
                - - name: build
                    inline: { container: { image: builder } }
      `,
    },
  ],
  invalid: [
    {
      name: 'an inline step template and an inline DAG task template, with the workflow\'s settings',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { generateName: inline-, namespace: ci }
        spec:
          entrypoint: main
          templates:
            - name: main
              steps:
                - - name: build
                    inline:
                      container:
                        image: builder
                        securityContext: { privileged: true }
            - name: graph
              dag:
                tasks:
                  - name: test
                    inline:
                      script:
                        image: tester
                        source: make test
                        securityContext: { privileged: true }
      `,
      errors: [
        { line: 13, message: 'template "main/build"' },
        { line: 22, message: 'template "graph/test"' },
      ],
    },
  ],
});
