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
    // What the build changes is not applied: said once per kustomization, at its first transforming field.
    expect(report.errors).toEqual([
      {
        path: 'overlay/kustomization.yaml',
        notice: true,
        line: 5,
        message:
          'Kustomization: `kustomize build` changes the resources it lists (patches, patchesStrategicMerge); the findings on them are about the files as written. To check what is deployed, scan the build: kustomize build overlay | seaworthy scan -',
      },
    ]);
  });

  it('says once for all kustomizations of a scan that transform what they list; generators alone do not', async () => {
    const dir = path.join(import.meta.dirname, '..', 'fixtures', 'kustomize-multi');
    const report = await scan([dir], { cwd: dir, rules: [runAsNonRoot], noConfig: true });
    expect(report.errors).toEqual([
      {
        path: 'dev/kustomization.yaml',
        notice: true,
        line: 2,
        message:
          'Kustomization: `kustomize build` changes the resources it lists (namespace); the findings on them are about the files as written. So does another kustomization of the scan (prod/kustomization.yaml). To check what is deployed, scan the build: kustomize build dev | seaworthy scan -',
      },
    ]);
  });

  it('scans a patch file when its kustomization is not part of the scan', async () => {
    const report = await scan([path.join(fixtures, 'overlay', 'security-patch.yaml')], { cwd: fixtures, rules: [runAsNonRoot], noConfig: true });
    expect(report.findings).toHaveLength(1);
  });
});
