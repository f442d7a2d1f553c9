/**
 * What seaworthy finds in the AWS part of the real-world corpus, as Markdown tables (docs/real-world-report.md is
 * written from its output).
 *
 *   npx tsx scripts/report-real-world.ts [real-world-dir] [--details] [--write docs/real-world-report.md]
 *
 * Groups:
 *   - CloudFormation: every template (scripts/bench-aws.ts decides which files are), scanned together, grouped by
 *     repository folder and, for aws-cloudformation-templates, by its first sub-folder (ECS, EKS, ...);
 *   - Terraform: terraform-aws-ecs, terraform-aws-eks, terraform-aws-ecs-blueprints, each scanned as a whole (its
 *     examples call its modules), findings grouped by the module directory of the file they are in (root,
 *     `modules/<name>`, `examples/<name>`).
 * Prints, per kind: files / resources / findings per group, a rule x group matrix, and findings per template or
 * module directory. `--details` adds every finding (rule, file:line, resource, message). `--write <file>` replaces
 * the part of that file between `<!-- report:start -->` and `<!-- report:end -->` instead of printing.
 */
import path from 'node:path';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scan, type ScanReport } from '../src/scan.js';
import { ALL_RULES } from '../src/rules/index.js';
import type { Finding } from '../src/model/types.js';
import { findCloudFormationTemplates, terraformFolders } from './bench-aws.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'] as const;
const ruleById = new Map(ALL_RULES.map((rule) => [rule.meta.id, rule]));

interface Grouped {
  kind: string;
  /** Group label -> findings. */
  groups: Map<string, Finding[]>;
  /** Group label -> unit (template or module directory) -> findings. */
  units: Map<string, Map<string, number>>;
  /** Group label -> files / resources scanned. */
  files: Map<string, number>;
  resources: Map<string, number>;
  errors: ScanReport['errors'];
}

function cloudFormationGroup(relative: string): string {
  const parts = relative.split('/');
  if (parts[0] === 'aws-cloudformation-templates' && parts.length > 2) return `${parts[0]}/${parts[1] ?? ''}`;
  if (parts[0] === 'eks-workshop-v2') return 'eks-workshop-v2 (CodePipeline)';
  return parts[0] ?? relative;
}

/** `terraform-aws-ecs/modules/service/main.tf` -> `modules/service`; a root file -> `(root)`. */
function terraformUnit(relative: string): string {
  const parts = relative.split('/').slice(1, -1);
  if (parts.length === 0) return '(root)';
  if ((parts[0] === 'modules' || parts[0] === 'examples' || parts[0] === 'wrappers') && parts.length >= 2) return `${parts[0]}/${parts[1] ?? ''}`;
  return parts.join('/');
}

async function cloudFormation(root: string): Promise<Grouped> {
  const templates = findCloudFormationTemplates(root);
  const report = await scan(templates, { cwd: root, noConfig: true, today: '2026-08-31' });
  const grouped: Grouped = { kind: 'CloudFormation', groups: new Map(), units: new Map(), files: new Map(), resources: new Map(), errors: report.errors };
  for (const template of templates) {
    const relative = path.relative(root, template);
    const group = cloudFormationGroup(relative);
    grouped.files.set(group, (grouped.files.get(group) ?? 0) + 1);
    if (!grouped.groups.has(group)) grouped.groups.set(group, []);
    const units = grouped.units.get(group) ?? new Map<string, number>();
    units.set(relative, 0);
    grouped.units.set(group, units);
  }
  // Resources per group: one scan per template would cost little, but the summary only has a total; count the
  // reported resources' names per file instead via a second, per-group scan.
  for (const group of grouped.groups.keys()) {
    const files = templates.filter((template) => cloudFormationGroup(path.relative(root, template)) === group);
    const part = await scan(files, { cwd: root, noConfig: true, today: '2026-08-31', rules: [] });
    grouped.resources.set(group, part.summary.resources);
  }
  for (const finding of report.findings) {
    const group = cloudFormationGroup(finding.location.path);
    grouped.groups.get(group)?.push(finding);
    const units = grouped.units.get(group);
    if (units) units.set(finding.location.path, (units.get(finding.location.path) ?? 0) + 1);
  }
  return grouped;
}

