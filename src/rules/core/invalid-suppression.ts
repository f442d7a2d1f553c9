import { suppressionsOf } from './suppression-scope.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'core/invalid-suppression',
    title: 'Suppressions must name a known rule and give a reason',
    severity: 'medium',
    seedPoints: [],
    artifacts: ['kubernetes', 'cloudformation', 'terraform', 'task-definition', 'iam-policy', 'dockerfile', 'ci-workflow', 'eksctl'],
    description:
      'Reports `seaworthy.dev/suppress` annotations and `# seaworthy-ignore` comments that name no rule or an unknown one, give no reason, or carry an expiry that is not a YYYY-MM-DD date. Such an entry suppresses nothing.',
    rationale: 'An accepted risk needs a written reason that reviewers can audit; a silent suppression hides a finding for good.',
    remediation: 'Write the entry as `<rule-id>[ until=YYYY-MM-DD]: <reason>`, e.g. `k8s/read-only-root-filesystem until=2027-01-31: nginx cache, OPS-123`.',
    references: { peers: [], frameworks: [] },
  },
  scope: 'resource',
  appliesTo: () => true,
  check(context) {
    for (const entry of suppressionsOf(context)) {
      if (entry.problem === undefined) continue;
      context.report({ path: entry.path, commentLine: entry.commentLine, message: `Suppression "${entry.raw}" is ignored: ${entry.problem}.` });
    }
  },
});
