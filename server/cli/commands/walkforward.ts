// `patchdesk walkforward <patch.json> --bars <csv> --param ... --in-sample 30d --out-of-sample 10d`
// plus the options of `patchdesk sweep`: rolling windows, each optimised in-sample and tested
// out-of-sample; the params chosen per window, the stitched out-of-sample equity and the
// overfitting warning (server/backtest/README.md, "Sweeps and walk-forward").
import type { Command } from 'commander';
import { SweepQueueError } from '../../backtest/sweep/bullmq-sweep-queue';
import { runWalkForward } from '../../backtest/sweep/walk-forward';
import { WalkWindowsError } from '../../backtest/sweep/walk-windows';
import { usage } from '../backtest-options';
import { CliError } from '../cli-error';
import { formatTable, writeErr, writeOut } from '../output';
import { LazyProgressBar } from '../progress-bar';
import { sweepExecutorFor } from '../sweep-executor';
import { addSweepOptions, readSweepInput, type SweepCommandOptions } from '../sweep-input';
import { num, pct } from './sweep';
import { interruptedError, interruptOnSignals } from '../interrupt';

interface WalkForwardCommandOptions extends SweepCommandOptions {
  inSample: string;
  outOfSample: string;
}

const unitMs: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export function registerWalkForwardCommand(program: Command): void {
  const command = program
    .command('walkforward')
    .description(
      'walk-forward: optimise params on rolling in-sample windows, test each on the next out-of-sample span',
    )
    .argument('<patch>', 'patch file (.json)')
    .requiredOption('--in-sample <span>', 'in-sample span of each window: a number and m, h or d (e.g. 30d)')
    .requiredOption('--out-of-sample <span>', 'out-of-sample span, also the step between windows (e.g. 10d)');
  addSweepOptions(command).action((path: string, options: WalkForwardCommandOptions) =>
    walkForwardCommand(path, options),
  );
}

/** `30d`, `12h`, `90m` -> milliseconds. */
export function parseSpan(flag: string, text: string): number {
  const match = /^(\d+)([mhd])$/.exec(text.trim());
  if (!match || Number(match[1]) === 0)
    throw usage(`${flag} ${text}: expected a positive number and m, h or d, e.g. 30d`);
  return Number(match[1]) * unitMs[match[2]];
}

async function walkForwardCommand(path: string, options: WalkForwardCommandOptions): Promise<void> {
  const inSampleMs = parseSpan('--in-sample', options.inSample);
  const outOfSampleMs = parseSpan('--out-of-sample', options.outOfSample);
  const input = await readSweepInput(path, options);
  const { executor, where } = await sweepExecutorFor(options, input.threads);
  const progress = new LazyProgressBar(1, !options.json && process.stderr.isTTY === true, 'runs');
  const interrupt = interruptOnSignals();
  let result;
  try {
    result = await runWalkForward({
      signal: interrupt.signal,
      patch: input.patch,
      plan: input.plan,
      data: input.data,
      model: input.model,
      inSampleMs,
      outOfSampleMs,
      executor,
      onProgress: (p) => progress.update(p.done / p.total, p.done),
    });
  } catch (error) {
    if (error instanceof WalkWindowsError || error instanceof SweepQueueError)
      throw new CliError(error.message);
    throw error;
  } finally {
    interrupt.dispose();
    progress.stop();
    await executor.close();
  }
  if (interrupt.signal.aborted) throw interruptedError('walkforward');
  const windows = result.windows.map((w) => ({
    inSampleFrom: iso(w.window.inSampleFromMs),
    outOfSampleFrom: iso(w.window.outOfSampleFromMs),
    outOfSampleTo: iso(w.window.outOfSampleToMs),
    params: w.params,
    inSampleScore: Number.isFinite(w.inSampleScore) ? w.inSampleScore : null,
    inSampleSharpe: w.inSampleSharpe,
    outOfSampleSharpe: w.outOfSampleSharpe,
    outOfSample: {
      metrics: w.outOfSample.metrics,
      account: w.outOfSample.account,
      counts: w.outOfSample.counts,
    },
  }));
  if (options.json) {
    writeOut(
      JSON.stringify({
        patch: input.patch.name,
        patchHash: input.patchHash,
        data: input.identity,
        config: input.model,
        objective: result.objective,
        inSampleMs,
        outOfSampleMs,
        status: result.status,
        windows,
        outOfSampleReturn: result.outOfSampleReturn,
        verdict: result.verdict,
        stitched: result.stitched,
      }),
    );
    return;
  }
  const names = input.plan.ranges.map((r) => `${r.module}.${r.param}`);
  writeOut(
    formatTable([
      ['out-of-sample from', ...names, 'IS sharpe', 'OOS sharpe', 'OOS return'],
      ...result.windows.map((w, i) => [
        windows[i].outOfSampleFrom ?? '',
        ...names.map((name) => String(w.params[name])),
        num(w.inSampleSharpe),
        num(w.outOfSampleSharpe),
        pct(w.outOfSample.metrics.totalReturn),
      ]),
    ]),
  );
  writeErr(
    `stitched out-of-sample return ${pct(result.outOfSampleReturn)} over ${result.windows.length} windows on ${where}`,
  );
  if (result.verdict.warning) writeErr(`warning: ${result.verdict.warning}`);
}

function iso(timeMs: number): string | null {
  return Number.isFinite(timeMs) ? new Date(timeMs).toISOString() : null;
}
