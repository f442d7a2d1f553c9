import type { JsonObject, JsonValue, NodePath, PathSegment } from '../model/types.js';
import { asObject, isObject } from '../util/json.js';
import { expandForEach, FOR_EACH, loopBudget, loopItems } from './cloudformation-foreach.js';

/**
 * Static evaluation of a CloudFormation template: a pure function of the template text that replaces the
 * intrinsics whose value is known without deploying by that value, and leaves every other intrinsic as an
 * intrinsic object (unknown to rules, but still a reference the resource graph can follow).
 *
 * Known without deploying:
 * - `Ref` to a Parameter with a `Default` (the default is taken as the deployed value; `AWS::SSM::Parameter::Value<...>`
 *   parameters stay unknown: their default is the name of an SSM parameter, not its value; list types are split
 *   on commas); `Ref: AWS::Partition` (`aws`); `Ref: AWS::NoValue` removes the property or list element.
 *   Other pseudo parameters (Region, AccountId, StackName, StackId, URLSuffix, NotificationARNs) stay unknown.
 * - `Fn::FindInMap` with static keys (and the language-extensions `DefaultValue`), `Fn::If` over a static
 *   Condition, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::Sub` (both forms; known variables are substituted even
 *   when others stay unknown), `Fn::Base64` (the value is the base64 text, as CloudFormation passes it),
 *   `Fn::Cidr` (IPv4), `Fn::Length` and `Fn::ToJsonString` when their arguments are static.
 * - Conditions: `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not`, `Condition` over static values, with a guard
 *   against conditions that refer to each other in a loop (such a condition is unknown).
 *
 * Stay unknown: `Ref` / `Fn::GetAtt` to resources, `Fn::GetAZs`, `Fn::ImportValue` (the graph resolves it against
 * the Exports of the scan), any function this evaluator does not know (left as written, arguments included).
 * Replacing an intrinsic object by its value keeps the property path; where a value below it is written elsewhere
 * (the branch of a static `Fn::If`, list elements after a removed one), `sourcePath` says where.
 *
 * Evaluation is copy-on-write: a subtree without intrinsics is returned as the same object (never mutated).
 */

export interface EvaluationProblem {
  /** Path inside the template (document.data). */
  path: NodePath;
  message: string;
}

/** Tri-state for conditions: `undefined` when the value depends on the deployment. */
export type ConditionValue = boolean | undefined;

/** A path built lazily (parent links): materialized only for problems. */
type Trail = { readonly up: Trail; readonly key: PathSegment } | undefined;

function step(up: Trail, key: PathSegment): Trail {
  return { up, key };
}

function trail(path: NodePath): Trail {
  let out: Trail;
  for (const key of path) out = { up: out, key };
  return out;
}

function materialize(at: Trail): PathSegment[] {
  const out: PathSegment[] = [];
  for (let node = at; node; node = node.up) out.push(node.key);
  return out.reverse();
}

const REMOVE: unique symbol = Symbol('AWS::NoValue');
type Evaluated = JsonValue | typeof REMOVE;

const MAX_DEPTH = 256;
/** All the property loops of one template together: a template reusing one long collection in many loops stays bounded. */
const MAX_TEMPLATE_PROPERTIES = 50_000;
const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);
const STATIC_PSEUDO: Readonly<Record<string, JsonValue>> = { 'AWS::Partition': 'aws' };
/** Functions this evaluator knows; other `Fn::*` objects are left untouched. */
const KNOWN_FUNCTIONS = new Set([
  'Ref',
  'Fn::GetAtt',
  'Fn::FindInMap',
  'Fn::If',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::Base64',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Cidr',
  'Fn::Length',
  'Fn::ToJsonString',
]);
/** Keys of a resource entry that are not evaluated (no intrinsics allowed there, or read as written). */
const RAW_RESOURCE_KEYS = new Set(['Type', 'Condition', 'DependsOn', 'Metadata']);

export interface ParameterInfo {
  /** The value taken at deploy time when known (the Default, or what the parent stack passes), else undefined. */
  value: JsonValue | undefined;
  type: string | undefined;
  /** The value is what the one parent stack of the scan passes (`Parameters` of its AWS::CloudFormation::Stack), not a default. */
  passed?: true;
  /** The parent's parameter whose Default the parent passes here (`ChildCidr: !Ref ParentCidr`). */
  parentDefault?: string;
  /** The parent passes the branch one of its conditions takes with its parameters' defaults (`!If [IsDev, a, b]`). */
  parentCondition?: ConditionChoice & { parameters: string };
}

/** An `Fn::If` branch taken because a condition has this value with parameters' defaults (another deployment may take the other). */
export interface ConditionChoice {
  name: string;
  holds: boolean;
}

/** What a parent stack passes for a parameter: the value (undefined: unknown), and whether it is written there or comes from the parent's own defaults. */
export interface PassedParameter {
  value: JsonValue | undefined;
  certain: boolean;
  /** When uncertain because the parent passes its own parameter (`!Ref ParentCidr`) and uses its Default: that parameter. */
  parentDefault?: string;
  /** When uncertain because the parent passes the branch a condition takes with its defaults: the condition and their parameters. */
  parentCondition?: ConditionChoice & { parameters: string };
}

