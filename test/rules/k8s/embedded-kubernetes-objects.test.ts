import { describe, expect, it } from 'vitest';
import { scan, scanDetailed } from '../../../src/scan.js';
import { formatText } from '../../../src/reporters/text.js';
import { loadSources } from '../../../src/loaders/sources.js';
import noHostNamespaces from '../../../src/rules/k8s/no-host-namespaces.js';
import noPrivileged from '../../../src/rules/k8s/no-privileged.js';
import noPrivilegeEscalation from '../../../src/rules/k8s/no-privilege-escalation.js';
import trustedRegistry from '../../../src/rules/k8s/trusted-registry.js';
import networkPolicyCoverage from '../../../src/rules/k8s/network-policy-coverage.js';
import noSensitiveHostPath from '../../../src/rules/k8s/no-sensitive-host-path.js';
import rbacClusterAdminBinding from '../../../src/rules/k8s/rbac-cluster-admin-binding.js';
import rbacNoWildcards from '../../../src/rules/k8s/rbac-no-wildcards.js';
import noPrivateKeyInManifest from '../../../src/rules/k8s/no-private-key-in-manifest.js';
import loadBalancerTls from '../../../src/rules/k8s/load-balancer-tls.js';
import serviceAccountTokenAutomount from '../../../src/rules/k8s/service-account-token-automount.js';
import invalidSuppression from '../../../src/rules/core/invalid-suppression.js';
import runAsNonRoot from '../../../src/rules/k8s/run-as-non-root.js';
import networkPolicyBroadAllow from '../../../src/rules/k8s/network-policy-broad-allow.js';
import dropAllCapabilities from '../../../src/rules/k8s/drop-all-capabilities.js';
import noDefaultNamespace from '../../../src/rules/k8s/no-default-namespace.js';
import tracingCollector from '../../../src/rules/k8s/tracing-collector.js';
import defaultServiceAccountUnused from '../../../src/rules/k8s/default-service-account-unused.js';
import { ruleTester, runRule, yaml } from '../../helpers/rule-tester.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Kubernetes objects written inside other files, checked by the Kubernetes rules at the host file's lines:
 * Terraform `kubernetes_manifest` objects as evaluated and `kubectl_manifest` heredocs as written
 * (src/loaders/terraform/kubernetes-objects.ts), and the manifests of Argo Workflows `resource` templates
 * (src/loaders/argo-resource-manifests.ts).
 */

const DEPLOYMENT = yaml`
  variable "image" {
    type = string
  }

  resource "kubernetes_manifest" "web" {
    manifest = {
      "apiVersion" = "apps/v1"
      "kind"       = "Deployment"
      "metadata" = {
        "name"      = "web"
        "namespace" = "shop"
      }
      "spec" = {
        "template" = {
          "spec" = {
            "hostNetwork" = var.host_network
            "containers" = [{
              "name"  = "web"
              "image" = var.image
              "securityContext" = {
                "privileged" = true
              }
            }]
          }
        }
      }
    }
  }
`;

const HEREDOC = yaml`
  resource "kubectl_manifest" "job" {
    yaml_body = <<-YAML
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: migrate
        namespace: shop
      spec:
        template:
          spec:
            hostPID: true
            containers:
              - name: migrate
                image: \${var.image}
                securityContext:
                  allowPrivilegeEscalation: true
    YAML
  }
`;

