import type { JsonValue, LoadedDocument, Resource } from '../model/types.js';
import { asObject, isObject } from '../util/json.js';
import type { StructuredArtifact } from './artifact.js';

/**
 * CloudFormation templates (YAML with short-form intrinsics, JSON; SAM and CDK-synthesized templates too):
 * a document with `AWSTemplateFormatVersion`, or a `Resources` map whose entries carry a `Type` such as
 * `AWS::ECS::Service`. Each entry of `Resources` is a resource named by its logical ID.
 */
export const cloudformationArtifact: StructuredArtifact = {
  artifact: 'cloudformation',
  matches(data: JsonValue): boolean {
    if (!isObject(data)) return false;
    if (typeof data.AWSTemplateFormatVersion === 'string') return true;
    const resources = asObject(data.Resources);
    if (!resources) return false;
    const entries = Object.values(resources);
    return entries.length > 0 && entries.every((entry) => isObject(entry) && typeof entry.Type === 'string' && /^[A-Za-z0-9]+::/.test(entry.Type));
  },
  resources(document: LoadedDocument): Resource[] {
    const resources = asObject(asObject(document.data)?.Resources);
    if (!resources) return [];
    const out: Resource[] = [];
    for (const [logicalId, entry] of Object.entries(resources)) {
      if (!isObject(entry) || typeof entry.Type !== 'string') continue;
      out.push({ artifact: 'cloudformation', type: entry.Type, name: logicalId, body: entry, document, basePath: ['Resources', logicalId] });
    }
    return out;
  },
};
