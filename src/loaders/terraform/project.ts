import path from 'node:path';
import type { JsonObject, JsonValue, NodePath, ScanError } from '../../model/types.js';
import { unknownValue } from '../../util/unknown.js';
import { LineIndex } from '../line-index.js';
import type { Attribute, Block, Body, Expr, HclFile, Span } from './ast.js';
import { findAttribute, findBlocks } from './ast.js';
import { Evaluator, instanceKeySuffix, iterate, qualify, text, type EvalHost, type ModuleCallView, type ModuleInstanceView, type Scope } from './evaluate.js';
import { compareText, toNum, toStr, type FunctionContext, type ParsedTemplate } from './functions.js';
import { convert, parseType, type TypeSpec } from './type-constraints.js';
import { describeCycle, findCycles } from '../cycles.js';
import {
  collectRefs,
  EvalError,
  list,
  NULL,
  num,
  object,
  originOf,
  str,
  unknown,
  valuesEqual,
  type ObjectValue,
  type Origin,
  type Reference,
  type Value,
} from './values.js';
import { pushTo } from '../../util/collections.js';

/**
 * The Terraform project model: every directory of `.tf` files is a module; root modules (directories no
 * other scanned directory calls) are instantiated with their `.tfvars`, and local module calls instantiate
 * the called directory as a child, with the caller's inputs, once per `count` / `for_each` key.
 */

export type ResourceMode = 'managed' | 'data';

export interface ResourceDeclaration {
  mode: ResourceMode | 'ephemeral';
  type: string;
  name: string;
  file: HclFile;
  block: Block;
}

/**
 * A block that configures Terraform rather than declaring infrastructure, read because what it holds is committed
 * with the configuration: a `provider` block, a `terraform { backend "..." {} }` or `terraform { cloud {} }`.
 */
export interface SettingDeclaration {
  kind: 'provider' | 'backend';
  /** The provider's local name (`aws`), or the backend type (`s3`, `cloud`). */
  label: string;
  file: HclFile;
  block: Block;
}

/** A setting block evaluated in one module instance. */
export interface SettingInstance {
  declaration: SettingDeclaration;
  /** `provider.aws`, `provider.aws.west` (an alias), `module.app.provider.aws`; `terraform.backend.s3`. */
  address: string;
  body: ObjectValue;
}

interface VariableDeclaration {
  name: string;
  file: HclFile;
  block: Block;
  type?: TypeSpec;
  defaultExpr?: Expr;
  /** The file of the default when it comes from an override file. */
  defaultFile?: HclFile;
  nullable: boolean;
  /** `sensitive = true`: the configuration declares the value secret. */
  sensitive: boolean;
}

interface CallDeclaration {
  name: string;
  file: HclFile;
  block: Block;
  /** The called directory when the source is local (`./`, `../`), and the source as written. */
  childDir?: string;
  localSource?: string;
}

export class ModuleSource {
  readonly files: HclFile[] = [];
  /** Override files (`override.tf`, `*_override.tf`, `.tf.json` forms), merged by `applyOverrides`. */
  readonly overrideFiles: HclFile[] = [];
  readonly variables = new Map<string, VariableDeclaration>();
  readonly locals = new Map<string, { file: HclFile; attr: Attribute }>();
  readonly outputs = new Map<string, { file: HclFile; block: Block; value?: Attribute }>();
  readonly resources: ResourceDeclaration[] = [];
  readonly settings: SettingDeclaration[] = [];
  readonly declared = new Set<string>();
  readonly calls = new Map<string, CallDeclaration>();
  /** A file of this directory did not parse: references into it are not reported as undeclared. */
  broken = false;
  /**
   * Some of this directory's files were named alone (not found by walking the directory): its other files may be
   * missing from the scan, so names it does not declare are unknown rather than undeclared.
   */
  partial = false;
  /** Second declarations of a name (Terraform refuses the module; both are kept here). */
  readonly duplicates: Array<{ file: HclFile; block: Block; message: string }> = [];
  private readonly firstDeclared = new Map<string, { file: HclFile; block: Block }>();

  constructor(readonly dir: string) {}

  addFile(file: HclFile): void {
    this.files.push(file);
    for (const item of file.body.items) {
      if (item.kind !== 'block') continue;
      const [first, second] = item.labels;
      this.checkDuplicate(file, item);
      switch (item.type) {
        case 'variable':
          if (first !== undefined) this.addVariable(first, file, item);
          break;
        case 'locals':
          for (const attr of item.body.items) if (attr.kind === 'attribute') this.locals.set(attr.name, { file, attr });
          break;
        case 'output':
          if (first !== undefined) this.addOutput(first, file, item);
          break;
        case 'resource':
        case 'data':
        case 'ephemeral':
          if (first !== undefined && second !== undefined) {
            const mode = item.type === 'resource' ? 'managed' : item.type;
            this.resources.push({ mode, type: first, name: second, file, block: item });
            this.declared.add(`${mode}.${first}.${second}`);
          }
          break;
        case 'module':
          if (first !== undefined) this.addCall(first, file, item);
          break;
        case 'provider':
          if (first !== undefined) this.settings.push({ kind: 'provider', label: first, file, block: item });
          break;
        case 'terraform':
          for (const nested of item.body.items) {
            if (nested.kind !== 'block') continue;
            const label = nested.type === 'cloud' ? 'cloud' : nested.type === 'backend' ? nested.labels[0] : undefined;
            if (label !== undefined) this.settings.push({ kind: 'backend', label, file, block: nested });
          }
          break;
        default:
          break;
      }
    }
  }

  addOverrideFile(file: HclFile): void {
    this.overrideFiles.push(file);
  }

