import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import { tempDir, TODAY, writeFiles } from '../engine/helpers.js';

const DEPLOYMENT_TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      containers:
        - name: web
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
`;

/** Parses as YAML although it is a template: checked like a manifest, its `{{ }}` values unknown. */
const PARSEABLE_TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: shop
spec:
  hostNetwork: true
  containers:
    - name: debug
      image: "{{ .Values.image }}"
`;

describe('Helm chart templates', () => {
  it('templates that are not YAML before rendering give one error per chart that says what to scan instead', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n',
      'charts/shop/values.yaml': 'replicaCount: 1\n',
      'charts/shop/templates/deployment.yaml': DEPLOYMENT_TEMPLATE,
      'charts/shop/templates/web/service.yaml': '{{- if .Values.service.enabled }}\n---\napiVersion: v1\nkind: Service\n{{- end }}\n',
      'charts/shop/templates/debug.yaml': PARSEABLE_TEMPLATE,
      // No template action: broken whatever the chart does, so its own error stays.
      'charts/shop/templates/static.yaml': 'kind: ConfigMap\ndata: [1, 2\n',
      // Not a chart's template: its syntax error is reported as such, with the advice for templates.
      'k8s/broken.yaml': 'kind: Pod\nmetadata: {{ name }}\n  x: [\n',
    });
    const report = await scan(['.'], { cwd: dir, noConfig: true, today: TODAY });
    expect(report.errors.map((error) => `${error.path} ${error.message}`)).toEqual([
      'charts/shop Helm chart: 2 templates are not YAML until the chart is rendered (templates/deployment.yaml, templates/web/service.yaml), so they were not checked. Scan the rendered manifests instead: helm template charts/shop -f <your values> | seaworthy scan -',
      expect.stringMatching(/^charts\/shop\/templates\/static\.yaml YAML syntax error/),
      expect.stringMatching(/^k8s\/broken\.yaml YAML syntax error.*\(the file holds \{\{ \}\} template actions: if it is a Helm or Go template, scan its rendered output\)$/),
    ]);
    expect(report.findings.filter((finding) => finding.ruleId === 'k8s/no-host-namespaces').map((finding) => `${finding.location.path}:${finding.location.startLine}`)).toEqual([
      'charts/shop/templates/debug.yaml:7',
    ]);
  });

  it('scanned from inside the chart, the chart is "."', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 0.1.0\n', 'templates/deployment.yaml': DEPLOYMENT_TEMPLATE });
    const report = await scan(['.'], { cwd: dir, noConfig: true, today: TODAY });
    expect(report.errors.map((error) => error.path)).toEqual(['.']);
    expect(report.errors[0]?.message).toMatch(/helm template \. -f <your values> \| seaworthy scan -$/);
  });

  it('a folder named templates without a Chart.yaml beside it is no chart', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'templates/deployment.yaml': DEPLOYMENT_TEMPLATE });
    const report = await scan(['.'], { cwd: dir, noConfig: true, today: TODAY });
    expect(report.errors.map((error) => error.path)).toEqual(['templates/deployment.yaml']);
    expect(report.errors[0]?.message).toMatch(/^YAML syntax error/);
  });
});
