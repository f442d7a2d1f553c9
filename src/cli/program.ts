/**
 * The `seaworthy` command line. Started by main.ts: from the bundle beside it (cli.cjs) when the package is built,
 * else as this module.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { SEVERITIES } from '../model/types.js';
import { EXIT_USAGE } from './exit-codes.js';
import { toolVersion } from '../util/version.js';

// Commands load their modules lazily so `seaworthy --help` and a one-file scan start fast.
const program = new Command()
  .name('seaworthy')
  .description('Audit container deployment configuration for Amazon ECS and EKS against the seaworthy security points.')
  .version(toolVersion())
  .showHelpAfterError('(add --help for usage)')
  .exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
  });

program
  .command('scan')
  .description('scan files, directories or - (stdin) and report every broken security point')
  .argument('<paths...>', 'files, directories, or - for standard input')
  .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif']).default('text'))
  .option('-o, --output <file>', 'write the report to a file (atomically) instead of standard output')
  .option('--force', 'overwrite an existing --output or --write-baseline file', false)
  .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([...SEVERITIES, 'none']).default('low'))
  .option('--fail-on-error', 'exit 1 also when a file could not be read or parsed (its findings are missing)', false)
  .option('-c, --config <file>', 'configuration file (default: seaworthy.config.yaml found upward from the first path)')
  .option('--no-config', 'do not look for a configuration file')
  .option('-e, --exclude <glob>', 'gitignore-style pattern to leave out of directory walks, relative to each scanned directory (repeatable)', collect, [])
  .option('--var-file <file>', 'Terraform variable file to apply to the root modules after terraform.tfvars and *.auto.tfvars, as terraform plan -var-file (repeatable)', collect, [])
  .option('--baseline <file>', 'report only findings not in this baseline')
  .option('--write-baseline <file>', 'write the findings of this scan as a baseline')
  .option('--show-suppressed', 'also list the findings suppressions accept, with their reasons (never failing the run)', false)
  .option('--max-file-size <bytes>', 'largest file to parse (default 16 MiB; 512k, 50m accepted)', parseSize)
  .option('--no-color', 'no colours in text output (NO_COLOR is respected too)')
  .action(async (paths: string[], options) => {
    const { runScanCommand } = await import('./scan-command.js');
    process.exitCode = await runScanCommand(paths, options);
  });

program
  .command('rules')
  .description('list the rules, explain one, or print the seed-point coverage table')
  .argument('[id]', 'rule id to explain, e.g. k8s/run-as-non-root')
  .option('--coverage', 'print the SEED-POINTS table with the rules covering each point per artifact type', false)
  .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
  .action(async (id: string | undefined, options) => {
    const { runRulesCommand } = await import('./rules-command.js');
    process.exitCode = runRulesCommand(id, options);
  });

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseSize(value: string): number {
  const match = /^(\d+)\s*([kmg]i?b?)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 20000000, 512k or 50m');
  const unit = (match[2] ?? '').toLowerCase().charAt(0);
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const size = Number(match[1]) * factor;
  if (!Number.isSafeInteger(size) || size <= 0) throw new InvalidArgumentError('expected a size above zero, such as 512k or 50m');
  return size;
}

// `seaworthy scan . | head`: the reader went away. Drop the rest of the output instead of crashing on
// EPIPE, and still exit with the status the scan calls for. Any other output error ends the run as an
// error (2), never as "findings" (1).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.exit(EXIT_USAGE);
  });
}

// No top-level await: the bundle is CommonJS (see main.ts).
program.parseAsync(process.argv).catch((error: unknown) => {
  // A bug, not a finding: never exit 1 (which means "findings") because of one.
  process.stderr.write(`seaworthy: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = EXIT_USAGE;
});