export interface EvaluatedResource {
  logicalId: string;
  /** The resource entry with static intrinsics replaced (copy-on-write; `Type` and `Metadata` as written). */
  body: JsonObject;
  /** Where a path of `body` is written in the entry (see TemplateEvaluator.sourcePath). */
  sourcePath(path: NodePath): NodePath;
  /** Value of the resource's `Condition`: false means CloudFormation would not create it (with the defaults). */
  condition: ConditionValue;
  /**
   * True when the Condition is false only because of parameters' defaults: CloudFormation creates the resource
   * with other parameter values (e.g. `LaunchType: EC2`). Its body is then evaluated with that condition true.
   */
  conditionFromDefaults: boolean;
  /**
   * Values that are a parameter's Default, the parameter not passed (`Image: !Ref ImageUrl`, `Default: nginx`): where
   * each is written in the entry, and the parameter. A deployment may pass another value.
   */
  parameterDefaults: Array<{ path: NodePath; parameter: string; loop?: string; condition?: ConditionChoice }>;
  /** Where the entry is written, when not at `Resources.<logicalId>`: a resource an `Fn::ForEach` loop generates. */
  writtenAt?: NodePath;
}

/** One template's static context: parameters, mappings, conditions, logical IDs. Built once per template. */
export class TemplateEvaluator {
  readonly parameters = new Map<string, ParameterInfo>();
  /** Logical IDs of the template: its `Resources` keys, and those its `Fn::ForEach` loops generate (see addResourceId). */
  private readonly resourceIds: Set<string>;
  readonly problems: EvaluationProblem[] = [];
  private readonly mappings: JsonObject;
  private conditionDefinitions: JsonObject;
  private readonly conditionValues = new Map<string, ConditionValue>();
  /** conditionParameters, by condition. */
  private readonly parametersOfCondition = new Map<string, string[]>();
  /** Conditions whose value comes from a parameter's Default (another value may be deployed). */
  private readonly conditionFromDefaults = new Map<string, boolean>();
  /** The budget of the property loop being expanded (its nested loops share it); each outermost loop has its own. */
  private propertyLoopBudget: { left: number } | undefined;
  /** What all the property loops of the template may still generate together. */
  private templatePropertiesLeft = MAX_TEMPLATE_PROPERTIES;
  /** The identifiers and items of the loops that generated the resource being evaluated (its property loops' keys may name them). */
  private loopSubstitutions: ReadonlyArray<readonly [string, string]> = [];
  private readonly conditionsInProgress = new Set<string>();
  /** Set while evaluating when a parameter's Default was used. */
  private usedDefault = false;
  /** While a resource is evaluated: the Refs it resolved to a parameter's Default, by where they are written. */
  private defaultsUsed: Array<{ path: Trail; parameter: string; condition?: ConditionChoice }> = [];
  /** Conditions taken as true while evaluating a resource that only exists when they are. */
  private assumed: ReadonlyMap<string, boolean> = new Map();
  /**
   * Under an assumed condition that the defaults make false: the parameters whose defaults make it so. Those do not
   * hold where the resource exists, so they are unknown in its body (`!If [IsDev, ...]` in a resource of `IsProd`).
   */
  private suspended: ReadonlySet<string> = new Set();
  private readonly reported = new Set<string>();
  /**
   * Evaluated containers whose entries are written elsewhere than at their own key: the branch of an `Fn::If`
   * with a static condition (`[key, 'Fn::If', 1]`), list elements after one that `AWS::NoValue` removed.
   */
  private readonly moved = new WeakMap<object, Map<PathSegment, PathSegment[]>>();
  /** Set by fnIf as its last step: where in the `Fn::If` its value is written (undefined: not a static choice). */
  private chosenBranch: PathSegment[] | undefined;

  /** `passed`: the parameter values a parent stack of the scan gives this template (undefined: unknown). */
  constructor(
    readonly template: JsonObject,
    passed?: ReadonlyMap<string, PassedParameter>,
  ) {
    const parameters = isObject(template.Parameters) ? template.Parameters : {};
    for (const [name, definition] of Object.entries(parameters)) {
      const info = parameterInfo(definition);
      const given = passed?.get(name);
      this.parameters.set(name, given === undefined ? info : passedParameter(info.type, given));
    }
    this.mappings = isObject(template.Mappings) ? template.Mappings : {};
    this.conditionDefinitions = isObject(template.Conditions) ? template.Conditions : {};
    this.resourceIds = new Set(isObject(template.Resources) ? Object.keys(template.Resources) : []);
    this.expandConditionLoops();
  }

  /** `Fn::ForEach` loops of the Conditions section, expanded like those of Resources (see expandForEach). */
  private expandConditionLoops(): void {
    const written = Object.entries(this.conditionDefinitions);
    if (!written.some(([key]) => FOR_EACH.test(key))) return;
    const definitions: JsonObject = {};
    for (const [key, value] of written) {
      if (!FOR_EACH.test(key)) {
        definitions[key] = value;
        continue;
      }
      const expansion = expandForEach(key, value, ['Conditions', key], (collection, at) => loopItems(this.value(collection, at)), 'conditions');
      for (const problem of expansion.problems) this.problem(trail(problem.path), problem.message);
      for (const condition of expansion.resources) definitions[condition.logicalId] = condition.entry;
    }
    this.conditionDefinitions = definitions;
  }

  /** Adds a logical ID an `Fn::ForEach` loop generates; false when the template already has it. */
  addResourceId(logicalId: string): boolean {
    if (this.resourceIds.has(logicalId)) return false;
    this.resourceIds.add(logicalId);
    return true;
  }

