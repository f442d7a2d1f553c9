import type { JsonObject, JsonValue, NodePath, Resource } from '../model/types.js';
import { asArray, asObject, asString, isObject } from '../util/json.js';
import { isUnknown } from '../util/unknown.js';
import { terraformTemplateJson } from '../loaders/terraform/template-json.js';

/**
 * One view of ECS task definitions and their container definitions, whatever artifact declares them:
 *
 * - `task-definition`: the ECS API shape (camelCase: `containerDefinitions[].readonlyRootFilesystem`);
 * - `cloudformation`: `AWS::ECS::TaskDefinition` with PascalCase `Properties.ContainerDefinitions[].ReadonlyRootFilesystem`
 *   (and the odd spellings `EFSVolumeConfiguration`, `FilesystemId`, `AuthorizationConfig.IAM`);
 * - `terraform`: `aws_ecs_task_definition`, snake_case task attributes (`network_mode`, `volume` blocks as arrays of
 *   objects, `host_path` as a string) and `container_definitions` in the API shape, either decoded (`jsonencode(...)`,
 *   exact paths) or a JSON string (heredoc, `file()`: parsed here; findings point inside a heredoc without
 *   interpolations, else at `container_definitions`).
 *
 * Fields are named in the API's camelCase; look-ups compare names without case and underscores, so one name
 * reads all three spellings. Every value comes with its path inside the resource body for reporting. Values may be
 * unknown (an intrinsic, a Terraform unknown): rules check `isUnknown(field.value)` and report nothing then. An
 * unknown node on the way (`LogConfiguration: !If [...]`) is returned in place of the field asked for, so a rule
 * asking for `logConfiguration.logDriver` gets an unknown value, never a missing one.
 */

export type EcsStyle = 'api' | 'cloudformation' | 'terraform';

/**
 * A task-level or volume field's name as the style spells it, for messages (`transitEncryption`, CloudFormation
 * `TransitEncryption`, Terraform `transit_encryption`; dotted paths word by word; CloudFormation's `IAM`).
 */
