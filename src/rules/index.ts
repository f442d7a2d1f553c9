import type { Rule } from './rule.js';
import expiredSuppression from './core/expired-suppression.js';
import invalidSuppression from './core/invalid-suppression.js';
// @imports:pod-security
import runAsNonRoot from './k8s/run-as-non-root.js';
// @imports:workload-pod
// @imports:rbac
// @imports:network
// @imports:secrets

/**
 * The registry: every rule the tool runs. A rule that cannot decide yet stays out of this list.
 * Keep each group sorted by id; tests check that every file under src/rules/<area>/ is listed here and that
 * its file name is its id.
 */
export const ALL_RULES: readonly Rule[] = [
  // core
  expiredSuppression,
  invalidSuppression,
  // @rules:pod-security
  runAsNonRoot,
  // @rules:workload-pod
  // @rules:rbac
  // @rules:network
  // @rules:secrets
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

export const RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((rule) => rule.meta.id));

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((rule) => rule.meta.id === id);
}
