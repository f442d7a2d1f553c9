import type { JsonValue, NodePath } from '../model/types.js';
import { asObject, asString, isObject } from '../util/json.js';
import { isUnknown, UNKNOWN_KEY } from '../util/unknown.js';
import type { PolicyStatement } from './iam.js';

/**
 * ARN patterns of policy statements, including those only partly known: `!Sub arn:${AWS::Partition}:iam::
 * ${AWS::AccountId}:role/*`, a `Fn::Join`, Terraform `"arn:aws:iam::${data.aws_caller_identity.current.account_id}
 * :role/*"`. The unresolved parts are kept as `${...}`: an unknown account still leaves `role/*` meaning every role
 * of that account. The policy model (src/graph/iam.ts) drops such entries as unknown; rules that can decide from
 * the known parts read them here.
 */

const MARK = '\u0000';

/**
 * The text of a string value as written, unresolved parts as `${...}`: a literal; CloudFormation `Fn::Sub` (string
 * or `[string, map]`) and `Fn::Join` of literals and intrinsics; a Terraform template string (`"...${x}..."`).
 * Undefined for other expressions (a bare reference, a function call).
 */
export function templateText(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const unknown = value[UNKNOWN_KEY];
  if (typeof unknown === 'string') return terraformTemplate(unknown.trim());
  const sub = value['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
  const join = value['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part) => (typeof part === 'string' ? part : typeof part === 'number' ? String(part) : referenceVariable(part))).join(join[0]);
  }
  return undefined;
}

/**
 * A `Ref` or `Fn::GetAtt` inside a `Fn::Join`, written as `Fn::Sub` would name it (`${AWS::AccountId}`,
 * `${Role.Arn}`), so that CDK's joined ARNs read like their `Fn::Sub` forms; a `Fn::Sub` part as its text; `${?}` for anything else.
 */
function referenceVariable(part: JsonValue): string {
  const object = asObject(part);
  if (typeof object?.Ref === 'string') return `\${${object.Ref}}`;
  // A `Fn::Sub` inside the join (without its own variables): its text, which names its references the same way.
  const sub = object?.['Fn::Sub'];
  if (typeof sub === 'string') return sub;
  const getAtt = object?.['Fn::GetAtt'];
  const names = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? getAtt.split('.') : undefined;
  return names?.every((name) => typeof name === 'string') ? `\${${names.join('.')}}` : '${?}';
}

/**
 * A Terraform template string as written (`"arn:aws:iam::${local.account}:role/*"`) without its quotes; its
 * interpolations may hold quotes and braces (`${replace(x, "https://", "")}`). Undefined for other expressions.
 */
function terraformTemplate(text: string): string | undefined {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return undefined;
  const inner = text.slice(1, -1);
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i];
    if (depth === 0) {
      if (char === '"') return undefined; // `"a" == "b" ? ...`: not one template
      if (char === '\\') i++;
      else if ((char === '$' || char === '%') && inner[i + 1] === '{') {
        depth = 1;
        i++;
      }
    } else if (quoted) {
      if (char === '\\') i++;
      else if (char === '"') quoted = false;
    } else if (char === '"') quoted = true;
    else if (char === '{') depth++;
    else if (char === '}') depth--;
  }
  return depth === 0 ? inner : undefined;
}

export interface ResourceEntry {
  /** As written; unresolved parts as `${...}`. */
  value: string;
  path: NodePath;
  /** Some part is unresolved. */
  partial: boolean;
}

/**
 * The `Resource` entries of a statement (policy JSON, CloudFormation, Terraform `jsonencode` or
 * `data.aws_iam_policy_document` `resources`): the known strings and the partly known templates.
 */
export function resourceEntries(statement: PolicyStatement): ResourceEntry[] {
  const element = statement.resource;
  if (!element) return [];
  const entries: ResourceEntry[] = element.values.map((entry) => ({ value: entry.value, path: entry.path, partial: false }));
  if (!element.unknown) return entries;
  const raw = statement.body.Resource ?? statement.body.resources;
  const add = (value: JsonValue, path: NodePath): void => {
    if (typeof value === 'string' && !isUnknown(value)) return; // already among the known values
    const text = templateText(value);
    if (text !== undefined) entries.push({ value: text, path, partial: true });
  };
  if (Array.isArray(raw)) raw.forEach((value, index) => add(value, [...element.path, index]));
  else if (raw !== undefined) add(raw, element.path);
  return entries;
}

