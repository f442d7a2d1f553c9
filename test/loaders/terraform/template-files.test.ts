import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/scan.js';
import { tempDir, writeFiles } from '../../engine/helpers.js';

/** Terraform template files found in a directory walk are text for `templatefile()`, not documents of their own. */
describe('Terraform template files (.tftpl, .tpl)', () => {
  const dir = tempDir();
  writeFiles(dir, {
    'main.tf': ['resource "aws_iam_policy" "p" {', '  name   = "p"', '  policy = templatefile("${path.module}/policy.json.tftpl", { topic = "*" })', '}', ''].join('\n'),
    'policy.json.tftpl': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": "${topic}"}]}\n',
    'k8s/pod.yaml.tpl': ['apiVersion: v1', 'kind: Pod', 'metadata: { name: web, namespace: app }', 'spec:', '  containers:', '    - name: web', '      image: web:1', '      securityContext: { privileged: true }', ''].join('\n'),
  });

  it('in a walk: the template is rendered for the call, checked once, and neither template is a document', async () => {
    const report = await scan(['.'], { cwd: dir, noConfig: true });
    const findings = report.findings.filter((finding) => finding.ruleId === 'iam/no-wildcard-resource');
    // Rendered whole, the policy is located in the template, as file() locates a policy file.
    expect(findings.map((finding) => `${finding.location.path}:${finding.location.startLine} ${finding.resource.name}`)).toEqual(['policy.json.tftpl:1 aws_iam_policy.p']);
    expect(report.findings.some((finding) => finding.location.path.endsWith('.tpl'))).toBe(false);
  });

  it('named on the command line, a template is scanned like any file', async () => {
    const report = await scan(['k8s/pod.yaml.tpl'], { cwd: dir, noConfig: true });
    expect(report.findings.some((finding) => finding.ruleId === 'k8s/no-privileged')).toBe(true);
  });
});

/** data-on-eks applies pods and Karpenter node classes from `.tftpl` files through kubectl_manifest. */
describe('Kubernetes objects a kubectl_manifest or kubernetes_manifest reads from a template file', () => {
  const dir = tempDir();
  writeFiles(dir, {
    'main.tf': [
      'variable "ns" {}',
      'resource "kubectl_manifest" "pod" {',
      '  yaml_body = templatefile("${path.module}/pod.yaml.tftpl", { namespace = var.ns })',
      '}',
      'resource "kubernetes_manifest" "nodeclass" {',
      '  manifest = yamldecode(templatefile("nodeclass.yaml.tftpl", { role = "KarpenterNodeRole" }))',
      '}',
      'resource "kubectl_manifest" "directive" {',
      '  yaml_body = templatefile("directive.yaml.tftpl", { host = true })',
      '}',
      '',
    ].join('\n'),
    'pod.yaml.tftpl': ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: tools', '  namespace: ${namespace}', 'spec:', '  hostNetwork: true', '  containers:', '    - name: tools', '      image: busybox:1.36', '      securityContext:', '        privileged: true', ''].join('\n'),
    'nodeclass.yaml.tftpl': ['apiVersion: karpenter.k8s.aws/v1', 'kind: EC2NodeClass', 'metadata:', '  name: default', 'spec:', '  role: ${role}', '  amiSelectorTerms: [{ alias: al2023@latest }]', '  metadataOptions:', '    httpTokens: optional', ''].join('\n'),
    // `%{ }` directives decide the YAML's shape: not read, as in a heredoc.
    'directive.yaml.tftpl': ['apiVersion: v1', 'kind: Pod', 'metadata: { name: d }', 'spec:', '%{ if host }', '  hostNetwork: true', '%{ endif }', '  containers: [{ name: d, image: d:1 }]', ''].join('\n'),
  });

  it('reads the template as written at its own lines, its interpolations unknown', async () => {
    const report = await scan(['.'], { cwd: dir, noConfig: true });
    const at = (ruleId: string) => report.findings.filter((finding) => finding.ruleId === ruleId).map((finding) => `${finding.location.path}:${finding.location.startLine} ${finding.resource.namespace ?? ''}`);
    expect(at('k8s/no-privileged')).toEqual(['pod.yaml.tftpl:12 ${namespace}']);
    expect(at('k8s/no-host-namespaces')).toEqual(['pod.yaml.tftpl:7 ${namespace}']);
    expect(at('eks/nodegroup-imdsv2')).toEqual(['nodeclass.yaml.tftpl:9 ']);
    expect(report.findings.some((finding) => finding.location.path === 'directive.yaml.tftpl')).toBe(false);
    expect(report.errors).toEqual([]);
  });
});

describe('a policy file of the scan that templatefile() renders', () => {
  const dir = tempDir();
  writeFiles(dir, {
    'main.tf': ['resource "aws_iam_policy" "p" {', '  name   = "p"', '  policy = templatefile("${path.module}/policy.json", { queue = "orders" })', '}', ''].join('\n'),
    'policy.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Send', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }, { Sid: 'Named', Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:eu-west-1:111122223333:${queue}' }] }, null, 2),
  });

  it('is checked as the policy the call renders, at the template\'s lines, not a second time on its own (as with file())', async () => {
    const report = await scan(['.'], { cwd: dir, noConfig: true });
    expect(report.findings.filter((finding) => finding.ruleId === 'iam/no-wildcard-resource').map((finding) => `${finding.location.path}:${finding.location.startLine}`)).toEqual(['policy.json:8']);
  });
});

describe('a .yaml template of Kubernetes objects that is not YAML until rendered', () => {
  const dir = tempDir();
  writeFiles(dir, {
    'main.tf': [
      'resource "kubectl_manifest" "nodeclass" {',
      '  yaml_body = templatefile("${path.module}/karpenter/nodeclass.yaml", { azs = "us-west-2" })',
      '}',
      'resource "kubectl_manifest" "directive" {',
      '  yaml_body = templatefile("${path.module}/karpenter/directive.yaml", { host = true })',
      '}',
      '',
    ].join('\n'),
    // data-on-eks: `[${azs}a]` is a flow mapping to a YAML parser.
    'karpenter/nodeclass.yaml': ['apiVersion: karpenter.k8s.aws/v1beta1', 'kind: EC2NodeClass', 'metadata:', '  name: spark', 'spec:', '  amiFamily: AL2023', '  role: KarpenterNodeRole', '  subnetSelectorTerms:', '    - tags: { zone: [${azs}a, ${azs}b] }', '  metadataOptions:', '    httpTokens: optional', ''].join('\n'),
    'karpenter/directive.yaml': ['apiVersion: v1', 'kind: Pod', 'metadata: { name: d }', 'spec:', '%{ if host }', '  hostNetwork: true', '%{ endif }', '  containers: [{ name: d, image: d:1 }]', ''].join('\n'),
  });

  it('is read as the template Terraform renders, once, and a template it cannot read keeps the error of reading it as YAML', async () => {
    const report = await scan(['.'], { cwd: dir, noConfig: true });
    expect(report.findings.filter((finding) => finding.ruleId === 'eks/nodegroup-imdsv2').map((finding) => `${finding.location.path}:${finding.location.startLine}`)).toEqual(['karpenter/nodeclass.yaml:10', 'karpenter/nodeclass.yaml:11']);
    expect(report.errors.map((error) => error.path)).toEqual(['karpenter/directive.yaml']);
  });
});
