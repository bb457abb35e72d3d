// The `gauntlet` command line: parse, call the library, print. Exit codes: 0 ok, 1 gate/findings failed, 2 bad input.
import { Command, CommanderError } from 'commander';
import { GauntletError } from '../util/errors.ts';
import { runCommand, demoCommand } from './run-commands.ts';
import { runsCommand, showCommand } from './read-commands.ts';
import { predictCommand, evaluateCommand, gateCommand } from './candidate-commands.ts';
import { checkCommand } from './check-command.ts';
import { reportCommand } from './report-command.ts';
import { registerErrors } from './errors-command.ts';
import { registerDiagnose } from './diagnose-command.ts';
import { promoteCommand, rollbackCommand, registryCommand, reproduceCommand } from './registry-commands.ts';
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
    .option('--allow <codes...>', 'let error-level data-check findings through (e.g. --allow DUPLICATES_ACROSS_SPLITS); recorded on the run')
    .action(runCommand);
  program.command('check')
    .description('run the data checks of a spec (leakage, duplicates across splits, ID-like/constant/mostly-missing columns, future timestamps, dev/test and production mismatch); exit 1 on error-level findings')
    .argument('<spec>', 'path to gauntlet.yaml')
    .option('--json', 'print as JSON')
    .option('--allow <codes...>', 'error-level codes that should not block (repeat or comma-separate)')
    .action(checkCommand);
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
  program.command('predict')
    .description('score a file with a candidate (bundle folder or run id); rows that do not match its schema are refused')
    .argument('<candidate>', 'candidate bundle folder, or a run id')
    .argument('<input>', 'CSV, Parquet or JSONL file with the model inputs')
    .option('--out <file>', 'write predictions as CSV (id column if any + the signature outputs); default stdout')
    .option('--strict', 'refuse categories never seen in training (default: score them as "no level")')
    .option('--store <uri>', 'store URI, to resolve a run id')
    .action(predictCommand);
  program.command('evaluate')
    .description('the standard evaluate() of a candidate on a labeled file')
    .argument('<candidate>', 'candidate bundle folder, or a run id')
    .argument('<labeled>', 'CSV, Parquet or JSONL file with the inputs and the target column')
    .option('--json', 'print as JSON')
    .option('--strict', 'refuse categories never seen in training')
    .option('--store <uri>', 'store URI, to resolve a run id')
    .action(evaluateCommand);
  program.command('gate')
    .description('print the readiness checklist of a run or candidate; exit 0 when ready, 1 when not')
    .argument('<target>', 'run id or candidate bundle folder')
    .option('--json', 'print the verdict as JSON')
    .option('--store <uri>', 'store URI (default: nearest .gauntlet/gauntlet.db)')
    .action(gateCommand);
  program.command('promote')
    .description('point the champion (or challenger) alias of the spec at a candidate; the champion becomes the baseline of later runs')
    .argument('<candidate>', 'candidate bundle folder, or a run id')
    .option('--as <alias>', 'champion or challenger', 'champion')
    .option('--reason <text>', 'why, recorded in the alias history')
    .option('--json', 'print as JSON')
    .option('--store <uri>', 'store URI (default: the store the candidate was recorded in)')
    .action(promoteCommand);
  program.command('rollback')
    .description('move the champion (or --alias) back to where it pointed before its last move')
    .option('--spec <name>', 'spec name (needed when the registry holds several)')
    .option('--alias <alias>', 'alias to roll back', 'champion')
    .option('--json', 'print as JSON')
    .option('--store <uri>', 'store URI (default: nearest .gauntlet/gauntlet.db)')
    .action(rollbackCommand);
  program.command('registry')
    .description('registered candidate versions, their aliases, and every alias move')
    .option('--spec <name>', 'only this spec')
    .option('--json', 'print as JSON')
    .option('--store <uri>', 'store URI (default: nearest .gauntlet/gauntlet.db)')
    .action(registryCommand);
  program.command('reproduce')
    .description('re-run a run from its recorded spec, data snapshot and seeds, and diff every metric (exit 1 if any differs)')
    .argument('<run>', 'run id or unique prefix')
    .option('--json', 'print as JSON')
    .option('--store <uri>', 'store URI (default: nearest .gauntlet/gauntlet.db)')
    .action(reproduceCommand);
  program.command('report')
    .description('write the self-contained HTML report of a run (with its latest diagnosis)')
    .argument('<run>', 'run id or unique prefix')
    .option('--out <file>', 'output file (default report-RUN.html)')
    .option('--store <uri>', 'store URI (default: nearest .gauntlet/gauntlet.db)')
    .action(reportCommand);
  registerDiagnose(program);
  registerErrors(program);
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