  /**
   * Merges the override files into the blocks they override, as Terraform does after loading the other files:
   * override files in lexical order of their names, blocks in file order; a top-level block merges into the
   * block with the same header: each argument replaces the argument of the same name, nested blocks of a type
   * replace all nested blocks of that type (a resource's `lifecycle` is merged argument by argument), `locals`
   * value by value. Returns what Terraform refuses (an override without a block to override, `depends_on`).
   */
  applyOverrides(): Array<{ file: HclFile; span: Span; message: string }> {
    const problems: Array<{ file: HclFile; span: Span; message: string }> = [];
    const files = [...this.overrideFiles].sort((a, b) => compareText(path.posix.basename(a.path), path.posix.basename(b.path)));
    for (const file of files) {
      for (const item of file.body.items) {
        if (item.kind !== 'block') continue;
        const missing = (what: string): void => {
          if (!this.partial) problems.push({ file, span: item, message: `missing ${what} to override: an override file can only override a block declared in the module's other files` });
        };
        const dependsOn = ['resource', 'data', 'output', 'ephemeral'].includes(item.type) ? findAttribute(item.body, 'depends_on') : undefined;
        if (dependsOn) problems.push({ file, span: dependsOn, message: 'depends_on may not be used in override blocks: ignored' });
        const [first, second] = item.labels;
        switch (item.type) {
          case 'resource':
          case 'data':
          case 'ephemeral': {
            const mode = item.type === 'resource' ? 'managed' : item.type;
            const declaration = this.resources.find((candidate) => candidate.mode === mode && candidate.type === first && candidate.name === second);
            if (!declaration) missing(`${item.type === 'resource' ? 'resource' : `${item.type} resource`} "${first ?? ''}" "${second ?? ''}"`);
            else declaration.block = { ...declaration.block, body: mergeBody(declaration.block.body, withoutDependsOn(item.body), file, true) };
            break;
          }
          case 'variable': {
            const declaration = first === undefined ? undefined : this.variables.get(first);
            if (!declaration || first === undefined) missing(`variable "${first ?? ''}"`);
            else this.addVariable(first, declaration.file, { ...declaration.block, body: mergeBody(declaration.block.body, item.body, file, false) });
            break;
          }
          case 'output': {
            const entry = first === undefined ? undefined : this.outputs.get(first);
            if (!entry || first === undefined) missing(`output "${first ?? ''}"`);
            else this.addOutput(first, entry.file, { ...entry.block, body: mergeBody(entry.block.body, withoutDependsOn(item.body), file, false) });
            break;
          }
          case 'module': {
            const call = first === undefined ? undefined : this.calls.get(first);
            if (!call || first === undefined) missing(`module call "${first ?? ''}"`);
            else this.addCall(first, call.file, { ...call.block, body: mergeBody(call.block.body, item.body, file, false) });
            break;
          }
          case 'locals':
            for (const attr of item.body.items) {
              if (attr.kind !== 'attribute') continue;
              if (!this.locals.has(attr.name)) {
                if (!this.partial) problems.push({ file, span: attr, message: `missing local value "${attr.name}" to override: an override file can only override a value declared in the module's other files` });
                continue;
              }
              this.locals.set(attr.name, { file, attr });
            }
            break;
          default:
            break; // provider, terraform, ...: not modelled
        }
      }
    }
    return problems;
  }

  private checkDuplicate(file: HclFile, block: Block): void {
    const labels = DECLARATION_LABELS[block.type];
    if (labels === undefined || block.labels.length < labels) return;
    const key = [block.type, ...block.labels.slice(0, labels)].join('\u0000');
    const earlier = this.firstDeclared.get(key);
    if (!earlier) {
      this.firstDeclared.set(key, { file, block });
      return;
    }
    const line = earlier.file.text.slice(0, earlier.block.start).split('\n').length;
    const what = `${block.type} ${block.labels
      .slice(0, labels)
      .map((label) => JSON.stringify(label))
      .join(' ')}`;
    this.duplicates.push({ file, block, message: `duplicate ${what}: already declared in ${earlier.file.path} line ${line}` });
  }

  private addVariable(name: string, file: HclFile, block: Block): void {
    const declaration: VariableDeclaration = { name, file, block, nullable: true, sensitive: false };
    const defaultAttr = findAttribute(block.body, 'default');
    if (defaultAttr) {
      declaration.defaultExpr = defaultAttr.expr;
      if (defaultAttr.file) declaration.defaultFile = defaultAttr.file;
    }
    const nullable = findAttribute(block.body, 'nullable');
    if (nullable?.expr.k === 'literal' && nullable.expr.value === false) declaration.nullable = false;
    const sensitive = findAttribute(block.body, 'sensitive');
    if (sensitive?.expr.k === 'literal' && sensitive.expr.value === true) declaration.sensitive = true;
    this.variables.set(name, declaration);
  }

  private addOutput(name: string, file: HclFile, block: Block): void {
    const entry: { file: HclFile; block: Block; value?: Attribute } = { file, block };
    const value = findAttribute(block.body, 'value');
    if (value) entry.value = value;
    this.outputs.set(name, entry);
  }

  private addCall(name: string, file: HclFile, block: Block): void {
    const declaration: CallDeclaration = { name, file, block };
    const source = findAttribute(block.body, 'source');
    if (source?.expr.k === 'literal' && typeof source.expr.value === 'string' && /^\.\.?(\/|$)/.test(source.expr.value)) {
      declaration.childDir = normalizeDir(path.posix.join(this.dir, source.expr.value));
      declaration.localSource = source.expr.value;
    }
    this.calls.set(name, declaration);
  }
}

/** Override files: `override.tf`, `*_override.tf` and their `.tf.json` forms. */
export function isOverrideFile(filePath: string): boolean {
  return /(^|[\\/])(override|[^\\/]*_override)\.tf(\.json)?$/i.test(filePath);
}

function withoutDependsOn(body: Body): Body {
  return { items: body.items.filter((item) => !(item.kind === 'attribute' && item.name === 'depends_on')) };
}

/** The type a nested block stands for: `dynamic "ingress"` stands for `ingress` blocks. */
function nestedType(block: Block): string {
  return block.type === 'dynamic' ? (block.labels[0] ?? 'dynamic') : block.type;
}

/**
 * Terraform's override merge of one body: arguments replace arguments of the same name; the nested blocks of a
 * type replace all blocks of that type (`lifecycle` merged argument by argument when `mergeLifecycle`). Items
 * from the override carry their file.
 */
