import { templateResourceType } from './cloudformation.js';
import type { JsonValue, NodePath, Resource } from '../model/types.js';
import { isObject } from '../util/json.js';
import { UNKNOWN_KEY } from '../util/unknown.js';
import { terraformReferences } from './aws.js';

/** What a value takes from an IAM user access key. */
export interface AccessKeyUse {
  /** The key as the files name it: a CloudFormation logical ID, a Terraform address. */
  key: string;
  part: 'key ID' | 'secret access key' | 'SES SMTP password';
}

const TERRAFORM_PARTS: Readonly<Record<string, AccessKeyUse['part']>> = { id: 'key ID', secret: 'secret access key', ses_smtp_password_v4: 'SES SMTP password' };
/** Of a value that holds several parts of a key (`"${k.id}:${k.secret}"`), the one to name: the secret first. */
const PART_ORDER: readonly AccessKeyUse['part'][] = ['secret access key', 'SES SMTP password', 'key ID'];
const TERRAFORM_ACCESS_KEY = /(^|\.)aws_iam_access_key\.[A-Za-z_][\w-]*(\[[^\]]*\])?$/;
/**
 * An access key's attribute as written in an expression (`aws_iam_access_key.k["x.y"].secret`). It starts with a
 * literal and bounds the instance key, so that hostile text cannot make it backtrack.
 */
const ACCESS_KEY_IN_EXPRESSION = /(?:resource\.)?(aws_iam_access_key\.[A-Za-z_][\w-]{0,255}(?:\[[^\]\n]{0,256}\])?)\.(id|secret|ses_smtp_password_v4)\b/g;
/** Functions whose result no longer is the credential (a length, a digest); every other one may pass it on. */
const DESTROYING_FUNCTIONS: ReadonlySet<string> = new Set(['length', 'md5', 'sha1', 'sha256', 'sha512', 'base64sha256', 'base64sha512', 'bcrypt', 'uuidv5']);

/**
 * The IAM user access key created in the scanned files whose key ID or secret the value at `path` of `resource`
 * is, or holds: a Terraform `aws_iam_access_key` (`.id`, `.secret`, `.ses_smtp_password_v4`), also through
 * functions that pass it on (`nonsensitive()`, `try()`, `base64encode()`, a conditional); a CloudFormation
 * `AWS::IAM::AccessKey` of the same template (`Ref` is the key ID, `Fn::GetAtt [Key, SecretAccessKey]` and
 * `${Key.SecretAccessKey}` in a `Fn::Sub` the secret); or such a Terraform reference left in a string (a
 * Kubernetes object written in Terraform keeps `${...}`). A length or a digest of one (`length()`, `sha256()`) is
 * not the credential. These values are unknown until deployed, but what they are is certain: a long-lived
 * credential of an IAM user.
 */
export function accessKeyUsedAt(resource: Resource, path: NodePath, value: JsonValue | undefined): AccessKeyUse | undefined {
  if (resource.artifact === 'cloudformation') return cloudformationAccessKey(resource, value, 0);
  const expression = isObject(value) && typeof value[UNKNOWN_KEY] === 'string' ? value[UNKNOWN_KEY] : typeof value === 'string' ? value : undefined;
  if (expression === undefined) return undefined;
  const written = keysPassedOn(expression);
  if (written.length === 0) return undefined;
  if (resource.artifact !== 'terraform') return firstByPart(written);
  // The references give the module-qualified address of what the expression names.
  const uses: AccessKeyUse[] = [];
  for (const reference of terraformReferences(resource)) {
    if (!TERRAFORM_ACCESS_KEY.test(reference.address) || !path.every((segment, index) => reference.path[index] === segment)) continue;
    // A splat (`k[*].secret`) refers to the resource without an attribute: the expression says which.
    const referencedPart = reference.attribute === undefined ? undefined : TERRAFORM_PARTS[reference.attribute];
    for (const use of written) {
      if ((referencedPart === undefined || use.part === referencedPart) && withoutKeys(reference.address).endsWith(withoutKeys(use.key))) uses.push({ key: reference.address, part: use.part });
    }
  }
  return firstByPart(uses);
}

/** An address without its instance keys: `k[count.index]` is written where the reference says `k`. */
function withoutKeys(address: string): string {
  return address.replace(/\[[^\]]*\]/g, '');
}

/**
 * The access-key attributes an expression hands on: each one written there, unless a destroying function encloses
 * it. One pass over the text, keeping the stack of enclosing calls (strings are not skipped: a guess, on unknown
 * values only).
 */
function keysPassedOn(expression: string): AccessKeyUse[] {
  const uses: AccessKeyUse[] = [];
  const calls: string[] = [];
  let destroying = 0;
  let at = 0;
  for (const match of expression.matchAll(ACCESS_KEY_IN_EXPRESSION)) {
    const index = match.index ?? 0;
    for (; at < index; at++) {
      const char = expression[at];
      if (char === '(') {
        const name = /([A-Za-z_][\w:]*)\s*$/.exec(expression.slice(Math.max(0, at - 64), at))?.[1]?.replace(/^provider::[\w-]+::/, '') ?? '';
        calls.push(name);
        if (DESTROYING_FUNCTIONS.has(name)) destroying++;
      } else if (char === ')' && calls.length > 0) {
        if (DESTROYING_FUNCTIONS.has(calls.pop() ?? '')) destroying--;
      }
    }
    const part = TERRAFORM_PARTS[match[2] ?? ''];
    if (part && destroying === 0) uses.push({ key: match[1] ?? '', part });
  }
  return uses;
}

function firstByPart(uses: readonly AccessKeyUse[]): AccessKeyUse | undefined {
  for (const part of PART_ORDER) {
    const use = uses.find((candidate) => candidate.part === part);
    if (use) return use;
  }
  return undefined;
}

function cloudformationAccessKey(resource: Resource, value: JsonValue | undefined, depth: number): AccessKeyUse | undefined {
  if (depth > 16 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = cloudformationAccessKey(resource, item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const isAccessKey = (name: unknown): name is string =>
    typeof name === 'string' && templateResourceType(resource.document, name) === 'AWS::IAM::AccessKey';
  if ('Ref' in value) return isAccessKey(value.Ref) ? { key: value.Ref, part: 'key ID' } : undefined;
  const getAtt = value['Fn::GetAtt'];
  if (getAtt !== undefined) {
    const [name, attribute] = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? getAtt.split('.') : [];
    return attribute === 'SecretAccessKey' && isAccessKey(name) ? { key: name, part: 'secret access key' } : undefined;
  }
  const sub = value['Fn::Sub'];
  const template = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  if (template !== undefined) {
    const variables = Array.isArray(sub) && isObject(sub[1]) ? sub[1] : {};
    const uses: AccessKeyUse[] = [];
    for (const match of template.matchAll(/\$\{([A-Za-z0-9]+)(\.SecretAccessKey)?\}/g)) {
      const name = match[1] ?? '';
      if (!Object.hasOwn(variables, name) && isAccessKey(name)) uses.push({ key: name, part: match[2] ? 'secret access key' : 'key ID' });
    }
    return firstByPart(uses) ?? cloudformationAccessKey(resource, variables, depth + 1);
  }
  for (const item of Object.values(value)) {
    const found = cloudformationAccessKey(resource, item, depth + 1);
    if (found) return found;
  }
  return undefined;
}
