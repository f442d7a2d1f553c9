import { annotationPath } from '../../graph/kubernetes.js';
import { annotationSuppressions, commentSuppressions, type SuppressionEntry } from '../../engine/suppressions.js';
import type { NodePath } from '../../model/types.js';
import type { RuleContext } from '../rule.js';

/** Where to report a suppression: its annotation's node, or the line of its comment. */
export type LocatedSuppression = SuppressionEntry & ({ path: NodePath; commentLine?: undefined } | { path: []; commentLine: number });

/**
 * The suppressions that belong to the resource being checked: its annotations, and the comments that target
 * one of its lines (see commentSuppressions). Comments outside every resource are not attributed.
 */
export function suppressionsOf(context: RuleContext): readonly LocatedSuppression[] {
  // Both core rules ask for every resource of the scan.
  const cached = locatedByResource.get(context.resource);
  if (cached?.knownRuleIds === context.knownRuleIds) return cached.located;
  const located = locate(context);
  locatedByResource.set(context.resource, { knownRuleIds: context.knownRuleIds, located });
  return located;
}

const NONE: readonly LocatedSuppression[] = [];
const locatedByResource = new WeakMap<object, { knownRuleIds: ReadonlySet<string>; located: readonly LocatedSuppression[] }>();

function locate(context: RuleContext): readonly LocatedSuppression[] {
  const { resource } = context;
  const annotations = annotationSuppressions(resource, context.knownRuleIds);
  const file = resource.document.file;
  const comments = commentSuppressions(file, file.text, context.knownRuleIds);
  if (annotations.length === 0 && comments.length === 0) return NONE;
  const located: LocatedSuppression[] = annotations.map((entry) => ({
    ...entry,
    path: annotationPath(entry.annotation),
  }));
  if (comments.length === 0) return located;
  const span = resource.document.sourceMap.locate(resource.basePath);
  for (const comment of comments) {
    if (comment.target < span.startLine || comment.target > span.endLine) continue;
    located.push({ ...comment, path: [], commentLine: comment.line });
  }
  return located;
}