function mergeBody(base: Body, override: Body, file: HclFile, mergeLifecycle: boolean): Body {
  const items: Array<Attribute | Block> = [...base.items];
  const overrideBlocks = new Map<string, Block[]>();
  for (const item of override.items) {
    if (item.kind === 'attribute') {
      const tagged: Attribute = item.file ? item : { ...item, file };
      const index = items.findIndex((candidate) => candidate.kind === 'attribute' && candidate.name === item.name);
      if (index >= 0) items[index] = tagged;
      else items.push(tagged);
      continue;
    }
    const tagged: Block = item.file ? item : { ...item, file };
    if (mergeLifecycle && item.type === 'lifecycle') {
      const index = items.findIndex((candidate) => candidate.kind === 'block' && candidate.type === 'lifecycle');
      const existing = items[index];
      if (index >= 0 && existing?.kind === 'block') items[index] = { ...existing, body: mergeBody(existing.body, item.body, file, false) };
      else items.push(tagged);
      continue;
    }
    const type = nestedType(item);
    pushTo(overrideBlocks, type, tagged);
  }
  if (overrideBlocks.size === 0) return { items };
  const out: Array<Attribute | Block> = [];
  const placed = new Set<string>();
  for (const item of items) {
    const type = item.kind === 'block' ? nestedType(item) : undefined;
    const replacement = type === undefined ? undefined : overrideBlocks.get(type);
    if (type === undefined || !replacement) {
      out.push(item);
      continue;
    }
    if (!placed.has(type)) out.push(...replacement);
    placed.add(type);
  }
  for (const [type, blocks] of overrideBlocks) if (!placed.has(type)) out.push(...blocks);
  return { items: out };
}

/** Block types whose labels name a declaration, and how many labels do. */
const DECLARATION_LABELS: Record<string, number> = { resource: 2, data: 2, ephemeral: 2, variable: 1, output: 1, module: 1 };

export function normalizeDir(dir: string): string {
  const normalized = path.posix.normalize(dir.replace(/\\/g, '/'));
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** One evaluated resource (or data source) instance. */
export interface ResourceInstance {
  declaration: ResourceDeclaration;
  address: string;
  module: string;
  rootDir: string;
  moduleDir: string;
  key?: number | string;
  expansion: 'single' | 'count' | 'for_each' | 'unknown';
  uncertain: boolean;
  body: ObjectValue;
  /** Meta-argument references (`depends_on`, `count`, `for_each`): not part of the body. */
  metaReferences: Array<{ path: NodePath; ref: Reference }>;
}

export interface ProjectOptions {
  readFile(filePath: string): string | undefined;
  /** A file of the scan parsed as a string template (`templatefile()`). */
  template?(filePath: string): ParsedTemplate | undefined;
  /** Hard limit on the depth of module calls (cycles are cut earlier). */
  maxModuleDepth: number;
  /** Instances per `count` / `for_each` beyond which the rest are left out (with a warning). */
  maxInstances: number;
  /**
   * The directory where `terraform init` installed the module call `key` (call names joined by `.`, as in
   * `.terraform/modules/modules.json`) of the root module in `rootDir`; undefined when not installed.
   */
  installedModule?: (rootDir: string, key: string) => string | undefined;
  /**
   * The other spelling of a path of the scan: the scan shows paths below the working directory relative and
   * others absolute, so `../mod` from `root/` can be `/abs/mod`. Undefined when there is none.
   */
  otherSpelling?: (filePath: string) => string | undefined;
  /** Whether `--exclude` or .gitignore left this directory out of the scan. */
  omitted?: (dir: string) => boolean;
}

/** A directory below a `.terraform` directory (modules installed by `terraform init`). */
export function isInstalledModuleDir(dir: string): boolean {
  return /(^|\/)\.terraform(\/|$)/.test(dir);
}

interface Problem extends ScanError {
  severity: 'error' | 'warning' | 'notice';
}

const META_ATTRIBUTES = new Set(['count', 'for_each', 'provider', 'depends_on']);
const META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);
const MODULE_META = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

export class Project {
  readonly evaluator = new Evaluator();
  readonly problems: Problem[] = [];
  private readonly seenProblems = new Set<string>();
  private readonly lineIndexes = new Map<HclFile, LineIndex>();

  constructor(
    readonly modules: ReadonlyMap<string, ModuleSource>,
    readonly options: ProjectOptions,
  ) {}

  /** The scanned module in `dir`, however the scan spells that directory. */
  moduleAt(dir: string): ModuleSource | undefined {
    const other = this.modules.has(dir) ? undefined : this.options.otherSpelling?.(dir);
    return this.modules.get(dir) ?? (other === undefined ? undefined : this.modules.get(other));
  }

  private readonly uninstalled: Array<{ file: HclFile; span: Span; name: string }> = [];

  /** A module call whose registry or Git source `terraform init` has not installed in the scan. */
  notInstalled(file: HclFile, span: Span, name: string): void {
    if (!this.uninstalled.some((entry) => entry.file === file && entry.span.start === span.start)) this.uninstalled.push({ file, span, name });
  }

  /** One notice for every module call whose source is not installed: their resources are not checked. */
  reportNotInstalled(): void {
    // The first in file order; the others counted, and their directories named (a monorepo has a root per folder).
    const sorted = [...this.uninstalled].sort((a, b) => compareText(a.file.path, b.file.path) || a.span.start - b.span.start);
    const [first, ...others] = sorted;
    if (!first) return;
    const dirs = [...new Set(sorted.map((entry) => entry.file.dir))];
    const shown = dirs.slice(0, 5).join(', ') + (dirs.length > 5 ? ` and ${dirs.length - 5} more` : '');
    const where = dirs.length > 1 ? `, in ${dirs.length} directories: ${shown}` : '';
    const also = others.length === 0 ? '' : ` (and ${others.length} more module call${others.length === 1 ? '' : 's'}${where})`;
    this.report(
      first.file,
      first.span,
      `module "${first.name}"${also}: its registry or Git source is not installed in the scan (.terraform/modules): its resources are not checked; run terraform init and scan the root module with its .terraform directory`,
      'notice',
    );
  }

  report(file: HclFile, span: Span, message: string, severity: 'error' | 'warning' | 'notice'): void {
    let lines = this.lineIndexes.get(file);
    if (!lines) this.lineIndexes.set(file, (lines = new LineIndex(file.text)));
    const line = lines.position(span.start).line;
    const key = `${file.path}\u0000${span.start}\u0000${message}`;
    if (this.seenProblems.has(key)) return;
    this.seenProblems.add(key);
    this.problems.push({ path: file.path, line, message, severity });
  }

