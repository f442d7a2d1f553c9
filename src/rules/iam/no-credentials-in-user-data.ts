import { templateResourceType } from '../../graph/cloudformation.js';
import { isHostLaunchResource } from '../../graph/hosts.js';
import { accessKeyUsedAt } from '../../graph/access-keys.js';
import { terraformReferences } from '../../graph/aws.js';
import { nodeConfigurationUserData, userDataFields, type UserDataField } from '../../graph/user-data.js';
import { isEksctlConfig } from '../../graph/eks.js';
import { isKarpenterNodeClass } from '../../graph/karpenter.js';
import type { JsonValue, NodePath, Resource, Severity } from '../../model/types.js';
import { describeSecretMatches, detectSecrets, firstMatchOffset, isAllowListed, literalExemption, type SecretMatch } from '../../secrets/detectors.js';
import { asObject, getPath, isObject } from '../../util/json.js';
import { createRule, type RuleReport } from '../rule.js';
import { linesOf } from '../../util/text.js';

const FIX =
  'Remove the credential from the user data and rotate it: it has been exposed. Give the instance AWS access through its instance profile (IAM role), and have the boot script fetch other secrets at run time from AWS Secrets Manager or SSM Parameter Store (SecureString) with that role.';

/** What a user data text gives away: detector matches and the AWS credential variables assigned a literal. */
interface Exposure {
  matches: SecretMatch[];
  /** AWS credential variables or CLI / credentials-file keys assigned a literal (`AWS_SECRET_ACCESS_KEY=...`). */
  awsVariables: string[];
  /** Some of those literals have the shape of a real key (see `keyShaped`), not of a placeholder (`FOO`). */
  awsKeyShaped: boolean;
  /** Where the first of them starts in the text; undefined when the text was unescaped before reading. */
  offset: number | undefined;
}

const AWS_NAMES = 'AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_SECURITY_TOKEN|AWS_ACCESS_KEY|AWS_SECRET_KEY';
const VALUE = '(?:"([^"\\n]*)"|\'([^\'\\n]*)\'|([^\\s;&|#"\'`]+))';
/**
 * `export AWS_SECRET_ACCESS_KEY=...`, `$env:AWS_ACCESS_KEY_ID = "..."`, `setx AWS_ACCESS_KEY_ID ...`, fish `set -gx`,
 * `aws configure set aws_secret_access_key ...`, a credentials file line `aws_secret_access_key = ...`.
 */
const AWS_ASSIGNMENTS: readonly RegExp[] = [
  new RegExp(`(?<![\\w$])(?:\\$env:)?(${AWS_NAMES})[ \\t]*=[ \\t]*${VALUE}`, 'gi'),
  new RegExp(`\\bsetx?\\s+(?:-[a-zA-Z]+\\s+)*(${AWS_NAMES})[ \\t]+${VALUE}`, 'gi'),
  new RegExp(`(?<![\\w$])(aws_access_key_id|aws_secret_access_key|aws_session_token)[ \\t]*=[ \\t]*${VALUE}`, 'gi'),
  new RegExp(`\\baws\\s+configure\\s+set\\s+(?:--\\S+\\s+\\S+\\s+)*(aws_access_key_id|aws_secret_access_key|aws_session_token)[ \\t]+${VALUE}`, 'gi'),
];

