import { terraformReferenced, terraformReferences, terraformRoot, withoutInstanceKey } from './aws.js';
import { referencedResource, referrers, scanValue } from './cloudformation.js';
import { referrersOf } from './network.js';
import { collectReferences } from '../loaders/cloudformation-references.js';
import { iamPatternRegExp, resourceLevelOf } from './iam-actions.js';
import { templateText } from './iam-arn.js';
import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import type { ResourceGraph } from './graph.js';
import { asArray, asObject, asString, getPath, isObject } from '../util/json.js';
import { containsTemplate, isUnresolved } from '../util/template.js';
import { isUnknown, UNKNOWN_KEY } from '../util/unknown.js';
import { pushTo } from '../util/collections.js';
import { terraformTemplateJson } from '../loaders/terraform/template-json.js';
import { eksctlNodeGroups, eksctlPodRoles, isEksctlConfig } from './eks.js';

/**
 * IAM policy model shared by every artifact that carries policies: standalone policy JSON files (identity
 * policies, SCPs, trust policies, resource policies) and policies embedded in CloudFormation resources.
 * Every element keeps its path inside the resource body so that rules report the exact node.
 *
 * Unresolved values (CloudFormation intrinsics, Terraform unknown markers) are kept as `unknown`: rules must
 * neither pass nor fail on them. Terraform: `aws_iam_policy.policy` and friends as a decoded `jsonencode(...)`
 * object or a JSON string, and `data.aws_iam_policy_document` blocks, whose kind (trust, identity, bucket or
 * repository policy) comes from the resources that use its `json`. `terraformPolicyAt` / `policiesOf(r, graph,
 * { follow: true })` follow an attribute that is `data.aws_iam_policy_document.x.json` to that document.
 */

/**
 * `boundary`: a policy that only caps what others grant and grants nothing itself: a service control policy's
 * content (Terraform documents used by `aws_organizations_policy`), a managed policy the scan uses only as a
 * permissions boundary. Rules about what a principal is allowed skip it.
 */
export type PolicyKind = 'identity' | 'trust' | 'resource' | 'boundary';

export interface PolicyValue {
  value: string;
  path: NodePath;
}

/** `Action`, `NotAction`, `Resource`, `NotResource`: the known string entries, and whether some entry is unresolved. */
export interface PolicyElement {
  key: string;
  path: NodePath;
  values: PolicyValue[];
  unknown: boolean;
  /**
   * The unresolved entries that certainly name one resource (never `*`; see namedResourceText): `!GetAtt Bucket.Arn`,
   * `!Sub "${Bucket.Arn}/*"`, `aws_s3_bucket.b.arn`; as written, for messages. When their number equals the
   * unresolved entries', every entry is a specific resource.
   */
  named: PolicyValue[];
  /** Every unresolved entry, as found (unresolvedText says it for messages). */
  unresolved: Array<{ raw: JsonValue; path: NodePath }>;
  /**
   * `Action` / `NotAction` entries IAM refuses (see actionFormatProblem), with why: kept out of `values`, so that the
   * statement is judged as unknown rather than as granting them; iam/valid-policy-document reports them.
   */
  refused?: Array<PolicyValue & { problem: string }>;
}

/**
 * What IAM refuses in an action: no service prefix, more than one colon, a wildcard in the service prefix (`*:Put*`,
 * `iam*:*`). `*:*` is left alone: read as `*`, every action, whether or not IAM takes it.
 */
function actionFormatProblem(action: string): string | undefined {
  if (action === '*' || action === '*:*') return undefined;
  const parts = action.split(':');
  if (parts.length === 1) return 'has no service prefix (service:action), which IAM refuses';
  if (parts.length > 2) return 'has more than one colon, which IAM refuses';
  if (/[*?]/.test(parts[0] ?? '')) return 'has a wildcard in its service prefix, which IAM refuses ("Action vendors must not contain wildcards"): name the service (iam:Put*) or use "*"';
  return undefined;
}

export interface PrincipalEntry {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
  type: string;
  value: string;
  path: NodePath;
}

export interface PrincipalElement {
  key: 'Principal' | 'NotPrincipal';
  path: NodePath;
  entries: PrincipalEntry[];
  unknown: boolean;
}

export interface ConditionEntry {
  operator: string;
  key: string;
  /** Known string forms of the values (booleans and numbers stringified). */
  values: string[];
  unknown: boolean;
  path: NodePath;
}

export interface PolicyStatement {
  index: number;
  path: NodePath;
  body: JsonObject;
  sid?: string;
  /** `undefined` when missing, invalid or unresolved. */
  effect: 'Allow' | 'Deny' | undefined;
  action?: PolicyElement;
  notAction?: PolicyElement;
  resource?: PolicyElement;
  notResource?: PolicyElement;
  principal?: PrincipalElement;
  notPrincipal?: PrincipalElement;
  /** Path of `Condition`, when present. */
  conditionPath?: NodePath;
  conditions: ConditionEntry[];
  /** The `Condition` block (or an operator block) is an unresolved value: what it requires is unknown. */
  conditionUnknown: boolean;
}

export interface PolicyProblem {
  path: NodePath;
  message: string;
}

export interface PolicyDocument {
  resource: Resource;
  /** Path of the document node inside the resource body (`[]` for a standalone policy file). */
  path: NodePath;
  kind: PolicyKind;
  /** Human label: `PolicyDocument`, `Policies[0] "s3-read"`, `AssumeRolePolicyDocument`, `policy file`. */
  label: string;
  /** The resource the policy is attached to, when it is a resource policy of a known kind. */
  service?: 's3-bucket' | 'ecr-repository';
  statements: PolicyStatement[];
  /** Statements that could not be read because they are unresolved (e.g. `Fn::If`): the policy is partly unknown. */
  unknownStatements: number;
  problems: PolicyProblem[];
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

/**
 * A policy written as JSON text in a CloudFormation `Fn::Sub` (the usual way to template an IRSA trust policy,
 * whose condition keys hold the issuer): the JSON with each string that holds a `${...}` turned back into a
 * `Fn::Sub` of that string (unknown, its text still readable) and keys kept as written (`${Issuer}:sub`).
 * Undefined when the value is no such `Fn::Sub`, or its text is not JSON once templated parts are set aside.
 */
function jsonInSub(value: JsonValue | undefined): JsonValue | undefined {
  if (!isObject(value) || Object.keys(value).length !== 1) return undefined;
  const sub = value['Fn::Sub'];
  const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  if (text === undefined || !text.trimStart().startsWith('{')) return undefined;
  const parts: string[] = [];
  const marked = text.replace(/\$\{[^}]*\}/g, (part) => `\uE000${parts.push(part) - 1}\uE000`);
  const restore = (marked: string): string => marked.replace(/\uE000(\d+)\uE000/g, (_, index: string) => parts[Number(index)] ?? '');
  const rebuild = (node: JsonValue): JsonValue => {
    if (typeof node === 'string') return node.includes('\uE000') ? { 'Fn::Sub': restore(node) } : node;
    if (Array.isArray(node)) return node.map(rebuild);
    if (isObject(node)) return Object.fromEntries(Object.entries(node).map(([key, child]) => [restore(key), rebuild(child ?? null)]));
    return node;
  };
  try {
    return rebuild(JSON.parse(marked) as JsonValue);
  } catch {
    return undefined;
  }
}

/**
 * Reads one policy document. `documentPath` is where the document sits in the resource body. A document given as
 * a JSON string (allowed by CloudFormation for some properties, or a `Fn::Sub` of JSON) is parsed; the paths of its
 * nodes go on into the string.
 */
