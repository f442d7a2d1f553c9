import { carriesPolicies, elementCovers, overridingDeny, policiesOf, type PolicyDocument, type PolicyStatement } from '../../graph/iam.js';
import type { JsonObject, JsonValue } from '../../model/types.js';
import { isObject, stableStringify } from '../../util/json.js';
import { createRule } from '../rule.js';

function label(statement: PolicyStatement): string {
  return statement.sid ? `statement "${statement.sid}"` : statement.index >= 0 ? `Statement[${statement.index}]` : 'the statement';
}

/** The statement body without `Sid` (Terraform: `sid`), for identity comparisons. */
function identity(statement: PolicyStatement): string {
  const { Sid: _sid, sid: _tfSid, ...rest } = statement.body;
  return stableStringify(rest);
}

/** Who the statement names, as parsed (JSON `Principal` and Terraform `principals` blocks alike). */
function principalKey(statement: PolicyStatement): string {
  const principal = statement.principal;
  if (!principal) return '';
  const entries = principal.entries.map((entry) => `${entry.type}\u0000${entry.value}`).sort();
  return stableStringify({ entries, unknown: principal.unknown });
}

/** `a` is an Allow whose actions and resources an unconditional Allow `b` (same principal) already grants. */
function shadowedBy(a: PolicyStatement, b: PolicyStatement): boolean {
  if (a.effect !== 'Allow' || b.effect !== 'Allow' || b.conditionPath !== undefined) return false;
  if (a.notAction || b.notAction || a.notResource || b.notResource || a.notPrincipal || b.notPrincipal) return false;
  if (principalKey(a) !== principalKey(b)) return false;
  if (a.principal?.unknown) return false;
  if (!elementCovers(b.action, a.action)) return false;
  if (a.resource === undefined && b.resource === undefined) return true; // trust policies
  return elementCovers(b.resource, a.resource);
}

/** Reasons why a statement can never match a request. */
/**
 * The list is empty as written, not only once CloudFormation parameter defaults and conditions are applied
 * (`[!If [HasSecret, !Ref SecretArn, !Ref AWS::NoValue]]` empties with the default, not with the value deployed).
 */
function writtenEmpty(policy: PolicyDocument, statement: PolicyStatement, key: string): boolean {
  const { resource } = policy;
  if (resource.artifact !== 'cloudformation') return true;
  let node: JsonValue | undefined = resource.document.data;
  for (const segment of [...resource.basePath, ...statement.path, key]) {
    if (typeof segment === 'number' ? !Array.isArray(node) : !isObject(node)) return true;
    node = typeof segment === 'number' ? (node as JsonValue[])[segment] : (node as JsonObject)[segment];
  }
  // An intrinsic that yields the list (`!If [...]`) is empty only for some parameter values.
  return node === undefined || (Array.isArray(node) && node.length === 0);
}

function neverApplies(policy: PolicyDocument, statement: PolicyStatement): string | undefined {
  for (const key of ['action', 'resource'] as const) {
    const element = statement[key];
    if (element && !element.unknown && element.values.length === 0 && Array.isArray(statement.body[element.key]) && writtenEmpty(policy, statement, element.key)) return `its ${element.key} list is empty`;
  }
  if (statement.notAction?.values.some((v) => v.value === '*')) return 'NotAction "*" excludes every action';
  if (statement.notResource?.values.some((v) => v.value === '*')) return 'NotResource "*" excludes every resource';
  // `Null: {key: "true"}` (key absent) together with a test that needs the key present.
  for (const entry of statement.conditions) {
    if (!/^Null$/i.test(entry.operator) || entry.unknown || !entry.values.every((v) => v.toLowerCase() === 'true')) continue;
    const other = statement.conditions.find(
      (c) => c !== entry && c.key.toLowerCase() === entry.key.toLowerCase() && !/IfExists$/i.test(c.operator) && !/^Null$/i.test(c.operator) && !/^ForAllValues:/i.test(c.operator) && !/Not/i.test(c.operator),
    );
    if (other) return `its condition requires ${entry.key} to be absent (Null) and to match ${other.operator}`;
  }
  return undefined;
}

export default createRule({
  meta: {
    id: 'iam/duplicate-statements',
    title: 'Policies must not contain duplicate, shadowed or never-applicable statements',
    severity: 'low',
    seedPoints: ['IAM-8'],
    artifacts: ['iam-policy', 'cloudformation', 'terraform', 'eksctl'],
    description:
      'Within one policy document, reports: a statement identical to an earlier one (Sid aside); an Allow whose actions and resources are all granted by another unconditional Allow of the same document and principal (wildcards compared by pattern: `s3:*` covers `s3:GetObject`); an Allow of an identity policy whose actions and resources an unconditional Deny of the same document all denies (it grants nothing); and statements that can never match (empty `Action` / `Resource` list, `NotAction: "*"`, `NotResource: "*"`, a condition that requires a key both absent and present).',
    rationale:
      'Redundant statements make reviews harder and hide the real scope of a policy: removing the narrow statement changes nothing, and whoever tightens it believes access is reduced while the broad one still grants it.',
    remediation: 'Delete the redundant statement, or narrow the broader statement that shadows it if the narrow one expresses the intent.',
    limitations: 'Only certain cases are reported: overlaps that depend on conditions, on unresolved values or on partial pattern intersections are not, nor CloudFormation lists that only parameter defaults empty (`[!If [HasSecret, !Ref SecretArn, !Ref AWS::NoValue]]`).',
    references: { peers: [], frameworks: [], links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-validation.html'] },
  },
  appliesTo: carriesPolicies,
  check({ resource, graph, report }) {
    for (const policy of policiesOf(resource, graph)) {
      const statements = policy.statements;
      const ids = statements.map(identity);
      const reported = new Set<PolicyStatement>();
      statements.forEach((statement, i) => {
        const never = neverApplies(policy, statement);
        if (never) {
          reported.add(statement);
          report({ path: statement.path, key: 'never', message: `${policy.label} ${label(statement)} can never apply: ${never}.` });
          return;
        }
        const same = statements.slice(0, i).find((_, j) => ids[j] === ids[i]);
        if (same) {
          reported.add(statement);
          report({ path: statement.path, key: 'duplicate', message: `${policy.label} ${label(statement)} duplicates ${label(same)}.` });
        }
      });
      statements.forEach((statement, i) => {
        if (reported.has(statement)) return;
        const deny = overridingDeny(policy, statement);
        if (deny) {
          report({ path: statement.path, key: 'denied', message: `${policy.label} ${label(statement)} grants nothing: ${label(deny)} denies all its actions on all its resources without conditions, and an explicit Deny always wins.` });
          return;
        }
        // Two statements that grant the same (`iam:PutRolePolicy` and `IAM:PutRolePolicy`): only the later one is redundant.
        const by = statements.find(
          (other, j) => j !== i && !reported.has(other) && ids[j] !== ids[i] && shadowedBy(statement, other) && !(j > i && shadowedBy(other, statement)),
        );
        if (!by) return;
        report({ path: statement.path, key: 'shadowed', message: `${policy.label} ${label(statement)} is redundant: ${label(by)} already allows all its actions on all its resources without conditions.` });
      });
    }
  },
});
