import { annotationPath } from '../../graph/kubernetes.js';
import { annotationSuppressions, commentSuppressions, type AnnotationSuppression, type CommentSuppression, type SuppressionEntry } from '../../engine/suppressions.js';
import type { NodePath, Resource } from '../../model/types.js';
import { embeddedObjectsOf } from '../../loaders/embedded-registry.js';
import type { RuleContext } from '../rule.js';

/** Where to report a suppression: its annotation's node, or the line of its comment. */
export type LocatedSuppression = SuppressionEntry &
  ({ path: NodePath; commentLine?: undefined; textOffset?: number; container?: string } | { path: []; commentLine: number; textOffset?: undefined; container?: undefined });

/**
 * The suppressions that belong to the resource being checked: its annotations, and the comments that target
 * one of its lines (see commentSuppressions). Comments outside every resource are not attributed.
 */
export function suppressionsOf(context: RuleContext): readonly LocatedSuppression[] {
  const { resource, knownRuleIds } = context;
  const annotations = annotationSuppressions(resource, knownRuleIds);
  const file = resource.document.file;
  const comments = commentSuppressions(file, knownRuleIds);
  // Most resources have none, and are answered without a cache entry.
  if (annotations.length === 0 && comments.length === 0) return NONE;
  // Both core rules ask for every resource of the scan.
  const cached = locatedByResource.get(resource);
  if (cached?.knownRuleIds === knownRuleIds) return cached.located;
  const located = locate(resource, annotations, comments);
  locatedByResource.set(resource, { knownRuleIds, located });
  return located;
}

const NONE: readonly LocatedSuppression[] = [];
const locatedByResource = new WeakMap<object, { knownRuleIds: ReadonlySet<string>; located: readonly LocatedSuppression[] }>();

function locate(resource: Resource, annotations: readonly AnnotationSuppression[], comments: readonly CommentSuppression[]): readonly LocatedSuppression[] {
  const located: LocatedSuppression[] = annotations.map(({ offset, ...entry }) => ({
    ...entry,
    path: annotationPath(entry.annotation),
    ...(offset !== undefined ? { textOffset: offset } : {}),
  }));
  if (comments.length === 0) return located;
  const span = resource.document.sourceMap.locate(resource.basePath);
  // A comment inside an object embedded in this one (an Argo manifest, a kubectl_manifest heredoc, a kro template)
  // is that object's.
  const embedded = embeddedObjectsOf(resource).map((object) => object.document.sourceMap.locate(object.basePath));
  const within = (line: number, range: { startLine: number; endLine: number }): boolean => line >= range.startLine && line <= range.endLine;
  for (const comment of comments) {
    if (!within(comment.target, span) || embedded.some((range) => within(comment.target, range))) continue;
    located.push({ ...comment, path: [], commentLine: comment.line });
  }
  return located;
}