export function parsePolicy(resource: Resource, value: JsonValue | undefined, documentPath: NodePath, kind: PolicyKind, label: string): PolicyDocument | undefined {
  const policy: PolicyDocument = { resource, path: documentPath, kind, label, statements: [], unknownStatements: 0, problems: [] };
  // JSON text in a `Fn::Sub` is read like JSON text in a string: every node maps to the text.
  const subDocument = jsonInSub(value);
  // Terraform JSON written as a heredoc that interpolates an attribute: read, the interpolated values unresolved.
  const templateDocument = resource.artifact === 'terraform' && subDocument === undefined ? terraformTemplateJson(value) : undefined;
  // A JSON string is read even when it holds `${...}`: an IAM policy variable (`${aws:username}`, written `$${...}` in
  // Terraform) is part of the policy, and a template that writes JSON structure does not parse (unknown below).
  if (subDocument === undefined && templateDocument === undefined && (value === undefined || (typeof value !== 'string' && isUnknown(value)))) return undefined;
  if (value === null || value === undefined) {
    policy.problems.push({ path: documentPath, message: `${label} is empty.` });
    return policy;
  }
  let data: JsonValue = subDocument ?? templateDocument ?? value;
  if (subDocument === undefined && typeof value === 'string') {
    try {
      data = JSON.parse(value) as JsonValue;
    } catch {
      if (isUnresolved(value)) return undefined; // a template string: unknown
      policy.problems.push({ path: documentPath, message: `${label} is a string that is not valid JSON.` });
      return policy;
    }
  }
  // Paths go on into JSON text, which the engine (CloudFormation) and the Terraform source map (heredocs) locate in
  // the file; a `Fn::Sub`'s JSON through its text.
  const sub = subDocument === undefined || !isObject(value) ? undefined : value['Fn::Sub'];
  const textPath: NodePath = sub === undefined ? documentPath : [...documentPath, 'Fn::Sub', ...(Array.isArray(sub) ? [0] : [])];
  const at = (...segments: NodePath): NodePath => [...textPath, ...segments];
  if (!isObject(data)) {
    policy.problems.push({ path: documentPath, message: `${label} must be a JSON object with a Statement.` });
    return policy;
  }
  for (const key of Object.keys(data)) {
    if (!DOCUMENT_KEYS.has(key)) policy.problems.push({ path: at(key), message: `${label} has the element ${key}, which is not part of the policy grammar (Version, Id, Statement): IAM refuses the document.` });
  }
  const statement = data.Statement;
  if (statement === undefined) {
    policy.problems.push({ path: documentPath, message: `${label} has no Statement.` });
    return policy;
  }
  if (isUnknown(statement)) {
    policy.unknownStatements++;
    return policy;
  }
  if (isObject(statement)) {
    // A single statement object is valid IAM.
    policy.statements.push(parseStatement(statement, -1, at('Statement'), at, ['Statement'], policy));
    return policy;
  }
  if (!Array.isArray(statement)) {
    policy.problems.push({ path: at('Statement'), message: `${label}: Statement must be an object or a list of objects, not ${describe(statement)}.` });
    return policy;
  }
  statement.forEach((entry, index) => {
    if (isUnknown(entry)) {
      policy.unknownStatements++;
      return;
    }
    if (!isObject(entry)) {
      policy.problems.push({ path: at('Statement', index), message: `${label}: Statement[${index}] must be an object, not ${describe(entry)}.` });
      return;
    }
    policy.statements.push(parseStatement(entry, index, at('Statement', index), at, ['Statement', index], policy));
  });
  return policy;
}

/**
 * Attributes that identify one resource and can never be `*`: ARNs, names, ids (a resource name or id never holds
 * `*`). Not `value` (an SSM parameter's value may be anything), not nested-stack `Outputs.*`.
 */
const IDENTIFYING_ATTRIBUTE = /^(?:arn|id|name|bucket|\w+_(?:arn|id|name))$/;
const CFN_IDENTIFYING_ATTRIBUTE = /^(?!Outputs\.)[A-Za-z0-9.]*(?:Arn|Name|Id)$/;
const CFN_PSEUDO_PARAMETER = /^AWS::(?:Partition|Region|AccountId|URLSuffix|StackName)$/;

/** A Terraform reference to an identifying attribute of a managed resource (`aws_s3_bucket.logs.arn`; not var., local., data.). */
function isTerraformResourceIdentifier(reference: string): boolean {
  const match = /^aws_\w+\.[\w-]+(?:\[[^\]]*\])?\.(\w+)$/.exec(reference);
  return match !== null && IDENTIFYING_ATTRIBUTE.test(match[1] ?? '');
}

/** `Logical.Arn` style: a CloudFormation resource attribute that identifies the resource. */
function isCfnResourceIdentifier(logicalId: string, attribute: string): boolean {
  return /^[A-Za-z0-9]+$/.test(logicalId) && CFN_IDENTIFYING_ATTRIBUTE.test(attribute);
}

/**
 * An unresolved policy entry that certainly names one resource, as written (for messages), never `*`:
 * `Fn::GetAtt` of an identifying attribute (`Bucket.Arn`); `Fn::Sub` whose variables are all such attributes or
 * pseudo parameters, at least one an attribute (`${Bucket.Arn}/*`); `Fn::Join` of literals and such entries (how the
 * CDK writes `bucket/*`); a Terraform resource attribute alone or in a template string. Undefined otherwise (a
 * parameter, variable or data value may be `*`).
 */
function namedResourceText(entry: JsonValue, depth = 0): string | undefined {
  if (typeof entry === 'string') return templateOfResourceIdentifiers(entry, (reference) => isTerraformResourceIdentifier(reference.trim()));
  if (!isObject(entry) || depth > 4) return undefined;
  const getAtt = entry['Fn::GetAtt'];
  const parts = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? getAtt.split('.') : undefined;
  if (parts) {
    const [logicalId, ...attribute] = parts;
    return typeof logicalId === 'string' && attribute.every((part) => typeof part === 'string') && isCfnResourceIdentifier(logicalId, attribute.join('.'))
      ? `${logicalId}.${attribute.join('.')}`
      : undefined;
  }
  const subValue = entry['Fn::Sub'];
  if (typeof subValue === 'string') {
    return templateOfResourceIdentifiers(subValue, (variable) => {
      if (CFN_PSEUDO_PARAMETER.test(variable)) return 'pseudo';
      const dot = variable.indexOf('.');
      return dot > 0 && isCfnResourceIdentifier(variable.slice(0, dot), variable.slice(dot + 1));
    });
  }
  const join = entry['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const texts = join[1].map((part) => (typeof part === 'string' ? (isUnknown(part) ? undefined : part) : namedResourceText(part, depth + 1)));
    const named = join[1].some((part) => typeof part !== 'string');
    return named && texts.every((text): text is string => text !== undefined) ? texts.join(join[0]) : undefined;
  }
  const expression = entry[UNKNOWN_KEY];
  if (typeof expression !== 'string') return undefined;
  const text = expression.trim();
  if (isTerraformResourceIdentifier(text)) return text;
  const quoted = /^"(.*)"$/.exec(text)?.[1];
  return quoted === undefined ? undefined : namedResourceText(quoted, depth + 1);
}

/**
 * `template` when every `${...}` in it is accepted by `accepts` (`'pseudo'`: accepted, but not naming a resource), at
 * least one names a resource, and no other template syntax (`%{`, `{{ }}`) is left around them.
 */
function templateOfResourceIdentifiers(template: string, accepts: (variable: string) => boolean | 'pseudo'): string | undefined {
  const verdicts = [...template.matchAll(/\$\{([^}]*)\}/g)].map((match) => accepts(match[1] ?? ''));
  if (!verdicts.includes(true) || verdicts.includes(false)) return undefined;
  return containsTemplate(template.replace(/\$\{[^}]*\}/g, '')) ? undefined : template;
}

/** An unresolved policy entry as written where it can be (`arn:aws:s3:::${Bucket}/*`, `${Target}`), else `(unresolved)`. */
export function unresolvedText(entry: JsonValue): string {
  return templateText(entry) ?? referenceText(entry) ?? '(unresolved)';
}

/** A CloudFormation `Ref` or `Fn::GetAtt` as `${Name}` / `${Name.Attribute}`, for messages. */
function referenceText(entry: JsonValue): string | undefined {
  if (!isObject(entry)) return undefined;
  if (typeof entry.Ref === 'string') return `\${${entry.Ref}}`;
  const getAtt = entry['Fn::GetAtt'];
  const parts = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? getAtt.split('.') : undefined;
  return parts?.every((part) => typeof part === 'string') ? `\${${parts.join('.')}}` : undefined;
}

/**
 * IAM policy variables (`${aws:username}`, `${aws:PrincipalTag/team}`, `${saml:sub}`) and the special characters
 * `${*}`, `${?}`, `${$}`: literal text of the policy, filled in by IAM per request, not template expressions. (In
 * Terraform they are written `$${...}`; CloudFormation intrinsics never take this `namespace:key` form.)
 */
const POLICY_VARIABLE = /\$\{(?:[A-Za-z0-9.-]+:[^}:]+|[*?$])\}/g;

/** A string of the policy that holds no unresolved template once its policy variables are set aside. */
function isLiteralPolicyText(value: string): boolean {
  return !isUnknown(value.includes('${') ? value.replace(POLICY_VARIABLE, '') : value);
}

const DOCUMENT_KEYS: ReadonlySet<string> = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS: ReadonlySet<string> = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

/** One `Action` / `Resource` / ... element: its literal entries, and what is known of the unresolved ones. */
function policyElement(key: string, path: NodePath, raw: JsonValue, entryPath: (index: number | undefined) => NodePath): PolicyElement {
  const element: PolicyElement = { key, path, values: [], unknown: false, named: [], unresolved: [] };
  const actions = key === 'Action' || key === 'NotAction';
  const add = (entry: JsonValue, at: NodePath): void => {
    if (typeof entry === 'string' && isLiteralPolicyText(entry)) {
      const problem = actions ? actionFormatProblem(entry) : undefined;
      if (problem === undefined) element.values.push({ value: entry, path: at });
      else {
        (element.refused ??= []).push({ value: entry, path: at, problem });
        element.unknown = true;
      }
      return;
    }
    if (entry === null || typeof entry === 'number' || typeof entry === 'boolean') return; // invalid, reported by parseStatement
    element.unknown = true;
    element.unresolved.push({ raw: entry, path: at });
    const named = namedResourceText(entry);
    if (named !== undefined) element.named.push({ value: named, path: at });
  };
  if (Array.isArray(raw)) raw.forEach((entry, i) => add(entry, entryPath(i)));
  else add(raw, entryPath(undefined));
  return element;
}