function literalCredential(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '' || /^[$`%]/.test(trimmed) || trimmed.includes('$(') || trimmed.includes('${')) return false;
  return literalExemption(trimmed) === undefined;
}

/**
 * A literal shaped like an AWS credential: an access key ID (20 characters, `AKIA` / `ASIA`...), a secret access
 * key (40 characters of base64), or a session token (long base64).
 */
function keyShaped(value: string): boolean {
  const trimmed = value.trim();
  return /^A[A-Z0-9]{3}[A-Z0-9]{16}$/.test(trimmed) || /^[A-Za-z0-9/+]{40}$/.test(trimmed) || /^[A-Za-z0-9/+=]{100,}$/.test(trimmed);
}

/** The AWS credential variables assigned a literal, each with the offset of its first assignment. */
function awsVariablesIn(text: string): { offsets: Map<string, number>; keyShaped: boolean } {
  let shaped = false;
  const offsets = new Map<string, number>();
  if (!/aws_/i.test(text)) return { offsets, keyShaped: shaped };
  for (const { line, offset } of linesOf(text)) {
    if (!/aws_/i.test(line) || /^\s*(#|rem\s|::)/i.test(line)) continue;
    for (const pattern of AWS_ASSIGNMENTS) {
      const regex = new RegExp(pattern.source, pattern.flags);
      let match: RegExpExecArray | null;
      while ((match = regex.exec(line)) !== null) {
        const value = match[2] ?? match[3] ?? match[4];
        if (value === undefined || !literalCredential(value)) continue;
        const name = match[1] ?? '';
        if (!offsets.has(name) || offset + match.index < (offsets.get(name) ?? 0)) offsets.set(name, offset + match.index);
        if (keyShaped(value)) shaped = true;
      }
    }
  }
  return { offsets, keyShaped: shaped };
}

function exposureOf(raw: string, allowList: readonly string[]): Exposure {
  // Shell-escaped quotes (`PASSWORD=\"s3cret\"` in a heredoc, JSON-escaped scripts) read as quotes.
  const text = raw.includes('\\') ? raw.replace(/\\(["'])/g, '$1') : raw;
  const assigned = awsVariablesIn(text);
  const awsVariables = [...assigned.offsets.keys()].filter((name) => !isAllowListed(name, allowList));
  const seen = new Set(awsVariables.map((name) => name.toUpperCase()));
  const matches = detectSecrets(text, { assignments: true }).filter(
    (match) => !(match.detector === 'secret-assignment' && match.name !== undefined && (isAllowListed(match.name, allowList) || seen.has(match.name.toUpperCase()))),
  );
  const offsets = [firstMatchOffset(matches), ...awsVariables.map((name) => assigned.offsets.get(name))].filter((offset) => offset !== undefined);
  const offset = text === raw && offsets.length > 0 ? Math.min(...offsets) : undefined;
  return { matches, awsVariables, awsKeyShaped: assigned.keyShaped, offset };
}

function isEmpty(exposure: Exposure): boolean {
  return exposure.matches.length === 0 && exposure.awsVariables.length === 0;
}

function describeExposure(exposure: Exposure): string {
  const parts: string[] = [];
  if (exposure.awsVariables.length > 0) {
    const names = exposure.awsVariables.slice(0, 4).join(', ');
    parts.push(`AWS credentials assigned literally (${names})`);
  }
  const matches = exposure.awsVariables.length > 0 ? exposure.matches.filter((match) => match.detector !== 'aws-access-key-id' && match.detector !== 'aws-secret-access-key') : exposure.matches;
  if (matches.length > 0) parts.push(describeSecretMatches(matches));
  return parts.join(', ');
}

function severityOf(exposure: Exposure): Severity {
  // `AWS_ACCESS_KEY_ID=FOO` is a placeholder shape; a key-shaped literal is a real key until shown otherwise.
  if (exposure.awsVariables.length > 0 && exposure.awsKeyShaped) return 'critical';
  return exposure.matches.some((match) => match.detector !== 'secret-assignment') ? 'critical' : 'high';
}

/**
 * Where to report: the piece holding the whole exposure on its own (a `Fn::Join` part, or the one string of the
 * field), else the field; with the offset of the exposure in that piece when the piece is the string as written
 * (not decoded from base64), so that the finding points at its line of a block scalar or heredoc.
 */
function locate(resource: Resource, field: UserDataField, allowList: readonly string[]): Pick<RuleReport, 'path' | 'textPath' | 'textOffset'> {
  const exposed = field.pieces.flatMap((piece) => {
    const exposure = piece.text === undefined ? undefined : exposureOf(piece.text, allowList);
    return exposure && !isEmpty(exposure) ? [{ piece, exposure }] : [];
  });
  const only = exposed.length === 1 ? exposed[0] : undefined;
  // The finding's node (and identity): a `Fn::Join` part when the field has several literal parts, else the field.
  const parts = field.pieces.filter((piece) => piece.text !== undefined).length;
  const path = only && parts > 1 && only.piece.path.length > field.path.length ? only.piece.path : field.path;
  if (!only) return { path };
  // The string the piece was read from, as the file has it (a `Fn::Sub` piece is that function's template).
  const written = getPath(resource.body, only.piece.path);
  const textPath = written === only.piece.text ? only.piece.path : isObject(written) && written['Fn::Sub'] === only.piece.text ? [...only.piece.path, 'Fn::Sub'] : undefined;
  return textPath ? { path, textPath, textOffset: only.exposure.offset } : { path };
}

/**
 * Secret access keys of IAM users created in the same files and written into the user data: CloudFormation
 * `Fn::GetAtt [Key, SecretAccessKey]` / `${Key.SecretAccessKey}` in a `Fn::Sub`; Terraform references to
 * `aws_iam_access_key.<name>.secret` (or `ses_smtp_password_v4`) anywhere in the user data expression, template
 * variables of `templatefile()` included.
 */
function accessKeyReferences(resource: Resource, field: UserDataField): { path: NodePath; key: string }[] {
  const out: { path: NodePath; key: string }[] = [];
  if (resource.artifact === 'terraform') {
    for (const reference of terraformReferences(resource)) {
      if (reference.path.length < field.path.length || !field.path.every((segment, index) => reference.path[index] === segment)) continue;
      if (!/(^|\.)aws_iam_access_key\./.test(reference.address) || (reference.attribute !== 'secret' && reference.attribute !== 'ses_smtp_password_v4')) continue;
      if (!out.some((entry) => entry.key === reference.address)) out.push({ path: field.path, key: reference.address });
    }
    return out;
  }
  const isAccessKey = (name: string): boolean => {
    const type = templateResourceType(resource.document, name);
    return type === undefined || type === 'AWS::IAM::AccessKey';
  };
  const walk = (value: JsonValue | undefined, path: NodePath, depth: number): void => {
    if (depth > 32 || value === undefined || value === null) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index], depth + 1));
      return;
    }
    if (!isObject(value)) return;
    const getAtt = value['Fn::GetAtt'];
    if (getAtt !== undefined) {
      const [name, attribute] = Array.isArray(getAtt) ? getAtt : typeof getAtt === 'string' ? getAtt.split('.') : [];
      if (typeof name === 'string' && attribute === 'SecretAccessKey' && isAccessKey(name)) out.push({ path, key: name });
      return;
    }
    const sub = value['Fn::Sub'];
    const template = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    if (template !== undefined) {
      for (const match of template.matchAll(/\$\{([A-Za-z0-9]+)\.SecretAccessKey\}/g)) {
        const name = match[1] ?? '';
        if (isAccessKey(name)) out.push({ path, key: name });
      }
      if (Array.isArray(sub)) walk(sub[1], [...path, 'Fn::Sub', 1], depth + 1);
      return;
    }
    for (const [key, item] of Object.entries(value)) walk(item, [...path, key], depth + 1);
  };
  walk(getPath(resource.body, field.path), field.path, 0);
  return out;
}

