/**
 * cdk-nag side of the benchmark: one child process (plain node, no TypeScript loader, so its time and memory are
 * its own) builds one CDK App with every CloudFormation template as its own Stack through `CfnInclude`, adds
 * `AwsSolutionsChecks` to the app, synthesizes once and prints one JSON line: the findings (errors and warnings:
 * rule id, template, logical id), the templates `CfnInclude` could not load (with the reason), and timings.
 *
 * Timings inside the child: the imports of aws-cdk-lib + cdk-nag, each stack's construction (`CfnInclude`), each
 * stack's share of the aspect visit (AwsSolutionsChecks is wrapped by an aspect that times every `visit` call and
 * books it to the stack the visited construct belongs to), and the whole `app.synth()` (aspects + synthesis of
 * every template). The parent measures the whole-process wall time; peak RSS is the child's own maxRSS.
 *
 * Requires the dev dependencies cdk-nag (~2.38), aws-cdk-lib (~2.200) and constructs (^10); when they are not
 * installed the child fails to import them and the bench reports it and goes on.
 */
import { runJsonChild } from './bench-shared.js';

const CHILD_SOURCE = `
const t0 = performance.now();
const templates = JSON.parse(process.argv[1]);
const outdir = process.argv[2];
const { App, Stack, Aspects } = await import('aws-cdk-lib');
const { CfnInclude } = await import('aws-cdk-lib/cloudformation-include');
const { AwsSolutionsChecks } = await import('cdk-nag');
const importMs = performance.now() - t0;

const findings = [];
const ruleErrors = [];
const seen = new Set();
const stackIndex = new Map();
const logicalIdOf = (resource) => {
  try { return String(Stack.of(resource).resolve(resource.logicalId)); } catch { return resource.node.id; }
};
const templateOf = (resource) => {
  const stack = resource.node.scopes[1];
  const index = stack ? stackIndex.get(stack) : undefined;
  return index === undefined ? '?' : templates[index];
};
const logger = {
  onCompliance() {},
  onNotApplicable() {},
  onSuppressed() {},
  onSuppressedError() {},
  onNonCompliance(data) {
    const entry = { template: templateOf(data.resource), logicalId: logicalIdOf(data.resource), type: data.resource.cfnResourceType,
      ruleId: data.ruleId, level: String(data.ruleLevel), findingId: data.findingId, info: data.ruleInfo };
    const key = entry.template + '\\0' + entry.logicalId + '\\0' + entry.ruleId + '\\0' + entry.findingId;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(entry);
  },
  onError(data) {
    ruleErrors.push({ template: templateOf(data.resource), logicalId: logicalIdOf(data.resource), ruleId: data.ruleId, message: String(data.errorMessage).split('\\n')[0] });
  },
};

const app = new App({ outdir });
const checks = new AwsSolutionsChecks({ verbose: true, reports: false, additionalLoggers: [logger] });
const aspectMs = templates.map(() => 0);
// Times every visit and books it to the visited construct's stack (the app's direct child).
Aspects.of(app).add({
  visit(node) {
    const start = performance.now();
    checks.visit(node);
    const stack = node.node.scopes[1];
    const index = stack ? stackIndex.get(stack) : undefined;
    if (index !== undefined) aspectMs[index] += performance.now() - start;
  },
});

const constructMs = templates.map(() => 0);
const failures = [];
const resources = templates.map(() => 0);
templates.forEach((templateFile, index) => {
  const start = performance.now();
  const id = 'Template' + index;
  const stack = new Stack(app, id);
  try {
    const included = new CfnInclude(stack, 'Include', { templateFile });
    stackIndex.set(stack, index);
    resources[index] = stack.node.findAll().filter((c) => typeof c.cfnResourceType === 'string').length;
    void included;
  } catch (error) {
    app.node.tryRemoveChild(id);
    failures.push({ template: templateFile, reason: String(error && error.message ? error.message : error).split('\\n')[0] });
  }
  constructMs[index] = performance.now() - start;
});

const synthStart = performance.now();
let synthError;
try {
  app.synth();
} catch (error) {
  synthError = String(error && error.message ? error.message : error).split('\\n')[0];
}
const synthMs = performance.now() - synthStart;
// A failed synthesis names no stack: find the stacks whose template does not render, so the parent can run
// again without them.
const synthFailures = [];
if (synthError !== undefined) {
  for (const [stack, index] of stackIndex) {
    try {
      stack.resolve(stack._toCloudFormation());
    } catch (error) {
      synthFailures.push({ index, template: templates[index], reason: 'synthesis: ' + String(error && error.message ? error.message : error).split('\\n').slice(0, 2).map((l) => l.trim().replace(/: ".*" should be/, ' should be')).join(': ') });
    }
  }
}
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({
  importMs, constructMs, aspectMs, synthMs, synthError, synthFailures, resources, failures, findings, ruleErrors,
  totalInChildMs: performance.now() - t0, maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
}) + '\\n');
`;