function parseStatement(
  body: JsonObject,
  index: number,
  path: NodePath,
  at: (...segments: NodePath) => NodePath,
  rel: NodePath,
  policy: PolicyDocument,
): PolicyStatement {
  const sub = (...segments: NodePath): NodePath => at(...rel, ...segments);
  const name = index < 0 ? 'Statement' : `Statement[${index}]`;
  const statement: PolicyStatement = { index, path, body, effect: undefined, conditions: [], conditionUnknown: false };
  if (typeof body.Sid === 'string') statement.sid = body.Sid;
  for (const key of Object.keys(body)) {
    if (!STATEMENT_KEYS.has(key)) policy.problems.push({ path: sub(key), message: `${policy.label}: ${name} has the element ${key}, which is not part of a statement (Sid, Effect, Principal, Action, Resource, Condition and their Not forms): IAM refuses the document.` });
  }
  if (body.Effect === 'Allow' || body.Effect === 'Deny') statement.effect = body.Effect;
  else if (!isUnknown(body.Effect)) policy.problems.push({ path: body.Effect === undefined ? path : sub('Effect'), message: `${policy.label}: ${name} must have Effect "Allow" or "Deny".` });

  const element = (key: string): PolicyElement | undefined => {
    const raw = body[key];
    if (raw === undefined) return undefined;
    // Entries are strings: a number, boolean, null or a map that is no intrinsic is invalid (IAM refuses the policy), not an unresolved value.
    (Array.isArray(raw) ? raw : [raw]).forEach((entry, i) => {
      const invalid = entry === null || typeof entry === 'number' || typeof entry === 'boolean' || (isObject(entry) && !isUnknown(entry)) || (Array.isArray(entry) && Array.isArray(raw));
      if (invalid) {
        policy.problems.push({ path: Array.isArray(raw) ? sub(key, i) : sub(key), message: `${policy.label}: ${name} ${key} entries must be strings, not ${describe(entry)}.` });
      }
    });
    return policyElement(key, sub(key), raw, (i) => (i === undefined ? sub(key) : sub(key, i)));
  };
  const action = element('Action');
  const notAction = element('NotAction');
  const resource = element('Resource');
  const notResource = element('NotResource');
  if (action) statement.action = action;
  if (notAction) statement.notAction = notAction;
  if (resource) statement.resource = resource;
  if (notResource) statement.notResource = notResource;
  if (action && notAction) policy.problems.push({ path, message: `${policy.label}: ${name} has both Action and NotAction.` });
  if (!action && !notAction) policy.problems.push({ path, message: `${policy.label}: ${name} has neither Action nor NotAction.` });
  if (resource && notResource) policy.problems.push({ path, message: `${policy.label}: ${name} has both Resource and NotResource.` });

  for (const key of ['Principal', 'NotPrincipal'] as const) {
    const raw = body[key];
    if (raw === undefined) continue;
    const principal: PrincipalElement = { key, path: sub(key), entries: [], unknown: false };
    if (raw === '*') principal.entries.push({ type: '*', value: '*', path: sub(key) });
    else if (isObject(raw) && !isUnknown(raw)) {
      for (const [type, values] of Object.entries(raw)) {
        if (typeof values === 'string' && !isUnknown(values)) principal.entries.push({ type, value: values, path: sub(key, type) });
        else if (Array.isArray(values)) {
          values.forEach((value, i) => {
            if (typeof value === 'string' && !isUnknown(value)) principal.entries.push({ type, value, path: sub(key, type, i) });
            else principal.unknown = true;
          });
        } else principal.unknown = true;
      }
    } else {
      principal.unknown = true;
      // IAM takes "*" or a map of principal types: a bare ARN or a list is refused ("Invalid principal").
      if ((typeof raw === 'string' || Array.isArray(raw)) && !isUnknown(raw)) {
        policy.problems.push({ path: sub(key), message: `${policy.label}: ${name} ${key} must be "*" or an object naming the principal type ({"AWS": [...]}, {"Service": ...}), not ${describe(raw)}.` });
      }
    }
    if (key === 'Principal') statement.principal = principal;
    else statement.notPrincipal = principal;
  }

  const condition = body.Condition;
  if (condition !== undefined) {
    statement.conditionPath = sub('Condition');
    if (!isObject(condition) || isUnknown(condition)) {
      statement.conditionUnknown = true;
      if (!isObject(condition) && !isUnknown(condition)) policy.problems.push({ path: sub('Condition'), message: `${policy.label}: ${name} Condition must be an object of condition operators, not ${describe(condition)}.` });
    }
    else {
      for (const [operator, block] of Object.entries(condition)) {
        if (!isObject(block) || isUnknown(block)) {
          statement.conditionUnknown = true;
          continue;
        }
        for (const [key, raw] of Object.entries(block)) {
          const list = Array.isArray(raw) ? raw : [raw];
          const values: string[] = [];
          let unknown = false;
          for (const value of list) {
            if (typeof value === 'string' && isLiteralPolicyText(value)) values.push(value);
            else if (typeof value === 'boolean' || typeof value === 'number') values.push(String(value));
            else unknown = true;
          }
          statement.conditions.push({ operator, key, values, unknown, path: sub('Condition', operator, key) });
        }
      }
    }
  }
  return statement;
}

