import type { ArtifactType, Resource } from '../model/types.js';
import { pushTo } from '../util/collections.js';

/**
 * Every resource of one scan, indexed for cross-resource rules (workload <-> NetworkPolicy, binding <-> role,
 * task definition <-> role <-> policy, ...). Indexes that a family of rules needs are built once, on first
 * use, through `memo`.
 */
export class ResourceGraph {
  /** By artifact, then by type: rules ask `ofType` often, and two map look-ups build no key string. */
  private readonly byType = new Map<ArtifactType, Map<string, Resource[]>>();
  private readonly memos = new Map<string, unknown>();

  constructor(readonly resources: readonly Resource[]) {
    for (const resource of resources) {
      let types = this.byType.get(resource.artifact);
      if (!types) this.byType.set(resource.artifact, (types = new Map()));
      pushTo(types, resource.type, resource);
    }
  }

  ofType(artifact: ArtifactType, type: string): readonly Resource[] {
    return this.byType.get(artifact)?.get(type) ?? NONE;
  }

  /** Resources of a type with a given name (in any namespace: callers compare namespaces). */
  named(artifact: ArtifactType, type: string, name: string): readonly Resource[] {
    const index = this.memo(`graph:named:${typeKey(artifact, type)}`, () => {
      const byName = new Map<string, Resource[]>();
      for (const resource of this.ofType(artifact, type)) {
        pushTo(byName, resource.name, resource);
      }
      return byName;
    });
    return index.get(name) ?? [];
  }

  /** A derived index, computed once per graph. `key` must be unique to the computation. */
  memo<T>(key: string, compute: (graph: ResourceGraph) => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute(this);
    this.memos.set(key, value);
    return value;
  }
}

const NONE: readonly Resource[] = [];

function typeKey(artifact: ArtifactType, type: string): string {
  return `${artifact}\u0000${type}`;
}