ruleTester(noPrivileged, {
  valid: [
    {
      name: 'kubectl_manifest from templatefile(): the template file is scanned on its own',
      filename: 'main.tf',
      code: yaml`
        resource "kubectl_manifest" "job" {
          yaml_body = templatefile("\${path.module}/job.yaml", { image = var.image })
        }
      `,
    },
    {
      name: 'a kubernetes_manifest whose manifest is computed',
      filename: 'main.tf',
      code: yaml`
        resource "kubernetes_manifest" "web" {
          manifest = local.web
        }
      `,
    },
    {
      name: 'a resource with count = 0 is never applied',
      filename: 'main.tf',
      code: yaml`
        resource "kubectl_manifest" "pod" {
          count     = 0
          yaml_body = <<YAML
        apiVersion: v1
        kind: Pod
        metadata: { name: debug }
        spec:
          containers: [{ name: debug, image: busybox, securityContext: { privileged: true } }]
        YAML
        }
      `,
    },
    {
      name: 'a heredoc with %{ } directives is not read',
      filename: 'main.tf',
      code: yaml`
        resource "kubectl_manifest" "pod" {
          yaml_body = <<YAML
        apiVersion: v1
        kind: Pod
        metadata: { name: debug }
        spec:
          containers:
        %{ for name in var.names ~}
            - { name: \${name}, image: busybox, securityContext: { privileged: true } }
        %{ endfor ~}
        YAML
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'two Terraform pods of one name sent to two clusters (provider aliases): a finding each, at its own line',
      filename: 'main.tf',
      code: yaml`
        resource "kubernetes_pod_v1" "east" {
          provider = kubernetes.east
          metadata {
            name = "web"
          }
          spec {
            container {
              name  = "web"
              image = "web:1"
              security_context {
                privileged = true
              }
            }
          }
        }
        resource "kubernetes_pod_v1" "west" {
          provider = kubernetes.west
          metadata {
            name = "web"
          }
          spec {
            container {
              name  = "web"
              image = "web:1"
              security_context {
                privileged = true
              }
            }
          }
        }
      `,
      errors: [{ line: 11 }, { line: 26 }],
    },
    {
      name: 'kubernetes_manifest: at the HCL attribute',
      filename: 'main.tf',
      code: DEPLOYMENT,
      errors: [{ line: 21, column: 15, message: 'Container "web"' }],
    },
    {
      name: 'kubernetes_manifest = yamldecode(heredoc): at the heredoc line',
      filename: 'main.tf',
      code: yaml`
        resource "kubernetes_manifest" "pod" {
          manifest = yamldecode(<<-EOT
            apiVersion: v1
            kind: Pod
            metadata:
              name: debug
            spec:
              containers:
                - name: debug
                  image: busybox
                  securityContext:
                    privileged: true
          EOT
          )
        }
      `,
      errors: [{ line: 12, column: 13 }],
    },
    {
      name: 'kubectl_manifest yaml_body = yamlencode({...}): at the HCL attribute',
      filename: 'main.tf',
      code: yaml`
        resource "kubectl_manifest" "pod" {
          yaml_body = yamlencode({
            apiVersion = "v1"
            kind       = "Pod"
            metadata   = { name = "debug", namespace = "ops" }
            spec = {
              containers = [{
                name            = "debug"
                image           = "busybox"
                securityContext = { privileged = true }
              }]
            }
          })
        }
      `,
      errors: [{ line: 10, column: 29 }],
    },
    {
      name: 'a heredoc with several documents, and a plain <<EOT heredoc',
      filename: 'main.tf',
      code: yaml`
        resource "kubectl_manifest" "pods" {
          yaml_body = <<EOT
        apiVersion: v1
        kind: Pod
        metadata: { name: a }
        spec: { containers: [{ name: a, image: busybox, securityContext: { privileged: true } }] }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: b }
        spec:
          containers:
            - name: b
              image: busybox
              securityContext:
                privileged: true
        EOT
        }
      `,
      errors: [{ line: 6 }, { line: 16, column: 9 }],
    },
  ],
});

ruleTester(noHostNamespaces, {
  valid: [{ name: 'an unknown hostNetwork (var.host_network) is not reported', filename: 'main.tf', code: DEPLOYMENT }],
  invalid: [{ name: 'kubectl_manifest heredoc (<<-): line and column in the .tf file', filename: 'main.tf', code: HEREDOC, errors: [{ line: 11, column: 11 }] }],
});

ruleTester(noPrivilegeEscalation, {
  valid: [
    {
      name: 'allowPrivilegeEscalation = false',
      filename: 'main.tf',
      code: DEPLOYMENT.replace('"privileged" = true', '"allowPrivilegeEscalation" = false'),
    },
  ],
  invalid: [
    {
      name: 'both forms in one file',
      filename: 'main.tf',
      code: DEPLOYMENT + HEREDOC,
      errors: [{ line: 20, message: 'runs privileged' }, { line: 44 }],
    },
  ],
});

ruleTester(trustedRegistry, {
  valid: [
    { name: 'an image from a variable is unknown (kubernetes_manifest)', filename: 'main.tf', code: DEPLOYMENT },
    { name: 'an interpolated image is unknown (kubectl_manifest)', filename: 'main.tf', code: HEREDOC },
  ],
  invalid: [
    {
      name: 'a literal image',
      filename: 'main.tf',
      code: yaml`
        resource "kubernetes_manifest" "pod" {
          manifest = {
            apiVersion = "v1"
            kind       = "Pod"
            metadata   = { name = "debug" }
            spec = {
              containers = [{ name = "debug", image = "docker.io/library/busybox:1.36" }]
            }
          }
        }
      `,
      errors: [{ line: 7 }],
    },
  ],
});

ruleTester(networkPolicyCoverage, {
  valid: [
    {
      name: 'a NetworkPolicy applied by Terraform covers a Deployment in a manifest',
      filename: 'policy.tf',
      code: yaml`
        resource "kubernetes_manifest" "deny" {
          manifest = {
            apiVersion = "networking.k8s.io/v1"
            kind       = "NetworkPolicy"
            metadata   = { name = "default-deny", namespace = "shop" }
            spec       = { podSelector = {}, policyTypes = ["Ingress", "Egress"] }
          }
        }
      `,
      others: [
        {
          filename: 'web.yaml',
          code: yaml`
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: web, namespace: shop }
            spec:
              selector: { matchLabels: { app: web } }
              template:
                metadata: { labels: { app: web } }
                spec: { containers: [{ name: web, image: web }] }
          `,
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'a Job in a heredoc with no policy',
      filename: 'main.tf',
      code: HEREDOC,
      errors: [{ line: 9, message: 'restricts egress' }, { line: 9, message: 'restricts ingress' }],
    },
  ],
});

describe('Terraform Kubernetes objects: loading', () => {
  const load = async (files: Record<string, string>) => loadSources(Object.entries(files).map(([name, text]) => ({ path: name, text, explicit: false })));

  it('reads the object once when several instances or root modules evaluate it alike', async () => {
    const module = yaml`
      resource "kubernetes_manifest" "sa" {
        count = 2
        manifest = {
          apiVersion = "v1"
          kind       = "ServiceAccount"
          metadata   = { name = "app", namespace = "shop" }
        }
      }
    `;
    const loaded = await load({
      'modules/app/main.tf': module,
      'envs/dev/main.tf': 'module "app" {\n  source = "../../modules/app"\n}\n',
      'envs/prod/main.tf': 'module "app" {\n  source = "../../modules/app"\n}\n',
    });
    const accounts = loaded.resources.filter((resource) => resource.artifact === 'kubernetes');
    expect(accounts.map((resource) => `${resource.type}/${resource.namespace}/${resource.name} ${resource.document.file.path}`)).toEqual([
      'ServiceAccount/shop/app modules/app/main.tf',
    ]);
  });

  it('keeps instances that differ (for_each keys in the name)', async () => {
    const loaded = await load({
      'main.tf': yaml`
        resource "kubernetes_manifest" "ns" {
          for_each = toset(["a", "b"])
          manifest = {
            apiVersion = "v1"
            kind       = "Namespace"
            metadata   = { name = each.key }
          }
        }
      `,
    });
    expect(loaded.resources.filter((resource) => resource.artifact === 'kubernetes').map((resource) => resource.name)).toEqual(['a', 'b']);
  });

  it('a heredoc that is not YAML, or not a Kubernetes object, gives nothing and no error', async () => {
    const loaded = await load({
      'main.tf': yaml`
        resource "kubectl_manifest" "broken" {
          yaml_body = <<YAML
        apiVersion: v1
        kind: [unclosed
        YAML
        }
        resource "kubectl_manifest" "other" {
          yaml_body = <<YAML
        just: data
        YAML
        }
      `,
    });
    expect(loaded.errors).toEqual([]);
    expect(loaded.resources.filter((resource) => resource.artifact === 'kubernetes')).toEqual([]);
  });

  it('hostile keys stay data', async () => {
    const loaded = await load({
      'main.tf': yaml`
        resource "kubernetes_manifest" "odd" {
          manifest = {
            apiVersion = "v1"
            kind       = "ConfigMap"
            metadata   = { name = "odd", "__proto__" = { polluted = true } }
          }
        }
      `,
    });
    const [configMap] = loaded.resources.filter((resource) => resource.artifact === 'kubernetes');
    expect(configMap?.name).toBe('odd');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a secret in a heredoc is reported at its line and masked in the code frame', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-tf-k8s-'));
    try {
      writeFileSync(
        path.join(dir, 'main.tf'),
        yaml`
          resource "kubectl_manifest" "settings" {
            yaml_body = <<-YAML
              apiVersion: v1
              kind: ConfigMap
              metadata: { name: settings, namespace: shop }
              data:
                db_password: "Xq9#vLr2!mZ8pT4w"
            YAML
          }
        `,
      );
      const detailed = await scanDetailed([dir], { cwd: dir, noConfig: true, today: '2026-06-01' });
      const finding = detailed.report.findings.find((entry) => entry.ruleId === 'k8s/no-secrets-in-configmap');
      expect(finding?.location).toMatchObject({ path: 'main.tf', startLine: 7, startColumn: 7 });
      const text = formatText(detailed, { color: false });
      expect(text).toContain('db_password');
      expect(text).not.toContain('Xq9#vLr2!mZ8pT4w');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a comment suppression above the line works as in a manifest', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'seaworthy-tf-k8s-'));
    try {
      const text = DEPLOYMENT.replace('"privileged" = true', '# seaworthy-ignore k8s/no-privileged: the node agent needs the host\n                "privileged" = true');
      writeFileSync(path.join(dir, 'main.tf'), text);
      const report = await scan([dir], { cwd: dir, noConfig: true, today: '2026-06-01' });
      expect(report.findings.filter((finding) => finding.ruleId === 'k8s/no-privileged')).toEqual([]);
      expect(report.findings.some((finding) => finding.ruleId === 'k8s/run-as-non-root' && finding.resource.name === 'web')).toBe(true);
      expect(report.summary.suppressed).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Argo Workflows `resource` templates (src/loaders/argo-resource-manifests.ts). */
const ARGO_JOB = yaml`
  apiVersion: argoproj.io/v1alpha1
  kind: Workflow
  metadata:
    generateName: jobs-
    namespace: batch
  spec:
    entrypoint: run
    templates:
      - name: run
        resource:
          action: create
          successCondition: status.succeeded > 0
          manifest: |   # the Job Argo creates
            apiVersion: batch/v1
            kind: Job
            metadata:
              generateName: pi-
            spec:
              template:
                metadata:
                  labels: { run: {{workflow.name}} }
                spec:
                  hostPID: true
                  restartPolicy: Never
                  containers:
                    - name: pi
                      image: "{{inputs.parameters.image}}"
                      securityContext:
                        privileged: true
`;

ruleTester(noPrivileged, {
  valid: [
    {
      name: 'Argo: a patch action applies a partial object; folded and quoted manifests are not read',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata: { name: lib }
        spec:
          templates:
            - name: patch
              resource:
                action: patch
                manifest: |
                  apiVersion: v1
                  kind: Pod
                  metadata: { name: x }
                  spec: { containers: [{ name: x, image: x, securityContext: { privileged: true } }] }
            - name: quoted
              resource:
                action: create
                manifest: "apiVersion: v1\\nkind: Pod\\nmetadata: { name: y }\\nspec: { containers: [{ name: y, image: y, securityContext: { privileged: true } }] }"
            - name: from-artifact
              resource:
                action: create
                manifestFrom: { artifact: { name: manifest } }
      `,
    },
  ],
  invalid: [
    { name: 'Argo: the object a resource template creates, at its lines', code: ARGO_JOB, errors: [{ line: 29, column: 23 }] },
    {
      name: 'Argo: a CronWorkflow, apply action, a manifest with several documents',
      code: yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: { name: nightly }
        spec:
          schedule: "0 1 * * *"
          workflowSpec:
            entrypoint: run
            templates:
              - name: run
                resource:
                  action: apply
                  manifest: |-
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: { name: settings }
                    ---
                    apiVersion: v1
                    kind: Pod
                    metadata: { name: debug }
                    spec: { containers: [{ name: debug, image: busybox, securityContext: { privileged: true } }] }
      `,
      errors: [{ line: 20 }],
    },
  ],
});

describe('Argo resource templates: loading', () => {
  it('the object lives in the workflow namespace, its Argo expressions are unknown', async () => {
    const loaded = await loadSources([{ path: 'wf.yaml', text: ARGO_JOB, explicit: true }]);
    expect(loaded.errors).toEqual([]);
    const job = loaded.resources.find((resource) => resource.type === 'Job');
    expect(job && { name: job.name, namespace: job.namespace, index: job.document.index }).toEqual({ name: 'pi-', namespace: 'batch', index: 1 });
    const findings = await runRule(trustedRegistry, { name: 'image', code: ARGO_JOB });
    expect(findings).toEqual([]);
  });
});

/** The Kubernetes provider's typed resources (src/loaders/terraform/kubernetes-provider.ts). */
const TYPED_DEPLOYMENT = yaml`
  resource "kubernetes_deployment_v1" "web" {
    metadata {
      name      = "web"
      namespace = "shop"
    }
    spec {
      selector {
        match_labels = { app = "web" }
      }
      template {
        metadata {
          labels = { app = "web" }
        }
        spec {
          host_pid             = true
          service_account_name = "web"
          container {
            name  = "web"
            image = var.image
            security_context {
              privileged = true
              capabilities {
                add = ["NET_ADMIN"]
              }
            }
          }
          container {
            name  = "sidecar"
            image = var.image
          }
          volume {
            name = "docker"
            host_path {
              path = "/var/run/docker.sock"
            }
          }
        }
      }
    }
    wait_for_rollout = false
  }
`;

ruleTester(noHostNamespaces, {
  valid: [
    {
      name: 'typed resources: a pod without host namespaces',
      filename: 'main.tf',
      code: TYPED_DEPLOYMENT.replace('host_pid             = true', 'host_pid             = false'),
    },
  ],
  invalid: [{ name: 'typed kubernetes_deployment_v1: host_pid is hostPID', filename: 'main.tf', code: TYPED_DEPLOYMENT, errors: [{ line: 15, column: 9 }] }],
});

ruleTester(noPrivileged, {
  valid: [{ name: 'typed resources: no privileged container', filename: 'main.tf', code: TYPED_DEPLOYMENT.replace('privileged = true', 'privileged = false') }],
  invalid: [
    { name: 'typed kubernetes_deployment_v1: the first of two container blocks', filename: 'main.tf', code: TYPED_DEPLOYMENT, errors: [{ line: 21, column: 13, message: 'Container "web"' }] },
    {
      name: 'typed kubernetes_cron_job_v1: job_template, init_container',
      filename: 'main.tf',
      code: yaml`
        resource "kubernetes_cron_job_v1" "backup" {
          metadata {
            name = "backup"
          }
          spec {
            schedule = "0 1 * * *"
            job_template {
              metadata {}
              spec {
                template {
                  metadata {}
                  spec {
                    init_container {
                      name  = "prepare"
                      image = "busybox"
                      security_context {
                        privileged = true
                      }
                    }
                    container {
                      name  = "backup"
                      image = "busybox"
                    }
                  }
                }
              }
            }
          }
        }
      `,
      errors: [{ line: 17, message: 'Container "prepare"' }],
    },
  ],
});

ruleTester(noSensitiveHostPath, {
  valid: [{ name: 'typed resources: an emptyDir volume', filename: 'main.tf', code: TYPED_DEPLOYMENT.replace('host_path {\n            path = "/var/run/docker.sock"\n          }', 'empty_dir {}') }],
  invalid: [{ name: 'typed resources: a host_path volume block', filename: 'main.tf', code: TYPED_DEPLOYMENT, errors: [{ line: 34, message: '/var/run/docker.sock' }] }],
});

ruleTester(rbacClusterAdminBinding, {
  valid: [
    {
      name: 'typed RoleBinding to a narrow Role',
      filename: 'main.tf',
      code: yaml`
        resource "kubernetes_role_binding_v1" "read" {
          metadata {
            name      = "read"
            namespace = "shop"
          }
          role_ref {
            api_group = "rbac.authorization.k8s.io"
            kind      = "Role"
            name      = "reader"
          }
          subject {
            kind      = "ServiceAccount"
            name      = "web"
            namespace = "shop"
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'typed kubernetes_cluster_role_binding: cluster-admin to every authenticated user',
      filename: 'main.tf',
      code: yaml`
        resource "kubernetes_cluster_role_binding" "everyone" {
          metadata {
            name = "everyone-admin"
          }
          role_ref {
            api_group = "rbac.authorization.k8s.io"
            kind      = "ClusterRole"
            name      = "cluster-admin"
          }
          subject {
            kind      = "ServiceAccount"
            name      = "deployer"
            namespace = "ci"
          }
          subject {
            kind      = "Group"
            name      = "system:authenticated"
            api_group = "rbac.authorization.k8s.io"
          }
        }
      `,
      errors: [{ line: 8, message: 'system:authenticated' }],
    },
  ],
});

ruleTester(rbacNoWildcards, {
  valid: [
    {
      name: 'typed Role with named verbs',
      filename: 'main.tf',
      code: yaml`
        resource "kubernetes_role" "reader" {
          metadata {
            name      = "reader"
            namespace = "shop"
          }
          rule {
            api_groups = [""]
            resources  = ["configmaps"]
            verbs      = ["get", "list"]
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'typed kubernetes_cluster_role_v1: the second rule block',
      filename: 'main.tf',
      code: yaml`
        resource "kubernetes_cluster_role_v1" "ops" {
          metadata {
            name = "ops"
          }
          rule {
            api_groups = [""]
            resources  = ["pods"]
            verbs      = ["get"]
          }
          rule {
            api_groups = ["apps"]
            resources  = ["deployments"]
            verbs      = ["*"]
          }
        }
      `,
      errors: [{ line: 13 }],
    },
  ],
});

ruleTester(noPrivateKeyInManifest, {
  valid: [{ name: 'typed Secret without a key', filename: 'main.tf', code: 'resource "kubernetes_secret_v1" "s" {\n  metadata {\n    name = "s"\n  }\n  data = {\n    username = "app"\n  }\n}\n' }],
  invalid: [
    {
      name: 'typed Secret: data is plain text in Terraform (stringData)',
      filename: 'main.tf',
      code: yaml`
        resource "kubernetes_secret_v1" "tls" {
          metadata {
            name      = "web-tls"
            namespace = "shop"
          }
          type = "kubernetes.io/tls"
          data = {
            "tls.crt" = file("cert.pem")
            "tls.key" = <<-EOT
              -----BEGIN PRIVATE KEY-----
              MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj
              -----END PRIVATE KEY-----
            EOT
          }
        }
      `,
      errors: [{ line: 9 }],
    },
  ],
});

ruleTester(loadBalancerTls, {
  valid: [
    {
      name: 'typed ClusterIP Service',
      filename: 'main.tf',
      code: 'resource "kubernetes_service_v1" "web" {\n  metadata {\n    name = "web"\n  }\n  spec {\n    port {\n      port = 80\n    }\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'typed LoadBalancer Service on port 80: port blocks are spec.ports',
      filename: 'main.tf',
      code: yaml`
        resource "kubernetes_service_v1" "web" {
          metadata {
            name = "web"
            annotations = {
              "service.beta.kubernetes.io/aws-load-balancer-scheme" = "internet-facing"
            }
          }
          spec {
            type     = "LoadBalancer"
            selector = { app = "web" }
            port {
              name        = "http"
              port        = 80
              target_port = 8080
            }
          }
        }
      `,
      errors: [{ line: 11 }],
    },
  ],
});

ruleTester(networkPolicyCoverage, {
  valid: [
    {
      name: 'a typed default-deny NetworkPolicy (pod_selector {}) covers a typed Deployment',
      filename: 'main.tf',
      code:
        TYPED_DEPLOYMENT.replace('host_pid             = true\n', '') +
        yaml`
          resource "kubernetes_network_policy_v1" "deny" {
            metadata {
              name      = "default-deny"
              namespace = "shop"
            }
            spec {
              pod_selector {}
              policy_types = ["Ingress", "Egress"]
            }
          }
        `,
    },
  ],
  invalid: [
    {
      name: 'typed NetworkPolicy that selects other pods',
      filename: 'main.tf',
      code:
        TYPED_DEPLOYMENT.replace('host_pid             = true\n', '') +
        yaml`
          resource "kubernetes_network_policy_v1" "db" {
            metadata {
              name      = "db"
              namespace = "shop"
            }
            spec {
              pod_selector {
                match_labels = { app = "db" }
              }
              ingress {
                from {
                  pod_selector {
                    match_labels = { app = "web" }
                  }
                }
              }
              policy_types = ["Ingress"]
            }
          }
        `,
      errors: [{ line: 12, message: 'restricts egress' }, { line: 12, message: 'restricts ingress' }],
    },
  ],
});

describe('Terraform Kubernetes provider resources: loading', () => {
  it('converts blocks to the API shape, keeping map keys', async () => {
    const loaded = await loadSources([{ path: 'main.tf', text: TYPED_DEPLOYMENT, explicit: true }]);
    const deployment = loaded.resources.find((resource) => resource.artifact === 'kubernetes');
    expect(deployment && { type: deployment.type, apiVersion: deployment.apiVersion, name: deployment.name, namespace: deployment.namespace }).toEqual({
      type: 'Deployment',
      apiVersion: 'apps/v1',
      name: 'web',
      namespace: 'shop',
    });
    expect(deployment?.body).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            hostPID: true,
            serviceAccountName: 'web',
            // The provider's default (2.x), where the API's would leave the ServiceAccount to decide.
            automountServiceAccountToken: true,
            containers: [
              { name: 'web', image: '${var.image}', securityContext: { privileged: true, capabilities: { add: ['NET_ADMIN'] } } },
              { name: 'sidecar', image: '${var.image}' },
            ],
            volumes: [{ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }],
          },
        },
      },
    });
  });

  it('the name or namespace of another object of the module, read through its reference, is that object\'s literal name', async () => {
    const text = [
      'resource "kubernetes_namespace_v1" "spark" {',
      '  metadata {',
      '    name = "spark-team-a"',
      '  }',
      '}',
      'resource "kubernetes_cluster_role" "spark" {',
      '  metadata {',
      '    name = "spark-cluster-role"',
      '  }',
      '}',
      'resource "kubernetes_role_v1" "counted" {',
      '  count = 2',
      '  metadata {',
      '    name      = "r${count.index}"',
      '    namespace = "spark-team-a"',
      '  }',
      '}',
      'resource "kubernetes_cluster_role_binding" "spark" {',
      '  metadata {',
      '    name = "binding"',
      '  }',
      '  role_ref {',
      '    api_group = "rbac.authorization.k8s.io"',
      '    kind      = "ClusterRole"',
      '    name      = kubernetes_cluster_role.spark.id',
      '  }',
      '  subject {',
      '    kind      = "ServiceAccount"',
      '    name      = kubernetes_role_v1.counted[0].metadata[0].name',
      '    namespace = kubernetes_namespace_v1.spark.metadata.0.name',
      '  }',
      '}',
      '',
    ].join('\n');
    const loaded = await loadSources([{ path: 'main.tf', text, explicit: true }]);
    const binding = loaded.resources.find((resource) => resource.type === 'ClusterRoleBinding');
    expect(binding?.body.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'spark-cluster-role' });
    // A counted resource's reference carries a key: left unknown.
    expect(binding?.body.subjects).toEqual([{ kind: 'ServiceAccount', name: '${kubernetes_role_v1.counted[0].metadata[0].name}', namespace: 'spark-team-a' }]);
  });

  it('two root modules with the same addresses keep their own names', async () => {
    const root = (env: string) => `resource "kubernetes_namespace_v1" "ns" {\n  metadata {\n    name = "${env}-ns"\n  }\n}\nresource "kubernetes_service_account_v1" "app" {\n  metadata {\n    name      = "app"\n    namespace = kubernetes_namespace_v1.ns.metadata[0].name\n  }\n}\n`;
    const loaded = await loadSources([
      { path: 'dev/main.tf', text: root('dev'), explicit: false },
      { path: 'prod/main.tf', text: root('prod'), explicit: false },
    ]);
    expect(loaded.resources.filter((resource) => resource.type === 'ServiceAccount').map((resource) => `${resource.document.file.path} ${resource.namespace ?? ''}`)).toEqual(['dev/main.tf dev-ns', 'prod/main.tf prod-ns']);
  });

  it('the older kubernetes_ingress (extensions/v1beta1 shape) and unknown kubernetes_* types are not read', async () => {
    const loaded = await loadSources([
      { path: 'main.tf', text: 'resource "kubernetes_ingress" "old" {\n  metadata {\n    name = "old"\n  }\n}\nresource "kubernetes_storage_class" "gp3" {\n  metadata {\n    name = "gp3"\n  }\n  storage_provisioner = "ebs.csi.aws.com"\n}\n', explicit: true },
    ]);
    expect(loaded.resources.filter((resource) => resource.artifact === 'kubernetes')).toEqual([]);
  });
});

/** CDK `KubernetesManifest` / `cluster.addManifest()` (src/loaders/cdk-kubernetes-manifests.ts). */
const CDK_TEMPLATE = JSON.stringify(
  {
    Resources: {
      Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } },
      ClustermanifestWeb: {
        Type: 'Custom::AWSCDK-EKS-KubernetesResource',
        Properties: {
          ServiceToken: { 'Fn::GetAtt': ['Provider', 'Outputs.ProviderArn'] },
          Manifest: JSON.stringify([
            {
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: 'web', namespace: 'shop', labels: { 'aws.cdk.eks/prune-c8': '' } },
              spec: { containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { privileged: true } }] },
            },
          ]),
          ClusterName: { Ref: 'Cluster' },
        },
      },
      ClustermanifestJob: {
        Type: 'Custom::AWSCDK-EKS-KubernetesResource',
        Properties: {
          ServiceToken: { 'Fn::GetAtt': ['Provider', 'Outputs.ProviderArn'] },
          Manifest: {
            'Fn::Join': [
              '',
              [
                '[{"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"migrate","namespace":"shop"},"spec":{"template":{"spec":{"containers":[{"name":"migrate","image":"',
                { 'Fn::GetAtt': ['Repository', 'RepositoryUri'] },
                '","securityContext":{"privileged":true}}]}}}}]',
              ],
            ],
          },
          ClusterName: { Ref: 'Cluster' },
        },
      },
      ClustermanifestBroken: {
        Type: 'Custom::AWSCDK-EKS-KubernetesResource',
        Properties: { Manifest: { 'Fn::Join': ['', ['[{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},"spec":{"replicas":', { Ref: 'Count' }, '}}]']] } },
      },
      ClustermanifestDeep: { Type: 'Custom::AWSCDK-EKS-KubernetesResource', Properties: { Manifest: `${'['.repeat(5000)}${']'.repeat(5000)}` } },
    },
  },
  null,
  1,
);

ruleTester(noPrivileged, {
  valid: [
    {
      name: 'CDK: a Pod that is not privileged',
      filename: 'stack.template.json',
      code: CDK_TEMPLATE.replaceAll('\\"privileged\\":true', '\\"privileged\\":false'),
    },
  ],
  invalid: [
    {
      name: 'CDK: a Manifest string and an Fn::Join with a token inside a string, at the Manifest line',
      filename: 'stack.template.json',
      code: CDK_TEMPLATE,
      errors: [
        { line: 21, message: 'Container "web"' },
        { line: 36, message: 'Container "migrate"' },
      ],
    },
  ],
});

describe('CDK KubernetesManifest: loading', () => {
  it('reads the objects of static and joined manifests; a token outside a string or a hostile manifest gives nothing', async () => {
    const loaded = await loadSources([{ path: 'stack.template.json', text: CDK_TEMPLATE, explicit: true }]);
    // The snippet leaves out the resources its intrinsics name; nothing else is a problem.
    expect(loaded.errors.filter((error) => !/not a resource of this template|neither a parameter nor a resource/.test(error.message))).toEqual([]);
    const objects = loaded.resources.filter((resource) => resource.artifact === 'kubernetes');
    expect(objects.map((resource) => `${resource.type}/${resource.namespace}/${resource.name}`)).toEqual(['Pod/shop/web', 'Job/shop/migrate']);
    const job = objects[1];
    expect(job?.body).toMatchObject({ spec: { template: { spec: { containers: [{ image: '${cdk-token}' }] } } } });
  });
});

describe('Terraform Kubernetes provider resources: the provider schema read as the API', () => {
  const objectsOf = async (text: string) => (await loadSources([{ path: 'main.tf', text, explicit: true }])).resources.filter((resource) => resource.artifact === 'kubernetes');

  it('acronyms, integers written as strings, projected sources, a DaemonSet strategy, write-only Secret data, the default ServiceAccount', async () => {
    const objects = await objectsOf(yaml`
      resource "kubernetes_daemon_set_v1" "agent" {
        metadata {
          name = "agent"
        }
        spec {
          strategy {
            type = "RollingUpdate"
          }
          template {
            spec {
              security_context {
                run_as_user = "1000"
                fs_group    = "2000"
              }
              container {
                name  = "agent"
                image = "agent"
                port {
                  container_port = 9100
                  host_ip        = "127.0.0.1"
                }
              }
              volume {
                name = "all"
                projected {
                  default_mode = "0440"
                  sources {
                    secret {
                      name = "a"
                    }
                    secret {
                      name = "b"
                    }
                    service_account_token {
                      path = "token"
                    }
                  }
                }
              }
            }
          }
        }
      }
      resource "kubernetes_cluster_role_v1" "metrics" {
        metadata {
          name = "metrics"
        }
        rule {
          non_resource_urls = ["*"]
          verbs             = ["get"]
        }
      }
      resource "kubernetes_secret_v1" "db" {
        metadata {
          name = "db"
        }
        data    = { user = "app" }
        data_wo = { password = "Xq9vLr2mZ8pT4wQ7" }
      }
      resource "kubernetes_default_service_account_v1" "default" {
        metadata {
          namespace = "shop"
        }
        automount_service_account_token = false
      }
    `);
    const [daemonSet, role, secret, account] = objects;
    const spec = daemonSet?.body.spec as Record<string, unknown>;
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect(spec.strategy).toBeUndefined();
    expect(spec.template).toEqual({
      spec: {
        automountServiceAccountToken: true,
        securityContext: { runAsUser: 1000, fsGroup: 2000 },
        containers: [{ name: 'agent', image: 'agent', ports: [{ containerPort: 9100, hostIP: '127.0.0.1' }] }],
        volumes: [{ name: 'all', projected: { defaultMode: 0o440, sources: [{ secret: { name: 'a' } }, { secret: { name: 'b' } }, { serviceAccountToken: { path: 'token' } }] } }],
      },
    });
    expect(role?.body.rules).toEqual([{ nonResourceURLs: ['*'], verbs: ['get'] }]);
    expect(secret?.body.stringData).toEqual({ user: 'app', password: 'Xq9vLr2mZ8pT4wQ7' });
    expect(account && { type: account.type, name: account.name, namespace: account.namespace, automount: account.body.automountServiceAccountToken }).toEqual({
      type: 'ServiceAccount',
      name: 'default',
      namespace: 'shop',
      automount: false,
    });
    // Paths lead back to the blocks that write them: the second projected secret, a write-only Secret key.
    const located = (resource: (typeof objects)[number] | undefined, path: Array<string | number>) => resource?.document.sourceMap.locate(path).startLine;
    expect(located(daemonSet, ['spec', 'template', 'spec', 'volumes', 0, 'projected', 'sources', 1, 'secret', 'name'])).toBe(32);
    expect(located(secret, ['stringData', 'password'])).toBe(58);
    expect(located(daemonSet, ['spec', 'updateStrategy', 'type'])).toBe(7);
  });
});

describe('embedded objects: what the review found', () => {
  // The objects written inside other files (a Workflow's own resource is its file's document 0).
  const kubernetesObjects = async (files: Record<string, string>) =>
    (await loadSources(Object.entries(files).map(([name, text]) => ({ path: name, text, explicit: true })))).resources.filter(
      (resource) => resource.artifact === 'kubernetes' && (resource.document.index > 0 || !resource.document.file.path.endsWith('.yaml')),
    );

  it('a <<- heredoc indented with tabs, and interpolations with quotes or in flow collections, are read', async () => {
    const text =
      'resource "kubectl_manifest" "pod" {\n  yaml_body = <<-YAML\n\t\tapiVersion: v1\n\t\tkind: Pod\n\t\tmetadata:\n\t\t  name: tabs\n\t\t  labels: { team: ${lookup(var.teams, "web", "x")} }\n\t\tspec:\n\t\t  hostPID: true\n\t\t  containers:\n\t\t    - name: web\n\t\t      image: "${var.images["web"]}"\n  YAML\n}\n';
    const findings = await runRule(noHostNamespaces, { name: 'tabs', filename: 'main.tf', code: text });
    expect(findings.map((finding) => `${finding.location.startLine}:${finding.location.startColumn}`)).toEqual(['9:5']);
    const [pod] = await kubernetesObjects({ 'main.tf': text });
    expect(pod?.body).toMatchObject({ metadata: { labels: { team: '${lookup(var.teams, "web", "x")}' } }, spec: { containers: [{ image: '${var.images["web"]}' }] } });
  });

  it('Argo expressions are put back in names and values; cluster-scoped objects get no namespace; {{workflow.namespace}} is the workflow\'s', async () => {
    const objects = await kubernetesObjects({
      'wf.yaml': yaml`
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: { generateName: ci-, namespace: ci }
        spec:
          entrypoint: run
          templates:
            - name: run
              resource:
                action: create
                manifest: |
                  apiVersion: batch/v1
                  kind: Job
                  metadata:
                    generateName: "{{workflow.name}}-job-"
                    namespace: "{{workflow.namespace}}"
                  spec: { template: { spec: { containers: [{ name: x, image: "{{inputs.parameters.image}}" }] } } }
            - name: bind
              resource:
                action: apply
                manifest: |
                  apiVersion: rbac.authorization.k8s.io/v1
                  kind: ClusterRoleBinding
                  metadata: { name: ci-view }
                  roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
                  subjects: [{ kind: ServiceAccount, name: ci, namespace: ci }]
      `,
    });
    expect(objects.map((resource) => [resource.type, resource.name, resource.namespace ?? null])).toEqual([
      ['Job', '{{workflow.name}}-job-', 'ci'],
      ['ClusterRoleBinding', 'ci-view', null],
    ]);
  });

  it('kubectl_manifest override_namespace places the objects', async () => {
    const objects = await kubernetesObjects({
      'main.tf': 'resource "kubectl_manifest" "sa" {\n  override_namespace = "other"\n  yaml_body = <<YAML\napiVersion: v1\nkind: ServiceAccount\nmetadata: { name: app, namespace: shop }\nYAML\n}\n',
    });
    expect(objects.map((resource) => `${resource.namespace}/${resource.name}`)).toEqual(['other/app']);
  });

  it('a comment inside an embedded object belongs to it alone (core rules report it once)', async () => {
    const findings = await runRule(invalidSuppression, {
      name: 'comment',
      filename: 'main.tf',
      code: 'resource "kubectl_manifest" "pod" {\n  yaml_body = <<YAML\napiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  # seaworthy-ignore k8s/no-such-rule: typo in the rule id\n  containers: [{ name: p, image: p }]\nYAML\n}\n',
    });
    expect(findings.map((finding) => `${finding.location.startLine} ${finding.resource.type}`)).toEqual(['7 Pod']);
  });

  it('a ServiceAccount in a templated namespace may be the one a workload in an evaluated namespace names', async () => {
    const findings = await runRule(serviceAccountTokenAutomount, {
      name: 'namespaces',
      filename: 'main.tf',
      code: yaml`
        variable "namespace" {
          default = "dev"
        }
        resource "kubectl_manifest" "sa" {
          yaml_body = <<YAML
        apiVersion: v1
        kind: ServiceAccount
        metadata: { name: app, namespace: \${var.namespace} }
        automountServiceAccountToken: false
        YAML
        }
        resource "kubernetes_manifest" "web" {
          manifest = {
            apiVersion = "apps/v1"
            kind       = "Deployment"
            metadata   = { name = "web", namespace = var.namespace }
            spec = {
              template = { spec = { serviceAccountName = "app", containers = [{ name = "web", image = "web" }] } }
            }
          }
        }
      `,
    });
    expect(findings).toEqual([]);
  });

  it('a heredoc of 150,000 lines is read without exhausting the stack', async () => {
    const text = `resource "kubectl_manifest" "big" {\n  yaml_body = <<YAML\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n${'  # padding\n'.repeat(150_000)}  key: value\nYAML\n}\n`;
    const objects = await kubernetesObjects({ 'main.tf': text });
    expect(objects.map((resource) => resource.name)).toEqual(['big']);
  });
});

describe('Terraform Kubernetes provider resources: dynamic blocks and provider defaults', () => {
  const DYNAMIC = yaml`
    variable "sidecars" {}
    variable "hardened" {}
    variable "allowed" {}
    resource "kubernetes_deployment_v1" "web" {
      metadata {
        name      = "web"
        namespace = "shop"
      }
      spec {
        template {
          spec {
            automount_service_account_token = false
            dynamic "security_context" {
              for_each = var.hardened ? [1] : []
              content {
                run_as_non_root = true
              }
            }
            container {
              name  = "web"
              image = "web"
              security_context {
                privileged = true
              }
            }
            dynamic "container" {
              for_each = var.sidecars
              content {
                name  = container.value
                image = container.value
              }
            }
          }
        }
      }
    }
    resource "kubernetes_network_policy_v1" "web" {
      metadata {
        name      = "web"
        namespace = "shop"
      }
      spec {
        pod_selector {}
        dynamic "ingress" {
          for_each = var.allowed
          content {
            from {
              namespace_selector {
                match_labels = { name = ingress.value }
              }
            }
          }
        }
        policy_types = ["Ingress"]
      }
    }
  `;

  it('known containers beside an unknown dynamic one are checked; an unknown security_context or NetworkPolicy rule is unknown', async () => {
    expect((await runRule(noPrivileged, { name: 'dynamic', filename: 'main.tf', code: DYNAMIC })).map((finding) => finding.location.startLine)).toEqual([23]);
    expect(await runRule(runAsNonRoot, { name: 'dynamic', filename: 'main.tf', code: DYNAMIC })).toEqual([]);
    expect(await runRule(networkPolicyBroadAllow, { name: 'dynamic', filename: 'main.tf', code: DYNAMIC })).toEqual([]);
  });

  it('a securityContext left as a template is unknown in manifests too', async () => {
    const code = yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: p, namespace: shop }
      spec:
        containers:
          - name: a
            image: a
            securityContext: "{{ toYaml .Values.securityContext }}"
    `;
    expect(await runRule(runAsNonRoot, { name: 'template', code })).toEqual([]);
    expect(await runRule(dropAllCapabilities, { name: 'template', code })).toEqual([]);
  });

  it('provider defaults: the default namespace, the service account token mounted, batch/v1beta1 for kubernetes_cron_job', async () => {
    const code = yaml`
      resource "kubernetes_default_service_account_v1" "default" {
        metadata {}
        automount_service_account_token = false
      }
      resource "kubernetes_deployment" "web" {
        metadata {
          name = "web"
        }
        spec {
          template {
            spec {
              container {
                name  = "web"
                image = "web"
              }
            }
          }
        }
      }
      resource "kubernetes_cron_job" "nightly" {
        metadata {
          name      = "nightly"
          namespace = "jobs"
        }
        spec {
          schedule = "0 1 * * *"
          job_template {
            metadata {}
            spec {
              template {
                metadata {}
                spec {
                  container {
                    name  = "job"
                    image = "job"
                  }
                }
              }
            }
          }
        }
      }
    `;
    const defaultNamespace = await runRule(noDefaultNamespace, { name: 'defaults', filename: 'main.tf', code });
    expect(defaultNamespace.map((finding) => `${finding.location.startLine} ${finding.resource.type}`)).toEqual(['6 Deployment']);
    const automount = await runRule(serviceAccountTokenAutomount, { name: 'defaults', filename: 'main.tf', code });
    expect(automount.map((finding) => `${finding.location.startLine} ${finding.resource.type}/${finding.resource.name}`)).toEqual(['11 Deployment/web', '32 CronJob/nightly']);
    // The message and fix say the provider set the value; an explicit `true` keeps the plain message (below).
    expect(automount[0]?.message).toMatch(/leaves automount_service_account_token out, so the Terraform Kubernetes provider \(2\.x\) sets it to true in the pod spec/);
    expect(automount[0]?.fix).toMatch(/automount_service_account_token = false/);
    const explicit = await runRule(serviceAccountTokenAutomount, {
      name: 'explicit',
      filename: 'main.tf',
      code: 'resource "kubernetes_pod_v1" "web" {\n  metadata {\n    name = "web"\n  }\n  spec {\n    automount_service_account_token = true\n    container {\n      name  = "web"\n      image = "web"\n    }\n  }\n}\n',
    });
    expect(explicit.map((finding) => `${finding.location.startLine} ${finding.message.slice(0, 60)}`)).toEqual(['6 Pod "default/web" sets automountServiceAccountToken: true, y']);
    const loaded = await loadSources([{ path: 'main.tf', text: code, explicit: true }]);
    expect(loaded.resources.find((resource) => resource.type === 'CronJob')?.apiVersion).toBe('batch/v1beta1');
  });

  it('a kubernetes_default_service_account that keeps the token is reported at its resource block, not at the metadata the provider names', async () => {
    const code = 'resource "kubernetes_default_service_account_v1" "shop" {\n  metadata {\n    namespace = "shop"\n  }\n}\n';
    const findings = await runRule(defaultServiceAccountUnused, { name: 'default sa', filename: 'main.tf', code });
    expect(findings.map((finding) => `${finding.location.startLine}-${finding.location.endLine} ${finding.message}`)).toEqual([
      '1-5 The "default" ServiceAccount of namespace "shop" mounts its token into every pod that names no ServiceAccount (automountServiceAccountToken is not set, so true).',
    ]);
  });
});

/** Objects held whole inside others: kro ResourceGraphDefinition templates, Crossplane provider-kubernetes Objects. */
const KRO = yaml`
  apiVersion: kro.run/v1alpha1
  kind: ResourceGraphDefinition
  metadata: { name: web-application }
  spec:
    schema:
      apiVersion: v1alpha1
      kind: WebApplication
      spec:
        appName: string | required=true
        image: string | default=nginx
    resources:
      - id: deployment
        template:
          apiVersion: apps/v1
          kind: Deployment
          metadata:
            name: \${schema.spec.appName}
            namespace: \${schema.spec.appName}
          spec:
            template:
              spec:
                containers:
                  - name: \${schema.spec.appName}
                    image: \${schema.spec.image}
                    securityContext:
                      # seaworthy-ignore k8s/no-such-rule: a typo
                      privileged: true
      - id: table
        externalRef: { apiVersion: dynamodb.services.k8s.aws/v1alpha1, kind: Table, metadata: { name: t } }
`;

ruleTester(noPrivileged, {
  valid: [{ name: 'kro: a template that is not privileged', code: KRO.replace('privileged: true', 'privileged: false') }],
  invalid: [
    { name: 'kro: a ResourceGraphDefinition template is checked as the Deployment it creates (once)', code: KRO, errors: [{ line: 27, column: 21 }] },
    {
      name: 'Crossplane: a provider-kubernetes Object manifest',
      code: yaml`
        apiVersion: kubernetes.crossplane.io/v1alpha2
        kind: Object
        metadata: { name: debug-pod }
        spec:
          forProvider:
            manifest:
              apiVersion: v1
              kind: Pod
              metadata: { name: debug, namespace: ops }
              spec:
                containers:
                  - name: debug
                    image: busybox
                    securityContext: { privileged: true }
          providerConfigRef: { name: kubernetes }
      `,
      errors: [{ line: 14, message: 'Container "debug"' }],
    },
  ],
});

describe('objects held whole inside others: loading', () => {
  it('the template is its own resource; its host runs no pods; a comment inside belongs to the template', async () => {
    const loaded = await loadSources([{ path: 'rgd.yaml', text: KRO, explicit: true }]);
    expect(loaded.resources.map((resource) => `${resource.type} ${resource.name}`)).toEqual(['ResourceGraphDefinition web-application', 'Deployment ${schema.spec.appName}']);
    const findings = await runRule(invalidSuppression, { name: 'comment', code: KRO });
    expect(findings.map((finding) => `${finding.location.startLine} ${finding.resource.type}`)).toEqual(['26 Deployment']);
  });
});

describe('from the last review', () => {
  it('Crossplane: an Object that only observes creates nothing; v2 namespaced Objects are read', async () => {
    const loaded = await loadSources([
      {
        path: 'objects.yaml',
        explicit: true,
        text: yaml`
          apiVersion: kubernetes.crossplane.io/v1alpha2
          kind: Object
          metadata: { name: watch-ns }
          spec:
            managementPolicies: [Observe]
            forProvider: { manifest: { apiVersion: v1, kind: Namespace, metadata: { name: team-a } } }
          ---
          apiVersion: kubernetes.crossplane.io/v1alpha1
          kind: Object
          metadata: { name: watch-secret }
          spec:
            managementPolicy: ObserveOnly
            forProvider: { manifest: { apiVersion: v1, kind: Secret, metadata: { name: s, namespace: default } } }
          ---
          apiVersion: kubernetes.m.crossplane.io/v1alpha1
          kind: Object
          metadata: { name: admin, namespace: platform }
          spec:
            forProvider:
              manifest:
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: { name: everyone-admin }
                roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
                subjects: [{ kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io }]
          ---
          apiVersion: kubernetes.crossplane.io/v1alpha2
          kind: Object
          metadata: { name: team-b }
          spec:
            forProvider: { manifest: { apiVersion: v1, kind: Namespace } }
        `,
      },
    ]);
    expect(loaded.resources.map((resource) => `${resource.type}/${resource.name}`)).toEqual([
      'Object/watch-ns',
      'Object/watch-secret',
      'Object/admin',
      'ClusterRoleBinding/everyone-admin',
      'Object/team-b',
      // A manifest that names nothing is named after its Object.
      'Namespace/team-b',
    ]);
  });

  it('Terraform: a container list with an unknown dynamic entry keeps it (a sidecar may be the collector); a null namespace is the provider default', async () => {
    const code = yaml`
      variable "sidecars" {}
      variable "namespace" {
        default = null
      }
      resource "kubernetes_deployment_v1" "web" {
        metadata {
          name      = "web"
          namespace = var.namespace
        }
        spec {
          template {
            spec {
              container {
                name  = "web"
                image = "web"
                env {
                  name  = "OTEL_EXPORTER_OTLP_ENDPOINT"
                  value = "http://localhost:4317"
                }
              }
              dynamic "container" {
                for_each = var.sidecars
                content {
                  name  = container.value
                  image = container.value
                }
              }
            }
          }
        }
      }
    `;
    const [deployment] = (await loadSources([{ path: 'main.tf', text: code, explicit: true }])).resources.filter((resource) => resource.artifact === 'kubernetes');
    expect(deployment?.namespace).toBe('default');
    expect((deployment?.body.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers).toEqual([
      { name: 'web', image: 'web', env: [{ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://localhost:4317' }] },
      '${var.sidecars}',
    ]);
    const namespace = 'resource "kubernetes_namespace_v1" "default" {\n  metadata {\n    name = "default"\n  }\n}\n';
    expect(await runRule(tracingCollector, { name: 'dynamic sidecars', filename: 'main.tf', code: code + namespace })).toEqual([]);
    const known = code.replace('for_each = var.sidecars', 'for_each = []');
    expect((await runRule(tracingCollector, { name: 'no sidecars', filename: 'main.tf', code: known + namespace })).map((finding) => finding.location.startLine)).toEqual([18]);
  });
});

describe('keys repeated in embedded YAML', () => {
  it('a kubectl_manifest heredoc that repeats a key is still checked, with the last value, as in a manifest file', async () => {
    const code = [
      'resource "kubectl_manifest" "debug" {',
      '  yaml_body = <<-YAML',
      '    apiVersion: v1',
      '    kind: Pod',
      '    metadata:',
      '      name: debug',
      '      namespace: ops',
      '    spec:',
      '      hostNetwork: false',
      '      containers:',
      '        - name: debug',
      '          image: debug',
      '      hostNetwork: true',
      '  YAML',
      '}',
      '',
    ].join('\n');
    const findings = await runRule(noHostNamespaces, { name: 'repeated key', filename: 'main.tf', code });
    expect(findings.map((finding) => `${finding.location.startLine} ${finding.message.slice(0, 40)}`)).toEqual(['13 The pod shares the node\'s network namesp']);
  });
});