function describe(value: JsonValue | undefined): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return isObject(value) ? 'a map' : `a ${typeof value}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Where policies live

const TRUST_ACTIONS = /^sts:(AssumeRole|AssumeRoleWithWebIdentity|AssumeRoleWithSAML|TagSession|SetSourceIdentity|SetContext|\*)$/i;

/** The kind of a standalone policy file, from its content. */
function standaloneKind(policy: PolicyDocument): PolicyKind {
  const withPrincipal = policy.statements.filter((s) => s.principal || s.notPrincipal);
  if (withPrincipal.length === 0) return 'identity';
  const trust = withPrincipal.every((s) => (s.action?.values.length ?? 0) > 0 && (s.action?.values ?? []).every((a) => TRUST_ACTIONS.test(a.value)));
  return trust ? 'trust' : 'resource';
}

export interface PoliciesOptions {
  /**
   * Terraform: also return the documents that policy attributes take from a `data.aws_iam_policy_document`
   * (`policy = data.aws_iam_policy_document.x.json`: `aws_iam_policy`, `aws_iam_role_policy` and friends,
   * `aws_iam_role` `assume_role_policy` and `inline_policy`, `aws_s3_bucket_policy`, `aws_ecr_repository_policy`),
   * as `terraformPolicyAt` gives them: the data source's document, whose `resource` is the data source and whose
   * paths are in its body, so report them with `resource: policy.resource`. Needs the graph.
   *
   * Off by default: rules that check every document where it is written (`appliesTo: carriesPolicies`) already
   * see each data source as a resource of its own (its kind comes from the attributes that use it); following it
   * from the consumer too would report it twice. Turn it on to collect what applies to a principal or a bucket.
   */
  follow?: boolean;
}

/**
 * Every policy document a resource carries (memoized per resource through the graph when one is given). With
 * `{ follow: true }`, Terraform policy attributes that are `data.aws_iam_policy_document.x.json` give that
 * document (see `PoliciesOptions`).
 */
export function policiesOf(resource: Resource, graph?: ResourceGraph, options?: PoliciesOptions): PolicyDocument[] {
  if (!graph) return computePolicies(resource);
  const follow = options?.follow === true && resource.artifact === 'terraform' && resource.type !== TF_POLICY_DOCUMENT;
  const index = graph.memo(follow ? 'iam:policiesOf:follow' : 'iam:policiesOf', () => new Map<Resource, PolicyDocument[]>());
  let list = index.get(resource);
  if (!list) index.set(resource, (list = follow ? terraformPolicies(resource, graph, true) : computePolicies(resource, graph)));
  return list;
}

function computePolicies(resource: Resource, graph?: ResourceGraph): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  const push = (policy: PolicyDocument | undefined): void => {
    if (policy) out.push(policy);
  };
  if (resource.artifact === 'iam-policy') {
    const policy = parsePolicy(resource, resource.body, [], 'identity', 'policy');
    if (policy) {
      policy.kind = standaloneKind(policy);
      out.push(policy);
    }
    return out;
  }
  if (resource.artifact === 'terraform') return terraformPolicies(resource, graph);
  if (isEksctlConfig(resource)) return eksctlPolicies(resource);
  if (resource.artifact !== 'cloudformation') return out;
  const properties = asObject(resource.body.Properties);
  if (!properties) return out;
  const props = (key: string): NodePath => ['Properties', key];
  switch (resource.type) {
    case 'AWS::IAM::ManagedPolicy':
      push(parsePolicy(resource, properties.PolicyDocument, props('PolicyDocument'), graph && usedOnlyAsBoundary(graph, resource) ? 'boundary' : 'identity', 'PolicyDocument'));
      break;
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::RolePolicy':
    case 'AWS::IAM::UserPolicy':
    case 'AWS::IAM::GroupPolicy':
      push(parsePolicy(resource, properties.PolicyDocument, props('PolicyDocument'), 'identity', 'PolicyDocument'));
      break;
    case 'AWS::IAM::Role':
    case 'AWS::IAM::User':
    case 'AWS::IAM::Group':
      if (resource.type === 'AWS::IAM::Role') push(parsePolicy(resource, properties.AssumeRolePolicyDocument, props('AssumeRolePolicyDocument'), 'trust', 'AssumeRolePolicyDocument'));
      asArray(properties.Policies).forEach((entry, index) => {
        const inline = asObject(entry);
        if (!inline || isUnknown(inline)) return;
        const name = asString(inline.PolicyName);
        push(parsePolicy(resource, inline.PolicyDocument, ['Properties', 'Policies', index, 'PolicyDocument'], 'identity', `Policies[${index}]${name && !isUnknown(name) ? ` "${name}"` : ''}`));
      });
      break;
    case 'AWS::S3::BucketPolicy':
      push(withService(parsePolicy(resource, properties.PolicyDocument, props('PolicyDocument'), 'resource', 'PolicyDocument'), 's3-bucket'));
      break;
    case 'AWS::Serverless::Function':
    case 'AWS::Serverless::StateMachine':
      // SAM `Policies`: one inline document, or a list of managed policy names / ARNs, policy templates
      // (`S3ReadPolicy: {BucketName: ...}`, scoped by SAM) and inline documents. The inline documents are read.
      if (isObject(properties.Policies) && 'Statement' in properties.Policies) push(parsePolicy(resource, properties.Policies, props('Policies'), 'identity', 'Policies'));
      else {
        asArray(properties.Policies).forEach((entry, index) => {
          if (isObject(entry) && 'Statement' in entry) push(parsePolicy(resource, entry, ['Properties', 'Policies', index], 'identity', `Policies[${index}]`));
        });
      }
      break;
    case 'AWS::ECR::Repository':
      push(withService(parsePolicy(resource, properties.RepositoryPolicyText, props('RepositoryPolicyText'), 'resource', 'RepositoryPolicyText'), 'ecr-repository'));
      break;
    case 'AWS::SSO::PermissionSet':
      push(parsePolicy(resource, properties.InlinePolicy, props('InlinePolicy'), 'identity', 'InlinePolicy'));
      break;
    default:
      break;
  }
  return out;
}

function withService(policy: PolicyDocument | undefined, service: PolicyDocument['service']): PolicyDocument | undefined {
  if (policy && service) policy.service = service;
  return policy;
}

/** Terraform resource types carrying a policy document in an attribute: attribute, kind, service. */
const TF_POLICY_ATTRIBUTES: Record<string, [string, PolicyKind, PolicyDocument['service']?]> = {
  aws_iam_policy: ['policy', 'identity'],
  aws_iam_role_policy: ['policy', 'identity'],
  aws_iam_user_policy: ['policy', 'identity'],
  aws_iam_group_policy: ['policy', 'identity'],
  // IAM Identity Center: the permissions people get in the accounts the permission set is assigned to.
  aws_ssoadmin_permission_set_inline_policy: ['inline_policy', 'identity'],
  aws_iam_role: ['assume_role_policy', 'trust'],
  aws_s3_bucket_policy: ['policy', 'resource', 's3-bucket'],
  aws_ecr_repository_policy: ['policy', 'resource', 'ecr-repository'],
};
const TF_POLICY_DOCUMENT = 'data.aws_iam_policy_document';

function terraformPolicies(resource: Resource, graph: ResourceGraph | undefined, follow = false): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  if (resource.type === TF_POLICY_DOCUMENT) {
    const policy = policyFromDataDocument(resource);
    const usage = graph ? dataDocumentUsageOf(graph, resource) : undefined;
    if (usage) {
      policy.kind = usage[0];
      if (usage[1]) policy.service = usage[1];
    } else policy.kind = standaloneKind(policy);
    out.push(policy);
    return out;
  }
  const spec = TF_POLICY_ATTRIBUTES[resource.type];
  if (spec) {
    const [attribute, declared, service] = spec;
    const kind = resource.type === 'aws_iam_policy' && graph && usedOnlyAsBoundary(graph, resource) ? 'boundary' : declared;
    const policy = follow && graph ? terraformPolicyAt(graph, resource, [attribute], kind, service) : withService(parsePolicy(resource, resource.body[attribute], [attribute], kind, attribute), service);
    if (policy) out.push(policy);
  }
  if (resource.type === 'aws_iam_role') {
    asArray(resource.body.inline_policy).forEach((entry, index) => {
      const inline = asObject(entry);
      if (!inline || isUnknown(inline)) return;
      const name = asString(inline.name);
      const path: NodePath = ['inline_policy', index, 'policy'];
      const label = `inline_policy[${index}]${name ? ` "${name}"` : ''}`;
      const policy = follow && graph ? terraformPolicyAt(graph, resource, path, 'identity', undefined, label) : parsePolicy(resource, inline.policy, path, 'identity', label);
      if (policy) out.push(policy);
    });
  }
  return out;
}

/**
 * A customer managed policy that the scan uses only as a permissions boundary (`PermissionsBoundary` /
 * `permissions_boundary` of roles and users) and never attaches: it caps what other policies grant and grants
 * nothing itself. One that nothing in the scan refers to may be attached elsewhere, so it is not a boundary.
 */
function usedOnlyAsBoundary(graph: ResourceGraph, policy: Resource): boolean {
  if (policy.artifact === 'terraform') {
    const uses = referrersOf(graph, policy);
    return uses.length > 0 && uses.every((use) => use.path?.[0] === 'permissions_boundary');
  }
  const properties = asObject(policy.body.Properties);
  if (!properties || ['Roles', 'Users', 'Groups'].some((key) => properties[key] !== undefined)) return false;
  let boundary = false;
  for (const user of referrers(graph, policy)) {
    for (const [key, value] of Object.entries(asObject(user.body.Properties) ?? {})) {
      const ids = new Set<string>();
      collectReferences(value, ids, 'follow');
      if (!ids.has(policy.name)) continue;
      if (key !== 'PermissionsBoundary') return false;
      boundary = true;
    }
  }
  return boundary;
}

/** `data.aws_iam_policy_document.<name>[<key>].json` as written (the whole expression: nothing around it). */
const DATA_DOCUMENT_JSON = /^data\.aws_iam_policy_document\.[A-Za-z_][\w-]*(\[[^\]]*\])?\.json$/;

/**
 * The policy document at `attribute` (a top-level attribute or a path: `['inline_policy', 0, 'policy']`) of a
 * Terraform resource:
 * - a JSON string or a `jsonencode(...)` document: parsed, with paths in the resource's body;
 * - the `json` of a `data.aws_iam_policy_document` when the attribute is exactly that reference (directly, through a
 *   local or a module variable): the data source's document, whose `resource` is the data source and whose paths
 *   are in the data source's body (its statement blocks), so findings point at its lines: report them with
 *   `resource: policy.resource`. `kind` (and `service`) are this attribute's, whatever the data source's usage
 *   elsewhere says; `label` stays the data source's.
 * - `undefined` when unknown: any other expression (`var.policy`, `coalesce(var.x, data...json)`,
 *   `cond ? data...json : ""`, a data source that is not scanned or not the only instance named).
 */
export function terraformPolicyAt(
  graph: ResourceGraph,
  resource: Resource,
  attribute: string | NodePath,
  kind: PolicyKind,
  service?: PolicyDocument['service'],
  label?: string,
): PolicyDocument | undefined {
  const path: NodePath = typeof attribute === 'string' ? [attribute] : attribute;
  let value: JsonValue | undefined = resource.body;
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment];
    else if (isObject(value) && typeof segment === 'string' && !isUnknown(value)) value = value[segment];
    else return undefined;
  }
  const own = parsePolicy(resource, value, path, kind, label ?? String(path[path.length - 1] ?? 'policy'));
  if (own || !isObject(value) || !isUnknown(value)) return withService(own, service);
  const expression = value[UNKNOWN_KEY];
  if (typeof expression !== 'string' || !DATA_DOCUMENT_JSON.test(expression.trim())) return undefined;
  const data = terraformReferenced(graph, resource, path, [TF_POLICY_DOCUMENT], 'json');
  const document = data ? policiesOf(data, graph)[0] : undefined;
  if (!document) return undefined;
  if (document.kind === kind && document.service === service) return document;
  const copy: PolicyDocument = { ...document, kind };
  if (service) copy.service = service;
  else delete copy.service;
  return copy;
}

type DocumentUsage = [PolicyKind, PolicyDocument['service']?];

/**
 * How each `data.aws_iam_policy_document` is used: as a trust, identity, bucket or repository policy. Keyed by root
 * module and the address referred to (`exact`), and for references with an instance key also by the address without
 * it (`unkeyed`: a data source whose `count` / `for_each` is unknown is loaded as one instance without a key).
 */
function dataDocumentUsage(graph: ResourceGraph): { exact: Map<string, DocumentUsage>; unkeyed: Map<string, DocumentUsage> } {
  return graph.memo('iam:tf-data-document-usage', (g) => {
    const exact = new Map<string, DocumentUsage>();
    const unkeyed = new Map<string, DocumentUsage>();
    for (const consumer of g.resources) {
      if (consumer.artifact !== 'terraform') continue;
      const root = terraformRoot(consumer);
      for (const reference of terraformReferences(consumer)) {
        if (!reference.address.includes(TF_POLICY_DOCUMENT) || reference.attribute !== 'json') continue;
        const head = reference.path[0];
        const spec = TF_POLICY_ATTRIBUTES[consumer.type];
        let usage: DocumentUsage | undefined;
        if (spec && head === spec[0]) usage = spec[2] ? [spec[1], spec[2]] : [spec[1]];
        else if (consumer.type === 'aws_iam_role' && head === 'inline_policy') usage = ['identity'];
        else if (consumer.type === 'aws_organizations_policy' && head === 'content') usage = ['boundary'];
        if (usage?.[0] === 'identity' && consumer.type === 'aws_iam_policy' && usedOnlyAsBoundary(g, consumer)) usage = ['boundary'];
        if (!usage) continue;
        exact.set(`${root}\u0000${reference.address}`, usage);
        const stripped = withoutInstanceKey(reference.address);
        if (stripped !== reference.address) unkeyed.set(`${root}\u0000${stripped}`, usage);
      }
    }
    return { exact, unkeyed };
  });
}


/**
 * The usage of one policy document data source, matching addresses as src/graph/aws.ts does: exactly; a keyed
 * instance (`x[0]`) referred to without a key (unknown key, splat); an instance loaded without a key (unknown
 * `count` / `for_each`) referred to with one.
 */
function dataDocumentUsageOf(graph: ResourceGraph, resource: Resource): DocumentUsage | undefined {
  const usage = dataDocumentUsage(graph);
  const root = terraformRoot(resource);
  const stripped = withoutInstanceKey(resource.name);
  return (
    usage.exact.get(`${root}\u0000${resource.name}`) ??
    (stripped !== resource.name ? usage.exact.get(`${root}\u0000${stripped}`) : usage.unkeyed.get(`${root}\u0000${resource.name}`))
  );
}

/** `data "aws_iam_policy_document"`: `statement` blocks with `actions`, `resources`, `principals`, `condition`. */
function policyFromDataDocument(resource: Resource): PolicyDocument {
  const policy: PolicyDocument = { resource, path: [], kind: 'identity', label: 'policy document', statements: [], unknownStatements: 0, problems: [] };
  const body = resource.body;
  for (const key of ['source_json', 'override_json']) if (body[key] !== undefined) policy.unknownStatements++;
  const merged = mergedDocuments(resource, policy, 'source_policy_documents');
  asArray(body.statement).forEach((entry, index) => {
    const block = asObject(entry);
    if (!block || isUnknown(block)) {
      policy.unknownStatements++;
      return;
    }
    const path: NodePath = ['statement', index];
    const statement: PolicyStatement = { index, path, body: block, effect: undefined, conditions: [], conditionUnknown: false };
    if (typeof block.sid === 'string') statement.sid = block.sid;
    const effect = block.effect ?? 'Allow';
    if (effect === 'Allow' || effect === 'Deny') statement.effect = effect;
    const element = (attribute: string, key: string): PolicyElement | undefined => {
      const raw = block[attribute];
      // `not_resources = null` (common in modules) is Terraform's way of leaving an argument unset.
      if (raw === undefined || raw === null) return undefined;
      return policyElement(key, [...path, attribute], raw, (i) => (i === undefined ? [...path, attribute] : [...path, attribute, i]));
    };
    const assign = <K extends 'action' | 'notAction' | 'resource' | 'notResource'>(field: K, value: PolicyElement | undefined): void => {
      if (value) statement[field] = value;
    };
    assign('action', element('actions', 'Action'));
    assign('notAction', element('not_actions', 'NotAction'));
    assign('resource', element('resources', 'Resource'));
    assign('notResource', element('not_resources', 'NotResource'));
    for (const [attribute, key] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
      const blocks = block[attribute];
      // No block (a `dynamic` block over an empty list gives `[]`): no principal element at all.
      if (blocks === undefined || blocks === null || (Array.isArray(blocks) && blocks.length === 0)) continue;
      const principal: PrincipalElement = { key, path: [...path, attribute], entries: [], unknown: false };
      asArray(blocks).forEach((p, k) => {
        const object = asObject(p);
        const type = asString(object?.type);
        if (!object || !type || isUnknown(object)) {
          principal.unknown = true;
          return;
        }
        const identifiers = object.identifiers;
        asArray(identifiers).forEach((value, i) => {
          if (typeof value === 'string' && !isUnknown(value)) principal.entries.push({ type: type === '*' ? '*' : type, value, path: [...path, attribute, k, 'identifiers', i] });
          else principal.unknown = true;
        });
        if (!Array.isArray(identifiers)) principal.unknown = true;
      });
      if (key === 'Principal') statement.principal = principal;
      else statement.notPrincipal = principal;
    }
    const conditions = block.condition;
    if (conditions !== undefined) {
      statement.conditionPath = [...path, 'condition'];
      asArray(conditions).forEach((c, k) => {
        const object = asObject(c);
        const operator = asString(object?.test);
        const key = asString(object?.variable);
        if (!object || !operator || !key || isUnknown(operator) || isUnknown(key)) {
          statement.conditionUnknown = true;
          return;
        }
        const values: string[] = [];
        let unknown = false;
        for (const value of asArray(object.values)) {
          if (typeof value === 'string' && isLiteralPolicyText(value)) values.push(value);
          else if (typeof value === 'boolean' || typeof value === 'number') values.push(String(value));
          else unknown = true;
        }
        if (!Array.isArray(object.values)) unknown = true;
        statement.conditions.push({ operator, key, values, unknown, path: [...path, 'condition', k] });
      });
      if (!Array.isArray(conditions)) statement.conditionUnknown = true;
    }
    policy.statements.push(statement);
  });
  // Source statements come first; a statement of this document with the same `sid` replaces one of them, and a
  // statement of an override document one of everything before it, as the provider merges them. Two statements of
  // the document's own with the same `sid` are both kept (the provider rejects the document; iam/valid-policy-document
  // reports it).
  const bySid = (list: PolicyStatement[], incoming: PolicyStatement[], within: 'earlier' | 'all'): PolicyStatement[] => {
    const out = [...list];
    const replaced = new Set<number>();
    for (const statement of incoming) {
      const candidates = within === 'earlier' ? list : out;
      const same = statement.sid ? candidates.findIndex((earlier) => earlier.sid === statement.sid) : -1;
      // Within the document's own statements, a second one with the same sid replaces nothing more.
      if (same === -1 || (within === 'earlier' && replaced.has(same))) out.push(statement);
      else {
        out[same] = statement;
        replaced.add(same);
      }
    }
    return out;
  };
  policy.statements = bySid(bySid(merged, policy.statements, 'earlier'), mergedDocuments(resource, policy, 'override_policy_documents'), 'all');
  return policy;
}

/**
 * The statements of the documents a `data.aws_iam_policy_document` merges in (`source_policy_documents`,
 * `override_policy_documents`) when they are written there (JSON text, `jsonencode(...)`); another document's
 * `json`, checked where it is written, and anything unresolved count as unknown statements.
 */
function mergedDocuments(resource: Resource, policy: PolicyDocument, attribute: string): PolicyStatement[] {
  const raw = resource.body[attribute];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    policy.unknownStatements++;
    return [];
  }
  const out: PolicyStatement[] = [];
  raw.forEach((entry, index) => {
    const document = isUnknown(entry) ? undefined : parsePolicy(resource, entry, [attribute, index], policy.kind, `${attribute}[${index}]`);
    if (!document || document.unknownStatements > 0 || document.problems.length > 0) policy.unknownStatements++;
    if (document) out.push(...document.statements);
  });
  return out;
}

/** CloudFormation types whose documents `policiesOf` reads (for `appliesTo` guards). */
const CFN_POLICY_TYPES: ReadonlySet<string> = new Set([
  'AWS::Serverless::Function',
  'AWS::Serverless::StateMachine',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::S3::BucketPolicy',
  'AWS::ECR::Repository',
  'AWS::SSO::PermissionSet',
]);

export function carriesPolicies(resource: Resource): boolean {
  if (resource.artifact === 'terraform') return resource.type === TF_POLICY_DOCUMENT || resource.type in TF_POLICY_ATTRIBUTES;
  return resource.artifact === 'iam-policy' || (resource.artifact === 'cloudformation' && CFN_POLICY_TYPES.has(resource.type)) || isEksctlConfig(resource);
}

/**
 * The inline policies of an eksctl ClusterConfig, which eksctl puts on the roles it creates: node groups'
 * `iam.attachPolicy`, `iam.serviceAccounts[].attachPolicy`, `iam.podIdentityAssociations[].permissionPolicy`, and
 * add-ons' `attachPolicy` and `podIdentityAssociations[].permissionPolicy`.
 */
function eksctlPolicies(resource: Resource): PolicyDocument[] {
  const out: PolicyDocument[] = [];
  const add = (value: JsonValue | undefined, path: NodePath, label: string): void => {
    if (value === undefined || value === null) return;
    const policy = parsePolicy(resource, value, path, 'identity', label);
    if (policy) out.push(policy);
  };
  for (const group of eksctlNodeGroups(resource)) add(asObject(group.body.iam)?.attachPolicy, [...group.path, 'iam', 'attachPolicy'], `iam.attachPolicy of node group "${group.name}"`);
  const iam = asObject(resource.body.iam);
  asArray(iam?.serviceAccounts).forEach((entry, index) => {
    const metadata = asObject(asObject(entry)?.metadata);
    const account = [metadata?.namespace, metadata?.name].filter((part) => typeof part === 'string').join('/');
    add(asObject(entry)?.attachPolicy, ['iam', 'serviceAccounts', index, 'attachPolicy'], `attachPolicy of service account ${account ? `"${account}"` : `[${index}]`}`);
  });
  const { addons, associations } = eksctlPodRoles(resource);
  for (const addon of addons) add(addon.body.attachPolicy, [...addon.path, 'attachPolicy'], `attachPolicy of ${addon.who}`);
  for (const association of associations) add(association.body.permissionPolicy, [...association.path, 'permissionPolicy'], `permissionPolicy of ${association.who}`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Matching

/** `?` stands for one character of an action, or for one literal (non-wildcard) character of a pattern. */
const ANY_CHARACTER = '.';
const ANY_LITERAL = '[^*?]';
/** Per `?` meaning; the last cache is for resource ARNs, which compare case-sensitively (actions do not). */
const regexCaches = { [ANY_CHARACTER]: new Map<string, RegExp>(), [ANY_LITERAL]: new Map<string, RegExp>(), resource: new Map<string, RegExp>() };

function compiled(pattern: string, anyOne: typeof ANY_CHARACTER | typeof ANY_LITERAL = ANY_CHARACTER, resource = false): RegExp {
  const cache = resource ? regexCaches.resource : regexCaches[anyOne];
  let re = cache.get(pattern);
  if (!re) {
    re = iamPatternRegExp(pattern, anyOne, resource);
    if (cache.size > 5000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/** Does an IAM action pattern (`*`, `ecs:*`, `s3:Get*`, `iam:PassRole`) match a concrete action? Case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  return compiled(pattern).test(action);
}

/**
 * Does pattern `general` cover every action or resource that pattern `specific` can match? Sound, not complete:
 * `s3:*` covers `s3:Get*`, `*` covers everything; `s3:Get?bject` does not cover `s3:Get*`.
 */
export function patternCovers(general: string, specific: string): boolean {
  if (general === '*') return true;
  // `*` in general matches anything (wildcards of specific included); `?` only a literal character of specific.
  return compiled(general, ANY_LITERAL).test(specific);
}

/** patternCovers for resource ARN patterns, which IAM compares case-sensitively. */
function resourcePatternCovers(general: string, specific: string): boolean {
  return general === '*' || compiled(general, ANY_LITERAL, true).test(specific);
}

/** Every entry of `specific` is covered by an entry of `general`, both lists known in full (none unresolved, not empty). */
export function elementCovers(general: PolicyElement | undefined, specific: PolicyElement | undefined): boolean {
  if (!general || !specific) return false;
  // A literal `*` covers whatever the other side's unresolved entries turn out to be.
  if (general.values.some((entry) => entry.value === '*') && specific.values.length + specific.unresolved.length > 0) return true;
  if (general.unknown || specific.unknown || general.values.length === 0 || specific.values.length === 0) return false;
  const covers = /Resource$/.test(general.key) ? resourcePatternCovers : patternCovers;
  return specific.values.every((s) => general.values.some((g) => covers(g.value, s.value)));
}

/** Where a statement is, for messages: `Policies[0] "s3-read" statement "Logs"`, or `... Statement[2]` without a Sid. */
export function statementLabel(policy: PolicyDocument, statement: PolicyStatement): string {
  // A Sid the files do not resolve names nothing: the statement's index does.
  const sid = statement.sid !== undefined && !statement.sid.includes('${') ? statement.sid : undefined;
  return `${policy.label}${sid ? ` statement "${sid}"` : statement.index >= 0 ? ` Statement[${statement.index}]` : ''}`;
}

/**
 * An unconditional Deny of the same identity policy that denies every action of the Allow `statement` on every
 * one of its resources: an explicit Deny always wins, so the Allow grants nothing. Certain cases only
 * (no NotAction / NotResource on either side, nothing unresolved unless the Deny's side is `*`).
 */
export function overridingDeny(policy: PolicyDocument, statement: PolicyStatement): PolicyStatement | undefined {
  if (policy.kind !== 'identity' || statement.effect !== 'Allow') return undefined;
  // An Allow with NotAction / NotResource is overridden only by a Deny of every action on every resource.
  const negated = statement.notAction !== undefined || statement.notResource !== undefined;
  return policy.statements.find(
    (deny) =>
      isUnconditionalDeny(deny) &&
      (negated
        ? deny.action?.values.some((entry) => entry.value === '*') === true && deny.resource?.values.some((entry) => entry.value === '*') === true
        : elementCovers(deny.action, statement.action) && elementCovers(deny.resource, statement.resource)),
  );
}

function isUnconditionalDeny(statement: PolicyStatement): boolean {
  return statement.effect === 'Deny' && statement.conditionPath === undefined && !statement.notResource && (statement.notAction === undefined || !statement.notAction.unknown);
}

/**
 * Is `action` (a concrete action, `iam:PassRole`) taken away from the Allow `statement` by an unconditional Deny of
 * the same identity policy, on every resource of the statement? The Deny's Action may cover it (`iam:*`) or its
 * NotAction leave it out; the rest of the statement still grants what it allows.
 */
export function actionDenied(policy: PolicyDocument, statement: PolicyStatement, action: string): boolean {
  if (policy.kind !== 'identity' || statement.effect !== 'Allow') return false;
  return policy.statements.some(
    (deny) =>
      isUnconditionalDeny(deny) &&
      statementCoversAction(deny, action) === true &&
      (statement.notResource ? deny.resource?.values.some((entry) => entry.value === '*') === true : elementCovers(deny.resource, statement.resource)),
  );
}

/** The service prefix of an action (`ecs` for `ecs:RunTask`), lower-case; `*` for `*`. */
export function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return colon < 0 ? action.toLowerCase() : action.slice(0, colon).toLowerCase();
}

/** `*` or `service:*`: every action (of a service). */
export function isFullWildcardAction(action: string): boolean {
  return action === '*' || /^[a-z0-9-]+:\*+$/i.test(action) || action === '*:*';
}

/**
 * Does the statement's action list grant (or, for a Deny, deny) `action`? For `NotAction` the statement applies to
 * every action not listed. `undefined` when unknown (an unresolved entry could match).
 */
export function statementCoversAction(statement: PolicyStatement, action: string): boolean | undefined {
  if (statement.action) {
    if (statement.action.values.some((entry) => actionMatches(entry.value, action))) return true;
    return statement.action.unknown ? undefined : false;
  }
  if (statement.notAction) {
    if (statement.notAction.values.some((entry) => actionMatches(entry.value, action))) return false;
    return statement.notAction.unknown ? undefined : true;
  }
  return false;
}

/** A resource pattern that matches every resource (`*`), or every resource of a service (`arn:aws:s3:::*`). */
export function isAllResources(resource: string): boolean {
  if (resource === '*') return true;
  // `*/*`: a wildcard matches `:` too, so this is every ARN with a path (every object of every bucket, Velero's default).
  if (/^\*(\/\*)+$/.test(resource)) return true;
  const parts = resource.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return false;
  const tail = parts.slice(3);
  if (tail.every((part) => part === '' || part === '*') && tail[tail.length - 1] === '*') return true;
  // Every resource of one type in every region and account: `arn:aws:ecr:*:*:repository/*`, `arn:aws:iam::*:role/*`;
  // for S3, whose resource part is a bucket name, `arn:aws:s3:::*/*` (every object of every bucket).
  const [region, account, ...rest] = tail;
  if (parts[2] === 's3') return rest.join(':') === '*/*';
  const resourcePart = rest.join(':');
  return (
    (region === '' || region === '*') &&
    (account === '' || account === '*') &&
    (/^[A-Za-z0-9-]+[/:]\*$/.test(resourcePart) ||
      (parts[2] === 'ec2' && isEveryEc2Id(resourcePart)) ||
      // Every ALB / NLB / GWLB, target group or listener: `loadbalancer/app/*`, `loadbalancer/app/*/*`, `targetgroup/*/*`.
      (parts[2] === 'elasticloadbalancing' && /^(loadbalancer|listener|listener-rule|targetgroup|truststore)(\/(app|net|gwy))?(\/\*)+$/.test(resourcePart)))
  );
}

/** The prefix of every id of an EC2 resource type: `volume/vol-*` names every volume. */
const EC2_ID_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['instance', 'i-'],
  ['volume', 'vol-'],
  ['snapshot', 'snap-'],
  ['image', 'ami-'],
  ['security-group', 'sg-'],
  ['subnet', 'subnet-'],
  ['vpc', 'vpc-'],
  ['network-interface', 'eni-'],
  ['launch-template', 'lt-'],
  ['elastic-ip', 'eipalloc-'],
  ['internet-gateway', 'igw-'],
  ['route-table', 'rtb-'],
  ['network-acl', 'acl-'],
  ['capacity-reservation', 'cr-'],
  ['fleet', 'fleet-'],
  ['natgateway', 'nat-'],
  ['vpc-endpoint', 'vpce-'],
]);

