import { describe, expect, it } from 'vitest';
import { podTemplateOf } from '../../src/graph/kubernetes.js';
import runAsNonRoot from '../../src/rules/k8s/run-as-non-root.js';
import { scan } from '../../src/scan.js';
import { LOADER_FIXTURES, fixture, loadClean, markedLines } from './helpers.js';

describe('workload kinds and custom resources with pod templates', () => {
  const text = fixture('workloads.yaml');

  it('loads one resource per document, with kind, name and apiVersion', () => {
    const { resources } = loadClean('workloads.yaml', text);
    expect(resources.map((resource) => `${resource.apiVersion} ${resource.type}/${resource.name}`)).toEqual([
      'v1 Pod/pod',
      'v1 PodTemplate/pod-template',
      'apps/v1 Deployment/deployment',
      'apps/v1 StatefulSet/statefulset',
      'apps/v1 DaemonSet/daemonset',
      'apps/v1 ReplicaSet/replicaset',
      'v1 ReplicationController/replicationcontroller',
      'batch/v1 Job/job',
      'batch/v1 CronJob/cronjob',
      'argoproj.io/v1alpha1 Rollout/rollout',
      'batch.example.com/v1 ScheduledTask/scheduled-task',
      'config.example.com/v1 ReportTemplate/not-a-pod',
    ]);
    expect(resources.map((resource) => podTemplateOf(resource)?.specPath.join('.') ?? '-')).toEqual([
      'spec',
      'template.spec',
      'spec.template.spec',
      'spec.template.spec',
      'spec.template.spec',
      'spec.template.spec',
      'spec.template.spec',
      'spec.template.spec',
      'spec.jobTemplate.spec.template.spec',
      'spec.template.spec',
      'spec.jobTemplate.spec.template.spec',
      '-',
    ]);
  });

  it('reports each root container on exactly its marked line, in every kind', async () => {
    const report = await scan(['workloads.yaml'], { cwd: LOADER_FIXTURES, noConfig: true, rules: [runAsNonRoot] });
    expect(report.errors).toEqual([]);
    const lines = markedLines(text, '# finding');
    expect(lines).toHaveLength(12);
    expect(report.findings.map((finding) => finding.location.startLine)).toEqual(lines);
    for (const finding of report.findings) {
      const line = text.split('\n')[finding.location.startLine - 1] ?? '';
      expect(line.slice(finding.location.startColumn - 1)).toMatch(/^runAsUser: 0/);
    }
  });
});