async function terraform(root: string): Promise<Grouped> {
  const grouped: Grouped = { kind: 'Terraform', groups: new Map(), units: new Map(), files: new Map(), resources: new Map(), errors: [] };
  for (const folder of terraformFolders(root)) {
    const group = path.basename(folder);
    const report = await scan([folder], { cwd: root, noConfig: true, today: '2026-08-31' });
    grouped.errors.push(...report.errors);
    grouped.files.set(group, report.summary.filesScanned);
    grouped.resources.set(group, report.summary.resources);
    grouped.groups.set(group, report.findings);
    const units = new Map<string, number>();
    for (const finding of report.findings) {
      const unit = terraformUnit(finding.location.path);
      units.set(unit, (units.get(unit) ?? 0) + 1);
    }
    grouped.units.set(group, units);
  }
  return grouped;
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map((cell, i) => (i === 0 ? '---' : '--:')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function render(grouped: Grouped, details: boolean): string[] {
  const lines: string[] = [];
  const groups = [...grouped.groups.keys()].sort();
  const all = groups.flatMap((group) => grouped.groups.get(group) ?? []);
  lines.push(`### ${grouped.kind}`, '');
  lines.push(
    ...table(
      ['group', 'files', 'resources', 'findings', ...SEVERITY_ORDER],
      groups.map((group) => {
        const findings = grouped.groups.get(group) ?? [];
        return [
          group,
          String(grouped.files.get(group) ?? 0),
          String(grouped.resources.get(group) ?? 0),
          String(findings.length),
          ...SEVERITY_ORDER.map((severity) => String(findings.filter((finding) => finding.severity === severity).length || '')),
        ];
      }),
    ),
  );
  lines.push('', `Findings per rule and group (${all.length} findings):`, '');
  const ruleIds = [...new Set(all.map((finding) => finding.ruleId))].sort((a, b) => {
    const count = (id: string): number => all.filter((finding) => finding.ruleId === id).length;
    return count(b) - count(a) || (a < b ? -1 : 1);
  });
  lines.push(
    ...table(
      ['rule', 'points', 'sev.', ...groups, 'total'],
      ruleIds.map((id) => {
        const meta = ruleById.get(id)?.meta;
        return [
          `\`${id}\``,
          (meta?.seedPoints ?? []).join(' '),
          meta?.severity ?? '',
          ...groups.map((group) => String((grouped.groups.get(group) ?? []).filter((finding) => finding.ruleId === id).length || '')),
          String(all.filter((finding) => finding.ruleId === id).length),
        ];
      }),
    ),
  );
  lines.push('', `Findings per ${grouped.kind === 'Terraform' ? 'module directory' : 'template'}:`, '');
  const unitRows: string[][] = [];
  for (const group of groups) {
    const units = grouped.units.get(group) ?? new Map<string, number>();
    for (const [unit, count] of [...units].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      unitRows.push([grouped.kind === 'Terraform' ? `${group}/${unit}` : unit, String(count)]);
    }
  }
  lines.push(...table([grouped.kind === 'Terraform' ? 'module directory' : 'template', 'findings'], unitRows));
  if (grouped.errors.length > 0) {
    lines.push('', 'Scan errors:', '');
    for (const error of grouped.errors) lines.push(`- ${error.path}${error.line ? `:${error.line}` : ''}: ${error.message}`);
  }
  if (details) {
    lines.push('', 'Every finding:', '');
    for (const finding of all) {
      lines.push(`- \`${finding.ruleId}\` ${finding.location.path}:${finding.location.startLine} ${finding.resource.type} ${finding.resource.name}: ${finding.message}`);
    }
  }
  lines.push('');
  return lines;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const writeIndex = args.indexOf('--write');
  const target = writeIndex === -1 ? undefined : args[writeIndex + 1];
  if (writeIndex !== -1 && (target === undefined || target.startsWith('--'))) throw new Error('--write needs a file');
  const positional = args.filter((arg, index) => !arg.startsWith('--') && (writeIndex === -1 || index !== writeIndex + 1));
  const root = path.resolve(positional[0] ?? path.join(ROOT, '../shared/corpora/real-world'));
  if (!existsSync(root)) {
    // The corpus is input from the people steering the project (../shared/corpora/real-world beside the clone).
    console.error(`${root} not found: pass the real-world corpus directory (../shared/corpora/real-world beside the repository)`);
    process.exitCode = 1;
    return;
  }
  const details = args.includes('--details');
  const out: string[] = [];
  out.push(`<!-- generated by: npx tsx scripts/report-real-world.ts <real-world-dir>${details ? ' --details' : ''}; ${ALL_RULES.length} rules -->`, '');
  out.push(...render(await cloudFormation(root), details));
  out.push(...render(await terraform(root), details));
  const text = `${out.join('\n')}\n`;
  if (target === undefined || writeIndex === -1) {
    process.stdout.write(text);
    return;
  }
  const START = '<!-- report:start -->';
  const END = '<!-- report:end -->';
  const current = readFileSync(target, 'utf8');
  const from = current.indexOf(START);
  const to = current.indexOf(END);
  if (from === -1 || to < from) throw new Error(`${target} has no ${START} ... ${END} block`);
  writeFileSync(target, `${current.slice(0, from + START.length)}\n${text}${current.slice(to)}`);
  console.error(`updated ${target}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
