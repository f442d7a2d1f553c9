import path from 'node:path';
import { ARTIFACT_LABELS, ARTIFACT_TYPES, type ArtifactType } from '../model/types.js';
import { docsUrl, type Rule, type RuleMeta } from '../rules/rule.js';
import { SEED_POINTS, type SeedPoint } from '../seeds/points.js';

/**
 * Everything a person reads about rules is rendered from rule metadata here: `seaworthy rules`, the
 * per-rule docs in docs/rules/, the rule table in the README and the seed coverage table.
 */

function artifactsLabel(artifacts: readonly ArtifactType[]): string {
  return artifacts.map((artifact) => ARTIFACT_LABELS[artifact]).join(', ');
}

export function renderRuleTable(rules: readonly Rule[]): string {
  const rows = rules.map(
    (rule) =>
      `| [${rule.meta.id}](docs/rules/${rule.meta.id}.md) | ${severityLabel(rule.meta)} | ${rule.meta.seedPoints.join(', ') || '-'} | ${artifactsLabel(rule.meta.artifacts)} | ${escapeCell(rule.meta.title)} |`,
  );
  return ['| Rule | Severity | Seed points | Artifacts | Title |', '|---|---|---|---|---|', ...rows].join('\n');
}

export function renderRuleListText(rules: readonly Rule[]): string {
  const width = Math.max(...rules.map((rule) => rule.meta.id.length));
  const points = Math.max(...rules.map((rule) => (rule.meta.seedPoints.join(',') || '-').length));
  const artifacts = Math.max(...rules.map((rule) => artifactsLabel(rule.meta.artifacts).length));
  return rules
    .map((rule) => `${rule.meta.id.padEnd(width)}  ${rule.meta.severity.padEnd(8)}  ${(rule.meta.seedPoints.join(',') || '-').padEnd(points)}  ${artifactsLabel(rule.meta.artifacts).padEnd(artifacts)}  ${rule.meta.title}`)
    .join('\n');
}

/** `high`, or `high (or critical, medium)` for a rule some of whose findings are graded otherwise. */
export function severityLabel(meta: RuleMeta): string {
  const others = meta.otherSeverities ?? [];
  return others.length > 0 ? `${meta.severity} (or ${others.join(', ')})` : meta.severity;
}

const POINTS_BY_ID: ReadonlyMap<string, SeedPoint> = new Map(SEED_POINTS.map((point) => [point.id, point]));

/** A seed point's statement without its references to the seed documents (`(000 §3.1)`). */
export function pointTitle(id: string): string {
  const point = POINTS_BY_ID.get(id);
  return point ? point.point.replace(/\s*\([^()]*§[^()]*\)\s*$/, '') : id;
}

export function renderRuleExplainText(rule: Rule): string {
  const { meta } = rule;
  const lines = [
    `${meta.id}: ${meta.title}`,
    `severity: ${severityLabel(meta)}    seed points: ${meta.seedPoints.join(', ') || '-'}    artifacts: ${artifactsLabel(meta.artifacts)}`,
    ...meta.seedPoints.map((id) => `  ${id}: ${pointTitle(id)}`),
    '',
    meta.description,
    '',
    `Why: ${meta.rationale}`,
    '',
    `Fix: ${meta.remediation}`,
  ];
  if (meta.limitations) lines.push('', `Limitations: ${meta.limitations}`);
  const peers = meta.references.peers.map((peer) => `${peer.tool} ${peer.id}`);
  if (peers.length > 0) lines.push('', `Peer equivalents: ${peers.join(', ')}`);
  const frameworks = meta.references.frameworks.map((ref) => `${ref.framework} ${ref.id}`);
  if (frameworks.length > 0) lines.push(`Frameworks: ${frameworks.join('; ')}`);
  lines.push(`Docs: ${docsUrl(meta.id)}`);
  return lines.join('\n');
}

/** A table-test case of a rule, shown on its page (scripts/rule-examples.ts picks them). */
export interface RuleExample {
  /** The test case's name: what it shows. */
  name: string;
  filename: string;
  code: string;
  /** Lines the rule reports (a reported example). */
  lines?: number[];
}

export interface RuleExamples {
  reported: RuleExample;
  clean?: RuleExample;
}