/**
 * The ARN with its partition set to `aws` when the partition is its only unresolved part
 * (`arn:${data.aws_partition.current.partition}:ec2:*:*:instance/*`, how Terraform modules write partition-neutral
 * ARNs); undefined otherwise. The partition changes nothing of what the pattern covers.
 */
export function withLiteralPartition(text: string): string | undefined {
  const marked = markUnresolved(text);
  if (!marked.startsWith(`arn:${MARK}:`) || marked.indexOf(MARK, `arn:${MARK}`.length) >= 0) return undefined;
  return `arn:aws${marked.slice(`arn:${MARK}`.length)}`;
}

/**
 * An ARN naming every resource of a service, or of one of its types, in one account (literal, unresolved, or `*` in
 * one region) and region (literal, `*` or unresolved): `arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:*`,
 * `arn:aws:ssm:us-east-1:123456789012:parameter/*`; returned as the pattern of every account and region
 * (`arn:aws:ssm:*:*:parameter/*`), with the resource type (undefined for `*`). Undefined for other ARNs, S3 ones (no
 * account in them), those with no account or AWS's own (`arn:aws:ec2:us-east-1::image/*`,
 * `arn:aws:iam::aws:policy/*`: not the account's resources) and those of every account already. For a principal of
 * that account it is every such resource.
 */
export function accountWideArn(text: string): { pattern: string; service: string; type: string | undefined } | undefined {
  const arn = arnParts(text);
  if (!arn) return undefined;
  const { service, region, account, resource } = arn;
  if (!service || service === 's3' || service.includes(MARK) || resource.includes(MARK)) return undefined;
  // Every account and region is isAllResources' (an all-resources ARN); no account, or AWS's, is no account's.
  if (account === '' || account === 'aws' || (account === '*' && (region === '*' || region === '')) || !anyScope(account) || !anyScope(region)) return undefined;
  const typed = /^([A-Za-z0-9-]+(?:\/(?:app|net|gwy))?)(?:[/:]\*)+$/.exec(resource);
  if (resource !== '*' && !typed) return undefined;
  return { pattern: `arn:aws:${service}:*:*:${resource}`, service, type: typed?.[1] };
}

/** `text` with each `${...}` (nested braces included) replaced by MARK. */
function markUnresolved(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (depth === 0) {
      if (char === '$' && text[i + 1] === '{') {
        depth = 1;
        i++;
        out += MARK;
      } else out += char;
    } else if (char === '{') depth++;
    else if (char === '}') depth--;
  }
  return out;
}

/**
 * The host path of an OIDC provider ARN pattern (`arn:aws:iam::${AWS::AccountId}:oidc-provider/<host>`): the
 * condition key prefix of its claims. `null` when the ARN names an OIDC provider whose host is unresolved;
 * undefined when it is not an OIDC provider ARN.
 */
export function oidcProviderHost(text: string): string | null | undefined {
  const index = text.indexOf(':oidc-provider/');
  if (index < 0 || !text.startsWith('arn:')) return undefined;
  const host = text.slice(index + ':oidc-provider/'.length);
  return host === '' || markUnresolved(host) !== host ? null : host;
}

