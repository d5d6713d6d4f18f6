// TradeHub (/hubs/trades): the account of a patch's paper run. `snapshot` answers the whole
// state; `stream` sends a snapshot, then one frame per tick with changes (bounded: a slow client
// loses the oldest frames, and a snapshot call resynchronises it), until the run ends.
// `cancelOrder` and `flatten` act between ticks.
import { z } from 'zod';
import type { ParityReport, RecordingSummary } from '@patchdesk/modules/contracts/parity';
import type { TradeHubMethods, TradingFrame, TradingSnapshot } from '@patchdesk/modules/contracts/trading';
import type { TradingDesk } from '../trading/desk/trading-desk';
import { streamWithCallerErrors, withCallerErrors } from './domain-errors';
import { pushStream } from './push-stream';
import { defineHub, HubError, hubMethod, hubStream } from './signalr/index';
import type { HubDefinition } from './signalr/index';

/** Frames held for a slow client (about 25 s of a 10 Hz run) before the oldest are dropped. */
export const tradeStreamBacklogMax = 256;

const patchName = z.string().min(1).max(200);
const clientOrderId = z.string().min(1).max(64);
const symbol = z.string().min(1).max(64);

const runId = z.string().min(1).max(300);

/** What TradeHub needs of run recordings (null: the server keeps no store, so none are made). */
export interface ParityChecks {
  list(patchName: string): Promise<RecordingSummary[]>;
  check(runId: string): Promise<ParityReport>;
}

export function createTradeHub(desk: TradingDesk, parity: ParityChecks | null = null): HubDefinition {
  const checks = (): ParityChecks => {
    if (!parity)
      throw new HubError(
        'this server keeps no database, so paper runs are not recorded and parity cannot be checked',
      );
    return parity;
  };
  const methods: Record<keyof TradeHubMethods, ReturnType<typeof hubMethod>> = {
    snapshot: hubMethod(z.tuple([patchName.describe('patchName')]), (_ctx, name) =>
      withCallerErrors(() => desk.snapshot(name)),
    ),
    stream: hubStream(z.tuple([patchName.describe('patchName')]), (ctx, name) =>
      streamWithCallerErrors(
        () => desk.snapshot(name), // a patch without a paper run is refused with the reason
        () =>
          pushStream<TradingSnapshot | TradingFrame>(
            { signal: ctx.signal, capacity: tradeStreamBacklogMax },
            (sink) => desk.streamFrames(name, sink),
          ),
      ),
    ),
    cancelOrder: hubMethod(
      z.tuple([patchName.describe('patchName'), clientOrderId.describe('clientOrderId')]),
      (_ctx, name, id) => withCallerErrors(() => desk.cancelOrder(name, id)),
    ),
    flatten: hubMethod(
      z.tuple([patchName.describe('patchName'), symbol.describe('symbol')]),
      (_ctx, name, sym) => withCallerErrors(() => desk.flatten(name, sym)),
    ),
    recordings: hubMethod(z.tuple([patchName.describe('patchName')]), (_ctx, name) => checks().list(name)),
    // a backtest of the whole run: seconds for a long one, on the caller's request only
    parity: hubMethod(z.tuple([runId.describe('runId')]), (_ctx, id) =>
      withCallerErrors(() => checks().check(id)),
    ),
  };
  return defineHub({ name: 'TradeHub', methods });
}
