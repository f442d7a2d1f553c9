import type { JsonObject, JsonValue, LoadedDocument, NodePath, Resource } from '../model/types.js';
import { asObject, isObject } from '../util/json.js';
import type { StructuredArtifact } from './artifact.js';
import { resourceCycles } from './cloudformation-cycles.js';
import { expandForEach, FOR_EACH, loopItems, type GeneratedResource } from './cloudformation-foreach.js';
import { templateEvaluator, type EvaluatedResource, type EvaluationProblem, type PassedParameter } from './cloudformation-eval.js';
import { appendAll } from '../util/collections.js';

const RESOURCE_TYPE = /^[A-Za-z0-9]+::/;

function hasAwsTransform(transform: JsonValue | undefined): boolean {
  const list = Array.isArray(transform) ? transform : [transform];
  return list.some((item) => typeof item === 'string' && item.startsWith('AWS::'));
}

/**
 * CloudFormation templates (YAML with short-form intrinsics, JSON; SAM and CDK-synthesized templates too):
 * a document with `AWSTemplateFormatVersion`, a `Transform` such as `AWS::Serverless-2016-10-31` with a
 * `Resources` map, or a `Resources` map whose entries carry a `Type` such as `AWS::ECS::Service`.
 *
 * Each entry of `Resources` is a resource named by its logical ID. Its `body` is the entry with the static
 * intrinsics evaluated (see cloudformation-eval.ts): parameters' defaults, mappings, conditions, Join / Sub /
 * Select / Split... `document.data` keeps the raw template, and an evaluated value sits at the same path as the
 * intrinsic it replaces; below a static `Fn::If` and in lists that `AWS::NoValue` shortened, the resource's
 * `sourcePath` leads a finding's path to the lines written. `Ref` / `Fn::GetAtt` to resources stay intrinsic
 * objects (unknown values, references that src/graph/cloudformation.ts follows).
 *
 * Resources whose `Condition` is false whatever the parameters (a condition over literals, mappings with literal
 * keys, `AWS::Partition`) are never created: they are not loaded, so rules neither report them nor see them in
 * the graph; `cloudformationEvaluation()` lists them as `inactive`. A resource whose Condition is false only
 * with the parameters' defaults (e.g. the `LaunchType: EC2` resources of a template defaulting to Fargate) is
 * a deployable alternative: it is loaded, its body evaluated with that condition true, and listed as
 * `conditional`. An entry that is not an object with a `Type` is skipped and listed among the problems.
 */
export const cloudformationArtifact: StructuredArtifact = {
  artifact: 'cloudformation',
  matches(data: JsonValue): boolean {
    if (!isObject(data)) return false;
    if (typeof data.AWSTemplateFormatVersion === 'string') return true;
    const resources = asObject(data.Resources);
    if (!resources) return false;
    if (hasAwsTransform(data.Transform)) return true;
    let typed = 0;
    for (const [logicalId, entry] of Object.entries(resources)) {
      if (FOR_EACH.test(logicalId)) continue;
      if (!isObject(entry) || typeof entry.Type !== 'string' || !RESOURCE_TYPE.test(entry.Type)) return false;
      typed++;
    }
    return typed > 0;
  },
  resources(document: LoadedDocument): Resource[] {
    const evaluation = cloudformationEvaluation(document);
    return evaluation.resources.map((evaluated) => {
      const condition = evaluated.condition === true ? undefined : evaluated.body.Condition;
      const existsOnly =
        typeof condition !== 'string' ? undefined : `when condition ${condition} holds${evaluated.conditionFromDefaults ? ", which it does not with the parameters' defaults" : ''}`;
      return {
        artifact: 'cloudformation',
        type: evaluated.body.Type as string,
        name: evaluated.logicalId,
        body: evaluated.body,
        document,
        basePath: evaluated.writtenAt ?? ['Resources', evaluated.logicalId],
        sourcePath: evaluated.sourcePath,
        ...(evaluated.parameterDefaults.length > 0 ? { parameterDefaults: evaluated.parameterDefaults } : {}),
        ...(existsOnly === undefined ? {} : { existsOnly }),
      };
    });
  },
  problems: (document) => cloudformationEvaluation(document).problems,
};

export interface TemplateEvaluation {
  /** Resources CloudFormation may create (condition true or unknown), in template order. */
  resources: EvaluatedResource[];
  /** Logical IDs of resources whose Condition is false whatever the parameters: not loaded. */
  inactive: string[];
  /** Logical IDs of resources loaded although their Condition is false with the parameters' defaults. */
  conditional: string[];
  /**
   * Entries that could not be read, intrinsics that refer to nothing and circular dependencies between resources
   * (at the first resource of the cycle), with their template paths.
   */
  problems: EvaluationProblem[];
  /** The `Type` of each resource of the template, by logical ID: written ones and those `Fn::ForEach` loops generate, whatever their Condition. */
  types: Map<string, string>;
}

