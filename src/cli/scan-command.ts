import { existsSync } from 'node:fs';
import path from 'node:path';
import { BaselineError, writeBaseline } from '../engine/baseline.js';
import { ConfigError } from '../engine/config.js';
import { severityRank, type Severity } from '../model/types.js';
import { formatJson } from '../reporters/json.js';
import { formatText } from '../reporters/text.js';
import { scanDetailed, type DetailedScan } from '../scan.js';
import { OutputExistsError, writeFileAtomic } from '../util/fs.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes.js';

export interface ScanCommandOptions {
  format: 'text' | 'json' | 'sarif';
  output?: string;
  force: boolean;
  failOn: Severity | 'none';
  config?: string | false;
  exclude: string[];
  baseline?: string;
  writeBaseline?: string;
  maxFileSize?: number;
  color: boolean;
}

/** `seaworthy scan`: thin glue between options, the library and the reporters. Returns the exit code. */
export async function runScanCommand(paths: string[], options: ScanCommandOptions): Promise<number> {
  // Refuse before a long scan, not after it (writeFileAtomic checks again when it writes).
  for (const target of [options.output, options.writeBaseline]) {
    if (target !== undefined && !options.force && existsSync(path.resolve(target))) {
      process.stderr.write(`seaworthy: ${new OutputExistsError(target).message}\n`);
      return EXIT_USAGE;
    }
  }
  let scan: DetailedScan;
  try {
    scan = await scanDetailed(paths, {
      exclude: options.exclude,
      ...(typeof options.config === 'string' ? { configPath: options.config } : {}),
      ...(options.config === false ? { noConfig: true } : {}),
      ...(options.baseline ? { baselinePath: options.baseline } : {}),
      ...(options.maxFileSize ? { maxFileBytes: options.maxFileSize } : {}),
    });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof BaselineError) {
      process.stderr.write(`seaworthy: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  const { report } = scan;
  const color = useColor({ flag: options.color, toFile: options.output !== undefined, env: process.env, isTTY: process.stdout.isTTY === true });
  let rendered: string;
  if (options.format === 'json') rendered = formatJson(report);
  else if (options.format === 'sarif') rendered = (await import('../reporters/sarif.js')).formatSarif(report);
  else rendered = formatText(scan, { color });

  try {
    if (options.output) writeFileAtomic(path.resolve(options.output), rendered, { overwrite: options.force });
    else process.stdout.write(rendered);
    if (options.writeBaseline) writeBaseline(path.resolve(options.writeBaseline), report.findings, options.force);
  } catch (error) {
    if (error instanceof OutputExistsError || error instanceof BaselineError) {
      process.stderr.write(`seaworthy: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string') {
      process.stderr.write(`seaworthy: cannot write ${describeTarget(error)}: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }

  if (report.summary.filesScanned === 0) {
    process.stderr.write('seaworthy: nothing scannable: no file of a known type was found\n');
    return EXIT_USAGE;
  }
  if (options.failOn === 'none') return EXIT_OK;
  const threshold = severityRank(options.failOn);
  return report.findings.some((finding) => severityRank(finding.severity) >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * Colours only for a terminal: never in a file, never with --no-color or NO_COLOR (any non-empty value,
 * https://no-color.org); FORCE_COLOR (other than 0/false) asks for them on a pipe (CI logs).
 */
export function useColor(input: { flag: boolean; toFile: boolean; env: NodeJS.ProcessEnv; isTTY: boolean }): boolean {
  if (!input.flag || input.toFile) return false;
  if (input.env.NO_COLOR !== undefined && input.env.NO_COLOR !== '') return false;
  const force = input.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return input.isTTY;
}

function describeTarget(error: unknown): string {
  const file = (error as NodeJS.ErrnoException | undefined)?.path;
  return file ? JSON.stringify(file) : 'the output';
}