export function styledFieldName(style: EcsStyle, camelPath: string): string {
  if (style === 'api') return camelPath;
  return camelPath
    .split('.')
    .map((word) => (style === 'terraform' ? word.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`) : word === 'iam' ? 'IAM' : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('.');
}

export interface Field {
  value: JsonValue;
  path: NodePath;
  /** Read from a JSON string (Terraform heredoc): `path` is the string's, not the value's own. */
  inexact?: true;
}

export interface EcsContainer {
  /** `name`, or `container[<index>]` when it has none. */
  name: string;
  index: number;
  path: NodePath;
  body: JsonObject;
  /** Reads a nested field in camelCase (`get('linuxParameters', 'capabilities', 'add')`). */
  get(...keys: string[]): Field | undefined;
  /** The deepest existing node on the way to `keys`: where to report a missing setting. */
  nearest(...keys: string[]): NodePath;
}

export interface EcsVolume {
  name: string;
  path: NodePath;
  body: JsonObject;
  get(...keys: string[]): Field | undefined;
  nearest(...keys: string[]): NodePath;
  /** Host path of a bind mount (`host.sourcePath`, CloudFormation `Host.SourcePath`, Terraform `host_path`). */
  hostSourcePath(): Field | undefined;
}

export interface EcsTaskDefinition {
  resource: Resource;
  style: EcsStyle;
  /** Path of the task definition's properties inside the resource body (`['Properties']` for CloudFormation). */
  propertiesPath: NodePath;
  /** Reads a task-level field (`networkMode`, `pidMode`, `ipcMode`, `requiresCompatibilities`, `taskRoleArn`, ...). */
  get(...keys: string[]): Field | undefined;
  nearest(...keys: string[]): NodePath;
  /** Known container definitions; empty when `containersUnknown`. */
  containers: EcsContainer[];
  /** The container definitions (or one of them) are unknown: rules that need every container must say nothing. */
  containersUnknown: boolean;
  /** Container definitions of a shape ECS rejects (not a list, not JSON, an entry that is not an object): where and what. */
  malformed?: { path: NodePath; problem: string };
  volumes: EcsVolume[];
  /** The volume list is unknown (an intrinsic, a Terraform dynamic block with unknown for_each). */
  volumesUnknown: boolean;
}

/** The resource is an ECS task definition of one of the artifacts this view reads. */
export function isEcsTaskDefinition(resource: Resource): boolean {
  return styleOf(resource) !== undefined;
}

function styleOf(resource: Resource): EcsStyle | undefined {
  // Asked of every resource (the ECS rules' guard): plain comparisons, no key built.
  if (resource.artifact === 'task-definition') return 'api';
  if (resource.artifact === 'cloudformation') return resource.type === 'AWS::ECS::TaskDefinition' ? 'cloudformation' : undefined;
  if (resource.artifact === 'terraform') return resource.type === 'aws_ecs_task_definition' ? 'terraform' : undefined;
  return undefined;
}

/**
 * Names compare without case (CloudFormation's PascalCase, the API's camelCase: the AWS provider decodes container
 * definitions with Go's case-insensitive JSON decoding); Terraform's own attributes also without underscores. Keys
 * inside container definitions keep them: ECS ignores `log_configuration`.
 */
function normalize(key: string, style: EcsStyle): string {
  const lower = key.toLowerCase();
  return style === 'terraform' ? lower.replace(/_/g, '') : lower;
}

/** Terraform names a few things differently from the API. */
const TERRAFORM_ALIASES: Readonly<Record<string, string>> = { volumes: 'volume' };

function findKey(object: JsonObject, key: string, style: EcsStyle): string | undefined {
  if (object[key] !== undefined) return key;
  const wanted = normalize(style === 'terraform' ? (TERRAFORM_ALIASES[key] ?? key) : key, style);
  return Object.keys(object).find((candidate) => object[candidate] !== undefined && normalize(candidate, style) === wanted);
}

/**
 * Walks `keys` from `start`. Terraform nested blocks are arrays of objects: a one-element array on the way is
 * stepped into. `fixedPath` pins every path to one node (container definitions parsed from a JSON string).
 */
function walk(start: JsonValue, startPath: NodePath, keys: readonly string[], style: EcsStyle, fixedPath?: NodePath): { field: Field | undefined; nearest: NodePath } {
  let value: JsonValue | undefined = start;
  let at: NodePath = startPath;
  for (const key of keys) {
    if (style === 'terraform' && Array.isArray(value) && value.length === 1 && isObject(value[0])) {
      value = value[0];
      at = [...at, 0];
    }
    // An unknown node on the way makes whatever is below it unknown: return the unknown node itself.
    if (isUnknown(value)) return { field: fixedPath ? { value, path: fixedPath, inexact: true } : { value, path: at }, nearest: fixedPath ?? at };
    if (!isObject(value)) return { field: undefined, nearest: fixedPath ?? at };
    const actual = findKey(value, key, style);
    if (actual === undefined) return { field: undefined, nearest: fixedPath ?? at };
    const next: JsonValue | undefined = value[actual];
    // `null` is unset; in Terraform an empty list is also how an absent nested block reads (`dynamic` with no item).
    if (next === undefined || next === null || (style === 'terraform' && Array.isArray(next) && next.length === 0)) return { field: undefined, nearest: fixedPath ?? at };
    value = next;
    at = [...at, actual];
  }
  if (value === undefined) return { field: undefined, nearest: fixedPath ?? at };
  if (fixedPath) return { field: { value, path: fixedPath, inexact: true }, nearest: fixedPath };
  return { field: { value, path: at }, nearest: at };
}

const cache = new WeakMap<Resource, EcsTaskDefinition | null>();

/** The task definition view of a resource, or undefined when it is not one. Computed once per resource. */
export function ecsTaskDefinition(resource: Resource): EcsTaskDefinition | undefined {
  const cached = cache.get(resource);
  if (cached !== undefined) return cached ?? undefined;
  const view = build(resource);
  cache.set(resource, view ?? null);
  return view;
}

function build(resource: Resource): EcsTaskDefinition | undefined {
  const style = styleOf(resource);
  if (!style) return undefined;
  const propertiesPath: NodePath = style === 'cloudformation' ? ['Properties'] : [];
  const properties = style === 'cloudformation' ? resource.body.Properties : resource.body;
  const get = (...keys: string[]): Field | undefined => walk(properties ?? null, propertiesPath, keys, style).field;
  const nearest = (...keys: string[]): NodePath => (properties === undefined ? [] : walk(properties, propertiesPath, keys, style).nearest);

  const containers: EcsContainer[] = [];
  let malformed: EcsTaskDefinition['malformed'];
  let containersUnknown = properties !== undefined && !isObject(properties);
  if (isObject(properties) && isUnknown(properties)) containersUnknown = true;
  const definitions = containersUnknown ? undefined : get('containerDefinitions');
  if (definitions) {
    let list: JsonValue = definitions.value;
    let fixedPath: NodePath | undefined;
    // A heredoc that interpolates an attribute: the JSON around the interpolations is read all the same.
    if (resource.artifact === 'terraform') list = terraformTemplateJson(list) ?? list;
    if (typeof list === 'string') {
      // Terraform heredoc / file(): a JSON string. The Terraform source map locates paths inside a heredoc
      // without interpolations, and stops at `container_definitions` otherwise.
      try {
        list = JSON.parse(list) as JsonValue;
        if (resource.artifact !== 'terraform') fixedPath = definitions.path;
      } catch {
        list = null;
        containersUnknown = true;
        malformed = { path: definitions.path, problem: 'are a string that is not valid JSON' };
      }
    }
    if (isUnknown(list) || (list !== null && !Array.isArray(list))) {
      containersUnknown = true;
      if (list !== null && !isUnknown(list)) malformed = { path: definitions.path, problem: `are ${isObject(list) ? 'an object' : `a ${typeof list}`}, not a list` };
    } else if (Array.isArray(list)) {
      list.forEach((item, index) => {
        if (!isObject(item) || isUnknown(item)) {
          containersUnknown = true;
          if (!isUnknown(item)) malformed ??= { path: fixedPath ?? [...definitions.path, index], problem: `have an entry (${index}) that is not an object` };
          return;
        }
        const path: NodePath = fixedPath ?? [...definitions.path, index];
        const nameKey = findKey(item, 'name', 'api');
        const rawName = nameKey === undefined ? undefined : asString(item[nameKey]);
        containers.push({
          name: rawName !== undefined && !isUnknown(rawName) ? rawName : `container[${index}]`,
          index,
          path,
          body: item,
          get: (...keys) => walk(item, path, keys, 'api', fixedPath).field,
          nearest: (...keys) => walk(item, path, keys, 'api', fixedPath).nearest,
        });
      });
    }
  }

  const volumes: EcsVolume[] = [];
  let volumesUnknown = containersUnknown && !isObject(properties);
  const volumeField = get('volumes');
  if (volumeField) {
    if (!Array.isArray(volumeField.value)) volumesUnknown = true;
    else {
      volumeField.value.forEach((item, index) => {
        if (!isObject(item) || isUnknown(item)) {
          volumesUnknown = true;
          return;
        }
        const path: NodePath = [...volumeField.path, index];
        const read = (...keys: string[]): Field | undefined => walk(item, path, keys, style).field;
        const nameField = read('name');
        volumes.push({
          name: typeof nameField?.value === 'string' ? nameField.value : `volume[${index}]`,
          path,
          body: item,
          get: read,
          nearest: (...keys) => walk(item, path, keys, style).nearest,
          hostSourcePath: () => {
            const host = read('host');
            if (host && !isObject(host.value)) return host; // unknown
            return read('host', 'sourcePath') ?? (style === 'terraform' ? read('hostPath') : undefined);
          },
        });
      });
    }
  }

  const view: EcsTaskDefinition = { resource, style, propertiesPath, get, nearest, containers, containersUnknown, volumes, volumesUnknown };
  if (malformed) view.malformed = malformed;
  return view;
}

/** A literal boolean, also when written as a string (`"true"` in YAML or a CloudFormation parameter default). */
export function booleanValue(value: JsonValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}

/** A literal string, upper-cased for enum comparisons (`host`, `HOST`); undefined for anything else. */
export function enumValue(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && !isUnknown(value) ? value.trim().toUpperCase() : undefined;
}

export interface EnvironmentEntry {
  index: number;
  /** Path of the entry (`environment[i]`). */
  path: NodePath;
  name: string | undefined;
  value: Field | undefined;
}

/** The container's `environment` entries (`Environment[].Name` / `.Value` in CloudFormation). */
export function environmentOf(container: EcsContainer): EnvironmentEntry[] {
  const list = container.get('environment');
  if (!list || !Array.isArray(list.value)) return [];
  const out: EnvironmentEntry[] = [];
  list.value.forEach((item, index) => {
    if (!isObject(item) || isUnknown(item)) return;
    // Definitions parsed from a JSON string have no positions of their own: every path is the container's.
    const fixed = list.inexact === true;
    const path: NodePath = fixed ? list.path : [...list.path, index];
    const nameKey = findKey(item, 'name', 'api');
    const valueKey = findKey(item, 'value', 'api');
    const rawName = nameKey === undefined ? undefined : item[nameKey];
    out.push({
      index,
      path,
      name: typeof rawName === 'string' && !isUnknown(rawName) ? rawName : undefined,
      value: valueKey === undefined || item[valueKey] === undefined ? undefined : { value: item[valueKey] ?? null, path: fixed ? path : [...path, valueKey] },
    });
  });
  return out;
}

/** Windows paths: a drive (`C:\\ProgramData`) or a named pipe (`\\\\.\\pipe\\docker_engine`). */
const WINDOWS_PATH = /^(?:[a-z]:[\\/]|[\\/]{2}[.?][\\/]pipe[\\/])/i;
/** Windows base images (Server Core, Nano Server, .NET Framework) and Windows shells. */
const WINDOWS_IMAGE = /^(?:mcr\.microsoft\.com\/(?:windows|dotnet\/framework)[/:@]|[^:@]*\/(?:servercore|nanoserver|windowsservercore)[:@/])|:[^/]*(?:servercore|nanoserver|windowsservercore|ltsc20\d\d)[^/]*$/i;
const WINDOWS_SHELL = /^(powershell(\.exe)?|pwsh\.exe|cmd\.exe)$/i;

/**
 * Task definitions for Windows: `runtimePlatform.operatingSystemFamily: WINDOWS_*`, or, since `runtimePlatform` is
 * optional on EC2, what only Windows tasks have: an FSx for Windows File Server volume, a host path or mount point on
 * a drive or a named pipe (`C:\\...`, `\\\\.\\pipe\\...`), a gMSA credential spec in `dockerSecurityOptions`, a Windows
 * base image or a Windows shell as the entry point. Linux-only settings (`user`, `readonlyRootFilesystem`,
 * `linuxParameters`) do not apply to them.
 */
export function isWindowsTask(task: EcsTaskDefinition): boolean {
  const family = enumValue(task.get('runtimePlatform', 'operatingSystemFamily')?.value);
  if (family !== undefined) return family.startsWith('WINDOWS');
  if (task.volumes.some((volume) => volume.get('fsxWindowsFileServerVolumeConfiguration') !== undefined || isWindowsPath(volume.hostSourcePath()?.value))) return true;
  return task.containers.some((container) => {
    if (WINDOWS_IMAGE.test(asString(container.get('image')?.value) ?? '')) return true;
    if (asArray(container.get('mountPoints')?.value).some((mount) => isWindowsPath(asObject(mount)?.containerPath ?? asObject(mount)?.ContainerPath))) return true;
    if (asArray(container.get('dockerSecurityOptions')?.value).some((option) => /^credentialspec:/i.test(asString(option) ?? ''))) return true;
    const words = asArray(container.get('entryPoint')?.value).length > 0 ? asArray(container.get('entryPoint')?.value) : asArray(container.get('command')?.value);
    // The program, by its file name (`C:\\Windows\\System32\\cmd.exe`), also when the whole command is one string.
    const [first, second] = words.flatMap((word) => (asString(word) ?? '').trim().split(/\s+/)).map((word) => word.split(/[\\/]/).pop() ?? '');
    // `cmd /c ...`: `cmd` alone could be a Linux binary of that name.
    return first !== undefined && (WINDOWS_SHELL.test(first) || (/^cmd$/i.test(first) && /^\/[cks]$/i.test(second ?? '')));
  });
}

function isWindowsPath(value: JsonValue | undefined): boolean {
  return typeof value === 'string' && WINDOWS_PATH.test(value);
}

/** A task definition for ECS Anywhere alone (`requiresCompatibilities: [EXTERNAL]`): the customer's own servers. */
export function isExternalOnly(task: EcsTaskDefinition): boolean {
  const compatibilities = (stringList(task.get('requiresCompatibilities')) ?? []).map((entry) => entry.value.toUpperCase());
  return compatibilities.length > 0 && compatibilities.every((entry) => entry === 'EXTERNAL');
}

/** Reads a string list (`requiresCompatibilities`, `capabilities.add`); undefined when it or an item is unknown. */
export function stringList(field: Field | undefined): Array<{ value: string; path: NodePath }> | undefined {
  if (!field) return [];
  if (!Array.isArray(field.value)) return undefined;
  const out: Array<{ value: string; path: NodePath }> = [];
  const fixed = field.inexact === true;
  for (const [index, item] of field.value.entries()) {
    if (typeof item !== 'string' || isUnknown(item)) return undefined;
    out.push({ value: item, path: fixed ? field.path : [...field.path, index] });
  }
  return out;
}