const AUTHENTICATION = 'AWS::CloudFormation::Authentication';
const AUTHENTICATION_FIX =
  'Give the authentication block `roleName` (the instance profile\'s role, with read access to the bucket) instead of an access key or password, and delete the IAM user\'s key; for basic authentication, fetch the password from Secrets Manager at boot.';

/**
 * Credentials in the `AWS::CloudFormation::Authentication` metadata that cfn-init uses to download files and
 * sources: a literal `secretKey` (S3) or `password` (basic), or the secret of an IAM user access key of the template.
 * `roleName` (the instance profile's role) is the way without credentials.
 */
function authenticationCredentials(resource: Resource): { path: NodePath; message: string; severity: Severity; secret: boolean }[] {
  if (resource.artifact !== 'cloudformation') return [];
  const entries = asObject(asObject(resource.body.Metadata)?.[AUTHENTICATION]);
  if (!entries) return [];
  const found: { path: NodePath; message: string; severity: Severity; secret: boolean }[] = [];
  for (const [name, raw] of Object.entries(entries)) {
    const entry = asObject(raw);
    if (!entry) continue;
    for (const field of ['secretKey', 'password']) {
      const value = entry[field];
      const path: NodePath = ['Metadata', AUTHENTICATION, name, field];
      const key = accessKeyUsedAt(resource, path, value);
      if (key) {
        found.push({ path, severity: 'critical', secret: false, message: `cfn-init authentication "${name}" uses the ${key.part} of IAM user access key ${key.key} (${field}): long-lived credentials in the template's metadata, readable by anyone allowed to describe the stack resource and by every process on the instance.` });
      } else if (typeof value === 'string' && literalCredential(value)) {
        found.push({
          path,
          secret: true,
          severity: field === 'secretKey' && keyShaped(value) ? 'critical' : 'high',
          message: `cfn-init authentication "${name}" holds a literal ${field === 'secretKey' ? 'secret access key' : 'password'}: it is in the template and in the stack's metadata, readable by anyone allowed to describe the stack resource and by every process on the instance.`,
        });
      }
    }
  }
  return found;
}

