// Test entry (run with `node --import tsx`): the `errors` and `diagnose` commands registered as main.ts will, with main's exit codes.
import { Command, CommanderError } from 'commander';
import { GauntletError } from '../../util/errors.ts';
import { registerErrors } from '../../cli/errors-command.ts';
import { registerDiagnose } from '../../cli/diagnose-command.ts';

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('gauntlet').exitOverride();
  registerErrors(program);
  registerDiagnose(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.code === 'commander.helpDisplayed' ? 0 : 2;
    if (e instanceof GauntletError) {
      process.stderr.write(`gauntlet: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