export interface CdkNagFinding {
  /** The template's path as given to the child. */
  template: string;
  logicalId: string;
  /** CloudFormation resource type. */
  type: string;
  /** e.g. `AwsSolutions-IAM5`. */
  ruleId: string;
  /** `Error` or `Warning`. */
  level: string;
  /** cdk-nag's granular finding id (`Action::s3:*`) or the rule id. */
  findingId: string;
  info: string;
}

export interface CdkNagResult {
  importMs: number;
  /** Per template (same order as given): construction of its Stack + CfnInclude. */
  constructMs: number[];
  /** Per template: time spent in AwsSolutionsChecks visits of its constructs. */
  aspectMs: number[];
  /** The one `app.synth()`: aspects of all stacks + synthesis of every template. */
  synthMs: number;
  synthError?: string;
  /** When the synthesis failed: the stacks whose template does not render. */
  synthFailures: Array<{ index: number; template: string; reason: string }>;
  /** Per template: CloudFormation resources included. */
  resources: number[];
  failures: Array<{ template: string; reason: string }>;
  findings: CdkNagFinding[];
  ruleErrors: Array<{ template: string; logicalId: string; ruleId: string; message: string }>;
  totalInChildMs: number;
  maxRssKb: number;
  cpuMs: number;
  /** Measured by the parent: spawn to exit. */
  wallMs: number;
}

/** Runs cdk-nag over the templates (absolute paths) in a fresh process; rejects when the child fails. */
export async function runCdkNag(templates: readonly string[], cwd: string, outdir: string): Promise<CdkNagResult> {
  const { result, wallMs } = await runJsonChild<Omit<CdkNagResult, 'wallMs'>>(['--input-type=module', '-e', CHILD_SOURCE, JSON.stringify(templates), outdir], cwd, (output, code) => {
    const lines = output.split('\n');
    const message = lines.find((text) => /^\w*Error\b|Cannot find/.test(text.trim()))?.trim() ?? lines.slice(0, 3).join(' | ');
    return `cdk-nag child exited with ${String(code)}: ${message}`;
  });
  return { ...result, wallMs };
}

export interface CdkNagRun extends CdkNagResult {
  /** The templates of the final run (the input less those that failed to load or synthesize). */
  templates: string[];
  /** Templates left out: CfnInclude failed, or synthesis failed (the run is repeated without them). */
  excluded: Array<{ template: string; reason: string }>;
  /** Runs made (1 unless a synthesis failure forced a repeat). */
  attempts: number;
}

/**
 * Runs cdk-nag; when `app.synth()` fails because of some templates (e.g. a policy document given as a JSON
 * string, which CloudFormation accepts but CfnInclude's typed synthesis rejects), runs again without them, so the
 * figures of the final run cover a synthesis that completed. Templates CfnInclude cannot load are left out by the
 * child itself.
 */
export async function runCdkNagUntilSynthesized(
  templates: readonly string[],
  cwd: string,
  outdir: string,
  onFirstRun?: (findings: CdkNagFinding[]) => void,
): Promise<CdkNagRun> {
  let current = [...templates];
  const excluded: Array<{ template: string; reason: string }> = [];
  for (let attempt = 1; ; attempt++) {
    const result = await runCdkNag(current, cwd, outdir);
    if (attempt === 1) onFirstRun?.(result.findings);
    const drop = new Set(result.synthFailures.map((failure) => failure.template));
    if (result.synthError === undefined || drop.size === 0 || attempt >= 4) {
      for (const failure of result.failures) excluded.push({ template: failure.template, reason: `CfnInclude: ${failure.reason}` });
      const failed = new Set(result.failures.map((failure) => failure.template));
      return { ...result, templates: current.filter((template) => !failed.has(template)), excluded, attempts: attempt };
    }
    for (const failure of result.synthFailures) excluded.push({ template: failure.template, reason: failure.reason });
    current = current.filter((template) => !drop.has(template));
  }
}
