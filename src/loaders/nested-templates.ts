import { templateText } from '../graph/iam-arn.js';
import type { JsonValue } from '../model/types.js';

/**
 * A nested stack's TemplateURL as text. One built with `Fn::Sub` / `Fn::Join`
 * (`https://${Bucket}.s3.amazonaws.com/templates/nodes.yaml`) is known by what follows its last unresolved part,
 * read as the path of an S3 URL.
 */
export function templateUrlText(value: JsonValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  const text = templateText(value);
  if (text === undefined) return undefined;
  const end = text.lastIndexOf('}');
  // `${KeyPrefix}templates/nodes.yaml`: a prefix variable ends at a folder boundary.
  return end === -1 ? text : `s3://unresolved/${text.slice(end + 1).replace(/^\/+/, '')}`;
}

/** Path segments, cached: every template path is compared with every TemplateURL of the scan. */
const partsCache = new Map<string, string[]>();
function parts(file: string): string[] {
  let found = partsCache.get(file);
  if (!found) {
    if (partsCache.size >= 10_000) partsCache.clear();
    found = file.replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.');
    partsCache.set(file, found);
  }
  return found;
}

/**
 * The one of `candidates` (template paths) that a TemplateURL names: a relative path (as `aws cloudformation
 * package` takes it) from the parent's folder, or an S3/HTTPS URL whose path ends like exactly one candidate (at
 * least the folder and the file name must match). Undefined when none or several match.
 */
export function nestedTemplatePath(url: string, parentPath: string, candidates: Iterable<string>): string | undefined {
  const isRemote = /^(https?|s3):\/\//i.test(url);
  let wanted: string[];
  if (isRemote) {
    wanted = parts(url.replace(/^[a-z0-9]+:\/\/[^/]*/i, '').replace(/[?#].*$/, ''));
  } else {
    wanted = parts(parentPath).slice(0, -1);
    for (const part of parts(url)) {
      if (part === '..') wanted.pop();
      else wanted.push(part);
    }
  }
  let best: string[] = [];
  let bestLength = 0;
  for (const candidate of candidates) {
    const have = parts(candidate);
    let common = 0;
    while (common < have.length && common < wanted.length && have[have.length - 1 - common] === wanted[wanted.length - 1 - common]) common++;
    const complete = !isRemote && common === wanted.length;
    if (common < 2 && !complete) continue;
    if (common > bestLength) {
      best = [candidate];
      bestLength = common;
    } else if (common === bestLength) best.push(candidate);
  }
  return best.length === 1 ? best[0] : undefined;
}