function isEveryEc2Id(resourcePart: string): boolean {
  const slash = resourcePart.indexOf('/');
  const prefix = slash > 0 ? EC2_ID_PREFIXES.get(resourcePart.slice(0, slash)) : undefined;
  return prefix !== undefined && resourcePart.slice(slash + 1) === `${prefix}*`;
}

/**
 * Does the statement apply to every resource? `Resource: "*"` (or an all-resources ARN pattern) or any
 * `NotResource`. `undefined` when unresolved.
 */
export function appliesToAllResources(statement: PolicyStatement): boolean | undefined {
  if (statement.resource) {
    if (statement.resource.values.some((entry) => isAllResources(entry.value))) return true;
    return statement.resource.unknown ? undefined : false;
  }
  // NotResource "*" leaves no resource: the statement applies to nothing (iam/duplicate-statements says so).
  if (statement.notResource) return !statement.notResource.values.some((entry) => entry.value === '*');
  // Identity policies need a Resource; trust policies have none and apply to the role itself.
  return false;
}

/** The `*` resource entries of a statement (for reporting), or the NotResource element. */
export function allResourcesPath(statement: PolicyStatement): NodePath {
  const star = statement.resource?.values.find((entry) => isAllResources(entry.value));
  return star?.path ?? statement.notResource?.path ?? statement.path;
}

