import { readFileSync } from 'node:fs';

/**
 * seaworthy's own version, from its package.json (two levels above src/util, dist/util and the bundle in
 * dist/cli). Not `npm_package_version`: under `npm run` that is the version of the user's project.
 */
export function toolVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}
