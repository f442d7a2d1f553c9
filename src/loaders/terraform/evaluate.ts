import type { BinaryExpr, Expr, ForExpr, HclFile, Span, TemplatePart } from './ast.js';
import { SPLAT_ELEMENT } from './ast.js';
import { callFunction, format, FORMAT_VERB, hasFunction, NeedsUnknown, toBool, toNum, toStr, type FunctionContext } from './functions.js';
import {
  bool,
  collectRefs,
  subsetOf,
  EvalError,
  TerraformError,
  firstUnknown,
  fromJson,
  list,
  NULL,
  num,
  object,
  originOf,
  str,
  unknown,
  valuesEqual,
  withOrigin,
  type ObjectValue,
  type Origin,
  type Reference,
  type UnknownValue,
  type Value,
} from './values.js';

/**
 * Evaluation of HCL expressions in the context of one module instance. What the configuration fixes is
 * computed; what needs state, a provider, a data source or a remote module becomes an unknown value whose
 * text is the expression as written and which carries the resources it refers to.
 */

/** What `module.<name>` is in a module instance. */
export type ModuleCallView =
  | { kind: 'unresolved'; address: string }
  | { kind: 'expanded'; address: string; expansion: 'single' | 'count' | 'for_each'; instances: ModuleInstanceView[] }
  | { kind: 'unknown'; address: string; refs: readonly Reference[] };

export interface ModuleInstanceView {
  key?: number | string;
  /** Some files of the module are not in the scan (named alone, left out, or unparsable): an output it lacks is unknown. */
  incomplete: boolean;
  /** Undefined when the module declares no such output. */
  output(name: string): Value | undefined;
  outputNames(): string[];
}

/** The module instance an expression is evaluated in. */
export interface EvalHost {
  /** Module instance address, `''` for the root module (`module.app`, `module.app.module.db["x"]`). */
  readonly address: string;
  readonly dir: string;
  readonly rootDir: string;
  readonly functions: FunctionContext;
  /** Undefined when not declared. */
  variable(name: string): Value | undefined;
  local(name: string): Value | undefined;
  moduleCall(name: string): ModuleCallView | undefined;
  declares(mode: 'managed' | 'data' | 'ephemeral', type: string, name: string): boolean;
  /**
   * The module's files may not all be in the scan (a file named alone): a name it does not declare may be
   * declared by a file left out, so references to it are unknown, not errors.
   */
  readonly partial?: boolean;
  /** A problem in the configuration at `span` of `file`. */
  report(file: HclFile, span: Span, message: string, severity: 'error' | 'warning'): void;
}

export interface Scope {
  host: EvalHost;
  file: HclFile;
  /** `each`, `count`, dynamic block iterators, `for` variables. */
  vars: ReadonlyMap<string, Value>;
}

type Step = { k: 'attr'; name: string; span: Span } | { k: 'index'; index: Expr; span: Span };

const MAX_DEPTH = 200;

export class Evaluator {
  private depth = 0;
  /** Inside the arguments of `jsonencode` (keys written as templates are kept as text there). */
  private jsonDepth = 0;
  /** The template files `templatefile()` is rendering (paths). */
  private readonly rendering = new Set<string>();