// ---------------------------------------------------------------------------------------------------------------
// Actions without resource-level permissions: `Resource: "*"` is the only possible value for them.
// From the Service Authorization Reference: actions whose "Resource types" column is empty.

const NO_RESOURCE_LEVEL_ACTIONS: readonly string[] = [
  'ecr:GetAuthorizationToken',
  'ecr-public:GetAuthorizationToken',
  'sts:GetCallerIdentity',
  'sts:GetSessionToken',
  'sts:DecodeAuthorizationMessage',
  'sts:GetServiceBearerToken',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
  'cloudwatch:PutMetricData',
  'cloudwatch:GetMetricData',
  'cloudwatch:GetMetricStatistics',
  'cloudwatch:ListMetrics',
  'ec2:Describe*',
  'elasticloadbalancing:Describe*',
  'autoscaling:Describe*',
  'ecs:DescribeTaskDefinition',
  'ecs:DeregisterTaskDefinition',
  'ecs:ListClusters',
  'ecs:ListTaskDefinitions',
  'ecs:ListTaskDefinitionFamilies',
  'ecs:DiscoverPollEndpoint',
  'eks:ListClusters',
  'eks:DescribeAddonVersions',
  's3:ListAllMyBuckets',
  'kms:CreateKey',
  'kms:ListKeys',
  'kms:ListAliases',
  'ssm:DescribeParameters',
  'secretsmanager:GetRandomPassword',
  'secretsmanager:ListSecrets',
  'acm:ListCertificates',
  'tag:GetResources',
  'tag:GetTagKeys',
  'tag:GetTagValues',
  'route53:ListHostedZones',
  'shield:GetSubscriptionState',
  'iam:GetAccountSummary',
  'iam:ListAccountAliases',
  'cloudformation:ValidateTemplate',
];