  /** Directories that no other scanned directory calls as a local module (plus those only reachable through cycles). */
  roots(): string[] {
    const called = new Set<string>();
    for (const module of this.modules.values()) {
      for (const call of module.calls.values()) {
        const child = call.childDir === undefined ? undefined : this.moduleAt(call.childDir);
        if (child && child !== module) called.add(child.dir);
      }
    }
    // Installed modules (`.terraform/modules/...`) are only evaluated through the calls of their root module.
    // (Unless the scan holds nothing else: a directory below `.terraform` scanned on purpose.)
    const outside = [...this.modules.keys()].filter((dir) => !isInstalledModuleDir(dir));
    const candidates = outside.length > 0 ? outside : [...this.modules.keys()];
    const roots = candidates.filter((dir) => !called.has(dir)).sort();
    const reached = new Set<string>();
    const visit = (dir: string): void => {
      if (reached.has(dir)) return;
      reached.add(dir);
      for (const call of this.modules.get(dir)?.calls.values() ?? []) {
        const child = call.childDir === undefined ? undefined : this.moduleAt(call.childDir);
        if (child) visit(child.dir);
      }
    };
    roots.forEach(visit);
    for (const dir of candidates.sort()) {
      if (reached.has(dir)) continue;
      roots.push(dir);
      visit(dir);
    }
    return roots;
  }

  /** Evaluates a root module and everything it calls. */
  evaluateRoot(dir: string, inputs: ReadonlyMap<string, Value>): { resources: ResourceInstance[]; settings: SettingInstance[] } {
    const source = this.modules.get(dir);
    if (!source) return { resources: [], settings: [] };
    const instance = new ModuleInstance(this, source, '', dir, (name) => inputs.get(name), [dir]);
    const resources: ResourceInstance[] = [];
    const settings: SettingInstance[] = [];
    instance.collect(resources, settings);
    this.reportCycles(resources);
    return { resources, settings };
  }

  /**
   * Resources (and data sources) that refer to each other in a loop, through their arguments, `count` /
   * `for_each`, `depends_on`, or locals, variables and module outputs in between (values keep the references
   * they come from): Terraform refuses the configuration ("Cycle: ..."). Reported once per cycle at the block of
   * its first resource (the outermost module's, then in file order); resource attributes are unknown values
   * anyway, so nothing else changes. The graph is one of resource blocks per module instance, as Terraform's:
   * instances of one block share a node. Lifecycle and provisioner blocks are not read (no edges from them).
   */
  private reportCycles(instances: readonly ResourceInstance[]): void {
    const nodeOf = (instance: ResourceInstance): string =>
      qualify(instance.module, `${instance.declaration.mode === 'data' ? 'data.' : ''}${instance.declaration.type}.${instance.declaration.name}`);
    const byNode = new Map<string, ResourceInstance[]>();
    const byAddress = new Map<string, string>();
    for (const instance of instances) {
      const node = nodeOf(instance);
      pushTo(byNode, node, instance);
      byAddress.set(instance.address, node);
    }
    const target = (address: string): string | undefined => {
      const exact = byAddress.get(address) ?? (byNode.has(address) ? address : undefined);
      if (exact !== undefined) return exact;
      const base = address.replace(INSTANCE_KEY, '');
      return byNode.has(base) ? base : undefined;
    };
    const edges = new Map<string, string[]>();
    for (const [node, list] of byNode) {
      const targets = new Set<string>();
      for (const instance of list) {
        for (const { ref } of [...referencesIn(instance.body), ...instance.metaReferences]) {
          const to = target(ref.address);
          if (to !== undefined) targets.add(to);
        }
      }
      edges.set(node, [...targets]);
    }
    // The calling module's resources first, then by file and position.
    const position = (node: string): [number, string, number] => {
      const first = byNode.get(node)?.[0];
      return [first?.module.split('module.').length ?? 0, first?.declaration.file.path ?? '', first?.declaration.block.start ?? 0];
    };
    const nodes = [...byNode.keys()].sort((a, b) => {
      const [depthA, fileA, startA] = position(a);
      const [depthB, fileB, startB] = position(b);
      return depthA - depthB || compareText(fileA, fileB) || startA - startB || compareText(a, b);
    });
    for (const cycle of findCycles(nodes, (node) => edges.get(node) ?? [])) {
      const declaration = byNode.get(cycle[0] as string)?.[0]?.declaration;
      if (!declaration) continue;
      const message =
        cycle.length === 2
          ? `${cycle[0]} refers to itself, which Terraform refuses ("Self-referential block"); the values it reads from itself stay unknown`
          : `cycle between resources ${describeCycle(cycle)}: Terraform refuses this configuration ("Cycle"); the values along the cycle stay unknown`;
      this.report(declaration.file, declaration.block, message, 'error');
    }
  }
}

type InputLookup = (name: string) => Value | undefined;

const IN_PROGRESS = Symbol('in progress');
/** The instance key at the end of a resource address (`[0]`, `["a.b"]`). */
const INSTANCE_KEY = /\[(?:\d+|"(?:[^"\\]|\\.)*")\]$/;

class ModuleInstance implements EvalHost {
  readonly dir: string;
  readonly functions: FunctionContext;
  private readonly variableCache = new Map<string, Value | typeof IN_PROGRESS>();
  private readonly localCache = new Map<string, Value | typeof IN_PROGRESS>();
  private readonly outputCache = new Map<string, Value | typeof IN_PROGRESS>();
  private readonly callCache = new Map<string, { view: ModuleCallView; children: ModuleInstance[] }>();

  constructor(
    private readonly project: Project,
    readonly source: ModuleSource,
    readonly address: string,
    readonly rootDir: string,
    private readonly inputs: InputLookup,
    private readonly chain: readonly string[],
    /** This module instance may not exist (its call's count / for_each is unknown, or so is a caller's). */
    readonly uncertain = false,
    /** Names of the module calls leading here from the root (`['eks', 'kms']`), instance keys left out. */
    readonly keyPath: readonly string[] = [],
  ) {
    this.dir = source.dir;
    const dir = source.dir;
    this.functions = {
      moduleDir: dir,
      // Terraform reads relative paths from the working directory (the root module); `path.module` values here
      // are relative to the scan, hence the second try.
      readFile: (filePath) => {
        const found = this.filePath(filePath, rootDir);
        const text = project.options.readFile(found);
        return text === undefined ? undefined : { path: found, text };
      },
      template: (filePath) => project.options.template?.(this.filePath(filePath, rootDir)),
    };
  }

