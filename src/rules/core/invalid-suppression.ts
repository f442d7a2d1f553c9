import { suppressionsOf } from './suppression-scope.js';
import { forEachContainer, isWorkload } from '../../graph/kubernetes.js';
import type { Resource } from '../../model/types.js';
import { createRule } from '../rule.js';

/** The names of the object's containers (init and ephemeral ones, every pod template); none for other objects. */
function containerNames(resource: Resource): string[] {
  const names: string[] = [];
  forEachContainer(resource, ({ name }) => names.push(name));
  return names;
}

export default createRule({
  meta: {
    id: 'core/invalid-suppression',
    title: 'Suppressions must name a known rule and give a reason',
    severity: 'medium',
    seedPoints: [],
    artifacts: ['kubernetes', 'cloudformation', 'terraform', 'task-definition', 'iam-policy', 'dockerfile', 'ci-workflow', 'eksctl'],
    description:
      'Reports `seaworthy.dev/suppress` annotations and `# seaworthy-ignore` comments that name no rule or an unknown one, give no reason, or carry an expiry that is not a YYYY-MM-DD date, and per-container annotations (`seaworthy.dev/suppress.<container>`) naming a container the object does not have. Such an entry suppresses nothing. Each entry of a multi-line annotation is reported at its own line.',
    rationale: 'An accepted risk needs a written reason that reviewers can audit; a silent suppression hides a finding for good.',
    remediation: 'Write the entry as `<rule-id>[ until=YYYY-MM-DD]: <reason>`, e.g. `k8s/read-only-root-filesystem until=2027-01-31: nginx cache, OPS-123`.',
    references: { peers: [], frameworks: [] },
  },
  scope: 'resource',
  appliesTo: () => true,
  check(context) {
    let containers: readonly string[] | undefined;
    for (const entry of suppressionsOf(context)) {
      let problem = entry.problem;
      if (problem === undefined && entry.container !== undefined) {
        containers ??= containerNames(context.resource);
        // Container names left to a template, or a workload whose containers are unknown: any name may exist.
        const unknown = containers.some((name) => /\{\{|\$\{/.test(name)) || (containers.length === 0 && isWorkload(context.resource));
        if (!unknown && !containers.includes(entry.container)) {
          problem = containers.length > 0 ? `the object has no container "${entry.container}" (its containers: ${containers.join(', ')})` : `the object has no containers, so "${entry.container}" names none`;
        }
      }
      if (problem === undefined) continue;
      context.report({ path: entry.path, commentLine: entry.commentLine, textOffset: entry.textOffset, message: `Suppression "${entry.raw}" is ignored: ${problem}.` });
    }
  },
});
