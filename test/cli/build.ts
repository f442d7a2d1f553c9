import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

/** Test files that spawn the built CLI. */
const CLI_TEST_DIRS = ['test/cli', 'test/bad-input'];

/**
 * Whether a `vitest run [filters]` may run a test that spawns the CLI. Vitest keeps a test file when its
 * path contains a filter; no filter means every file.
 */
export function runIncludesCliTests(args: readonly string[]): boolean {
  const positional = args.filter((arg) => !arg.startsWith('-') && !['run', 'watch', 'dev', 'related'].includes(arg) && !/vitest(\.m?js)?$/.test(arg));
  if (positional.length === 0) return true;
  const files = CLI_TEST_DIRS.flatMap((dir) => listFiles(path.join(ROOT, dir)).map((file) => path.relative(ROOT, file).split(path.sep).join('/')));
  return positional.some((filter) => {
    const normalized = filter.replace(/^\.\//, '');
    return files.some((file) => file.includes(normalized) || path.resolve(ROOT, normalized) === path.resolve(ROOT, file));
  });
}

/** Runs `npm run build`'s steps when dist/cli/main.js is missing or older than any file in src/. */
export function ensureBuilt(): void {
  withLock(() => {
    if (isFresh()) return;
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
    } catch (error) {
      // Type errors in files being edited elsewhere still emit JavaScript (noEmitOnError is off).
      if (!existsSync(CLI)) {
        const output = (error as { stdout?: Buffer }).stdout?.toString() ?? String(error);
        throw new Error(`building dist/ failed:\n${output}`);
      }
    }
    // The CLI users run is the bundled one (`npm run build`).
    execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bundle-cli.ts')], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
  });
}

function isFresh(): boolean {
  if (!existsSync(CLI)) return false;
  const built = statSync(CLI).mtimeMs;
  return listFiles(path.join(ROOT, 'src')).every((file) => statSync(file).mtimeMs <= built);
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** One build at a time across concurrent vitest runs on this checkout. */
function withLock(action: () => void): void {
  const lock = path.join(os.tmpdir(), `seaworthy-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    action();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
