import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { Finding, FindingSuppression } from '../model/types.js';
import type { SeaworthyConfig } from './config-file.js';
import { acceptedBy, isExpired } from './suppressions.js';

/**
 * Suppressions kept in the configuration file (`suppressions:`), for files that cannot hold an inline one (task
 * definition and policy JSON) or for accepting a finding without touching the file. Each names a rule, a reason
 * and optionally the files (gitignore-style patterns relative to the configuration file's directory), the
 * resource (its reported name) and an expiry date, after which it suppresses nothing.
 */

type Entry = NonNullable<SeaworthyConfig['suppressions']>[number];

interface CompiledEntry {
  entry: Entry;
  files: Ignore | undefined;
}

/**
 * The configuration's suppression of a finding, if one accepts it. `absolutePathOf` maps a finding's displayed path
 * to the file's absolute path (undefined for standard input). `core/*` findings are never suppressed.
 */
export function configSuppressor(
  entries: readonly Entry[],
  baseDir: string,
  absolutePathOf: (displayPath: string) => string | undefined,
  today: string,
): ((finding: Finding) => FindingSuppression | undefined) | undefined {
  const live: CompiledEntry[] = entries
    .filter((entry) => !isExpired(entry, today))
    .map((entry) => ({ entry, files: entry.paths && entry.paths.length > 0 ? ignore().add([...entry.paths]) : undefined }));
  if (live.length === 0) return undefined;
  return (finding) => {
    if (finding.ruleId.startsWith('core/')) return undefined;
    const accepting = live.find(({ entry, files }) => {
      if (entry.rule !== finding.ruleId) return false;
      if (entry.resource !== undefined && !namesResource(entry.resource, finding.resource.name)) return false;
      if (!files) return true;
      const absolute = absolutePathOf(finding.location.path);
      if (absolute === undefined) return false;
      const relative = path.relative(baseDir, absolute);
      // Outside the configuration's directory: no pattern of it can name the file.
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
      return files.ignores(relative.split(path.sep).join('/'));
    })?.entry;
    return accepting && acceptedBy('external', accepting);
  };
}

/**
 * The reported name, or a Terraform address without its instance keys and module path: `aws_iam_policy.p` names
 * `aws_iam_policy.p[0]` and `module.app.aws_iam_policy.p["x"]`; `module.app.aws_iam_policy.p` names the latter.
 */
function namesResource(wanted: string, reported: string): boolean {
  if (wanted === reported) return true;
  // Only Terraform addresses (`type.name`, after `module.<name>.` prefixes) lose keys and module paths.
  if (!/^(module\.[\w-]+(\[[^\]]*\])?\.)*(data\.)?[a-z][a-z0-9_]*\.[\w-]+(\[[^\]]*\])?$/.test(reported)) return false;
  const bare = reported.replace(/\[[^\]]*\]/g, '');
  return bare === wanted || (bare.startsWith('module.') && bare.endsWith(`.${wanted}`));
}