  /**
   * `templatefile(path, vars)` of a template file in the scan, rendered with `vars` only (as Terraform does): a string
   * reads like `file()` of the template (`readFrom`); other values keep their origin in the template, so findings stop at the call. Undefined when the path is
   * unknown, the file is not in the scan or not a template, or `vars` is not a known object: the call is unknown.
   */
  private templateFile(expr: Extract<Expr, { k: 'call' }>, scope: Scope): Value | undefined {
    const [pathArg, varsArg] = expr.args;
    if (!pathArg || !varsArg || expr.expandFinal) return undefined;
    const filePath = this.attempt(pathArg, scope);
    const vars = this.attempt(varsArg, scope);
    if (filePath?.t !== 'string' || vars?.t !== 'object') return undefined;
    const template = scope.host.functions.template?.(filePath.value);
    // A template that renders itself (Terraform refuses it): unknown, rather than rendering without end.
    if (!template || this.rendering.has(template.file.path)) return undefined;
    // Only the variables given are visible in the template; anything else it names is unknown, not a problem of the configuration.
    const host: EvalHost = {
      address: scope.host.address,
      dir: scope.host.dir,
      rootDir: scope.host.rootDir,
      functions: scope.host.functions,
      partial: true,
      variable: () => undefined,
      local: () => undefined,
      moduleCall: () => undefined,
      declares: () => true,
      report: () => undefined,
    };
    this.rendering.add(template.file.path);
    let value: Value;
    try {
      value = this.evaluateSafely(template.expr, { host, file: template.file, vars: vars.entries });
    } finally {
      this.rendering.delete(template.file.path);
    }
    // Rendered whole, it reads like `file()`: JSON in it (a policy) is located in the template file, which is then
    // checked as what the call renders, not again on its own.
    if (value.t === 'string') return { ...value, origin: originOf(scope.file, expr), readFrom: template.file.path, writtenText: template.written };
    if (value.t !== 'unknown') return value;
    // Partly unknown: the template's text, so that JSON in it is still read around the unknown interpolations.
    return unknown(template.text, value.refs, originOf(scope.file, expr));
  }