export default createRule({
  meta: {
    id: 'iam/no-credentials-in-user-data',
    title: 'EC2 user data and cfn-init metadata must not contain credentials',
    severity: 'critical',
    otherSeverities: ['high'],
    seedPoints: ['IAM-3'],
    artifacts: ['cloudformation', 'terraform', 'kubernetes', 'eksctl'],
    description:
      'Reads the user data of instances, launch templates and launch configurations (CloudFormation `AWS::EC2::Instance` / `AWS::AutoScaling::LaunchConfiguration` `UserData`, `AWS::EC2::LaunchTemplate` `LaunchTemplateData.UserData`; Terraform `aws_instance` / `aws_launch_template` / `aws_launch_configuration` `user_data` and `user_data_base64`; and the user data that Karpenter and eksctl put in the launch templates they create: a Karpenter node class\'s `userData`, an eksctl node group\'s `preBootstrapCommands` and `overrideBootstrapCommand`), base64 decoded, and reports literal credentials in it: AWS credential variables or CLI settings given a literal (`export AWS_SECRET_ACCESS_KEY=...`, `aws configure set aws_secret_access_key ...`, a credentials file written with `aws_secret_access_key = ...`), AWS access key IDs, private keys, vendor tokens, URLs or connection strings with a password, and literal values assigned to secret-named variables, keys or constants (`DB_PASSWORD=...`, PHP `define(\'DB_PASSWORD\', \'...\')` and `$db_password = \'...\'`); also the secret access key of an IAM user access key of the same files written into the user data (CloudFormation `!GetAtt Key.SecretAccessKey`, e.g. passed to `cfn-init --secret-key`; Terraform `aws_iam_access_key.<name>.secret`, `templatefile()` variables included). Also the `AWS::CloudFormation::Authentication` metadata of those CloudFormation resources, which cfn-init uses to download files: a literal `secretKey` or `password`, or the secret of an IAM user access key of the template. AWS credentials shaped like real keys (a 20-character key ID, a 40-character secret), private keys and tokens are critical; AWS credential variables set to other literals (a placeholder such as `FOO`) and secret-named assignments are high.',
    rationale:
      'User data is not secret: anyone allowed `ec2:DescribeInstanceAttribute` or `ec2:DescribeLaunchTemplateVersions` reads it (read-only roles included), every process on the instance reads it from the instance metadata service without credentials, it is kept in every launch template version, and it sits in the repository. Long-lived access keys in it also bypass the instance profile\'s temporary, rotated credentials.',
    remediation: FIX,
    limitations:
      'Only what the files contain is read: a CloudFormation `Ref` / `Fn::GetAtt` / `${Param}` without a default, a Terraform variable without a value, `file()` and `templatefile()` of files outside the scan are unknown (a secret passed through them still ends up in the user data in clear: prefer fetching it at boot). Gzip-compressed and MIME-encoded parts are not decoded. Documentation example keys (`AKIA...EXAMPLE`) are reported only when assigned to an AWS credential variable. Names allowed with `secretAllowList` are skipped.',
    references: {
      peers: [
        { tool: 'trivy', id: 'AVD-AWS-0029' },
        { tool: 'trivy', id: 'AVD-AWS-0129' },
        { tool: 'trivy', id: 'AVD-AWS-0122' },
        { tool: 'checkov', id: 'CKV_AWS_46' },
        { tool: 'prowler', id: 'ec2_instance_secrets_user_data' },
        { tool: 'prowler', id: 'ec2_launch_template_no_secrets' },
      ],
      frameworks: [],
      links: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html'],
    },
  },
  scope: 'resource',
  appliesTo: (resource) => isHostLaunchResource(resource) || isKarpenterNodeClass(resource) || isEksctlConfig(resource),
  check({ resource, report, settings }) {
    const allowList = settings.secretAllowList;
    const reportExposure = (field: UserDataField, key: string, says: (what: string) => string): void => {
      const exposure = exposureOf(field.text, allowList);
      if (isEmpty(exposure)) return;
      report({ ...locate(resource, field, allowList), secret: true, severity: severityOf(exposure), key, message: says(describeExposure(exposure)), fix: FIX });
    };
    // Karpenter and eksctl node configuration: the user data of the launch templates they create.
    for (const field of nodeConfigurationUserData(resource)) {
      reportExposure(
        field,
        field.path.join('.'),
        (what) =>
          `The user data of ${field.owner} (${field.key}) contains ${what}: it ends in the launch template of the nodes, readable by anyone allowed to describe it and by every process on the nodes through the metadata service. Use the node role and fetch secrets at boot from Secrets Manager or Parameter Store.`,
      );
    }
    if (!isHostLaunchResource(resource)) return;
    for (const credential of authenticationCredentials(resource)) {
      report({ ...credential, key: `authentication:${credential.path.join('.')}`, fix: AUTHENTICATION_FIX });
    }
    for (const field of userDataFields(resource)) {
      const kind = resource.type.includes('LaunchTemplate') || resource.type === 'aws_launch_template' ? 'launch template' : resource.type.includes('LaunchConfiguration') || resource.type === 'aws_launch_configuration' ? 'launch configuration' : 'instance';
      for (const reference of accessKeyReferences(resource, field)) {
        report({
          path: reference.path,
          key: `access-key:${reference.key}`,
          message: `The ${kind}'s user data (${field.key}) embeds the secret access key of IAM user access key "${reference.key}": long-lived credentials written in clear into user data, readable by anyone allowed to describe the ${kind} and by every process on the instance. Give the instance an instance profile (IAM role) instead of an IAM user's access key.`,
          fix: FIX,
        });
      }
      reportExposure(
        field,
        field.key,
        (what) =>
          `The ${kind}'s user data (${field.key}) contains ${what}: user data is readable by anyone allowed to describe the ${kind} and by every process on the instance through the metadata service. Use the instance profile's role and fetch secrets at boot from Secrets Manager or Parameter Store.`,
      );
    }
  },
});
