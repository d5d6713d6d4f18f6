// Ctrl-C (SIGINT) or SIGTERM during a long CLI command: the first one aborts the work through an
// AbortSignal, so a sweep cancels its queued jobs and stops the running ones (on a BullMQ worker
// too) instead of leaving machines computing for nobody; a second one exits at once.
import { CliError } from './cli-error';

/** The shell's exit code for a command ended by SIGINT (128 + 2). */
export const interruptedExitCode = 130;

export interface Interrupt {
  signal: AbortSignal;
  /** Removes the handlers: the process's own SIGINT behaviour is back. */
  dispose(): void;
}

export function interruptOnSignals(): Interrupt {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(interruptedExitCode);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** What an interrupted command says: one line, exit code 130, nothing saved or printed as a result. */
export function interruptedError(what: string): CliError {
  return new CliError(`${what} interrupted: cancelled, nothing saved`, interruptedExitCode);
}