/**
 * Actions whose resource exists only once the request that creates it has run, so no policy can name it in advance:
 * `route53:GetChange` reads the change id that `ChangeResourceRecordSets` returns (`change/*` is as narrow as it gets).
 */
const RUN_TIME_RESOURCE_ACTIONS: ReadonlySet<string> = new Set(['route53:getchange']);

/**
 * True when the action, or every action the pattern can match, has no resource-level permissions
 * (`xray:PutTraceSegments`, `logs:DescribeLogGroups`, `ec2:Describe*`). The Service Authorization Reference
 * (./iam-actions.ts) decides first: no resource type for any matched action → true; a single action with a required
 * resource type → false. The hand-kept list above decides the rest: patterns mixing both kinds whose use on `*` is
 * the norm (`ec2:Describe*`: a few Describe actions take resources), actions whose only resource type is optional
 * (`cloudwatch:PutMetricData`: `dataset`), and actions the data does not know. `*` and `service:*` are never taken
 * from the data: they grant every present and future action of the service (`lakeformation:*`, `route53domains:*`),
 * and a future one may take resources; listing the actions is the fix there.
 */
export function lacksResourceLevelPermissions(actionPattern: string): boolean {
  // Asked for every action of every statement by several rules: answered once per pattern.
  let answer = resourceLevelAnswers.get(actionPattern);
  if (answer === undefined) {
    const level = isFullWildcardAction(actionPattern) ? undefined : resourceLevelOf(actionPattern);
    if (level === 'none' || RUN_TIME_RESOURCE_ACTIONS.has(actionPattern.toLowerCase())) answer = true;
    else if (level === 'required' && !/[*?]/.test(actionPattern)) answer = false;
    else answer = NO_RESOURCE_LEVEL_ACTIONS.some((entry) => patternCovers(entry, actionPattern));
    if (resourceLevelAnswers.size >= 10_000) resourceLevelAnswers.clear();
    resourceLevelAnswers.set(actionPattern, answer);
  }
  return answer;
}

const resourceLevelAnswers = new Map<string, boolean>();

// ---------------------------------------------------------------------------------------------------------------
// Conditions

/** Condition entries on a key (case-insensitive; `aws:sourcearn` = `aws:SourceArn`). */
export function conditionsOn(statement: PolicyStatement, key: string | RegExp): ConditionEntry[] {
  return statement.conditions.filter((entry) => (typeof key === 'string' ? entry.key.toLowerCase() === key.toLowerCase() : key.test(entry.key)));
}

export function hasCondition(statement: PolicyStatement): boolean {
  return statement.conditionPath !== undefined;
}

/** Global keys that identify the caller, its account or organization, the resource acting for it, or its network. */
const CALLER_KEYS =
  /^aws:(PrincipalOrgID|PrincipalOrgPaths|PrincipalAccount|PrincipalArn|PrincipalServiceName|PrincipalServiceNamesList|userid|SourceAccount|SourceArn|SourceOrgID|SourceOrgPaths|SourceOwner|SourceVpce|SourceVpc)$/i;
const CALLER_NETWORK_KEYS = /^aws:(SourceIp|VpcSourceIp)$/i;
/**
 * Operators that hold only when the key is present and matches. Not `ForAllValues:` (true when the key is
 * missing) and not `...IfExists` (same): a caller without the key passes them.
 */
const MATCHING_OPERATOR = /^(ForAnyValue:)?(String|Arn)(Equals|Like)(IgnoreCase)?$/i;
const ANY_ADDRESS = /^(0\.0\.0\.0|::)\/0$/;

/**
 * Whether the conditions of a statement narrow who may make the request, as a statement granting `*` needs:
 * a matching operator on the caller's organization, account, ARN or unique ID, the source account, ARN, VPC
 * or endpoint, an address range (`IpAddress` on `aws:SourceIp`), or `aws:PrincipalIsAWSService` true. Keys
 * such as `aws:username` (any account can have a user of that name), `aws:PrincipalTag/*` (set by the
 * caller's own account), `aws:SecureTransport` or time do not. Undefined when an unresolved condition decides.
 */
export function narrowsCaller(statement: PolicyStatement): boolean | undefined {
  let unknown = statement.conditionUnknown;
  for (const entry of statement.conditions) {
    if (entry.key.includes('${') || entry.operator.includes('${')) {
      unknown = true;
      continue;
    }
    // Whether the operator can narrow the key, and whether the known values do.
    let operator: boolean;
    let values: boolean;
    if (CALLER_KEYS.test(entry.key)) {
      operator = isMatchingOperator(entry.operator);
      values = !entry.values.includes('*');
    } else if (CALLER_NETWORK_KEYS.test(entry.key)) {
      operator = /^IpAddress$/i.test(entry.operator);
      values = !entry.values.some((value) => ANY_ADDRESS.test(value));
    } else if (/^aws:PrincipalIsAWSService$/i.test(entry.key)) {
      operator = /^Bool$/i.test(entry.operator);
      values = entry.values.length > 0 && entry.values.every((value) => value.toLowerCase() === 'true');
    } else continue;
    if (!operator) continue;
    // An unresolved value may be one that narrows (or, among known ones, one that does not).
    if (entry.unknown) unknown = true;
    else if (values) return true;
  }
  return unknown ? undefined : false;
}

