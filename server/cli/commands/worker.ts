// `patchdesk worker`: with --venue <id>, the market worker of one venue (worker-venue.ts); without
// it, a sweep worker taking backtests from the BullMQ queue (worker-sweeps.ts). One command so
// a deployment runs `patchdesk worker ...` for both kinds.
import type { Command } from 'commander';
import { CliError, exitCodes } from '../cli-error';
import { addVenueWorkerOptions, runVenueWorkerCommand, type VenueWorkerCommandOptions } from './worker-venue';
import { runSweepWorkerCommand, type SweepWorkerCommandOptions } from './worker-sweeps';

type WorkerCommandOptions = VenueWorkerCommandOptions & SweepWorkerCommandOptions;

export function registerWorkerCommand(program: Command): void {
  const command = program
    .command('worker')
    .description(
      "with --venue: stream one venue's market data onto the Redis market stream; without: take sweep backtests from the Redis queue",
    );
  addVenueWorkerOptions(command)
    .option('--concurrency <n>', 'sweep worker: backtests at once, one worker thread each', '1')
    .option('--queue <name>', 'sweep worker: the queue name (default PATCHDESK_SWEEP_QUEUE or sweeps)')
    .option('--lock-ms <ms>', "sweep worker: a job's lock; a dead worker's job is retried after it", '30000')
    .option('--id <name>', 'sweep worker: the name in its logs and results (default host:pid)')
    .action((options: WorkerCommandOptions, self: Command) => {
      if (options.venue) {
        for (const flag of ['concurrency', 'queue', 'lockMs', 'id'] as const) {
          if (self.getOptionValueSource(flag) === 'cli')
            throw new CliError(
              `--${flag === 'lockMs' ? 'lock-ms' : flag} is for sweep workers (without --venue)`,
              exitCodes.usage,
            );
        }
        return runVenueWorkerCommand(options);
      }
      return runSweepWorkerCommand(options);
    });
}
