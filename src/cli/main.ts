// The `gauntlet` command line: parse, call the library, print. Exit codes: 0 ok, 1 gate/findings failed, 2 bad input.
import { Command, CommanderError } from 'commander';
import { GauntletError } from '../util/errors.ts';
import { runCommand, demoCommand } from './run-commands.ts';
import { runsCommand, showCommand } from './read-commands.ts';
import { gauntletVersion } from '../run/lineage.ts';

export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    return reportError(e, debug);
  }
}

function buildProgram(): Command {
  const program = new Command('gauntlet')
    .description('Take tabular ML work from a CSV and a spec to a production-ready model candidate:\nsplits, baselines, learners, one standard evaluate(), every run tracked.')
    .version(gauntletVersion())
    .option('--debug', 'print stack traces on errors')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run gauntlet --help for usage)');
  program.command('demo')
    .description('write a generated loan-default dataset and its spec into DIR, then run it')
    .argument('[dir]', 'folder to write into', 'gauntlet-demo')
    .option('--rows <n>', 'rows to generate', '20000')
    .option('--json', 'print the result as JSON')
    .option('--store <uri>', 'store URI (default: sqlite:DIR/.gauntlet/gauntlet.db)')
    .action(demoCommand);
  program.command('run')
    .description('run a spec: load, split, baselines, learners, evaluate on blackbox, test once, record everything')
    .argument('<spec>', 'path to gauntlet.yaml')
    .option('--json', 'print the result as JSON (runId, status, metrics per model and split, selected model, constraints)')
    .option('--store <uri>', 'store URI, e.g. sqlite:path.db (default: .gauntlet/gauntlet.db beside the spec, or $GAUNTLET_STORE)')
    .option('--quiet', 'no progress lines on stderr')
    .action(runCommand);
  program.command('runs')
    .description('list runs: id, time, status, spec, optimizing metric on blackbox, selected learner')
    .option('--json', 'print as JSON')
    .option('--store <uri>', 'store URI (default: nearest .gauntlet/gauntlet.db)')
    .option('--limit <n>', 'at most this many runs', '50')
    .action(runsCommand);
  program.command('show')
    .description('everything recorded for a run (id or unique prefix)')
    .argument('<run>', 'run id or unique prefix')
    .option('--json', 'print the full record as JSON')
    .option('--store <uri>', 'store URI (default: nearest .gauntlet/gauntlet.db)')
    .option('--splits <file>', 'write the row → split assignment as CSV (row,split)')
    .action(showCommand);
  return program;
}

function reportError(e: unknown, debug: boolean): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    return 2;
  }
  if (e instanceof GauntletError) {
    process.stderr.write(`gauntlet: ${e.message}\n`);
    if (debug) process.stderr.write(`${e.stack}\n`);
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`gauntlet: internal error: ${err.message}\n${debug ? `${err.stack}\n` : '(run with --debug for the stack trace)\n'}`);
  return 1;
}