/** String / ARN comparisons that hold only when the request has the key (see MATCHING_OPERATOR). */
export function isMatchingOperator(operator: string): boolean {
  return MATCHING_OPERATOR.test(operator);
}

/** How a message says that a statement's conditions leave the caller open (see narrowsCaller). */
export function unnarrowedConditions(statement: PolicyStatement): string {
  if (statement.conditions.length === 0) return 'with no condition';
  return `with only conditions that do not narrow the caller (${[...new Set(statement.conditions.map((entry) => `${entry.operator} ${entry.key}`))].join(', ')})`;
}

/** The statement is an Allow whose conditions require `aws:MultiFactorAuthPresent` true or bound `aws:MultiFactorAuthAge`. */
export function requiresMfa(statement: PolicyStatement): boolean {
  return statement.conditions.some(
    (entry) =>
      (entry.key.toLowerCase() === 'aws:multifactorauthpresent' && /^Bool$/i.test(entry.operator) && entry.values.length > 0 && entry.values.every((v) => v.toLowerCase() === 'true')) ||
      (entry.key.toLowerCase() === 'aws:multifactorauthage' && /^Numeric(LessThan|LessThanEquals)$/i.test(entry.operator)),
  );
}

/** A Deny statement that denies requests made without MFA (the "force MFA" pattern). */
export function deniesWithoutMfa(statement: PolicyStatement): boolean {
  if (statement.effect !== 'Deny') return false;
  return statement.conditions.some(
    (entry) =>
      entry.key.toLowerCase() === 'aws:multifactorauthpresent' &&
      // Only BoolIfExists: requests signed with long-term access keys carry no aws:MultiFactorAuthPresent key, and a
      // plain Bool never matches a missing key, so such a Deny lets them through.
      ((/^BoolIfExists$/i.test(entry.operator) && entry.values.some((v) => v.toLowerCase() === 'false')) || (/^Null$/i.test(entry.operator) && entry.values.some((v) => v.toLowerCase() === 'true'))),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// CloudFormation helpers: references, managed policy ARNs, attachments

/** The logical ID a `{ "Ref": "X" }` (or `Fn::GetAtt [X, Arn]`) points to. */
function refTarget(value: JsonValue | undefined): string | undefined {
  const object = asObject(value);
  if (!object) return undefined;
  if (typeof object.Ref === 'string') return object.Ref;
  const getAtt = object['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}

/**
 * The name of an AWS managed policy from an ARN as written: a literal
 * (`arn:aws:iam::aws:policy/AdministratorAccess`), a `Fn::Sub` (`arn:${AWS::Partition}:iam::aws:policy/...`) or a
 * `Fn::Join` whose policy name is literal. `undefined` for customer policies and unresolved names.
 */
export function awsManagedPolicyName(value: JsonValue | undefined): string | undefined {
  let text: string | undefined;
  if (typeof value === 'string') text = value;
  else if (isObject(value) && typeof value[UNKNOWN_KEY] === 'string') text = value[UNKNOWN_KEY]; // Terraform `"arn:${...}:iam::aws:policy/X"`
  else if (isObject(value)) {
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') text = sub;
    else if (Array.isArray(sub) && typeof sub[0] === 'string') text = sub[0];
    const join = value['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      text = join[1].map((part) => (typeof part === 'string' ? part : '${x}')).join(join[0]);
    }
  }
  if (text === undefined) return undefined;
  text = text.replace(/^"|"$/g, '');
  const match = /:iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(text);
  return match?.[1];
}

/**
 * The AWS managed policy named by the value at `path` of a resource: a literal or templated ARN
 * (awsManagedPolicyName), or in Terraform the `arn` of a `data "aws_iam_policy"` looked up by a literal `arn`
 * or `name` (`data.aws_iam_policy.admin.arn`).
 */
export function managedPolicyNameAt(graph: ResourceGraph, resource: Resource, path: NodePath): string | undefined {
  const direct = awsManagedPolicyName(getPath(resource.body, path));
  if (direct !== undefined || resource.artifact !== 'terraform') return direct;
  const lookup = terraformReferenced(graph, resource, path, ['data.aws_iam_policy'], 'arn');
  if (!lookup) return undefined;
  const name = lookup.body.name;
  // By name the lookup may find a customer managed policy: only AWS's own naming counts.
  const awsNamed = typeof name === 'string' && !isUnknown(name) && lookup.body.path_prefix === undefined && (AWS_MANAGED_NAME.test(name) || adminManagedPolicy(name) === 'admin');
  return awsManagedPolicyName(lookup.body.arn) ?? (awsNamed ? name : undefined);
}

/** Names of AWS managed policies (`AmazonS3FullAccess`, `AWSLambda_FullAccess`, ...): no customer policy should look so. */
const AWS_MANAGED_NAME = /^(Amazon|AWS)[A-Za-z0-9_]+$/;

/** Managed policies that grant administrative access to everything or to a whole service. */
export function adminManagedPolicy(name: string): 'admin' | 'full-access' | undefined {
  if (name === 'AdministratorAccess' || name === 'PowerUserAccess' || name === 'IAMFullAccess') return 'admin';
  if (/FullAccess(V\d+)?$/.test(name) || /_FullAccess$/.test(name)) return 'full-access';
  return undefined;
}

export type PrincipalResourceType = 'AWS::IAM::Role' | 'AWS::IAM::User' | 'AWS::IAM::Group';

const ATTACH_KEYS: Record<PrincipalResourceType, string> = { 'AWS::IAM::Role': 'Roles', 'AWS::IAM::User': 'Users', 'AWS::IAM::Group': 'Groups' };
const ATTACH_SINGLE: Record<PrincipalResourceType, [string, string]> = {
  'AWS::IAM::Role': ['AWS::IAM::RolePolicy', 'RoleName'],
  'AWS::IAM::User': ['AWS::IAM::UserPolicy', 'UserName'],
  'AWS::IAM::Group': ['AWS::IAM::GroupPolicy', 'GroupName'],
};

/**
 * Policy resources of the scan attached to a role, user or group (by `Ref` to its logical ID, or by its literal
 * name): `AWS::IAM::Policy` / `ManagedPolicy` listing it in `Roles` / `Users` / `Groups`, `AWS::IAM::RolePolicy`
 * and friends, and `AWS::IAM::ManagedPolicy` resources named by `Ref` in its `ManagedPolicyArns`. Across
 * templates, an `Fn::ImportValue` of an export whose value refers to the principal (or the policy) links them too.
 */
export function attachedPolicyResources(graph: ResourceGraph, principal: Resource): Resource[] {
  const type = principal.type as PrincipalResourceType;
  if (!(type in ATTACH_KEYS)) return [];
  const index = graph.memo(`iam:attachments:${type}`, (g) => {
    const byTarget = new Map<string, Resource[]>();
    const targetKey = (policy: Resource, value: JsonValue | undefined): string | undefined => {
      const ref = refTarget(value);
      if (ref) return `${policy.document.file.path}\u0000ref\u0000${ref}`;
      if (typeof value === 'string') return `name\u0000${value}`;
      if (isObject(value) && 'Fn::ImportValue' in value) {
        // `Roles: [!ImportValue app-task-role]`: another template's export, a `Ref` to the principal or its name
        const target = referencedResource(g, policy, value);
        if (target) return `${target.document.file.path}\u0000ref\u0000${target.name}`;
        const exported = scanValue(g, value);
        if (typeof exported === 'string') return `name\u0000${exported}`;
      }
      return undefined;
    };
    for (const policyType of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
      for (const policy of g.ofType('cloudformation', policyType)) {
        for (const entry of asArray(asObject(policy.body.Properties)?.[ATTACH_KEYS[type]])) {
          const key = targetKey(policy, entry);
          if (key) pushTo(byTarget, key, policy);
        }
      }
    }
    const [singleType, singleKey] = ATTACH_SINGLE[type];
    for (const policy of g.ofType('cloudformation', singleType)) {
      const key = targetKey(policy, asObject(policy.body.Properties)?.[singleKey]);
      if (key) pushTo(byTarget, key, policy);
    }
    return byTarget;
  });
  const found = new Set<Resource>(index.get(`${principal.document.file.path}\u0000ref\u0000${principal.name}`) ?? []);
  const properties = asObject(principal.body.Properties);
  const nameKey = ATTACH_SINGLE[type][1];
  const literalName = asString(properties?.[nameKey]);
  if (literalName) for (const policy of index.get(`name\u0000${literalName}`) ?? []) found.add(policy);
  for (const arn of asArray(properties?.ManagedPolicyArns)) {
    if (isObject(arn) && 'Fn::ImportValue' in arn) {
      const imported = referencedResource(graph, principal, arn); // another template's exported managed policy
      if (imported?.type === 'AWS::IAM::ManagedPolicy') found.add(imported);
      continue;
    }
    const ref = refTarget(arn);
    if (!ref) continue;
    for (const managed of graph.named('cloudformation', 'AWS::IAM::ManagedPolicy', ref)) if (managed.document.file === principal.document.file) found.add(managed);
  }
  return [...found];
}
