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
  const color = options.color && !options.output && !process.env.NO_COLOR && process.stdout.isTTY === true;
  let rendered: string;
  if (options.format === 'json') rendered = formatJson(report);
  else if (options.format === 'sarif') rendered = (await import('../reporters/sarif.js')).formatSarif(report);
  else rendered = formatText(scan, { color });

  try {
    if (options.output) writeFileAtomic(path.resolve(options.output), rendered, { overwrite: options.force });
    else process.stdout.write(rendered);
    if (options.writeBaseline) writeBaseline(path.resolve(options.writeBaseline), report.findings, options.force);
  } catch (error) {
    if (error instanceof OutputExistsError) {
      process.stderr.write(`seaworthy: ${error.message}\n`);
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
