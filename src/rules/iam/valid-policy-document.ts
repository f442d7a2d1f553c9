import { carriesPolicies, policiesOf } from '../../graph/iam.js';
import { createRule } from '../rule.js';
import { getPath, isObject } from '../../util/json.js';
import { isUnknown } from '../../util/unknown.js';

export default createRule({
  meta: {
    id: 'iam/valid-policy-document',
    title: 'Policy documents must be well-formed',
    severity: 'medium',
    seedPoints: [],
    artifacts: ['iam-policy', 'cloudformation', 'terraform', 'eksctl'],
    description:
      'Reports policy documents that IAM rejects or that cannot be analysed: a `Statement` that is neither an object nor a list, statements that are not objects, an `Effect` other than `Allow` / `Deny`, `Action` / `Resource` entries that are numbers, booleans or null, statements without `Action` / `NotAction` or with both `Action` and `NotAction` (or `Resource` and `NotResource`), documents given as strings that are not JSON, a `Version` other than `2012-10-17` / `2008-10-17`, a `Sid` used twice in one policy, a `Principal` / `NotPrincipal` that is neither `"*"` nor an object (a bare ARN, a list), a `Condition` that is not an object, actions without a service prefix, with more than one colon or with a wildcard in the service prefix (`*:Put*`, `iam*:*`), an AWS principal with a wildcard inside its ARN or account (`arn:aws:iam::*:root`; only `"*"` alone is accepted), `NotPrincipal` with `Allow` (rejected in trust policies; in resource policies it allows everyone but the listed principals), identity-policy statements with neither `Resource` nor `NotResource` or with a `Principal` / `NotPrincipal`, trust-policy statements with a `Resource`, trust and resource policy statements without a `Principal` (in a template or configuration, where the kind of policy is known), and elements that are not part of the policy grammar (a document key other than Version, Id and Statement, a statement key other than Sid, Effect, Principal, Action, Resource, Condition and their Not forms; IAM refuses all of these).',
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
      const document = getPath(resource.body, policy.path);
      const version = isObject(document) ? document.Version : undefined;
      if (typeof version === 'string' && !isUnknown(version) && !VERSIONS.has(version)) {
        report({ path: [...policy.path, 'Version'], message: `${policy.label}: Version "${version}" is not a policy language version (use "2012-10-17").` });
      }
      const sids = new Set<string>();
      for (const statement of policy.statements) {
        const name = statement.sid !== undefined ? `statement "${statement.sid}"` : `Statement[${statement.index}]`;
        if (statement.sid !== undefined && statement.sid !== '') {
          if (sids.has(statement.sid)) report({ path: [...statement.path, statement.body.Sid !== undefined ? 'Sid' : 'sid'], message: `${policy.label}: Sid "${statement.sid}" is used twice; Sids must be unique within a policy.` });
          sids.add(statement.sid);
        }
        for (const element of [statement.action, statement.notAction]) {
          for (const entry of element?.refused ?? []) report({ path: entry.path, message: `${policy.label}: ${name} ${element?.key ?? 'Action'} "${entry.value}" ${entry.problem}.` });
        }
        if (statement.notPrincipal && !statement.notPrincipal.unknown && statement.notPrincipal.entries.length > 0 && statement.effect === 'Allow') {
          report({
            path: statement.notPrincipal.path,
            message:
              policy.kind === 'resource'
                ? `${policy.label}: ${name} uses NotPrincipal with Allow: it allows everyone but the listed principals, anonymous users included (AWS advises against it).`
                : `${policy.label}: ${name} uses NotPrincipal with Allow, which IAM does not accept here.`,
          });
        }
        for (const element of [statement.principal, statement.notPrincipal]) {
          for (const entry of element && !element.unknown ? element.entries : []) {
            if (entry.type !== 'AWS' || entry.value === '*' || !entry.value.includes('*')) continue;
            report({
              path: entry.path,
              message: `${policy.label}: ${name} names the principal "${entry.value}", which IAM rejects (a wildcard may not stand for part of a principal ARN or account): use "*" with an aws:PrincipalArn or aws:PrincipalAccount condition, or name the principals.`,
            });
          }
        }
        if (policy.kind === 'identity' && !statement.resource && !statement.notResource) {
          report({ path: statement.path, message: `${policy.label}: ${name} has neither Resource nor NotResource, which an identity policy requires.` });
        }
        // An identity policy applies to the user, group or role it is attached to: IAM refuses a principal in it. Only
        // one known to be there: written as JSON (whatever its value), not a `dynamic "principals"` block over an
        // unknown list, which may produce none.
        for (const element of policy.kind === 'identity' ? [statement.principal, statement.notPrincipal] : []) {
          if (element && (element.entries.length > 0 || !element.unknown || statement.body[element.key] !== undefined)) report({ path: element.path, message: `${policy.label}: ${name} has ${element.key}, which IAM does not accept in an identity policy (it applies to the user, group or role it is attached to).` });
        }
        // A trust or resource policy says whom it lets in: a statement without a principal is refused. (A standalone
        // file's kind is inferred from its statements: one without a principal there makes the kind ambiguous.)
        if ((policy.kind === 'trust' || policy.kind === 'resource') && resource.artifact !== 'iam-policy' && !statement.principal && !statement.notPrincipal) {
          report({ path: statement.path, message: `${policy.label}: ${name} has no Principal, which a ${policy.kind === 'trust' ? 'trust' : 'resource'} policy statement requires.` });
        }
        // The role is the resource of its trust policy: IAM refuses the element ("Has prohibited field Resource").
        for (const element of policy.kind === 'trust' ? [statement.resource, statement.notResource] : []) {
          if (element) report({ path: element.path, message: `${policy.label}: ${name} has ${element.key}, which IAM does not accept in a trust policy.` });
        }
      }
    }
  },
});

const VERSIONS: ReadonlySet<string> = new Set(['2012-10-17', '2008-10-17']);

