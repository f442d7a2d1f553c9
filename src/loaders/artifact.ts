import type { ArtifactType, JsonValue, LoadedDocument, NodePath, Resource } from '../model/types.js';

/**
 * An artifact type read from YAML or JSON documents (Kubernetes, CloudFormation, task definitions, policies,
 * eksctl, CI workflows). The loader parses each document once and asks each artifact, in order, whether the
 * document is one of its own: the type is decided by content, not by the file name.
 */
export interface StructuredArtifact {
  artifact: ArtifactType;
  matches(data: JsonValue): boolean;
  resources(document: LoadedDocument): Resource[];
  /** What the loader could not read inside a recognised document (reported as scan errors with their lines). */
  problems?(document: LoadedDocument): ReadonlyArray<{ path: NodePath; message: string }>;
}
