import { describe, expect, it } from 'vitest';
import { scan, scanDetailed } from '../../../src/scan.js';
import { formatText } from '../../../src/reporters/text.js';
import { loadSources } from '../../../src/loaders/sources.js';
import noHostNamespaces from '../../../src/rules/k8s/no-host-namespaces.js';
import noPrivileged from '../../../src/rules/k8s/no-privileged.js';
import noPrivilegeEscalation from '../../../src/rules/k8s/no-privilege-escalation.js';
import trustedRegistry from '../../../src/rules/k8s/trusted-registry.js';
import networkPolicyCoverage from '../../../src/rules/k8s/network-policy-coverage.js';
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
      expect(report.summary.suppressed).toBeGreaterThan(0);
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