  /** A path as `file()` takes it, as the scan spells it: relative to the root module first, else to the scan. */
  private filePath(filePath: string, rootDir: string): string {
    if (!path.posix.isAbsolute(filePath)) {
      const fromRoot = normalizeDir(path.posix.join(rootDir, filePath));
      if (this.project.options.readFile(fromRoot) !== undefined) return fromRoot;
    }
    return normalizeDir(filePath);
  }

  private scope(file: HclFile, vars: ReadonlyMap<string, Value> = new Map()): Scope {
    return { host: this, file, vars };
  }

  report(file: HclFile, span: Span, message: string, severity: 'error' | 'warning'): void {
    if (severity === 'error' && this.source.broken) severity = 'warning';
    this.project.report(file, span, message, severity);
  }

  get partial(): boolean {
    return this.source.partial;
  }

  declares(mode: 'managed' | 'data' | 'ephemeral', type: string, name: string): boolean {
    return this.source.declared.has(`${mode}.${type}.${name}`) || this.source.broken;
  }

  private memo(cache: Map<string, Value | typeof IN_PROGRESS>, name: string, compute: () => Value, cycleText: string, site?: { file: HclFile; span: Span }): Value {
    const cached = cache.get(name);
    if (cached === IN_PROGRESS) {
      if (site) this.report(site.file, site.span, `${cycleText} depends on itself (a cycle): unknown`, 'error');
      return unknown(cycleText);
    }
    if (cached) return cached;
    cache.set(name, IN_PROGRESS);
    let value: Value;
    try {
      value = compute();
    } catch (error) {
      cache.delete(name);
      throw error;
    }
    cache.set(name, value);
    return value;
  }

  variable(name: string): Value | undefined {
    const declaration = this.source.variables.get(name);
    if (!declaration) return undefined;
    return this.memo(this.variableCache, name, () => this.computeVariable(declaration), `var.${name}`);
  }

  private computeVariable(declaration: VariableDeclaration): Value {
    const given = this.inputs(declaration.name);
    let value: Value | undefined = given;
    const useDefault = value === undefined || (value.t === 'null' && !declaration.nullable);
    if (useDefault) {
      value = declaration.defaultExpr ? this.project.evaluator.evaluateSafely(declaration.defaultExpr, this.scope(declaration.defaultFile ?? declaration.file)) : undefined;
    }
    if (!value) return unknown(`var.${declaration.name}`);
    const typeAttr = findAttribute(declaration.block.body, 'type');
    if (!typeAttr) return value;
    declaration.type ??= parseType(typeAttr.expr, (expr) => this.project.evaluator.evaluateSafely(expr, this.scope(typeAttr.file ?? declaration.file)));
    return convert(value, declaration.type);
  }

  local(name: string): Value | undefined {
    const entry = this.source.locals.get(name);
    if (!entry) return undefined;
    return this.memo(this.localCache, name, () => this.project.evaluator.evaluateSafely(entry.attr.expr, this.scope(entry.file)), `local.${name}`, {
      file: entry.file,
      span: entry.attr,
    });
  }

  output(name: string): Value | undefined {
    const entry = this.source.outputs.get(name);
    if (!entry) return undefined;
    return this.memo(
      this.outputCache,
      name,
      () => (entry.value ? this.project.evaluator.evaluateSafely(entry.value.expr, this.scope(entry.value.file ?? entry.file)) : NULL),
      `module output ${name}`,
    );
  }

  moduleCall(name: string): ModuleCallView | undefined {
    return this.expandCall(name)?.view;
  }

  private expandCall(name: string): { view: ModuleCallView; children: ModuleInstance[] } | undefined {
    const cached = this.callCache.get(name);
    if (cached) return cached;
    const declaration = this.source.calls.get(name);
    if (!declaration) return undefined;
    const address = qualify(this.address, `module.${name}`);
    const unresolved = { view: { kind: 'unresolved', address } as ModuleCallView, children: [] };
    // Guard against re-entry while expanding (count depending on the module's own outputs).
    this.callCache.set(name, unresolved);
    let childSource = declaration.childDir !== undefined ? this.project.moduleAt(declaration.childDir) : undefined;
    if (!childSource) {
      // Registry, Git, ... sources: the copy `terraform init` installed, when it is in the scan.
      const installed = this.project.options.installedModule?.(this.rootDir, [...this.keyPath, name].join('.'));
      childSource = installed !== undefined ? this.project.modules.get(installed) : undefined;
    }
    if (!childSource) {
      // A local module the scan does not hold (outside the scanned paths, or missing): say so, its resources go unchecked.
      const source = declaration.localSource ?? declaration.childDir;
      if (declaration.childDir !== undefined && this.project.options.omitted?.(declaration.childDir) === true) {
        this.project.report(declaration.file, declaration.block, `module "${name}": its source "${source}" was left out of the scan (--exclude or .gitignore): its resources are not checked`, 'notice');
      } else if (declaration.childDir !== undefined) {
        this.report(declaration.file, declaration.block, `module "${name}": its source "${source}" is not in the scan (outside the scanned paths, or missing): its resources are not checked; scan a folder that holds both`, 'error');
      } else {
        this.project.notInstalled(declaration.file, declaration.block, name);
      }
      return unresolved;
    }
    if (this.chain.includes(childSource.dir) || this.chain.length >= this.project.options.maxModuleDepth) {
      this.report(declaration.file, declaration.block, `module "${name}" calls ${childSource.dir}, which is already being evaluated (a cycle) or too deep: not evaluated`, 'error');
      return unresolved;
    }
    // As `terraform validate` says: a variable without a default that the call does not set (it is unknown here).
    if (!childSource.partial && !childSource.broken) {
      const missing = [...childSource.variables.values()].filter((variable) => variable.defaultExpr === undefined && !findAttribute(declaration.block.body, variable.name)).map((variable) => `"${variable.name}"`);
      if (missing.length > 0) this.report(declaration.file, declaration.block, `module "${name}": required variable${missing.length === 1 ? '' : 's'} ${missing.sort().join(', ')} not set by the call (Terraform refuses it); unknown here`, 'error');
    }
    const expansion = this.expansion(declaration.block.body, declaration.file, `module "${name}"`, false);
    const children: ModuleInstance[] = [];
    for (const instance of expansion.instances) {
      const childAddress = instance.key === undefined ? address : `${address}${instanceKeySuffix(instance.key)}`;
      const scope = this.scope(declaration.file, instance.vars);
      const inputCache = new Map<string, Value>();
      const lookup: InputLookup = (input) => {
        if (MODULE_META.has(input)) return undefined;
        const cachedInput = inputCache.get(input);
        if (cachedInput) return cachedInput;
        const attr = findAttribute(declaration.block.body, input);
        if (!attr) return undefined;
        const value = this.project.evaluator.evaluateSafely(attr.expr, attr.file ? { ...scope, file: attr.file } : scope);
        inputCache.set(input, value);
        return value;
      };
      const uncertain = this.uncertain || expansion.kind === 'unknown' || instance.uncertain === true;
      children.push(new ModuleInstance(this.project, childSource, childAddress, this.rootDir, lookup, [...this.chain, childSource.dir], uncertain, [...this.keyPath, name]));
    }
    let view: ModuleCallView;
    if (expansion.kind === 'unknown') view = { kind: 'unknown', address, refs: expansion.refs };
    else {
      const views: ModuleInstanceView[] = children.map((child, index) => {
        const key = expansion.instances[index]?.key;
        const entry: ModuleInstanceView = {
          incomplete: child.source.partial || child.source.broken,
          output: (output) => child.output(output),
          outputNames: () => [...child.source.outputs.keys()],
        };
        if (key !== undefined) entry.key = key;
        return entry;
      });
      view = { kind: 'expanded', address, expansion: expansion.kind, instances: views };
    }
    const result = { view, children };
    this.callCache.set(name, result);
    return result;
  }

