/**
 * An entry of `secrets.allow` (`settings.secretAllowList`): `/regex/flags` as a pattern, else the exact name.
 * Undefined for a pattern that does not compile: it matches nothing, and the configuration loader rejects it.
 */
export function compileAllowEntry(entry: string): string | RegExp | undefined {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(entry);
  if (!regex) return entry;
  try {
    return new RegExp(regex[1] ?? '', (regex[2] ?? '').replace(/[gy]/g, ''));
  } catch {
    return undefined;
  }
}