  /**
   * Evaluates a resource entry; `undefined` when the entry is not an object with a string `Type`. `writtenAt`: where
   * the entry is written, when not at `Resources.<logicalId>` (a resource an `Fn::ForEach` loop generates).
   */
  resource(logicalId: string, entry: JsonValue | undefined, writtenAt?: NodePath, loopSubstitutions: ReadonlyArray<readonly [string, string]> = []): EvaluatedResource | undefined {
    this.loopSubstitutions = loopSubstitutions;
    const path = trail(writtenAt ?? ['Resources', logicalId]);
    if (!isObject(entry)) {
      this.problem(path, `resource ${logicalId} is not an object (${describe(entry)}): ignored`);
      return undefined;
    }
    if (typeof entry.Type !== 'string') {
      // `Fn::Transform` (AWS::Include) in place of a resource: a macro writes it at deploy time.
      const why = logicalId === 'Fn::Transform' ? 'an included snippet (Fn::Transform) is not expanded; the resources it adds are not checked' : entry.Type === undefined ? 'has no Type' : `has a Type that is not a string (${describe(entry.Type)})`;
      this.problem(path, logicalId === 'Fn::Transform' ? why : `resource ${logicalId} ${why}: ignored`);
      return undefined;
    }
    let condition: ConditionValue = true;
    let conditionFromDefaults = false;
    if (entry.Condition !== undefined) {
      if (typeof entry.Condition === 'string') {
        condition = this.condition(entry.Condition, step(path, 'Condition'));
        conditionFromDefaults = condition === false && this.conditionFromDefaults.get(entry.Condition) === true;
      } else {
        this.problem(step(path, 'Condition'), `the Condition of resource ${logicalId} is not a condition name`);
        condition = undefined;
      }
    }
    const previous = this.assumed;
    if (conditionFromDefaults && typeof entry.Condition === 'string') {
      this.assumed = new Map([[entry.Condition, true]]);
      this.suspended = this.parametersMakingFalse(entry.Condition);
    }
    this.defaultsUsed = [];
    let body: JsonObject = entry;
    for (const [key, value] of Object.entries(entry)) {
      if (RAW_RESOURCE_KEYS.has(key) || value === undefined) continue;
      const evaluated = this.evaluate(value, step(path, key));
      if (evaluated === value) continue;
      if (body === entry) body = { ...entry };
      if (evaluated === REMOVE) delete body[key];
      else body[key] = evaluated;
      const branch = this.takeBranch(value, key);
      if (branch) this.move(body, key, branch);
    }
    this.assumed = previous;
    this.suspended = new Set();
    // Paths below the entry (not those of the conditions it reads, which are written under `Conditions`).
    const base = writtenAt ?? ['Resources', logicalId];
    const parameterDefaults = this.defaultsUsed.flatMap(({ path: at, parameter, condition: choice }) => {
      // The value is what holds the outermost intrinsic on the way (`!Ref`, or a `!Sub` / `!Join` / `!If` around it).
      const written = materialize(at);
      const intrinsic = written.findIndex((segment, index) => index >= base.length && typeof segment === 'string' && (segment === 'Ref' || segment.startsWith('Fn::')));
      const holder = intrinsic === -1 ? written : written.slice(0, intrinsic);
      return base.every((segment, index) => holder[index] === segment) ? [{ path: holder.slice(base.length), parameter, ...(choice ? { condition: choice } : {}) }] : [];
    });
    this.defaultsUsed = [];
    return { logicalId, body, condition, conditionFromDefaults, parameterDefaults, sourcePath: (at) => this.sourcePath(body, at), ...(writtenAt ? { writtenAt } : {}) };
  }

  /**
   * Where the value at `path` inside an evaluated value is written inside the original: the same path except
   * through static `Fn::If` choices and lists that `AWS::NoValue` shortened, so findings point at the lines written.
   */
  sourcePath(evaluated: JsonValue, path: NodePath): NodePath {
    const out: PathSegment[] = [];
    let node: JsonValue | undefined = evaluated;
    for (const key of path) {
      const moved = node !== null && typeof node === 'object' ? this.moved.get(node)?.get(key) : undefined;
      if (moved) out.push(...moved);
      else out.push(key);
      node = node !== null && typeof node === 'object' ? (node as Record<PathSegment, JsonValue | undefined>)[key] : undefined;
    }
    return out;
  }

  /** Records that `container[key]` is written at `[...source]` relative to the container's original. */
  private move(container: object, key: PathSegment, source: PathSegment[]): void {
    let entries = this.moved.get(container);
    if (!entries) this.moved.set(container, (entries = new Map()));
    entries.set(key, source);
  }

  /** Where the evaluated `item` (the original at `key`) is written, when that is not simply at `key`. */
  private takeBranch(item: JsonValue, key: PathSegment): PathSegment[] | undefined {
    const branch = this.chosenBranch;
    this.chosenBranch = undefined;
    return branch && isObject(item) && singleKey(item) === 'Fn::If' ? [key, ...branch] : undefined;
  }

  /** Evaluates any value of the template (`path` is where it sits, for problems). NoValue yields undefined. */
  value(value: JsonValue, path: NodePath = []): JsonValue | undefined {
    const evaluated = this.evaluate(value, trail(path));
    return evaluated === REMOVE ? undefined : evaluated;
  }

  /** Like `value`, with the parameters whose Default the value takes (an `Fn::ForEach` collection: the resources it generates depend on them). */
  valueAndDefaults(value: JsonValue, path: NodePath): { value: JsonValue | undefined; defaults: string[] } {
    const outside = this.defaultsUsed;
    this.defaultsUsed = [];
    const evaluated = this.value(value, path);
    const defaults = [...new Set(this.defaultsUsed.map(({ parameter }) => parameter))];
    this.defaultsUsed = outside;
    return { value: evaluated, defaults };
  }

