import type { TestProject } from 'vitest/node';
import { ensureBuilt, runIncludesCliTests } from './cli/build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** dist/ was checked (and rebuilt if stale) before this run. */
    cliBuilt: boolean;
  }
}

/**
 * Builds dist/ (what `node dist/cli/main.js` runs) once per vitest run, when it is missing or older than
 * src/. Skipped when the run is filtered to files that do not spawn the CLI, so that rule tests stay fast;
 * the CLI tests then build it themselves (see test/cli/run-cli.ts).
 */
export default function setup(project: TestProject): void {
  const wanted = runIncludesCliTests(process.argv.slice(2));
  if (wanted) ensureBuilt();
  project.provide('cliBuilt', wanted);
}
