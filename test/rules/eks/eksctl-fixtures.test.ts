import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEngine } from '../../../src/engine/engine.js';
import { DEFAULT_SETTINGS } from '../../../src/engine/settings.js';
import { loadFile } from '../../../src/loaders/index.js';
import { ALL_RULES, RULE_IDS } from '../../../src/rules/index.js';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'eksctl');
const eksRules = ALL_RULES.filter((rule) => rule.meta.id.startsWith('eks/'));

function scanFixture(name: string): { identity: string[]; findings: string[] } {
  const loaded = loadFile({ path: name, text: readFileSync(path.join(FIXTURES, name), 'utf8') }, { explicit: true });
  expect(loaded.errors).toEqual([]);
  const { findings } = runEngine(loaded.resources, { rules: eksRules, settings: { ...DEFAULT_SETTINGS, today: '2026-06-01' }, knownRuleIds: RULE_IDS });
  return {
    identity: loaded.resources.map((resource) => `${resource.artifact} ${resource.type}/${resource.name}`),
    findings: findings.map((finding) => `${finding.location.startLine} ${finding.ruleId} ${finding.severity}`),
  };
}

describe('eksctl ClusterConfig fixtures', () => {
  it('loads a ClusterConfig as one eksctl resource named by metadata.name (not as a Kubernetes object)', () => {
    expect(scanFixture('hardened-cluster.yaml').identity).toEqual(['eksctl ClusterConfig/payments-prod']);
  });

  it('a hardened cluster passes every EKS rule', () => {
    expect(scanFixture('hardened-cluster.yaml').findings).toEqual([]);
  });

  it('the getting-started shape fails on every default', () => {
    expect(scanFixture('quickstart-cluster.yaml').findings).toEqual([
      '5 eks/container-insights low',
      '5 eks/control-plane-logging medium',
      '5 eks/endpoint-access high',
      '5 eks/network-policy-enforcement medium',
      '5 eks/secrets-encryption medium',
      '8 eks/supported-kubernetes-version medium',
      '11 eks/nodegroup-imdsv2 medium',
      '11 eks/nodegroup-patched-ami low',
      '11 eks/private-nodes medium',
      '14 eks/nodegroup-patched-ami medium',
      '16 eks/nodegroup-no-ssh medium',
      '18 eks/nodegroup-imdsv2 medium',
      '18 eks/nodegroup-patched-ami low',
      '18 eks/private-nodes medium',
      '21 eks/nodegroup-patched-ami medium',
      '22 eks/nodegroup-imdsv2 high',
      '26 eks/tainted-node-groups medium',
    ]);
  });
});
