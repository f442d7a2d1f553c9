import type { JsonValue, NodePath, Resource } from '../model/types.js';
import { decodeBase64Text } from '../secrets/detectors.js';
import { isObject } from '../util/json.js';
import { UNKNOWN_KEY } from '../util/unknown.js';
import { eksctlNodeGroups, isEksctlConfig } from './eks.js';
import { hostLaunchView } from './hosts.js';
import { describeNodeClass, isKarpenterNodeClass, nodeClassSettings } from './karpenter.js';
import { terraformTemplateText, UNKNOWN_PART } from '../loaders/terraform/template-json.js';

/**
 * The text of EC2 user data as far as the files tell, for rules that read what it says (secrets, bootstrap
 * commands). User data is split into pieces: literal text (base64 decoded where it is encoded) with the path of the
 * node it comes from, and unknown pieces (a `Ref`, a `${var.x}` interpolation, a function the loaders do not
 * evaluate). Handled:
 * - CloudFormation `UserData` of `AWS::EC2::Instance`, `AWS::AutoScaling::LaunchConfiguration` and
 *   `AWS::EC2::LaunchTemplate` (`LaunchTemplateData.UserData`): a literal (base64 or not), `Fn::Base64` (a static
 *   one is already base64 text), `Fn::Sub` (the template string: `${Name}` left in are unknown), `Fn::Join` (each
 *   part);
 * - Terraform `user_data` / `user_data_base64` of `aws_instance`, `aws_launch_template`, `aws_launch_configuration`:
 *   an evaluated string (decoded when it is base64: `base64encode(...)`, `user_data_base64`), or the literal parts of
 *   a heredoc / quoted template that stayed unknown because of an interpolation (optionally inside `base64encode()`).
 *   `templatefile()` of a template in the scan is rendered by the loader (its text read around unknown variables);
 *   other functions (`filebase64()`, a template outside the scan) are unknown.
 */

export interface UserDataPiece {
  /** Literal text; `undefined` for an unknown part. */
  text: string | undefined;
  /** Node the piece comes from (the field itself, or a `Fn::Join` part). */
  path: NodePath;
}

export interface UserDataField {
  /** `UserData`, `user_data` or `user_data_base64`. */
  key: string;
  path: NodePath;
  pieces: UserDataPiece[];
  /** The pieces joined, unknown ones as `${UNKNOWN}` (a template reference that detectors treat as no literal). */
  text: string;
}

/** The user data fields of a host launch resource (none when it has no user data or is not one). */
export function userDataFields(resource: Resource): UserDataField[] {
  const view = hostLaunchView(resource);
  if (view === undefined || view === 'unknown') return [];
  const out: UserDataField[] = [];
  const keys = resource.artifact === 'terraform' ? ['user_data', 'user_data_base64'] : ['UserData'];
  for (const key of keys) {
    const value = view.data[key];
    if (value === undefined || value === null) continue;
    const path = [...view.dataPath, key];
    const pieces = userDataPieces(value, path, key === 'user_data_base64');
    out.push({ key, path, pieces, text: pieces.map((piece) => piece.text ?? UNKNOWN_PART).join('') });
  }
  return out;
}

/**
 * User data written in node configuration outside EC2 resources, with whose nodes run it: a Karpenter node class's
 * `userData` (EC2NodeClass, AWSNodeTemplate, a Provisioner's `provider`), an eksctl node group's
 * `preBootstrapCommands` (one piece per command) and `overrideBootstrapCommand`. They end in the launch templates
 * Karpenter and eksctl create.
 */
export function nodeConfigurationUserData(resource: Resource): Array<UserDataField & { owner: string }> {
  const field = (key: string, path: NodePath, pieces: UserDataPiece[], owner: string): UserDataField & { owner: string } => ({
    key,
    path,
    pieces,
    text: pieces.map((piece) => piece.text ?? UNKNOWN_PART).join('\n'),
    owner,
  });
  const strings = (value: JsonValue | undefined, path: NodePath): UserDataPiece[] =>
    typeof value === 'string' ? [{ text: value, path }] : Array.isArray(value) ? value.map((item, index) => ({ text: typeof item === 'string' ? item : undefined, path: [...path, index] })) : [];
  if (isKarpenterNodeClass(resource)) {
    const found = nodeClassSettings(resource);
    const path = found ? [...found.path, 'userData'] : [];
    const pieces = strings(found?.settings.userData, path);
    return pieces.length > 0 ? [field('userData', path, pieces, describeNodeClass(resource))] : [];
  }
  if (!isEksctlConfig(resource)) return [];
  return eksctlNodeGroups(resource).flatMap((group) =>
    ['preBootstrapCommands', 'overrideBootstrapCommand'].flatMap((key) => {
      const path = [...group.path, key];
      const pieces = strings(group.body[key], path);
      return pieces.length > 0 ? [field(key, path, pieces, `eksctl node group "${group.name}"`)] : [];
    }),
  );
}

function userDataPieces(value: JsonValue, path: NodePath, encoded: boolean, depth = 0): UserDataPiece[] {
  if (depth > 16) return [{ text: undefined, path }];
  if (typeof value === 'string') return [{ text: decodeUserDataString(value, encoded), path }];
  if (typeof value === 'number' || typeof value === 'boolean') return [{ text: String(value), path }];
  if (!isObject(value)) return [{ text: undefined, path }];
  const keys = Object.keys(value);
  if (keys.length !== 1) return [{ text: undefined, path }];
  const key = keys[0] ?? '';
  const argument = value[key];
  if (argument === undefined) return [{ text: undefined, path }];
  if (key === UNKNOWN_KEY) return [{ text: typeof argument === 'string' ? terraformTemplateText(argument) : undefined, path }];
  if (key === 'Fn::Base64') return userDataPieces(argument, [...path, key], false, depth + 1);
  if (key === 'Fn::Sub') {
    if (typeof argument === 'string') return [{ text: argument, path }];
    if (Array.isArray(argument) && typeof argument[0] === 'string') return [{ text: argument[0], path }];
    return [{ text: undefined, path }];
  }
  if (key === 'Fn::Join' && Array.isArray(argument) && typeof argument[0] === 'string' && Array.isArray(argument[1])) {
    const delimiter = argument[0];
    const out: UserDataPiece[] = [];
    argument[1].forEach((part, index) => {
      if (index > 0 && delimiter !== '') out.push({ text: delimiter, path });
      out.push(...userDataPieces(part, [...path, key, 1, index], false, depth + 1));
    });
    return out;
  }
  return [{ text: undefined, path }];
}

/** Base64 text decoded (always tried: CloudFormation and launch templates take base64); other text as written. */
function decodeUserDataString(value: string, encoded: boolean): string {
  const compact = value.trim();
  if (!encoded && (compact.length < 8 || /\s/.test(compact))) return value;
  return decodeBase64Text(compact) ?? value;
}

