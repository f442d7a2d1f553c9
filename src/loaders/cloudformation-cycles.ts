import type { JsonValue } from '../model/types.js';
import { isObject } from '../util/json.js';
import type { EvaluatedResource, EvaluationProblem } from './cloudformation-eval.js';
import { describeCycle, findCycles } from './cycles.js';

/**
 * Circular dependencies between the resources of a template: CloudFormation refuses such a template ("Circular
 * dependency between resources: [...]"). A resource depends on those its `DependsOn` names and those its evaluated
 * body refers to with `Ref`, `Fn::GetAtt` and `Fn::Sub` variables. Left out, so that only certain cycles are
 * reported: references inside an `Fn::If` whose condition is unknown (one branch may be dropped at deploy time),
 * resources that are never created, `Metadata`, and templates transformed by a macro (SAM resources, whose
 * references the transform rewrites into separate resources, and any non-AWS macro, which may rewrite anything).
 * The references along a cycle are resource references: unknown values, nothing to undo.
 */
export function resourceCycles(resources: readonly EvaluatedResource[], transform: JsonValue | undefined): EvaluationProblem[] {
  const transforms = (Array.isArray(transform) ? transform : [transform]).filter((item): item is string => typeof item === 'string');
  if (transforms.some((name) => !name.startsWith('AWS::'))) return [];
  const byId = new Map(resources.map((resource) => [resource.logicalId, resource]));
  const dependencies = new Map<string, string[]>();
  for (const resource of resources) {
    const ids = new Set<string>();
    const dependsOn = resource.body.DependsOn;
    for (const item of Array.isArray(dependsOn) ? dependsOn : [dependsOn]) if (typeof item === 'string') ids.add(item);
    for (const [key, value] of Object.entries(resource.body)) {
      if (key === 'Type' || key === 'Condition' || key === 'DependsOn' || key === 'Metadata' || value === undefined) continue;
      collect(value, ids, 0);
    }
    dependencies.set(resource.logicalId, [...ids].filter((id) => byId.has(id)));
  }
  const ids = resources.map((resource) => resource.logicalId);
  const problems: EvaluationProblem[] = [];
  for (const cycle of findCycles(ids, (id) => dependencies.get(id) ?? [])) {
    const members = cycle.slice(0, -1);
    if (members.some((id) => isServerless(byId.get(id)?.body.Type))) continue;
    const first = cycle[0] as string;
    const what =
      members.length === 1
        ? `resource ${first} depends on itself`
        : `circular dependency between ${members.length === 2 ? `resources ${members[0]} and ${members[1]}` : `${members.length} resources`} (${describeCycle(cycle)})`;
    problems.push({
      path: ['Resources', first],
      message: `${what}: CloudFormation rejects this template; the references along the cycle stay unknown`,
    });
  }
  return problems;
}

const PSEUDO = /^AWS::/;

function isServerless(type: JsonValue | undefined): boolean {
  return typeof type === 'string' && type.startsWith('AWS::Serverless::');
}

/** Logical IDs a value refers to through Ref, Fn::GetAtt and Fn::Sub (not inside an Fn::If left unknown). */
function collect(value: JsonValue, ids: Set<string>, depth: number): void {
  if (value === null || typeof value !== 'object' || depth > 256) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, ids, depth + 1);
    return;
  }
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const key = keys[0] as string;
    const args = value[key];
    if (key === 'Ref') {
      if (typeof args === 'string' && !PSEUDO.test(args)) ids.add(args);
      return;
    }
    if (key === 'Fn::GetAtt') {
      const target = Array.isArray(args) ? args[0] : typeof args === 'string' ? args.split('.')[0] : undefined;
      if (typeof target === 'string') ids.add(target);
      return;
    }
    if (key === 'Fn::Sub') {
      const text = typeof args === 'string' ? args : Array.isArray(args) && typeof args[0] === 'string' ? args[0] : undefined;
      const variables = Array.isArray(args) && isObject(args[1]) ? args[1] : {};
      if (text !== undefined) {
        for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
          const name = (match[1] ?? '').trim();
          if (name in variables || PSEUDO.test(name)) continue;
          const id = name.split('.')[0];
          if (id) ids.add(id);
        }
      }
      collect(variables, ids, depth + 1);
      return;
    }
    // A condition that stays unknown: CloudFormation may keep either branch.
    if (key === 'Fn::If') return;
  }
  for (const item of Object.values(value)) if (item !== undefined) collect(item, ids, depth + 1);
}
