// No order on old data: when the newest market data is older than a limit (a feed that
// stalled, a venue that stopped sending), a decision made on it is blocked. Cancels pass.
// Two clocks are checked: the data time (the input, else the broker feed's) against the tick,
// and, in a run that reads live market streams, every stream of the order's symbol: one the
// bridge flags stale, or whose newest event is older than the limit, blocks the order.
import { defineModule } from '../../sdk/define-module';
import { param } from '../../sdk/params';
import { port } from '../../sdk/ports';
import type { RiskDenialOf } from '../../sdk/risk-codes';
import {
  blockIntent,
  createGateEvent,
  gateOutputs,
  intentInput,
  marketOf,
  passIntent,
} from './internal/gate';
import type { MarketFeed } from '../../sdk/market-feed';

export const staleData = defineModule({
  type: 'risk/stale-data',
  category: 'risk',
  title: 'Stale-data guard',
  description: 'Blocks an order when the market data it was decided on is older than a number of seconds.',
  inputs: {
    in: intentInput,
    dataTimeMs: port.number({
      required: false,
      description:
        "Time of the newest data, UTC milliseconds; unconnected: the broker feed's last market data for the symbol.",
    }),
  },
  outputs: gateOutputs,
  params: {
    maxAgeSeconds: param.float({
      default: 10,
      min: 0,
      max: 86_400,
      description: 'Oldest data allowed, in seconds.',
    }),
  },
  init: ({ maxAgeSeconds }) => ({
    event: createGateEvent('risk/stale-data'),
    denial: {
      code: 'DATA_STALE',
      ageMs: Number.NaN,
      maxAgeMs: maxAgeSeconds * 1000,
    } as RiskDenialOf<'DATA_STALE'>,
  }),
  step(state, inputs, outputs, ctx) {
    const intent = inputs.in;
    if (intent === null || !ctx.inputChanged('in')) return false;
    if (intent.action === 'cancel') return passIntent(outputs, intent);
    let dataTimeMs = inputs.dataTimeMs;
    if (dataTimeMs !== dataTimeMs) {
      const market = marketOf(ctx.feeds, intent.symbol);
      if (market !== undefined) dataTimeMs = market.dataAtMs;
    }
    // No data time at all counts as stale (age NaN): the guard fails closed.
    const ageMs = ctx.timeMs - dataTimeMs;
    const streamAgeMs = staleStreamAgeMs(ctx.feeds.market, intent.symbol, state.denial.maxAgeMs);
    if (ageMs <= state.denial.maxAgeMs && streamAgeMs === null) return passIntent(outputs, intent);
    state.denial.ageMs = streamAgeMs ?? ageMs;
    return blockIntent(state.event, outputs, ctx, state.denial, intent);
  },
});

/**
 * The age of the first live stream of `symbol` (any venue) that is stale: flagged by the
 * bridge or older than `maxAgeMs` (NaN: it never had an event). Null when none is, or the run
 * reads no live streams of that symbol.
 */
function staleStreamAgeMs(
  market: MarketFeed | null | undefined,
  symbol: string,
  maxAgeMs: number,
): number | null {
  if (market === null || market === undefined) return null;
  for (const stream of market.streams) {
    if (stream.symbol !== symbol) continue;
    if (stream.stale || stream.dataAgeMs > maxAgeMs) return stream.dataAgeMs;
  }
  return null;
}