  evaluate(expr: Expr, scope: Scope): Value {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      return this.unknownAt(expr, scope, []);
    }
    try {
      return this.evaluateInner(expr, scope);
    } finally {
      this.depth--;
    }
  }

  /** Evaluates an attribute value: configuration errors make it unknown (with a warning), never throw. */
  evaluateSafely(expr: Expr, scope: Scope): Value {
    try {
      return this.evaluate(expr, scope);
    } catch (error) {
      if (error instanceof EvalError) {
        if (error instanceof TerraformError) scope.host.report(scope.file, expr, error.message, 'error');
        else scope.host.report(scope.file, expr, `cannot evaluate ${clip(text(scope.file, expr))}: ${error.message}`, 'warning');
        return this.unknownAt(expr, scope, []);
      }
      throw error;
    }
  }

  private evaluateInner(expr: Expr, scope: Scope): Value {
    const origin = originOf(scope.file, expr);
    switch (expr.k) {
      case 'literal':
        if (expr.value === null) return { t: 'null', origin };
        if (typeof expr.value === 'string') return str(expr.value, origin);
        if (typeof expr.value === 'number') return num(expr.value, origin);
        return bool(expr.value, origin);
      case 'template':
        return this.template(expr.parts, expr, scope);
      case 'tuple':
        return list(
          expr.items.map((item) => this.evaluate(item, scope)),
          origin,
        );
      case 'object': {
        const entries = new Map<string, Value>();
        const origins = new Map<string, Origin>();
        const unknownKeys: UnknownValue[] = [];
        for (const item of expr.items) {
          const key = this.evaluate(item.key, scope);
          // Inside jsonencode (a policy's `"${local.issuer}:sub"` condition key), a template key is kept as written:
          // readers of policy JSON take `${...}` for an unresolved part, as in CloudFormation `Fn::Sub` text.
          const written = key.t === 'unknown' && this.jsonDepth > 0 && item.key.k === 'template' ? text(scope.file, item.key).trim().replace(/^"|"$/g, '') : undefined;
          if (key.t === 'unknown' && written === undefined) {
            unknownKeys.push(key);
            continue;
          }
          const name = written ?? toStr(key);
          entries.delete(name);
          entries.set(name, this.evaluate(item.value, scope));
          origins.set(name, originOf(scope.file, item));
        }
        if (unknownKeys.length > 0) return this.unknownAt(expr, scope, collectRefs([...unknownKeys, ...entries.values()]));
        return object(entries, origin, origins);
      }
      case 'variable':
      case 'getattr':
      case 'index':
        return this.traversal(expr, scope);
      case 'splat':
        return this.splat(expr, scope);
      case 'call':
        return this.call(expr, scope);
      case 'for':
        return this.forExpression(expr, scope);
      case 'conditional': {
        const cond = this.evaluate(expr.cond, scope);
        if (cond.t === 'unknown') {
          const then = this.attempt(expr.then, scope);
          const otherwise = this.attempt(expr.else, scope);
          if (then && otherwise && valuesEqual(then, otherwise) === true) return then;
          return this.unknownAt(expr, scope, collectRefs([cond, ...(then ? [then] : []), ...(otherwise ? [otherwise] : [])]));
        }
        return toBool(cond) ? this.evaluate(expr.then, scope) : this.evaluate(expr.else, scope);
      }
      case 'unary': {
        const operand = this.evaluate(expr.operand, scope);
        if (operand.t === 'unknown') return this.unknownAt(expr, scope, operand.refs);
        return expr.op === '!' ? bool(!toBool(operand), origin) : num(-toNum(operand), origin);
      }
      case 'binary':
        return this.binary(expr, scope);
      case 'paren':
        return this.evaluate(expr.expr, scope);
      case 'invalid':
        return this.unknownAt(expr, scope, []);
    }
  }

  /** Evaluates for refs and possible equality; errors give undefined. */
  private attempt(expr: Expr, scope: Scope): Value | undefined {
    try {
      return this.evaluate(expr, scope);
    } catch (error) {
      if (error instanceof EvalError) return undefined;
      throw error;
    }
  }

  unknownAt(expr: Span, scope: Scope, refs: readonly Reference[]): UnknownValue {
    return unknown(text(scope.file, expr), refs, originOf(scope.file, expr));
  }

  // --- traversals ---------------------------------------------------------------------------------

  private traversal(expr: Expr, scope: Scope): Value {
    const steps: Step[] = [];
    let root: Expr = expr;
    while (root.k === 'getattr' || root.k === 'index') {
      steps.unshift(root.k === 'getattr' ? { k: 'attr', name: root.name, span: root } : { k: 'index', index: root.index, span: root });
      root = root.target;
    }
    if (root.k !== 'variable') {
      // `(expr).x`, `f()[0]`, `[...][0]`: steps on a computed value.
      const base = this.evaluate(root, scope);
      return this.applySteps(base, steps, 0, expr, scope);
    }
    const name = root.name;
    const local = scope.vars.get(name);
    if (local) return this.applySteps(local, steps, 0, expr, scope);
    const first = steps[0];
    const firstName = first?.k === 'attr' ? first.name : undefined;
    const host = scope.host;
    switch (name) {
      case 'var':
      case 'local': {
        if (firstName === undefined) return this.undeclared(expr, scope, `"${name}" must be followed by a name`);
        const value = name === 'var' ? host.variable(firstName) : host.local(firstName);
        if (!value) return this.undeclared(expr, scope, `reference to undeclared ${name === 'var' ? 'input variable' : 'local value'} "${firstName}"`, []);
        return this.applySteps(value, steps, 1, expr, scope);
      }
      case 'each':
      case 'count':
        return this.undeclared(expr, scope, `"${name}" used outside a resource or module with ${name === 'each' ? 'for_each' : 'count'}`);
      case 'path': {
        if (firstName === 'module') return this.applySteps(str(host.dir, originOf(scope.file, expr)), steps, 1, expr, scope);
        if (firstName === 'root') return this.applySteps(str(host.rootDir, originOf(scope.file, expr)), steps, 1, expr, scope);
        return this.unknownAt(expr, scope, []);
      }
      case 'terraform':
      case 'self':
        return this.unknownAt(expr, scope, []);
      case 'module':
        return this.moduleReference(expr, steps, scope);
      case 'data':
      case 'ephemeral':
      case 'resource': {
        // `resource.<type>.<name>` is Terraform's escape for a resource type named like a reserved word: the same
        // reference as `<type>.<name>`.
        const type = firstName;
        const second = steps[1];
        const resourceName = second?.k === 'attr' ? second.name : undefined;
        if (type === undefined || resourceName === undefined) return this.unknownAt(expr, scope, []);
        return this.resourceReference(expr, scope, name === 'resource' ? 'managed' : name, type, resourceName, steps, 2);
      }
      default: {
        if (name === SPLAT_ELEMENT) return this.unknownAt(expr, scope, []);
        // An unknown bare word is often a value written without quotes (a password in a .tfvars file): only
        // names shaped like Terraform identifiers are repeated in the message.
        if (firstName === undefined) return this.undeclared(expr, scope, /^[a-z_][a-z0-9_-]{0,40}$/.test(name) ? `unknown name "${name}"` : 'unknown name (not repeated here: a value written without quotes?)');
        return this.resourceReference(expr, scope, 'managed', name, firstName, steps, 1);
      }
    }
  }

  /** A reference to a resource, data source or ephemeral resource, whose attribute (if any) follows `from` steps. */
  private resourceReference(expr: Expr, scope: Scope, mode: 'managed' | 'data' | 'ephemeral', type: string, resourceName: string, steps: Step[], from: number): Value {
    const local = mode === 'managed' ? `${type}.${resourceName}` : `${mode}.${type}.${resourceName}`;
    const ref = this.resourceRef(local, steps, from, scope);
    if (scope.host.declares(mode, type, resourceName)) return this.unknownAt(expr, scope, [ref]);
    const what = mode === 'managed' ? 'resource' : mode === 'data' ? 'data source' : 'ephemeral resource';
    return this.undeclared(expr, scope, `reference to undeclared ${what} "${local}"`, [ref]);
  }

  /** `aws_iam_role.task[0].arn` -> `{ address: '<module>.aws_iam_role.task[0]', attribute: 'arn' }`. */
  private resourceRef(local: string, steps: Step[], from: number, scope: Scope): Reference {
    let address = qualify(scope.host.address, local);
    let next = from;
    const step = steps[next];
    if (step?.k === 'index') {
      const key = this.attempt(step.index, scope);
      if (key && (key.t === 'number' || key.t === 'string')) address += instanceKeySuffix(key.value);
      next++;
    }
    const attribute = steps[next];
    return attribute?.k === 'attr' ? { address, attribute: attribute.name } : { address };
  }

  /**
   * A name the module does not declare: an error (as `terraform validate` reports it), unless the module's files
   * are not all in the scan; then the value is unknown (keeping `partialRefs`, what it would refer to).
   */
  private undeclared(expr: Expr, scope: Scope, message: string, partialRefs?: readonly Reference[]): Value {
    if (partialRefs !== undefined && scope.host.partial === true) return this.unknownAt(expr, scope, partialRefs);
    scope.host.report(scope.file, expr, message, 'error');
    return this.unknownAt(expr, scope, []);
  }

  private moduleReference(expr: Expr, steps: Step[], scope: Scope): Value {
    const first = steps[0];
    if (first?.k !== 'attr') return this.unknownAt(expr, scope, []);
    const call = scope.host.moduleCall(first.name);
    if (!call) return this.undeclared(expr, scope, `reference to undeclared module "${first.name}"`, [{ address: qualify(scope.host.address, `module.${first.name}`) }]);
    if (call.kind === 'unresolved') return this.unknownAt(expr, scope, [{ address: call.address }]);
    if (call.kind === 'unknown') return this.unknownAt(expr, scope, [{ address: call.address }, ...call.refs]);
    let next = 1;
    let selected: ModuleInstanceView | undefined;
    if (call.expansion === 'single') selected = call.instances[0];
    else {
      const step = steps[1];
      if (step?.k === 'index') {
        const key = this.evaluate(step.index, scope);
        if (key.t === 'unknown') return this.unknownAt(expr, scope, [{ address: call.address }, ...key.refs]);
        const wanted = call.expansion === 'count' ? toNum(key) : toStr(key);
        selected = call.instances.find((instance) => instance.key === wanted);
        if (!selected) throw new EvalError(`module.${first.name} has no instance ${JSON.stringify(wanted)}`);
        next = 2;
      }
    }
    if (selected) {
      const output = steps[next];
      if (output?.k === 'attr') {
        const value = selected.output(output.name);
        // As `terraform validate` says: an error, like a reference to an undeclared resource.
        if (!value && selected.incomplete) return this.unknownAt(expr, scope, [{ address: call.address }]);
        if (!value) return this.undeclared(expr, scope, `reference to undeclared output "${output.name}" of module.${first.name}`, [{ address: call.address }]);
        return this.applySteps(value, steps, next + 1, expr, scope);
      }
      return this.applySteps(outputsObject(selected), steps, next, expr, scope);
    }
    // The whole collection of instances (`for k, v in module.x`).
    const whole =
      call.expansion === 'count'
        ? list(call.instances.map(outputsObject))
        : object(new Map(call.instances.map((instance) => [String(instance.key), outputsObject(instance)])));
    return this.applySteps(whole, steps, next, expr, scope);
  }

  /** Applies `.attr` / `[index]` steps from `from` on; an unknown on the way makes the whole traversal unknown. */
  private applySteps(base: Value, steps: Step[], from: number, whole: Expr, scope: Scope): Value {
    let value = base;
    for (let i = from; i < steps.length; i++) {
      const step = steps[i];
      if (!step) continue;
      if (value.t === 'unknown') return this.unknownAt(whole, scope, steps.slice(i).some((rest) => rest?.k === 'index') ? subsetOf(value.refs) : value.refs);
      if (value.t === 'null') throw new EvalError(step.k === 'attr' ? `attribute "${step.name}" of a null value` : 'index into a null value');
      if (step.k === 'attr') {
        if (value.t !== 'object') throw new EvalError(`attribute "${step.name}" of a ${value.t}`);
        const found = value.entries.get(step.name);
        if (!found) throw new EvalError(`no attribute "${step.name}"`);
        value = found;
      } else {
        const key = this.evaluate(step.index, scope);
        if (key.t === 'unknown') return this.unknownAt(whole, scope, collectRefs([value, key]));
        value = indexInto(value, key);
      }
    }
    return value;
  }

  private splat(expr: Expr & { k: 'splat' }, scope: Scope): Value {
    const target = this.evaluate(expr.target, scope);
    if (target.t === 'unknown') return this.unknownAt(expr, scope, target.refs);
    if (target.t === 'null') return list([], originOf(scope.file, expr));
    const items = target.t === 'list' ? target.items : [target];
    const out: Value[] = [];
    for (const item of items) {
      const vars = new Map(scope.vars);
      vars.set(SPLAT_ELEMENT, item);
      out.push(this.evaluate(expr.rest, { ...scope, vars }));
    }
    return list(out, originOf(scope.file, expr));
  }

  // --- functions ----------------------------------------------------------------------------------

  private call(expr: Expr & { k: 'call' }, scope: Scope): Value {
    if (expr.name === 'try') {
      for (const arg of expr.args) {
        let value: Value;
        try {
          value = this.evaluate(arg, scope);
        } catch (error) {
          if (error instanceof EvalError) continue;
          throw error;
        }
        if (value.t === 'unknown') return this.unknownAt(expr, scope, value.refs);
        return value;
      }
      throw new EvalError('try: no argument could be evaluated');
    }
    if (expr.name === 'can') {
      const [arg] = expr.args;
      if (!arg) throw new EvalError('can: missing argument');
      try {
        const value = this.evaluate(arg, scope);
        const unknownPart = firstUnknown(value);
        if (unknownPart) return this.unknownAt(expr, scope, unknownPart.refs);
        return bool(true, originOf(scope.file, expr));
      } catch (error) {
        if (error instanceof EvalError) return bool(false, originOf(scope.file, expr));
        throw error;
      }
    }
    if (expr.name === 'templatefile') {
      const rendered = this.templateFile(expr, scope);
      if (rendered) return rendered;
    }
    if (!hasFunction(expr.name)) {
      // Not computed here (provider functions, templatefile, timestamp, ...): unknown, but its references count.
      const args = expr.args.map((arg) => this.attempt(arg, scope)).filter((arg): arg is Value => arg !== undefined);
      return this.unknownAt(expr, scope, collectRefs(args));
    }
    if (expr.name === 'jsonencode') this.jsonDepth++;
    let args: Value[];
    try {
      args = expr.args.map((arg) => this.evaluate(arg, scope));
    } finally {
      if (expr.name === 'jsonencode') this.jsonDepth--;
    }
    if (expr.expandFinal) {
      const last = args[args.length - 1];
      if (!last || last.t === 'unknown') return this.unknownAt(expr, scope, collectRefs(args));
      if (last.t !== 'list') throw new EvalError('the expanded argument must be a list');
      args = [...args.slice(0, -1), ...last.items];
    }
    try {
      const result = callFunction(expr.name, args, scope.host.functions);
      return result.origin ? result : withOrigin(result, originOf(scope.file, expr));
    } catch (error) {
      if (error instanceof NeedsUnknown) {
        const template = expr.name === 'format' && !expr.expandFinal ? formatAsTemplate(expr, args, scope.file) : undefined;
        return template === undefined ? this.unknownAt(expr, scope, collectRefs(args)) : unknown(template, collectRefs(args), originOf(scope.file, expr));
      }
      throw error;
    }
  }

  // --- for expressions ----------------------------------------------------------------------------

  private forExpression(expr: ForExpr, scope: Scope): Value {
    const collection = this.evaluate(expr.collection, scope);
    if (collection.t === 'unknown') return this.unknownAt(expr, scope, expr.cond ? subsetOf(collection.refs) : collection.refs);
    const pairs = iterate(collection);
    const origin = originOf(scope.file, expr);
    const tupleItems: Value[] = [];
    const entries = new Map<string, Value>();
    const groups = new Map<string, Value[]>();
    const unknowns: Value[] = [];
    for (const [key, value] of pairs) {
      const vars = new Map(scope.vars);
      if (expr.keyVar !== undefined) vars.set(expr.keyVar, key);
      vars.set(expr.valueVar, value);
      const inner: Scope = { ...scope, vars };
      // An unknown condition leaves this element's presence unknown: it is kept as an unknown value (the
      // value itself when it is unknown anyway), so the elements whose presence is known stay readable.
      let maybe: UnknownValue | undefined;
      if (expr.cond) {
        const keep = this.evaluate(expr.cond, inner);
        if (keep.t === 'unknown') maybe = keep;
        else if (!toBool(keep)) continue;
      }
      const element = (): Value => {
        const value = this.evaluate(expr.value, inner);
        if (!maybe) return value;
        if (value.t === 'unknown') return { ...value, refs: collectRefs([maybe, value]), maybeAbsent: true };
        return { ...this.unknownAt(expr.cond ?? expr, inner, collectRefs([maybe, value])), maybeAbsent: true };
      };
      if (!expr.key) {
        tupleItems.push(element());
        continue;
      }
      const keyValue = this.evaluate(expr.key, inner);
      if (keyValue.t === 'unknown') {
        unknowns.push(keyValue);
        continue;
      }
      const name = toStr(keyValue);
      const item = element();
      if (expr.grouping) {
        const group = groups.get(name);
        if (group) group.push(item);
        else groups.set(name, [item]);
      } else {
        if (entries.has(name)) throw new TerraformError(`duplicate object key "${name}" in a for expression (terraform plan fails; \`...\` after the value groups them): the expression is unknown`);
        entries.set(name, item);
      }
    }
    if (unknowns.length > 0) return this.unknownAt(expr, scope, collectRefs(unknowns));
    if (!expr.key) return list(tupleItems, origin);
    if (expr.grouping) return object(new Map([...groups].map(([name, items]) => [name, list(items)])), origin);
    return object(entries, origin);
  }

  // --- operators ----------------------------------------------------------------------------------

  private binary(expr: BinaryExpr, scope: Scope): Value {
    const origin = originOf(scope.file, expr);
    if (expr.op === '&&' || expr.op === '||') {
      const decisive = expr.op === '||';
      const left = this.evaluate(expr.left, scope);
      if (left.t !== 'unknown' && toBool(left) === decisive) return bool(decisive, origin);
      const right = this.evaluate(expr.right, scope);
      if (right.t !== 'unknown' && toBool(right) === decisive) return bool(decisive, origin);
      if (left.t === 'unknown' || right.t === 'unknown') return this.unknownAt(expr, scope, collectRefs([left, right]));
      return bool(!decisive, origin);
    }
    const left = this.evaluate(expr.left, scope);
    const right = this.evaluate(expr.right, scope);
    if (expr.op === '==' || expr.op === '!=') {
      const equal = valuesEqual(left, right);
      if (equal === undefined) return this.unknownAt(expr, scope, collectRefs([left, right]));
      return bool(expr.op === '==' ? equal : !equal, origin);
    }
    if (left.t === 'unknown' || right.t === 'unknown') return this.unknownAt(expr, scope, collectRefs([left, right]));
    const a = toNum(left);
    const b = toNum(right);
    switch (expr.op) {
      case '+':
        return num(a + b, origin);
      case '-':
        return num(a - b, origin);
      case '*':
        return num(a * b, origin);
      case '/':
        if (b === 0) throw new EvalError('division by zero');
        return num(a / b, origin);
      case '%':
        if (b === 0) throw new EvalError('modulo by zero');
        return num(a % b, origin);
      case '>':
        return bool(a > b, origin);
      case '>=':
        return bool(a >= b, origin);
      case '<':
        return bool(a < b, origin);
      case '<=':
        return bool(a <= b, origin);
    }
  }

  // --- templates ----------------------------------------------------------------------------------

  private template(parts: TemplatePart[], expr: Expr, scope: Scope): Value {
    const only = parts[0];
    if (parts.length === 1 && only?.k === 'interp') {
      // "${x}" is x itself, whatever its type.
      return this.evaluate(only.expr, scope);
    }
    const unknowns: Value[] = [];
    const spliced: Value[] = [];
    const textValue = this.renderParts(parts, scope, unknowns, spliced);
    if (unknowns.length > 0) {
      const json = spliced.length > 0 && unknowns.length === spliced.length ? jsonAround(textValue, spliced, originOf(scope.file, expr)) : undefined;
      return json ?? this.unknownAt(expr, scope, collectRefs(unknowns));
    }
    return str(textValue, originOf(scope.file, expr));
  }

  /**
   * The template's text. Unknown interpolations are left out and collected in `unknowns`; a `jsonencode` value
   * with unknown parts is also written as a placeholder string and collected in `spliced` (see jsonAround).
   */
  private renderParts(parts: TemplatePart[], scope: Scope, unknowns: Value[], spliced: Value[] = []): string {
    let out = '';
    for (const part of parts) {
      if (part.k === 'text') {
        out += part.text;
        continue;
      }
      if (part.k === 'interp') {
        const value = this.evaluate(part.expr, scope);
        if (firstUnknown(value)) {
          unknowns.push(value);
          if (value.t === 'json') {
            out += JSON.stringify(`${SPLICE_MARK}${spliced.length}`);
            spliced.push(value.inner);
          }
          continue;
        }
        if (value.t === 'null') throw new EvalError('null value in a string template');
        out += toStr(value);
      } else if (part.k === 'if') {
        const cond = this.evaluate(part.cond, scope);
        if (cond.t === 'unknown') {
          unknowns.push(cond);
          continue;
        }
        out += this.renderParts(toBool(cond) ? part.then : part.else, scope, unknowns);
      } else {
        const collection = this.evaluate(part.collection, scope);
        if (collection.t === 'unknown') {
          unknowns.push(collection);
          continue;
        }
        for (const [key, value] of iterate(collection)) {
          const vars = new Map(scope.vars);
          if (part.keyVar !== undefined) vars.set(part.keyVar, key);
          vars.set(part.valueVar, value);
          out += this.renderParts(part.body, { ...scope, vars }, unknowns);
        }
      }
    }
    return out;
  }
}