  /**
   * Instances of a resource or module call from its `count` / `for_each`. `countChoices`: a count an unknown
   * condition chooses among known numbers expands its largest choice (resources only: a module's outputs read as
   * `module.m[*].x` would then be a whole list where there may be none).
   */
  private expansion(
    body: Body,
    file: HclFile,
    what: string,
    countChoices: boolean,
  ): { kind: 'single' | 'count' | 'for_each' | 'unknown'; instances: Array<{ key?: number | string; vars: Map<string, Value>; uncertain?: boolean }>; refs: Reference[]; metaRefs: Reference[] } {
    const countAttr = findAttribute(body, 'count');
    const forEachAttr = findAttribute(body, 'for_each');
    const evaluator = this.project.evaluator;
    const limit = this.project.options.maxInstances;
    if (countAttr) {
      const scope = this.scope(countAttr.file ?? file);
      const count = evaluator.evaluateSafely(countAttr.expr, scope);
      const metaRefs = collectRefs([count]);
      if (count.t === 'unknown') {
        // `enabled ? length(var.list) : 0`: the instances of the largest known outcome, uncertain beyond the smallest.
        const sizes = countChoices ? conditionalAlternatives(countAttr.expr, (expr) => evaluator.evaluateSafely(expr, scope))?.map(instanceCount) : undefined;
        if (sizes && sizes.every((size): size is number => size !== undefined)) {
          const largest = Math.max(...sizes);
          if (largest > limit) this.report(countAttr.file ?? file, countAttr, `${what}: count of up to ${largest}: only the first ${limit} instances are evaluated`, 'warning');
          const most = Math.min(largest, limit);
          const least = Math.min(...sizes);
          const instances = [];
          for (let index = 0; index < most; index++) {
            instances.push({ key: index, vars: new Map<string, Value>([['count', object(new Map([['index', num(index)]]))]]), uncertain: index >= least });
          }
          return { kind: 'count', instances, refs: [], metaRefs };
        }
        const vars = new Map<string, Value>([['count', object(new Map([['index', unknown('count.index')]]))]]);
        return { kind: 'unknown', instances: [{ vars }], refs: count.refs.slice(), metaRefs };
      }
      let n: number;
      try {
        n = count.t === 'null' ? 0 : toNum(count);
      } catch {
        this.report(countAttr.file ?? file, countAttr, `${what}: count is not a number`, 'warning');
        n = 0;
      }
      if (n > limit) {
        this.report(countAttr.file ?? file, countAttr, `${what}: count of ${n}: only the first ${limit} instances are evaluated`, 'warning');
        n = limit;
      }
      const instances = [];
      for (let index = 0; index < n; index++) {
        instances.push({ key: index, vars: new Map<string, Value>([['count', object(new Map([['index', num(index)]]))]]) });
      }
      return { kind: 'count', instances, refs: [], metaRefs };
    }
    if (forEachAttr) {
      const scope = this.scope(forEachAttr.file ?? file);
      const collection = evaluator.evaluateSafely(forEachAttr.expr, scope);
      const metaRefs = collectRefs([collection]);
      const unknownEach = (refs: Reference[]): ReturnType<ModuleInstance['expansion']> => {
        const each = object(
          new Map<string, Value>([
            ['key', unknown('each.key', refs)],
            ['value', unknown('each.value', refs)],
          ]),
        );
        return { kind: 'unknown', instances: [{ vars: new Map([['each', each]]) }], refs, metaRefs };
      };
      let pairs: Array<[string, Value]>;
      // Keys that exist only for one outcome of an unknown condition (`enabled ? var.map : {}`).
      let uncertainKeys: ReadonlySet<string> = new Set();
      try {
        if (collection.t === 'unknown') {
          const alternatives = conditionalAlternatives(forEachAttr.expr, (expr) => evaluator.evaluateSafely(expr, scope));
          const merged = alternatives && mergeAlternatives(alternatives.map(forEachPairs));
          if (!merged) return unknownEach(collection.refs.slice());
          ({ pairs, uncertainKeys } = merged);
        } else {
          const known = forEachPairs(collection);
          if (!known) return unknownEach(collection.t === 'list' ? collectRefs(collection.items) : []);
          pairs = known;
        }
      } catch (error) {
        if (!(error instanceof EvalError)) throw error;
        this.report(forEachAttr.file ?? file, forEachAttr, `${what}: ${error.message}`, 'warning');
        return unknownEach([]);
      }
      if (pairs.length > limit) {
        this.report(forEachAttr.file ?? file, forEachAttr, `${what}: ${pairs.length} for_each keys: only the first ${limit} are evaluated`, 'warning');
        pairs = pairs.slice(0, limit);
      }
      return {
        kind: 'for_each',
        instances: pairs.map(([key, value]) => ({
          key,
          vars: new Map<string, Value>([['each', object(new Map<string, Value>([['key', str(key)], ['value', value]]))]]),
          uncertain: uncertainKeys.has(key) || (value.t === 'unknown' && value.maybeAbsent === true),
        })),
        refs: [],
        metaRefs,
      };
    }
    return { kind: 'single', instances: [{ vars: new Map() }], refs: [], metaRefs: [] };
  }

