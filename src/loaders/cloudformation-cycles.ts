import type { JsonValue } from '../model/types.js';
import type { EvaluatedResource, EvaluationProblem } from './cloudformation-eval.js';
import { collectReferences } from './cloudformation-references.js';
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
    for (const key in resource.body) {
      if (key === 'Type' || key === 'Condition' || key === 'DependsOn' || key === 'Metadata') continue;
      collectReferences(resource.body[key], ids, 'skip');
    }
    dependencies.set(resource.logicalId, [...ids]);
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

function isServerless(type: JsonValue | undefined): boolean {
  return typeof type === 'string' && type.startsWith('AWS::Serverless::');
}