/** Key/value pairs of a collection as `for` sees them: list indexes, or map keys in lexical order. */
export function iterate(collection: Value): Array<[Value, Value]> {
  if (collection.t === 'list') return collection.items.map((item, index) => [collection.set ? item : num(index), item]);
  if (collection.t === 'object') {
    return [...collection.entries.keys()].sort().map((key) => [str(key), collection.entries.get(key) ?? NULL]);
  }
  if (collection.t === 'null') throw new EvalError('cannot iterate over a null value');
  throw new EvalError(`cannot iterate over a ${collection.t}`);
}

function indexInto(value: Value, key: Value): Value {
  if (value.t === 'list') {
    const index = toNum(key);
    const item = value.items[index];
    if (!Number.isInteger(index) || !item) throw new EvalError(`index ${index} out of range`);
    return item;
  }
  if (value.t === 'object') {
    const found = value.entries.get(toStr(key));
    if (!found) throw new EvalError(`no element for key ${JSON.stringify(toStr(key))}`);
    return found;
  }
  throw new EvalError(`cannot index a ${value.t}`);
}

function outputsObject(instance: ModuleInstanceView): ObjectValue {
  const entries = new Map<string, Value>();
  for (const name of instance.outputNames()) entries.set(name, instance.output(name) ?? NULL);
  return object(entries);
}