/** docs/rules/<id>.md */
export function renderRuleDoc(rule: Rule, examples?: RuleExamples): string {
  const { meta } = rule;
  const out = [
    '<!-- Generated from the rule metadata by `npm run docs`. Do not edit. -->',
    `# ${meta.id}`,
    '',
    `**${meta.title}**`,
    '',
    '| Severity | Seed points | Artifacts |',
    '|---|---|---|',
    `| ${severityLabel(meta)} | ${meta.seedPoints.map((id) => `[${id}](${'../'.repeat(meta.id.split('/').length)}seed-points.md#${id.toLowerCase()})`).join(', ') || '- (beyond the seeds)'} | ${artifactsLabel(meta.artifacts)} |`,
    '',
    ...meta.seedPoints.map((id) => `- ${id}: ${pointTitle(id)}`),
    ...(meta.seedPoints.length > 0 ? [''] : []),
    '## What it checks',
    '',
    meta.description,
    '',
    '## Why',
    '',
    meta.rationale,
    '',
    '## How to fix',
    '',
    meta.remediation,
    '',
  ];
  if (examples) out.push(...examplesSection(examples));
  if (meta.limitations) out.push('## Limitations', '', meta.limitations, '');
  out.push('## References', '');
  if (meta.references.peers.length > 0) {
    out.push('Peer equivalents:', '', ...meta.references.peers.map((peer) => `- ${peer.tool}: \`${peer.id}\``), '');
  }
  if (meta.references.frameworks.length > 0) {
    out.push('Frameworks:', '', ...meta.references.frameworks.map((ref) => `- ${ref.framework}: ${ref.id}`), '');
  }
  if (meta.references.links && meta.references.links.length > 0) {
    out.push('Links:', '', ...meta.references.links.map((link) => `- <${link}>`), '');
  }
  out.push('## Suppressing', '', ...suppressingLines(meta), '');
  return out.join('\n');
}

/** The examples of a rule page: cases of the rule's table tests, which check exactly what the page says. */
function examplesSection(examples: RuleExamples): string[] {
  const block = (example: RuleExample): string[] => {
    const fence = example.code.includes('```') ? '~~~~' : '```';
    return [`${fence}${FENCE_LANGUAGE[path.extname(example.filename).toLowerCase()] ?? ''}`, example.code.replace(/\n$/, ''), fence];
  };
  const { reported, clean } = examples;
  const lines = reported.lines ?? [];
  const out = [
    '## Examples',
    '',
    `Reported (${reported.name}; ${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')} of \`${reported.filename}\`):`,
    '',
    ...block(reported),
    '',
  ];
  if (clean) out.push(`Not reported (${clean.name}):`, '', ...block(clean), '');
  out.push('These are cases of the rule\'s table tests, which check that it reports exactly the lines given.', '');
  return out;
}

const FENCE_LANGUAGE: Readonly<Record<string, string>> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json', '.tf': 'hcl', '.tfvars': 'hcl', '.template': 'yaml' };

/** How a finding of this rule can be suppressed, by the artifacts it reads. */
function suppressingLines(meta: RuleMeta): string[] {
  const entry = `${meta.id}: <reason>`;
  const has = (artifact: ArtifactType): boolean => meta.artifacts.includes(artifact);
  const lines: string[] = [];
  if (has('kubernetes')) lines.push(`- Kubernetes: annotation \`seaworthy.dev/suppress: "${entry}"\` on the object, or \`seaworthy.dev/suppress.<container>\` for one container.`);
  if (has('kubernetes') || has('cloudformation') || has('eksctl')) lines.push(`- YAML: a comment \`# seaworthy-ignore ${entry}\` on or above the reported line.`);
  if (has('terraform')) lines.push(`- Terraform: a comment \`# seaworthy-ignore ${entry}\` (or \`//\`) on or above the reported line.`);
  lines.push(
    `- Any file, JSON task definitions and policies included: an entry of \`suppressions\` in seaworthy.config.yaml (\`{ rule: ${meta.id}, paths: [...], resource: ..., reason: ... }\`).`,
    '',
    'Inline entries take ` until=YYYY-MM-DD` after the rule id, configuration entries `until: YYYY-MM-DD`, to expire.',
  );
  return lines;
}

export interface PointCoverage {
  point: SeedPoint;
  /** Rules per artifact type the point's check column asks for. */
  byArtifact: Map<ArtifactType, string[]>;
  /** Rules for the point on artifact types the check column does not list. */
  extra: Map<ArtifactType, string[]>;
  missing: ArtifactType[];
}

export function coverage(rules: readonly Rule[]): PointCoverage[] {
  return SEED_POINTS.map((point) => {
    const byArtifact = new Map<ArtifactType, string[]>();
    const extra = new Map<ArtifactType, string[]>();
    for (const rule of rules) {
      if (!rule.meta.seedPoints.includes(point.id)) continue;
      for (const artifact of rule.meta.artifacts) {
        const target = point.artifacts.includes(artifact) ? byArtifact : extra;
        target.set(artifact, [...(target.get(artifact) ?? []), rule.meta.id]);
      }
    }
    const missing = point.artifacts.filter((artifact) => !byArtifact.has(artifact));
    return { point, byArtifact, extra, missing };
  });
}

export function renderCoverageMarkdown(rules: readonly Rule[]): string {
  const rows = coverage(rules).map(({ point, byArtifact, extra, missing }) => {
    const undecidable = point.artifacts.length === 0;
    const cells = ARTIFACT_TYPES.map((artifact) => {
      // A point no file can fully decide may still have rules for the part that can be (IAM-8).
      const ids = undecidable ? extra.get(artifact) : byArtifact.get(artifact);
      if (!undecidable && !point.artifacts.includes(artifact)) return '';
      return ids ? ids.map((id) => `\`${id}\``).join('<br>') : undecidable ? '' : '**gap**';
    });
    const status = undecidable ? undecidableStatus(extra) : missing.length === 0 ? 'scanner complete' : `scanner gaps: ${missing.map((a) => ARTIFACT_LABELS[a]).join(', ')}`;
    return `| ${point.id} | ${status} | ${cells.join(' | ')} |`;
  });
  const header = `| Point | Status | ${ARTIFACT_TYPES.map((artifact) => ARTIFACT_LABELS[artifact]).join(' | ')} |`;
  const divider = `|---|---|${ARTIFACT_TYPES.map(() => '---').join('|')}|`;
  return [header, divider, ...rows].join('\n');
}

export function renderCoverageText(rules: readonly Rule[]): string {
  const lines: string[] = [];
  let complete = 0;
  const table = coverage(rules);
  for (const { point, byArtifact, extra, missing } of table) {
    if (point.artifacts.length > 0 && missing.length === 0) complete++;
    const undecidable = point.artifacts.length === 0;
    const status = undecidable ? 'n/a ' : missing.length === 0 ? 'ok  ' : byArtifact.size > 0 ? 'part' : 'gap ';
    const covered = [...(undecidable ? extra : byArtifact)].map(([artifact, ids]) => `${ARTIFACT_LABELS[artifact]}: ${ids.join(' ')}`).join('; ');
    const gaps = missing.length > 0 ? ` [missing: ${missing.map((a) => ARTIFACT_LABELS[a]).join(', ')}]` : '';
    lines.push(`${point.id.padEnd(7)} ${status} ${pointTitle(point.id)}`, `             ${covered || '-'}${gaps}`);
  }
  const checkable = table.filter(({ point }) => point.artifacts.length > 0).length;
  lines.push('', `scanner coverage: ${complete}/${checkable} checkable seed points have a rule on every artifact type their check column lists`);
  return lines.join('\n');
}

function undecidableStatus(extra: ReadonlyMap<ArtifactType, string[]>): string {
  return extra.size > 0 ? 'decidable from files in part (rules below); the rest documented' : 'not decidable from files (documented)';
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** `seaworthy rules --coverage -f json`: per seed point, its statement and the rules per artifact type. */
export function renderCoverageJson(rules: readonly Rule[]): string {
  return JSON.stringify(
    coverage(rules).map(({ point, byArtifact, extra, missing }) => ({
      id: point.id,
      point: pointTitle(point.id),
      check: point.check,
      artifacts: point.artifacts,
      rules: Object.fromEntries([...byArtifact, ...extra].map(([artifact, ids]) => [artifact, ids])),
      missing,
    })),
    null,
    2,
  );
}

/** docs/seed-points.md: the seed points, as SEED-POINTS.md states them, with the rules for each. */
export function renderSeedPointsDoc(rules: readonly Rule[]): string {
  const out = [
    '<!-- Generated from src/seeds/points.ts and the rule metadata by `npm run docs`. Do not edit. -->',
    '# Seed points',
    '',
    'The security points every rule, finding and generated resource refers to, transcribed from SEED-POINTS.md (which',
    'turns the two seed documents into stable IDs; `000 §n` and `001` name their sections). *Check* is what a scanner',
    'reads for the point; the coverage per artifact type is in [coverage.md](coverage.md).',
    '',
  ];
  for (const { point, byArtifact, extra } of coverage(rules)) {
    const ids = [...new Set([...byArtifact.values(), ...extra.values()].flat())].sort();
    out.push(
      `## ${point.id}`,
      '',
      point.point,
      '',
      `- Check: ${point.check}`,
      `- Provision: ${point.provision}`,
      `- Rules: ${ids.length > 0 ? ids.map((id) => `[\`${id}\`](rules/${id}.md)`).join(', ') : 'none (see coverage.md)'}`,
      '',
    );
  }
  return out.join('\n');
}