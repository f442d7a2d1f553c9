import type { JsonValue } from '../model/types.js';
import { isObject } from '../util/json.js';

const PSEUDO = /^AWS::/;

/**
 * Adds to `ids` the logical IDs `value` refers to through `Ref`, `Fn::GetAtt` and `Fn::Sub` variables (pseudo
 * parameters left out). An `Fn::If` still in the value has an unknown condition: `ifBranches` says whether the
 * references of its branches count (`follow`: what the resource may use; `skip`: only what it certainly uses).
 */
export function collectReferences(value: JsonValue | undefined, ids: Set<string>, ifBranches: 'follow' | 'skip', depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 256) return;
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, ids, ifBranches, depth + 1);
    return;
  }
  // The only key, if there is one only (no key arrays: this runs over every node of every template).
  let key: string | undefined;
  for (const name in value) {
    if (key !== undefined) {
      key = undefined;
      break;
    }
    key = name;
  }
  if (key !== undefined) {
    const args = value[key];
    if (key === 'Ref') {
      if (typeof args === 'string' && !PSEUDO.test(args)) ids.add(args);
      return;
    }
    if (key === 'Fn::GetAtt') {
      const target = Array.isArray(args) ? args[0] : typeof args === 'string' ? args.split('.')[0] : undefined;
      if (typeof target === 'string' && target !== '') ids.add(target);
      return;
    }
    if (key === 'Fn::Sub') {
      const text = typeof args === 'string' ? args : Array.isArray(args) && typeof args[0] === 'string' ? args[0] : undefined;
      const variables = Array.isArray(args) && isObject(args[1]) ? args[1] : {};
      if (text !== undefined) {
        for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
          const name = (match[1] ?? '').trim();
          if (Object.hasOwn(variables, name) || PSEUDO.test(name)) continue;
          const id = name.split('.')[0];
          if (id) ids.add(id);
        }
      }
      collectReferences(variables, ids, ifBranches, depth + 1);
      return;
    }
    if (key === 'Fn::If') {
      if (ifBranches === 'follow' && Array.isArray(args)) for (const branch of args.slice(1)) collectReferences(branch, ids, ifBranches, depth + 1);
      return;
    }
  }
  for (const name in value) collectReferences(value[name], ids, ifBranches, depth + 1);
}
