// `patchdesk run <patch.json> --bars <file.csv>`: run a patch over bars under the virtual clock
// (as fast as the machine goes) and write one CSV row per bar with the probed outputs. The bars
// are streamed from the file in chunks, so memory stays flat however many there are; an error
// in a later row stops the run there (rows before it are already written) and names the line.
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { blockingProblems } from '@patchdesk/modules/patch/types';
import type { Patch } from '@patchdesk/modules/patch/types';
import { validatePatch } from '@patchdesk/modules/patch/validate';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import { Run } from '../../engine/run';
import { BarsInput } from '../bars-input';
import { asUserError, CliError } from '../cli-error';
import { defaultProbeKeys } from '../default-probes';
import { loadPatchFile } from '../patch-file';
import { ProbeCsvWriter } from '../probe-csv';
import { formatProblems } from '../problems';
import { LazyProgressBar } from '../progress-bar';
import { writeErr, writeJson } from '../output';
import { ProbeSummary } from '../probe-summary';

interface RunCommandOptions {
  bars: string;
  probe?: string[];
  out?: string;
  json?: boolean;
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description(
      'run a patch over bars as a backtest would (virtual clock, as fast as possible) and write the probed ' +
        'outputs, one CSV row per bar, to --out or stdout',
    )
    .argument('<patch>', 'patch file (.json)')
    .requiredOption(
      '--bars <file>',
      'bars CSV: a header with time,open,high,low,close,volume, or Binance klines',
    )
    .option(
      '--probe <keys...>',
      'outputs to record as MODULE.PORT (default: every number/bool output of the final modules, those no cable leaves)',
    )
    .option('--out <file>', 'write the probe CSV to this file instead of stdout')
    .option('--json', 'print a JSON summary on stdout (no progress bar; the CSV then goes only to --out)')
    .action((path: string, options: RunCommandOptions) => runCommand(path, options));
}

async function runCommand(path: string, options: RunCommandOptions): Promise<void> {
  const registry = createBuiltinRegistry();
  const patch = await loadPatchFile(path);
  checkRunnable(path, patch, registry);
  // The output exists before the bars are read: a slow --out (a pipe, a full disk) holds the
  // reading back instead of piling rows up in memory.
  let csv: ProbeCsvWriter | null = null;
  const input = new BarsInput(options.bars, { beforeChunk: () => csv?.drained() ?? Promise.resolve() });
  await input.open();

  const run = new Run({ patch, registry, bars: input.bars(), pacing: { kind: 'virtual' } });
  const probeKeys = options.probe ?? defaultProbeKeys(patch, registry);
  // A tap holds the newest emitted value, which is the output's current value: reading it is
  // cheaper than resolving a key on every bar.
  const taps = probeKeys.map((key) => {
    try {
      return run.kernel.tap(key, 1);
    } catch (error) {
      throw new CliError(`--probe ${key}: ${(error as Error).message.replace(/^kernel: /, '')}`);
    }
  });

  const file = options.out ? await openOutFile(options.out) : null;
  const sink = file ?? (options.json ? null : process.stdout);
  csv = sink ? new ProbeCsvWriter(sink, probeKeys) : null;
  const summary = new ProbeSummary(probeKeys);
  const values = new Float64Array(probeKeys.length);
  const progress = new LazyProgressBar(input.size, !options.json && process.stderr.isTTY === true);
  run.events.on('tick', (_timeMs, bar) => {
    if (bar === null) return;
    for (let i = 0; i < taps.length; i++) values[i] = taps[i].latestValue();
    summary.add(values);
    csv?.addRow(bar.timeMs, values);
  });
  run.events.on('progress', () => {
    if (csv?.error) run.stop(`cannot write the output: ${csv.error.message}`);
    progress.update(input.bytesRead, run.barsDelivered);
  });

  const startedAtMs = performance.now();
  const status = await run.start();
  const elapsedMs = performance.now() - startedAtMs;
  progress.stop();
  await csv?.close(file !== null);
  if (input.failure) throw input.failure;
  if (csv?.error && !isBrokenPipe(csv.error))
    throw new CliError(`cannot write the output: ${csv.error.message}`);
  if (status.state === 'error')
    throw new CliError(`run failed after ${status.barsDelivered} bars: ${status.reason}`);

  if (options.json) {
    writeJson({
      patch: patch.name,
      file: path,
      state: status.state,
      bars: {
        file: options.bars,
        count: input.count,
        delivered: status.barsDelivered,
        from: new Date(input.firstTimeMs).toISOString(),
        to: new Date(input.lastTimeMs).toISOString(),
      },
      ticks: run.kernel.stats.ticks,
      moduleSteps: run.kernel.stats.moduleSteps,
      elapsedMs: Math.round(elapsedMs),
      barsPerSecond: Math.round(status.barsDelivered / (elapsedMs / 1_000)),
      out: options.out ?? null,
      probes: summary.toJson(),
    });
  } else {
    const where = options.out ? ` -> ${options.out}` : '';
    writeErr(
      `ran ${status.barsDelivered} bars in ${(elapsedMs / 1_000).toFixed(2)} s, ${probeKeys.length} probe(s)${where}`,
    );
  }
}

/** Refuse a patch with blocking problems; warn about the ones that only make it incomplete. */
function checkRunnable(path: string, patch: Patch, registry: ModuleRegistry): void {
  const problems = validatePatch(patch, registry);
  const blocking = blockingProblems(problems);
  if (blocking.length > 0) {
    throw new CliError(`${path} cannot run (${blocking.length} problem(s)):\n${formatProblems(blocking)}`);
  }
  if (problems.length > 0) {
    writeErr(`warning: ${path} is incomplete; unconnected inputs read NaN:\n${formatProblems(problems)}`);
  }
}

async function openOutFile(path: string): Promise<WriteStream> {
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error) => reject(asUserError(error) ?? error));
  });
  return stream;
}

/** The reader went away (`patchdesk run ... | head`): not an error worth reporting. */
function isBrokenPipe(error: Error): boolean {
  return (error as { code?: unknown }).code === 'EPIPE';
}