interface ArnPattern {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** The parts of an ARN pattern; unresolved parts as MARK. Undefined when not `arn:` with six parts. */
function arnParts(text: string): ArnPattern | undefined {
  const marked = markUnresolved(text);
  const parts = marked.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** A region or account part that stands for some one (or every) region / account: literal, empty, `*` or unresolved. */
function anyScope(part: string): boolean {
  return part === '' || part === '*' || part === MARK || /^[a-z0-9-]+$/.test(part);
}

/**
 * Every role of an account (or of every account): `*`, `arn:aws:iam::*:role/*`, `arn:aws:iam::123456789012:role/*`,
 * and the same with the partition or account unresolved.
 */
export function matchesEveryRole(text: string): boolean {
  if (text === '*') return true;
  const arn = arnParts(text);
  if (!arn || !arn.partition || (arn.service !== 'iam' && arn.service !== '*')) return false;
  if (!anyScope(arn.account) || (arn.region !== '' && arn.region !== '*')) return false;
  return arn.service === '*' ? arn.resource === '*' : arn.resource === '*' || arn.resource === 'role/*';
}

/** Whether a resource pattern may match IAM roles at all: `*`, or an ARN whose service part is `iam` or a wildcard (not `arn:aws:s3:::*`). */
export function mayNameRoles(text: string): boolean {
  if (text === '*') return true;
  const arn = arnParts(text);
  return arn === undefined || arn.service === 'iam' || arn.service.includes('*') || arn.service === MARK;
}

/**
 * Every resource of `service` in an account (or every account), in one region or all: `*`,
 * `arn:aws:ecs:us-east-1:123456789012:*`, `arn:aws:ecr:*:123456789012:repository/*` (every resource of one type),
 * the region or account unresolved (`!Sub arn:${AWS::Partition}:ecr:${AWS::Region}:${AWS::AccountId}:repository/*`).
 * Not S3, whose resource part is a bucket name.
 */
export function matchesServiceWide(text: string, service: string): boolean {
  if (text === '*') return true;
  const arn = arnParts(text);
  if (!arn || !arn.partition || service === 's3') return false;
  if (arn.service !== service && arn.service !== '*') return false;
  if (!anyScope(arn.region) || !anyScope(arn.account)) return false;
  return arn.resource === '*' || (arn.service === service && /^[A-Za-z0-9-]+[/:]\*$/.test(arn.resource));
}

/**
 * The values of one principal type as written, references included (a statement's parsed entries keep literal
 * strings only): JSON `Principal: { AWS: ... }`, Terraform `principals { type = "AWS", identifiers = [...] }`.
 */
export function principalValues(statement: PolicyStatement, type: 'AWS' | 'Federated'): { value: JsonValue; path: NodePath }[] {
  const principal = statement.principal;
  if (!principal) return [];
  const raw: { value: JsonValue; path: NodePath }[] = [];
  const body = statement.body;
  if (Array.isArray(body.principals)) {
    body.principals.forEach((block, k) => {
      const object = asObject(block);
      if (asString(object?.type) !== type || !Array.isArray(object?.identifiers)) return;
      object.identifiers.forEach((value, i) => raw.push({ value, path: [...principal.path, k, 'identifiers', i] }));
    });
  } else {
    const principalObject = asObject(body.Principal);
    const values = principalObject && !(UNKNOWN_KEY in principalObject) ? principalObject[type] : undefined;
    if (Array.isArray(values)) values.forEach((value, i) => raw.push({ value, path: [...principal.path, type, i] }));
    else if (values !== undefined) raw.push({ value: values, path: [...principal.path, type] });
  }
  return raw;
}

const ACCOUNT_ID_EXPRESSION = /^data\.aws_caller_identity\.[\w-]+\.account_id$/;

/**
 * The deploying account's own id given by reference (`!Ref AWS::AccountId`, `data.aws_caller_identity.current.account_id`,
 * alone or as a template): as a principal, a bare account id is the account root, every IAM user and role the
 * account allows.
 */
export function isAccountIdReference(value: JsonValue | undefined): boolean {
  if (isObject(value) && value.Ref === 'AWS::AccountId' && Object.keys(value).length === 1) return true;
  const expression = isObject(value) ? value[UNKNOWN_KEY] : undefined;
  if (typeof expression === 'string' && ACCOUNT_ID_EXPRESSION.test(expression.trim())) return true;
  const text = templateText(value);
  return text !== undefined && /^\$\{(AWS::AccountId|data\.aws_caller_identity\.[\w-]+\.account_id)\}$/.test(text.trim());
}
