import type { JsonObject, JsonValue } from '../model/types.js';
import { asArray, asObject, asString } from '../util/json.js';

/**
 * A container with defaults or a patch laid over it, as Kubernetes' strategic merge does for the fields rules
 * read (Argo `templateDefaults` and `podSpecPatch`, Tekton `stepTemplate`): `over` wins field by field, nested
 * objects (`securityContext` with its `capabilities`, `resources` with `limits` / `requests`) merge key by key,
 * `env` merges by name and `volumeMounts` by mount path. Locations stay those of the container being merged into.
 */
export function mergeContainer(base: JsonObject, over: JsonObject): JsonObject {
  const merged: JsonObject = { ...base, ...over };
  for (const key of ['securityContext', 'resources', 'computeResources']) {
    const nested = mergeObjects(asObject(base[key]), asObject(over[key]), ['capabilities', 'limits', 'requests']);
    if (nested) merged[key] = nested;
  }
  mergeList(merged, base, over, 'env', 'name');
  mergeList(merged, base, over, 'volumeMounts', 'mountPath');
  return merged;
}

function mergeObjects(base: JsonObject | undefined, over: JsonObject | undefined, deeper: readonly string[]): JsonObject | undefined {
  if (!base || !over) return undefined;
  const merged: JsonObject = { ...base, ...over };
  for (const key of deeper) {
    const inner = mergeObjects(asObject(base[key]), asObject(over[key]), []);
    if (inner) merged[key] = inner;
  }
  return merged;
}

function mergeList(merged: JsonObject, base: JsonObject, over: JsonObject, key: string, by: string): void {
  const baseItems = asArray(base[key]);
  const overItems = asArray(over[key]);
  if (baseItems.length === 0 || overItems.length === 0) return;
  const keyOf = (item: JsonValue): string | undefined => asString(asObject(item)?.[by]);
  const overKeys = new Set(overItems.map(keyOf));
  merged[key] = [...overItems, ...baseItems.filter((item) => !overKeys.has(keyOf(item)))];
}
