// The `patchdesk` command line. One file per command under commands/; this wires them up and
// turns errors into a one-line message and an exit code: 0 ok, 1 failure, 2 usage.
import { Command, CommanderError } from 'commander';
import { asUserError, exitCodes } from './cli-error';
import { registerBacktestCommand } from './commands/backtest';
import { registerDatasetsCommand } from './commands/datasets';
import { registerDiffCommand } from './commands/diff';
import { registerFetchCommand } from './commands/fetch';
import { registerImportCommand } from './commands/import';
import { registerMergeDriverCommand } from './commands/merge-driver';
import { registerModulesCommand } from './commands/modules';
import { registerParityCommand } from './commands/parity';
import { registerRestoreCommand } from './commands/restore';
import { registerRunCommand } from './commands/run';
import { registerSweepCommand } from './commands/sweep';
import { registerSweepsCommand } from './commands/sweeps';
import { registerValidateCommand } from './commands/validate';
import { registerVersionsCommand } from './commands/versions';
import { registerWalkForwardCommand } from './commands/walkforward';
import { registerWorkerCommand } from './commands/worker';
import { writeErr } from './output';

export function createProgram(): Command {
  const program = new Command('patchdesk')
    .description('PatchDesk: inspect, validate and run patches, and browse their saved versions.')
    .showHelpAfterError('(see patchdesk --help)')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerModulesCommand(program);
  registerValidateCommand(program);
  registerRunCommand(program);
  registerBacktestCommand(program);
  registerSweepCommand(program);
  registerSweepsCommand(program);
  registerWalkForwardCommand(program);
  registerVersionsCommand(program);
  registerDiffCommand(program);
  registerRestoreCommand(program);
  registerMergeDriverCommand(program);
  registerImportCommand(program);
  registerDatasetsCommand(program);
  registerFetchCommand(program);
  registerParityCommand(program);
  registerWorkerCommand(program);
  // Subcommands inherit exitOverride only when it is set on them too.
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Run the CLI with these arguments (without `node` and the script); resolves to the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const program = createProgram();
  if (args.length === 0) {
    program.outputHelp({ error: true });
    return exitCodes.usage;
  }
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help / version it was asked for).
      const asked = ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code);
      return asked ? exitCodes.ok : exitCodes.usage;
    }
    const userError = asUserError(error);
    if (userError) {
      writeErr(`patchdesk: ${userError.message}`);
      return userError.exitCode;
    }
    throw error;
  }
}
