import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/scan.js';
import runAsNonRoot from '../../src/rules/k8s/run-as-non-root.js';

const fixtures = path.join(import.meta.dirname, '..', 'fixtures', 'kustomize');

describe('kustomize patches', () => {
  it('skips files a kustomization lists as patches, and scans its bases', async () => {
    const report = await scan([fixtures], { cwd: fixtures, rules: [runAsNonRoot], noConfig: true });
    expect(report.findings.map((finding) => finding.location.path)).toEqual(['base/deployment.yaml']);
    // kustomization.yaml (not a Kubernetes object) and the two patch files are skipped.
    expect(report.summary.filesSkipped).toBe(3);
    expect(report.summary.filesScanned).toBe(1);
  });

  it('scans a patch file when its kustomization is not part of the scan', async () => {
    const report = await scan([path.join(fixtures, 'overlay', 'security-patch.yaml')], { cwd: fixtures, rules: [runAsNonRoot], noConfig: true });
    expect(report.findings).toHaveLength(1);
  });
});
