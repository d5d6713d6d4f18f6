// What `patchdesk sweep` and `patchdesk walkforward` share: the --param / --random / --seed /
// --objective / --threads flags, the patch checked to run, the bars held in memory (a sweep
// runs them many times) on shared memory for the worker threads, and the plan. The bars come
// from --bars, or from recorded history (--venue --symbol --timeframe [--from --to --data],
// parsed and read as `patchdesk backtest` reads them, with the store's funding and marks).
import type { Command } from 'commander';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { blockingProblems, type Patch } from '@patchdesk/modules/patch/types';
import { validatePatch } from '@patchdesk/modules/patch/validate';
import { contentHash } from '../patches/patch-files';
import { fileSha256 } from '../backtest/data-identity';
import { sweepThreadsMax } from '../backtest/sweep/executors';
import { planSweep, SweepSpecError, type SweepPlan } from '../backtest/sweep/sweep-spec';
import { sharedColumns, type SweepData } from '../backtest/sweep/sweep-task';
import { BarColumnsBuilder } from '../market/bar-columns';
import { venueModelOf, type VenueModelInput } from '../trading/session/paper-config';
import {
  addDataAndVenueOptions,
  readSeriesOptions,
  usage,
  venueModelInput,
  type DataAndVenueOptions,
} from './backtest-options';
import { BarsInput } from './bars-input';
import { CliError } from './cli-error';
import {
  addRecordedOptions,
  readRecordedOption,
  recordedIdentityUsed,
  recordedQueryOf,
  type RecordedOptions,
} from './recorded-option';
import { loadPatchFile } from './patch-file';
import { formatProblems } from './problems';

export interface SweepCommandOptions extends DataAndVenueOptions, Omit<RecordedOptions, 'bars'> {
  param: string[];
  random?: string;
  seed?: string;
  objective?: string;
  threads?: string;
  json?: boolean;
  redisUrl?: string;
  local?: boolean;
  queue?: string;
  jobs?: string;
  save?: boolean;
}

export function addSweepOptions(command: Command): Command {
  return addRecordedOptions(addDataAndVenueOptions(command, { barsRequired: false }))
    .requiredOption(
      '--param <MODULE.PARAM=FROM:TO:STEP>',
      'a param to sweep, e.g. ema-fast.period=5:30:5 (one to three times)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--random <n>', 'run a seeded random sample of n grid points instead of the whole grid')
    .option('--seed <n>', 'seed of the random sample (default 1)')
    .option(
      '--objective <metric>',
      'the metric to maximise: sharpe (default), sortino, calmar, totalReturn, ...',
    )
    .option('--threads <n>', 'worker threads (default: the number of cores)')
    .option(
      '--redis-url <url>',
      'send the runs to `patchdesk worker`s through this Redis (default REDIS_URL)',
    )
    .option('--local', 'run on worker threads here even when REDIS_URL is set')
    .option('--queue <name>', 'the sweep queue (default PATCHDESK_SWEEP_QUEUE or sweeps)')
    .option('--jobs <n>', 'runs on the queue at once (default 32)')
    .option(
      '--save',
      'store the finished sweep in the store (--data, or DATABASE_URL): see `patchdesk sweeps`',
    )
    .option('--json', 'print one JSON object on stdout');
}

export interface SweepInput {
  patch: Patch;
  patchHash: string;
  plan: SweepPlan;
  data: SweepData;
  model: VenueModelInput;
  threads: number | undefined;
  /** The embedded store folder (--data) recorded history and --save use. */
  dataDir: string | undefined;
  /** The bars file's sha256, or the recorded query with counts and sha256s; then the series files'. */
  identity: {
    bars?: { file: string; sha256: string };
    recorded?: Record<string, unknown>;
    funding: string | null;
    mark: string | null;
  };
}

export async function readSweepInput(path: string, options: SweepCommandOptions): Promise<SweepInput> {
  const recordedQuery = recordedQueryOf(options);
  const model = venueModelInput(options);
  const registry = createBuiltinRegistry();
  const patch = await loadPatchFile(path);
  const blocking = blockingProblems(validatePatch(patch, registry));
  if (blocking.length > 0) {
    throw new CliError(`${path} cannot run (${blocking.length} problem(s)):\n${formatProblems(blocking)}`);
  }
  let plan: SweepPlan;
  try {
    plan = planSweep(patch, registry, {
      params: options.param.map(parseParamFlag),
      search:
        options.random === undefined
          ? { kind: 'grid' }
          : {
              kind: 'random',
              samples: integerFlag('--random', options.random),
              seed: integerFlag('--seed', options.seed ?? '1'),
            },
      objective: options.objective ?? 'sharpe',
    });
  } catch (error) {
    if (error instanceof SweepSpecError) throw usage(error.message);
    throw error;
  }
  const threads = options.threads === undefined ? undefined : integerFlag('--threads', options.threads);
  if (threads !== undefined && (threads < 1 || threads > sweepThreadsMax)) {
    throw usage(`--threads ${threads}: must be 1 to ${sweepThreadsMax}`);
  }
  const files = await readSeriesOptions(options, venueModelOf(model).market.symbol);
  const recorded = recordedQuery ? await readRecordedOption(recordedQuery, options.data) : null;
  const bars = recorded ? sharedColumns(recorded.bars) : await heldBars(options.bars);
  // As in `patchdesk backtest`: a --funding / --mark file wins over the store's series.
  const funding = files.funding ?? recorded?.funding;
  const marks = files.marks ?? recorded?.marks;
  return {
    patch,
    patchHash: contentHash(patch),
    plan,
    data: { bars, ...(funding ? { funding } : {}), ...(marks ? { marks } : {}) },
    model,
    threads,
    dataDir: options.data,
    identity: {
      ...(recorded
        ? { recorded: recordedIdentityUsed(recorded.identity, options) }
        : { bars: { file: options.bars, sha256: await fileSha256(options.bars) } }),
      funding: options.funding ? await fileSha256(options.funding) : null,
      mark: options.mark ? await fileSha256(options.mark) : null,
    },
  };
}

/** `ema-fast.period=5:30:5` -> the range; a usage error naming the flag otherwise. */
export function parseParamFlag(text: string): {
  module: string;
  param: string;
  from: number;
  to: number;
  step: number;
} {
  const match = /^([^.=\s]+)\.([^.=\s]+)=([^:]+):([^:]+):([^:]+)$/.exec(text.trim());
  const numbers = match ? [match[3], match[4], match[5]].map(Number) : [];
  if (!match || numbers.some((n) => !Number.isFinite(n))) {
    throw usage(`--param ${text}: expected MODULE.PARAM=FROM:TO:STEP, e.g. ema-fast.period=5:30:5`);
  }
  return { module: match[1], param: match[2], from: numbers[0], to: numbers[1], step: numbers[2] };
}

function integerFlag(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value)) throw usage(`${flag} ${text}: not an integer`);
  return value;
}

/** The whole bars file as columns on shared memory (worker threads read them without a copy). */
async function heldBars(path: string): Promise<SweepData['bars']> {
  const input = new BarsInput(path);
  await input.open();
  const builder = new BarColumnsBuilder(64 * 1_024);
  for await (const chunk of input.bars()) {
    for (let i = 0; i < chunk.length; i++) {
      builder.push(
        chunk.timeMs[i],
        chunk.open[i],
        chunk.high[i],
        chunk.low[i],
        chunk.close[i],
        chunk.volume[i],
      );
    }
  }
  if (input.failure) throw input.failure;
  return sharedColumns(builder.take());
}