const EVALUATIONS = new WeakMap<LoadedDocument, TemplateEvaluation>();

/** While a nested template is loaded: its path and the parameter values its parent stack passes (see loadSources). */
let parentParameters: { path: string; values: ReadonlyMap<string, PassedParameter> } | undefined;

/**
 * Runs `load` (the synchronous loading of the template at `path`) with the parameter values a parent stack of the
 * scan passes to it: they replace its defaults (an unknown value, its default too).
 */
export function withParentParameters<T>(path: string, values: ReadonlyMap<string, PassedParameter>, load: () => T): T {
  parentParameters = { path, values };
  try {
    return load();
  } finally {
    parentParameters = undefined;
  }
}

function evaluatorOf(document: LoadedDocument, template: JsonObject): ReturnType<typeof templateEvaluator> {
  return templateEvaluator(template, parentParameters?.path === document.file.path ? parentParameters.values : undefined);
}

/** The static evaluation of a CloudFormation document (computed once per document). */
export function cloudformationEvaluation(document: LoadedDocument): TemplateEvaluation {
  const cached = EVALUATIONS.get(document);
  if (cached) return cached;
  const result: TemplateEvaluation = { resources: [], inactive: [], conditional: [], problems: [], types: new Map() };
  const template = asObject(document.data);
  const entries = asObject(template?.Resources);
  if (template && entries) {
    const evaluator = evaluatorOf(document, template);
    // `Fn::ForEach` loops (AWS::LanguageExtensions): expanded first, so that references to what they generate resolve.
    const generated = new Map<string, GeneratedResource[]>();
    // Loops whose collection is a parameter's Default: the resources they generate are those of the default.
    const loopDefaults = new Map<string, string[]>();
    for (const [key, entry] of Object.entries(entries)) {
      if (!FOR_EACH.test(key)) continue;
      const collectionDefaults = new Set<string>();
      const expansion = expandForEach(key, entry, ['Resources', key], (collection, path) => {
        const { value, defaults } = evaluator.valueAndDefaults(collection, path);
        for (const parameter of defaults) collectionDefaults.add(parameter);
        return loopItems(value);
      });
      appendAll(result.problems, expansion.problems);
      const kept = expansion.resources.filter((resource) => {
        if (evaluator.addResourceId(resource.logicalId)) return true;
        result.problems.push({ path: resource.writtenAt, message: `${key} generates the logical ID ${resource.logicalId}, which the template or the loop itself already has: CloudFormation refuses the template` });
        return false;
      });
      generated.set(key, kept);
      if (collectionDefaults.size > 0) loopDefaults.set(key, [...collectionDefaults]);
    }
    const toEvaluate = Object.entries(entries).flatMap(([key, entry]): Array<{ logicalId: string; entry: JsonValue | undefined; writtenAt?: NodePath; substitutions?: GeneratedResource['substitutions']; loop?: string }> =>
      FOR_EACH.test(key) ? (generated.get(key) ?? []).map((resource) => ({ ...resource, loop: key })) : [{ logicalId: key, entry }],
    );
    for (const { logicalId, entry, writtenAt, substitutions, loop } of toEvaluate) {
      const type = asObject(entry)?.Type;
      if (typeof type === 'string') result.types.set(logicalId, type);
      const evaluated = evaluator.resource(logicalId, entry, writtenAt, substitutions);
      if (!evaluated) continue;
      if (evaluated.condition === false && !evaluated.conditionFromDefaults) {
        result.inactive.push(logicalId);
        continue;
      }
      if (evaluated.conditionFromDefaults) result.conditional.push(logicalId);
      // After the body's own defaults, so that a finding on one of those names it first.
      if (loop !== undefined) for (const parameter of loopDefaults.get(loop) ?? []) evaluated.parameterDefaults.push({ path: [], parameter, loop });
      result.resources.push(evaluated);
    }
    appendAll(result.problems, evaluator.problems);
    appendAll(result.problems, resourceCycles(result.resources, template.Transform));
  } else if (template && template.Resources !== undefined) {
    result.problems.push({ path: ['Resources'], message: 'Resources is not a map of logical IDs to resources' });
  }
  EVALUATIONS.set(document, result);
  return result;
}

/** The `Type` of the template's resource with this logical ID, loop-generated ones included (undefined when none). */
export function templateResourceType(document: LoadedDocument, logicalId: string): string | undefined {
  return cloudformationEvaluation(document).types.get(logicalId);
}

/** Evaluates any other value of a CloudFormation template (an Output, an Export name) like resource bodies. */
export function evaluateTemplateValue(document: LoadedDocument, value: JsonValue): JsonValue | undefined {
  const template = asObject(document.data);
  if (!template) return value;
  return evaluatorOf(document, template).value(value);
}