export function qualify(moduleAddress: string, local: string): string {
  return moduleAddress === '' ? local : `${moduleAddress}.${local}`;
}

/** `[0]` or `["key"]`, as Terraform prints instance keys. */
export function instanceKeySuffix(key: number | string): string {
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

export function text(file: HclFile, span: Span): string {
  return file.text.slice(span.start, span.end);
}

function clip(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ');
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}

/**
 * `format("arn:%s:iam::%s:oidc-provider/%s", var.partition, ...)` with unknown arguments, written as the template
 * string it stands for (`"arn:aws:iam::${var.account}:oidc-provider/..."`), so that readers of templates (ARN
 * patterns, messages) see its known parts. Undefined when an unknown argument is formatted other than by
 * `%s` / `%v` / `%d`, or the format string itself is unknown.
 */
function formatAsTemplate(expr: Expr & { k: 'call' }, args: readonly Value[], file: HclFile): string | undefined {
  const [spec] = args;
  // Explicit argument indexes (`%[2]s`) are not emulated.
  if (spec?.t !== 'string' || /%\[\d+\]/.test(spec.value)) return undefined;
  const escape = (literal: string): string => literal.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/([$%])\{/g, '$1$1{');
  let out = '';
  let last = 0;
  let next = 1;
  for (const match of spec.value.matchAll(FORMAT_VERB)) {
    const [verbText, width = '', precision, verb] = match;
    out += escape(spec.value.slice(last, match.index));
    last = match.index + verbText.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const index = next++;
    const value = args[index];
    const source = expr.args[index];
    if (!value || !source) return undefined;
    if (value.t === 'unknown') {
      if (width !== '' || precision !== undefined || !(verb === 's' || verb === 'v' || verb === 'd')) return undefined;
      out += `\${${text(file, source)}}`;
    } else {
      try {
        out += escape(format(verbText, [value]));
      } catch {
        return undefined;
      }
    }
  }
  return `"${out}${escape(spec.value.slice(last))}"`;
}

/** Marks where a `jsonencode` value sits in a template's JSON text (a control character no JSON text holds). */
const SPLICE_MARK = '\u0001splice:';

/**
 * `"[${jsonencode(local.container)}]"` (how Cloud Posse writes container definitions): JSON text around
 * `jsonencode` values with unknown parts is the JSON value it spells, so that the known parts stay readable, as
 * for `jsonencode([local.container])`. Undefined when the text is not JSON.
 */
function jsonAround(text: string, spliced: readonly Value[], origin: Origin): Value | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const rebuild = (node: unknown): Value => {
    if (typeof node === 'string' && node.startsWith(SPLICE_MARK)) return spliced[Number(node.slice(SPLICE_MARK.length))] ?? NULL;
    if (Array.isArray(node)) return list(node.map(rebuild), origin);
    if (typeof node === 'object' && node !== null) return object(new Map(Object.entries(node).map(([key, item]) => [key, rebuild(item)])), origin);
    return fromJson(node, origin);
  };
  return { t: 'json', inner: rebuild(data), origin };
}
