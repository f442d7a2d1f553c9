import type { JsonValue, NodePath, Resource } from '../model/types.js';
import { asObject, isObject } from '../util/json.js';
import { terraformReferences } from './aws.js';

/** What a value takes from an IAM user access key. */
export interface AccessKeyUse {
  /** The key as the files name it: a CloudFormation logical ID, a Terraform address. */
  key: string;
  part: 'key ID' | 'secret access key' | 'SES SMTP password';
}

const TERRAFORM_PARTS: Readonly<Record<string, AccessKeyUse['part']>> = { id: 'key ID', secret: 'secret access key', ses_smtp_password_v4: 'SES SMTP password' };
const TERRAFORM_ACCESS_KEY = /(^|\.)aws_iam_access_key\.[^.]+$/;
/** A Terraform reference left in a string (a Kubernetes object written in Terraform keeps `${...}` as written). */
const ACCESS_KEY_IN_TEXT = /\$\{[^}]*?\b((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*aws_iam_access_key\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?)\.(id|secret|ses_smtp_password_v4)\b/;

/**
 * The IAM user access key created in the scanned files whose key ID or secret the value at `path` of `resource`
 * is (or holds): a Terraform `aws_iam_access_key` (`.id`, `.secret`, `.ses_smtp_password_v4`); a CloudFormation
 * `AWS::IAM::AccessKey` of the same template (`Ref` is the key ID, `Fn::GetAtt [Key, SecretAccessKey]` and
 * `${Key.SecretAccessKey}` in a `Fn::Sub` the secret); or such a Terraform reference left in a string. These
 * values are unknown until deployed, but what they are is certain: a long-lived credential of an IAM user.
 */
export function accessKeyUsedAt(resource: Resource, path: NodePath, value: JsonValue | undefined): AccessKeyUse | undefined {
  if (resource.artifact === 'terraform') {
    for (const reference of terraformReferences(resource)) {
      const part = TERRAFORM_PARTS[reference.attribute ?? ''];
      if (part && TERRAFORM_ACCESS_KEY.test(reference.address) && path.every((segment, index) => reference.path[index] === segment)) return { key: reference.address, part };
    }
    return undefined;
  }
  if (resource.artifact === 'cloudformation') return cloudformationAccessKey(resource, value, 0);
  if (typeof value !== 'string') return undefined;
  const match = ACCESS_KEY_IN_TEXT.exec(value);
  const part = match && TERRAFORM_PARTS[match[2] ?? ''];
  return match && part ? { key: match[1] ?? '', part } : undefined;
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
    // The secret first: `${Key}:${Key.SecretAccessKey}` hands on both.
    let found: AccessKeyUse | undefined;
    for (const match of template.matchAll(/\$\{([A-Za-z0-9]+)(\.SecretAccessKey)?\}/g)) {
      const name = match[1] ?? '';
      if (Object.hasOwn(variables, name) || !isAccessKey(name)) continue;
      if (match[2]) return { key: name, part: 'secret access key' };
      found ??= { key: name, part: 'key ID' };
    }
    return found ?? cloudformationAccessKey(resource, variables, depth + 1);
  }
  for (const item of Object.values(value)) {
    const found = cloudformationAccessKey(resource, item, depth + 1);
    if (found) return found;
  }
  return undefined;
}
