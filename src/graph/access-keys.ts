import type { JsonValue, NodePath, Resource } from '../model/types.js';
import { asObject, isObject } from '../util/json.js';
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
/** A Terraform traversal (`module.a.aws_iam_access_key.k["x.y"].secret`), nothing computed from it. */
const TRAVERSAL = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[[^\]]*\])*$/;
/** The access key and attribute a traversal names. */
const ACCESS_KEY_TRAVERSAL = /^((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*(?:resource\.)?aws_iam_access_key\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?)\.(id|secret|ses_smtp_password_v4)$/;

/**
 * The IAM user access key created in the scanned files whose key ID or secret the value at `path` of `resource`
 * is, or holds as a template part: a Terraform `aws_iam_access_key` (`.id`, `.secret`, `.ses_smtp_password_v4`);
 * a CloudFormation `AWS::IAM::AccessKey` of the same template (`Ref` is the key ID, `Fn::GetAtt [Key,
 * SecretAccessKey]` and `${Key.SecretAccessKey}` in a `Fn::Sub` the secret); or such a Terraform reference left
 * in a string (a Kubernetes object written in Terraform keeps `${...}`). A value computed from one (`length()`,
 * `sha256()`) is not the credential. These values are unknown until deployed, but what they are is certain: a
 * long-lived credential of an IAM user.
 */
export function accessKeyUsedAt(resource: Resource, path: NodePath, value: JsonValue | undefined): AccessKeyUse | undefined {
  if (resource.artifact === 'cloudformation') return cloudformationAccessKey(resource, value, 0);
  const expression = isObject(value) && typeof value[UNKNOWN_KEY] === 'string' ? value[UNKNOWN_KEY] : typeof value === 'string' ? value : undefined;
  const traversals = expression === undefined ? [] : directTraversals(expression);
  if (traversals.length === 0) return undefined;
  const uses: AccessKeyUse[] = [];
  if (resource.artifact === 'terraform') {
    // The references give the module-qualified address of what the traversals name.
    for (const reference of terraformReferences(resource)) {
      const part = TERRAFORM_PARTS[reference.attribute ?? ''];
      if (part && TERRAFORM_ACCESS_KEY.test(reference.address) && path.every((segment, index) => reference.path[index] === segment)) uses.push({ key: reference.address, part });
    }
  } else {
    for (const traversal of traversals) {
      const match = ACCESS_KEY_TRAVERSAL.exec(traversal);
      const part = match && TERRAFORM_PARTS[match[2] ?? ''];
      if (match && part) uses.push({ key: (match[1] ?? '').replace(/^resource\./, ''), part });
    }
  }
  return firstByPart(uses);
}

/**
 * The traversals an expression hands on as they are: the whole expression (`aws_iam_access_key.k.secret`), or the
 * interpolations of a string template (`"${aws_iam_access_key.k.id}:${aws_iam_access_key.k.secret}"`). None when
 * anything is computed from them.
 */
function directTraversals(expression: string): string[] {
  const text = expression.trim();
  if (TRAVERSAL.test(text)) return [text];
  const out: string[] = [];
  for (const match of text.matchAll(/(\$)?\$\{([^}]*)\}/g)) {
    if (match[1] !== undefined) continue; // `$${...}` is literal text
    const inner = (match[2] ?? '').trim();
    if (!TRAVERSAL.test(inner)) return [];
    out.push(inner);
  }
  return out;
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
    typeof name === 'string' && asObject(asObject(asObject(resource.document.data)?.Resources)?.[name])?.Type === 'AWS::IAM::AccessKey';
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
