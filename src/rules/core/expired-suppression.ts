import { isExpired } from '../../engine/suppressions.js';
import { suppressionsOf } from './suppression-scope.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'core/expired-suppression',
    title: 'Suppressions must not be past their expiry date',
    severity: 'low',
    seedPoints: [],
    artifacts: ['kubernetes', 'cloudformation', 'terraform', 'task-definition', 'iam-policy', 'dockerfile', 'ci-workflow', 'eksctl'],
    description:
      'Reports suppressions whose `until=` date has passed. An expired suppression no longer hides its finding, which is reported again next to this one.',
    rationale: 'Accepted risks are accepted for a time; once the date passes, the decision must be made again.',
    remediation: 'Fix the underlying finding, or renew the suppression with a new date and an updated reason.',
    references: { peers: [], frameworks: [] },
  },
  scope: 'resource',
  appliesTo: () => true,
  check(context) {
    for (const entry of suppressionsOf(context)) {
      if (entry.problem !== undefined || !isExpired(entry, context.settings.today)) continue;
      context.report({ path: entry.path, commentLine: entry.commentLine, message: `Suppression of ${entry.ruleId} expired on ${entry.until}.` });
    }
  },
});
