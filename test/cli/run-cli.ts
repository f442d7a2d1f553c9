import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import { CLI, ensureBuilt } from './build.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed by the timeout: the CLI hung. */
  timedOut: boolean;
}

export interface CliOptions {
  cwd?: string;
  /** Written to standard input (which is otherwise closed). */
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** Makes sure dist/ exists for this file's tests (the global setup built it unless the run was filtered). */
export function useBuiltCli(): void {
  beforeAll(() => {
    if (!inject('cliBuilt')) ensureBuilt();
  }, 300_000);
}

/** Spawns `node dist/cli/main.js ...args`, without colours or CI hints leaking in from the environment. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !['NO_COLOR', 'FORCE_COLOR', 'CI', 'GITHUB_ACTIONS'].includes(key)) env[key] = value;
  }
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 15_000);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), timedOut });
    });
    child.stdin.on('error', () => undefined); // the CLI may exit before reading everything
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh temporary directory per test file, removed afterwards. */
export function useTempDir(prefix: string): () => string {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), `seaworthy-${prefix}-`));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
