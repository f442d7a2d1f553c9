import { carriesPolicies, policiesOf } from '../../graph/iam.js';
import { createRule } from '../rule.js';

export default createRule({
  meta: {
    id: 'iam/valid-policy-document',
    title: 'Policy documents must be well-formed',
    severity: 'medium',
    seedPoints: [],
    artifacts: ['iam-policy', 'cloudformation', 'terraform'],
    description:
      'Reports policy documents that IAM rejects or that cannot be analysed: a `Statement` that is neither an object nor a list, statements that are not objects, an `Effect` other than `Allow` / `Deny`, statements without `Action` / `NotAction` or with both `Action` and `NotAction` (or `Resource` and `NotResource`), and documents given as strings that are not JSON.',
    rationale: 'A malformed policy fails at deploy time or, worse, is silently skipped by analysis: every other policy rule needs a readable document.',
    remediation: 'Fix the document following the IAM JSON policy grammar: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [...], "Resource": [...]}]}`.',
    references: {
      peers: [],
      frameworks: [{ framework: 'IAM JSON policy reference', id: 'Grammar of the IAM JSON policy language' }],
      links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html'],
    },
  },
  appliesTo: carriesPolicies,
  check({ resource, graph, report }) {
    for (const policy of policiesOf(resource, graph)) {
      for (const problem of policy.problems) report({ path: problem.path, message: problem.message });
    }
  },
});
