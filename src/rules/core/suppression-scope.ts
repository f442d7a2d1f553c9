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
export function suppressionsOf(context: RuleContext): LocatedSuppression[] {
  const { resource } = context;
  const located: LocatedSuppression[] = annotationSuppressions(resource, context.knownRuleIds).map((entry) => ({
    ...entry,
    path: annotationPath(entry.annotation),
  }));
  const file = resource.document.file;
  const comments = commentSuppressions(file, file.text, context.knownRuleIds);
  if (comments.length === 0) return located;
  const span = resource.document.sourceMap.locate(resource.basePath);
  for (const comment of comments) {
    if (comment.target < span.startLine || comment.target > span.endLine) continue;
    located.push({ ...comment, path: [], commentLine: comment.line });
  }
  return located;
}

