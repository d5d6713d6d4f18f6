// BacktestHub (/hubs/backtest): start a backtest (patch + config) -> id; `progress(id)` streams
// frames at most 10 a second (coalesced to the newest for a slow client) and ends with the
// backtest; `result(id)` waits for the outcome; cancel; and the stored results: list, open,
// compare, delete; and `datasets()`, the bar series the market store holds for "recorded
// history" data. The stores are opened on first use (see start-server.ts). Sweeps:
// startSweep -> id, sweepProgress(id) (at most 10 frames a second), sweepResult, cancelSweep;
// the stored sweeps: listSweeps, openSweep, deleteSweep;
// a connection's running sweeps are cancelled when it closes.
import { z } from 'zod';
import { type BacktestHubMethods, type BacktestProgressFrame } from '@patchdesk/modules/contracts/backtest';
import { venueModelSchema } from '../trading/session/paper-config';
import type { BacktestJobs } from '../backtest/backtest-jobs';
import { BacktestRefusedError, outcomeOfStored } from '../backtest/backtest-jobs';
import type { BacktestResultsStore } from '../backtest/results-store';
import { listStoredDatasets } from '../market/stored-datasets';
import type { Store } from '../store/open-store';
import type { SweepJobs } from '../backtest/sweep/sweep-jobs';
import {
  backtestDataSchema,
  sweepConfigSchema,
  type SweepProgressFrame,
} from '@patchdesk/modules/contracts/sweep';
import { pushStream } from './push-stream';
import { defineHub, hubMethod, hubStream, HubError, type HubDefinition } from './signalr/index';

export const backtestFramesPerSecond = 10;
const frameIntervalMs = 1_000 / backtestFramesPerSecond;

const id = z.string().min(1).max(64).describe('id');
const configSchema = z
  .strictObject({
    data: backtestDataSchema,
    model: venueModelSchema.optional(),
    save: z.boolean().optional(),
    speed: z.number().positive().max(1e12).optional(),
  })
  .describe('config');

export function createBacktestHub(
  jobs: BacktestJobs,
  results: () => Promise<BacktestResultsStore | null>,
  sweeps: SweepJobs,
  marketStore: () => Promise<Store | null> = async () => null,
): HubDefinition {
  const store = async (): Promise<BacktestResultsStore> => {
    let opened: BacktestResultsStore | null;
    try {
      opened = await results();
    } catch (error) {
      throw new HubError(`the results store cannot be opened: ${(error as Error).message}`);
    }
    if (!opened) throw new HubError('no results store is configured');
    return opened;
  };
  const methods: Record<keyof BacktestHubMethods, ReturnType<typeof hubMethod>> = {
    start: hubMethod(z.tuple([z.unknown().describe('patch'), configSchema]), (_ctx, patch, config) =>
      refusals(() => jobs.start(patch, config)),
    ),
    progress: hubStream(
      z.tuple([id]),
      (ctx, backtestId) => {
        refusalsSync(() => jobs.frame(backtestId));
        return pushStream<BacktestProgressFrame>({ signal: ctx.signal, capacity: 1 }, (sink) => {
          let sent = '';
          const tick = (): void => {
            const frame = jobs.frame(backtestId);
            const key = `${frame.state}:${frame.barsDone}`;
            if (key !== sent) {
              sent = key;
              sink.push(frame);
            }
            if (frame.state !== 'running') sink.end();
          };
          tick();
          const timer = setInterval(tick, frameIntervalMs);
          return () => clearInterval(timer);
        });
      },
      { coalesce: true },
    ),
    result: hubMethod(z.tuple([id]), (_ctx, backtestId) => refusals(() => jobs.result(backtestId))),
    cancel: hubMethod(z.tuple([id]), (_ctx, backtestId) => refusalsSync(() => jobs.cancel(backtestId))),
    list: hubMethod(
      z.tuple([z.number().int().min(1).max(500).nullish().describe('limit')]),
      async (_ctx, limit) => (await store()).list(limit ?? 100),
    ),
    open: hubMethod(z.tuple([id]), async (_ctx, resultId) => {
      const stored = await (await store()).open(resultId);
      return stored ? outcomeOfStored(stored) : null;
    }),
    compare: hubMethod(z.tuple([id, id]), async (_ctx, a, b) => (await store()).compare(a, b)),
    delete: hubMethod(z.tuple([id]), async (_ctx, resultId) => (await store()).delete(resultId)),
    datasets: hubMethod(z.tuple([]), async () => {
      let market: Store | null;
      try {
        market = await marketStore();
      } catch (error) {
        throw new HubError(`the market store cannot be opened: ${(error as Error).message}`);
      }
      return market ? listStoredDatasets(market) : [];
    }),
    startSweep: hubMethod(
      z.tuple([z.unknown().describe('patch'), sweepConfigSchema.describe('config')]),
      (ctx, patch, config) => refusals(() => sweeps.start(ctx.connectionId, patch, config)),
    ),
    sweepProgress: hubStream(
      z.tuple([id]),
      (ctx, sweepId) => {
        refusalsSync(() => sweeps.frame(sweepId));
        return throttledFrames<SweepProgressFrame>(
          ctx.signal,
          () => sweeps.frame(sweepId),
          (frame) => `${frame.state}:${frame.runsDone}`,
        );
      },
      { coalesce: true },
    ),
    sweepResult: hubMethod(z.tuple([id]), (_ctx, sweepId) => refusals(() => sweeps.result(sweepId))),
    cancelSweep: hubMethod(z.tuple([id]), (_ctx, sweepId) => refusalsSync(() => sweeps.cancel(sweepId))),
    listSweeps: hubMethod(
      z.tuple([z.number().int().min(1).max(500).nullish().describe('limit')]),
      (_ctx, limit) => refusals(() => sweeps.listStored(limit ?? 100)),
    ),
    openSweep: hubMethod(z.tuple([id]), (_ctx, sweepId) => refusals(() => sweeps.openStored(sweepId))),
    deleteSweep: hubMethod(z.tuple([id]), (_ctx, sweepId) => refusals(() => sweeps.deleteStored(sweepId))),
  };
  return defineHub({
    name: 'BacktestHub',
    methods,
    onDisconnected: (ctx) => {
      sweeps.cancelOwner(ctx.connectionId);
    },
  });
}

/** Frames read every 1/10 s, sent when their key changed, ended after the first one not running. */
function throttledFrames<F extends { state: string }>(
  signal: AbortSignal,
  read: () => F,
  key: (frame: F) => string,
): AsyncIterable<F> {
  return pushStream<F>({ signal, capacity: 1 }, (sink) => {
    let sent = '';
    const tick = (): void => {
      const frame = read();
      const now = key(frame);
      if (now !== sent) {
        sent = now;
        sink.push(frame);
      }
      if (frame.state !== 'running') sink.end();
    };
    tick();
    const timer = setInterval(tick, frameIntervalMs);
    return () => clearInterval(timer);
  });
}

async function refusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BacktestRefusedError) throw new HubError(error.message);
    throw error;
  }
}

function refusalsSync<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof BacktestRefusedError) throw new HubError(error.message);
    throw error;
  }
}