  /** Evaluates this instance's resources and data sources, then those of the modules it calls; and the setting blocks of each. */
  collect(out: ResourceInstance[], settings: SettingInstance[]): void {
    for (const declaration of this.source.resources) {
      if (declaration.mode === 'ephemeral') continue;
      const mode = declaration.mode;
      const local = `${mode === 'data' ? 'data.' : ''}${declaration.type}.${declaration.name}`;
      const base = qualify(this.address, local);
      const expansion = this.expansion(declaration.block.body, declaration.file, `${mode === 'data' ? 'data' : 'resource'} "${declaration.type}" "${declaration.name}"`, true);
      const metaReferences: Array<{ path: NodePath; ref: Reference }> = [
        ...expansion.metaRefs.map((ref) => ({ path: [findAttribute(declaration.block.body, 'count') ? 'count' : 'for_each'], ref })),
        ...this.dependsOn(declaration.block.body).map((ref) => ({ path: ['depends_on'], ref })),
      ];
      for (const instance of expansion.instances) {
        const scope = this.scope(declaration.file, instance.vars);
        const body = this.evaluateBody(declaration.block.body, scope, true);
        const result: ResourceInstance = {
          declaration,
          address: instance.key === undefined ? base : `${base}${instanceKeySuffix(instance.key)}`,
          module: this.address,
          rootDir: this.rootDir,
          moduleDir: this.dir,
          expansion: expansion.kind,
          uncertain: this.uncertain || expansion.kind === 'unknown' || instance.uncertain === true,
          body: { ...body, origin: originOf(declaration.file, declaration.block) },
          metaReferences,
        };
        if (instance.key !== undefined) result.key = instance.key;
        out.push(result);
      }
    }
    for (const declaration of this.source.settings) {
      const body = this.evaluateBody(declaration.block.body, this.scope(declaration.file), false);
      const alias = body.entries.get('alias');
      const local = declaration.kind === 'backend' ? `terraform.backend.${declaration.label}` : `provider.${declaration.label}${alias?.t === 'string' ? `.${alias.value}` : ''}`;
      settings.push({ declaration, address: qualify(this.address, local), body: { ...body, origin: originOf(declaration.file, declaration.block) } });
    }
    for (const name of this.source.calls.keys()) {
      for (const child of this.expandCall(name)?.children ?? []) child.collect(out, settings);
    }
  }

  /** `depends_on = [aws_iam_role.x, module.y]`: addresses, read from the syntax. */
  private dependsOn(body: Body): Reference[] {
    const attr = findAttribute(body, 'depends_on');
    if (!attr || attr.expr.k !== 'tuple') return [];
    const refs: Reference[] = [];
    for (const item of attr.expr.items) {
      const written = traversalText(item);
      if (written) refs.push({ address: qualify(this.address, written) });
    }
    return refs;
  }

  /**
   * Attributes and blocks of a resource (or nested block) body: nested blocks become arrays of objects,
   * `dynamic` blocks are expanded; meta-arguments are left out at the top level, and so are arguments set to null.
   */
  private evaluateBody(body: Body, scope: Scope, top: boolean): ObjectValue {
    const entries = new Map<string, Value>();
    const origins = new Map<string, Origin>();
    const groups = new Map<string, { items: Value[]; start: number; end: number; file: HclFile }>();
    const evaluator = this.project.evaluator;
    const addToGroup = (type: string, block: Block, items: Value[], file: HclFile): void => {
      let group = groups.get(type);
      if (!group) {
        group = { items: [], start: block.start, end: block.end, file };
        groups.set(type, group);
        entries.set(type, NULL); // keeps the position of the first block in the key order
      }
      group.items.push(...items);
      if (group.file === file) group.end = Math.max(group.end, block.end);
    };
    for (const item of body.items) {
      // An item merged in from an override file is evaluated (and located) in that file.
      const itemScope = item.file && item.file !== scope.file ? { ...scope, file: item.file } : scope;
      if (item.kind === 'attribute') {
        if (top && META_ATTRIBUTES.has(item.name)) continue;
        const value = evaluator.evaluateSafely(item.expr, itemScope);
        // An argument set to null is omitted, as Terraform reads it: the provider's default applies.
        if (value.t === 'null') continue;
        entries.set(item.name, value);
        origins.set(item.name, originOf(itemScope.file, item));
        continue;
      }
      if (top && META_BLOCKS.has(item.type)) continue;
      if (item.type === 'dynamic') {
        const label = item.labels[0];
        if (label !== undefined) addToGroup(label, item, this.expandDynamic(item, label, itemScope), itemScope.file);
        continue;
      }
      const nested = this.evaluateBody(item.body, itemScope, false);
      addToGroup(item.type, item, [{ ...nested, origin: originOf(itemScope.file, item) }], itemScope.file);
    }
    for (const [type, group] of groups) {
      const origin = originOf(group.file, group);
      entries.set(type, list(group.items, origin));
      origins.set(type, origin);
    }
    return object(entries, undefined, origins);
  }

  private expandDynamic(block: Block, label: string, scope: Scope): Value[] {
    const forEach = findAttribute(block.body, 'for_each');
    const content = findBlocks(block.body, 'content')[0];
    const origin = originOf(scope.file, block);
    if (!forEach || !content) return [];
    const iteratorAttr = findAttribute(block.body, 'iterator');
    const iterator = iteratorAttr?.expr.k === 'variable' ? iteratorAttr.expr.name : label;
    const collection = this.project.evaluator.evaluateSafely(forEach.expr, scope);
    if (collection.t === 'unknown') return [unknown(text(scope.file, forEach.expr), collection.refs, origin)];
    let pairs: Array<[Value, Value]>;
    try {
      pairs = collection.t === 'null' ? [] : iterate(collection);
    } catch (error) {
      if (!(error instanceof EvalError)) throw error;
      this.report(scope.file, forEach, `dynamic "${label}": ${error.message}`, 'warning');
      return [unknown(text(scope.file, forEach.expr), [], origin)];
    }
    return pairs.map(([key, value]) => {
      const vars = new Map(scope.vars);
      vars.set(iterator, object(new Map([['key', key], ['value', value]])));
      const nested = this.evaluateBody(content.body, { ...scope, vars }, false);
      return { ...nested, origin };
    });
  }
}

