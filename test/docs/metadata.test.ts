import { describe, expect, it } from 'vitest';
import { ARTIFACT_TYPES, SEVERITIES } from '../../src/model/types.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { SEED_POINT_IDS } from '../../src/seeds/points.js';

describe.each(ALL_RULES.map((rule) => [rule.meta.id, rule.meta] as const))('%s metadata', (id, meta) => {
  it('has a title, description, rationale and remediation', () => {
    for (const field of ['title', 'description', 'rationale', 'remediation'] as const) {
      expect(meta[field].trim(), `${id}: ${field}`).not.toBe('');
    }
    if (meta.limitations !== undefined) expect(meta.limitations.trim()).not.toBe('');
  });

  it('has a known severity and at least one artifact type, each once', () => {
    expect(SEVERITIES).toContain(meta.severity);
    expect(meta.artifacts.length).toBeGreaterThan(0);
    for (const artifact of meta.artifacts) expect(ARTIFACT_TYPES).toContain(artifact);
    expect(new Set(meta.artifacts).size).toBe(meta.artifacts.length);
  });

  it('names seed points that exist in SEED-POINTS.md, each once', () => {
    const unknown = meta.seedPoints.filter((point) => !SEED_POINT_IDS.has(point));
    expect(unknown, `${id}: unknown seed points`).toEqual([]);
    expect(new Set(meta.seedPoints).size).toBe(meta.seedPoints.length);
  });

  it.skipIf(id.startsWith('core/'))('beyond the seeds, names a framework reference', () => {
    if (meta.seedPoints.length > 0) return;
    expect(meta.references.frameworks.length, `${id}: seedPoints [] needs a framework reference`).toBeGreaterThan(0);
  });

  it('lists each peer check once, each framework reference with an id', () => {
    const peers = meta.references.peers.map((peer) => `${peer.tool}:${peer.id}`);
    expect(peers.filter((peer, index) => peers.indexOf(peer) !== index), `${id}: duplicate peer ids`).toEqual([]);
    const ids = meta.references.peers.map((peer) => peer.id);
    expect(ids.filter((peerId, index) => ids.indexOf(peerId) !== index), `${id}: duplicate peer ids`).toEqual([]);
    for (const peer of meta.references.peers) expect(peer.id.trim()).not.toBe('');
    for (const reference of meta.references.frameworks) {
      expect(reference.framework.trim()).not.toBe('');
      expect(reference.id.trim()).not.toBe('');
    }
  });
});
