import path from 'node:path';
import { severityRank, type Severity } from '../model/types.js';
import type { DetailedScan } from '../scan.js';
import { checkOutputTarget, OutputExistsError, repositoryRoot, writeFileAtomic } from '../util/fs.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes.js';

export interface ScanCommandOptions {
  format: 'text' | 'json' | 'sarif';
  output?: string;
  force: boolean;
  failOn: Severity | 'none';
  config?: string | false;
  exclude: string[];
  varFile?: string[];
  baseline?: string;
  writeBaseline?: string;
  maxFileSize?: number;
  color: boolean;
  /** Exit 1 when the report has errors (files that could not be read or parsed), as for findings. */
  failOnError?: boolean;
  showSuppressed?: boolean;
}

/** `seaworthy scan`: thin glue between options, the library and the reporters. Returns the exit code. */
export async function runScanCommand(paths: string[], options: ScanCommandOptions): Promise<number> {
  // Refuse before a long scan, not after it (writeFileAtomic checks again when it writes).
  for (const target of [options.output, options.writeBaseline]) {
    if (target === undefined) continue;
    try {
      checkOutputTarget(path.resolve(target), options.force);
    } catch (error) {
      if (!(error instanceof OutputExistsError)) throw error;
      process.stderr.write(`seaworthy: ${error.message.replace(path.resolve(target), target)}\n`);
      return EXIT_USAGE;
    }
  }
  // The scanner and its rules load only now: a refused command answers at once.
  const [{ scanDetailed }, { ConfigError }, { BaselineError, writeBaseline }] = await Promise.all([
    import('../scan.js'),
    import('../engine/config.js'),
    import('../engine/baseline.js'),
  ]);
  let scan: DetailedScan;
  try {
    scan = await scanDetailed(paths, {
      exclude: options.exclude,
      ...(options.varFile && options.varFile.length > 0 ? { varFiles: options.varFile } : {}),
      ...(typeof options.config === 'string' ? { configPath: options.config } : {}),
      ...(options.config === false ? { noConfig: true } : {}),
      ...(options.baseline ? { baselinePath: options.baseline } : {}),
      ...(options.showSuppressed === true ? { showSuppressed: true } : {}),
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
  if (options.format === 'json') rendered = (await import('../reporters/json.js')).formatJson(report);
  else if (options.format === 'sarif') {
    // Paths are relative to the working directory; code scanning reads them from the repository root.
    const root = repositoryRoot(process.cwd());
    rendered = (await import('../reporters/sarif.js')).formatSarif(report, { pathPrefix: root ? path.relative(root, process.cwd()) : '' });
  }
  else rendered = (await import('../reporters/text.js')).formatText(scan, { color });

  const writes: Array<[string | undefined, (file: string) => void]> = [
    [options.output, (file) => writeFileAtomic(file, rendered, { overwrite: options.force })],
    [options.writeBaseline, (file) => writeBaseline(file, [...report.findings, ...scan.baselined], options.force)],
  ];
  if (!options.output) process.stdout.write(rendered);
  for (const [target, write] of writes) {
    if (target === undefined) continue;
    try {
      write(path.resolve(target));
    } catch (error) {
      if (error instanceof OutputExistsError || error instanceof BaselineError) {
        process.stderr.write(`seaworthy: ${error.message}\n`);
        return EXIT_USAGE;
      }
      if (typeof (error as NodeJS.ErrnoException | undefined)?.code !== 'string') throw error;
      process.stderr.write(`seaworthy: cannot write ${target}: ${describeWriteError(error)}\n`);
      return EXIT_USAGE;
    }
  }

  if (options.output) {
    // The report went to a file: say where, and what it holds.
    const { summaryLine } = await import('../reporters/text.js');
    process.stderr.write(`seaworthy: ${options.format} report written to ${options.output}: ${summaryLine(scan)}\n`);
  }
  if (report.summary.filesScanned === 0) {
    const dockerfiles = scan.skippedFiles.filter((file) => /(^|\/)(Dockerfile|Containerfile)[^/]*$|\.dockerfile$/i.test(file));
    const why =
      report.errors.length > 0
        ? `no file was scanned (${report.errors.length} error${report.errors.length === 1 ? '' : 's'} in the report)`
        : dockerfiles.length > 0 && dockerfiles.length === scan.skippedFiles.length
          ? 'Dockerfiles are not checked yet (Kubernetes, CloudFormation, Terraform, ECS task definitions, IAM policies and eksctl configs are)'
          : `no file of a known type was found${dockerfiles.length > 0 ? ` (Dockerfiles, ${dockerfiles.length} of the skipped files, are not checked yet)` : ''}`;
    process.stderr.write(`seaworthy: nothing scannable: ${why}\n`);
    return EXIT_USAGE;
  }
  if (options.failOnError === true && report.errors.some((error) => error.notice !== true)) return EXIT_FINDINGS;
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

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'its directory does not exist';
    case 'ENOTDIR':
      return 'a component of its directory is a file';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