function traversalText(expr: Expr): string | undefined {
  if (expr.k === 'variable') return expr.name;
  if (expr.k === 'getattr') {
    const target = traversalText(expr.target);
    return target === undefined ? undefined : `${target}.${expr.name}`;
  }
  if (expr.k === 'index' && expr.index.k === 'literal' && (typeof expr.index.value === 'number' || typeof expr.index.value === 'string')) {
    const target = traversalText(expr.target);
    return target === undefined ? undefined : `${target}${instanceKeySuffix(expr.index.value)}`;
  }
  return undefined;
}

/** JSON form of an evaluated value: `jsonencode(x)` gives `x`, unknown values their `{ "$unknown": text }` marker. */
export function toJson(value: Value): JsonValue {
  switch (value.t) {
    case 'null':
      return null;
    case 'string':
    case 'bool':
      return value.value;
    case 'number':
      return Number.isFinite(value.value) ? value.value : null;
    case 'list':
      return value.items.map(toJson);
    case 'object': {
      const out: JsonObject = {};
      for (const [key, item] of value.entries) out[key] = toJson(item);
      return out;
    }
    case 'json':
      return toJson(value.inner);
    case 'unknown':
      return unknownValue(value.text);
  }
}

/** Unknown values inside a body, with their paths and the references they carry. */
export function referencesIn(value: Value, at: NodePath = []): Array<{ path: NodePath; ref: Reference }> {
  const out: Array<{ path: NodePath; ref: Reference }> = [];
  const visit = (current: Value, current_path: PathArray): void => {
    switch (current.t) {
      case 'unknown':
        for (const ref of current.refs) out.push({ path: current_path, ref });
        return;
      case 'list':
        current.items.forEach((item, index) => visit(item, [...current_path, index]));
        return;
      case 'object':
        for (const [key, item] of current.entries) visit(item, [...current_path, key]);
        return;
      case 'json':
        visit(current.inner, current_path);
        return;
      default:
        return;
    }
  };
  visit(value, [...at]);
  return out;
}

type PathArray = Array<string | number>;

/** Counts unknown markers in a value (for statistics). */
export function countUnknowns(value: Value): number {
  switch (value.t) {
    case 'unknown':
      return 1;
    case 'list':
      return value.items.reduce((total, item) => total + countUnknowns(item), 0);
    case 'object': {
      let total = 0;
      for (const item of value.entries.values()) total += countUnknowns(item);
      return total;
    }
    case 'json':
      return countUnknowns(value.inner);
    default:
      return 0;
  }
}

/** Adds to `out` the scanned files whose text a value holds, as `file()` read it (`readFrom`), or decoded (`heldFrom`). */
export function filesReadInto(value: Value, out: Set<string>): void {
  if (value.heldFrom !== undefined) out.add(value.heldFrom);
  if (value.t === 'string') {
    if (value.readFrom !== undefined) out.add(value.readFrom);
  } else if (value.t === 'list') {
    for (const item of value.items) filesReadInto(item, out);
  } else if (value.t === 'object') {
    for (const item of value.entries.values()) filesReadInto(item, out);
  } else if (value.t === 'json') filesReadInto(value.inner, out);
}

/** The keys and values a known `for_each` collection gives; undefined when a set holds unknown items. */
function forEachPairs(collection: Value): Array<[string, Value]> | undefined {
  if (collection.t === 'object') return iterate(collection).map(([key, value]) => [toStr(key), value]);
  if (collection.t === 'list') {
    if (collection.items.some((item) => item.t === 'unknown')) return undefined;
    return [...new Set(collection.items.map((item) => toStr(item)))].sort().map((key) => [key, str(key)]);
  }
  if (collection.t === 'unknown') return undefined;
  throw new EvalError('for_each needs a map or a set of strings');
}

/** A known `count` value as a number of instances (null: none); undefined when unknown or not a whole number. */
function instanceCount(value: Value): number | undefined {
  if (value.t === 'null') return 0;
  if (value.t === 'unknown') return undefined;
  try {
    const n = toNum(value);
    return Number.isInteger(n) && n >= 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The branches of a conditional whose condition is unknown (parentheses and nested conditionals included), each
 * evaluated; undefined for any other expression.
 */
function conditionalAlternatives(expr: Expr, evaluate: (expr: Expr) => Value): Value[] | undefined {
  if (expr.k === 'paren') return conditionalAlternatives(expr.expr, evaluate);
  if (expr.k !== 'conditional') return undefined;
  const cond = evaluate(expr.cond);
  if (cond.t !== 'unknown') return [evaluate(expr)];
  const branches = [expr.then, expr.else].map((branch) => conditionalAlternatives(branch, evaluate) ?? [evaluate(branch)]);
  return branches.flat();
}

/**
 * The instances of a `for_each` that is one of several known collections: every key of any of them, uncertain
 * unless all of them have it; a value that differs between them is unknown. Undefined when one is unknown.
 */
function mergeAlternatives(alternatives: Array<Array<[string, Value]> | undefined>): { pairs: Array<[string, Value]>; uncertainKeys: Set<string> } | undefined {
  if (alternatives.some((pairs) => pairs === undefined)) return undefined;
  const known = alternatives as Array<Array<[string, Value]>>;
  const values = new Map<string, Value>();
  const counts = new Map<string, number>();
  for (const pairs of known) {
    for (const [key, value] of pairs) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const previous = values.get(key);
      if (previous === undefined) values.set(key, value);
      else if (valuesEqual(previous, value) !== true) values.set(key, unknown('each.value', collectRefs([previous, value])));
    }
  }
  const uncertainKeys = new Set([...counts].filter(([, count]) => count < known.length).map(([key]) => key));
  return { pairs: [...values].sort(([a], [b]) => compareText(a, b)), uncertainKeys };
}
