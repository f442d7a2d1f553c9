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
    expect(findings.map((finding) => `${finding.location.path}:${finding.location.startLine} ${finding.resource.name}`)).toEqual(['main.tf:3 aws_iam_policy.p']);
    expect(report.findings.some((finding) => finding.location.path.endsWith('.tpl'))).toBe(false);
  });

  it('named on the command line, a template is scanned like any file', async () => {
    const report = await scan(['k8s/pod.yaml.tpl'], { cwd: dir, noConfig: true });
    expect(report.findings.some((finding) => finding.ruleId === 'k8s/no-privileged')).toBe(true);
  });
});