  /** Value of a named condition of the Conditions section. */
  condition(name: string, path: Trail = trail(['Conditions', name])): ConditionValue {
    const assumed = this.assumed.get(name);
    if (assumed !== undefined) return assumed;
    // Under an assumption, conditions are computed afresh (a cached value may depend on the assumed one).
    const cache = this.assumed.size === 0 && this.suspended.size === 0;
    if (cache && this.conditionValues.has(name)) {
      if (this.conditionFromDefaults.get(name)) this.usedDefault = true;
      return this.conditionValues.get(name);
    }
    const definition = this.conditionDefinitions[name];
    if (definition === undefined) {
      this.problem(path, `condition ${name} is not defined in Conditions`);
      return undefined;
    }
    if (this.conditionsInProgress.has(name)) {
      this.problem(trail(['Conditions', name]), `condition ${name} refers to itself through a loop of conditions`);
      return undefined;
    }
    this.conditionsInProgress.add(name);
    const outer = this.usedDefault;
    this.usedDefault = false;
    const result = this.conditionExpression(definition, trail(['Conditions', name]), 0);
    const fromDefaults = this.usedDefault;
    this.usedDefault = outer || fromDefaults;
    this.conditionsInProgress.delete(name);
    if (cache) {
      this.conditionValues.set(name, result);
      this.conditionFromDefaults.set(name, fromDefaults);
    }
    return result;
  }

