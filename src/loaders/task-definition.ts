import path from 'node:path';
import type { JsonObject, JsonValue, LoadedDocument, NodePath, Resource } from '../model/types.js';
import { isObject } from '../util/json.js';
import type { StructuredArtifact } from './artifact.js';

/** The resource type a standalone task definition is reported as (the CloudFormation name, as the issue asks). */
export const TASK_DEFINITION_TYPE = 'AWS::ECS::TaskDefinition';

/**
 * ECS task definitions as JSON (or YAML) in the ECS API shape: the input of
 * `aws ecs register-task-definition --cli-input-json` and the output of `aws ecs describe-task-definition`
 * (with its `taskDefinition` wrapper, and `tags` beside it) or the bare task definition.
 *
 * Decided by content: a `containerDefinitions` array whose entries are all objects, at least one of them naming
 * a container (`name` or `image` string). Never a CloudFormation template (`Resources`, `AWSTemplateFormatVersion`)
 * nor a Kubernetes object (`apiVersion` + `kind`), which the artifacts before this one claim anyway.
 */
export const taskDefinitionArtifact: StructuredArtifact = {
  artifact: 'task-definition',
  matches(data: JsonValue): boolean {
    return locateTaskDefinition(data) !== undefined;
  },
  resources(document: LoadedDocument): Resource[] {
    const found = locateTaskDefinition(document.data);
    if (!found) return [];
    const family = found.body.family;
    const name = typeof family === 'string' && family.trim() !== '' ? family : path.basename(document.file.path).replace(/\.(json|ya?ml)$/i, '');
    return [{ artifact: 'task-definition', type: TASK_DEFINITION_TYPE, name, body: found.body, document, basePath: found.basePath }];
  },
};

function locateTaskDefinition(data: JsonValue): { body: JsonObject; basePath: NodePath } | undefined {
  if (!isObject(data)) return undefined;
  if ('Resources' in data || 'AWSTemplateFormatVersion' in data) return undefined;
  if (typeof data.apiVersion === 'string' && typeof data.kind === 'string') return undefined;
  if (isObject(data.taskDefinition) && isTaskDefinition(data.taskDefinition)) return { body: data.taskDefinition, basePath: ['taskDefinition'] };
  if (isTaskDefinition(data)) return { body: data, basePath: [] };
  return undefined;
}

function isTaskDefinition(data: JsonObject): boolean {
  if ('Resources' in data || 'ContainerDefinitions' in data) return false;
  const containers = data.containerDefinitions;
  if (!Array.isArray(containers) || containers.length === 0) return false;
  if (!containers.every(isObject)) return false;
  return containers.some((container) => isObject(container) && (typeof container.name === 'string' || typeof container.image === 'string'));
}
