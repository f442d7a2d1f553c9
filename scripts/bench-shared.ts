import { spawn } from 'node:child_process';

export interface ChildOutput<T> {
  /** The JSON the child printed as its last line of standard output. */
  result: T;
  /** Spawn to exit, measured by the parent. */
  wallMs: number;
}

/**
 * Runs `node <args>` in a fresh process and parses the last line it prints as JSON: every benchmark
 * measurement runs alone, so that peaks and JIT state do not mix. Rejects with `describeFailure(output, code)`
 * when the child prints no JSON (it failed).
 */
export function runJsonChild<T>(args: readonly string[], cwd: string, describeFailure: (output: string, code: number | null) => string): Promise<ChildOutput<T>> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
      try {
        resolve({ result: JSON.parse(stdout.trim().split('\n').pop() ?? '') as T, wallMs });
      } catch {
        reject(new Error(describeFailure(stderr.trim() || stdout.trim(), code)));
      }
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Rows as left-aligned columns, two spaces apart. */
export function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}