  private conditionExpression(expression: JsonValue, path: Trail, depth: number): ConditionValue {
    if (depth > MAX_DEPTH) return this.tooDeep(path);
    if (typeof expression === 'boolean') return expression;
    if (expression === 'true') return true;
    if (expression === 'false') return false;
    if (!isObject(expression)) return undefined;
    const fn = singleKey(expression);
    if (fn === undefined) return undefined;
    const args = expression[fn];
    const at = step(path, fn);
    switch (fn) {
      case 'Condition':
        return typeof args === 'string' ? this.condition(args, at) : undefined;
      case 'Fn::Not': {
        const inner = Array.isArray(args) ? args[0] : args;
        if (inner === undefined) return undefined;
        const value = this.conditionExpression(inner, step(at, 0), depth + 1);
        return value === undefined ? undefined : !value;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(args)) return undefined;
        const values = args.map((arg, index) => this.conditionExpression(arg, step(at, index), depth + 1));
        const decisive = fn === 'Fn::And' ? false : true;
        if (values.includes(decisive)) return decisive;
        return values.includes(undefined) ? undefined : !decisive;
      }
      case 'Fn::Equals': {
        if (!Array.isArray(args) || args.length !== 2) return undefined;
        const [left, right] = args.map((arg, index) => this.evaluate(arg, step(at, index), depth + 1));
        if (left === undefined || right === undefined || left === REMOVE || right === REMOVE) return undefined;
        if (!isStatic(left) || !isStatic(right)) return undefined;
        return comparable(left) === comparable(right);
      }
      default: {
        // A value-producing intrinsic (e.g. `!Ref BoolParameter`) evaluated to "true"/"false".
        const value = this.evaluate(expression, path, depth + 1);
        if (value === true || value === 'true') return true;
        if (value === false || value === 'false') return false;
        return undefined;
      }
    }
  }

  private evaluate(value: JsonValue, path: Trail, depth = 0): Evaluated {
    if (value === null || typeof value !== 'object') return value;
    if (depth > MAX_DEPTH) {
      this.tooDeep(path);
      return value;
    }
    if (Array.isArray(value)) {
      let out: JsonValue[] | undefined;
      for (let index = 0; index < value.length; index++) {
        const item = value[index] as JsonValue;
        const evaluated = this.evaluate(item, step(path, index), depth + 1);
        if (evaluated === item && !out) continue;
        if (!out) out = value.slice(0, index);
        if (evaluated === REMOVE) continue;
        const branch = evaluated === item ? undefined : this.takeBranch(item, index);
        if (branch || out.length !== index) this.move(out, out.length, branch ?? [index]);
        out.push(evaluated);
      }
      return out ?? value;
    }
    const fn = singleKey(value);
    if (fn !== undefined && (fn === 'Ref' || fn.startsWith('Fn::')) && !FOR_EACH.test(fn)) {
      if (!KNOWN_FUNCTIONS.has(fn)) return value;
      return this.intrinsic(value, fn, value[fn] as JsonValue, step(path, fn), depth + 1);
    }
    let out: JsonObject | undefined;
    for (const key in value) {
      const item = value[key];
      if (item === undefined) continue;
      if (FOR_EACH.test(key)) {
        out ??= { ...value };
        delete out[key];
        this.expandPropertyLoop(out, key, item, path, depth);
        continue;
      }
      const evaluated = this.evaluate(item, step(path, key), depth + 1);
      if (evaluated === item) continue;
      if (!out) out = { ...value };
      if (evaluated === REMOVE) delete out[key];
      else out[key] = evaluated;
      const branch = this.takeBranch(item, key);
      if (branch) this.move(out, key, branch);
    }
    return out ?? value;
  }

  /**
   * An `Fn::ForEach` loop among the keys of a property map (`Environment.Variables`, `Tags` of some types): the keys
   * it generates are added to `out`, evaluated, located at their written entries.
   */
  private expandPropertyLoop(out: JsonObject, key: string, loop: JsonValue, path: Trail, depth: number): void {
    const base = materialize(path);
    if (this.templatePropertiesLeft <= 0) {
      this.problem(path, `${key}: the template's property loops already generate more than ${MAX_TEMPLATE_PROPERTIES} properties: not expanded; the properties it generates are not checked`);
      return;
    }
    // Loops nested in the values this one generates share its budget, so they cannot multiply; the next outermost
    // loop starts afresh.
    const outermost = this.propertyLoopBudget === undefined;
    const budget = this.propertyLoopBudget ?? loopBudget();
    this.propertyLoopBudget = budget;
    try {
      const expansion = expandForEach(key, loop, [key], (collection, at) => loopItems(this.value(collection, [...base, ...at])), 'properties', this.loopSubstitutions, budget);
      for (const problem of expansion.problems) this.problem(trail([...base, ...problem.path]), problem.message);
      for (const generated of expansion.resources) {
        if (generated.logicalId in out) {
          this.problem(trail([...base, ...generated.writtenAt]), `${key} generates the key ${generated.logicalId}, which the map already has: the one already there is checked`);
          continue;
        }
        const evaluated = this.evaluate(generated.entry, trail([...base, ...generated.writtenAt]), depth + 1);
        if (evaluated === REMOVE) continue;
        out[generated.logicalId] = evaluated;
        this.move(out, generated.logicalId, [...generated.writtenAt]);
        this.templatePropertiesLeft--;
      }
    } finally {
      if (outermost) this.propertyLoopBudget = undefined;
    }
  }

  private intrinsic(original: JsonObject, fn: string, args: JsonValue, path: Trail, depth: number): Evaluated {
    switch (fn) {
      case 'Ref':
        return this.ref(original, args, path);
      case 'Fn::If':
        return this.fnIf(original, args, path, depth);
      default:
        break;
    }
    // Every other known function: evaluate its arguments first (keeps partial results when it stays unknown).
    const evaluatedArgs = this.evaluate(args, path, depth);
    if (evaluatedArgs === REMOVE) return REMOVE;
    const keep = (): JsonObject => (evaluatedArgs === args ? original : { [fn]: evaluatedArgs });
    switch (fn) {
      case 'Fn::FindInMap':
        return this.findInMap(evaluatedArgs, path) ?? keep();
      case 'Fn::Join':
        return join(evaluatedArgs) ?? keep();
      case 'Fn::Select': {
        const picked = select(evaluatedArgs);
        if (picked === undefined) {
          // A malformed call, or an index past a known list's end: CloudFormation refuses the template.
          const shape = Array.isArray(evaluatedArgs) && evaluatedArgs.length === 2 ? evaluatedArgs : undefined;
          const index = shape && (typeof shape[0] === 'number' || (typeof shape[0] === 'string' && /^\d+$/.test(shape[0]))) ? Number(shape[0]) : undefined;
          if (!shape || (isStatic(shape[0]) && index === undefined)) this.problem(path, 'Fn::Select takes [index, list]');
          else if (index !== undefined && Array.isArray(shape[1]) && index >= shape[1].length && isStatic(shape[1])) this.problem(path, `Fn::Select index ${index} is past the end of its ${shape[1].length}-item list`);
        }
        return picked ?? keep();
      }
      case 'Fn::Split':
        return split(evaluatedArgs) ?? keep();
      case 'Fn::Sub':
        return this.sub(evaluatedArgs, path) ?? keep();
      case 'Fn::Base64':
        return typeof evaluatedArgs === 'string' ? Buffer.from(evaluatedArgs, 'utf8').toString('base64') : keep();
      case 'Fn::Cidr':
        return cidr(evaluatedArgs) ?? keep();
      case 'Fn::Length':
        return Array.isArray(evaluatedArgs) && evaluatedArgs.every((item) => !isUnknownNode(item)) ? evaluatedArgs.length : keep();
      case 'Fn::ToJsonString':
        return isStatic(evaluatedArgs) ? JSON.stringify(evaluatedArgs) : keep();
      case 'Fn::GetAtt': {
        const [target, attribute] = Array.isArray(evaluatedArgs) ? evaluatedArgs : typeof evaluatedArgs === 'string' ? evaluatedArgs.split('.') : [];
        if (typeof target !== 'string' || (Array.isArray(evaluatedArgs) && evaluatedArgs.length !== 2)) this.problem(path, 'Fn::GetAtt takes [logical ID, attribute name] (or "LogicalId.Attribute")');
        else if (!this.resourceIds.has(target)) this.problem(path, `Fn::GetAtt of ${target}, which is not a resource of this template`);
        else if (attribute === 'Value') return this.cdkCfnJson(target, depth) ?? keep();
        return keep();
      }
      default:
        // Fn::GetAZs, Fn::ImportValue: deploy-time values.
        return keep();
    }
  }

  /**
   * CDK's `CfnJson` (`Custom::AWSCDKCfnJson`): its `Value` attribute is the JSON its `Value` property spells once
   * deployed. CDK writes IRSA trust conditions this way, keyed by the cluster's OIDC issuer; the parts unknown here
   * (the issuer) stay as `${?}`, which the rules read as unresolved. Undefined when the text is not JSON.
   */
  private cdkCfnJson(logicalId: string, depth: number): JsonValue | undefined {
    const entry = isObject(this.template.Resources) ? this.template.Resources[logicalId] : undefined;
    if (!isObject(entry) || entry.Type !== 'Custom::AWSCDKCfnJson' || !isObject(entry.Properties)) return undefined;
    const value = entry.Properties.Value;
    // Only a CfnJson that reads no other (CDK's read the OIDC provider): a chain, or a cycle, stays as written for
    // the cycle check and the reference graph.
    if (value === undefined || this.readsCfnJson(value, 0)) return undefined;
    const evaluated = this.evaluate(value, trail(['Resources', logicalId, 'Properties', 'Value']), depth + 1);
    const text = typeof evaluated === 'string' ? evaluated : partialJoin(evaluated);
    if (text === undefined) return undefined;
    try {
      const parsed = JSON.parse(text) as JsonValue;
      return isObject(parsed) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  private readsCfnJson(value: JsonValue, depth: number): boolean {
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return false;
    if (Array.isArray(value)) return value.some((item) => this.readsCfnJson(item, depth + 1));
    const getAtt = value['Fn::GetAtt'];
    const target = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
    const resources = isObject(this.template.Resources) ? this.template.Resources : {};
    if (typeof target === 'string' && asObject(resources[target])?.Type === 'Custom::AWSCDKCfnJson') return true;
    return Object.values(value).some((item) => item !== undefined && this.readsCfnJson(item, depth + 1));
  }

  /** Whether the template declares the `AWS::LanguageExtensions` transform. */
  private languageExtensions(): boolean {
    const transform = this.template.Transform;
    return transform === 'AWS::LanguageExtensions' || (Array.isArray(transform) && transform.includes('AWS::LanguageExtensions'));
  }

  private ref(original: JsonObject, name: JsonValue, path: Trail): Evaluated {
    // AWS::LanguageExtensions lets Ref take an intrinsic that gives the name (`Ref: !Sub "${Prefix}Bucket"`).
    if (isObject(name) && this.languageExtensions()) {
      const evaluated = this.evaluate(name, path);
      return typeof evaluated === 'string' ? this.ref({ Ref: evaluated }, evaluated, path) : original;
    }
    if (typeof name !== 'string') {
      this.problem(path, `Ref takes a logical ID or parameter name (a string)${isObject(name) ? '; an intrinsic function in its place needs the AWS::LanguageExtensions transform' : ''}`);
      return original;
    }
    if (name === 'AWS::NoValue') return REMOVE;
    const pseudo = STATIC_PSEUDO[name];
    if (pseudo !== undefined) return pseudo;
    if (PSEUDO_PARAMETERS.has(name)) return original;
    const parameter = this.parameter(name);
    if (parameter) {
      if (parameter.value === undefined) return original;
      if (!parameter.passed) this.useDefault(path, name, parameter);
      return parameter.value;
    }
    if (!this.resourceIds.has(name)) this.problem(path, `Ref to ${name}, which is neither a parameter nor a resource of this template`);
    return original;
  }

  private fnIf(original: JsonObject, args: JsonValue, path: Trail, depth: number): Evaluated {
    if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
      this.problem(path, 'Fn::If takes [condition name, value if true, value if false]');
      return original;
    }
    const [name, whenTrue, whenFalse] = args as [string, JsonValue, JsonValue];
    const outer = this.usedDefault;
    this.usedDefault = false;
    const condition = this.condition(name, step(path, 0));
    const fromDefaults = this.usedDefault;
    this.usedDefault = outer || fromDefaults;
    if (condition !== undefined) {
      // Findings in the branch say which condition chose it and which defaults it follows.
      const parameters = fromDefaults ? this.conditionParameters(name) : [];
      if (parameters.length > 0) this.defaultsUsed.push({ path, parameter: parameters.join(', '), condition: { name, holds: condition } });
      const index = condition ? 1 : 2;
      const chosen = condition ? whenTrue : whenFalse;
      const evaluated = this.evaluate(chosen, step(path, index), depth);
      // A chosen branch that is itself a static Fn::If is written further in.
      const inner = this.takeBranch(chosen, index);
      this.chosenBranch = ['Fn::If', ...(inner ?? [index])];
      return evaluated;
    }
    // Unknown condition: both branches evaluated, the choice kept. A removed branch stays `Ref: AWS::NoValue`.
    const moves: Array<[number, PathSegment[]]> = [];
    const branch = (value: JsonValue, index: number): JsonValue => {
      const evaluated = this.evaluate(value, step(path, index), depth);
      const moved = evaluated === value ? undefined : this.takeBranch(value, index);
      if (moved) moves.push([index, moved]);
      return evaluated === REMOVE ? { Ref: 'AWS::NoValue' } : evaluated;
    };
    const first = branch(whenTrue, 1);
    const second = branch(whenFalse, 2);
    this.chosenBranch = undefined;
    if (first === whenTrue && second === whenFalse) return original;
    const kept: JsonValue[] = [name, first, second];
    for (const [index, moved] of moves) this.move(kept, index, moved);
    return { 'Fn::If': kept };
  }

  private findInMap(args: JsonValue, path: Trail): JsonValue | undefined {
    if (!Array.isArray(args) || args.length < 3) {
      this.problem(path, 'Fn::FindInMap takes [map name, top-level key, second-level key]');
      return undefined;
    }
    const [mapName, topKey, secondKey, options] = args;
    const fallback = isObject(options) && options.DefaultValue !== undefined && isStatic(options.DefaultValue) ? options.DefaultValue : undefined;
    if (!isKey(mapName) || !isKey(topKey) || !isKey(secondKey)) return undefined;
    const map = this.mappings[String(mapName)];
    if (!isObject(map)) {
      if (fallback === undefined) this.problem(path, `Fn::FindInMap: no mapping named ${String(mapName)}`);
      return fallback;
    }
    const top = map[String(topKey)];
    const value = isObject(top) ? top[String(secondKey)] : undefined;
    if (value === undefined) {
      if (fallback === undefined) this.problem(path, `Fn::FindInMap: mapping ${String(mapName)} has no entry ${String(topKey)} / ${String(secondKey)}`);
      return fallback;
    }
    return value;
  }

  private sub(args: JsonValue, path: Trail): JsonValue | undefined {
    let text: JsonValue | undefined;
    let variables: JsonObject = {};
    if (typeof args === 'string') text = args;
    else if (Array.isArray(args) && typeof args[0] === 'string') {
      text = args[0];
      if (args[1] !== undefined) {
        if (!isObject(args[1])) return undefined;
        variables = args[1];
      }
    }
    if (typeof text !== 'string') {
      this.problem(path, 'Fn::Sub takes a string or [string, variables]');
      return undefined;
    }
    let unresolved = false;
    let changed = false;
    const partial = text.replace(/\$\{([^}]*)\}/g, (whole: string, inner: string) => {
      if (inner.startsWith('!')) return whole;
      const name = inner.trim();
      const value = name in variables ? variables[name] : this.subVariable(name, path);
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        const replacement = String(value);
        if (!replacement.includes('${')) {
          changed = true;
          return replacement;
        }
      }
      unresolved = true;
      return whole;
    });
    if (!unresolved) return partial.replace(/\$\{!/g, '${');
    if (!changed) return undefined;
    // Partly known: the known variables are substituted, the rest stays a Sub.
    const remaining = Object.fromEntries(Object.entries(variables).filter(([name]) => partial.includes(name)));
    return { 'Fn::Sub': Object.keys(remaining).length > 0 ? [partial, remaining] : partial };
  }

  /** Value of `${name}` in a Sub without a variables map entry; undefined when unknown. */
  private subVariable(name: string, path: Trail): JsonValue | undefined {
    const pseudo = STATIC_PSEUDO[name];
    if (pseudo !== undefined) return pseudo;
    if (PSEUDO_PARAMETERS.has(name)) return undefined;
    const parameter = this.parameter(name);
    if (parameter) {
      if (parameter.value === undefined || Array.isArray(parameter.value)) return undefined;
      if (!parameter.passed) this.useDefault(path, name, parameter);
      return parameter.value;
    }
    const logicalId = name.split('.')[0] ?? name;
    if (!this.resourceIds.has(logicalId)) this.problem(path, `Fn::Sub refers to \${${name}}, which is neither a parameter nor a resource of this template`);
    return undefined;
  }

  /** A parameter as the current resource sees it: unknown when suspended. */
  private parameter(name: string): ParameterInfo | undefined {
    const parameter = this.parameters.get(name);
    return parameter && this.suspended.has(name) ? { ...parameter, value: undefined } : parameter;
  }

  /**
   * The parameters whose defaults make a condition false: each one that, unknown alone, leaves the condition
   * undecided (`CreateBastion` in `And [CreateBastion = true, BastionCidr != ""]`, not `BastionCidr`); all it reads
   * when no single one does (`And [A = x, B = y]` with both defaults off).
   */
  private parametersMakingFalse(name: string): ReadonlySet<string> {
    const all = this.conditionParameterNames(name);
    const definition = this.conditionDefinitions[name];
    if (definition === undefined) return all;
    const outer = this.usedDefault;
    const responsible = new Set<string>();
    for (const parameter of all) {
      this.suspended = new Set([parameter]);
      if (this.conditionExpression(definition, trail(['Conditions', name]), 0) !== false) responsible.add(parameter);
    }
    this.suspended = new Set();
    this.usedDefault = outer;
    return responsible.size > 0 ? responsible : all;
  }

  /** Every parameter a condition reads, through the conditions it names. */
  private conditionParameterNames(name: string, seen = new Set<string>()): Set<string> {
    const names = new Set<string>();
    if (seen.has(name)) return names;
    seen.add(name);
    const visit = (value: JsonValue | undefined): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (isObject(value)) {
        for (const [key, inner] of Object.entries(value)) {
          if (key === 'Ref' && typeof inner === 'string' && this.parameters.has(inner)) names.add(inner);
          else if (key === 'Condition' && typeof inner === 'string') for (const found of this.conditionParameterNames(inner, seen)) names.add(found);
          else visit(inner);
        }
      }
    };
    visit(this.conditionDefinitions[name]);
    return names;
  }

  /** The parameters whose Default a condition reads, through the conditions it names (those not passed, with a Default). */
  private conditionParameters(name: string, seen = new Set<string>()): string[] {
    const known = this.parametersOfCondition.get(name);
    if (known) return known;
    if (seen.has(name)) return [];
    seen.add(name);
    const found: string[] = [];
    const visit = (value: JsonValue | undefined): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (isObject(value)) {
        for (const [key, inner] of Object.entries(value)) {
          const parameter = key === 'Ref' && typeof inner === 'string' ? this.parameters.get(inner) : undefined;
          if (parameter) {
            if (!parameter.passed && parameter.value !== undefined) found.push(parentOrigin(parameter) ?? String(inner));
          } else if (key === 'Condition' && typeof inner === 'string') found.push(...this.conditionParameters(inner, seen));
          else visit(inner);
        }
      }
    };
    visit(this.conditionDefinitions[name]);
    // Shared sub-conditions are cached before the next condition that names them is read: only a cycle (an error
    // of the template, reported as such) leaves a list short.
    const parameters = [...new Set(found)];
    this.parametersOfCondition.set(name, parameters);
    return parameters;
  }

  /** A parameter's Default (or its parent stack's) is taken at `path`: recorded for conditions and for messages. */
  private useDefault(path: Trail, name: string, parameter: ParameterInfo): void {
    this.usedDefault = true;
    const choice = parameter.parentCondition;
    this.defaultsUsed.push({ path, parameter: parentOrigin(parameter) ?? name, ...(choice ? { condition: { name: `${choice.name} of the parent stack`, holds: choice.holds } } : {}) });
  }

  private tooDeep(path: Trail): undefined {
    this.problem(path, `nesting deeper than ${MAX_DEPTH} levels: not evaluated further`);
    return undefined;
  }

  private problem(trail: Trail, message: string): void {
    const path = materialize(trail);
    const key = `${path.join('\u0000')}\u0001${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.problems.push({ path, message });
  }
}

/** The parent stack's parameters whose defaults give a parameter its value, when they do. */
function parentOrigin(parameter: ParameterInfo): string | undefined {
  const parameters = parameter.parentCondition?.parameters ?? parameter.parentDefault;
  return parameters === undefined ? undefined : `${parameters} of the parent stack`;
}

/**
 * A value a parent stack passes: a literal (a list parameter's comma-separated text split), or unknown (an intrinsic,
 * a dynamic reference resolved at deploy time).
 */
function passedParameter(type: string | undefined, given: PassedParameter): ParameterInfo {
  // A value the parent takes from its own parameter's default is a default here too.
  const info = (value: JsonValue | undefined): ParameterInfo =>
    given.certain
      ? { value, type, passed: true }
      : { value, type, ...(given.parentCondition ? { parentCondition: given.parentCondition } : {}), ...(given.parentDefault !== undefined ? { parentDefault: given.parentDefault } : {}) };
  const { value } = given;
  if (value === undefined || value === null || isObject(value) || (typeof value === 'string' && value.includes('{{resolve:'))) return info(undefined);
  if (type?.startsWith('AWS::SSM::Parameter::Value')) return info(undefined);
  if (type && (type.startsWith('List<') || type === 'CommaDelimitedList') && !Array.isArray(value)) {
    const text = String(value);
    return info(text === '' ? [] : text.split(',').map((item) => item.trim()));
  }
  return info(value);
}

function parameterInfo(definition: JsonValue | undefined): ParameterInfo {
  if (!isObject(definition)) return { value: undefined, type: undefined };
  const type = typeof definition.Type === 'string' ? definition.Type : undefined;
  const fallback = definition.Default;
  if (fallback === undefined || fallback === null || typeof fallback === 'object') return { value: undefined, type };
  // An SSM-backed parameter's default is the name of an SSM parameter, not the value used.
  if (type?.startsWith('AWS::SSM::Parameter::Value')) return { value: undefined, type };
  if (type && (type.startsWith('List<') || type === 'CommaDelimitedList')) {
    const text = String(fallback);
    return { value: text === '' ? [] : text.split(',').map((item) => item.trim()), type };
  }
  return { value: fallback, type };
}

function singleKey(value: JsonObject): string | undefined {
  let found: string | undefined;
  for (const key in value) {
    if (found !== undefined) return undefined;
    found = key;
  }
  return found;
}

/** An intrinsic object (a known or unknown function), i.e. a value not known statically. */
function isUnknownNode(value: JsonValue | undefined): boolean {
  if (!isObject(value)) return false;
  const key = singleKey(value);
  return key !== undefined && (key === 'Ref' || key === 'Condition' || key.startsWith('Fn::'));
}

/** True when no intrinsic is left anywhere inside. */
export function isStatic(value: JsonValue | undefined, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => isStatic(item, depth + 1));
  if (isUnknownNode(value)) return false;
  return Object.values(value).every((item) => isStatic(item, depth + 1));
}

function isKey(value: JsonValue | undefined): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** CloudFormation compares values as strings: `80` equals `"80"`. */
function comparable(value: JsonValue): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A `Fn::Join` as text, its unknown parts as `${?}`; undefined for anything else. */
function partialJoin(value: Evaluated): string | undefined {
  const args = value !== REMOVE && isObject(value) ? value['Fn::Join'] : undefined;
  if (!Array.isArray(args) || typeof args[0] !== 'string' || !Array.isArray(args[1])) return undefined;
  return args[1].map((part) => (typeof part === 'string' || typeof part === 'number' ? String(part) : '${?}')).join(args[0]);
}

function join(args: JsonValue): JsonValue | undefined {
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const [delimiter, list] = args;
  if (typeof delimiter !== 'string' || !Array.isArray(list)) return undefined;
  const parts: string[] = [];
  for (const item of list) {
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') parts.push(String(item));
    else return undefined;
  }
  return parts.join(delimiter);
}

function select(args: JsonValue): JsonValue | undefined {
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const [indexValue, list] = args;
  const index = typeof indexValue === 'number' ? indexValue : typeof indexValue === 'string' && /^\d+$/.test(indexValue) ? Number(indexValue) : undefined;
  if (index === undefined || !Array.isArray(list)) return undefined;
  return list[index];
}

function split(args: JsonValue): JsonValue | undefined {
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const [delimiter, text] = args;
  if (typeof delimiter !== 'string' || typeof text !== 'string' || delimiter === '') return undefined;
  return text.split(delimiter);
}

/** `Fn::Cidr [ipBlock, count, cidrBits]` for IPv4 blocks. */
function cidr(args: JsonValue): JsonValue | undefined {
  if (!Array.isArray(args) || args.length !== 3) return undefined;
  const [block, countValue, bitsValue] = args;
  const count = Number(countValue);
  const bits = Number(bitsValue);
  if (typeof block !== 'string' || !Number.isInteger(count) || !Number.isInteger(bits) || count < 1 || count > 256 || bits < 1) return undefined;
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(block);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  const newPrefix = 32 - bits;
  if (octets.some((octet) => octet > 255) || prefix > 32 || newPrefix < prefix) return undefined;
  if (count > 2 ** (newPrefix - prefix)) return undefined;
  const base = (octets.reduce((acc, octet) => acc * 256 + octet, 0) >>> 0) & (prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0);
  const size = 2 ** bits;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const address = (base >>> 0) + i * size;
    out.push(`${[24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.')}/${newPrefix}`);
  }
  return out;
}

function describe(value: JsonValue | undefined): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const EVALUATORS = new WeakMap<JsonObject, TemplateEvaluator>();

/** The evaluator of a template, built once per parsed template object. */
/** The evaluator of a template, made once: with the parameters its parent stack passes when the first call gives them. */
export function templateEvaluator(template: JsonObject, passed?: ReadonlyMap<string, PassedParameter>): TemplateEvaluator {
  let evaluator = EVALUATORS.get(template);
  if (!evaluator) EVALUATORS.set(template, (evaluator = new TemplateEvaluator(template, passed)));
  return evaluator;
}
